// A file an officer sent → the plan's text, or the reason it cannot be read (said to the officer in
// Vietnamese by the caller). Reuses the knowledge base's readers (mammoth, pdf-parse).
import path from 'node:path';
import { ExtractionError, extractDocxWithTables, extractTextFromBuffer } from '../knowledge/text-extractor.js';

export type DocumentProblem = 'too_big' | 'unsupported' | 'unreadable' | 'password' | 'scanned';

export class PlanDocumentError extends Error {
  constructor(readonly problem: DocumentProblem) {
    super(problem);
    this.name = 'PlanDocumentError';
  }
}

const TYPES: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
};

/** The kind of a file from its name, else its content type; undefined when it is none of .docx, .pdf, .txt. */
export function documentKind(name: string, contentType?: string): '.docx' | '.pdf' | '.txt' | undefined {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.docx' || ext === '.pdf' || ext === '.txt') return ext;
  if (ext) return undefined;
  return TYPES[(contentType ?? '').split(';')[0].trim().toLowerCase()] as '.docx' | '.pdf' | '.txt' | undefined;
}

export async function readPlanDocument(buffer: Buffer, name: string, contentType?: string): Promise<string> {
  const kind = documentKind(name, contentType);
  if (!kind) throw new PlanDocumentError('unsupported');
  try {
    const text = kind === '.docx' ? await extractDocxWithTables(buffer, name) : await extractTextFromBuffer(buffer, kind, name);
    // A PDF of scanned pages has page markers and little else.
    if (kind === '.pdf' && text.replace(/\s+/g, '').length < 20) throw new PlanDocumentError('scanned');
    if (kind === '.txt' && buffer.includes(0)) throw new PlanDocumentError('unreadable');
    return text;
  } catch (err) {
    if (err instanceof PlanDocumentError) throw err;
    if (err instanceof ExtractionError) {
      if (err.reason === 'password') throw new PlanDocumentError('password');
      if (err.reason === 'no_text') throw new PlanDocumentError(kind === '.pdf' ? 'scanned' : 'unreadable');
      if (err.reason === 'unsupported') throw new PlanDocumentError('unsupported');
      throw new PlanDocumentError('unreadable');
    }
    throw new PlanDocumentError('unreadable');
  }
}
