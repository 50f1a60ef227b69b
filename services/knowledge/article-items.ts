// A question about one item of an article the pack answers whole (Art. 4's principles, Art. 6's prohibited acts)
// is answered by that item's clause, with the article beside it for the other items ("cản trở người đề xuất có bị cấm
// không" → khoản 2 Điều 6, then Điều 6). Article first with the clause beside it was measured first: writers who saw
// the clause in the pack labelled such questions with the clause, and two fresh holdouts lost 19 and 23 questions' top-1.
// Any clause of Art. 4 or Art. 6 cited first has its article second, however it was chosen.
import { composeAnswer } from './answer-composition.js';
import { itemClauseAsked } from './decree-rule-cues.js';
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';
import type { PolicyAnswer } from './policy-answer-types.js';
import { foldDiacritics } from '../text/vietnamese.js';

export function withItemCited(index: KnowledgeIndex, answer: PolicyAnswer, question: string): PolicyAnswer {
  const first = answer.citations[0];
  if (!answer.confident || first?.documentKey !== 'nd73' || first.paths?.length !== 1) return answer;
  const f = foldDiacritics(question.toLowerCase());
  // Another prohibited act chosen first ("chê bai … phạm điều cấm nào" answered by 6.4): the one its words name, unless
  // the question names the clause itself ("K5 Đ6 … có phải về lợi dụng"). Not Art. 4's clauses: 4.3 (the Party
  // committee's say) is a rule of its own, and stories about it use 4.4's words ("kịp thời", "dân chủ").
  const otherAct = /^dieu:6\/khoan:\d+$/.test(first.paths![0]) && !/\b(khoan|k) ?\d/.test(f);
  const article = /^dieu:[46]$/.test(first.paths![0]) ? first.paths![0] : otherAct ? 'dieu:6' : undefined;
  const asked = article ? itemClauseAsked(f, article) : null;
  const swap = asked !== null && asked !== first.paths![0];
  const clause = swap ? itemClause(index, asked) : index.unitOf(first);
  // Any clause of Art. 4 or Art. 6, its own entry (4.3, 6.4, 6.5) or an item's, has its article beside it.
  if (!clause || !/^dieu:[46]\/khoan:\d+$/.test(clause.paths[0])) return answer;
  // The article goes second, for the other items, unless it is already among the first citations (the clause may have
  // been chosen by the memory or a reference, beside other clauses).
  const whole = articleEntry(index, clause.paths[0]);
  const cited = answer.citations.slice(0, 3).map((c) => index.unitOf(c));
  if (!swap && (!whole || cited.includes(whole))) return answer;
  // Composed again from the clause (its official words when the decree is imported), the article's citations beside it.
  const beside = answer.citations.flatMap((c) => {
    const unit = index.unitOf(c);
    return unit && unit !== clause && unit !== whole ? [{ unit, score: c.score }] : [];
  });
  const wholeHit = whole ? [{ unit: whole, score: first.score }] : [];
  return composeAnswer(index, question, [{ unit: clause, score: first.score }, ...wholeHit, ...beside], true);
}

/** The clause entry of one item of Art. 4 or Art. 6 (cited, never ranked), by its path. */
function itemClause(index: KnowledgeIndex, path: string): RetrievalUnit | undefined {
  return index.unranked.find((u) => u.documentKey === 'nd73' && u.paths.includes(path));
}

/** The pack's entry for the whole article holding a clause ("dieu:6/khoan:2" → Điều 6). */
function articleEntry(index: KnowledgeIndex, clausePath: string): RetrievalUnit | undefined {
  const article = clausePath.replace(/\/khoan:\d+$/, '');
  return index.units.find((u) => u.source === 'curated' && u.documentKey === 'nd73' && u.paths.length === 1 && u.paths[0] === article);
}
