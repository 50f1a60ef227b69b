// Demo mode: the province's implementation letter (knowledge/sources, the seed document) is imported the
// first time someone asks a question, so its points are quoted word for word with the full citation. The
// decree and Regulation 32 stay curated summaries until an agency imports its official copies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { LegalDocument } from '../../entities/legal-document.entity.js';
import { getRevision, importDocument } from './knowledge-store.js';

export const SAMPLE_LETTER_FILE = path.resolve(__dirname, '../../knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt');

/**
 * Imports the letter when the knowledge base holds no document and has never been changed (a first start);
 * an agency that has imported or removed texts keeps its own choice: every import and removal bumps the
 * knowledge revision, so a knowledge base emptied by `kb remove` stays empty. Returns whether it imported.
 */
export async function importSampleLetterIfEmpty(dataSource: DataSource, file: string = SAMPLE_LETTER_FILE): Promise<boolean> {
  if ((await dataSource.getRepository(LegalDocument).count()) > 0) return false;
  if ((await getRevision(dataSource)) > 0) return false;
  await importDocument(dataSource, readFileSync(file, 'utf8'), {});
  return true;
}
