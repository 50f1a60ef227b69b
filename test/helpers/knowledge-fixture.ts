// A test database holding the province's letter (a copy in test/fixtures, as imported by an agency), and the
// answerer the knowledge tests use: no model, the index rebuilt at every question, the shipped threshold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument } from '../../services/knowledge/knowledge-store.js';
import { PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import type { QuestionExample } from '../../services/knowledge/question-examples.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export const ND73 = 'Nghị định 73/2023/NĐ-CP';

const LETTER = readFileSync(path.join(__dirname, '../fixtures/knowledge/cong-van-ubnd-lao-cai-trien-khai-nd73.txt'), 'utf8');

export async function databaseWithLetter(): Promise<TestDatabase> {
  const db = await openTestDatabase();
  await importDocument(db.dataSource, LETTER, {});
  return db;
}

/** `examples` replaces the shipped question memory (an empty list turns it off). */
export function testAnswerer(db: TestDatabase, examples?: QuestionExample[]): PolicyAnswerer {
  return new PolicyAnswerer(db.dataSource, {
    llm: null,
    config: { refreshSeconds: 0, minCoverage: 0.5 },
    ...(examples ? { examples } : {}),
  });
}

/** Each question is refused (an honest "no provision", not an answer on the wrong topic). */
export async function assertRefused(answerer: PolicyAnswerer, questions: string[]): Promise<void> {
  for (const q of questions) {
    const a = await answerer.answer(q);
    assert.equal(a.kind, 'not_found', q);
    assert.equal(a.confident, false, q);
  }
}

/** Each question is answered confidently, its first citation at the path given beside it. */
export async function assertAnswered(answerer: PolicyAnswerer, cases: Array<[string, string]>): Promise<void> {
  for (const [q, path] of cases) {
    const a = await answerer.answer(q);
    assert.equal(a.confident, true, q);
    assert.deepEqual(a.citations[0].paths, [path], q);
  }
}
