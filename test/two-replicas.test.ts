// Two replicas, proven: two real bot processes (`node --import tsx bot/main.ts`, as deployed) on one real
// PostgreSQL, behind a loopback round-robin proxy that alternates requests between them, as a Kubernetes
// Service does. Shows that
//  1. concurrent turns of one conversation spread over both processes lose no state (the cross-process
//     advisory turn lock: without it, two processes read the same eTag and one turn's write fails);
//  2. the decider's button pressed 20 times at once through both processes records one decision, one
//     transition, and tells the proposer once;
//  3. the reminder sweep run by both processes' job workers, by the CLI's code path twice in parallel and by
//     the real CLI (`decisions remind`) at the same time sends a due reminder exactly once;
//  4. a process killed (SIGKILL) in the middle of a turn: PostgreSQL frees the turn lock it held, the other
//     process answers the conversation's next messages, and what was committed before the kill is kept.
// Runs only with TEST_DATABASE_URL (real PostgreSQL): PGlite is single-process by design.
// Checked to fail without the advisory lock: with no-op pg_advisory_lock/unlock functions shadowing
// pg_catalog's in the test database (search_path = public, pg_catalog), proof 1 fails (turns answered with
// the internal-error message after ETagConflictError) and so does proof 4 (no lock held by the turn).
import assert from 'node:assert/strict';
import PgBoss from 'pg-boss';
import {
  adaptiveCardActionActivity,
  createChatSession,
  createChatUser,
  deterministicAadObjectId,
  messageActivity,
  type ChatSession,
  type OutgoingActivity,
} from '../tools/chat/activity-factory.js';
import type { ConnectorActivity } from '../tools/chat/connector-types.js';
import { LoopbackConnector } from '../tools/chat/loopback-connector.js';
import { core } from '../services/platform/messages/index.js';
import { openDatabase, type Database } from '../entities/data-source.js';
import { todayVN } from '../services/calendar/local-date.js';
import { DecisionService } from '../services/decisions/decision-service.js';
import { DECISION_NOTICES } from '../services/decisions/decision-notices.js';
import { JOB_QUEUES } from '../services/jobs/decision-jobs.js';
import { ReminderService } from '../services/jobs/reminder-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { allText } from './helpers/bot-harness.js';
import { runCli, startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { RoundRobinProxy } from './helpers/round-robin-proxy.js';
import { createTestDatabaseOptions } from './helpers/test-database.js';
import { PARTY_STEP_OFF_ENV, WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';
import { until } from './helpers/until.js';

const SKIP_REASON = 'PGlite is single-process by design';
const FILE_LINK_SECRET = 'two-replicas-test-file-link-secret-0123456789';
const STC_STAFF = 'cv.stc@test.invalid';
const STC_HEAD = 'gd.stc@test.invalid';
const TITLE = 'Số hóa hồ sơ cấp giấy phép xây dựng tại Bộ phận một cửa cấp xã';

interface Posted {
  activity: OutgoingActivity;
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two replicas on one PostgreSQL', function () {
  this.timeout(90_000);
  let connector: LoopbackConnector;
  let drop: () => Promise<void> = async () => undefined;
  let databaseUrl: string;
  let db: Database | undefined;
  let bots: BotProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  let people: People;

  before(async function () {
    if (!process.env.TEST_DATABASE_URL) {
      for (const test of this.test?.parent?.tests ?? []) test.title += ` (skipped: ${SKIP_REASON})`;
      this.skip();
    }
    this.timeout(120_000);
    connector = await new LoopbackConnector().start();
    const created = await createTestDatabaseOptions();
    drop = created.drop;
    if (created.options.kind !== 'postgres') throw new Error('expected PostgreSQL');
    databaseUrl = created.options.url;
    // Both start on the empty database at once: the migrations run under their advisory lock.
    bots = await Promise.all([0, 1].map(() => startReplica()));
    db = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 5 });
    people = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
    // Sở Tài chính: a head alone (no deputy), so "DUYỆT" is the whole decision; a staff member proposes.
    const [row] = (await db.dataSource.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role, teams_aad_object_id)
       VALUES ($1, 'Nông Văn Dũng', (SELECT id FROM unit WHERE code = 'STC'), 'Chuyên viên', 'member', $2) RETURNING id`,
      [STC_STAFF, deterministicAadObjectId(STC_STAFF)],
    )) as { id: string }[];
    people.stcStaff = row!.id;
    proxy = await new RoundRobinProxy(bots.map((b) => b.url)).start();
  });

  afterEach(function () {
    // A failure in a child process is only visible in its output: show it with the failure.
    if (this.currentTest?.state !== 'failed') return;
    bots.forEach((bot, i) => {
      const lines = bot
        .output()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('{"level":30') && !l.includes('DEP0111') && !l.includes('--trace-deprecation'));
      console.error(
        `--- bot process ${i} (pid ${bot.pid}${bot.exited() ? ', exited' : ''}), warnings and errors ---\n${lines.slice(-8).join('\n').slice(-4000)}`,
      );
    });
  });

  after(async function () {
    this.timeout(30_000);
    await Promise.all(bots.map((b) => b.kill()));
    await proxy?.stop();
    await connector?.stop();
    await db?.close();
    await drop();
  });

  /**
   * Starts one bot process. A process that fails during start-up is started once more, as the orchestrator
   * would restart the pod, with a warning: two processes creating the pg-boss queues at the same moment can
   * deadlock in PostgreSQL (40P01 in pgboss.create_queue), which ends the loser's start-up.
   */
  async function startReplica(): Promise<BotProcess> {
    const start = () => startBotProcess({ databaseUrl, env: { FILE_LINK_SECRET, ...PARTY_STEP_OFF_ENV }, readyTimeoutMs: 100_000 });
    try {
      return await start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!/exited .* before it was ready/.test(message)) throw err;
      console.warn(
        `[two-replicas] a bot process failed at start-up and is started again:\n${message
          .split('\n')
          .filter((l) => !l.includes('DEP0111') && !l.includes('trace-deprecation'))
          .join('\n')
          .slice(-1500)}`,
      );
      return start();
    }
  }

  // ---- talking to the bots through the proxy ---------------------------------------------------------

  function session(email: string): ChatSession {
    const user = createChatUser(email);
    if (!connector.findMember(user.id)) {
      connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId, email, upn: email });
    }
    return createChatSession(user, { serviceUrl: connector.serviceUrl });
  }

  async function post(activity: OutgoingActivity): Promise<Posted> {
    const res = await fetch(`${proxy!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { activity, status: res.status, body };
  }

  /** The messages the bot sent in answer to this activity (replies carry its id). */
  function repliesTo(activity: OutgoingActivity): ConnectorActivity[] {
    return connector.activities
      .filter((a) => a.replyToId === activity.id && a.activity.type === 'message' && a.conversationId === activity.conversation.id)
      .map((a) => a.activity);
  }

  async function say(s: ChatSession, text: string): Promise<string> {
    const { activity, status, body } = await post(messageActivity(s, text));
    assert.equal(status, 200, `POST «${text}»: ${JSON.stringify(body)}`);
    return allText(repliesTo(activity)).replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
  }

  function upstreamOf(activity: OutgoingActivity): number {
    const record = proxy!.requests.find((r) => r.path === '/api/messages' && r.body.includes(activity.id));
    assert.ok(record, `no proxied request for ${activity.id}`);
    return record.upstream;
  }

  async function stateEtag(s: ChatSession): Promise<number> {
    const rows = (await db!.dataSource.query(`SELECT etag FROM bot_state WHERE key = $1`, [
      `${s.channelId}/${s.bot.id}/conversations/${s.conversationId}`,
    ])) as { etag: string }[];
    return rows.length ? Number(rows[0]!.etag) : 0;
  }

  let testStartedAt = 0;
  beforeEach(() => {
    testStartedAt = Date.now();
  });

  /** Errors a process logged during the current test. */
  function serious(bot: BotProcess): string[] {
    return bot
      .logs(50, testStartedAt)
      .map((l) => `${String(l.msg)}: ${String((l.err as { message?: string } | undefined)?.message ?? '')}`);
  }

  // ---- the proofs -------------------------------------------------------------------------------------

  it('concurrent turns of one conversation, spread over both processes, lose no state', async () => {
    const s = session('cv.skhcn@test.invalid');
    // One turn in each process first (start-up work such as loading the knowledge index is done).
    for (const word of ['hướng dẫn', 'hướng dẫn']) assert.match(await say(s, word), /Trợ lý Đổi mới/);
    const before = await stateEtag(s);

    // Twenty different questions at once: each answer stores its own question as the conversation's
    // context, so each turn writes the conversation state once, with the eTag it read.
    const questions = Array.from({ length: 20 }, (_, i) => `Điều ${(i % 10) + 1} Nghị định 73 quy định gì? (câu ${i + 1})`);
    const results = await Promise.all(questions.map((q) => post(messageActivity(s, q))));

    for (const r of results) assert.equal(r.status, 200, `${r.activity.text}: HTTP ${r.status}`);
    const perProcess = [0, 1].map((i) => results.filter((r) => upstreamOf(r.activity) === i).length);
    assert.deepEqual(perProcess, [10, 10], 'the proxy spread the turns over both processes');
    for (const r of results) {
      const replies = repliesTo(r.activity);
      assert.ok(replies.length >= 1, `«${r.activity.text}» got no answer`);
      const text = allText(replies);
      assert.ok(!text.includes(core.internalError) && !text.includes(core.busy), `«${r.activity.text}» failed: ${text.slice(0, 200)}`);
    }
    // Every turn's write landed: twenty writes, one after the other, none lost to an eTag conflict.
    assert.equal((await stateEtag(s)) - before, 20, 'conversation state written once per turn');
    const [state] = (await db!.dataSource.query(`SELECT data FROM bot_state WHERE key = $1`, [
      `${s.channelId}/${s.bot.id}/conversations/${s.conversationId}`,
    ])) as { data: { kbContext?: { question?: string } } }[];
    const last = state!.data.kbContext?.question ?? '';
    assert.ok(
      questions.some((q) => q.toLowerCase() === last),
      `the context is one of the questions: ${last}`,
    );
    for (const bot of bots) assert.deepEqual(serious(bot), [], 'no error logged');
  });

  it("the decider's button pressed 20 times at once through both processes: one decision, the proposer told once", async () => {
    const proposer = session(STC_STAFF);
    const decider = session(STC_HEAD);
    // Both have talked to the bot: their 1:1 conversations are known.
    assert.match(await say(proposer, 'xin chào'), /Xin chào/);
    assert.match(await say(decider, 'xin chào'), /Xin chào/);
    const { id, code } = await createSubmittedProposal(db!.dataSource, people.stcStaff!);
    await new DecisionService(db!.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP }).routeSubmitted(
      id,
      people.stcStaff!,
    );
    const status = async () =>
      ((await db!.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[])[0]!.status;
    assert.equal(await status(), 'under_review');
    const beforeProposer = connector.lastSeq;

    const presses = await Promise.all(
      Array.from({ length: 20 }, () => post(adaptiveCardActionActivity(decider, { verb: 'decision.approve', data: { proposalId: id } }))),
    );
    for (const r of presses) assert.equal(r.status, 200, `HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.deepEqual(
      [0, 1].map((i) => presses.filter((r) => upstreamOf(r.activity) === i).length),
      [10, 10],
    );
    const cards = presses.map((r) => allText([{ attachments: [{ content: (r.body as { value?: unknown } | undefined)?.value }] }]));
    assert.equal(cards.filter((c) => c.includes(`Đã phê duyệt kế hoạch ${code}`)).length, 1, 'one press approved');
    assert.equal(cards.filter((c) => /đã được xử lý/.test(c)).length, 19, 'the others see the decision already made');
    assert.equal(await status(), 'approved');

    const count = async (sql: string) => ((await db!.dataSource.query(sql, [id])) as { n: number }[])[0]!.n;
    assert.equal(await count(`SELECT count(*)::int AS n FROM decision WHERE proposal_id = $1 AND outcome = 'approved'`), 1);
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM collective_vote v JOIN decision d ON v.subject_kind = 'decision' AND d.id = v.subject_id WHERE d.proposal_id = $1`,
      ),
      1,
    );
    assert.equal(await count(`SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND to_status = 'approved'`), 1);
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE proposal_id = $1 AND kind = '${DECISION_NOTICES.proposerOutcome}'`,
      ),
      1,
    );
    // The proposer hears it once, in their conversation.
    await until('the outcome reaches the proposer', async () =>
      connector.activities.some((a) => a.seq > beforeProposer && a.conversationId === proposer.conversationId),
    );
    await sleep(500);
    const told = connector.activities.filter(
      (a) => a.seq > beforeProposer && a.conversationId === proposer.conversationId && a.activity.type === 'message',
    );
    assert.equal(told.length, 1, allText(told.map((a) => a.activity)));
    assert.match(allText([told[0]!.activity]), new RegExp(code));
    for (const bot of bots) assert.deepEqual(serious(bot), [], 'no error logged');
  });

  it('a reminder due today, swept by both processes and the CLI at once, is sent exactly once', async () => {
    const decider = session(STC_HEAD);
    // The decider's conversation is the one they used in the previous test, or a new one now.
    const reference = (await db!.dataSource.query(
      `SELECT a.conversation_reference->'conversation'->>'id' AS id FROM channel_account a JOIN officer o ON o.id = a.officer_id WHERE o.email = $1`,
      [STC_HEAD],
    )) as { id: string | null }[];
    let deciderConversation = reference[0]?.id ?? null;
    if (!deciderConversation) {
      await say(decider, 'xin chào');
      deciderConversation = decider.conversationId;
    }
    const { id, code } = await createSubmittedProposal(db!.dataSource, people.stcStaff!);
    await new DecisionService(db!.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP }).routeSubmitted(
      id,
      people.stcStaff!,
    );
    const today = todayVN();
    await db!.dataSource.query(`UPDATE decision SET due_date = $2 WHERE proposal_id = $1`, [id, today]);
    const [decision] = (await db!.dataSource.query(`SELECT id FROM decision WHERE proposal_id = $1`, [id])) as { id: string }[];
    const beforeSeq = connector.lastSeq;

    // A sender-only pg-boss on the same database (no maintenance, no schedules of its own).
    const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', supervise: false, schedule: false, migrate: false, max: 2 });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      // At the same moment: two sweep jobs for the processes' workers, the CLI's sweep (what `decisions
      // remind` runs: enqueue only) twice in parallel in this process, and the real CLI in a process of its own.
      const cli = runCli(['decisions', 'remind'], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DEMO_MODE: 'false' });
      const [jobIds] = await Promise.all([
        Promise.all([boss.send(JOB_QUEUES.reminders, {}), boss.send(JOB_QUEUES.reminders, {})]),
        new ReminderService(db!.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP }).run(today),
        new ReminderService(db!.dataSource, new OutboxOnlyNotifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP }).run(today),
      ]);
      const { code: cliCode, output: cliOutput } = await cli;
      assert.equal(cliCode, 0, cliOutput);
      assert.match(cliOutput, /Đã lập [01] lời nhắc/);
      // Whoever queued it, the processes deliver it: the outbox retry job, in both processes, twice.
      const retryIds = await Promise.all([boss.send(JOB_QUEUES.outboxRetry, {}), boss.send(JOB_QUEUES.outboxRetry, {})]);
      const all = [...jobIds.map((j) => [JOB_QUEUES.reminders, j] as const), ...retryIds.map((j) => [JOB_QUEUES.outboxRetry, j] as const)];
      for (const [, jobId] of all) assert.ok(jobId, 'pg-boss accepted the job');
      await until(
        'the sweep and retry jobs to complete',
        async () => {
          for (const [queue, jobId] of all) {
            if ((await boss.getJobById(queue, jobId!))?.state !== 'completed') return false;
          }
          return true;
        },
        40_000,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }

    const rows = (await db!.dataSource.query(`SELECT state FROM notification_outbox WHERE kind = $1 AND payload->>'decisionId' = $2`, [
      DECISION_NOTICES.reminder,
      decision!.id,
    ])) as { state: string }[];
    assert.deepEqual(
      rows.map((r) => r.state),
      ['sent'],
      'one reminder row, delivered',
    );
    await sleep(300);
    // (The retry job also delivers the plan's own card to the decider, queued by the routing above.)
    const reminders = connector.activities.filter(
      (a) => a.seq > beforeSeq && a.activity.type === 'message' && /^Nhắc việc:/.test(a.activity.text ?? ''),
    );
    assert.equal(reminders.length, 1, `reminders received: ${reminders.map((a) => a.activity.text).join(' | ')}`);
    assert.equal(reminders[0]!.conversationId, deciderConversation, 'in the decider’s conversation');
    assert.ok(reminders[0]!.activity.text!.includes(code), reminders[0]!.activity.text);
    for (const bot of bots) assert.deepEqual(serious(bot), [], 'no error logged');
  });

  it('a process killed mid-turn: the lock it held is freed, the other process carries on, nothing committed is lost', async () => {
    const s = session('tp.qlkh@test.invalid');
    assert.match(await say(s, 'tạo đề xuất'), /Bước 1\/\d+/);
    assert.match(await say(s, TITLE), /Bước 2\/\d+/); // committed: the title is in the draft

    // The next turn's reply is held by the connector, so the turn is in flight when its process dies.
    connector.delayNext(1, 30_000, { conversationId: s.conversationId, operations: ['replyToActivity', 'sendToConversation'] });
    const inFlight = post(messageActivity(s, 'chuyen doi so'));
    await until('the turn to reach the connector', async () =>
      connector.requests.some((r) => r.conversationId === s.conversationId && r.status === undefined),
    );
    const victim = proxy!.inFlight().find((r) => r.path === '/api/messages')!.upstream;
    const survivor = 1 - victim;
    const lockKey = `${s.channelId}/${s.conversationId}`;
    const lockHolders = async () =>
      (await db!.dataSource.query(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
           AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
        [lockKey],
      )) as { pid: number }[];
    assert.equal((await lockHolders()).length, 1, 'the turn holds the conversation lock');

    await bots[victim]!.kill();
    const dropped = await inFlight;
    assert.equal(dropped.status, 502, 'the proxy reports the dropped request');
    assert.ok(proxy!.isDown(victim));
    // PostgreSQL ends the dead process's sessions and with them its advisory lock.
    await until('the dead process to lose its lock', async () => (await lockHolders()).length === 0, 10_000);

    // The same conversation goes on in the other process, at the step before the interrupted answer.
    const servedBefore = proxy!.servedBy(survivor).length;
    assert.match(await say(s, 'chuyen doi so'), /Bước 3\/\d+/);
    assert.match(await say(s, 'Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.'), /Bước 4\/\d+/);
    const review = await say(s, 'xem lại');
    assert.ok(review.includes(TITLE), review.slice(0, 500));
    assert.equal(proxy!.servedBy(survivor).length - servedBefore, 3, 'the survivor answered');
    const [draft] = (await db!.dataSource.query(
      `SELECT p.title FROM proposal p JOIN officer o ON o.id = p.proposer_id WHERE o.email = 'tp.qlkh@test.invalid' AND p.status = 'draft'`,
    )) as { title: string }[];
    assert.equal(draft?.title, TITLE);
    assert.deepEqual(serious(bots[survivor]!), [], 'no error logged by the survivor');
  });
});
