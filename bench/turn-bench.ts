// The turn bench: the echo bot and our compiled bot on PostgreSQL and on PGlite run side by side (idle when
// not measured) and are measured in turn, round after round, so that a change in the machine's background
// load hits every bot alike; each figure is the median round's. Then one more loaded run of each bot under
// V8's sampling profiler (not a measured round: the profiler's cost stays out of the figures), whose CPU per
// turn and its split explain the ratios; then, on PostgreSQL, one more loaded run while a few other officers
// click a card button (bench/card-clicks.ts), after the same clicks with no load.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BenchArgs } from './args.js';
import { benchEmail } from './bot-process.js';
import { createPgliteDirectory, createPostgresDatabase, draftOf, seedBenchDatabase, type BenchDatabase } from './bench-database.js';
import { clickWhile, type ClickResult } from './card-clicks.js';
import { startCompiledBot, startCompiledEcho, type CompiledProcess, type MemoryPhase } from './compiled-process.js';
import type { BenchChild } from './processes.js';
import { processCpuMs, processMemory, sampleRss } from './processes.js';
import { summariseProfile, turnCpu, type ProfileSummary, type TurnCpu } from './profile-summary.js';
import { benchMessage, virtualOfficer, type Scenario, type VirtualOfficer } from './scenarios.js';
import { log, median, round, wholeLoops } from './stats.js';
import { runSetup, runTurnLoad, type TurnLoadResult } from './turn-load.js';

const ROOT = path.resolve(__dirname, '..');
const MB = 1024 * 1024;
/** Officers who click while the load runs (bench officers after the load's). */
export const CLICKERS = 4;

export type Target = 'echo' | 'postgres' | 'pglite';

export interface Contender {
  target: Target;
  label: string;
  bot: CompiledProcess;
  db?: BenchDatabase;
  runId: string;
  rounds: { concurrent: TurnLoadResult[]; single: TurnLoadResult[] };
  /** CPU time the process used per answered turn in each loaded round (/proc, all threads). */
  cpuMsPerTurn: number[];
  peakRss: number;
  /** VmHWM after the load: the highest RSS since the process started (start-up and setup included). */
  hwmMb?: number;
  heapSnapshot?: string;
  phases: MemoryPhase[];
  clicks?: ClickResult;
  /** The same clicks with no load, just before. */
  clicksAlone?: ClickResult;
  /** The turn load that ran beside the clicks. */
  clickLoad?: { connections: number; throughput: number; p50: number; p99: number };
  /** Turns per connection that take about the wanted duration at N / at 1 conversation. */
  turnsConcurrent: number;
  turnsSingle: number;
  profile?: ProfileSummary & { file: string; cpu: TurnCpu };
}

const LABELS: Record<Target, string> = { echo: 'echo bot', postgres: 'bot on PostgreSQL', pglite: 'bot on PGlite' };

export async function startContender(target: Target, args: BenchArgs, scenario: Scenario): Promise<Contender> {
  let db: BenchDatabase | undefined;
  let bot: CompiledProcess;
  if (target === 'echo') bot = await startCompiledEcho();
  else {
    db = target === 'postgres' ? await createPostgresDatabase(args.adminUrl) : createPgliteDirectory();
    try {
      await seedBenchDatabase(db, args.connections + CLICKERS);
      bot = await startCompiledBot({ ...db.env, DEMO_MODE: 'false' });
    } catch (err) {
      await db.drop().catch(() => undefined);
      throw err;
    }
  }
  const c: Contender = {
    target,
    label: LABELS[target],
    bot,
    db,
    runId: `${target}${randomBytes(2).toString('hex')}`,
    rounds: { concurrent: [], single: [] },
    cpuMsPerTurn: [],
    peakRss: 0,
    phases: [],
    turnsConcurrent: wholeLoops(6, scenario.loop.length),
    turnsSingle: wholeLoops(200, scenario.loop.length),
  };
  // Idle: started and settled, before any turn.
  await new Promise((resolve) => setTimeout(resolve, args.settleMs));
  c.phases.push(await bot.memory(c.label, 'idle after start'));
  return c;
}

export async function stopContender(c: Contender): Promise<void> {
  await c.bot.stop();
  await c.db?.drop().catch((err) => log(`could not drop the bench database: ${(err as Error).message}`));
}

async function post(url: string, activity: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`setup turn answered ${res.status}`);
}

/** Setup (our bots: each conversation starts the scenario), a check that it runs, and a warm-up that calibrates. */
export async function prepare(c: Contender, connector: BenchChild, scenario: Scenario, args: BenchArgs): Promise<void> {
  const base = { url: c.bot.url, serviceUrl: connector.info.url, scenario, runId: c.runId };
  if (c.target !== 'echo') {
    await connector.request('record', { on: true });
    await runSetup({ ...base, connections: args.connections });
    const { texts } = await connector.request<{ texts: string[] }>('texts', { conversationId: virtualOfficer(c.runId, 0).conversationId });
    await connector.request('record', { on: false });
    if (scenario.expectAfterSetup && !texts.some((t) => scenario.expectAfterSetup!.test(t))) {
      throw new Error(`scenario ${scenario.name} on ${c.label}: after the setup the bot said ${JSON.stringify(texts).slice(0, 400)}`);
    }
  }
  log(`${c.label}: warm-up`);
  const warm = await runTurnLoad({ ...base, connections: args.connections, turnsPerConnection: c.turnsConcurrent });
  const warmSingle = await runTurnLoad({ ...base, connections: 1, turnsPerConnection: wholeLoops(20, scenario.loop.length) });
  // Size the measured runs to last about --duration seconds each at the warm-up's pace.
  if (warm.throughput > 0) c.turnsConcurrent = wholeLoops((warm.throughput * args.duration) / args.connections, scenario.loop.length);
  if (warmSingle.throughput > 0) c.turnsSingle = wholeLoops(warmSingle.throughput * args.duration, scenario.loop.length);
  c.phases.push(await c.bot.memory(c.label, 'after setup and warm-up'));
}

/** The scenario's turns from `connections` conversations at once, `turns` each, against one bot. */
function loadOf(c: Contender, connector: BenchChild, scenario: Scenario, connections: number, turns: number) {
  return runTurnLoad({ url: c.bot.url, serviceUrl: connector.info.url, scenario, runId: c.runId, connections, turnsPerConnection: turns });
}

/** One loaded run at N conversations, RSS sampled throughout; `during` runs beside it (the clicks). */
async function loaded<T>(
  c: Contender,
  connector: BenchChild,
  scenario: Scenario,
  args: BenchArgs,
  during?: (load: Promise<unknown>) => Promise<T>,
) {
  const rss = sampleRss(c.bot.pid);
  const load = loadOf(c, connector, scenario, args.connections, c.turnsConcurrent);
  const [result, side] = await Promise.all([load, during?.(load)]);
  c.peakRss = Math.max(c.peakRss, rss.stop().peakRss);
  return { result, side };
}

export async function measureRound(c: Contender, connector: BenchChild, scenario: Scenario, args: BenchArgs): Promise<void> {
  const cpuBefore = processCpuMs(c.bot.pid);
  const { result: r } = await loaded(c, connector, scenario, args);
  c.cpuMsPerTurn.push(round((processCpuMs(c.bot.pid) - cpuBefore) / Math.max(1, r.ok), 3));
  c.rounds.concurrent.push(r);
  log(
    `${c.label}: ${args.connections} conversations: ${r.throughput.toFixed(0)} turns/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms`,
  );
  const s = await loadOf(c, connector, scenario, 1, c.turnsSingle);
  c.rounds.single.push(s);
  log(`${c.label}: 1 conversation: p50 ${s.latencyMs.p50.toFixed(2)} ms`);
}

/** One more loaded run under V8's sampling profiler: where a turn's CPU goes (bench/results/profiles/). */
export async function profileRound(c: Contender, connector: BenchChild, scenario: Scenario, args: BenchArgs): Promise<void> {
  const dir = path.join(__dirname, 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${c.target}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  await c.bot.request('profile-start');
  const r = await loadOf(c, connector, scenario, args.connections, c.turnsConcurrent);
  await c.bot.request('profile-stop', { file }, 60_000);
  if (!existsSync(file)) return;
  const summary = summariseProfile(file);
  // The measured rounds' CPU per turn (no profiler running), split in the profile's proportions.
  c.profile = { file: path.relative(ROOT, file), ...summary, cpu: turnCpu(summary, r.ok, median(c.cpuMsPerTurn)) };
  log(`${c.label}: ${c.profile.cpu.msPerTurn.toFixed(2)} ms of CPU per turn (measured rounds), split by the profiled run`);
}

/** The click run (PostgreSQL): CLICKERS officers each open a draft, then click while the load runs. */
export async function measureClicks(c: Contender, connector: BenchChild, scenario: Scenario, args: BenchArgs): Promise<void> {
  const clickers: { who: VirtualOfficer; proposalId: string }[] = [];
  for (let i = 0; i < CLICKERS; i++) {
    const n = args.connections + i;
    const who = virtualOfficer(`${c.runId}click`, n);
    await post(c.bot.url, benchMessage(who, 'tạo đề xuất', connector.info.url));
    clickers.push({ who, proposalId: await draftOf(c.db!.url!, benchEmail(n)) });
  }
  c.clicksAlone = await clickWhile(new Promise((resolve) => setTimeout(resolve, 1500)), c.bot.url, connector.info.url, clickers);
  const { result, side } = await loaded(c, connector, scenario, args, (load) => clickWhile(load, c.bot.url, connector.info.url, clickers));
  c.clicks = side;
  c.clickLoad = { connections: result.connections, throughput: result.throughput, p50: result.latencyMs.p50, p99: result.latencyMs.p99 };
  log(`${c.label}: ${side!.clicks} clicks under load (${result.throughput.toFixed(0)} turns/s): p95 ${side!.latencyMs.p95.toFixed(0)} ms`);
}

/** The memory of the last phase, after the load (and a heap snapshot of our bots with --heap-snapshot). */
export async function afterLoad(c: Contender, args: BenchArgs): Promise<void> {
  c.phases.push(await c.bot.memory(c.label, 'after the load', { collect: true }));
  if (args.heapSnapshot && c.target !== 'echo') {
    const dir = path.join(__dirname, 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${c.target}-after-load-${new Date().toISOString().replace(/[:.]/g, '-')}.heapsnapshot`);
    await c.bot.request('heap-snapshot', { file }, 300_000);
    c.heapSnapshot = path.relative(ROOT, file);
  }
  const hwm = processMemory(c.bot.pid)?.hwm;
  if (hwm !== undefined && Number.isFinite(hwm)) c.hwmMb = round(hwm / MB, 1);
}

export function peakRssMb(c: Contender): number {
  return round(c.peakRss / MB, 1);
}
