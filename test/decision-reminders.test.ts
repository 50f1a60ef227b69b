// Working-day deadlines across Tết, reminders sent once with two workers, escalation when overdue, and the
// pg-boss queues on the same database.
import assert from 'node:assert/strict';
import { DecisionService } from '../services/decisions/decision-service.js';
import { BotNotifier, type ProactiveAdapter, type ProactiveContext } from '../services/notifications/bot-notifier.js';
import { OutboxOnlyNotifier, undeliveredNotifications } from '../services/notifications/notifier.js';
import { ReminderService } from '../services/jobs/reminder-service.js';
import { enqueueNow, JOB_QUEUES, startDecisionJobs } from '../services/jobs/decision-jobs.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';

/** A loopback stand-in for the Bot Connector side of the adapter: records what would be sent, to whom. */
class RecordingAdapter implements ProactiveAdapter {
  readonly sent: { conversationId: string; text: string }[] = [];
  failFor = new Set<string>();
  async continueConversationAsync(_appId: string, reference: never, logic: (c: ProactiveContext) => Promise<void>): Promise<void> {
    const ref = reference as { conversation: { id: string } };
    if (this.failFor.has(ref.conversation.id)) throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    await logic({
      activity: { conversation: ref.conversation },
      sendActivity: async (a: never) => {
        this.sent.push({ conversationId: ref.conversation.id, text: String((a as { text?: string }).text ?? '') });
        return {};
      },
    });
  }
  async createConversationAsync(): Promise<void> {
    throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
  }
}

describe('deadlines, reminders and escalation', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let proposalId: string;
  const adapter = new RecordingAdapter();
  const render = async (row: { kind: string }) => ({ type: 'message', text: row.kind });
  const worker = () => new ReminderService(db.dataSource, new BotNotifier(db.dataSource, adapter, { render: render as never }));

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    for (const key of ['scHead', 'haHead']) {
      await db.dataSource.query(
        `INSERT INTO channel_account (officer_id, channel, external_user_id, conversation_reference, linked_at)
         VALUES ($1, 'msteams', $2, $3::jsonb, now())`,
        [p[key], `29:${key}`, JSON.stringify({ channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1', conversation: { id: `conv-${key}` } })],
      );
    }
    // Received Friday 13/02/2026, the eve of the Tết break (14–22/02): due Tuesday 03/03/2026.
    const service = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), { today: () => '2026-02-13' });
    proposalId = (await createSubmittedProposal(db.dataSource, p.scStaff!)).id;
    await service.routeSubmitted(proposalId, p.scStaff!);
    const [row] = (await db.dataSource.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM decision WHERE proposal_id = $1`, [proposalId])) as { due: string }[];
    assert.equal(row!.due, '2026-03-03');
  });
  after(async () => db?.dispose());

  const sentTo = (key: string) => adapter.sent.filter((s) => s.conversationId === `conv-${key}`).map((s) => s.text);

  it('nothing before the reminder day', async () => {
    assert.deepEqual(await worker().run('2026-02-26'), { reminders: 0, escalations: 0 });
  });

  it('two working days before the due date (across a weekend): one reminder, even with two workers at once', async () => {
    // 03/03 − 2 working days = Friday 27/02.
    const runs = await Promise.all([worker().run('2026-02-27'), worker().run('2026-02-27'), worker().run('2026-02-28')]);
    assert.equal(runs.reduce((n, r) => n + r.reminders, 0), 1);
    assert.deepEqual(sentTo('scHead'), ['decision.reminder']);
    await worker().run('2026-03-02');
    assert.deepEqual(sentTo('scHead'), ['decision.reminder']);
  });

  it('on the due date: one more reminder', async () => {
    await Promise.all([worker().run('2026-03-03'), worker().run('2026-03-03')]);
    assert.deepEqual(sentTo('scHead'), ['decision.reminder', 'decision.reminder']);
  });

  it('overdue: escalated once to the Department of Home Affairs', async () => {
    await Promise.all([worker().run('2026-03-04'), worker().run('2026-03-05')]);
    assert.deepEqual(sentTo('haHead'), ['decision.escalation']);
  });

  it('a delivery that fails stays in the outbox for Home Affairs, and is retried', async () => {
    adapter.failFor.add('conv-haHead');
    const service = new DecisionService(db.dataSource, new BotNotifier(db.dataSource, adapter, { render: render as never }), { today: () => '2026-03-05' });
    const { id } = await createSubmittedProposal(db.dataSource, p.healthStaff!); // no head: Home Affairs is told
    await service.routeSubmitted(id, p.healthStaff!);
    const failed = await undeliveredNotifications(db.dataSource);
    assert.ok(failed.some((f) => f.proposalId === id && f.kind === 'decision.queue' && /403/.test(f.lastError ?? '')));
    adapter.failFor.clear();
    const notifier = new BotNotifier(db.dataSource, adapter, { render: render as never });
    await notifier.retryDue(new Date(Date.now() + 24 * 3600_000));
    assert.ok(!(await undeliveredNotifications(db.dataSource)).some((f) => f.proposalId === id && f.kind === 'decision.queue'));
  });

  it('pg-boss runs on the same database: queues created at start, a reminder sweep job completes', async function () {
    this.timeout(120_000);
    const jobs = await startDecisionJobs(db.dataSource, new OutboxOnlyNotifier());
    try {
      for (const q of Object.values(JOB_QUEUES)) assert.ok(await jobs.boss.getQueue(q), `queue ${q}`);
      const id = await enqueueNow(jobs.boss, JOB_QUEUES.reminders);
      let state: string | undefined;
      for (let i = 0; i < 120 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = (await jobs.boss.getJobById(JOB_QUEUES.reminders, id))?.state;
      }
      assert.equal(state, 'completed');
    } finally {
      await jobs.stop();
    }
  });
});
