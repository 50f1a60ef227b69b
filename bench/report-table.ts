// The bench's one table: every figure of issue 22 with its target and a verdict. A pure function of the
// measured figures (bench/run.ts gathers them), so test/bench-table.test.ts checks the verdicts without
// running anything. A figure that was not measured says why, and is never counted as met; a missed one
// says why it is missed, from the same run's figures (bench/why-notes.ts).
import type { MemoryPhase } from './compiled-process.js';
import type { TurnCpu } from './profile-summary.js';
import {
  clickNote,
  demoMemoryNote,
  demoStartNote,
  imageNote,
  peakPgliteNote,
  peakPostgresNote,
  singleP50Note,
  startupPostgresNote,
  throughputNote,
} from './why-notes.js';

/** The targets of issue 22 (“Lean and quick”). */
export const TARGETS = {
  idleRssMbMax: 300,
  peakRssPostgresMbMax: 200,
  peakRssPgliteMbMax: 400,
  throughputRatioMin: 0.6,
  singleP50RatioMax: 2,
  statementsPerAnswerMax: 4,
  clickP95MsMax: 300,
  startupPostgresMsMax: 3000,
  startupPgliteDemoMsMax: 5000,
  imageMbMax: 300,
} as const;

/** A figure, or why it is missing. */
export type Measured<T = number> = { value: T; note?: string } | { missing: string };

export interface BenchFigures {
  idleRssMb: { pgliteDemo: Measured; postgres: Measured };
  peakRssMb: { postgres: Measured; pglite: Measured; echo: Measured };
  /** Wizard turns per second at N conversations, our bot on PostgreSQL ÷ the echo bot (median round). */
  throughputRatio: Measured<{ ratio: number; bot: number; echo: number; connections: number }>;
  singleP50Ratio: Measured<{ ratio: number; botMs: number; echoMs: number }>;
  /** p50 of one `SELECT 1` round trip to the bench's PostgreSQL from a node-postgres client. */
  dbRoundTripMs?: Measured;
  /** The wizard answer's own statements; the turn lock's round trips (PostgreSQL) reported beside them. */
  statementsPerAnswer: Measured<{ turn: number; lock: number; database: string }>;
  clickP95Ms: Measured<{
    p95: number;
    p50: number;
    clicks: number;
    failed: number;
    verb: string;
    /** The same clicks with no load. */
    alone?: { p50: number; p95: number };
    /** The turn load beside the clicks. */
    load?: { connections: number; throughput: number; p50: number; p99: number };
  }>;
  startupMs: { postgres: Measured; pgliteDemo: Measured };
  /** A first start's parts: PGlite's initdb alone (its own process) and a restart on the data it left. */
  demoStart?: { initdbMs: number; restartMs: number };
  /** A turn's CPU and its split, from the profiled run of each bot (PostgreSQL for ours). */
  cpu?: { bot?: TurnCpu; echo?: TurnCpu };
  image: Measured<{ sizeMb: number }> & {
    checks?: { check: string; ok: boolean }[];
    /** What can be measured without an engine: production dependencies and dist/, in MB. */
    parts?: Measured<{ dependenciesMb: number; appFilesMb: number }>;
  };
  /** Requests of the measured runs that did not answer 200. */
  failedRequests: Measured;
  memoryPhases: MemoryPhase[];
  loadAverage: { start: number[]; end: number[]; cpus: number };
}

export type Verdict = 'met' | 'NOT MET' | 'not measured' | 'info';

export interface TableRow {
  figure: string;
  value: string;
  target: string;
  verdict: Verdict;
  note: string;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function row<T>(
  figure: string,
  m: Measured<T>,
  target: string,
  show: (v: T) => string,
  ok: (v: T) => boolean,
  note?: (v: T) => string,
): TableRow {
  if ('missing' in m) return { figure, value: '—', target, verdict: 'not measured', note: m.missing };
  return {
    figure,
    value: show(m.value),
    target,
    verdict: ok(m.value) ? 'met' : 'NOT MET',
    note: [note?.(m.value), m.note].filter(Boolean).join('; '),
  };
}

const mb = (v: number) => `${fmt(v)} MB`;
const ms = (v: number) => `${fmt(v)} ms`;

export function buildTable(f: BenchFigures): TableRow[] {
  const t = TARGETS;
  const rows: TableRow[] = [
    row(
      'idle RSS, node dist/bot/main.js, PGlite demo',
      f.idleRssMb.pgliteDemo,
      `< ${t.idleRssMbMax} MB`,
      mb,
      (v) => v < t.idleRssMbMax,
      (v) => demoMemoryNote(f, v),
    ),
    row('idle RSS, node dist/bot/main.js, PostgreSQL', f.idleRssMb.postgres, `< ${t.idleRssMbMax} MB`, mb, (v) => v < t.idleRssMbMax),
    row(
      'peak RSS under load, PostgreSQL',
      f.peakRssMb.postgres,
      `< ${t.peakRssPostgresMbMax} MB`,
      mb,
      (v) => v < t.peakRssPostgresMbMax,
      (v) => peakPostgresNote(f, v),
    ),
    row(
      'peak RSS under load, PGlite',
      f.peakRssMb.pglite,
      `< ${t.peakRssPgliteMbMax} MB`,
      mb,
      (v) => v < t.peakRssPgliteMbMax,
      (v) => peakPgliteNote(f, v),
    ),
    row(
      'wizard-turn throughput, PostgreSQL ÷ echo bot',
      f.throughputRatio,
      `≥ ${t.throughputRatioMin}`,
      (v) => fmt(v.ratio, 2),
      (v) => v.ratio >= t.throughputRatioMin,
      (v) =>
        [`${fmt(v.bot)} vs ${fmt(v.echo)} turns/s at ${v.connections} conversations`, throughputNote(f, v.ratio)]
          .filter(Boolean)
          .join('; '),
    ),
    row(
      'single-conversation p50, PostgreSQL ÷ echo bot',
      f.singleP50Ratio,
      `≤ ×${t.singleP50RatioMax}`,
      (v) => `×${fmt(v.ratio, 2)}`,
      (v) => v.ratio <= t.singleP50RatioMax,
      (v) => [`${fmt(v.botMs, 2)} vs ${fmt(v.echoMs, 2)} ms`, singleP50Note(f, v.ratio, v.echoMs)].filter(Boolean).join('; '),
    ),
    row(
      'SQL statements per wizard answer',
      f.statementsPerAnswer,
      `≤ ${t.statementsPerAnswerMax}`,
      (v) => (v.lock ? `${v.turn} + ${v.lock} lock` : String(v.turn)),
      (v) => v.turn <= t.statementsPerAnswerMax,
      (v) => `${v.database}; the turn's own statements (the issue's “10 + 2 for the lock” counts the same way)`,
    ),
    row(
      'Action.Execute click p95 under load, PostgreSQL',
      f.clickP95Ms,
      `< ${t.clickP95MsMax} ms`,
      (v) => ms(v.p95),
      (v) => v.p95 < t.clickP95MsMax && v.failed === 0 && v.clicks > 0,
      (v) =>
        [`${v.verb}: ${v.clicks} clicks, p50 ${fmt(v.p50)} ms${v.failed ? `, ${v.failed} failed` : ''}`, clickNote(v)]
          .filter(Boolean)
          .join('; '),
    ),
    row(
      'start-up to ready, PostgreSQL (migrated database)',
      f.startupMs.postgres,
      `< ${t.startupPostgresMsMax} ms`,
      ms,
      (v) => v < t.startupPostgresMsMax,
      (v) => startupPostgresNote(f, v),
    ),
    row(
      'start-up to ready, fresh PGlite demo',
      f.startupMs.pgliteDemo,
      `< ${t.startupPgliteDemoMsMax} ms`,
      ms,
      (v) => v < t.startupPgliteDemoMsMax,
      (v) => demoStartNote(f, v),
    ),
    row(
      'container image',
      f.image,
      `< ${t.imageMbMax} MB`,
      (v) => mb(v.sizeMb),
      (v) => v.sizeMb < t.imageMbMax,
    ),
    row('failed requests in the measured runs', f.failedRequests, '0', String, (v) => v === 0),
  ];
  const image = rows.find((r) => r.figure === 'container image')!;
  image.note = [image.note, imageNote(f)].filter(Boolean).join('; ');
  for (const c of f.image.checks ?? []) {
    rows.push({
      figure: `Dockerfile: ${c.check}`,
      value: c.ok ? 'yes' : 'no',
      target: 'yes',
      verdict: c.ok ? 'met' : 'NOT MET',
      note: 'read from deployment/Dockerfile',
    });
  }
  for (const p of f.memoryPhases) {
    rows.push({
      figure: `memory: ${p.process}, ${p.phase}`,
      value: `RSS ${fmt(p.rssMb)} MB`,
      target: '',
      verdict: 'info',
      note: `heap ${fmt(p.heapUsedMb)}/${fmt(p.heapTotalMb)} MB, external ${fmt(p.externalMb)} MB (array buffers ${fmt(p.arrayBuffersMb)} MB)${
        p.liveHeapMb === undefined ? '' : `; live heap after a full collection ${fmt(p.liveHeapMb)} MB`
      }`,
    });
  }
  const { start, end, cpus } = f.loadAverage;
  const busy = Math.max(start[0] ?? 0, end[0] ?? 0) > cpus * 0.25;
  rows.push({
    figure: 'load average (1, 5, 15 min) at start → end',
    value: `${start.map((x) => fmt(x, 2)).join(' ')} → ${end.map((x) => fmt(x, 2)).join(' ')}`,
    target: `quiet: 1-min < ${fmt(cpus * 0.25, 2)} (${cpus} CPU)`,
    verdict: 'info',
    note: busy ? 'the machine was busy: these figures are not the quiet-machine figures' : '',
  });
  return rows;
}

/** Counts of verdicts, for the summary line. */
export function tally(rows: TableRow[]): Record<Verdict, number> {
  const out: Record<Verdict, number> = { met: 0, 'NOT MET': 0, 'not measured': 0, info: 0 };
  for (const r of rows) out[r.verdict]++;
  return out;
}
