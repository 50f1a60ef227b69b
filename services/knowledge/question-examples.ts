// Labelled example questions (knowledge/examples/*.yaml): questions people asked, each with the provision
// that answers it or "refuse". Product data like the curated pack, read at start; the question memory
// (question-memory.ts) answers a new question partly by its likeness to these. The shipped file is
// generated from the dev evaluation set (`npm run kb:examples`), so the answerer never reads knowledge/eval.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { assetPath } from '../platform/paths.js';
import { yamlFilesIn } from './yaml-files.js';

const examplesFile = z.object({
  /** [label, question] pairs: compact, one line each. */
  examples: z.array(z.tuple([z.string().min(1), z.string().min(1)])).default([]),
});

export interface QuestionExample {
  q: string;
  /** A label of example-labels.ts: "<doc> <path>[|…]", "entry:<id>", "cite:<citation>" or "refuse". */
  expect: string;
}

export const DEFAULT_EXAMPLES_DIR = assetPath('knowledge', 'examples');

/** Read once per directory: the files ship with the release and never change while it runs. */
const loaded = new Map<string, QuestionExample[]>();

export function loadQuestionExamples(dir: string = DEFAULT_EXAMPLES_DIR): QuestionExample[] {
  let out = loaded.get(dir);
  if (!out) loaded.set(dir, (out = readExamples(dir)));
  return out;
}

function readExamples(dir: string): QuestionExample[] {
  const out: QuestionExample[] = [];
  for (const file of yamlFilesIn(dir)) {
    const parsed = examplesFile.safeParse(parseYaml(readFileSync(file.path, 'utf8')));
    if (!parsed.success) throw new Error(`Ví dụ câu hỏi ${file.name} không hợp lệ: ${parsed.error.issues[0].message}`);
    for (const [expect, q] of parsed.data.examples) out.push({ q, expect });
  }
  return out;
}

/** Which labelled questions become examples: not the Decree 73/2024 mix-up (a rule answers it) nor questions
 * on the synthetic test documents, which the product never holds. */
export function usableAsExample(e: QuestionExample): boolean {
  return e.expect !== 'collision' && !/(^|\|)syn-/.test(e.expect);
}
