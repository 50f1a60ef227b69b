// The background work of a bot process: reminders, escalations, outbox retries and the after-decision
// sweeps, all on pg-boss in the bot's own database. Every process runs them; pg-boss hands each scheduled
// job to one worker and the dedupe keys make a repeated sweep harmless.
import type { Database } from '../entities/data-source.js';
import { startDecisionJobs } from '../services/jobs/decision-jobs.js';
import { startAfterDecisionJobs } from '../services/implementation/after-decision-jobs.js';
import { decisionFeatureOf } from './decision-feature.js';
import type { BotServer } from './server.js';

export interface BackgroundJobs {
  stop(): Promise<void>;
}

export async function startBackgroundJobs(bot: BotServer, db: Database): Promise<BackgroundJobs> {
  const decisions = decisionFeatureOf(bot.services);
  if (!decisions) return { stop: async () => undefined };
  const jobs = await startDecisionJobs(db.dataSource, decisions.notifier);
  await startAfterDecisionJobs(jobs.boss, db.dataSource, decisions.notifier);
  return { stop: () => jobs.stop() };
}
