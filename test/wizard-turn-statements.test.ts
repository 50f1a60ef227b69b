// What one wizard answer costs the database: each statement is a round trip on PostgreSQL, so the count is
// held here. Counted where the statements leave the process (TypeORM's query runner for the turn's own
// statements, node-postgres for the turn lock, which has its own pool and exists on PostgreSQL only).
//
// An answer today (4 statements + 2 for the lock on PostgreSQL):
//   SELECT pg_try_advisory_lock(…)                                      the turn lock (PostgreSQL only)
//   SELECT … FROM bot_state … UNION ALL SELECT … channel_account JOIN officer   state and who writes
//                                                                       (the officer reused by the dialog)
//   SELECT … FROM proposal WHERE id AND proposer_id                     the draft the step reads
//   WITH saved AS (UPDATE proposal … RETURNING *), INSERT revision …    the answer and its revision, atomic
//   INSERT INTO bot_state … ON CONFLICT … WHERE etag = …                the conversation state, eTag-checked
//   SELECT pg_advisory_unlock(…)                                        after the reply (PostgreSQL only)
// Before: 10 + 2 (the state and the account apart, the officer read again, BEGIN, SELECT … FOR UPDATE, TypeORM's SELECT before save,
// UPDATE, INSERT revision, COMMIT).
import assert from 'node:assert/strict';
import pg from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { MANAGER } from './helpers/wizard-script.js';
import { seedTestDirectory } from './helpers/test-directory.js';

type Query = (...args: unknown[]) => unknown;

function textOf(q: unknown): string {
  return String(typeof q === 'string' ? q : (q as { text?: string } | undefined)?.text).replace(/\s+/g, ' ');
}

/** Counts the statements sent while `fn` runs: the turn's own, and the turn lock's. */
async function counting(fn: () => Promise<void>, settled: (locks: string[]) => boolean): Promise<{ turn: string[]; locks: string[] }> {
  const turn: string[] = [];
  const locks: string[] = [];
  const runner = PostgresQueryRunner.prototype as unknown as { query: Query };
  const client = pg.Client.prototype as unknown as { query: Query };
  const [runnerQuery, clientQuery] = [runner.query, client.query];
  runner.query = function (this: unknown, ...args: unknown[]) {
    turn.push(textOf(args[0]));
    return runnerQuery.apply(this, args);
  };
  client.query = function (this: unknown, ...args: unknown[]) {
    if (/advisory_(try_)?(un)?lock|pg_try_advisory_lock|pg_advisory_unlock/.test(textOf(args[0]))) locks.push(textOf(args[0]));
    return clientQuery.apply(this, args);
  };
  try {
    await fn();
    // The unlock runs after the HTTP answer.
    for (let i = 0; i < 100 && !settled(locks); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    runner.query = runnerQuery;
    client.query = clientQuery;
  }
  return { turn, locks };
}

describe('wizard: SQL statements per answer', function () {
  let h: BotHarness;

  beforeEach(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerProposalFeature] });
  });
  afterEach(async () => h?.close());

  it('saves a typed answer in 4 statements, plus lock and unlock on PostgreSQL', async () => {
    const user = h.user(MANAGER);
    await user.say('menu');
    assert.match(allText(await user.say('tạo đề xuất')), /Bước 1\/25/);
    const postgres = h.db.kind === 'postgres';

    let reply = '';
    const { turn, locks } = await counting(
      async () => {
        reply = allText(await user.say('Số hóa hồ sơ cấp giấy phép xây dựng tại xã'));
      },
      (l) => !postgres || l.length >= 2,
    );
    assert.match(reply, /Bước 2\/25/, reply);
    const list = turn.map((s) => s.slice(0, 90)).join('\n');
    assert.equal(turn.length, 4, `${turn.length} statements:\n${list}`);
    assert.match(turn[0], /FROM bot_state .* UNION ALL .* FROM channel_account a JOIN officer/, list);
    assert.match(turn[turn.length - 2], /^WITH saved AS \( UPDATE proposal/, list);
    assert.equal(turn.filter((s) => /START TRANSACTION|BEGIN|COMMIT/.test(s)).length, 0, list);
    assert.equal(locks.length, postgres ? 2 : 0, locks.join('\n'));

    // The one statement did all the old transaction did: the plan, its column, the version, the revision.
    const [row] = await h.db.dataSource.query(`SELECT title, plan, version FROM proposal`);
    assert.equal(row.title, 'Số hóa hồ sơ cấp giấy phép xây dựng tại xã');
    assert.equal(row.plan.title, row.title);
    assert.equal(row.version, 2);
    const revisions = await h.db.dataSource.query(`SELECT kind, revision, plan FROM proposal_revision`);
    assert.deepEqual(revisions, [{ kind: 'edit', revision: 1, plan: { title: row.title } }]);
  });

  it('leaves the version alone when the answer changes nothing, as before, but still records it', async () => {
    const user = h.user(MANAGER);
    await user.say('tạo đề xuất');
    await user.say('Số hóa hồ sơ cấp giấy phép xây dựng tại xã');
    await user.say('quay lại');
    assert.match(allText(await user.say('Số hóa hồ sơ cấp giấy phép xây dựng tại xã')), /Bước 2\/25/);
    const [row] = await h.db.dataSource.query(`SELECT version FROM proposal`);
    assert.equal(row.version, 2);
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal_revision`);
    assert.equal(n, 2);
  });
});
