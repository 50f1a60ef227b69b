// Small arithmetic shared by the bench's files.
import type { TurnLoadResult } from './turn-load.js';

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The round whose throughput is the median one: its figures are reported (they belong together). */
export function medianRun(runs: TurnLoadResult[]): TurnLoadResult | undefined {
  if (!runs.length) return undefined;
  const sorted = [...runs].sort((a, b) => a.throughput - b.throughput);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** A number of turns that is a whole number of the scenario's loops (each conversation ends where it began). */
export function wholeLoops(turns: number, loopLength: number): number {
  return Math.max(loopLength, Math.round(turns / loopLength) * loopLength);
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
