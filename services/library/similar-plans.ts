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

function termsOf(text: string): Map<string, number> {
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
 * gives a candidate's idea text (ideaText of its plan).
 */
export function rankSimilar<T>(
  text: string,
  candidates: readonly T[],
  textOf: (c: T) => string,
  options: { limit?: number; threshold?: number } = {},
): Scored<T>[] {
  if (!candidates.length) return [];
  const docs = [termsOf(text), ...candidates.map((c) => termsOf(textOf(c)))];
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const vector = (d: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, tf] of d) {
      const w = (1 + Math.log(tf)) * Math.log(1 + n / (df.get(t) ?? 1));
      v.set(t, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) || 1 };
  };
  const [q, ...rest] = docs.map(vector);
  const scored = rest.map((c, i) => {
    let dot = 0;
    for (const [t, w] of q!.v) dot += w * (c.v.get(t) ?? 0);
    return { item: candidates[i]!, score: dot / (q!.norm * c.norm) };
  });
  const threshold = options.threshold ?? SIMILAR_THRESHOLD;
  return scored
    .filter((s) => s.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? SIMILAR_LIMIT);
}
