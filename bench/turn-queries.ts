// How many SQL statements one turn sends, step by step through a scenario: the figure that decides the
// turn's latency on PostgreSQL (each statement is a network round trip). Runs the real bot in process on
// a fresh database (PostgreSQL when `databaseUrl` or TEST_DATABASE_URL names one, else PGlite) and counts,
// as test/wizard-turn-statements.test.ts does, the turn's own statements where they leave TypeORM and the
// turn lock's apart (its own pool of node-postgres clients, PostgreSQL only).
// `npx tsx bench/turn-queries.ts [scenario] [--sql]`
import pg from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { startHarness } from '../test/helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from '../test/helpers/test-directory.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

export interface TurnQueries {
  text: string;
  /** The turn's own statements. */
  queries: number;
  /** The turn lock's round trips (take and release). */
  lock: number;
  sql: string[];
}

type Query = (...args: unknown[]) => unknown;

const textOf = (q: unknown) =>
  String(typeof q === 'string' ? q : (q as { text?: string } | undefined)?.text)
    .replace(/\s+/g, ' ')
    .slice(0, 120);

export async function countTurnQueries(scenario: Scenario, databaseUrl?: string): Promise<{ database: string; turns: TurnQueries[] }> {
  const seen: string[] = [];
  const locks: string[] = [];
  const runner = PostgresQueryRunner.prototype as unknown as { query: Query };
  const client = pg.Client.prototype as unknown as { query: Query };
  const [runnerQuery, clientQuery] = [runner.query, client.query];
  runner.query = function (this: unknown, ...args: unknown[]) {
    seen.push(textOf(args[0]));
    return runnerQuery.apply(this, args);
  };
  client.query = function (this: unknown, ...args: unknown[]) {
    if (/pg_try_advisory_lock|pg_advisory_unlock/.test(textOf(args[0]))) locks.push(textOf(args[0]));
    return clientQuery.apply(this, args);
  };
  const previousUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) process.env.TEST_DATABASE_URL = databaseUrl;
  const h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) }).finally(() => {
    // Assigning undefined would store the string "undefined", which later steps read as a database URL.
    if (databaseUrl && previousUrl === undefined) delete process.env.TEST_DATABASE_URL;
    else if (databaseUrl) process.env.TEST_DATABASE_URL = previousUrl;
  });
  try {
    const user = h.user(TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!.email);
    // A known officer (first contact and roster look-up are not what the bench measures).
    await user.say('menu');
    for (const text of scenario.setup) await user.say(text);
    const out: TurnQueries[] = [];
    const postgres = h.db.kind === 'postgres';
    for (const text of [...scenario.loop, ...scenario.loop]) {
      seen.length = 0;
      locks.length = 0;
      const replies = await user.say(text);
      // The unlock runs after the HTTP answer: wait for it to be counted.
      for (let i = 0; i < 100 && postgres && locks.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      if (!replies.length) throw new Error(`no reply to ${text}`);
      out.push({ text, queries: seen.length, lock: locks.length, sql: [...seen] });
    }
    return { database: h.db.kind, turns: out.slice(scenario.loop.length) };
  } finally {
    runner.query = runnerQuery;
    client.query = clientQuery;
    await h.close();
  }
}

if (require.main === module) {
  void (async () => {
    const scenario = SCENARIOS[process.argv[2] ?? 'wizard'];
    const { database, turns } = await countTurnQueries(scenario);
    console.log(database);
    for (const t of turns) {
      console.log(`${t.queries} statements + ${t.lock} for the lock: "${t.text}"`);
      if (process.argv.includes('--sql')) for (const s of t.sql) console.log(`    ${s}`);
    }
  })();
}
