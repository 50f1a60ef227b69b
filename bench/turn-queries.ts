// How many SQL statements one turn sends, step by step through a scenario: the figure that decides the
// turn's latency on PostgreSQL (each statement is a network round trip). Runs the real bot in process on
// a fresh database (PGlite, or PostgreSQL with TEST_DATABASE_URL) and counts what reaches the pg driver.
// `npx tsx bench/turn-queries.ts [scenario] [--sql]`
import pg from 'pg';
import { startHarness } from '../test/helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from '../test/helpers/test-directory.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

export interface TurnQueries {
  text: string;
  queries: number;
  sql: string[];
}

export async function countTurnQueries(scenario: Scenario): Promise<TurnQueries[]> {
  const seen: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    seen.push(
      String(typeof q === 'string' ? q : q?.text)
        .replace(/\s+/g, ' ')
        .slice(0, 120),
    );
    return original.apply(this, args);
  };
  const h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
  try {
    const user = h.user(TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!.email);
    // A known officer (first contact and roster look-up are not what the bench measures).
    await user.say('menu');
    for (const text of scenario.setup) await user.say(text);
    const out: TurnQueries[] = [];
    for (const text of [...scenario.loop, ...scenario.loop]) {
      seen.length = 0;
      const replies = await user.say(text);
      // The unlock runs after the HTTP answer: give it a moment to be counted.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!replies.length) throw new Error(`no reply to ${text}`);
      out.push({ text, queries: seen.length, sql: [...seen] });
    }
    return out.slice(scenario.loop.length);
  } finally {
    proto.query = original;
    await h.close();
  }
}

if (require.main === module) {
  void (async () => {
    const scenario = SCENARIOS[process.argv[2] ?? 'wizard'];
    const turns = await countTurnQueries(scenario);
    for (const t of turns) {
      console.log(`${t.queries} statements: "${t.text}"`);
      if (process.argv.includes('--sql')) for (const s of t.sql) console.log(`    ${s}`);
    }
  })();
}
