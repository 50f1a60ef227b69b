// `npm run eval:qa`: question-answering evaluation on a fresh in-memory database holding the province's
// letter (knowledge/sources) and the synthetic decree and letter (./synthetic, invented for testing),
// plus the curated pack. Prints top-1/top-3 citation accuracy, refusal precision and recall, and latency.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../entities/data-source.js';
import { codeKey, importDocument } from '../../services/knowledge/knowledge-store.js';
import { PolicyAnswerer, type PolicyAnswer, type PolicyCitation } from '../../services/knowledge/policy-answerer.js';
import { extractText } from '../../services/knowledge/text-extractor.js';

export interface EvalQuestion {
  q: string;
  expect: string;
  tags?: string[];
}

export interface EvalFailure {
  question: string;
  expect: string;
  got: string;
  kind: PolicyAnswer['kind'];
}

export interface EvalReport {
  questions: number;
  answerable: number;
  top1: number;
  top3: number;
  refusalPrecision: number;
  refusalRecall: number;
  collisionAccuracy: number;
  latencyMs: { p50: number; p95: number; max: number };
  failures: EvalFailure[];
  targetsMet: boolean;
}

const ROOT = path.resolve(__dirname, '../..');
export const EVAL_QUESTIONS_FILE = path.join(__dirname, 'questions.yaml');

/** Documents the evaluation imports; the synthetic ones are clearly marked as not official. */
export const EVAL_DOCUMENTS = [
  { file: path.join(ROOT, 'knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt'), options: {} },
  { file: path.join(__dirname, 'synthetic/nghi-dinh-mau-hop-truc-tuyen.txt'), options: { sourceNote: 'văn bản mẫu để kiểm thử' } },
  { file: path.join(__dirname, 'synthetic/cong-van-mau-phong-chong-thien-tai.txt'), options: { sourceNote: 'văn bản mẫu để kiểm thử' } },
];

const DOC_KEYS: Record<string, string> = { 'syn-nd': codeKey('99/2099/NĐ-CP'), 'syn-cv': codeKey('123/UBND-VX') };

export function loadQuestions(file = EVAL_QUESTIONS_FILE): EvalQuestion[] {
  return (parseYaml(readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
}

function matches(c: PolicyCitation | undefined, expect: string): boolean {
  if (!c) return false;
  if (expect.startsWith('cite:')) return c.citation === expect.slice(5);
  const [doc, paths] = expect.split(' ');
  const key = DOC_KEYS[doc] ?? doc;
  return c.documentKey === key && paths.split('|').some((p) => (c.paths ?? []).includes(p));
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function prepareEvalDatabase(dataSource: DataSource): Promise<void> {
  for (const d of EVAL_DOCUMENTS) await importDocument(dataSource, await extractText(d.file), d.options);
}

/** Runs the evaluation; opens (and closes) its own in-memory database unless one is given. */
export async function runQaEvaluation(options: { dataSource?: DataSource; questions?: EvalQuestion[]; repeat?: number } = {}): Promise<EvalReport> {
  const db = options.dataSource ? null : await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  const dataSource = options.dataSource ?? db!.dataSource;
  try {
    await prepareEvalDatabase(dataSource);
    const answerer = new PolicyAnswerer(dataSource, { llm: null, config: { refreshSeconds: 3600, minCoverage: 0.5 } });
    await answerer.refresh();
    const questions = options.questions ?? loadQuestions();
    for (const q of questions.slice(0, 10)) await answerer.answer(q.q); // warm-up (JIT)
    const latencies: number[] = [];
    const failures: EvalFailure[] = [];
    let answerable = 0, top1 = 0, top3 = 0, refused = 0, refusedCorrect = 0, shouldRefuse = 0, collisions = 0, collisionsOk = 0;
    for (let round = 0; round < (options.repeat ?? 1); round++) {
      for (const q of questions) {
        const t0 = performance.now();
        const a = await answerer.answer(q.q);
        latencies.push(performance.now() - t0);
        if (round > 0) continue;
        const isRefusal = a.kind === 'not_found';
        if (isRefusal) refused++;
        let ok: boolean;
        if (q.expect === 'refuse') {
          shouldRefuse++;
          ok = isRefusal;
          if (ok) refusedCorrect++;
        } else if (q.expect === 'collision') {
          collisions++;
          ok = a.kind === 'collision';
          if (ok) collisionsOk++;
        } else {
          answerable++;
          ok = a.confident && matches(a.citations[0], q.expect);
          if (ok) top1++;
          if (a.citations.slice(0, 3).some((c) => matches(c, q.expect))) top3++;
        }
        if (!ok) {
          const got = a.citations[0] ? `${a.citations[0].documentKey} ${(a.citations[0].paths ?? []).join('|')} (${a.citations[0].citation})` : '(không trích dẫn)';
          failures.push({ question: q.q, expect: q.expect, got, kind: a.kind });
        }
      }
    }
    latencies.sort((x, y) => x - y);
    const report: EvalReport = {
      questions: questions.length,
      answerable,
      top1: answerable ? top1 / answerable : 1,
      top3: answerable ? top3 / answerable : 1,
      refusalPrecision: refused ? refusedCorrect / refused : 1,
      refusalRecall: shouldRefuse ? refusedCorrect / shouldRefuse : 1,
      collisionAccuracy: collisions ? collisionsOk / collisions : 1,
      latencyMs: { p50: round2(percentile(latencies, 50)), p95: round2(percentile(latencies, 95)), max: round2(latencies[latencies.length - 1] ?? 0) },
      failures,
      targetsMet: false,
    };
    report.targetsMet = report.top1 >= 0.9 && report.top3 >= 0.98 && report.latencyMs.p95 < 20;
    return report;
  } finally {
    await db?.close();
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const report = await runQaEvaluation({ repeat: 5 });
  console.log(`Câu hỏi: ${report.questions} (có căn cứ để trả lời: ${report.answerable})`);
  console.log(`Top-1 đúng trích dẫn: ${pct(report.top1)}   (mục tiêu ≥ 90%)`);
  console.log(`Top-3 đúng trích dẫn: ${pct(report.top3)}   (mục tiêu ≥ 98%)`);
  console.log(`Độ chính xác khi từ chối: ${pct(report.refusalPrecision)}; tỷ lệ từ chối đúng câu ngoài phạm vi: ${pct(report.refusalRecall)}`);
  console.log(`Nhầm số hiệu (Nghị định 73/2024): ${pct(report.collisionAccuracy)}`);
  console.log(`Độ trễ trong tiến trình: p50 ${report.latencyMs.p50} ms, p95 ${report.latencyMs.p95} ms, max ${report.latencyMs.max} ms (mục tiêu p95 < 20 ms)`);
  if (report.failures.length) {
    console.log('\nCâu chưa đạt:');
    for (const f of report.failures) console.log(`- ${f.question}\n    cần: ${f.expect}\n    được: [${f.kind}] ${f.got}`);
  }
  console.log(report.targetsMet ? '\nĐẠT mục tiêu.' : '\nCHƯA ĐẠT mục tiêu.');
  process.exitCode = report.targetsMet ? 0 : 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
