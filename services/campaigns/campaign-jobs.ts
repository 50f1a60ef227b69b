// The campaigns' background work on the process's pg-boss: every minute, delivery of campaign rows that
// are due (new ones a restart left, failed ones whose back-off has passed); every hour of the working day,
// the reminder sweep (its dedupe keys make a repeated sweep harmless), then delivery of the reminders.
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days.js';
import { countingFailures, createQueueOnce } from '../jobs/create-queue.js';
import { logger } from '../platform/logger.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import type { CampaignDispatcher } from './campaign-dispatcher.js';
import { sweepCampaignReminders } from './campaign-reminders.js';

export const CAMPAIGN_QUEUES = { dispatch: 'campaign-dispatch', reminders: 'campaign-reminders' } as const;

export async function startCampaignJobs(
  boss: PgBoss,
  ds: DataSource,
  dispatcher: CampaignDispatcher,
  workflow: WorkflowConfig,
): Promise<void> {
  const calendar = new WorkingCalendar(workflow.calendar);
  for (const name of Object.values(CAMPAIGN_QUEUES)) await createQueueOnce(boss, name);
  await boss.schedule(CAMPAIGN_QUEUES.dispatch, '* * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.schedule(CAMPAIGN_QUEUES.reminders, '0 8-17 * * 1-5', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(
    CAMPAIGN_QUEUES.dispatch,
    countingFailures(CAMPAIGN_QUEUES.dispatch, async () => {
      dispatcher.kick();
      await dispatcher.idle();
    }),
  );
  await boss.work(
    CAMPAIGN_QUEUES.reminders,
    countingFailures(CAMPAIGN_QUEUES.reminders, async () => {
      const reminded = await sweepCampaignReminders(ds, calendar);
      if (reminded) logger.info({ reminded }, 'campaign reminder sweep');
      dispatcher.kick();
    }),
  );
  // Rows a stopped process left are resumed at once, not at the next minute.
  dispatcher.kick();
}
