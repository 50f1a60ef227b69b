// A small BM25F-style index over Vietnamese syllables, built in memory.
//
// Why our own rather than MiniSearch: refusing out-of-scope questions needs, per result, which query
// syllables matched and how informative they were (IDF-weighted coverage), typo correction must apply to
// single syllables only (not to the bigram keys), and fields need separate length normalisation. That is
// ~150 lines here, with no scoring we cannot explain. The corpus is hundreds of provisions: a query costs
// well under a millisecond.
import { editDistance } from './vn-analyzer.js';

export const FIELDS = ['uni', 'bi', 'acc', 'head'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_WEIGHTS: Record<Field, number> = { uni: 1, bi: 1.4, acc: 0.35, head: 1.2 };

const K1 = 1.2;
const B = 0.75;

export type FieldTerms = Record<Field, string[]>;

interface Posting {
  doc: number;
  tf: number;
}

class FieldIndex {
  postings = new Map<string, Posting[]>();
  lengths: number[] = [];
  avg = 1;

  add(doc: number, terms: string[]): void {
    this.lengths[doc] = terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push({ doc, tf: n });
    }
  }

  finish(docCount: number): void {
    let sum = 0;
    for (let i = 0; i < docCount; i++) sum += this.lengths[i] ?? 0;
    this.avg = docCount ? Math.max(1, sum / docCount) : 1;
  }

  idf(term: string, docCount: number): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  }
}

export interface QueryTerm {
  term: string;
  weight: number;
}

export type Query = Record<Field, QueryTerm[]>;

export interface Hit {
  doc: number;
  score: number;
  /** Folded unigrams of the query found in the document (uni or head field). */
  matched: Set<string>;
  /** Query bigrams found in the document. */
  matchedBigrams: Set<string>;
}

export class Bm25Index {
  private fields = Object.fromEntries(FIELDS.map((f) => [f, new FieldIndex()])) as Record<Field, FieldIndex>;
  /** Single-deletion neighbourhood of every known syllable (SymSpell, distance 1). */
  private deletes = new Map<string, string[]>();
  private docCount = 0;
  readonly maxIdf: number;

  constructor(docs: FieldTerms[]) {
    docs.forEach((d, i) => {
      for (const f of FIELDS) this.fields[f].add(i, d[f]);
    });
    this.docCount = docs.length;
    for (const f of FIELDS) this.fields[f].finish(this.docCount);
    for (const term of this.fields.uni.postings.keys()) {
      if (/\d/.test(term) || term.length < 3) continue;
      for (const key of deletions(term)) {
        const list = this.deletes.get(key) ?? [];
        list.push(term);
        this.deletes.set(key, list);
      }
    }
    this.maxIdf = Math.log(1 + (this.docCount + 0.5) / 0.5);
  }

  get size(): number {
    return this.docCount;
  }

  has(term: string): boolean {
    return this.fields.uni.postings.has(term) || this.fields.head.postings.has(term);
  }

  idf(term: string): number {
    return this.has(term) ? this.fields.uni.idf(term, this.docCount) : this.maxIdf;
  }

  /**
   * Closest known syllable to an unknown one, within one edit (insertion, deletion, substitution or
   * transposition), the most frequent first. Syllables are short: one edit is all we can safely guess.
   */
  correct(term: string): string | undefined {
    if (term.length < 4 || /\d/.test(term) || this.has(term)) return undefined;
    const candidates = new Set<string>();
    for (const key of [term, ...deletions(term)]) for (const c of this.deletes.get(key) ?? []) candidates.add(c);
    let best: { t: string; df: number } | undefined;
    for (const cand of candidates) {
      if (editDistance(term, cand, 1) > 1) continue;
      const df = this.fields.uni.postings.get(cand)!.length;
      if (!best || df > best.df || (df === best.df && cand < best.t)) best = { t: cand, df };
    }
    return best?.t;
  }

  search(query: Query, limit = 10): Hit[] {
    const scores = new Map<number, Hit>();
    for (const f of FIELDS) {
      const index = this.fields[f];
      const weight = FIELD_WEIGHTS[f];
      for (const { term, weight: qw } of query[f]) {
        const list = index.postings.get(term);
        if (!list) continue;
        const idf = index.idf(term, this.docCount);
        for (const { doc, tf } of list) {
          const norm = tf + K1 * (1 - B + (B * (index.lengths[doc] ?? 0)) / index.avg);
          const s = weight * qw * idf * ((tf * (K1 + 1)) / norm);
          let hit = scores.get(doc);
          if (!hit) scores.set(doc, (hit = { doc, score: 0, matched: new Set(), matchedBigrams: new Set() }));
          hit.score += s;
          if (f === 'uni' || f === 'head') hit.matched.add(term);
          if (f === 'bi') hit.matchedBigrams.add(term);
        }
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, limit);
  }
}

/** The term itself and every string obtained by deleting one character. */
function deletions(term: string): string[] {
  const out = [term];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}
