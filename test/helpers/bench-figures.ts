// Fixed figures for the bench's table tests (test/bench-table.test.ts, test/bench-why-notes.test.ts): every
// target met or missed at its boundary, as the tests say.
import assert from 'node:assert/strict';
import type { BenchFigures, TableRow } from '../../bench/report-table.js';

export function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
  return {
    idleRssMb: { pgliteDemo: { value: 280 }, postgres: { value: 310 } },
    peakRssMb: { postgres: { value: 199 }, pglite: { value: 400 }, echo: { value: 90 } },
    throughputRatio: { value: { ratio: 0.6, bot: 300, echo: 500, connections: 100 } },
    singleP50Ratio: { value: { ratio: 2.01, botMs: 4.02, echoMs: 2 } },
    statementsPerAnswer: { value: { turn: 4, lock: 2, database: 'postgres' } },
    clickP95Ms: { value: { p95: 120, p50: 40, clicks: 300, failed: 0, verb: 'plan.form' } },
    startupMs: { postgres: { value: 2999 }, pgliteDemo: { missing: 'not run' } },
    image: { missing: 'not measured here: no Docker engine', checks: [{ check: 'no “# syntax=” line', ok: true }] },
    failedRequests: { value: 0 },
    memoryPhases: [
      {
        process: 'bot on PostgreSQL',
        phase: 'idle after start',
        rssMb: 150,
        heapUsedMb: 60,
        heapTotalMb: 80,
        externalMb: 5,
        arrayBuffersMb: 1,
      },
    ],
    loadAverage: { start: [0.1, 0.2, 0.3], end: [0.2, 0.2, 0.3], cpus: 2 },
    ...overrides,
  };
}

export function byFigure(rows: TableRow[], start: string): TableRow {
  const found = rows.find((r) => r.figure.startsWith(start));
  assert.ok(found, `a row “${start}…” in ${rows.map((r) => r.figure).join(' | ')}`);
  return found!;
}
