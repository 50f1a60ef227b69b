// Proactive delivery when the Teams app is not installed for the person: Teams refuses the new 1:1
// conversation (403); where Graph is configured the bot installs itself for them and retries in the chat
// Graph names; otherwise it reaches them on a linked Zalo account; otherwise the message stays in the
// outbox, is listed for the Department of Home Affairs ("HÀNG ĐỢI") and is delivered by a later retry.
// Loopback fakes: the Bot Connector (LoopbackConnector), Microsoft Graph and its token endpoint (FakeGraph),
// Zalo (FakeZalo). A real database and the real bot over HTTP.
import assert from 'node:assert/strict';
import pino from 'pino';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { toActivity } from '../bot/core/core-turn.js';
import { registerDecisionFeature } from '../bot/decision/index.js';
import { logger } from '../services/platform/logger.js';
import { ConfigError } from '../bot/config.js';
import { BotNotifier } from '../services/notifications/bot-notifier.js';
import { loadGraphConfig } from '../services/notifications/graph-config.js';
import { GraphAppInstaller, GraphError } from '../services/notifications/graph-installer.js';
import { enqueueNotification } from '../services/notifications/notifier.js';
import { ZaloLinkService } from '../services/zalo/zalo-link-service.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { CATALOG_APP, FakeGraph, GRAPH_CLIENT, GRAPH_SECRET, GRAPH_TENANT, graphEnv } from './helpers/fake-graph.js';
import { FakeZalo, startZaloHarness, type ZaloHarness } from './helpers/fake-zalo.js';

const TEST_KIND = 'test.delivery';
const HEAD = 'gd.skhcn@test.invalid';
const DEPUTY = 'pgd1.skhcn@test.invalid';
const STAFF = 'cv.skhcn@test.invalid';
const HOME_AFFAIRS = 'gd.snv@test.invalid';
/** Everything the logger writes while `fn` runs, at debug level. */
async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const sym = pino.symbols.streamSym as unknown as keyof typeof logger;
  const target = logger as unknown as Record<PropertyKey, unknown>;
  const original = target[sym];
  const level = logger.level;
  const lines: string[] = [];
  target[sym] = { write: (s: string) => void lines.push(s) };
  logger.level = 'debug';
  try {
    return { result: await fn(), lines };
  } finally {
    target[sym] = original;
    logger.level = level;
  }
}

function notifierOf(h: BotHarness): BotNotifier {
  const notifier = h.server.container.notifier;
  assert.ok(notifier instanceof BotNotifier);
  return notifier;
}

/** Registers the test kind through the renderer registry: a plain text per channel. */
function registerTestKind(notifier: BotNotifier): void {
  notifier.registerRenderer(
    [TEST_KIND],
    async (row, officer, channelId) =>
      toActivity(channelId, `Thông báo thử số ${String(row.payload.n)} gửi ${officer.fullName}.`) as Record<string, unknown>,
  );
}

async function outboxRow(
  h: { db: { dataSource: BotHarness['db']['dataSource'] } },
  id: string,
): Promise<{ state: string; channel: string | null; attempts: number; last_error: string | null }> {
  const [row] = (await h.db.dataSource.query(`SELECT state, channel, attempts, last_error FROM notification_outbox WHERE id = $1`, [
    id,
  ])) as {
    state: string;
    channel: string | null;
    attempts: number;
    last_error: string | null;
  }[];
  return row!;
}

async function notify(h: BotHarness, officerId: string, n: number): Promise<string> {
  const id = await enqueueNotification(h.db.dataSource, { officerId, kind: TEST_KIND, data: { n } });
  assert.ok(id);
  await notifierOf(h).deliver([id]);
  return id;
}

describe('notification delivery when the Teams app is not installed', function () {
  this.timeout(120_000);

  describe('with Graph proactive installation configured', () => {
    const graph = new FakeGraph();
    let h: BotHarness;
    let p: People;
    const logs: string[] = [];

    before(async function () {
      this.timeout(180_000);
      await graph.start();
      h = await startHarness({
        env: graphEnv(graph),
        features: [registerDecisionFeature],
        seed: async (db) => {
          p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
        },
      });
      registerTestKind(notifierOf(h));
      // Someone has talked to the bot on Teams: the service URL and tenant are known.
      await h.user(STAFF).say('xin chào');
    });
    afterEach(() => h?.connector.clearFaults());
    after(async () => {
      await h?.close();
      await graph.stop();
    });

    it('(a) 403 on the new conversation → installed through Graph → the decider card arrives in the new chat', async () => {
      const aad = deterministicAadObjectId(HEAD);
      h.connector.failNext(1, {
        status: 403,
        operations: ['createConversation'],
        body: { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } },
      });
      const { id: proposalId, code } = await createSubmittedProposal(h.db.dataSource, p.scStaff!);
      const { lines } = await captureLogs(() =>
        h.server.container.events.emit('submitted', { proposalId, revision: 1, actorId: p.scStaff! }),
      );
      logs.push(...lines);

      const refused = h.connector.requests.filter((r) => r.operation === 'createConversation' && r.status === 403);
      assert.equal(refused.length, 1, 'Teams refused the 1:1 conversation once');
      const [token] = graph.callsTo(/oauth2\/v2\.0\/token$/);
      assert.ok(token, 'a client-credentials token was requested');
      assert.equal((token.body as Record<string, string>).scope, 'https://graph.microsoft.com/.default');
      assert.equal(graph.callsTo(/teamwork\/installedApps$/, 'POST')[0]?.status, 201);
      assert.equal(graph.callsTo(new RegExp(`/users/${aad}/teamwork/installedApps/[^/]+/chat$`), 'GET')[0]?.status, 200);

      const chatId = graph.chats.get(graph.installations.get(aad)!)!;
      const inChat = h.connector
        .messages(chatId)
        .map((a) => allText([a]))
        .join('\n');
      assert.match(inChat, new RegExp(code), 'the decider card was delivered in the chat Graph named');
      assert.match(inChat, /Ghi ý kiến cấp ủy/); // the decider card: the Party-committee step comes first (Art. 4.3)

      const rows = (await h.db.dataSource.query(
        `SELECT state, channel FROM notification_outbox WHERE officer_id = $1 AND kind LIKE '%card%'`,
        [p.scHead],
      )) as { state: string; channel: string }[];
      assert.ok(rows.length >= 1);
      assert.deepEqual(
        rows.map((r) => [r.state, r.channel]),
        rows.map(() => ['sent', 'msteams']),
      );
      const [account] = (await h.db.dataSource.query(
        `SELECT conversation_reference->'conversation'->>'id' AS chat FROM channel_account WHERE officer_id = $1 AND channel = 'msteams'`,
        [p.scHead],
      )) as { chat: string }[];
      assert.equal(account?.chat, chatId, 'the new chat is remembered');

      // The next message goes straight into that chat: no new conversation, no Graph call.
      const graphCalls = graph.calls.length;
      const creates = h.connector.createdConversations.length;
      const id = await notify(h, p.scHead!, 1);
      assert.equal((await outboxRow(h, id)).state, 'sent');
      assert.match(
        h.connector
          .messages(chatId)
          .map((a) => a.text ?? '')
          .join('\n'),
        /Thông báo thử số 1 gửi Phạm Văn Khoa/,
      );
      assert.equal(graph.calls.length, graphCalls);
      assert.equal(h.connector.createdConversations.length, creates);
    });

    it('(a) an app already installed (409) is looked up, and the token is reused until it expires', async () => {
      const aad = deterministicAadObjectId(DEPUTY);
      const installation = Buffer.from(`${aad}##${CATALOG_APP}`).toString('base64');
      graph.installations.set(aad, installation);
      graph.chats.set(installation, `19:${aad}_existing@unq.gbl.spaces`);
      h.connector.failNext(1, { status: 403, operations: ['createConversation'] });
      const { result: id, lines } = await captureLogs(() => notify(h, p.scDeputy1!, 2));
      logs.push(...lines);
      assert.equal((await outboxRow(h, id)).state, 'sent');
      assert.equal(graph.callsTo(new RegExp(`/users/${aad}/teamwork/installedApps$`), 'POST')[0]?.status, 409);
      assert.match(
        h.connector
          .messages(`19:${aad}_existing@unq.gbl.spaces`)
          .map((a) => a.text ?? '')
          .join('\n'),
        /Thông báo thử số 2/,
      );
      assert.equal(graph.callsTo(/oauth2\/v2\.0\/token$/).length, 1, 'one token for both installations');
    });

    it('(a) a stored conversation Teams no longer knows (404 ConversationNotFound) → new conversation refused → installed → delivered', async () => {
      const email = 'pgd3.skhcn@test.invalid';
      const user = h.user(email);
      await user.say('xin chào');
      h.connector.failNext(1, {
        status: 404,
        // A continued conversation replies to the activity the reference was taken from.
        operations: ['sendToConversation', 'replyToActivity'],
        conversationId: user.conversationId,
        body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } },
      });
      h.connector.failNext(1, { status: 403, operations: ['createConversation'] });
      const id = await notify(h, p.scDeputy3!, 6);
      assert.equal((await outboxRow(h, id)).state, 'sent');
      const aad = deterministicAadObjectId(email);
      const chatId = graph.chats.get(graph.installations.get(aad)!);
      assert.ok(chatId, 'installed through Graph');
      const refused = h.connector.requests.filter((r) => r.conversationId === user.conversationId && r.status === 404);
      assert.equal(refused.length, 1, 'the stored conversation was tried first');
      assert.match(
        h.connector
          .messages(chatId)
          .map((a) => a.text ?? '')
          .join('\n'),
        /Thông báo thử số 6 gửi Tạ Thị Ba/,
      );
      const [account] = (await h.db.dataSource.query(
        `SELECT conversation_reference->'conversation'->>'id' AS chat FROM channel_account WHERE officer_id = $1 AND channel = 'msteams'`,
        [p.scDeputy3],
      )) as { chat: string }[];
      assert.equal(account?.chat, chatId, 'the stale reference was replaced');
    });

    it('(d) the Graph secret and tokens never reach the logs, not even when Graph refuses the secret', async () => {
      const config = loadGraphConfig(graphEnv(graph, { GRAPH_CLIENT_SECRET: `${GRAPH_SECRET}-wrong` }))!;
      const installer = new GraphAppInstaller(config);
      const { result, lines } = await captureLogs(() =>
        installer.installForUser(deterministicAadObjectId(STAFF)).then(
          () => null,
          (err: unknown) => err,
        ),
      );
      assert.ok(result instanceof GraphError);
      assert.equal(result.step, 'token');
      assert.equal(result.status, 401);
      const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.step === 'token');
      assert.equal(refused?.status, 401, 'the status code is logged');
      assert.equal(refused?.graphCode, 'invalid_client');

      const all = [...logs, ...lines].join('');
      assert.ok(logs.length > 0, 'the deliveries above were logged');
      assert.ok(!all.includes(GRAPH_SECRET), 'no secret in the logs');
      for (const token of graph.issuedTokens) assert.ok(!all.includes(token.split('.')[1]!), 'no access token in the logs');
      const errors = (await h.db.dataSource.query(`SELECT coalesce(string_agg(last_error, ' '), '') AS e FROM notification_outbox`)) as {
        e: string;
      }[];
      assert.ok(!errors[0]!.e.includes(GRAPH_SECRET));
    });

    it('(d) Graph refusing the installation (403) keeps the message for a retry, with the status in the reason', async () => {
      graph.installFailures.push(403);
      h.connector.failNext(1, { status: 403, operations: ['createConversation'] });
      const id = await notify(h, p.scDeputy2!, 3);
      const row = await outboxRow(h, id);
      assert.equal(row.state, 'failed');
      assert.match(row.last_error ?? '', /msteams\.create: 403; graph\.install: 403 Forbidden/);
    });
  });

  describe('without Graph: another linked channel', () => {
    const fake = new FakeZalo();
    let z: ZaloHarness;
    let p: People;

    before(async function () {
      this.timeout(180_000);
      await fake.start();
      z = await startZaloHarness({
        fake,
        features: [registerDecisionFeature],
        seed: async (db) => {
          p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
        },
      });
      registerTestKind(notifierOf(z.h));
      await z.h.user(STAFF).say('xin chào');
    });
    after(async () => {
      await z?.close();
      await fake.stop();
    });

    it('(b) 403 from Teams, install not configured → delivered through the linked Zalo account', async () => {
      const head = z.oaUser('9200000000000000001');
      const code = await new ZaloLinkService(z.db.dataSource).issue(p.scHead!, 10);
      const [linked] = await head.say(`LIÊN KẾT ${code}`);
      assert.match(linked!.text, /Phạm Văn Khoa/);

      z.h.connector.failNext(1, { status: 403, operations: ['createConversation'] });
      const id = await notify(z.h, p.scHead!, 4);
      await z.runtime.idle();
      assert.equal(
        z.h.connector.requests.filter((r) => r.operation === 'createConversation' && r.status === 403).length,
        1,
        'Teams was tried first',
      );
      const row = await outboxRow(z.h, id);
      assert.equal(row.state, 'sent');
      assert.equal(row.channel, 'zalo_oa');
      assert.match(
        fake
          .oaDelivered(head.userId)
          .map((m) => m.text)
          .join('\n'),
        /Thông báo thử số 4 gửi Phạm Văn Khoa/,
      );
    });
  });

  describe('without Graph and without another channel', () => {
    let h: BotHarness;
    let p: People;

    before(async function () {
      this.timeout(180_000);
      h = await startHarness({
        features: [registerDecisionFeature],
        seed: async (db) => {
          p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
        },
      });
      registerTestKind(notifierOf(h));
      await h.user(STAFF).say('xin chào');
    });
    after(async () => h?.close());

    it('(c) kept in the outbox, shown in the Home Affairs queue, delivered by a retry once Teams accepts', async () => {
      h.connector.failNext(1, { status: 403, operations: ['createConversation'] });
      const id = await notify(h, p.scHead!, 5);
      let row = await outboxRow(h, id);
      assert.equal(row.state, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /msteams\.create: 403/);

      const queue = allText(await h.user(HOME_AFFAIRS).say('HÀNG ĐỢI'));
      assert.match(queue, /Thông báo chưa gửi được/);
      assert.match(queue, /Phạm Văn Khoa/);
      assert.match(queue, /1 lần thử/);

      // Not due yet: the retry leaves it alone.
      await notifierOf(h).retryDue(new Date());
      assert.equal((await outboxRow(h, id)).attempts, 1);

      // Later, Teams accepts (the app was installed by the setup policy meanwhile).
      const tried = await notifierOf(h).retryDue(new Date(Date.now() + 24 * 3600_000));
      assert.ok(tried >= 1);
      row = await outboxRow(h, id);
      assert.equal(row.state, 'sent');
      assert.equal(row.channel, 'msteams');
      assert.equal(row.attempts, 2);
      const aad = deterministicAadObjectId(HEAD);
      const created = h.connector.createdConversations.filter((c) =>
        (c.parameters.members as { aadObjectId?: string }[]).some((m) => m.aadObjectId === aad),
      );
      const text = h.connector.activities
        .filter((a) => created.some((c) => c.id === a.conversationId))
        .map((a) => allText([a.activity]))
        .join('\n');
      assert.match(text, /Thông báo thử số 5 gửi Phạm Văn Khoa/);
      assert.doesNotMatch(allText(await h.user(HOME_AFFAIRS).say('HÀNG ĐỢI')), /Phạm Văn Khoa/, 'no longer listed');
    });
  });

  describe('configuration', () => {
    it('is off unless GRAPH_PROACTIVE_INSTALL=true; names the missing variable, never the secret', () => {
      assert.equal(loadGraphConfig({}), null);
      assert.equal(loadGraphConfig({ GRAPH_PROACTIVE_INSTALL: 'false', GRAPH_CLIENT_SECRET: GRAPH_SECRET }), null);
      const base = {
        GRAPH_PROACTIVE_INSTALL: 'true',
        GRAPH_TENANT_ID: GRAPH_TENANT,
        GRAPH_CLIENT_ID: GRAPH_CLIENT,
        GRAPH_CLIENT_SECRET: GRAPH_SECRET,
      };
      assert.throws(
        () => loadGraphConfig(base),
        (err: unknown) => err instanceof ConfigError && /TEAMS_APP_CATALOG_ID/.test(err.message) && !err.message.includes(GRAPH_SECRET),
      );
      assert.throws(() => loadGraphConfig({ ...base, TEAMS_APP_CATALOG_ID: CATALOG_APP, GRAPH_CLIENT_SECRET: '' }), /GRAPH_CLIENT_SECRET/);
      assert.throws(() => loadGraphConfig({ ...base, TEAMS_APP_CATALOG_ID: 'not-a-guid' }), /TEAMS_APP_CATALOG_ID/);
      assert.throws(() => loadGraphConfig({ ...base, TEAMS_APP_CATALOG_ID: CATALOG_APP, GRAPH_BASE_URL: 'ftp://x' }), /GRAPH_BASE_URL/);
      const config = loadGraphConfig({ ...base, TEAMS_APP_CATALOG_ID: CATALOG_APP })!;
      assert.equal(config.graphBaseUrl, 'https://graph.microsoft.com');
      assert.equal(config.loginBaseUrl, 'https://login.microsoftonline.com');
    });

    it('reuses the bot registration of a SingleTenant app', () => {
      const config = loadGraphConfig({
        GRAPH_PROACTIVE_INSTALL: 'true',
        TEAMS_APP_CATALOG_ID: CATALOG_APP,
        MICROSOFT_APP_ID: GRAPH_CLIENT,
        MICROSOFT_APP_PASSWORD: GRAPH_SECRET,
        MICROSOFT_APP_TENANT_ID: GRAPH_TENANT,
        MICROSOFT_APP_TYPE: 'SingleTenant',
      })!;
      assert.deepEqual([config.clientId, config.tenantId, config.clientSecret], [GRAPH_CLIENT, GRAPH_TENANT, GRAPH_SECRET]);
      assert.throws(
        () =>
          loadGraphConfig({
            GRAPH_PROACTIVE_INSTALL: 'true',
            TEAMS_APP_CATALOG_ID: CATALOG_APP,
            MICROSOFT_APP_ID: GRAPH_CLIENT,
            MICROSOFT_APP_PASSWORD: 'x',
            MICROSOFT_APP_TYPE: 'MultiTenant',
          }),
        /GRAPH_TENANT_ID/,
      );
    });
  });
});
