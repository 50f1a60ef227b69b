// The weight search behind MEMORY_WEIGHTS (services/knowledge/memory-decision.ts): every dev file is answered by
// an answerer whose memory holds the other files (leave one file out, as cross-validation.ts), once per
// combination of weights, and the combinations are printed best first. The blind files (written by someone who
// never saw the answerer, and tuned on only afterwards) are also scored apart: their figure is the nearer to
// unseen wording. `npm run eval:tune-memory`; dev only, the holdout is never read.
import path from 'node:path';
import { openDatabase } from '../../entities/data-source.js';
import { loadKnowledgeConfig } from '../../services/knowledge/knowledge-config.js';
import { MEMORY_WEIGHTS, type MemoryWeights } from '../../services/knowledge/memory-decision.js';
import { PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import { foldsOf } from './cross-validation.js';
import { DEV_QUESTIONS_FILES, evaluate, loadQuestions, prepareEvalDatabase, type EvalQuestion, type EvalReport } from './run-eval.js';

const GRID = {
  answer: [0.1, 0.15, 0.25],
  typed: [0.3, 0.4, 0.5],
  refusal: [0.7, 0.75, 0.8],
  agree: [0, 0.05, 0.1],
};

/** One figure to rank by: answers right first, a wrong-topic answer costs twice a refusal (issue 17's ≤ 2 %). */
function merit(r: EvalReport): number {
  return r.top1 * (r.answerable / r.questions) - 2 * r.wrongTopic - (1 - r.refusalRecall) * (r.outOfScope / r.questions);
}

const fmt = (r: EvalReport) =>
  `${(r.top1 * 100).toFixed(1)}/${(r.top3 * 100).toFixed(1)} wrong ${(r.wrongTopic * 100).toFixed(1)} refusal ${(r.refusalPrecision * 100).toFixed(1)}/${(r.refusalRecall * 100).toFixed(1)}`;

async function main(): Promise<void> {
  const files = DEV_QUESTIONS_FILES.map((f) => ({ name: path.basename(f), questions: loadQuestions(f) }));
  const blind = new Set(files.filter((f) => /blind|former-holdout/.test(f.name)).flatMap((f) => f.questions));
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await prepareEvalDatabase(db.dataSource);
    // One mutable weights object shared by every fold's answerer: each combination is set in place.
    const weights: MemoryWeights = { ...MEMORY_WEIGHTS };
    const byQuestion = new Map<EvalQuestion, PolicyAnswerer>();
    for (const fold of foldsOf('leave-one-file-out', files)) {
      const config = { ...loadKnowledgeConfig({}), refreshSeconds: 3600 };
      const answerer = new PolicyAnswerer(db.dataSource, { llm: null, config, examples: fold.examples, memoryWeights: weights });
      await answerer.refresh();
      for (const q of fold.measured) byQuestion.set(q, answerer);
    }
    const all = [...byQuestion.keys()];
    const blindOnly = all.filter((q) => blind.has(q));
    const rows: Array<{ w: MemoryWeights; all: EvalReport; blind: EvalReport }> = [];
    for (const answer of GRID.answer)
      for (const typed of GRID.typed)
        for (const refusal of GRID.refusal)
          for (const agree of GRID.agree) {
            Object.assign(weights, { answer, typed, refusal, agree });
            // Each question answered once per combination; the blind files' figure reuses the answers.
            const answers = new Map<EvalQuestion, ReturnType<PolicyAnswerer['answer']>>();
            const ask = (q: EvalQuestion) => {
              if (!answers.has(q)) answers.set(q, byQuestion.get(q)!.answer(q.q));
              return answers.get(q)!;
            };
            rows.push({ w: { ...weights }, all: await evaluate(ask, all, 1), blind: await evaluate(ask, blindOnly, 1) });
          }
    rows.sort((a, b) => merit(b.blind) - merit(a.blind));
    const current = rows.find((r) => JSON.stringify(r.w) === JSON.stringify(MEMORY_WEIGHTS));
    if (current) console.log(`current ${JSON.stringify(current.w)}  all ${fmt(current.all)}  blind ${fmt(current.blind)}`);
    for (const r of rows.slice(0, 15)) console.log(`${JSON.stringify(r.w)}  all ${fmt(r.all)}  blind ${fmt(r.blind)}`);
  } finally {
    await db.close();
  }
}

void main();
