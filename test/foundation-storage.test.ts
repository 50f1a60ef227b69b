// The botbuilder storage on PostgreSQL keeps eTag semantics, and the conversation lock serialises turns
// within a process and (on PostgreSQL) across processes.
import assert from 'node:assert/strict';
import { ETagConflictError, TypeOrmStorage } from '../services/state/typeorm-storage.js';
import pg from 'pg';
import { openDatabase } from '../entities/data-source.js';
import {
  AdvisoryConversationLock,
  ConversationBusyError,
  InProcessConversationLock,
  type ConversationLock,
} from '../services/state/conversation-lock.js';
import { createTestDatabaseOptions, openTestDatabase, testDatabaseKind, type TestDatabase } from './helpers/test-database.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

describe('foundation: TypeORM storage with eTags', () => {
  let db: TestDatabase;
  let storage: TypeOrmStorage;
  before(async () => {
    db = await openTestDatabase();
    storage = new TypeOrmStorage(db.dataSource);
  });
  after(async () => db?.dispose());

  it('reads back what it wrote, with a new eTag on each write', async () => {
    await storage.write({ a: { count: 1, nested: { vi: 'Đổi mới' } } });
    const first = (await storage.read(['a', 'missing'])) as Record<string, { count: number; eTag: string; nested: unknown }>;
    assert.deepEqual(Object.keys(first), ['a']);
    assert.equal(first.a.count, 1);
    assert.deepEqual(first.a.nested, { vi: 'Đổi mới' });
    await storage.write({ a: { ...first.a, count: 2 } });
    const second = (await storage.read(['a'])) as Record<string, { count: number; eTag: string }>;
    assert.equal(second.a.count, 2);
    assert.notEqual(second.a.eTag, first.a.eTag);
  });

  it('refuses a write carrying a stale eTag and keeps the newer data', async () => {
    await storage.write({ b: { v: 'gốc' } });
    const read1 = (await storage.read(['b'])).b;
    const read2 = (await storage.read(['b'])).b;
    await storage.write({ b: { ...read1, v: 'thắng' } });
    await assert.rejects(storage.write({ b: { ...read2, v: 'thua' } }), ETagConflictError);
    assert.equal((await storage.read(['b'])).b.v, 'thắng');
  });

  it('lets "*" and missing eTags overwrite, and deletes', async () => {
    await storage.write({ c: { v: 1 } });
    await storage.write({ c: { v: 2, eTag: '*' } });
    assert.equal((await storage.read(['c'])).c.v, 2);
    await storage.delete(['c']);
    assert.deepEqual(await storage.read(['c']), {});
  });

  it('lets exactly one of many concurrent writers with the same eTag win', async () => {
    await storage.write({ d: { v: 0 } });
    const base = (await storage.read(['d'])).d;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storage.write({ d: { ...base, v: i + 1 } })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok(
      results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ETagConflictError),
    );
  });
});

async function interleavingOf(locks: ConversationLock[], key: string): Promise<string[]> {
  const events: string[] = [];
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      locks[i % locks.length].run(key, async () => {
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`end ${i}`);
      }),
    ),
  );
  return events;
}

function assertSerial(events: string[]): void {
  for (let i = 0; i < events.length; i += 2) {
    assert.match(events[i], /^start/);
    assert.equal(events[i + 1], events[i].replace('start', 'end'));
  }
}

describe('foundation: conversation lock', () => {
  it('runs turns of one conversation one at a time in a process', async () => {
    const lock = new InProcessConversationLock();
    assertSerial(await interleavingOf([lock], 'conv-1'));
  });

  it('keeps running after a turn throws', async () => {
    const lock = new InProcessConversationLock();
    await assert.rejects(lock.run('k', async () => Promise.reject(new Error('hỏng'))));
    assert.equal(await lock.run('k', async () => 'tiếp tục'), 'tiếp tục');
  });

  it('serialises turns across processes with a PostgreSQL advisory lock', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip(); // PGlite is single-process by construction
    const db = await openTestDatabase();
    const a = new AdvisoryConversationLock(db.pgOptions, 4);
    const b = new AdvisoryConversationLock(db.pgOptions, 4);
    try {
      assertSerial(await interleavingOf([a, b], 'msteams/conv-2'));
    } finally {
      await a.close();
      await b.close();
      await db.dispose();
    }
  });

  it('holds many conversations on a few sessions: a turn of one conversation never waits for turns of others', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip();
    const db = await openTestDatabase();
    const lock = new AdvisoryConversationLock(db.pgOptions, 2, { waitMs: 2000 });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let running = 0;
    try {
      // Ten long turns of ten conversations at once, on two sessions: all ten run together…
      const long = Array.from({ length: 10 }, (_, i) =>
        lock.run(`msteams/many-${i}`, async () => {
          running++;
          await gate;
        }),
      );
      for (let i = 0; i < 200 && running < 10; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(running, 10);
      // …and an eleventh conversation (a card click) is answered while they still run.
      assert.equal(await lock.run('msteams/click', async () => 'ngay'), 'ngay');
      open();
      await Promise.all(long);
      // The locks were released: another holder can take them.
      const other = new AdvisoryConversationLock(db.pgOptions, 1, { waitMs: 300 });
      assert.equal(await other.run('msteams/many-3', async () => 'tự do'), 'tự do');
      await other.close();
    } finally {
      open();
      await lock.close();
      await db.dispose();
    }
  });

  it('gives up waiting for a lock another connection holds with ConversationBusyError, and runs once it is free', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip();
    const db = await openTestDatabase();
    const other = new pg.Client(db.pgOptions as pg.ClientConfig);
    const lock = new AdvisoryConversationLock(db.pgOptions, 2, { waitMs: 300, retryMs: 20 });
    try {
      await other.connect();
      await other.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', ['msteams/conv-held']);
      let ran = false;
      const error = await lock
        .run('msteams/conv-held', async () => {
          ran = true;
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      assert.ok(error instanceof ConversationBusyError, `expected ConversationBusyError, got ${String(error)}`);
      assert.equal(error.reason, 'held');
      assert.equal(ran, false);
      // Another conversation is not held up, and the same one runs once the holder lets go.
      assert.equal(await lock.run('msteams/conv-free', async () => 'chạy'), 'chạy');
      await other.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', ['msteams/conv-held']);
      assert.equal(await lock.run('msteams/conv-held', async () => 'chạy'), 'chạy');
    } finally {
      await other.end().catch(() => undefined);
      await lock.close();
      await db.dispose();
    }
  });
});

describe('foundation: bounded database waits', () => {
  it('sets statement_timeout and TCP keepalive on the pool; a longer statement is cancelled', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip(); // PGlite runs in-process: nothing to wait for
    const { options, drop } = await createTestDatabaseOptions();
    assert.equal(options.kind, 'postgres');
    const db = await openDatabase({ ...options, timeouts: { statementTimeoutMs: 300 } } as typeof options);
    try {
      assert.equal(db.pgOptions.keepAlive, true);
      assert.equal(db.pgOptions.query_timeout, 15_000);
      const [{ statement_timeout: shown }] = await db.dataSource.query('SHOW statement_timeout');
      assert.equal(shown, '300ms');
      await assert.rejects(db.dataSource.query('SELECT pg_sleep(5)'), (err: { driverError?: { code?: string } }) => {
        assert.equal(err.driverError?.code, '57014'); // query_canceled
        return true;
      });
      // The pool is still usable afterwards.
      assert.deepEqual(await db.dataSource.query('SELECT 1 AS one'), [{ one: 1 }]);
    } finally {
      await db.close();
      await drop();
    }
  });

  it('with the server paused (no answer at all), a query and a turn lock fail instead of hanging, and recover', async function () {
    if (testDatabaseKind() !== 'postgres') this.skip();
    const { options, drop } = await createTestDatabaseOptions();
    if (options.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const target = new URL(options.url);
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    const db = await openDatabase({
      ...options,
      url: proxy.wrapUrl(options.url),
      timeouts: { queryTimeoutMs: 500, connectionTimeoutMs: 500 },
    });
    const lock = new AdvisoryConversationLock(db.pgOptions, 2, { waitMs: 500 });
    try {
      assert.equal(await lock.run('msteams/paused', async () => 'trước'), 'trước');
      proxy.pause();
      await assert.rejects(db.dataSource.query('SELECT 1'), /timeout/i);
      let ran = false;
      const error = await lock
        .run('msteams/paused', async () => {
          ran = true;
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      assert.ok(error instanceof ConversationBusyError, `expected ConversationBusyError, got ${String(error)}`);
      assert.equal(error.reason, 'unavailable');
      assert.equal(ran, false);
      proxy.restore();
      assert.equal(await lock.run('msteams/paused', async () => 'sau'), 'sau');
      assert.deepEqual(await db.dataSource.query('SELECT 1 AS one'), [{ one: 1 }]);
    } finally {
      proxy.restore();
      await lock.close();
      await db.close();
      await proxy.stop();
      await drop();
    }
  });
});
