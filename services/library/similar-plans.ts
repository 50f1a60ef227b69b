// How alike two plans are: the cosine of their TF-IDF vectors over the knowledge base's Vietnamese analysis
// (folded syllables, so a plan typed without accents matches, and syllable bigrams, so "chữ ký số" is more
// than three common syllables). IDF comes from the plans compared, so words every plan uses weigh little.
// The threshold and weights were tuned on test/fixtures/similar-plans-tuning.ts only; the holdout is measured.
import type { ProposalPlan } from '../../entities/proposal.entity.js';
import { analyze, bigrams, STOPWORDS } from '../knowledge/vn-analyzer.js';

/** Below this cosine a plan is not shown as similar: on the tuning pairs, the highest score of two unrelated
 * plans was 0.134 (of 658) and the lowest of a same-idea pair 0.217. */
export const SIMILAR_THRESHOLD = 0.16;
/** At most this many similar plans are shown. */
export const SIMILAR_LIMIT = 3;
const BIGRAM_WEIGHT = 1.5;
const TITLE_REPEAT = 2;

/** Words of the plan template itself: every plan has them, they tell nothing about the idea. */
const PLAN_WORDS = new Set(['de', 'xuat', 'thuc', 'hien', 'tai', 'cac', 'cho', 'va', 'de', 'bang', 'qua', 'tren']);

/** The words of a plan that say what the idea is: its title (twice), content and purpose. */
export function ideaText(plan: Pick<ProposalPlan, 'title' | 'content' | 'purpose'>): string {
  return [...Array<string>(TITLE_REPEAT).fill(plan.title ?? ''), plan.content ?? '', plan.purpose ?? ''].join('. ');
}

/** A text's weighted terms (folded syllables and bigrams): what two plans are compared on. */
export type Terms = Map<string, number>;

export function termsOf(text: string): Terms {
  const tf = new Map<string, number>();
  const add = (t: string, w: number) => tf.set(t, (tf.get(t) ?? 0) + w);
  // Each sentence apart: a bigram never spans a full stop.
  for (const sentence of text.split(/[.;:!?\n]+/)) {
    const folded = analyze(sentence).folded;
    for (const t of folded) if (!STOPWORDS.has(t) && !PLAN_WORDS.has(t) && t.length > 1) add(t, 1);
    for (const b of bigrams(folded, STOPWORDS)) add(b, BIGRAM_WEIGHT);
  }
  return tf;
}

export interface Scored<T> {
  item: T;
  score: number;
}

/**
 * The candidates most like the plan, best first: at most `limit`, each at or above the threshold. `textOf`
 * gives a candidate's idea text (ideaText of its plan); `terms`, a candidate's terms already analysed (the
 * library's cache), when it has them.
 */
export function rankSimilar<T>(
  text: string,
  candidates: readonly T[],
  textOf: (c: T) => string,
  options: { limit?: number; threshold?: number; terms?: (c: T) => Terms | undefined } = {},
): Scored<T>[] {
  if (!candidates.length) return [];
  const docs = [termsOf(text), ...candidates.map((c) => options.terms?.(c) ?? termsOf(textOf(c)))];
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  // One pass per candidate, no vector built: its norm and its dot product with the query together.
  const idf = new Map<string, number>();
  for (const [t, count] of df) idf.set(t, Math.log(1 + n / count));
  const weight = (t: string, tf: number) => (1 + Math.log(tf)) * idf.get(t)!;
  const [query, ...rest] = docs;
  const q = new Map<string, number>();
  let qNorm = 0;
  for (const [t, tf] of query!) {
    const w = weight(t, tf);
    q.set(t, w);
    qNorm += w * w;
  }
  qNorm = Math.sqrt(qNorm) || 1;
  const scored = rest.map((c, i) => {
    let dot = 0;
    let norm = 0;
    for (const [t, tf] of c) {
      const w = weight(t, tf);
      norm += w * w;
      const qw = q.get(t);
      if (qw !== undefined) dot += qw * w;
    }
    return { item: candidates[i]!, score: dot / (qNorm * (Math.sqrt(norm) || 1)) };
  });
  const threshold = options.threshold ?? SIMILAR_THRESHOLD;
  return scored
    .filter((s) => s.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? SIMILAR_LIMIT);
}
