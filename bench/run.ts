// `npm run bench`: every figure against its baseline, measured in the same run, printed as a table and
// written to bench/results/latest.json.
//   turns    a bare botbuilder echo bot (MemoryStorage) vs our bot on PostgreSQL and on PGlite, at 100
//            concurrent conversations and at one conversation at a time; peak RSS of our bot under load
//   answers  the policy-answer evaluation (knowledge/eval) when it exists
//   report   the yearly report over 100,000 proposals (and 20,000, to show memory stays bounded)
// Options: --duration <s> per measured run (8), --rounds <n> (3), --connections <n> (100), --scenario help|wizard (wizard when available),
//          --only turns|answers, --targets echo,postgres,pglite, --profile (CPU profile of our bot under load).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { forkChild, sampleRss, type BenchChild } from './processes.js';
import { summariseProfile, type ProfileSummary } from './profile-summary.js';
import { SCENARIOS, virtualOfficer, type Scenario } from './scenarios.js';
import { runSetup, runTurnLoad, type TurnLoadResult } from './turn-load.js';
import { countTurnQueries, type TurnQueries } from './turn-queries.js';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const MB = 1024 * 1024;

export const TARGETS = {
  throughputRatioMin: 0.5,
  p99RatioMax: 2,
  singleP50RatioMax: 3,
  peakRssMbMax: 300,
};

interface Args {
  duration: number;
  connections: number;
  rounds: number;
  scenario?: string;
  only?: 'turns' | 'answers';
  targets: string[];
  profile: boolean;
  adminUrl: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    duration: 8,
    connections: 100,
    rounds: 3,
    targets: ['echo', 'postgres', 'pglite'],
    profile: false,
    adminUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? '';
    if (a === '--duration') args.duration = Number(value());
    else if (a === '--connections') args.connections = Number(value());
    else if (a === '--rounds') args.rounds = Number(value());
    else if (a === '--scenario') args.scenario = value();
    else if (a === '--only') args.only = value() as Args['only'];
    else if (a === '--targets') args.targets = value().split(',');
    else if (a === '--profile') args.profile = true;
    else if (a === '--database-url') args.adminUrl = value();
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

export interface TargetResult {
  target: 'echo' | 'postgres' | 'pglite';
  label: string;
  concurrent?: TurnLoadResult;
  single?: TurnLoadResult;
  memory?: { peakRssMb: number; hwmMb: number };
  /** Every round's figures; `concurrent` and `single` above are the median round's. */
  rounds?: { concurrent: TurnLoadResult[]; single: TurnLoadResult[] };
  /** Median over rounds of (this bot ÷ the baseline measured in the same round). */
  ratioToBaseline?: { throughput: number; p99: number; singleP50: number };
  skipped?: string;
  profile?: ProfileSummary & { file: string };
}

function machineFacts() {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tld_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

interface Contender {
  result: TargetResult;
  bot: BenchChild;
  runId: string;
  rounds: { concurrent: TurnLoadResult[]; single: TurnLoadResult[] };
  peakRss: number;
  hwm: number;
  /** Turns per connection that take about the wanted duration at 100 / at 1 conversation. */
  turnsConcurrent: number;
  turnsSingle: number;
  profileFile?: string;
  cleanup(): Promise<void>;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The round whose throughput is the median one: its figures are reported (they belong together). */
function medianRun(runs: TurnLoadResult[]): TurnLoadResult | undefined {
  if (!runs.length) return undefined;
  const sorted = [...runs].sort((a, b) => a.throughput - b.throughput);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function wholeLoops(turns: number, loopLength: number): number {
  return Math.max(loopLength, Math.round(turns / loopLength) * loopLength);
}

async function startContender(
  target: TargetResult['target'],
  args: Args,
  connector: BenchChild,
  scenario: Scenario,
): Promise<Contender | undefined> {
  const label = target === 'echo' ? 'bare echo bot (baseline)' : `our bot on ${target === 'postgres' ? 'PostgreSQL' : 'PGlite'}`;
  const result: TargetResult = { target, label };
  if (!args.targets.includes(target)) {
    result.skipped = 'not selected';
    return { result } as Contender;
  }
  let database: { url: string; drop(): Promise<void> } | undefined;
  let pgliteDir: string | undefined;
  let bot: BenchChild;
  if (target === 'echo') {
    bot = await forkChild('bench/echo-bot.ts');
  } else {
    if (target === 'postgres') {
      try {
        database = await createBenchDatabase(args.adminUrl);
      } catch (err) {
        result.skipped = `PostgreSQL unreachable at ${new URL(args.adminUrl).host}: ${(err as Error).message}`;
        log(result.skipped);
        return { result } as Contender;
      }
    } else {
      // PGlite as the product runs it: files under a data directory (not in memory).
      pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'tld-bench-pglite-'));
    }
    bot = await forkChild('bench/bot-process.ts', {
      env: { BOT_DATABASE: database?.url ?? `pglite:${pgliteDir}`, BOT_OFFICERS: String(args.connections) },
      readyTimeoutMs: 180_000,
    });
    if (scenario.requiresWizard && !bot.info.wizard)
      throw new Error(`scenario ${scenario.name}: the bot did not register the proposal wizard`);
  }
  const contender: Contender = {
    result,
    bot,
    runId: `${target}${randomBytes(2).toString('hex')}`,
    rounds: { concurrent: [], single: [] },
    peakRss: 0,
    hwm: 0,
    turnsConcurrent: wholeLoops(6, scenario.loop.length),
    turnsSingle: wholeLoops(200, scenario.loop.length),
    async cleanup() {
      await bot.stop(20_000);
      await database?.drop().catch((err) => log(`could not drop the bench database: ${(err as Error).message}`));
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    },
  };
  if (args.profile && target !== 'echo') {
    const profileDir = path.join(RESULTS, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    contender.profileFile = path.join(profileDir, `${target}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  }
  return contender;
}

/** Setup (our bots: each conversation starts the scenario), a check that it runs, and a warm-up that calibrates. */
async function prepare(c: Contender, connector: BenchChild, scenario: Scenario, args: Args): Promise<void> {
  const base = { url: c.bot.info.url, serviceUrl: connector.info.url, scenario, runId: c.runId };
  if (c.result.target !== 'echo') {
    await connector.request('record', { on: true });
    await runSetup({ ...base, connections: args.connections });
    const { texts } = await connector.request<{ texts: string[] }>('texts', { conversationId: virtualOfficer(c.runId, 0).conversationId });
    await connector.request('record', { on: false });
    if (scenario.expectAfterSetup && !texts.some((t) => scenario.expectAfterSetup!.test(t))) {
      throw new Error(
        `scenario ${scenario.name} on ${c.result.label}: after the setup the bot said ${JSON.stringify(texts).slice(0, 400)}`,
      );
    }
  }
  log(`${c.result.label}: warm-up`);
  const warm = await runTurnLoad({ ...base, connections: args.connections, turnsPerConnection: c.turnsConcurrent });
  const warmSingle = await runTurnLoad({ ...base, connections: 1, turnsPerConnection: wholeLoops(20, scenario.loop.length) });
  // Size the measured runs to last about --duration seconds each at the warm-up's pace.
  if (warm.throughput > 0) c.turnsConcurrent = wholeLoops((warm.throughput * args.duration) / args.connections, scenario.loop.length);
  if (warmSingle.throughput > 0) c.turnsSingle = wholeLoops(warmSingle.throughput * args.duration, scenario.loop.length);
}

async function measureRound(
  c: Contender,
  connector: BenchChild,
  scenario: Scenario,
  args: Args,
  kind: 'concurrent' | 'single',
  profile: boolean,
) {
  const base = { url: c.bot.info.url, serviceUrl: connector.info.url, scenario, runId: c.runId };
  if (kind === 'concurrent') {
    const rss = sampleRss(c.bot.info.pid);
    if (profile) await c.bot.request('profile-start');
    const r = await runTurnLoad({ ...base, connections: args.connections, turnsPerConnection: c.turnsConcurrent });
    if (profile) await c.bot.request('profile-stop', { file: c.profileFile });
    const mem = rss.stop();
    c.peakRss = Math.max(c.peakRss, mem.peakRss);
    c.hwm = Math.max(c.hwm, mem.hwm);
    c.rounds.concurrent.push(r);
    log(
      `${c.result.label}: ${args.connections} conversations: ${r.throughput.toFixed(0)} req/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms`,
    );
  } else {
    const r = await runTurnLoad({ ...base, connections: 1, turnsPerConnection: c.turnsSingle });
    c.rounds.single.push(r);
    log(`${c.result.label}: 1 conversation: p50 ${r.latencyMs.p50.toFixed(2)} ms`);
  }
}

/**
 * All bots run side by side (idle when not measured) and are measured in turn, round after round, so that
 * a change in the machine's background load hits every bot alike; each figure is the median round's.
 */
async function runTurns(args: Args, scenarioName: string | undefined) {
  // Decided before the baseline runs so that both bots get the same messages; each bot process of ours
  // confirms that it registered the wizard.
  const wizardAvailable = existsSync(path.join(ROOT, 'bot/proposal-wizard-feature.ts'));
  const scenario = resolveScenario(scenarioName, wizardAvailable);
  const connector = await forkChild('bench/fast-connector.ts');
  const contenders: Contender[] = [];
  try {
    for (const target of ['echo', 'postgres', 'pglite'] as const) {
      log(`starting ${target}`);
      const c = await startContender(target, args, connector, scenario);
      if (c) contenders.push(c);
    }
    const live = contenders.filter((c) => c.bot);
    for (const c of live) await prepare(c, connector, scenario, args);
    const before = (await connector.request<{ counters: { sends: number } }>('counters')).counters.sends;
    for (let n = 0; n < args.rounds; n++) {
      log(`round ${n + 1} of ${args.rounds}`);
      for (const c of live) await measureRound(c, connector, scenario, args, 'concurrent', Boolean(c.profileFile) && n === args.rounds - 1);
      for (const c of live) await measureRound(c, connector, scenario, args, 'single', false);
    }
    const after = (await connector.request<{ counters: { sends: number } }>('counters')).counters.sends;
    for (const c of live) {
      c.result.concurrent = medianRun(c.rounds.concurrent);
      c.result.single = medianRun(c.rounds.single);
      c.result.rounds = c.rounds;
      c.result.memory = { peakRssMb: round(c.peakRss / MB, 1), hwmMb: round(c.hwm / MB, 1) };
      if (c.profileFile && existsSync(c.profileFile))
        c.result.profile = { file: path.relative(ROOT, c.profileFile), ...summariseProfile(c.profileFile) };
    }
    const expected = live.reduce((n, c) => n + [...c.rounds.concurrent, ...c.rounds.single].reduce((m, r) => m + r.ok, 0), 0);
    // Every measured turn must have produced at least one reply at the connector.
    if (after - before < expected) log(`warning: ${expected} turns answered 200 but only ${after - before} replies reached the connector`);
    // Ratios per round (a bot against the baseline measured moments before), then the median.
    const echo = contenders.find((c) => c.result.target === 'echo' && c.bot);
    for (const c of live) {
      if (!echo || c === echo) continue;
      const n = Math.min(c.rounds.concurrent.length, echo.rounds.concurrent.length);
      const pick = (f: (i: number) => number) => round(median(Array.from({ length: n }, (_, i) => f(i))), 3);
      c.result.ratioToBaseline = {
        throughput: pick((i) => c.rounds.concurrent[i].throughput / echo.rounds.concurrent[i].throughput),
        p99: pick((i) => c.rounds.concurrent[i].latencyMs.p99 / echo.rounds.concurrent[i].latencyMs.p99),
        singleP50: pick((i) => c.rounds.single[i].latencyMs.p50 / echo.rounds.single[i].latencyMs.p50),
      };
    }
  } finally {
    for (const c of contenders) if (c.bot) await c.cleanup();
    await connector.stop();
  }
  return { results: contenders.map((c) => c.result), scenario, wizardAvailable };
}

function resolveScenario(name: string | undefined, wizardAvailable: boolean): Scenario {
  if (name) {
    const s = SCENARIOS[name];
    if (!s) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    if (s.requiresWizard && !wizardAvailable) throw new Error(`scenario ${name} needs the proposal wizard, which is not registered`);
    return s;
  }
  return wizardAvailable ? SCENARIOS.wizard : SCENARIOS.help;
}

async function runAnswers(): Promise<Record<string, unknown>> {
  const file = path.join(ROOT, 'knowledge/eval/run-eval.ts');
  if (!existsSync(file)) return { status: 'chưa có', note: 'knowledge/eval/run-eval.ts does not exist yet' };
  const mod = (await import('../knowledge/eval/run-eval.js')) as typeof import('../knowledge/eval/run-eval.js');
  const report = await mod.runQaEvaluation({ repeat: 5 });
  const { failures, ...figures } = report;
  // The dev part (the holdout is measured only by `npm run eval:qa`); the targets are the evaluation's own.
  return { status: 'measured', part: 'dev', ...figures, failures: failures.length, targets: mod.TARGETS };
}

/** The province report at 20,000 and 100,000 proposals in 200 units (PostgreSQL), each in its own process. */
async function yearlyReport(): Promise<Record<string, unknown>> {
  const { runAnnualReportScaling } = await import('./annual-report-bench.js');
  const scaling = await runAnnualReportScaling();
  return { status: 'measured', ...scaling, targets: { seconds: 10, peakRssGrowthDifferenceMb: 25 } };
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));

function printTable(
  turns: Awaited<ReturnType<typeof runTurns>> | undefined,
  answers: Record<string, unknown> | undefined,
  report: Record<string, unknown>,
  queries?: TurnQueries[],
) {
  const rows: Record<string, string>[] = [];
  const echo = turns?.results.find((r) => r.target === 'echo');
  for (const r of turns?.results ?? []) {
    if (r.skipped) {
      rows.push({ figure: `turns: ${r.label}`, value: `skipped: ${r.skipped}`, baseline: '', ratio: '', target: '', met: '' });
      continue;
    }
    const c = r.concurrent!;
    const s = r.single!;
    const isEcho = r.target === 'echo';
    const e = echo?.concurrent;
    const es = echo?.single;
    const tputRatio = r.ratioToBaseline?.throughput ?? NaN;
    const p99Ratio = r.ratioToBaseline?.p99 ?? NaN;
    const p50Ratio = r.ratioToBaseline?.singleP50 ?? NaN;
    const errs = [...(r.rounds?.concurrent ?? []), ...(r.rounds?.single ?? [])].reduce((n, x) => n + x.non2xx + x.errors + x.timeouts, 0);
    const pgTarget = r.target === 'postgres';
    rows.push({
      figure: `${r.label}: throughput @${c.connections}`,
      value: `${fmt(c.throughput, 0)} req/s`,
      baseline: isEcho ? '' : `${fmt(e?.throughput, 0)} req/s`,
      ratio: isEcho ? '' : `${fmt(tputRatio * 100, 0)}%`,
      target: pgTarget ? `≥ ${TARGETS.throughputRatioMin * 100}%` : '',
      met: pgTarget ? (tputRatio >= TARGETS.throughputRatioMin ? 'yes' : 'NO') : '',
    });
    rows.push({
      figure: `${r.label}: p50 / p99 @${c.connections}`,
      value: `${fmt(c.latencyMs.p50)} / ${fmt(c.latencyMs.p99)} ms`,
      baseline: isEcho ? '' : `${fmt(e?.latencyMs.p50)} / ${fmt(e?.latencyMs.p99)} ms`,
      ratio: isEcho ? '' : `p99 ×${fmt(p99Ratio, 2)}`,
      target: pgTarget ? `p99 ≤ ×${TARGETS.p99RatioMax}` : '',
      met: pgTarget ? (p99Ratio <= TARGETS.p99RatioMax ? 'yes' : 'NO') : '',
    });
    rows.push({
      figure: `${r.label}: p50 @1 conversation`,
      value: `${fmt(s.latencyMs.p50, 2)} ms (${fmt(s.throughput, 0)} req/s)`,
      baseline: isEcho ? '' : `${fmt(es?.latencyMs.p50, 2)} ms`,
      ratio: isEcho ? '' : `×${fmt(p50Ratio, 2)}`,
      target: isEcho ? '' : `≤ ×${TARGETS.singleP50RatioMax}`,
      met: isEcho ? '' : p50Ratio <= TARGETS.singleP50RatioMax ? 'yes' : 'NO',
    });
    rows.push({
      figure: `${r.label}: peak RSS under load`,
      value: `${fmt(r.memory?.peakRssMb, 0)} MB (VmHWM ${fmt(r.memory?.hwmMb, 0)} MB)`,
      baseline: isEcho ? '' : `${fmt(echo?.memory?.peakRssMb, 0)} MB`,
      ratio: '',
      target: isEcho ? '' : `< ${TARGETS.peakRssMbMax} MB`,
      met: isEcho ? '' : (r.memory?.peakRssMb ?? Infinity) < TARGETS.peakRssMbMax ? 'yes' : 'NO',
    });
    if (errs) rows.push({ figure: `${r.label}: failed requests`, value: String(errs), baseline: '', ratio: '', target: '0', met: 'NO' });
  }
  if (queries?.length) {
    rows.push({
      figure: 'SQL statements per turn (+2 lock round trips on PostgreSQL)',
      value: queries.map((q) => `${q.queries} "${q.text.slice(0, 12)}${q.text.length > 12 ? '…' : ''}"`).join(', '),
      baseline: '0 (echo bot)',
      ratio: '',
      target: '',
      met: '',
    });
  }
  if (answers) {
    if (answers.status === 'measured') {
      const lat = answers.latencyMs as { p50: number; p95: number };
      const t = answers.targets as { top1: number; top3: number; p95Ms: number };
      rows.push({
        figure: 'answers (dev part): citation accuracy top-1 / top-3',
        value: `${fmt((answers.top1 as number) * 100)}% / ${fmt((answers.top3 as number) * 100)}% of ${answers.answerable} questions`,
        baseline: '',
        ratio: '',
        target: `≥ ${fmt(t.top1 * 100)}% / ≥ ${fmt(t.top3 * 100)}%`,
        met: (answers.top1 as number) >= t.top1 && (answers.top3 as number) >= t.top3 ? 'yes' : 'NO',
      });
      rows.push({
        figure: 'answers: refusals precision / recall',
        value: `${fmt((answers.refusalPrecision as number) * 100)}% / ${fmt((answers.refusalRecall as number) * 100)}%`,
        baseline: '',
        ratio: '',
        target: '',
        met: '',
      });
      rows.push({
        figure: 'answers: latency p50 / p95 (in process)',
        value: `${fmt(lat.p50, 2)} / ${fmt(lat.p95, 2)} ms`,
        baseline: '',
        ratio: '',
        target: `p95 < ${t.p95Ms} ms`,
        met: lat.p95 < t.p95Ms ? 'yes' : 'NO',
      });
    } else {
      rows.push({ figure: 'answers', value: String(answers.status), baseline: '', ratio: '', target: '', met: String(answers.note ?? '') });
    }
  }
  if (report.status === 'measured') {
    const runs = report.runs as { proposals: number; reportSeconds: number; peakRssGrowthMb: number }[];
    const small = runs[0];
    const large = runs[runs.length - 1];
    rows.push({
      figure: `yearly report, ${large.proposals.toLocaleString('en')} proposals`,
      value: `${fmt(large.reportSeconds, 2)} s, RSS +${fmt(large.peakRssGrowthMb)} MB`,
      baseline: `${small.proposals.toLocaleString('en')}: ${fmt(small.reportSeconds, 2)} s, +${fmt(small.peakRssGrowthMb)} MB`,
      ratio: `RSS growth Δ ${fmt(report.peakRssGrowthDifferenceMb as number)} MB`,
      target: '< 10 s, Δ < 25 MB',
      met: report.met ? 'yes' : 'NO',
    });
  } else {
    rows.push({
      figure: 'yearly report over 100,000 proposals',
      value: String(report.status),
      baseline: '',
      ratio: '',
      target: '',
      met: String(report.note ?? ''),
    });
  }
  console.table(rows);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const machine = machineFacts();
  log(`machine: ${machine.nproc} CPU, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);
  const turns = args.only === 'answers' ? undefined : await runTurns(args, args.scenario);
  let answers: Record<string, unknown> | undefined;
  if (args.only !== 'turns') {
    log('answers: evaluation');
    try {
      answers = await runAnswers();
    } catch (err) {
      answers = { status: 'failed', note: (err as Error).message };
    }
  }
  let queries: TurnQueries[] | undefined;
  if (turns) {
    log('SQL statements per turn');
    queries = await countTurnQueries(turns.scenario).catch((err) => {
      log(`could not count statements: ${(err as Error).message}`);
      return undefined;
    });
  }
  let report: Record<string, unknown> = { status: 'skipped', note: 'only turns or answers requested' };
  if (!args.only) {
    log('yearly report: 20,000 and 100,000 proposals');
    report = await yearlyReport().catch((err: Error) => ({ status: 'failed', note: err.message }));
  }
  const out = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((x) => round(x)) },
    options: { durationPerRunSeconds: args.duration, connections: args.connections, rounds: args.rounds },
    targets: TARGETS,
    turns: turns && {
      scenario: {
        name: turns.scenario.name,
        description: turns.scenario.description,
        setup: turns.scenario.setup,
        loop: turns.scenario.loop,
      },
      wizardAvailable: turns.wizardAvailable,
      results: turns.results,
    },
    statementsPerTurn: queries && {
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      note: 'on PostgreSQL each turn also takes and releases an advisory lock (2 more round trips; the release after the answer)',
      turns: queries,
    },
    answers,
    yearlyReport: report,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `\nTurn bench: scenario "${turns?.scenario.name ?? '-'}"${turns && !turns.wizardAvailable ? ' (proposal wizard not registered: guide requests instead)' : ''}; ` +
      `${machine.nproc} CPU, ${machine.memoryGb} GB, Node ${machine.node}, load at start ${machine.loadAverageAtStart.join(' ')}`,
  );
  printTable(turns, answers, report, queries);
  for (const r of turns?.results ?? []) {
    if (!r.profile) continue;
    console.log(`\nCPU profile of ${r.label} (${r.profile.file}), self time by module:`);
    console.table(r.profile.topModules);
    console.table(r.profile.topFunctions);
    console.log('charged to the nearest project function up the stack:');
    console.table(r.profile.topProjectFrames);
  }
  console.log(`\nWritten: ${path.relative(process.cwd(), path.join(RESULTS, 'latest.json'))}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
