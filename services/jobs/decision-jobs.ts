// pg-boss 10 on the application's own database (the same pg pool as TypeORM, so PGlite's single
// connection is shared): queues are created at start; a cron schedule runs the reminder sweep and the
// outbox retry. Several bot processes may run this: pg-boss hands each scheduled job to one worker, and
// the reminder dedupe keys make a sweep that runs twice harmless anyway.
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import type { Notifier } from '../notifications/notifier.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { ReminderService } from './reminder-service.js';
import { countingFailures, createQueueOnce } from './create-queue.js';

export const JOB_QUEUES = { reminders: 'decision-reminders', outboxRetry: 'notification-retry' } as const;

export interface DecisionJobsOptions {
  /** The workflow rules (deadlines, reminders, calendar). */
  workflow: WorkflowConfig;
  /** Cron for the reminder sweep (Vietnam time); default every day at 07:30. */
  reminderCron?: string;
  /** Cron for the outbox retry; default every 10 minutes. */
  retryCron?: string;
}

export interface DecisionJobs {
  boss: PgBoss;
  reminders: ReminderService;
  stop(): Promise<void>;
}

interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export async function startDecisionJobs(dataSource: DataSource, notifier: Notifier, options: DecisionJobsOptions): Promise<DecisionJobs> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const boss = new PgBoss({
    db: {
      executeSql: (text: string, values: unknown[]) =>
        (values?.length ? pool.query(text, values) : pool.query(text)) as Promise<{ rows: never[] }>,
    },
    schema: 'pgboss',
  });
  boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
  await boss.start();
  const reminders = new ReminderService(dataSource, notifier, { config: options.workflow });
  for (const name of Object.values(JOB_QUEUES)) {
    await createQueueOnce(boss, name);
  }
  await boss.schedule(JOB_QUEUES.reminders, options.reminderCron ?? '30 7 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.schedule(JOB_QUEUES.outboxRetry, options.retryCron ?? '*/10 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(
    JOB_QUEUES.reminders,
    countingFailures(JOB_QUEUES.reminders, async () => {
      const run = await reminders.run();
      logger.info(run, 'reminder sweep');
    }),
  );
  await boss.work(
    JOB_QUEUES.outboxRetry,
    countingFailures(JOB_QUEUES.outboxRetry, async () => {
      await notifier.retryDue();
    }),
  );
  return {
    boss,
    reminders,
    async stop() {
      await boss.stop({ graceful: true, wait: true });
    },
  };
}

/** Runs a job now (start-up catch-up, CLI, tests): returns the job id; null from pg-boss is an error. */
export async function enqueueNow(boss: PgBoss, queue: string, data: object = {}): Promise<string> {
  const id = await boss.send(queue, data);
  if (!id) throw new Error(`pg-boss refused a job for queue ${queue}`);
  return id;
}
