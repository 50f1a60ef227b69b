// The question memory: labelled example questions (question-examples.ts) as TF-IDF vectors of the same
// folded syllables the index uses, their pairs and character 4-grams (typos, words run together). A new
// question's k most similar examples vote, by similarity, for the provisions their labels accept and for
// refusal. Learnt from how people actually asked, not from rules: memory-decision.ts weighs the votes
// against the ranking.
import { createHash } from 'node:crypto';
import { isProvisionLabel, labelAccepts } from './example-labels.js';
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';
import { usableAsExample, type QuestionExample } from './question-examples.js';
import { featuresOf } from './question-features.js';
import { DEFAULT_REFUSAL_MODEL_OPTIONS, RefusalModel } from './refusal-model.js';

export interface MemoryOptions {
  /** Neighbours that vote (chosen on the out-of-fold dev figures, eval/cross-validation.ts). */
  k: number;
  /** Weight of the character 4-grams against the syllables and their pairs. */
  charWeight: number;
}

export const DEFAULT_MEMORY_OPTIONS: MemoryOptions = { k: 9, charWeight: 0.5 };

export interface MemoryVotes {
  /** Share of the neighbours' similarity that votes for refusal. */
  refuse: number;
  /** Units the neighbours' labels accept, by share of similarity, best first. */
  units: Array<{ unit: RetrievalUnit; share: number }>;
  /** The refusal model's probability that the question asks what no provision answers (refusal-model.ts). */
  unheld: number;
}

type Vector = Map<string, number>;

/** The examples' TF-IDF space, flat: one slot per feature (its idf and where its postings start), and every
 * posting (example, weight) in two typed arrays. A map per example, or an object per feature, held about
 * three times the memory for 1,500 examples and 60,000 features. It depends on the examples kept, not on the
 * index, so the answerers of one process share it (most rebuilds keep the same examples). */
class ExampleSpace {
  readonly size: number;
  private readonly slots = new Map<string, number>();
  private readonly idf: Float64Array;
  /** Postings of slot i: from start[i] to start[i + 1] in ex and w. */
  private readonly start: Int32Array;
  private readonly ex: Int32Array;
  private readonly w: Float64Array;
  private readonly maxIdf: number;

  constructor(
    fs: Array<Map<string, number>>,
    private readonly charWeight: number,
  ) {
    const df: number[] = [];
    for (const f of fs)
      for (const key of f.keys()) {
        let slot = this.slots.get(key);
        if (slot === undefined) this.slots.set(key, (slot = df.push(0) - 1));
        df[slot]++;
      }
    this.size = fs.length;
    this.idf = Float64Array.from(df, (n) => Math.log((fs.length + 1) / (n + 1)) + 1);
    this.maxIdf = Math.log(fs.length + 1) + 1;
    this.start = new Int32Array(df.length + 1);
    for (let i = 0; i < df.length; i++) this.start[i + 1] = this.start[i] + df[i];
    this.ex = new Int32Array(this.start[df.length]);
    this.w = new Float64Array(this.start[df.length]);
    const fill = this.start.slice(0, df.length);
    fs.forEach((f, ex) => {
      for (const [key, w] of this.vectorOf(f)) {
        const at = fill[this.slots.get(key)!]++;
        this.ex[at] = ex;
        this.w[at] = w;
      }
    });
  }

  /** Adds the question's similarity to every example that shares a feature with it. */
  addSimilarities(q: Vector, sims: Float64Array): void {
    for (const [key, w] of q) {
      const slot = this.slots.get(key);
      if (slot === undefined) continue;
      for (let i = this.start[slot]; i < this.start[slot + 1]; i++) sims[this.ex[i]] += w * this.w[i];
    }
  }

  vectorOf(f: Map<string, number>): Vector {
    const v: Vector = new Map();
    let norm = 0;
    for (const [key, tf] of f) {
      // A word no example uses still counts in the norm: it makes the question less like all of them.
      const slot = this.slots.get(key);
      const idf = slot === undefined ? this.maxIdf : this.idf[slot];
      const w = (key.startsWith('c:') ? this.charWeight : 1) * (1 + Math.log(tf)) * idf;
      v.set(key, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [key, w] of v) v.set(key, w / norm);
    return v;
  }
}

/** What is learnt from one set of examples: the TF-IDF space the neighbours are found in and the refusal model. Both
 * depend on the examples alone, not on the index, so the answerers of one process share them (most rebuilds keep the
 * same examples); a few sets at most (the evaluation's folds make several), the oldest dropped first. */
interface Learnt {
  space: ExampleSpace;
  refusalModel: RefusalModel;
}
const learntSets = new Map<string, Learnt>();

function learntFrom(questions: string[], refuses: boolean[], charWeight: number): Learnt {
  const key = createHash('sha1')
    .update(`${charWeight}\u0000${questions.map((q, i) => `${refuses[i] ? 1 : 0}${q}`).join('\u0000')}`)
    .digest('hex');
  let learnt = learntSets.get(key);
  if (!learnt) {
    // The examples' features, computed once for both.
    const fs = questions.map((q) => featuresOf(q, charWeight));
    learnt = {
      space: new ExampleSpace(fs, charWeight),
      refusalModel: new RefusalModel(fs, refuses, { ...DEFAULT_REFUSAL_MODEL_OPTIONS, charWeight }),
    };
    learntSets.set(key, learnt);
    if (learntSets.size > 8) learntSets.delete(learntSets.keys().next().value!);
  }
  return learnt;
}

export class QuestionMemory {
  private readonly space: ExampleSpace;
  /** Per example: the units its label accepts (empty for refusals and for labels this index cannot hold). */
  private readonly accepts: number[][] = [];
  private readonly refuses: boolean[] = [];
  private readonly refusalModel: RefusalModel;
  /** What a label may name: the index's units, then the articles it holds only clause by clause (composed, not ranked). */
  private readonly targets: RetrievalUnit[];

  constructor(
    examples: QuestionExample[],
    private readonly index: KnowledgeIndex,
    private readonly options: MemoryOptions = DEFAULT_MEMORY_OPTIONS,
  ) {
    this.targets = [...index.units, ...index.composedArticles];
    const kept: string[] = [];
    // A hundred labels among a thousand examples: each is resolved once.
    const resolved = new Map<string, number[]>();
    for (const e of examples) {
      if (!resolved.has(e.expect)) resolved.set(e.expect, isProvisionLabel(e.expect) ? this.unitsOf(e.expect) : []);
      const units = resolved.get(e.expect)!;
      // A label on a provision this knowledge base does not hold cannot vote for anything.
      if (e.expect !== 'refuse' && !units.length) continue;
      kept.push(e.q);
      this.accepts.push(units);
      this.refuses.push(e.expect === 'refuse');
    }
    ({ space: this.space, refusalModel: this.refusalModel } = learntFrom(kept, this.refuses, options.charWeight));
  }

  get size(): number {
    return this.space.size;
  }

  recall(question: string): MemoryVotes {
    const features = featuresOf(question, this.options.charWeight);
    const q = this.space.vectorOf(features);
    const sims = new Float64Array(this.space.size);
    this.space.addSimilarities(q, sims);
    // The k best by a small insertion sort: cheaper than sorting every example touched.
    const nearest: Array<[number, number]> = [];
    for (let ex = 0; ex < sims.length; ex++) {
      const sim = sims[ex];
      if (sim <= 0 || (nearest.length === this.options.k && sim <= nearest[nearest.length - 1][1])) continue;
      let i = nearest.length;
      while (i > 0 && nearest[i - 1][1] < sim) i--;
      nearest.splice(i, 0, [ex, sim]);
      if (nearest.length > this.options.k) nearest.pop();
    }
    let total = 0;
    let refuse = 0;
    const byUnit = new Map<number, number>();
    for (const [ex, sim] of nearest) {
      total += sim;
      if (this.refuses[ex]) refuse += sim;
      for (const u of this.accepts[ex]) byUnit.set(u, (byUnit.get(u) ?? 0) + sim);
    }
    const units = [...byUnit]
      .map(([u, s]) => ({ unit: this.targets[u], share: total ? s / total : 0 }))
      // On a tie the team's summary first: composing it quotes the official words beside it anyway.
      .sort(
        (a, b) => b.share - a.share || Number(b.unit.source === 'curated') - Number(a.unit.source === 'curated') || a.unit.idx - b.unit.idx,
      );
    return { refuse: total ? refuse / total : 0, units, unheld: this.refusalModel.probabilityOf(features) };
  }

  private unitsOf(label: string): number[] {
    return this.targets.flatMap((u, i) =>
      labelAccepts(label, { citation: u.citation, entryId: u.entry?.id, documentKey: u.documentKey, paths: u.paths }) ? [i] : [],
    );
  }
}

/** The memory of each index built from these examples (its labels resolve to that index's provisions); null
 * without usable examples, which turns the memory off. */
export function memoriesOf(examples: QuestionExample[]): (index: KnowledgeIndex) => QuestionMemory | null {
  const usable = examples.filter(usableAsExample);
  // An answerer serves one index at a time: the memory of the latest is kept, an older one is rebuilt.
  let latest: { index: KnowledgeIndex; memory: QuestionMemory } | undefined;
  return (index) => {
    if (!usable.length) return null;
    if (latest?.index !== index) latest = { index, memory: new QuestionMemory(usable, index) };
    return latest.memory;
  };
}
