// The bench's figures outside issue 22: the policy-answer evaluation and the yearly report at scale,
// as rows of the same table.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TableRow } from './report-table.js';

const ROOT = path.resolve(__dirname, '..');
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export async function runAnswers(): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(ROOT, 'knowledge/eval/run-eval.ts')))
    return { status: 'not measured', note: 'knowledge/eval/run-eval.ts does not exist' };
  const mod = (await import('../knowledge/eval/run-eval.js')) as typeof import('../knowledge/eval/run-eval.js');
  const { failures, ...figures } = await mod.runQaEvaluation({ repeat: 5 });
  // The dev part (the holdout is measured only by `npm run eval:qa`); the targets are the evaluation's own.
  return { status: 'measured', part: 'dev', ...figures, failures: failures.length, targets: mod.TARGETS };
}

/** The province report at 20,000 and 100,000 proposals in 200 units (PostgreSQL), each in its own process. */
export async function yearlyReport(): Promise<Record<string, unknown>> {
  const { runAnnualReportScaling } = await import('./annual-report-bench.js');
  const scaling = await runAnnualReportScaling();
  return { status: 'measured', ...scaling, targets: { seconds: 10, peakRssGrowthDifferenceMb: 25 } };
}

const missing = (figure: string, target: string, r: Record<string, unknown>): TableRow => ({
  figure,
  value: '—',
  target,
  verdict: 'not measured',
  note: `${String(r.status)}${r.note ? `: ${String(r.note)}` : ''}`,
});

export function otherRows(answers: Record<string, unknown> | undefined, report: Record<string, unknown> | undefined): TableRow[] {
  const rows: TableRow[] = [];
  if (answers?.status === 'measured') {
    const top1 = answers.top1 as number;
    const top3 = answers.top3 as number;
    const lat = answers.latencyMs as { p50: number; p95: number };
    const t = answers.targets as { top1: number; top3: number; p95Ms: number };
    rows.push({
      figure: 'answers (dev part): citation accuracy top-1 / top-3',
      value: `${fmt(top1 * 100)}% / ${fmt(top3 * 100)}%`,
      target: `≥ ${fmt(t.top1 * 100)}% / ≥ ${fmt(t.top3 * 100)}%`,
      verdict: top1 >= t.top1 && top3 >= t.top3 ? 'met' : 'NOT MET',
      note: `${String(answers.answerable)} questions; refusals precision ${fmt((answers.refusalPrecision as number) * 100)}%, recall ${fmt((answers.refusalRecall as number) * 100)}%`,
    });
    rows.push({
      figure: 'answers: latency p95 (in process)',
      value: `${fmt(lat.p95, 2)} ms`,
      target: `< ${t.p95Ms} ms`,
      verdict: lat.p95 < t.p95Ms ? 'met' : 'NOT MET',
      note: `p50 ${fmt(lat.p50, 2)} ms`,
    });
  } else if (answers) rows.push(missing('answers: citation accuracy', '≥ 95% / ≥ 99% (dev part)', answers));
  if (report?.status === 'measured') {
    const runs = report.runs as { proposals: number; reportSeconds: number; peakRssGrowthMb: number }[];
    const [small, large] = [runs[0], runs[runs.length - 1]];
    rows.push({
      figure: `yearly report, ${large.proposals.toLocaleString('en')} proposals`,
      value: `${fmt(large.reportSeconds, 2)} s, RSS +${fmt(large.peakRssGrowthMb)} MB`,
      target: '< 10 s, RSS growth Δ < 25 MB',
      verdict: report.met ? 'met' : 'NOT MET',
      note: `${small.proposals.toLocaleString('en')}: ${fmt(small.reportSeconds, 2)} s, +${fmt(small.peakRssGrowthMb)} MB; Δ ${fmt(report.peakRssGrowthDifferenceMb as number)} MB`,
    });
  } else if (report) rows.push(missing('yearly report, 100,000 proposals', '< 10 s', report));
  return rows;
}
