// Two processes starting together on a fresh database can deadlock inside pg-boss's create_queue
// (PostgreSQL 40P01). The loser retries: by then the queue exists and creation is a no-op.
import type PgBoss from 'pg-boss';
import { recordJobFailure } from '../platform/metrics.js';

const DEADLOCK = '40P01';

export async function createQueueOnce(boss: PgBoss, name: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, { name, policy: 'singleton' } as never);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== DEADLOCK || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}

/** A worker whose failures are counted in /metrics (and still reach pg-boss, which retries them). */
export function countingFailures(queue: string, handler: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await handler();
    } catch (err) {
      recordJobFailure(queue);
      throw err;
    }
  };
}
