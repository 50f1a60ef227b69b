// The curated pack: questions and answers written by the team in its own words (knowledge/curated/*.yaml).
//
// Read from the files, not copied into the database: the pack is part of the release (reviewed and
// versioned in git with the code that interprets it), it is never edited by an agency, and reading it at
// start costs a few milliseconds. Imported official texts, which agencies do manage, live in the database.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { LEGAL_DOCUMENT_KINDS } from '../../entities/legal-document.entity.js';
import { assetPath } from '../platform/paths.js';
import { yamlFilesIn } from './yaml-files.js';

const packDocument = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  kind: z.enum(LEGAL_DOCUMENT_KINDS),
  label: z.string().min(1),
  title: z.string().min(1),
  codeContains: z.string().min(1).optional(),
});

const packEntry = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  document: z.string().min(1),
  citation: z.string().min(1),
  paths: z.array(z.string().regex(/^([a-z]+:[0-9a-zđ-]+)(\/[a-z]+:[0-9a-zđ-]+)*$/)),
  confidence: z.enum(['verified', 'secondary', 'unknown']),
  questions: z.array(z.string().min(3)).min(1),
  keywords: z.array(z.string().min(1)).default([]),
  answer: z.string().min(10),
  /** Key of the next-step line (messages/knowledge.ts nextStep) shown under the answer. */
  next: z.enum(['tao-de-xuat', 'hang-doi']).optional(),
  /** false: a clause of an article the pack answers whole (Art. 4, Art. 6), cited when the question names the clause
   * or asks about its one item, beside the article; never ranked with the other entries, where it would outrank the
   * article a question on the whole list asks for. */
  ranked: z.boolean().default(true),
});

const packFile = z.object({
  documents: z.array(packDocument).default([]),
  entries: z.array(packEntry).default([]),
  /** Phrases that place a question within the pack's topic; a question with none of them is not answered from the pack's documents. */
  scope: z.array(z.string().min(2)).default([]),
  /** Scope phrases with common uses outside the topic ("bảo vệ"): alone they do not make a message's last clause topical. */
  weakScope: z.array(z.string().min(2)).default([]),
  /** Phrases of neighbouring rules the pack does not hold (allowances, leave): a question with one is answered from the
   * pack only when it also names the pack's own subject with a `core` phrase. */
  otherTopics: z.array(z.string().min(2)).default([]),
  core: z.array(z.string().min(2)).default([]),
  /** Phrases that put a question outside the pack's public-sector subject even when it uses the pack's own words
   * (a private company's innovation, teachers' "sáng kiến kinh nghiệm"): answered from the pack only when the
   * question names one of the pack's documents with a `named` phrase. */
  outsideSubject: z.array(z.string().min(2)).default([]),
  named: z.array(z.string().min(2)).default([]),
});

export type PackDocument = z.infer<typeof packDocument>;
export type PackEntry = z.infer<typeof packEntry>;
export type Confidence = PackEntry['confidence'];

export interface CuratedPack {
  documents: PackDocument[];
  entries: PackEntry[];
  /** Topic phrases of the pack (see packFile.scope); empty means no topic check. */
  scope?: string[];
  /** Scope phrases that alone do not make a message's last clause topical (see packFile.weakScope). */
  weakScope?: string[];
  /** Phrases of rules the pack does not hold (see packFile.otherTopics) and of its own subject (packFile.core). */
  otherTopics?: string[];
  core?: string[];
  /** Phrases outside the pack's subject (see packFile.outsideSubject) and the names of its documents (packFile.named). */
  outsideSubject?: string[];
  named?: string[];
}

export const DEFAULT_PACK_DIR = assetPath('knowledge', 'curated');

export function loadCuratedPack(dir: string = DEFAULT_PACK_DIR): CuratedPack {
  const documents: PackDocument[] = [];
  const entries: PackEntry[] = [];
  const scope: string[] = [];
  const weakScope: string[] = [];
  const otherTopics: string[] = [];
  const core: string[] = [];
  const outsideSubject: string[] = [];
  const named: string[] = [];
  for (const file of yamlFilesIn(dir)) {
    const parsed = packFile.safeParse(parseYaml(readFileSync(file.path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`Gói tri thức ${file.name} không hợp lệ tại ${issue.path.join('.')}: ${issue.message}`);
    }
    documents.push(...parsed.data.documents);
    entries.push(...parsed.data.entries);
    scope.push(...parsed.data.scope);
    weakScope.push(...parsed.data.weakScope);
    otherTopics.push(...parsed.data.otherTopics);
    core.push(...parsed.data.core);
    outsideSubject.push(...parsed.data.outsideSubject);
    named.push(...parsed.data.named);
  }
  const docIds = new Set(documents.map((d) => d.id));
  const seen = new Set<string>();
  for (const e of entries) {
    if (!docIds.has(e.document)) throw new Error(`Gói tri thức: mục ${e.id} tham chiếu văn bản không có “${e.document}”.`);
    if (seen.has(e.id)) throw new Error(`Gói tri thức: mã mục ${e.id} bị trùng.`);
    seen.add(e.id);
  }
  return { documents, entries, scope, weakScope, otherTopics, core, outsideSubject, named };
}
