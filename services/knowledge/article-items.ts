// A question about one item of an article the pack answers whole (Art. 4's principles, Art. 6's prohibited acts)
// is answered by that item's clause, with the article beside it for the other items ("cản trở người đề xuất có bị cấm
// không" → khoản 2 Điều 6, then Điều 6). Article first with the clause beside it was measured first: writers who saw
// the clause in the pack labelled such questions with the clause, and two fresh holdouts lost 19 and 23 questions' top-1.
import { composeAnswer } from './answer-composition.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { PolicyAnswer } from './policy-answer-types.js';
import { foldDiacritics } from '../text/vietnamese.js';

const ITEMS: ReadonlyArray<{ article: string; clause: string; cue: RegExp }> = [
  {
    article: 'dieu:6',
    clause: 'dieu:6/khoan:1',
    cue: /\b(loi dung|nup bong|gan mac|danh nghia|che giau|che dau|truc loi|vu loi|tham nhung)\b/,
  },
  { article: 'dieu:6', clause: 'dieu:6/khoan:2', cue: /\b(can tro|gay kho|xuc pham|noi moc|che bai|tru dap)\b/ },
  { article: 'dieu:6', clause: 'dieu:6/khoan:3', cue: /\b(ne tranh|dun day|day trach nhiem|dun qua day lai|day qua day lai)\b/ },
  {
    article: 'dieu:4',
    clause: 'dieu:4/khoan:2',
    cue: /\b(tham quyen|trai (voi |voii )?(quy dinh|chu truong|nghi quyet|van ban)|quoc hoi|dieu uoc)\b/,
  },
  { article: 'dieu:4', clause: 'dieu:4/khoan:4', cue: /\b(cong khai|minh bach|dan chu|kip thoi|dung doi tuong|dung trinh tu)\b/ },
  { article: 'dieu:4', clause: 'dieu:4/khoan:1', cue: /\bnguyen tac (dau tien|thu nhat|so 1|goc)\b/ },
];

export function withItemCited(index: KnowledgeIndex, answer: PolicyAnswer, question: string): PolicyAnswer {
  const first = answer.citations[0];
  if (!answer.confident || first?.documentKey !== 'nd73' || first.paths?.length !== 1) return answer;
  const f = foldDiacritics(question.toLowerCase());
  // One item asked about; a question naming several asks for the list, which the article is.
  const asked = ITEMS.filter((i) => i.article === first.paths![0] && i.cue.test(f));
  if (asked.length !== 1) return answer;
  const clause = index.unranked.find((u) => u.documentKey === 'nd73' && u.paths.includes(asked[0].clause));
  if (!clause) return answer;
  // Composed again from the clause (its official words when the decree is imported), the article's citations beside it.
  const beside = answer.citations.flatMap((c) => {
    const unit = index.unitOf(c);
    return unit && unit !== clause ? [{ unit, score: c.score }] : [];
  });
  return composeAnswer(index, question, [{ unit: clause, score: first.score }, ...beside], true);
}
