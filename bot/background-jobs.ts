// The background work of a bot process: reminders, escalations, outbox retries and the after-decision
// sweeps, all on pg-boss in the bot's own database. Every process runs them; pg-boss hands each scheduled
// job to one worker and the dedupe keys make a repeated sweep harmless.
import { startDecisionJobs } from '../services/jobs/decision-jobs.js';
import { startAfterDecisionJobs } from '../services/implementation/after-decision-jobs.js';
import { startCampaignJobs } from '../services/campaigns/campaign-jobs.js';
import type { Container } from './container.js';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

export async function startBackgroundJobs(container: Container): Promise<BackgroundJobs> {
  const { dataSource, notifier, workflow } = container;
  const jobs = await startDecisionJobs(dataSource, notifier, { workflow });
  await startAfterDecisionJobs(jobs.boss, dataSource, notifier, { workflow });
  await startCampaignJobs(jobs.boss, dataSource, container.campaigns.dispatcher, workflow);
  return { stop: () => jobs.stop() };
}
