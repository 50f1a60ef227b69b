// Working-day deadlines across Tết, reminders sent once with two workers, escalation when overdue, and the
// pg-boss queues on the same database.
import assert from 'node:assert/strict';
import { DecisionService } from '../services/decisions/decision-service.js';
import { DECISION_NOTICES } from '../services/decisions/decision-notices.js';
import { BotNotifier } from '../services/notifications/bot-notifier.js';
import { ChannelGateways, type StoredReference, type TeamsGateway } from '../services/notifications/channel-gateway.js';
import { OutboxOnlyNotifier, undeliveredNotifications } from '../services/notifications/notifier.js';
import { ReminderService } from '../services/jobs/reminder-service.js';
import { enqueueNow, JOB_QUEUES, startDecisionJobs } from '../services/jobs/decision-jobs.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';

/** A loopback stand-in for the Teams gateway: records what would be sent, to whom. */
class RecordingGateway implements TeamsGateway {
  readonly sent: { conversationId: string; text: string }[] = [];
  failFor = new Set<string>();
  async send(reference: StoredReference, activity: Record<string, unknown>): Promise<void> {
    const id = String(reference.conversation?.id);
    if (this.failFor.has(id)) throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    this.sent.push({ conversationId: id, text: String(activity.text ?? '') });
  }
  async startPersonalChat(): Promise<StoredReference> {
    throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
  }
}

describe('deadlines, reminders and escalation', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let proposalId: string;
  const adapter = new RecordingGateway();
  const render = async (row: { kind: string }) => ({ type: 'message', text: row.kind });
  const notifier = () => {
    const n = new BotNotifier(db.dataSource, new ChannelGateways({}, adapter));
    n.registerRenderer(Object.values(DECISION_NOTICES), render);
    return n;
  };
  const worker = () => new ReminderService(db.dataSource, notifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP });

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    for (const key of ['scHead', 'haHead']) {
      await db.dataSource.query(
        `INSERT INTO channel_account (officer_id, channel, external_user_id, conversation_reference, linked_at)
         VALUES ($1, 'msteams', $2, $3::jsonb, now())`,
        [
          p[key],
          `29:${key}`,
          JSON.stringify({ channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1', conversation: { id: `conv-${key}` } }),
        ],
      );
    }
    // Received Friday 13/02/2026, the eve of the Tết break (14–22/02): due Tuesday 03/03/2026.
    const service = new DecisionService(db.dataSource, new OutboxOnlyNotifier(), {
      config: WORKFLOW_WITHOUT_PARTY_STEP,
      today: () => '2026-02-13',
    });
    proposalId = (await createSubmittedProposal(db.dataSource, p.scStaff!)).id;
    await service.routeSubmitted(proposalId, p.scStaff!);
    const [row] = (await db.dataSource.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM decision WHERE proposal_id = $1`, [
      proposalId,
    ])) as { due: string }[];
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
    assert.equal(
      runs.reduce((n, r) => n + r.reminders, 0),
      1,
    );
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
    const service = new DecisionService(db.dataSource, notifier(), { config: WORKFLOW_WITHOUT_PARTY_STEP, today: () => '2026-03-05' });
    const { id } = await createSubmittedProposal(db.dataSource, p.healthStaff!); // no head: Home Affairs is told
    await service.routeSubmitted(id, p.healthStaff!);
    const failed = await undeliveredNotifications(db.dataSource);
    assert.ok(failed.some((f) => f.proposalId === id && f.kind === 'decision.queue' && /403/.test(f.lastError ?? '')));
    adapter.failFor.clear();
    const retrying = notifier();
    await retrying.retryDue(new Date(Date.now() + 24 * 3600_000));
    assert.ok(!(await undeliveredNotifications(db.dataSource)).some((f) => f.proposalId === id && f.kind === 'decision.queue'));
  });

  it('pg-boss runs on the same database: queues created at start, a reminder sweep job completes', async function () {
    this.timeout(120_000);
    const jobs = await startDecisionJobs(db.dataSource, new OutboxOnlyNotifier(), { workflow: WORKFLOW_WITHOUT_PARTY_STEP });
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
