// "tìm sáng kiến <từ khóa>" and the library page: the knowledge base's BM25 index and Vietnamese analysis
// over the library's plans (accents dropped still match: the index is over folded syllables), then the
// filters (field, unit, year, outcome). A plan is listed when it holds at least half of what the words
// weigh (IDF), so one common syllable ("số") does not list the whole library.
import { Bm25Index, type FieldTerms, type Query } from '../knowledge/bm25-index.js';
import { analyze, bigrams, STOPWORDS } from '../knowledge/vn-analyzer.js';
import type { LibraryRecord } from './library-entries.js';

export interface LibraryFilters {
  words?: string;
  field?: string;
  unitId?: string;
  year?: number;
  /** An evaluation outcome, or 'not_evaluated'. */
  outcome?: string;
}

const MIN_COVERAGE = 0.5;

function recordTerms(r: LibraryRecord): FieldTerms {
  const head = analyze(r.title).folded;
  const bodyText = [r.title, r.plan.purpose, r.plan.content, r.plan.expectedResults, r.evaluationResult, r.unitName]
    .filter(Boolean)
    .join('. ');
  const body = analyze(bodyText);
  return {
    uni: body.folded.filter((t) => !STOPWORDS.has(t)),
    bi: bigrams(body.folded, STOPWORDS),
    acc: body.accented,
    head: [...head.filter((t) => !STOPWORDS.has(t)), ...bigrams(head, STOPWORDS)],
  };
}

function matchesFilters(r: LibraryRecord, f: LibraryFilters): boolean {
  if (f.field && r.field !== f.field) return false;
  if (f.unitId && r.unitId !== f.unitId) return false;
  if (f.year && r.year !== f.year) return false;
  if (f.outcome === 'not_evaluated') return r.outcome === null;
  if (f.outcome && r.outcome !== f.outcome) return false;
  return true;
}

/** The plans that fit the filters and the words, best first (newest first without words). */
export function searchLibrary(records: LibraryRecord[], filters: LibraryFilters): LibraryRecord[] {
  const pool = records.filter((r) => matchesFilters(r, filters));
  const words = (filters.words ?? '').trim();
  if (!words || !pool.length) return pool;
  const index = new Bm25Index(pool.map(recordTerms));
  const a = analyze(words);
  // A syllable one typo away from a known one is read as that one ("chữ kí" → "ky" is known as "ky").
  const folded = a.folded.filter((t) => !STOPWORDS.has(t)).map((t) => (index.has(t) ? t : (index.correct(t) ?? t)));
  if (!folded.length) return pool;
  const query: Query = {
    uni: folded.map((term) => ({ term, weight: 1 })),
    bi: bigrams(folded).map((term) => ({ term, weight: 1 })),
    acc: a.accented.map((term) => ({ term, weight: 1 })),
    head: [...folded, ...bigrams(folded)].map((term) => ({ term, weight: 1 })),
  };
  const unique = [...new Set(folded)];
  const total = unique.reduce((s, t) => s + index.idf(t), 0);
  return index
    .search(query, pool.length)
    .filter((hit) => unique.filter((t) => hit.matched.has(t)).reduce((s, t) => s + index.idf(t), 0) >= MIN_COVERAGE * total)
    .map((hit) => pool[hit.doc]!);
}
