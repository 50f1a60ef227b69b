// Turns of one conversation run one at a time: in this process through a promise chain per key,
// and across processes (real PostgreSQL only) through a session advisory lock, which PostgreSQL
// releases by itself if the holding process dies.
import pg from 'pg';

export interface ConversationLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

class LocalChain {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}

export class InProcessConversationLock implements ConversationLock {
  private readonly chain = new LocalChain();
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.chain.run(key, fn);
  }
  async close(): Promise<void> {}
}

/**
 * The turn could not get its conversation in time: another process holds the conversation's lock, or
 * the database did not answer. The caller answers with the busy message; the channel retries the turn.
 */
export class ConversationBusyError extends Error {
  constructor(
    readonly reason: 'held' | 'unavailable',
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(reason === 'held' ? 'conversation lock held by another turn' : 'database unavailable for the conversation lock', options);
    this.name = 'ConversationBusyError';
  }
}

export interface AdvisoryLockOptions {
  /** How long a turn waits for its conversation (connection included) before ConversationBusyError. */
  waitMs?: number;
  /** Pause between two attempts while another process holds the lock. */
  retryMs?: number;
}

/** Short enough that a turn answers the busy message within 5 s. */
export const DEFAULT_TURN_LOCK_WAIT_MS = 4000;

export class AdvisoryConversationLock implements ConversationLock {
  private readonly chain = new LocalChain();
  private readonly pool: pg.Pool;
  private readonly waitMs: number;
  private readonly retryMs: number;

  constructor(pgOptions: Record<string, unknown>, poolSize: number, options: AdvisoryLockOptions = {}) {
    this.waitMs = options.waitMs ?? DEFAULT_TURN_LOCK_WAIT_MS;
    this.retryMs = options.retryMs ?? 50;
    this.pool = new pg.Pool({
      ...pgOptions,
      max: poolSize,
      application_name: 'tro-ly-doi-moi-locks',
      // Waiting for a connection counts against the same bound as waiting for the lock.
      connectionTimeoutMillis: this.waitMs,
    });
    // An idle client that loses its server must not crash the process.
    this.pool.on('error', () => undefined);
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.chain.run(key, async () => {
      const started = Date.now();
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw new ConversationBusyError('unavailable', Date.now() - started, { cause: err });
      }
      // A checked-out client has no listener of pg-pool's: if the server goes away while the turn runs,
      // its 'error' event would be an uncaught exception and stop the process. The unlock below fails
      // instead, and the client is destroyed.
      let lost = false;
      const onError = () => {
        lost = true;
      };
      client.on('error', onError);
      const release = (destroy: boolean) => {
        client.off('error', onError);
        client.release(destroy);
      };
      try {
        await this.acquire(client, key, started);
      } catch (err) {
        release(true);
        throw err;
      }
      let destroy = false;
      try {
        return await fn();
      } finally {
        try {
          if (lost) throw new Error('lock connection lost');
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        } catch {
          // The connection may still hold the lock: destroying it makes the server free it.
          destroy = true;
        }
        release(destroy);
      }
    });
  }

  /**
   * pg_try_advisory_lock until the deadline: pg_advisory_lock would wait for ever (the lock of a stuck
   * turn, a paused server). Each attempt has a client-side bound too, as a paused server never answers.
   */
  private async acquire(client: pg.PoolClient, key: string, started: number): Promise<void> {
    for (;;) {
      const remaining = this.waitMs - (Date.now() - started);
      let locked: boolean;
      try {
        const result = await client.query<{ locked: boolean }>({
          text: 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
          values: [key],
          query_timeout: Math.max(remaining, 250),
        } as pg.QueryConfig);
        locked = result.rows[0]?.locked === true;
      } catch (err) {
        throw new ConversationBusyError('unavailable', Date.now() - started, { cause: err });
      }
      if (locked) return;
      if (Date.now() - started + this.retryMs >= this.waitMs) throw new ConversationBusyError('held', Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
