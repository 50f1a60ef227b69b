// The in-memory retrieval index: current imported provisions and the curated pack, as retrieval units.
import type { ProvisionKind } from '../../entities/legal-provision.entity.js';
import { knowledge as msg } from '../platform/messages/knowledge.js';
import { Bm25Index, type FieldTerms } from './bm25-index.js';
import type { CuratedPack, PackDocument, PackEntry } from './curated-pack.js';
import { codeKey, type StoredDocument, type StoredProvision } from './knowledge-store.js';
import type { PolicyCitation } from './policy-answer-types.js';
import { analyze, bigrams } from './vn-analyzer.js';

/** A law named by its title ("Luật Bảo vệ bí mật nhà nước", "luat dat dai"), folded: not "pháp luật", "kỷ luật",
 * "đúng/trái luật". Like `otherTopics`, it keeps a question from the pack unless it names the pack's subject. */
const OTHER_LAW = /(?<!\b(?:phap|ky|ki|dung|trai|vi pham|theo) )\bluat (?!su\b)[a-z]/;
/** A law's title written with capitals ("theo Luật Tố cáo"), on the question before it is lower-cased and
 * folded: a title even after "theo", where a lower-case "theo luật" is only "by law". */
export const TITLED_LAW = /\bLuat (?!su\b)[A-Z]/;
/** Pupils and students are outside the decree's subject when they act or are rewarded ("học sinh có đề xuất",
 * "khen thưởng học sinh giỏi"), not when a school's staff propose something for them ("phó hiệu trưởng đề xuất bán
 * trú cho học sinh"): a school's staff named beside the pack's subject keep such a question in the pack. */
const PUPILS = /^ (hoc sinh|sinh vien) $/;
const SCHOOL_STAFF =
  / (giao vien|gv|hieu truong|hieu pho|pho hieu truong|to truong|to chuyen mon|ban giam hieu|truong (toi|minh|em)|nha truong) /;
/** … or what they try is named without the pack's words: a plan, a model, a pilot. */
const SCHOOL_PROPOSAL = / (ke hoach|mo hinh|thi diem|thu nghiem|lam thu) /;
export interface RetrievalUnit {
  idx: number;
  source: 'official' | 'curated';
  /** Document name for display: "Nghị định 73/2023/NĐ-CP". */
  document: string;
  /** Pack document id (nd73, cv-trien-khai, ...) when known, else the folded code of the imported text. */
  documentKey: string;
  citation: string;
  paths: string[];
  /** Official: the provision quoted; curated: undefined. */
  provision?: StoredProvision;
  officialDocument?: StoredDocument;
  entry?: PackEntry;
}

export interface IndexedDocument extends StoredDocument {
  packId?: string;
  byPath: Map<string, StoredProvision>;
}

/** Rebuilds the text of a provision and everything under it, markers included, words as imported. */
/** A provision of an imported official text as a retrieval unit (`idx` -1: quoted, not indexed). */
export function officialUnit(d: IndexedDocument, p: StoredProvision, idx: number): RetrievalUnit {
  return {
    idx,
    source: 'official',
    document: d.label,
    documentKey: d.packId ?? d.codeKey,
    citation: p.citation,
    paths: [p.path],
    provision: p,
    officialDocument: d,
  };
}

export function formatProvision(p: StoredProvision, childrenOf: Map<string, StoredProvision[]>, shape: 'decree' | 'letter'): string {
  const lines: string[] = [];
  const walk = (n: StoredProvision) => {
    lines.push(...provisionLines(n, shape));
    for (const c of childrenOf.get(n.id) ?? []) walk(c);
  };
  walk(p);
  return lines.join('\n');
}

function provisionLines(n: StoredProvision, shape: 'decree' | 'letter'): string[] {
  const [first, ...rest] = n.text ? n.text.split('\n') : [''];
  const marker = (m: string) => [first ? `${m} ${first}` : m, ...rest];
  switch (n.kind as ProvisionKind) {
    case 'chuong':
      return [`Chương ${n.number}${n.title ? `. ${n.title}` : ''}`, ...(n.text ? n.text.split('\n') : [])];
    case 'muc':
      return shape === 'letter'
        ? marker(`${n.number}.`)
        : [`Mục ${n.number}${n.title ? `. ${n.title}` : ''}`, ...(n.text ? n.text.split('\n') : [])];
    case 'phan':
      return [`${n.number}. ${n.title ?? ''}`.trim(), ...(n.text ? n.text.split('\n') : [])];
    case 'dieu':
      return [`Điều ${n.number}.${n.title ? ` ${n.title}` : ''}`, ...(n.text ? n.text.split('\n') : [])];
    case 'khoan':
      return marker(`${n.number}.`);
    case 'diem':
      return marker(`${n.number})`);
    case 'y':
      return marker('-');
    case 'doan':
      return n.text.split('\n');
  }
}

function fieldTerms(head: string[], body: string[]): FieldTerms {
  const uni: string[] = [];
  const bi: string[] = [];
  const acc: string[] = [];
  const headTerms: string[] = [];
  for (const segment of head) {
    const a = analyze(segment);
    uni.push(...a.folded);
    acc.push(...a.accented);
    bi.push(...bigrams(a.folded));
    headTerms.push(...a.folded, ...bigrams(a.folded));
  }
  for (const segment of body) {
    const a = analyze(segment);
    uni.push(...a.folded);
    acc.push(...a.accented);
    bi.push(...bigrams(a.folded));
  }
  return { uni, bi, acc, head: headTerms };
}

export function matchPackDocument(doc: { codeKey: string }, pack: CuratedPack): PackDocument | undefined {
  return (
    pack.documents.find((d) => codeKey(d.code) === doc.codeKey) ??
    pack.documents.find((d) => d.codeContains && doc.codeKey.includes(codeKey(d.codeContains)))
  );
}

export class KnowledgeIndex {
  readonly units: RetrievalUnit[] = [];
  readonly bm25: Bm25Index;
  readonly documents: IndexedDocument[];
  readonly provisions = new Map<string, { provision: StoredProvision; document: IndexedDocument }>();
  readonly childrenOf = new Map<string, StoredProvision[]>();
  /** Pack entries cited but never ranked (`ranked: false`: a clause of an article the pack answers whole). */
  readonly unranked: RetrievalUnit[] = [];
  /** The decree articles the pack holds only clause by clause, each composed once of its clauses (composeArticles). */
  readonly composedArticles: RetrievalUnit[];
  /** The pack's topic phrases, folded, as " tok tok " for lookups in a question's phrase text. */
  private readonly scopePhrases: string[];
  private readonly weakScopePhrases: Set<string>;
  private readonly otherTopicPhrases: string[];
  private readonly corePhrases: string[];
  private readonly outsidePhrases: string[];
  private readonly namedPhrases: string[];

  constructor(
    stored: StoredDocument[],
    readonly pack: CuratedPack,
    readonly revision: number,
  ) {
    const termsList: FieldTerms[] = [];
    this.documents = stored.map((d) => {
      const byPath = new Map<string, StoredProvision>();
      for (const p of d.provisions) {
        byPath.set(p.path, p);
        this.provisions.set(p.id, { provision: p, document: undefined as unknown as IndexedDocument });
        if (p.parentId) {
          const list = this.childrenOf.get(p.parentId) ?? [];
          list.push(p);
          this.childrenOf.set(p.parentId, list);
        }
      }
      return { ...d, packId: matchPackDocument(d, pack)?.id, byPath };
    });
    for (const d of this.documents) for (const p of d.provisions) this.provisions.get(p.id)!.document = d;

    for (const d of this.documents) {
      const shape = this.shapeOf(d);
      const visit = (p: StoredProvision, ancestors: StoredProvision[]) => {
        const kids = this.childrenOf.get(p.id) ?? [];
        const splitInto = (kinds: ProvisionKind[]) => kids.some((k) => kinds.includes(k.kind));
        const container =
          p.kind === 'chuong' || (p.kind === 'muc' && shape === 'decree') || p.kind === 'phan'
            ? true
            : p.kind === 'dieu'
              ? splitInto(['khoan'])
              : p.kind === 'muc' && shape === 'letter'
                ? splitInto(['diem'])
                : false;
        if (container) {
          for (const k of kids) visit(k, [...ancestors, p]);
          // An article's (or section's) own introduction is a unit of its own when it has words.
          if ((p.kind === 'dieu' || p.kind === 'muc') && p.text.trim() && kids.length)
            this.addOfficial(d, p, ancestors, termsList, shape, false);
          return;
        }
        this.addOfficial(d, p, ancestors, termsList, shape, true);
      };
      for (const p of d.provisions) if (!p.parentId) visit(p, []);
    }
    for (const entry of pack.entries) {
      const doc = pack.documents.find((x) => x.id === entry.document)!;
      const unit = {
        source: 'curated' as const,
        document: doc.label,
        documentKey: doc.id,
        citation: entry.citation,
        paths: entry.paths,
        entry,
      };
      if (!entry.ranked) {
        this.unranked.push({ idx: -1, ...unit });
        continue;
      }
      this.units.push({ idx: this.units.length, ...unit });
      termsList.push(fieldTerms([...entry.questions, ...entry.keywords], [entry.answer]));
    }
    this.bm25 = new Bm25Index(termsList);
    this.composedArticles = composeArticles(this.units);
    this.scopePhrases = (pack.scope ?? []).map((p) => ` ${analyze(p).folded.join(' ')} `).filter((p) => p.trim());
    this.weakScopePhrases = new Set((pack.weakScope ?? []).map((p) => ` ${analyze(p).folded.join(' ')} `));
    const phrases = (list: string[] = []) => list.map((p) => ` ${analyze(p).folded.join(' ')} `).filter((p) => p.trim());
    this.otherTopicPhrases = phrases(pack.otherTopics);
    this.corePhrases = phrases(pack.core);
    this.outsidePhrases = phrases(pack.outsideSubject);
    this.namedPhrases = phrases(pack.named);
  }

  /** Whether a text names the pack's topic with a phrase that has no common use outside it. */
  inScopeStrongly(phraseText: string): boolean {
    return !this.scopePhrases.length || this.scopePhrases.some((p) => !this.weakScopePhrases.has(p) && phraseText.includes(p));
  }

  /** Whether a question names a rule the pack does not hold ("phụ cấp") and not the pack's own subject, or a
   * setting outside that subject ("công ty tư nhân", "sáng kiến kinh nghiệm") without naming the pack's documents. */
  aboutOtherTopic(phraseText: string, namesLaw = false): boolean {
    const has = (list: string[]) => list.some((p) => phraseText.includes(p));
    const other = has(this.otherTopicPhrases) || OTHER_LAW.test(phraseText) || namesLaw;
    const outside = this.outsidePhrases.filter((p) => phraseText.includes(p));
    const staffForPupils =
      outside.length > 0 &&
      outside.every((p) => PUPILS.test(p)) &&
      SCHOOL_STAFF.test(phraseText) &&
      (has(this.corePhrases) || SCHOOL_PROPOSAL.test(phraseText));
    return (other && !has(this.corePhrases)) || (outside.length > 0 && !staffForPupils && !has(this.namedPhrases));
  }

  /** Whether a question (its phrase text) names the pack's own subject (`core`: "đề xuất", "đổi mới", "Nghị định 73"…). */
  namesCore(phraseText: string): boolean {
    return this.corePhrases.some((p) => phraseText.includes(p));
  }

  /** Whether a question (its phrase text) names the pack's topic; always true without a scope list. */
  inScope(phraseText: string): boolean {
    return !this.scopePhrases.length || this.scopePhrases.some((p) => phraseText.includes(p));
  }

  /** A unit of the pack's documents: a curated entry, or an imported text the pack describes. */
  isPackUnit(u: RetrievalUnit): boolean {
    return u.source === 'curated' || Boolean(u.officialDocument && (u.officialDocument as IndexedDocument).packId);
  }

  shapeOf(d: StoredDocument): 'decree' | 'letter' {
    return d.provisions.some((p) => p.kind === 'dieu') ? 'decree' : 'letter';
  }

  private addOfficial(
    d: IndexedDocument,
    p: StoredProvision,
    ancestors: StoredProvision[],
    termsList: FieldTerms[],
    shape: 'decree' | 'letter',
    withChildren: boolean,
  ): void {
    const body = withChildren ? formatProvision(p, this.childrenOf, shape) : provisionLines(p, shape).join('\n');
    const head = ancestors
      .map((a) => [a.title ?? '', a.kind === 'muc' || a.kind === 'dieu' ? a.text : ''].join(' '))
      .filter((s) => s.trim());
    if (p.title) head.push(p.title);
    // The document's title tells documents apart ("họp trực tuyến" vs "đổi mới, sáng tạo").
    head.push(d.title);
    this.units.push(officialUnit(d, p, this.units.length));
    termsList.push(fieldTerms(head, body.split('\n')));
  }

  /** The unit behind a citation of an answer: by entry, by provision, else by citation and document. */
  unitOf(c: PolicyCitation | undefined): RetrievalUnit | undefined {
    if (!c) return undefined;
    if (c.entryId) {
      const byEntry = (u: RetrievalUnit) => u.entry?.id === c.entryId;
      return this.units.find(byEntry) ?? this.unranked.find(byEntry) ?? this.composedArticles.find(byEntry);
    }
    return (
      this.units.find((u) => u.provision && u.provision.id === c.provisionId) ??
      this.units.find((u) => u.citation === c.citation && u.documentKey === c.documentKey)
    );
  }

  /** A decree article the pack holds only clause by clause (Art. 11: one entry per outcome), composed of its clauses'
   * summaries; undefined for any other article. */
  articleOfClauses(documentKey: string, path: string): RetrievalUnit | undefined {
    return this.composedArticles.find((u) => u.documentKey === documentKey && u.paths[0] === path);
  }

  /** The article (decree) or numbered section (letter) containing a provision: the "whole article" view. */
  articleOf(provisionId: string): StoredProvision | undefined {
    let cur = this.provisions.get(provisionId)?.provision;
    while (cur) {
      if (cur.kind === 'dieu' || (cur.kind === 'muc' && !cur.path.startsWith('chuong')) || cur.kind === 'doan') return cur;
      cur = cur.parentId ? this.provisions.get(cur.parentId)?.provision : undefined;
    }
    return undefined;
  }

  /** Official documents a reference may point to, best first. */
  candidateDocuments(documentHint: string | undefined, pathKind: 'dieu' | 'muc'): IndexedDocument[] {
    let docs = this.documents;
    if (documentHint) {
      const hinted = docs.filter((d) => d.packId === documentHint || d.codeKey === documentHint || d.codeKey.includes(documentHint));
      docs = hinted;
    }
    const wantLetter = pathKind === 'muc';
    return [...docs].sort((a, b) => {
      const score = (d: IndexedDocument) => (d.packId === 'nd73' ? 2 : 0) + ((this.shapeOf(d) === 'letter') === wantLetter ? 4 : 0);
      return score(b) - score(a);
    });
  }
}

/**
 * The decree articles the pack holds only clause by clause, each as one citation composed of its clauses' summaries
 * ("Điều 11 … gồm các khoản sau: 1. … 4. …"). Not retrieval units (`idx` -1): an article entry among the ranked units
 * outranked the clauses a question asked for, so these are reached only when a question asks for the article itself.
 * An entry may hold two clauses ("khoản 1, khoản 2 Điều 7"), but each clause is held by one entry at most (Art. 8.1
 * has four entries, one per rule of the vote); and no article another entry already covers is composed (the overview
 * of Điều 7, Điều 8: composing Art. 7 beside it was measured, dev leave one file out +4 / −10, and not kept).
 */
function composeArticles(units: RetrievalUnit[]): RetrievalUnit[] {
  const byArticle = new Map<string, RetrievalUnit[]>();
  for (const u of units) {
    if (u.source !== 'curated' || !u.paths.length) continue;
    const articles = new Set(u.paths.map((p) => /^(dieu:\d+)\/khoan:\d+$/.exec(p)?.[1]));
    const [article] = articles;
    if (articles.size !== 1 || !article) continue;
    const key = `${u.documentKey} ${article}`;
    byArticle.set(key, [...(byArticle.get(key) ?? []), u]);
  }
  const ranks = ['verified', 'secondary', 'unknown'] as const;
  return [...byArticle].flatMap(([key, found]) => {
    const [documentKey, path] = key.split(' ');
    const clauses = found.sort((a, b) => clauseNumber(a) - clauseNumber(b));
    const held = clauses.flatMap((c) => c.paths);
    const covered = units.some((u) => u.source === 'curated' && u.documentKey === documentKey && u.paths.includes(path));
    if (clauses.length < 2 || new Set(held).size !== held.length || covered) return [];
    const first = clauses[0];
    const citation = first.citation.replace(/^.*?(Điều \d+ )/, '$1');
    const next = clauses.find((c) => c.entry?.next)?.entry?.next;
    const entry: PackEntry = {
      id: `${documentKey}-${path.replace(':', '-')}`,
      document: documentKey,
      citation,
      paths: [path],
      // As sure as its least sure clause.
      confidence: ranks[Math.max(...clauses.map((c) => ranks.indexOf(c.entry!.confidence)))],
      questions: clauses.map((c) => c.entry!.questions[0]),
      keywords: [],
      ranked: false,
      ...(next ? { next } : {}),
      answer: [
        msg.articleByClauses(citation),
        ...clauses.map((c) => `${c.paths.map(clauseDigits).join(', ')}. ${c.entry!.answer.trim()}`),
      ].join('\n'),
    };
    return [{ idx: -1, source: 'curated' as const, document: first.document, documentKey, citation, paths: [path], entry }];
  });
}

function clauseNumber(u: RetrievalUnit): number {
  return Number(clauseDigits(u.paths[0]));
}

/** The clause number of a path ("dieu:7/khoan:2" → "2"). */
function clauseDigits(path: string): string {
  return /khoan:(\d+)$/.exec(path)?.[1] ?? '0';
}
