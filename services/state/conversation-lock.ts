// Turns of one conversation run one at a time: in this process through a promise chain per key,
// and across processes (real PostgreSQL only) through a session advisory lock, which PostgreSQL
// releases by itself if the holding process dies. A few sessions hold the locks of every conversation.
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

/**
 * One PostgreSQL session holding the advisory locks of many conversations at once: a session-level
 * advisory lock belongs to the session, not to a checked-out client, so a turn need not keep a connection
 * of its own for as long as it runs. (With a connection per turn, 100 conversations at once queued behind
 * 20 connections, and a card click waited for turns of other conversations to end.) Turns of one key never
 * overlap in this process (LocalChain), so the session's re-entrancy is never used.
 */
class LockSession {
  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private readonly ended = new WeakSet<pg.Client>();

  constructor(
    private readonly pgOptions: Record<string, unknown>,
    private readonly connectMs: number,
  ) {}

  /** The live client, connected on first use and again after a loss. */
  async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new pg.Client({
        ...this.pgOptions,
        application_name: 'tro-ly-doi-moi-locks',
        connectionTimeoutMillis: this.connectMs,
      } as pg.ClientConfig);
      // A lost session must not crash the process: its locks are gone with it (the server frees them),
      // so the next turn opens a new session.
      const lost = () => this.drop(client);
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (err) {
        lost();
        throw err;
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Forgets the client and ends it (without waiting: a paused server never answers). */
  drop(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
    if (this.ended.has(client)) return;
    this.ended.add(client);
    void client.end().catch(() => undefined);
  }

  /** True while `client` is this session's live client (its locks are still held). */
  holds(client: pg.Client): boolean {
    return this.client === client;
  }

  async close(): Promise<void> {
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** A small stable hash: the same conversation always uses the same session. */
function shardOf(key: string, n: number): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % n;
}

export class AdvisoryConversationLock implements ConversationLock {
  private readonly chain = new LocalChain();
  private readonly sessions: LockSession[];
  private readonly waitMs: number;
  private readonly retryMs: number;

  /** `sessions`: PostgreSQL sessions the locks are spread over (TURN_LOCK_POOL_SIZE), opened when first needed. */
  constructor(pgOptions: Record<string, unknown>, sessions: number, options: AdvisoryLockOptions = {}) {
    this.waitMs = options.waitMs ?? DEFAULT_TURN_LOCK_WAIT_MS;
    this.retryMs = options.retryMs ?? 50;
    // Waiting for a connection counts against the same bound as waiting for the lock.
    this.sessions = Array.from({ length: Math.max(1, sessions) }, () => new LockSession(pgOptions, this.waitMs));
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.chain.run(key, async () => {
      const session = this.sessions[shardOf(key, this.sessions.length)];
      const client = await this.acquire(session, key, Date.now());
      try {
        return await fn();
      } finally {
        // A session lost meanwhile took the lock with it; otherwise a failed unlock ends the session,
        // which makes the server free everything it held.
        if (session.holds(client)) {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => session.drop(client));
        }
      }
    });
  }

  /**
   * pg_try_advisory_lock until the deadline: pg_advisory_lock would wait for ever (the lock of a stuck
   * turn, a paused server) and would block the other conversations of the session. Each attempt has a
   * client-side bound too, as a paused server never answers; a session that did not answer is ended.
   */
  private async acquire(session: LockSession, key: string, started: number): Promise<pg.Client> {
    for (;;) {
      const remaining = this.waitMs - (Date.now() - started);
      let client: pg.Client | undefined;
      let locked: boolean;
      try {
        client = await session.connect();
        const result = await client.query<{ locked: boolean }>({
          text: 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
          values: [key],
          query_timeout: Math.max(remaining, 250),
        } as pg.QueryConfig);
        locked = result.rows[0]?.locked === true;
      } catch (err) {
        if (client) session.drop(client);
        throw new ConversationBusyError('unavailable', Date.now() - started, { cause: err });
      }
      if (locked) return client;
      if (Date.now() - started + this.retryMs >= this.waitMs) throw new ConversationBusyError('held', Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }
}
