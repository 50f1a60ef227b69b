// Ranking: BM25 hits re-ranked by how much of the question each provision covers, the decree before the
// province's letter on the decree's own rules, a known provision before an unknown one on a near tie, and
// the features the refusal decision reads.
import type { Hit } from './bm25-index.js';
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';
import type { AnalysedQuestion, AnswerFeatures, RankedHit } from './policy-answer-types.js';
import { topicWords } from './question-analysis.js';

/** Share of an unknown entry's score at which a known provision covering the question as fully goes first. */
const UNKNOWN_MARGIN = 0.8;
/** Share of the letter's score at which a decree provision goes before the letter (tuned on the dev set). */
const DECREE_OVER_LETTER = 0.6;
/** Words that ask about the province's own instruction rather than the decree's rule (folded). */
const PROVINCE_WORDS = /\b(cong van|tinh yeu cau|ubnd tinh|uy ban nhan dan tinh|so noi vu|cua tinh|o tinh|tinh lao cai|trong tinh)\b/;

/** Words of the decree's rules (folded): principles, conditions, prohibited acts, protection, deadlines, voting. */
const DECREE_RULE_WORDS =
  /\b(nguyen tac|dieu kien|tieu chi|nghiem cam|bi cam|bao ve|thoi han|bao nhieu ngay|may ngay|bieu quyet|phieu|thong qua|diem nghen|nut that|cap thiet|doi tuong|ap dung|ky luat|thiet hai|khuyen khich)\b/;

/** IDF-weighted share of the question's topic words found in a hit. */
function coverage(index: KnowledgeIndex, analysed: AnalysedQuestion, hit: Hit): number {
  const topic = topicWords(analysed);
  const terms = topic.length ? topic : analysed.content;
  let total = 0;
  let found = 0;
  const correctedTargets = new Set(analysed.corrected.values());
  for (const t of terms) {
    const idf = index.bm25.idf(t);
    total += idf;
    // A syllable we had to guess from a typo counts for less.
    if (hit.matched.has(t)) found += correctedTargets.has(t) ? 0.6 * idf : idf;
  }
  // Synonyms found (e.g. "thời hạn" implied by "bao lâu") add a little.
  for (const t of analysed.synonyms) if (hit.matched.has(t)) found += 0.3 * index.bm25.idf(t);
  return total > 0 ? Math.min(1, found / total) : 0;
}

/** BM25 hits re-ranked by how much of the question each covers (IDF-weighted words, then word pairs). */
export function rankHits(index: KnowledgeIndex, analysed: AnalysedQuestion): RankedHit[] {
  const raw = index.bm25.search(analysed.query, 12);
  const tb = analysed.topicBigrams;
  const ranked = raw.map((h) => {
    const cov = coverage(index, analysed, h);
    const biCov = tb.length ? tb.filter((b) => h.matchedBigrams.has(b)).length / tb.length : cov;
    // A provision holding every topic word beats one that matches a few words many times.
    return { h: { ...h, score: h.score * (0.4 + 0.3 * cov + 0.3 * biCov) }, cov, biCov, unit: index.units[h.doc] };
  });
  ranked.sort((a, b) => b.h.score - a.h.score);
  return ranked;
}

/** What the refusal decision looks at. */
export function answerFeatures(index: KnowledgeIndex, analysed: AnalysedQuestion, ranked: RankedHit[]): AnswerFeatures | null {
  if (!ranked.length) return null;
  const topic = topicWords(analysed);
  let total = 0;
  let unknown = 0;
  for (const t of topic) {
    const idf = index.bm25.idf(t);
    total += idf;
    if (!index.bm25.has(t)) unknown += idf;
  }
  const top = ranked[0];
  return {
    cov: top.cov,
    biCov: top.biCov,
    score: top.h.score,
    unknown: total ? unknown / total : 0,
    topicCount: topic.length,
    bigramOk: analysed.topicBigrams.length === 0 || analysed.topicBigrams.some((b) => top.h.matchedBigrams.has(b)) || top.cov >= 0.8,
  };
}

/**
 * The province's letter repeats the decree's words (principles, conditions, routing): when a question is
 * about the decree's rules and does not ask about the province, a decree provision that answers nearly as
 * well goes first; the letter stays beside it as the province's instruction.
 */
export function decreeBeforeLetter(
  index: KnowledgeIndex,
  analysed: AnalysedQuestion,
  ranked: RankedHit[],
  minCoverage: number,
): RankedHit[] {
  const kindOf = (u: RetrievalUnit) => index.pack.documents.find((d) => d.id === u.documentKey)?.kind;
  if (
    !ranked.length ||
    kindOf(ranked[0].unit) !== 'cong_van' ||
    PROVINCE_WORDS.test(analysed.folded) ||
    PROVINCE_WORDS.test(analysed.phraseText)
  )
    return ranked;
  // On the decree's own rules (principles, conditions, prohibited acts, protection, deadlines, voting) a
  // decree provision that answers at all goes first; otherwise only one holding the question's words as
  // fully as the letter does, so the letter's own tasks (focal point, annual report, duties after
  // approval) stay with the letter.
  // The expanded words too: "SNV" is "sở nội vụ", "đk" is not expanded.
  const minCov = DECREE_RULE_WORDS.test(analysed.folded) ? minCoverage : Math.max(minCoverage, ranked[0].cov - 0.05);
  const decree = ranked.find(
    (r) => kindOf(r.unit) === 'nghi_dinh' && r.cov >= minCov && r.h.score >= DECREE_OVER_LETTER * ranked[0].h.score,
  );
  if (!decree) return ranked;
  const letter = ranked[0];
  // The letter is the province's instruction on the same rule: it supports the answer beside the decree.
  return [decree, { ...letter, h: { ...letter.h, score: decree.h.score } }, ...ranked.filter((r) => r !== decree && r !== letter)];
}

/**
 * An entry whose provision is unknown ("the text must be checked") goes first only when it clearly answers
 * better than a known provision next to it: on a near tie the known rule is the more useful answer.
 */
export function knownBeforeUnknown(ranked: RankedHit[]): RankedHit[] {
  const first = ranked[0];
  if (first?.unit.entry?.confidence !== 'unknown') return ranked;
  const known = ranked.find(
    (r) => r.unit.entry?.confidence !== 'unknown' && r.cov >= first.cov - 0.15 && r.h.score >= UNKNOWN_MARGIN * first.h.score,
  );
  if (!known) return ranked;
  return [{ ...known, h: { ...known.h, score: first.h.score } }, ...ranked.filter((r) => r !== known)];
}
