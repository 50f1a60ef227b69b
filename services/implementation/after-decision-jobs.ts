// The after-decision reminder sweep as a pg-boss queue, the same way as services/jobs/decision-jobs.ts:
// created at start-up, scheduled by cron (Vietnam time), one worker runs each scheduled job; the dedupe
// keys make a sweep that runs twice harmless. Every hour of the working day by default, so a reminder due
// on a day the job missed (a restart) goes out on the next run.
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import type { Notifier } from '../notifications/notifier.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { AfterDecisionReminders } from './after-decision-reminders.js';
import { countingFailures, createQueueOnce } from '../jobs/create-queue.js';

export const AFTER_DECISION_QUEUE = 'after-decision-reminders';

export interface AfterDecisionJobsOptions {
  /** The workflow rules (deadlines, reminders, calendar). */
  workflow: WorkflowConfig;
  /** Cron (Vietnam time); default every hour from 07:30 to 17:30. */
  cron?: string;
}

/** Registers the queue, the schedule and the worker on a started pg-boss (e.g. startDecisionJobs(...).boss). */
export async function startAfterDecisionJobs(
  boss: PgBoss,
  dataSource: DataSource,
  notifier: Notifier,
  options: AfterDecisionJobsOptions,
): Promise<AfterDecisionReminders> {
  const reminders = new AfterDecisionReminders(dataSource, notifier, { config: options.workflow });
  await createQueueOnce(boss, AFTER_DECISION_QUEUE);
  await boss.schedule(AFTER_DECISION_QUEUE, options.cron ?? '30 7-17 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(
    AFTER_DECISION_QUEUE,
    countingFailures(AFTER_DECISION_QUEUE, async () => {
      const run = await reminders.run();
      logger.info(run, 'after-decision reminder sweep');
    }),
  );
  return reminders;
}
