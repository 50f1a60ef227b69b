// The web chat on two replicas: two real bot processes on one PostgreSQL behind the round-robin proxy.
// A browser's event stream is held by one process; a reply produced by the other (a turn whose POST
// landed there, a proactive notification its notifier sends) reaches that stream through the web_event
// table and LISTEN/NOTIFY; a stream reopened with Last-Event-ID on the other process gets exactly what it
// missed. Runs only with TEST_DATABASE_URL (PGlite is single-process by design).
// Checked to fail without LISTEN/NOTIFY (the in-process bus on PostgreSQL, as with the in-memory hub
// before): the first proof times out, the reply announced only in the process that ran the turn.
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openDatabase, type Database } from '../entities/data-source.js';
import { Officer } from '../entities/officer.entity.js';
import { DecisionService } from '../services/decisions/decision-service.js';
import { createDecisionLinkMinter, DecisionLinkService } from '../services/web-links/decision-link-service.js';
import { IdentityService } from '../services/directory/identity-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { SessionStore } from '../bot/web/session-store.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { RoundRobinProxy } from './helpers/round-robin-proxy.js';
import { createTestDatabaseOptions } from './helpers/test-database.js';
import { WebClient, webText, type EventStream, type StreamEvent } from './helpers/web-client.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';
import { until } from './helpers/until.js';

const SKIP_REASON = 'PGlite is single-process by design';
const ENV = {
  // The head approves at once: the Party-committee step is tested on its own.
  ...PARTY_STEP_OFF_ENV,
  FILE_LINK_SECRET: 'web-two-replicas-file-link-secret-0123456789',
  WEB_CHAT_ENABLED: 'true',
  WEB_SESSION_SECRET: 'web-two-replicas-session-secret-0123456789',
  // Outside demo the web signs in only with Entra ID; the test makes its sessions directly (never contacted).
  ENTRA_ISSUER: 'http://127.0.0.1:9/issuer',
  ENTRA_CLIENT_ID: 'client-1',
  ENTRA_CLIENT_SECRET: 'entra-secret',
  ENTRA_REDIRECT_URL: 'https://tro-ly.example/auth/callback',
};

describe('web chat on two replicas', function () {
  this.timeout(120_000);
  let drop: () => Promise<void> = async () => undefined;
  let db: Database | undefined;
  let ds: DataSource;
  const bots: BotProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  let people: People;
  let stcStaff: string;
  let stcHead: string;

  before(async function () {
    if (!process.env.TEST_DATABASE_URL) {
      for (const test of this.test?.parent?.tests ?? []) test.title += ` (skipped: ${SKIP_REASON})`;
      this.skip();
    }
    this.timeout(240_000);
    const created = await createTestDatabaseOptions();
    drop = created.drop;
    if (created.options.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const databaseUrl = created.options.url;
    // One after the other: two processes creating the pg-boss queues at once can deadlock at start-up.
    for (let i = 0; i < 2; i++) bots.push(await startBotProcess({ databaseUrl, env: ENV, readyTimeoutMs: 100_000 }));
    db = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 5 });
    ds = db.dataSource;
    people = await seedDecisionDirectory(ds);
    // Sở Tài chính: a head alone, so one "approve" is the whole decision; a staff member proposes.
    const [row] = (await ds.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role) VALUES ('cv.stc@test.invalid', 'Nông Văn Dũng', (SELECT id FROM unit WHERE code = 'STC'), 'Chuyên viên', 'member') RETURNING id`,
    )) as { id: string }[];
    stcStaff = row!.id;
    stcHead = people.financeHead!;
    proxy = await new RoundRobinProxy(bots.map((b) => b.url)).start();
  });

  afterEach(function () {
    if (this.currentTest?.state !== 'failed') return;
    bots.forEach((bot, i) => {
      const lines = bot
        .output()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('{"level":30') && !l.includes('DEP0111') && !l.includes('--trace-deprecation'));
      console.error(`--- bot process ${i}, warnings and errors ---\n${lines.slice(-8).join('\n').slice(-4000)}`);
    });
  });

  after(async function () {
    this.timeout(30_000);
    await Promise.all(bots.map((b) => b.stop()));
    await proxy?.stop();
    await db?.close();
    await drop();
  });

  /** A signed-in browser (a session as Entra sign-in makes it), talking through the proxy. */
  async function browser(officerId: string): Promise<WebClient> {
    const officer = await ds.getRepository(Officer).findOneByOrFail({ id: officerId });
    await new IdentityService(ds).link(officer, { channel: 'web', externalUserId: `web:${officerId}` });
    const { token } = await new SessionStore(ds, 12, false).create(officerId, 'entra');
    const client = new WebClient(proxy!.url);
    await client.get('/');
    client.cookies.set('tld_session', token);
    return client;
  }

  const lastUpstream = (path: string) => [...proxy!.requests].reverse().find((r) => r.path.startsWith(path))!.upstream;

  /** Makes the proxy's next request go to replica `index` (round robin over two live replicas). */
  async function nextOn(client: WebClient, index: number): Promise<void> {
    for (;;) {
      await client.get('/web/api/session');
      if (lastUpstream('/web/api/session') !== index) return;
    }
  }

  const present = (officerId: string) => async () =>
    Number(
      (
        await ds.query(`SELECT count(*)::int AS n FROM web_presence WHERE conversation_id = $1 AND expires_at > now()`, [
          `web:${officerId}`,
        ])
      )[0].n,
    ) > 0;

  async function openStream(
    client: WebClient,
    officerId: string,
    headers: Record<string, string> = {},
  ): Promise<{ stream: EventStream; on: number }> {
    const stream = client.openEvents(headers);
    await stream.ready;
    assert.equal(stream.status, 200);
    await until('the stream to be present', present(officerId));
    return { stream, on: lastUpstream('/web/api/events') };
  }

  const ids = (events: StreamEvent[]) => events.filter((e) => e.event === 'activity').map((e) => e.data.id);

  let lastSeenId = '';
  let staff: WebClient;
  let staffStream: EventStream;

  it('a reply produced on the other replica reaches the stream: a turn whose POST landed there, and a proactive notification its notifier sent', async () => {
    staff = await browser(stcStaff);
    const held = await openStream(staff, stcStaff);
    staffStream = held.stream;
    const other = 1 - held.on;

    await nextOn(staff, other);
    const turn = await staff.post('/web/api/messages', { text: 'trợ giúp' });
    assert.equal(turn.status, 200);
    assert.equal(lastUpstream('/web/api/messages'), other, 'the turn ran on the replica without the stream');
    assert.ok(turn.body.replies.length > 0);
    await staffStream.waitFor((e) => e.data?.id === turn.body.replies.at(-1).id);

    // The head approves on the replica without the stream; its notifier tells the proposer on the web.
    const proposal = await createSubmittedProposal(ds, stcStaff, { title: 'Số hóa sổ theo dõi công văn đến tại Sở Tài chính' });
    await new DecisionService(ds, new OutboxOnlyNotifier(), { config: defaultWorkflowConfig }).routeSubmitted(proposal.id, stcStaff);
    const head = await browser(stcHead);
    await nextOn(head, other);
    const approved = await head.post('/web/api/invoke', { verb: 'decision.approve', data: { proposalId: proposal.id } });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(lastUpstream('/web/api/invoke'), other);
    const notice = await staffStream.waitFor((e) => e.event === 'activity' && webText([e.data]).includes(proposal.code));
    // The row is marked sent once the send returned, just after the browser got it: wait for that write.
    let sent: { channel: string }[] = [];
    for (let i = 0; i < 100 && !sent.some((r) => r.channel === 'web'); i++) {
      sent = (await ds.query(
        `SELECT state, channel FROM notification_outbox WHERE proposal_id = $1 AND officer_id = $2 AND state = 'sent'`,
        [proposal.id, stcStaff],
      )) as { channel: string }[];
      if (!sent.some((r) => r.channel === 'web')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(
      sent.some((r) => r.channel === 'web'),
      'the notice was sent on the web channel',
    );
    lastSeenId = notice.id;
    assert.ok(
      staffStream.events.every((e, i, all) => !e.id || i === 0 || Number(e.id) > Number(all[i - 1]!.id || 0)),
      'in order',
    );
  });

  it('a stream reopened on the other replica with Last-Event-ID gets exactly what it missed; the history is the same on both', async () => {
    assert.ok(lastSeenId, 'needs the first proof');
    const first = lastUpstream('/web/api/events');
    staffStream.close();
    // What the browser would send back as Last-Event-ID: the last stored event it was shown.
    const lastId = [...staffStream.events].reverse().find((e) => e.id)!.id;
    assert.ok(Number(lastId) >= Number(lastSeenId));
    await until('the closed stream to leave', async () => !(await present(stcStaff)()));
    const missed = await staff.post('/web/api/messages', { text: 'tro giup' });
    assert.equal(missed.status, 200);
    assert.ok(missed.body.replies.length > 0);
    const stored = (await ds.query(
      `SELECT seq, activity->>'id' AS id FROM web_event WHERE conversation_id = $1 AND seq > $2 AND kind <> 'user' ORDER BY seq`,
      [`web:${stcStaff}`, lastId],
    )) as { seq: string; id: string }[];
    const expected = stored.map((r) => r.id);
    for (const reply of missed.body.replies as { id: string }[]) assert.ok(expected.includes(reply.id), 'the missed replies are stored');
    const upTo = Number(stored.at(-1)!.seq);

    await nextOn(staff, 1 - first);
    const reopened = await openStream(staff, stcStaff, { 'last-event-id': lastId });
    assert.equal(reopened.on, 1 - first, 'reopened on the other replica');
    try {
      await reopened.stream.waitFor((e) => e.id === String(upTo));
      const caughtUp = reopened.stream.events.filter((e) => e.id && Number(e.id) <= upTo);
      assert.deepEqual(ids(caughtUp), expected, 'everything after Last-Event-ID, each once, in order');
      assert.ok(
        reopened.stream.events.every((e) => !e.id || Number(e.id) > Number(lastId)),
        'nothing the browser had already shown',
      );
    } finally {
      reopened.stream.close();
    }

    const histories = [];
    for (const index of [0, 1]) {
      await nextOn(staff, index);
      const history = await staff.get('/web/api/history');
      assert.equal(history.status, 200);
      histories.push(history.body.events.map((e: { seq: number }) => e.seq));
    }
    assert.deepEqual(histories[0], histories[1]);
    assert.ok(histories[0].length >= 4);
  });
  it('a one-time decision link works across replicas, once; a signed download link from one replica is served by both', async () => {
    const proposal = await createSubmittedProposal(ds, stcStaff, { title: 'Mẫu biểu điện tử cho hồ sơ thanh toán tại Sở Tài chính' });
    await new DecisionService(ds, new OutboxOnlyNotifier(), { config: defaultWorkflowConfig }).routeSubmitted(proposal.id, stcStaff);
    // Issued as the CLI issues it, against the shared database; the link names no replica.
    const url = await createDecisionLinkMinter(
      new DecisionLinkService(ds, { ttlHours: 72 }),
      proxy!.url,
    )({
      officerId: stcHead,
      proposalId: proposal.id,
      decisionId: null,
      scope: 'decide',
    });
    const token = new URL(url).pathname.split('/').pop()!;
    const head = new WebClient(proxy!.url);
    assert.equal((await head.get(`/d/${token}`)).status, 200);
    const opened = await head.post('/web/api/links/open', { token });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    const openedOn = lastUpstream('/web/api/links/open');

    // The plan's download link, signed by the replica that opened the page, fetched from each replica.
    const download = /Kế hoạch đề xuất \(\.docx\): (\S+)/.exec(webText([opened.body.card]))?.[1];
    assert.ok(download, 'the card carries the plan download link');
    const path = new URL(download).pathname + new URL(download).search;
    const served = new Set<number>();
    for (let i = 0; i < 4 && served.size < 2; i++) {
      const file = await head.get(path);
      assert.equal(file.status, 200, `download through replica ${lastUpstream(path.split('?')[0]!)}`);
      assert.match(file.headers.get('content-type') ?? '', /wordprocessingml/);
      served.add(lastUpstream(path.split('?')[0]!));
    }
    assert.equal(served.size, 2, 'both replicas served the file');

    // The act lands on the other replica: the link's browser binding and its single use are in the database.
    await nextOn(head, 1 - openedOn);
    const act = await head.post('/web/api/links/act', { token, verb: 'decision.approve', data: {} });
    assert.equal(act.status, 200, JSON.stringify(act.body));
    assert.equal(lastUpstream('/web/api/links/act'), 1 - openedOn);
    assert.equal(act.body.used, true);
    const [row] = (await ds.query(`SELECT status FROM proposal WHERE id = $1`, [proposal.id])) as { status: string }[];
    assert.equal(row!.status, 'approved');
    // Used up on both replicas.
    for (const index of [0, 1]) {
      await nextOn(head, index);
      const again = await head.post('/web/api/links/open', { token });
      assert.equal(again.status, 410, `replica ${index}`);
    }
  });
});
