// Replies the Bot Connector refuses or does not answer: retried with backoff, delivered once, and the turn
// still answers 200. botbuilder's connector client retries 5xx and 429-with-Retry-After itself; the
// SendRetryMiddleware (bot/core/send-retry.ts) adds 429 without Retry-After and connectors that hang.
import assert from 'node:assert/strict';
import type { BotApplication } from '../bot/app.js';
import { messageActivity } from '../tools/chat/activity-factory.js';
import { registerFeatures } from '../bot/features.js';
import { isRetryableSendError, sendWithRetry, SendRetryMiddleware, SendTimeoutError } from '../bot/core/send-retry.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const HELP = /Trợ lý Đổi mới giúp anh\/chị/;

/** How the integrator wires it: one line on the adapter (here through a feature, for the test). */
function sendRetry(bot: BotApplication): void {
  // The attempt timeout must outlast the connector client's own retries of 5xx (~1 s + ~2 s here), or an
  // attempt still being retried inside the client would be abandoned and sent a second time.
  bot.app.adapter.use(new SendRetryMiddleware({ baseDelayMs: 100, attemptTimeoutMs: 5000, budgetMs: 15_000 }));
}

describe('resilience: connector failures on replies', function () {
  this.timeout(60_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerFeatures, sendRetry] });
    await h.user(staff.email).say('hướng dẫn');
  });
  after(async () => h?.close());
  afterEach(() => h.connector.clearFaults());

  const replyCalls = (from: number) =>
    h.connector.requests.slice(from).filter((r) => r.operation === 'replyToActivity' || r.operation === 'sendToConversation');

  for (const status of [503, 502, 500]) {
    it(`retries a reply answered ${status} twice and delivers it once`, async () => {
      const user = h.user(staff.email);
      const before = h.connector.requests.length;
      h.connector.failNext(2, { status, operations: ['replyToActivity', 'sendToConversation'], conversationId: user.conversationId });
      const { status: http, replies } = await user.post(messageActivity(user.session, 'hướng dẫn'));
      assert.equal(http, 200);
      assert.equal(replies.length, 1, 'delivered exactly once');
      assert.match(allText(replies), HELP);
      const calls = replyCalls(before);
      assert.deepEqual(
        calls.map((c) => c.status),
        [status, status, 200],
        JSON.stringify(
          calls.map((c) => [
            c.seq,
            c.operation,
            c.status,
            c.receivedAt.getTime(),
            c.simulated,
            (c.body as { text?: string })?.text?.slice(0, 20),
            (c.body as { type?: string })?.type,
          ]),
        ),
      );
      // Backoff: the attempts are spread out, not fired back to back.
      const gaps = calls.slice(1).map((c, i) => c.receivedAt.getTime() - calls[i].receivedAt.getTime());
      assert.ok(
        gaps.every((g) => g >= 50),
        `gaps ${gaps.join(', ')} ms`,
      );
    });
  }

  it('retries a 429 without Retry-After (the connector client alone gives up on it)', async () => {
    const user = h.user(staff.email);
    const before = h.connector.requests.length;
    h.connector.failNext(1, { status: 429, operations: ['replyToActivity', 'sendToConversation'], conversationId: user.conversationId });
    const { status, replies } = await user.post(messageActivity(user.session, 'hướng dẫn'));
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
    assert.match(allText(replies), HELP);
    assert.deepEqual(
      replyCalls(before).map((c) => c.status),
      [429, 200],
    );
  });

  it('honours Retry-After on a 429', async () => {
    const user = h.user(staff.email);
    const before = h.connector.requests.length;
    h.connector.failNext(1, {
      status: 429,
      retryAfterSeconds: 1,
      operations: ['replyToActivity', 'sendToConversation'],
      conversationId: user.conversationId,
    });
    const { replies } = await user.post(messageActivity(user.session, 'hướng dẫn'));
    assert.match(allText(replies), HELP);
    const [first, second] = replyCalls(before);
    assert.ok(second.receivedAt.getTime() - first.receivedAt.getTime() >= 900, 'waited about the second asked for');
  });

  it('abandons a reply the connector does not answer and sends it again', async () => {
    const user = h.user(staff.email);
    h.connector.delayNext(1, 15_000, { operations: ['replyToActivity', 'sendToConversation'], conversationId: user.conversationId });
    const started = Date.now();
    const { status } = await user.post(messageActivity(user.session, 'hướng dẫn'));
    const took = Date.now() - started;
    assert.equal(status, 200);
    assert.ok(took < 12_000, `the turn did not wait for the hung call (${took} ms)`);
    const delivered = h.connector.messages(user.conversationId).filter((m) => HELP.test(m.text ?? ''));
    assert.ok(delivered.length >= 1, 'the retry delivered the reply');
  });

  it('does not retry what retrying cannot fix (400, 401, 403, 404)', async () => {
    for (const status of [400, 401, 403, 404]) {
      assert.equal(isRetryableSendError({ statusCode: status }), false, String(status));
    }
    assert.equal(isRetryableSendError(new SendTimeoutError(10)), true);
    assert.equal(isRetryableSendError({ code: 'ECONNRESET' }), true);
    let attempts = 0;
    await assert.rejects(
      sendWithRetry(
        async () => {
          attempts++;
          throw Object.assign(new Error('bad request'), { statusCode: 400 });
        },
        { baseDelayMs: 1 },
      ),
      /bad request/,
    );
    assert.equal(attempts, 1);
  });

  it('gives up after the last attempt, and the process keeps serving', async () => {
    let attempts = 0;
    const started = Date.now();
    await assert.rejects(
      sendWithRetry(
        async () => {
          attempts++;
          throw Object.assign(new Error('unavailable'), { statusCode: 503 });
        },
        { maxAttempts: 4, baseDelayMs: 20 },
      ),
      /unavailable/,
    );
    assert.equal(attempts, 4);
    assert.ok(Date.now() - started >= 20 * 0.75 * (1 + 2 + 4), 'waited between attempts, doubling');
    assert.match(allText(await h.user(staff.email).say('hướng dẫn')), HELP);
  });

  it('reuses its connections to the connector between turns, as with the real Bot Connector', async () => {
    const user = h.user(staff.email);
    const opened = h.connector.connectionsOpened;
    let replies = 0;
    for (let i = 0; i < 6; i++) replies += (await user.say('hướng dẫn')).length;
    assert.ok(replies >= 6, `each turn answered (${replies} replies)`);
    // One connection, or two if the first idled out; one per call when the connector's keep-alive was 1 s
    // (Node's client drops a connection whose server keeps it for 1 s or less).
    assert.ok(h.connector.connectionsOpened - opened <= 2, `${h.connector.connectionsOpened - opened} connections for 6 turns`);
  });
});
