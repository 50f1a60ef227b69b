// Storage of imported documents: versioned import, list, show, remove, and the revision counter that
// tells every process to rebuild its in-memory index.
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { LEGAL_DOCUMENT_KINDS, LegalDocument, type LegalDocumentKind } from '../../entities/legal-document.entity.js';
import { LegalProvision, type ProvisionKind } from '../../entities/legal-provision.entity.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { documentLabel, flattenProvisions, type FlatProvision } from './citation-format.js';
import { countNodes, parseDocumentText, type ParsedDocument } from './document-parser.js';

export class KnowledgeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeInputError';
  }
}

export interface ImportOptions {
  code?: string;
  title?: string;
  kind?: LegalDocumentKind;
  issuer?: string;
  issuedOn?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  sourceNote?: string;
  /** Parse and report without storing. */
  dryRun?: boolean;
}

export interface ImportReport {
  document: Pick<LegalDocument, 'id' | 'code' | 'title' | 'kind' | 'version' | 'issuedOn' | 'issuer'> & { label: string };
  shape: ParsedDocument['shape'];
  counts: Record<ProvisionKind, number>;
  firstCitations: string[];
  /** Version the import replaced, when the code was already present. */
  supersededVersion: number | null;
  sameContentAsPrevious: boolean;
  stored: boolean;
}

/** Folded upper-case key under which versions of one document are grouped: "73/2023/ND-CP". */
export function codeKey(code: string): string {
  return foldDiacritics(code.normalize('NFC'))
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/^SO:?/, '')
    .replace(/…|\.{2,}/g, '...');
}

function checkDate(value: string | undefined, name: string): string | null {
  if (value === undefined || value === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new KnowledgeInputError(`${name} phải là ngày hợp lệ dạng YYYY-MM-DD (ví dụ 2023-09-29).`);
  }
  return value;
}

export function parseForImport(text: string, options: ImportOptions) {
  const parsed = parseDocumentText(text);
  const code = (options.code ?? parsed.metadata.code ?? '').normalize('NFC').trim();
  if (!code) {
    throw new KnowledgeInputError(
      'Không tìm thấy số, ký hiệu của văn bản. Hãy ghi rõ bằng --code, ví dụ --code “73/2023/NĐ-CP” hoặc --code “1234/UBND-NC”.',
    );
  }
  if (code.length > 100) throw new KnowledgeInputError('Số, ký hiệu văn bản dài quá 100 ký tự.');
  const kind = options.kind ?? parsed.metadata.kind ?? 'khac';
  if (!LEGAL_DOCUMENT_KINDS.includes(kind)) {
    throw new KnowledgeInputError(`Loại văn bản “${kind}” không hợp lệ. Chọn một trong: ${LEGAL_DOCUMENT_KINDS.join(', ')}.`);
  }
  const label = documentLabel(kind, code);
  const flat = flattenProvisions(parsed.nodes, label, parsed.shape);
  if (!flat.some((p) => p.kind !== 'doan')) {
    throw new KnowledgeInputError(
      'Không nhận ra cấu trúc văn bản: không có “Điều N.” nào, cũng không có mục đánh số “1.”, “2.”. Kiểm tra lại tệp.',
    );
  }
  const title = (options.title ?? parsed.metadata.title ?? label).normalize('NFC').trim().slice(0, 500);
  return { parsed, code, kind, label, flat, title };
}

export async function importDocument(dataSource: DataSource, text: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { parsed, code, kind, label, flat, title } = parseForImport(text, options);
  const issuedOn = checkDate(options.issuedOn ?? parsed.metadata.issuedOn, '--issued');
  const effectiveFrom = checkDate(options.effectiveFrom, '--effective-from');
  const effectiveTo = checkDate(options.effectiveTo, '--effective-to');
  if (effectiveFrom && effectiveTo && effectiveTo < effectiveFrom) {
    throw new KnowledgeInputError('Ngày hết hiệu lực không được trước ngày có hiệu lực.');
  }
  const key = codeKey(code);
  const contentHash = createHash('sha256')
    .update(flat.map((p) => `${p.citation}\n${p.title ?? ''}\n${p.text}`).join('\n\n'))
    .digest('hex');
  const counts = countNodes(parsed.nodes);
  const firstCitations = flat
    .filter((p) => p.kind !== 'doan')
    .slice(0, 5)
    .map((p) => p.citation);

  const run = async (manager: EntityManager) => {
    const previous = await manager
      .getRepository(LegalDocument)
      .createQueryBuilder('d')
      .where('d.code_key = :key', { key })
      .orderBy('d.version', 'DESC')
      .setLock('pessimistic_write')
      .getOne();
    const current = previous && !previous.superseded ? previous : null;
    const version = (previous?.version ?? 0) + 1;
    if (options.dryRun) return { id: '', version, current };
    if (current) {
      await manager.getRepository(LegalDocument).update({ id: current.id }, { superseded: true });
    }
    const doc = manager.getRepository(LegalDocument).create({
      code,
      codeKey: key,
      title,
      kind,
      issuer: options.issuer ?? parsed.metadata.issuer ?? null,
      issuedOn,
      effectiveFrom: effectiveFrom ?? issuedOn,
      effectiveTo,
      version,
      superseded: false,
      sourceNote: options.sourceNote ?? null,
      contentHash,
    });
    await manager.getRepository(LegalDocument).insert(doc);
    const ids = flat.map(() => randomUUID());
    const rows = flat.map((p: FlatProvision) => ({
      id: ids[p.index],
      documentId: doc.id,
      parentId: p.parentIndex === null ? null : ids[p.parentIndex],
      kind: p.kind,
      number: p.number,
      title: p.title,
      text: p.text,
      citation: p.citation.slice(0, 400),
      path: p.path.slice(0, 200),
      ordinal: p.index,
      depth: p.depth,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(LegalProvision)
        .values(rows.slice(i, i + 200))
        .execute();
    }
    await bumpRevision(manager);
    return { id: doc.id, version, current };
  };
  const result = options.dryRun ? await run(dataSource.manager) : await dataSource.transaction(run);
  return {
    document: {
      id: result.id,
      code,
      title,
      kind,
      version: result.version,
      issuedOn,
      issuer: options.issuer ?? parsed.metadata.issuer ?? null,
      label,
    },
    shape: parsed.shape,
    counts,
    firstCitations,
    supersededVersion: result.current?.version ?? null,
    sameContentAsPrevious: result.current?.contentHash === contentHash,
    stored: !options.dryRun,
  };
}

async function bumpRevision(manager: EntityManager): Promise<void> {
  await manager.query(`UPDATE knowledge_revision SET revision = revision + 1, updated_at = now() WHERE id = 1`);
}

export async function getRevision(dataSource: DataSource): Promise<number> {
  const rows: Array<{ revision: string }> = await dataSource.query(`SELECT revision FROM knowledge_revision WHERE id = 1`);
  return rows.length ? Number(rows[0].revision) : 0;
}

export async function listDocuments(dataSource: DataSource, { includeSuperseded = false } = {}) {
  const docs = await dataSource.getRepository(LegalDocument).find({
    where: includeSuperseded ? {} : { superseded: false },
    order: { codeKey: 'ASC', version: 'DESC' },
  });
  if (!docs.length) return [];
  const counts: Array<{ document_id: string; n: string }> = await dataSource.query(
    `SELECT document_id, count(*) AS n FROM legal_provision WHERE document_id = ANY($1::uuid[]) GROUP BY document_id`,
    [docs.map((d) => d.id)],
  );
  const byId = new Map(counts.map((c) => [c.document_id, Number(c.n)]));
  return docs.map((d) => Object.assign(d, { provisionCount: byId.get(d.id) ?? 0 }));
}

export async function findCurrentDocument(dataSource: DataSource, code: string): Promise<LegalDocument | null> {
  return dataSource.getRepository(LegalDocument).findOne({ where: { codeKey: codeKey(code), superseded: false } });
}

export async function listProvisions(dataSource: DataSource, documentId: string): Promise<LegalProvision[]> {
  return dataSource.getRepository(LegalProvision).find({ where: { documentId }, order: { ordinal: 'ASC' } });
}

/** Removes every version of a document. Returns how many versions were removed. */
export async function removeDocument(dataSource: DataSource, code: string): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const docs = await manager.getRepository(LegalDocument).find({ where: { codeKey: codeKey(code) } });
    if (!docs.length) return 0;
    await manager.getRepository(LegalDocument).delete(docs.map((d) => d.id));
    await bumpRevision(manager);
    return docs.length;
  });
}

export interface StoredProvision {
  id: string;
  parentId: string | null;
  kind: ProvisionKind;
  number: string;
  title: string | null;
  text: string;
  citation: string;
  path: string;
  ordinal: number;
  documentId: string;
}

export interface StoredDocument {
  id: string;
  code: string;
  codeKey: string;
  title: string;
  kind: LegalDocumentKind;
  label: string;
  version: number;
  issuedOn: string | null;
  provisions: StoredProvision[];
}

/** Every current document with its provisions, for the in-memory index. */
export async function loadCurrentDocuments(dataSource: DataSource): Promise<StoredDocument[]> {
  const docs = await dataSource.getRepository(LegalDocument).find({ where: { superseded: false }, order: { codeKey: 'ASC' } });
  if (!docs.length) return [];
  const provisions = await dataSource
    .getRepository(LegalProvision)
    .createQueryBuilder('p')
    .innerJoin(LegalDocument, 'd', 'd.id = p.document_id AND d.superseded = false')
    .orderBy('p.document_id')
    .addOrderBy('p.ordinal')
    .getMany();
  const byDoc = new Map<string, StoredProvision[]>();
  for (const p of provisions) {
    const list = byDoc.get(p.documentId) ?? [];
    list.push({
      id: p.id,
      parentId: p.parentId,
      kind: p.kind,
      number: p.number,
      title: p.title,
      text: p.text,
      citation: p.citation,
      path: p.path,
      ordinal: p.ordinal,
      documentId: p.documentId,
    });
    byDoc.set(p.documentId, list);
  }
  return docs.map((d) => ({
    id: d.id,
    code: d.code,
    codeKey: d.codeKey,
    title: d.title,
    kind: d.kind,
    label: documentLabel(d.kind, d.code),
    version: d.version,
    issuedOn: d.issuedOn,
    provisions: byDoc.get(d.id) ?? [],
  }));
}
