// The features a question is compared and learnt by (question-memory.ts, refusal-model.ts): its folded syllables,
// their pairs, and character 4-grams that survive typos and words run together.
import { analyze, bigrams } from './vn-analyzer.js';

/** Counts of a text's syllables ("u:"), syllable pairs ("b:") and character 4-grams ("c:"). */
export function featuresOf(text: string, charWeight: number): Map<string, number> {
  const tokens = analyze(text).folded;
  const f = new Map<string, number>();
  const add = (key: string) => f.set(key, (f.get(key) ?? 0) + 1);
  for (const t of tokens) add(`u:${t}`);
  for (const b of bigrams(tokens)) add(`b:${b}`);
  if (charWeight > 0) {
    const s = ` ${tokens.join(' ')} `;
    for (let i = 0; i + 4 <= s.length; i++) add(`c:${s.slice(i, i + 4)}`);
  }
  return f;
}
