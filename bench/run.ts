// `npm run bench`: every figure of issue 22 against its target, with a verdict, in one table (stdout and
// bench/results/latest.json). The measured processes run as production does, compiled under plain node
// (`npm run build` first, done here unless --no-build); the echo bot baseline is compiled likewise.
//   start     a fresh PGlite demo: time to ready, idle memory
//   turns     echo bot vs our bot on PostgreSQL and on PGlite at N conversations and at one (bench/turn-bench.ts),
//             card clicks under load (PostgreSQL), RSS sampled throughout, process.memoryUsage() per phase
//   queries   SQL statements per wizard answer (bench/turn-queries.ts), on PostgreSQL when reachable
//   image     Docker image size when an engine is here; the Dockerfile read statically
//   answers, report   the policy-answer evaluation and the yearly report at 100,000 proposals (not with --quick)
// Options: see bench/args.ts (`--quick` for a two-to-three-minute check).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseArgs, type BenchArgs } from './args.js';
import { measureImage, measureImageParts } from './image-check.js';
import { otherRows, runAnswers, yearlyReport } from './other-figures.js';
import { forkChild } from './processes.js';
import { buildTable, tally, TARGETS, type BenchFigures } from './report-table.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { log, medianRun } from './stats.js';
import { measureDemoStart } from './startup.js';
import {
  afterLoad,
  measureClicks,
  measureRound,
  peakRssMb,
  prepare,
  profileRound,
  startContender,
  stopContender,
  type Target,
} from './turn-bench.js';
import { turnFigures, type TurnRun } from './turn-figures.js';
import { countTurnQueries } from './turn-queries.js';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

async function postgresReachable(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    return undefined;
  } catch (err) {
    return `PostgreSQL unreachable at ${new URL(url).host}: ${(err as Error).message}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** p50 of `SELECT 1` over one node-postgres connection: the price of one round trip of a turn. */
async function databaseRoundTrip(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      await c.query('SELECT 1');
      if (i >= 50) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await c.end();
  }
}

async function runTurns(args: BenchArgs, scenario: Scenario, pgProblem: string | undefined): Promise<TurnRun> {
  const run: TurnRun = { contenders: [], skipped: {} };
  const connector = await forkChild('bench/fast-connector.ts');
  try {
    for (const target of ['echo', 'postgres', 'pglite'] as Target[]) {
      if (!args.targets.includes(target)) run.skipped[target] = 'not selected (--targets)';
      else if (target === 'postgres' && pgProblem) run.skipped[target] = pgProblem;
      else {
        log(`starting ${target}`);
        run.contenders.push(await startContender(target, args, scenario));
      }
    }
    for (const c of run.contenders) await prepare(c, connector, scenario, args);
    for (let n = 0; n < args.rounds; n++) {
      log(`round ${n + 1} of ${args.rounds}`);
      for (const c of run.contenders) await measureRound(c, connector, scenario, args);
    }
    if (args.profile) for (const c of run.contenders) await profileRound(c, connector, scenario, args);
    const pgBot = run.contenders.find((c) => c.target === 'postgres');
    if (pgBot && scenario.requiresWizard) await measureClicks(pgBot, connector, scenario, args);
    for (const c of run.contenders) await afterLoad(c, args);
  } finally {
    for (const c of run.contenders) await stopContender(c);
    await connector.stop();
  }
  return run;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--no-build'));
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  log(
    `${cpus} CPU, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}, load ${loadAtStart.join(' ')}${args.quick ? ', --quick' : ''}`,
  );
  const scenario = SCENARIOS[args.scenario ?? 'wizard'];
  if (!scenario) throw new Error(`unknown scenario ${args.scenario}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const pgProblem = await postgresReachable(args.adminUrl);
  const figures: BenchFigures = {
    idleRssMb: { pgliteDemo: { missing: 'not run' }, postgres: { missing: pgProblem ?? 'not run' } },
    peakRssMb: { postgres: { missing: 'not run' }, pglite: { missing: 'not run' }, echo: { missing: 'not run' } },
    throughputRatio: { missing: 'not run' },
    singleP50Ratio: { missing: 'not run' },
    statementsPerAnswer: { missing: 'not run' },
    clickP95Ms: { missing: 'not run' },
    startupMs: { postgres: { missing: pgProblem ?? 'not run' }, pgliteDemo: { missing: 'not run' } },
    image: measureImage(),
    failedRequests: { missing: 'not run' },
    memoryPhases: [],
    loadAverage: { start: loadAtStart, end: [], cpus },
  };
  let turns: TurnRun | undefined;
  let queries: Awaited<ReturnType<typeof countTurnQueries>> | undefined;
  if (args.only !== 'answers') {
    if (!process.argv.includes('--no-build')) {
      log('npm run build (the bench measures dist/)');
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    }
    if (!('value' in figures.image)) {
      log('the image without an engine: production dependencies (npm ci --omit=dev, cached per package-lock.json) and dist/');
      figures.image.parts = await measureImageParts();
    }
    log('fresh PGlite demo: start-up and idle memory');
    const demo = await measureDemoStart(args.settleMs);
    figures.startupMs.pgliteDemo = { value: demo.startupMs };
    figures.demoStart = { initdbMs: demo.initdbMs, restartMs: demo.restart.startupMs };
    figures.idleRssMb.pgliteDemo = { value: demo.idle.rssMb };
    figures.memoryPhases.push(demo.idle, demo.restart.idle);
  }
  if (args.only !== 'answers' && args.only !== 'startup') {
    turns = await runTurns(args, scenario, pgProblem);
    Object.assign(figures, turnFigures(turns));
    const pgBot = turns.contenders.find((c) => c.target === 'postgres');
    if (pgBot) {
      figures.startupMs.postgres = { value: Math.round(pgBot.bot.startupMs) };
      figures.idleRssMb.postgres = { value: pgBot.phases[0].rssMb };
    }
    figures.memoryPhases.push(...turns.contenders.flatMap((c) => c.phases));
    if (!pgProblem) figures.dbRoundTripMs = { value: await databaseRoundTrip(args.adminUrl) };
    log('SQL statements per wizard answer');
    queries = await countTurnQueries(scenario, pgProblem ? undefined : args.adminUrl).catch((err) => {
      figures.statementsPerAnswer = { missing: `could not count: ${(err as Error).message}` };
      return undefined;
    });
    const answer = queries?.turns[0];
    if (queries && answer)
      figures.statementsPerAnswer = {
        value: { turn: answer.queries, lock: answer.lock, database: queries.database },
        note: `“${answer.text.slice(0, 24)}…”`,
      };
  }
  const answers =
    args.only === 'turns' || args.only === 'startup' || args.quick
      ? undefined
      : await runAnswers().catch((err: Error) => ({ status: 'failed', note: err.message }));
  const report =
    args.only || args.quick ? undefined : await yearlyReport().catch((err: Error) => ({ status: 'failed', note: err.message }));
  figures.loadAverage.end = loadavg();
  const table = [...buildTable(figures), ...otherRows(answers, report)];
  const out = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      nproc: cpus,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    options: { ...args, adminUrl: undefined },
    targets: TARGETS,
    table,
    verdicts: tally(table),
    figures,
    turns: turns && {
      scenario: { name: scenario.name, description: scenario.description, setup: scenario.setup, loop: scenario.loop },
      results: turns.contenders.map((c) => ({
        target: c.target,
        label: c.label,
        startupMs: Math.round(c.bot.startupMs),
        peakRssMb: peakRssMb(c),
        hwmMb: c.hwmMb,
        heapSnapshot: c.heapSnapshot,
        concurrent: medianRun(c.rounds.concurrent),
        single: medianRun(c.rounds.single),
        rounds: c.rounds,
        clicks: c.clicks,
        profile: c.profile,
      })),
      skipped: turns.skipped,
    },
    statementsPerTurn: queries,
    answers,
    yearlyReport: report,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `\nIssue 22 bench (scenario “${scenario.name}”, ${args.connections} conversations${args.quick ? ', --quick: a check, not figures to publish' : ''}); ${cpus} CPU, Node ${process.version}`,
  );
  console.table(table);
  const v = out.verdicts;
  console.log(`${v.met} met, ${v['NOT MET']} not met, ${v['not measured']} not measured`);
  for (const c of turns?.contenders ?? []) {
    if (!c.profile) continue;
    console.log(
      `\nCPU of ${c.label}: ${c.profile.cpu.msPerTurn.toFixed(2)} ms per turn over ${c.profile.cpu.turns} turns (${c.profile.file}); by part, by module, charged to the nearest project function:`,
    );
    console.table(c.profile.cpu.parts);
    console.table(c.profile.topModules.slice(0, 10));
    console.table(c.profile.topProjectFrames.slice(0, 8));
  }
  console.log(`\nWritten: ${path.relative(process.cwd(), path.join(RESULTS, 'latest.json'))}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
