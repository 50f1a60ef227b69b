// Why a missed target is missed, computed from the figures of the same run (bench/report-table.ts puts
// each note beside its row): the echo bot's own peak, the live heap after a full collection, PGlite's WASM
// memory, a turn's CPU and its split from the profiled run, the database's round trips, the clicks with and
// without the load, initdb's own time, the parts of the image that can be measured without an engine.
// Pure functions of BenchFigures, so test/bench-table.test.ts checks them without running anything.
import type { TurnCpu } from './profile-summary.js';
import { TARGETS, type BenchFigures } from './report-table.js';

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const join = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('; ');

function phase(f: BenchFigures, process: string, name: string) {
  return f.memoryPhases.find((m) => m.process === process && m.phase === name);
}

/** Of the heap after the load, how much a full collection frees: garbage V8 had not collected, not data kept. */
function liveHeap(f: BenchFigures, database: 'PostgreSQL' | 'PGlite'): string | undefined {
  const p = phase(f, `bot on ${database}`, 'after the load');
  if (!p || p.liveHeapMb === undefined) return undefined;
  return `after the load the heap held ${fmt(p.heapUsedMb)} MB, of which ${fmt(p.liveHeapMb)} MB live after a full collection: the rest is garbage not yet collected, not retained data`;
}

export function peakPostgresNote(f: BenchFigures, peakMb: number): string {
  const echo = 'missing' in f.peakRssMb.echo ? undefined : f.peakRssMb.echo.value;
  const max = TARGETS.peakRssPostgresMbMax;
  const echoSays =
    echo === undefined
      ? undefined
      : echo >= max && peakMb >= max
        ? `out of reach: the echo bot alone (same process layout, same load) peaks at ${fmt(echo)} MB ≥ ${max} MB`
        : `echo bot ${fmt(echo)} MB`;
  return join(echoSays, liveHeap(f, 'PostgreSQL'));
}

export function peakPgliteNote(f: BenchFigures, peakMb: number): string {
  const p = phase(f, 'bot on PGlite', 'after the load');
  const echo = 'missing' in f.peakRssMb.echo ? undefined : f.peakRssMb.echo.value;
  const max = TARGETS.peakRssPgliteMbMax;
  if (!p || peakMb < max) return join(liveHeap(f, 'PGlite'));
  // PGlite's WASM memory is in `external`; it is resident and never given back.
  const floor = echo === undefined ? undefined : echo + p.externalMb;
  return join(
    floor === undefined
      ? `PGlite's WASM memory ${fmt(p.externalMb)} MB (external)`
      : `the echo bot's peak ${fmt(echo!)} MB + PGlite's WASM memory ${fmt(p.externalMb)} MB (external) = ${fmt(floor)} MB${floor >= max ? `: out of reach (≥ ${max} MB)` : ''}`,
    liveHeap(f, 'PGlite'),
  );
}

/** “TypeORM 0.41 ms (10 %), …”: the parts of a turn's CPU, largest first, the small ones left out. */
function split(cpu: TurnCpu): string {
  return cpu.parts
    .filter((p) => p.share >= 3)
    .map((p) => `${p.part} ${fmt(p.msPerTurn, 2)} (${fmt(p.share)} %)`)
    .join(', ');
}

function roundTrips(f: BenchFigures): number | undefined {
  const st = f.statementsPerAnswer;
  return 'missing' in st ? undefined : st.value.turn + st.value.lock;
}

/**
 * Throughput under saturation is CPU per turn: the bot cannot pass the echo bot's CPU per turn ÷ its own
 * while both are CPU-bound. Says what a turn costs, where it goes, and what the target would need.
 */
export function throughputNote(f: BenchFigures, ratio: number): string {
  const cpu = f.cpu;
  if (!cpu?.bot || !cpu.echo || ratio >= TARGETS.throughputRatioMin) return '';
  const { bot, echo } = cpu;
  const trips = roundTrips(f);
  return join(
    `CPU per turn (measured rounds): ${fmt(bot.msPerTurn, 2)} vs echo ${fmt(echo.msPerTurn, 2)} ms, a ceiling of ${fmt(echo.msPerTurn / bot.msPerTurn, 2)}; ≥ ${TARGETS.throughputRatioMin} needs ≤ ${fmt(echo.msPerTurn / TARGETS.throughputRatioMin, 2)} ms`,
    `ours, split by the profiled run: ${split(bot)}`,
    bot.topProjectFunction && `largest project function ${fmt(bot.topProjectFunction.share, 1)} % (${bot.topProjectFunction.name})`,
    trips !== undefined && `${trips} database round trips per answer, echo 0`,
  );
}

/** One conversation: the database's round trips against the echo bot's whole turn, then the CPU ratio. */
export function singleP50Note(f: BenchFigures, ratio: number, echoMs: number): string {
  if (ratio <= TARGETS.singleP50RatioMax) return '';
  const rt = f.dbRoundTripMs;
  const trips = roundTrips(f);
  const db =
    rt && !('missing' in rt) && trips !== undefined && echoMs > 0
      ? `the database alone: ${trips} round trips × ${fmt(rt.value, 3)} ms = ${fmt(trips * rt.value, 2)} ms, ×${fmt((trips * rt.value) / echoMs, 2)} of echo`
      : undefined;
  const cpuRatio = f.cpu?.bot && f.cpu.echo ? f.cpu.bot.msPerTurn / f.cpu.echo.msPerTurn : undefined;
  // A p50 ratio well above the CPU ratio on a busy machine: the turn also waited for a core.
  const waited = cpuRatio !== undefined && ratio > cpuRatio * 1.5 && busy(f, 'a turn also waited for a core');
  return join(db, cpuRatio !== undefined && `CPU per turn ×${fmt(cpuRatio, 2)} of echo's`, waited);
}

type Clicks = Extract<BenchFigures['clickP95Ms'], { value: unknown }>['value'];

/** A click alone against a click under the load: the difference is the wait behind the turns. */
export function clickNote(v: Clicks): string {
  if (v.p95 < TARGETS.clickP95MsMax) return '';
  const { alone, load } = v;
  const queueing = alone && alone.p95 < TARGETS.clickP95MsMax;
  return join(
    alone && `alone (no load) p50 ${fmt(alone.p50)}, p95 ${fmt(alone.p95)} ms`,
    load &&
      `under ${load.connections} conversations at ${fmt(load.throughput)} turns/s (turn p50 ${fmt(load.p50)}, p99 ${fmt(load.p99)} ms) on one event loop`,
    queueing && 'the tail is queueing behind the turns under saturation, not the click’s own work',
  );
}

/** Start-up and turns are CPU work: on a busy machine they wait for a core. */
function busy(f: BenchFigures, what = 'start-up is CPU work and waited for a core'): string | undefined {
  const { start, end, cpus } = f.loadAverage;
  const load = Math.max(start[0] ?? 0, end[0] ?? 0);
  return load > cpus * 0.25 ? `the machine was busy (1-min load ${fmt(load, 1)} on ${cpus} CPU): ${what}` : undefined;
}

export function startupPostgresNote(f: BenchFigures, startupMs: number): string {
  return startupMs < TARGETS.startupPostgresMsMax ? '' : join(busy(f));
}

export function demoStartNote(f: BenchFigures, startupMs: number): string {
  const d = f.demoStart;
  if (!d) return '';
  const floor = d.initdbMs + d.restartMs;
  const max = TARGETS.startupPgliteDemoMsMax;
  return join(
    `a restart on its data: ${d.restartMs} ms; PGlite's initdb alone (its own process): ${d.initdbMs} ms`,
    startupMs >= max &&
      (d.initdbMs >= max
        ? `out of reach here: initdb alone (PGlite's WASM bootstrap of PostgreSQL) takes ≥ ${max} ms`
        : floor >= max &&
          `out of reach here: a first start is initdb then a start on its data, ${d.initdbMs} + ${d.restartMs} ≥ ${max} ms`),
    startupMs >= max && busy(f),
  );
}

/** Resident memory that is neither the JS heap nor the WASM memory's size. */
const rest = (p: { rssMb: number; heapTotalMb: number; externalMb: number }) => p.rssMb - p.heapTotalMb - p.externalMb;

export function demoMemoryNote(f: BenchFigures, rssMb: number): string {
  const fresh = phase(f, 'bot on PGlite demo', 'idle after a fresh start');
  const restart = phase(f, 'bot on PGlite demo', 'idle after a restart on its data');
  if (!restart) return '';
  return join(
    `after a restart on its data: ${fmt(restart.rssMb)} MB`,
    rssMb >= TARGETS.idleRssMbMax &&
      fresh &&
      `of which PGlite's WASM memory ${fmt(fresh.externalMb)} MB external (pglite.wasm's minimum is 128 MB), JS heap ${fmt(fresh.heapTotalMb)} MB, the rest (code, native allocations, WASM pages touched) ${fmt(rest(fresh))} MB; after a restart ${fmt(restart.externalMb)}, ${fmt(restart.heapTotalMb)} and ${fmt(rest(restart))} MB`,
  );
}

/** Without an engine: what the image's own layers would hold; the base image is the rest. */
export function imageNote(f: BenchFigures): string {
  const parts = f.image.parts;
  if (!parts) return '';
  if ('missing' in parts) return `its parts not measured either: ${parts.missing}`;
  const { dependenciesMb, appFilesMb } = parts.value;
  const sum = dependenciesMb + appFilesMb;
  return join(
    `measurable without an engine: production dependencies ${fmt(dependenciesMb)} MB (npm ci --omit=dev) + dist/ and the files copied beside it ${fmt(appFilesMb, 1)} MB = ${fmt(sum)} MB`,
    sum >= TARGETS.imageMbMax
      ? `out of reach: that alone is ≥ ${TARGETS.imageMbMax} MB`
      : `the base image's size is the rest (${TARGETS.imageMbMax} MB leaves it ${fmt(TARGETS.imageMbMax - sum)} MB), and building needs an engine`,
  );
}
