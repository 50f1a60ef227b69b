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

export class AdvisoryConversationLock implements ConversationLock {
  private readonly chain = new LocalChain();
  private readonly pool: pg.Pool;

  constructor(pgOptions: Record<string, unknown>, poolSize: number) {
    this.pool = new pg.Pool({ ...pgOptions, max: poolSize, application_name: 'tro-ly-doi-moi-locks' });
    // An idle client that loses its server must not crash the process.
    this.pool.on('error', () => undefined);
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.chain.run(key, async () => {
      const client = await this.pool.connect();
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
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
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

  async close(): Promise<void> {
    await this.pool.end();
  }
}
