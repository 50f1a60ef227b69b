// `npm run eval:replay`: the most honest dev figure for the question memory. The rules and
// word lists were tuned on all of dev, so even out-of-fold dev figures flatter them. But four dev files were
// once measured blind, each by the answerer of a known commit that had never seen it. This replays those
// answerers on their files (each in a temporary git worktree of its commit), then weighs each old answer
// with a memory built from the other dev files, by memory-decision.ts as the product does. It prints the
// blind figures before (they reproduce the numbers recorded in knowledge/README.md) and with the memory.
// Needs the git history; takes about a minute. Not part of `npm run eval:qa`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../entities/data-source.js';
import { citationPath, parseCitation } from '../../services/knowledge/citation-parser.js';
import { loadKnowledgeConfig } from '../../services/knowledge/knowledge-config.js';
import { weighWithMemory } from '../../services/knowledge/memory-decision.js';
import { PolicyAnswerer, type PolicyAnswer } from '../../services/knowledge/policy-answerer.js';
import { usableAsExample } from '../../services/knowledge/question-examples.js';
import { QuestionMemory } from '../../services/knowledge/question-memory.js';
import { normalizeText } from '../../services/text/vietnamese.js';
import { DEV_QUESTIONS_FILES, evaluate, loadQuestions, prepareEvalDatabase, print, type EvalQuestion } from './run-eval.js';

/** Each file with the commit whose answerer measured it blind (knowledge/README.md, "Evaluation"). */
const REPLAYS = [
  { file: 'dev-blind3.yaml', commit: '2e00d50' },
  { file: 'dev-former-heldback-answers2.yaml', commit: 'a35d7ae' },
  { file: 'dev-former-heldback2-answers2.yaml', commit: '3f8c7ab' },
  { file: 'dev-former-holdout-2026-12-04.yaml', commit: 'da3678e' },
];

const ROOT = path.resolve(__dirname, '../..');

/** Run inside the old worktree: its answerer answers the questions of a file, printed as JSON. */
const CHILD = `
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { openDatabase } from './entities/data-source';
import { prepareEvalDatabase } from './knowledge/eval/run-eval';
import { PolicyAnswerer } from './services/knowledge/policy-answerer';
import { loadKnowledgeConfig } from './services/knowledge/knowledge-config';
(async () => {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await prepareEvalDatabase(db.dataSource);
  const a = new PolicyAnswerer(db.dataSource, { llm: null, config: { ...loadKnowledgeConfig({}), refreshSeconds: 3600 } });
  const out = [];
  for (const q of parse(readFileSync(process.argv[2], 'utf8')).questions) out.push(await a.answer(q.q));
  await db.close();
  process.stdout.write(JSON.stringify(out));
})();
`;

function oldAnswers(commit: string, file: string): PolicyAnswer[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), `replay-${commit}-`));
  execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', dir, commit], { stdio: 'ignore' });
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'replay-child.ts'), CHILD);
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const json = execFileSync(tsx, ['replay-child.ts', path.join(__dirname, file)], { cwd: dir, maxBuffer: 64 << 20 });
    return JSON.parse(json.toString()) as PolicyAnswer[];
  } finally {
    execFileSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await prepareEvalDatabase(db.dataSource);
  const before = new Map<EvalQuestion, PolicyAnswer>();
  const after = new Map<EvalQuestion, PolicyAnswer>();
  const byFile = new Map<string, EvalQuestion[]>();
  for (const { file, commit } of REPLAYS) {
    const questions = loadQuestions(path.join(__dirname, file));
    byFile.set(file, questions);
    const others = DEV_QUESTIONS_FILES.filter((f) => path.basename(f) !== file).flatMap((f) => loadQuestions(f));
    const config = { ...loadKnowledgeConfig({}), refreshSeconds: 3600 };
    const index = await new PolicyAnswerer(db.dataSource, { llm: null, config, examples: [] }).ensureFresh();
    const memory = new QuestionMemory(others.filter(usableAsExample), index);
    const answers = oldAnswers(commit, file);
    questions.forEach((q, i) => {
      const old = answers[i];
      before.set(q, old);
      // As in the answerer: an explicit citation is looked up, not weighed.
      const byReference = Boolean(citationPath(parseCitation(normalizeText(q.q))));
      after.set(q, byReference ? old : weighWithMemory(index, normalizeText(q.q), old, memory.recall(q.q)));
    });
    console.log(`${file}: ${questions.length} questions answered by the answerer of ${commit}`);
  }
  await db.close();
  const all = [...before.keys()];
  for (const { file } of REPLAYS) {
    const mine = byFile.get(file)!;
    print(`${file}: trước (bộ trả lời cũ, mù)`, await evaluate(async (q) => before.get(q)!, mine, 1), false);
    print(`${file}: với bộ nhớ câu hỏi (không chứa tệp này)`, await evaluate(async (q) => after.get(q)!, mine, 1), false);
  }
  print('CẢ BỐN TỆP: trước', await evaluate(async (q) => before.get(q)!, all, 1), false);
  print('CẢ BỐN TỆP: với bộ nhớ câu hỏi', await evaluate(async (q) => after.get(q)!, all, 1), true);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
