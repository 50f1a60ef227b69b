// Out-of-fold dev figures for `npm run eval:qa`. Once the dev questions are the question memory's examples
// (knowledge/examples), a dev figure measured with that memory answers each question from itself. Here each
// question is answered by an answerer whose memory holds none of its fold:
// - leave one file out: the fold is the question's dev file, written in one sitting by one writer — the
//   closest dev can come to "other people's wording", and the figure used for tuning;
// - 5-fold: every fifth question; a file's paraphrases of one question land in other folds, so it overstates.
// The rules and word lists were tuned on all of dev, so even these figures overstate unseen wording; the
// figure "no memory" (the ranking and rules alone) is printed beside them for comparison.
import path from 'node:path';
import { openDatabase } from '../../entities/data-source.js';
import { loadKnowledgeConfig } from '../../services/knowledge/knowledge-config.js';
import { PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import type { QuestionExample } from '../../services/knowledge/question-examples.js';
import { evaluate, loadQuestions, prepareEvalDatabase, type EvalQuestion, type EvalReport } from './run-eval.js';

export type FoldScheme = 'leave-one-file-out' | '5-fold' | 'no-memory';

interface Fold {
  examples: QuestionExample[];
  measured: EvalQuestion[];
}

export function foldsOf(scheme: FoldScheme, files: Array<{ name: string; questions: EvalQuestion[] }>, only?: string): Fold[] {
  const all = files.flatMap((f) => f.questions);
  const kept = new Set(files.filter((f) => !only || f.name === only).flatMap((f) => f.questions));
  if (scheme === 'no-memory') return [{ examples: [], measured: all.filter((q) => kept.has(q)) }];
  if (scheme === 'leave-one-file-out')
    return files
      .filter((f) => !only || f.name === only)
      .map((f) => ({ examples: files.filter((g) => g !== f).flatMap((g) => g.questions), measured: f.questions }));
  return [0, 1, 2, 3, 4].map((k) => ({
    examples: all.filter((_, i) => i % 5 !== k),
    measured: all.filter((q, i) => i % 5 === k && kept.has(q)),
  }));
}

/**
 * Cross-validated reports of the dev files (paths), one per scheme; with `only` (a file's name) only that
 * file is measured, by an answerer whose memory holds the other files.
 */
export async function runCrossValidation(
  devFiles: string[],
  schemes: FoldScheme[],
  only?: string,
): Promise<Partial<Record<FoldScheme, EvalReport>>> {
  const files = devFiles.map((f) => ({ name: path.basename(f), questions: loadQuestions(f) }));
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await prepareEvalDatabase(db.dataSource);
    const out: Partial<Record<FoldScheme, EvalReport>> = {};
    for (const scheme of schemes) {
      const byQuestion = new Map<EvalQuestion, PolicyAnswerer>();
      for (const fold of foldsOf(scheme, files, only)) {
        const config = { ...loadKnowledgeConfig({}), refreshSeconds: 3600 };
        const answerer = new PolicyAnswerer(db.dataSource, { llm: null, config, examples: fold.examples });
        await answerer.refresh();
        for (const q of fold.measured) byQuestion.set(q, answerer);
      }
      const measured = [...byQuestion.keys()];
      out[scheme] = await evaluate((q) => byQuestion.get(q)!.answer(q.q), measured, 1);
    }
    return out;
  } finally {
    await db.close();
  }
}
