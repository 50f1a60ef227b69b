// A learnt estimate of whether a question asks what no provision answers: logistic regression over the same
// features as the question memory (folded syllables, their pairs, character 4-grams), trained on its labelled
// examples (refuse or not). The memory's neighbours vote by likeness of the whole question; the model weighs single
// words and pairs ("bao nhiêu tiền", "mẫu", "đã có ai") wherever they stand, so a trap written in the decree's own
// words is noticed by what it asks for, not by the words it shares with an answerable question.
import { featuresOf } from './question-features.js';

export interface RefusalModelOptions {
  /** Passes over the examples. */
  epochs: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2: number;
  /** Weight of the character 4-grams against the syllables and their pairs (the question memory's). */
  charWeight: number;
}

/** Chosen on the dev files, leave one file out, with UNHELD_PROBABILITY (knowledge/README.md). */
export const DEFAULT_REFUSAL_MODEL_OPTIONS: RefusalModelOptions = { epochs: 12, l2: 1e-4, charWeight: 0.5 };

export class RefusalModel {
  private readonly slots = new Map<string, number>();
  private readonly w: Float64Array;
  private bias = 0;

  /** Trained on the examples' features (featuresOf, with the options' charWeight) and whether each is a refusal. */
  constructor(
    features: Array<Map<string, number>>,
    refuses: boolean[],
    private readonly options: RefusalModelOptions = DEFAULT_REFUSAL_MODEL_OPTIONS,
  ) {
    // Every example's features in two flat arrays (example i from at[i] to at[i + 1]): an array of pairs per example
    // held about three times the memory.
    const encoded = features.map((f) => this.encode(f, true));
    const at = new Int32Array(features.length + 1);
    encoded.forEach((x, i) => (at[i + 1] = at[i] + x.slots.length));
    const slots = new Int32Array(at[features.length]);
    const values = new Float64Array(at[features.length]);
    encoded.forEach((x, i) => {
      slots.set(x.slots, at[i]);
      values.set(x.values, at[i]);
    });
    this.w = new Float64Array(this.slots.size);
    // Adagrad: a word seen in few examples still moves its weight; the order is fixed (a seeded shuffle), so the
    // same examples give the same model on every start.
    const g2 = new Float64Array(this.slots.size).fill(1e-8);
    let g2b = 1e-8;
    const order = shuffled(features.length);
    const rate = 0.5;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const i of order) {
        let s = this.bias;
        for (let k = at[i]; k < at[i + 1]; k++) s += this.w[slots[k]] * values[k];
        const err = sigmoid(s) - (refuses[i] ? 1 : 0);
        for (let k = at[i]; k < at[i + 1]; k++) {
          const slot = slots[k];
          const g = err * values[k] + options.l2 * this.w[slot];
          g2[slot] += g * g;
          this.w[slot] -= (rate * g) / Math.sqrt(g2[slot]);
        }
        g2b += err * err;
        this.bias -= (rate * err) / Math.sqrt(g2b);
      }
    }
  }

  /** The probability that the question asks what no provision answers. */
  probability(question: string): number {
    return this.probabilityOf(featuresOf(question, this.options.charWeight));
  }

  /** The same from the question's features (featuresOf with the model's charWeight), when the caller has them. */
  probabilityOf(features: Map<string, number>): number {
    const x = this.encode(features, false);
    let s = this.bias;
    x.slots.forEach((slot, k) => (s += this.w[slot] * x.values[k]));
    return sigmoid(s);
  }

  /** The question's features, scaled to unit length (a long story weighs as much as a short question). */
  private encode(features: Map<string, number>, learn: boolean): { slots: number[]; values: number[] } {
    const slots: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const [key, tf] of features) {
      let slot = this.slots.get(key);
      if (slot === undefined) {
        if (!learn) continue;
        this.slots.set(key, (slot = this.slots.size));
      }
      const v = (key.startsWith('c:') ? this.options.charWeight : 1) * (1 + Math.log(tf));
      slots.push(slot);
      values.push(v);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    return { slots, values: values.map((v) => v / norm) };
  }
}

function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

/** 0..n-1 in a fixed pseudo-random order, seeded with n (a congruential step in floating point: past 2^53 it is not
 * a textbook generator, but it gives the same order on every start, which is all the training needs). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = n || 1;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
