// Delivers the outbox rows of campaigns in batches, several at a time, through the one notifier (its
// channels, fall-backs, rate and retries are those of every notification). Rows are read from the
// database, never held in memory: a restart resumes where the outbox says, and the notifier's claim
// (UPDATE … RETURNING) means a row is sent once even when two processes dispatch together. stop() lets the
// messages in flight finish, so none is sent without being marked.
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import { CAMPAIGN_KINDS } from './campaign-service.js';

export interface BatchDeliverer {
  deliverDue(ids: readonly string[], concurrency: number): Promise<void>;
}

export interface DispatcherOptions {
  concurrency: number;
  batchSize?: number;
  /** Rows tried this often stay failed for Home Affairs (as the notifier's retry does). */
  maxAttempts?: number;
}

export class CampaignDispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly notifier: BatchDeliverer,
    private readonly options: DispatcherOptions,
  ) {}

  /** Starts delivering due campaign rows in the background (again after the current pass, if one runs). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((err: unknown) => logger.warn({ err: { message: (err as Error).message } }, 'campaign dispatch failed'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no pass is running (tests, the job). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking new rows; waits for the messages in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async loop(): Promise<void> {
    const batch = this.options.batchSize ?? 200;
    while (!this.stopped) {
      const rows = (await this.ds.query(
        `SELECT id FROM notification_outbox
          WHERE kind = ANY($1) AND state IN ('pending','failed') AND attempts < $2 AND next_attempt_at <= now()
          ORDER BY id LIMIT $3`,
        [CAMPAIGN_KINDS, this.options.maxAttempts ?? 8, batch],
      )) as { id: string }[];
      if (!rows.length) return;
      // Smaller slices, so that a stop waits at most for one slice in flight.
      const ids = rows.map((r) => String(r.id));
      const slice = this.options.concurrency * 4;
      for (let i = 0; i < ids.length && !this.stopped; i += slice) {
        await this.notifier.deliverDue(ids.slice(i, i + slice), this.options.concurrency);
      }
    }
  }
}
