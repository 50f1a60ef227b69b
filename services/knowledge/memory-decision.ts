// Weighing the ranking's answer against the question memory's votes (question-memory.ts). The ranking's
// choice (a provision, or a refusal) counts as a fixed number of votes; the memory's neighbours add their
// shares of similarity. The provision, or the refusal, with the most votes is the answer. The weights are chosen
// by `npm run eval:tune-memory` (leave one dev file out, the blind files scored apart; knowledge/README.md): the
// ranking's choice of a provision counts 0.15 (0.5 when the question's kind chose it, question-types.ts), its
// refusal 0.75 — so the memory overturns a refusal only when most of its neighbours agree on one provision, and
// an answer as soon as its neighbours prefer another provision or refusal. A refusal whose nearest provision is
// the one the neighbours prefer is overturned a little more easily (+0.1): the words and the examples agree.
// A refusal the memory keeps names the neighbours' provision among its two nearest; a question whose words reached
// no provision at all is left as it is (the memory mends what the words found, it does not replace them). Last,
// an answer whose question the refusal model (refusal-model.ts) finds asking what no provision holds is refused.
import { citationOf, composeAnswer, MAX_PROVISIONS, notFoundAnswer, shownProvisions } from './answer-composition.js';
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';
import type { PolicyAnswer, PolicyCitation } from './policy-answer-types.js';
import type { MemoryVotes } from './question-memory.js';
import { knowledge as msg } from '../platform/messages/knowledge.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { PLAN } from './decree-rule-cues.js';

export interface MemoryWeights {
  /** The ranking's provision. */
  answer: number;
  /** The ranking's provision when the question's kind chose it. */
  typed: number;
  /** The ranking's refusal. */
  refusal: number;
  /** Added to the memory's provision when a refusal names it as the nearest. */
  agree: number;
}

/** 04/12/2026, 4,413 dev questions, leave one file out: top-1 94.0 -> 95.0 %, wrong topic 3.4 -> 2.5 % against the
 * earlier 0.4 / 0.6 / 0.8 / 0.1 (the blind files alone: 94.3 % top-1, 2.8 % wrong topic). */
export const MEMORY_WEIGHTS: MemoryWeights = { answer: 0.15, typed: 0.5, refusal: 0.75, agree: 0.1 };

/** Share of the neighbours' votes at which a provision the answer does not cite is shown beside it. Chosen on the
 * four blind dev files, leave one file out (top-1 unchanged): 0.1 / 0.2 / 0.3 keep the right provision among the
 * three shown for 1 / 0 / 4 more or fewer of their questions than 0.2; 0.1 adds lines that are mostly noise. */
export const RELATED_SHARE = 0.2;

/** Whether a unit is the provision a citation names (the imported words and the team's summary are one), or
 * contains it: many labels accept a whole section beside its point, and the point is the more precise answer. */
function sameProvision(u: RetrievalUnit, c: PolicyCitation | undefined): boolean {
  if (!c) return false;
  return (
    u.citation === c.citation ||
    (Boolean(u.entry) && u.entry?.id === c.entryId) ||
    (u.documentKey === c.documentKey && (c.paths ?? []).some((p) => u.paths.some((up) => p === up || p.startsWith(`${up}/`))))
  );
}

/** Probability of the refusal model (refusal-model.ts) above which an answer becomes a refusal with its provisions
 * as the nearest. Chosen on the dev files, leave one file out (knowledge/README.md). */
export const UNHELD_PROBABILITY = 0.7;

export function weighWithMemory(
  index: KnowledgeIndex,
  question: string,
  result: PolicyAnswer,
  votes: MemoryVotes,
  options: { typed?: boolean; weights?: MemoryWeights } = {},
): PolicyAnswer {
  const weighed = weighVotes(index, question, result, votes, options);
  // What the question asks for is one no provision holds, by the words it is asked in ("số điện thoại", "mức phạt"),
  // though its other words reached a provision: the honest answer is a refusal naming that provision as the nearest.
  if (!weighed.confident || votes.unheld <= UNHELD_PROBABILITY) return weighed;
  if (!weighed.citations.length || !index.pack.documents.some((d) => d.id === weighed.citations[0].documentKey)) return weighed;
  const nearest = weighed.citations.flatMap((c) => {
    const unit = index.unitOf(c);
    return unit ? [{ unit, score: c.score }] : [];
  });
  return notFoundAnswer(question, nearest);
}

function weighVotes(
  index: KnowledgeIndex,
  question: string,
  result: PolicyAnswer,
  votes: MemoryVotes,
  options: { typed?: boolean; weights?: MemoryWeights },
): PolicyAnswer {
  const weights = options.weights ?? MEMORY_WEIGHTS;
  const top = result.citations[0];
  // The examples are about the pack's documents: a question the ranking puts nearest to another imported text
  // (answered or not) is the ranking's alone.
  if (result.kind === 'collision' || (top && !index.pack.documents.some((d) => d.id === top.documentKey))) return result;
  const refused = !result.confident;
  // A question whose words reached no provision at all ("message", a greeting in another language) is not answered
  // from its likeness to earlier questions alone: the memory mends what the words found, it does not replace them.
  if (refused && !result.citations.length) return result;
  // A head's own plan, chosen by the question's kind: its time limit is not known, and the neighbours' Art. 8.1
  // (an officer's plan, 07 days) would state one.
  if (!refused && options.typed && top?.confidence === 'unknown') return result;
  const best = votes.units[0];
  const shareOf = (c: PolicyCitation | undefined) =>
    Math.max(0, ...votes.units.filter((v) => sameProvision(v.unit, c)).map((v) => v.share));
  const ranking = refused ? weights.refusal + votes.refuse : (options.typed ? weights.typed : weights.answer) + shareOf(top);
  if (!refused && votes.refuse > ranking && votes.refuse >= (best?.share ?? 0)) {
    const related = result.citations.flatMap((c) => {
      const unit = index.unitOf(c);
      return unit ? [{ unit, score: c.score }] : [];
    });
    return notFoundAnswer(question, related);
  }
  const agree = refused && best && sameProvision(best.unit, top) ? weights.agree : 0;
  // What a plan must state (Art. 7.1–7.2) does not overturn the kind's answer to a question that names no plan:
  // "đề xuất phải tháo gỡ điểm nghẽn …?" asks what a proposal must be (Art. 5), its neighbours what a plan states.
  const planUnasked = options.typed && best && isPlanContent(best.unit) && !PLAN.test(foldDiacritics(question.toLowerCase()));
  if (best && !planUnasked && best.share + agree > ranking && !(!refused && sameProvision(best.unit, top))) {
    // The ranking's own first provision stays beside it (the words of the question matched it best); its
    // further ones supported that choice, not this one.
    const ranked = index.unitOf(top);
    const beside = ranked && !sameProvision(best.unit, top) ? [{ unit: ranked, score: top.score }] : [];
    return withRelated(
      composeAnswer(index, question, [{ unit: best.unit, score: Math.round(best.share * 1000) / 1000 }, ...beside], true),
      votes,
    );
  }
  return refused ? withNearestRemembered(index, question, result, votes) : withRelated(result, votes);
}

function isPlanContent(u: RetrievalUnit): boolean {
  return u.documentKey === 'nd73' && u.paths.some((p) => p === 'dieu:7/khoan:1' || p === 'dieu:7/khoan:2');
}

/**
 * A refusal the memory does not overturn still names the provision most earlier askers of similar questions were
 * answered with (a share of at least RELATED_SHARE) among its two nearest, after the ranking's first: the person
 * sees the likely provision as a button even when the question's words reached others.
 */
function withNearestRemembered(index: KnowledgeIndex, question: string, refusal: PolicyAnswer, votes: MemoryVotes): PolicyAnswer {
  const best = votes.units[0];
  // Only the ranking's own refusal (the default message) is recomposed; the others say something else.
  if (!best || best.share < RELATED_SHARE || !refusal.answer.startsWith(msg.notFound)) return refusal;
  if (refusal.citations.some((c) => sameProvision(best.unit, c))) return refusal;
  const ranked = refusal.citations.flatMap((c) => {
    const unit = index.unitOf(c);
    return unit ? [{ unit, score: c.score }] : [];
  });
  return notFoundAnswer(question, [
    ...ranked.slice(0, 1),
    { unit: best.unit, score: Math.round(best.share * 1000) / 1000 },
    ...ranked.slice(1),
  ]);
}

/**
 * An answer citing fewer than three provisions also shows the ones earlier askers of similar questions were
 * answered with (a share of the neighbours' votes of at least RELATED_SHARE), marked as related, not as its
 * basis: when the first provision is the wrong neighbour (a clause of the same article, the letter's point beside
 * the decree's rule), the right one is still on screen. The answer's own text is unchanged.
 */
function withRelated(answer: PolicyAnswer, votes: MemoryVotes): PolicyAnswer {
  // An unverified provision says the official text must be checked: a verified neighbour beside it (Art. 8.1's
  // 07 days beside a head's own plan, whose time limit is unknown) would read as its answer.
  if (answer.citations[0]?.confidence === 'unknown') return answer;
  const related: PolicyCitation[] = [];
  const shown = () => [...answer.citations, ...related];
  for (const v of votes.units) {
    if (shownProvisions(shown()).length >= MAX_PROVISIONS || v.share < RELATED_SHARE) break;
    if (shown().some((c) => sameProvision(v.unit, c))) continue;
    related.push({ ...citationOf(v.unit, Math.round(v.share * 1000) / 1000), related: true });
  }
  return related.length ? { ...answer, citations: [...answer.citations, ...related] } : answer;
}
