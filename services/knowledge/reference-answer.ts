// A question that names a provision ("khoản 1 Điều 8", "đ8 k1", "mục 2 công văn"): the provision is looked up
// directly, in the official text first, then in the curated pack, else the answer says it is missing.
import { knowledge as msg } from '../platform/messages/knowledge.js';
import type { CitationQuery } from './citation-parser.js';
import { officialUnit, type KnowledgeIndex, type RetrievalUnit } from './knowledge-index.js';
import { citationText, composeAnswer, notFoundAnswer } from './answer-composition.js';
import type { AnalysedQuestion, PolicyAnswer } from './policy-answer-types.js';
import { itemClauseAsked, ruleAsked } from './decree-rule-cues.js';
import { REFERENCE_WORDS } from './question-analysis.js';

const LISTING =
  /\b(nhung (nhom )?(nhiem vu|nv|viec|noi dung|hanh vi|bien phap)( trong tam)? (nao|gi)|nhung gi|gom nhung|(may|bao nhieu|bn) (viec|nhiem vu|nv|noi dung)|liet ke|ke (luot|het|qua|ra)|(nhiem vu|nv|trach nhiem|vai tro) cua|tom tat|toan bo|cac nhiem vu|may phan|noi dung chinh|y chinh|giao (nhung )?(gi|j))\b/;

/** An article asked for as a whole ("Điều 7 quy định những gì", "tóm tắt toàn bộ Điều 7"), not a part of it. */
const ARTICLE_WHOLE =
  /\b((quy dinh|noi|de cap)( ve)? (nhung |cac )?(gi|j|noi dung gi|noi dung nao|viec gi)|tom tat|noi dung chinh|y chinh|toan bo|ca dieu)\b/;

export function answerByReference(
  index: KnowledgeIndex,
  question: string,
  ref: CitationQuery,
  path: string,
  analysed: AnalysedQuestion,
): PolicyAnswer | null {
  const topicTerms = analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t) && !/^[a-zđ]$/.test(t));
  const hits = topicTerms.length ? index.bm25.search(analysed.query, 200) : [];
  const rank = new Map(hits.map((h, i) => [h.doc, { i, score: h.score }]));
  const under = (p: string) => p === path || p.startsWith(`${path}/`);
  const pathKind = path.startsWith('muc') ? 'muc' : 'dieu';
  // "Mục 2 công văn giao Sở Nội vụ những nhiệm vụ gì": the section named, all of it, not the point its words reach.
  const listing = LISTING.test(analysed.folded);
  // "Loại trừ trách nhiệm theo khoản mấy Điều 11?" with the outcome told: the clause that outcome names, not the one
  // its words reach ("không gây thiệt hại" reaches the damage clause).
  const whichClause = /\bkhoan (nao|may|so may)\b/.test(analysed.folded);

  // Official text first: the document named, else Decree 73 (articles) or the province's letter (sections);
  // then the curated pack; other imported documents only when neither knows the provision.
  const defaultDoc = pathKind === 'muc' ? 'cv-trien-khai' : 'nd73';
  const docHint = ref.document ?? defaultDoc;
  // An article the pack holds clause by clause is cited as a whole when named as a whole ("Điều 11 quy định gì").
  const composed = ref.article && !ref.clause ? index.articleOfClauses(docHint, path) : undefined;
  // What the question's kind asks for (an outcome's clause, or the article itself), read once.
  const asked = ref.article && !ref.clause ? ruleAsked(analysed.folded) : null;
  // "Gây khó khăn cho người đề xuất bị cấm ở khoản mấy Điều 6": the one item its words name (Art. 4, Art. 6).
  const item = whichClause && ref.article && !ref.clause ? itemClauseAsked(analysed.folded, path) : null;
  // Else a clause the kind names ("ngoài 4 hành vi … Điều 6 còn hành vi nào" → 6.5), whether or not "khoản nào" is asked.
  const cued = item ?? (asked?.startsWith(`${path}/`) ? asked : null);
  const fromOfficial = (docs: ReturnType<KnowledgeIndex['candidateDocuments']>): PolicyAnswer | null => {
    for (const doc of docs) {
      const exact = doc.byPath.get(path);
      const units = index.units.filter((u) => u.source === 'official' && u.officialDocument?.id === doc.id && u.paths.some(under));
      let chosen: RetrievalUnit | undefined = cued ? units.find((u) => u.paths.includes(cued)) : undefined;
      if (!chosen && units.length > 1 && topicTerms.length && !(exact && listing)) {
        chosen = [...units].sort((a, b) => (rank.get(a.idx)?.i ?? 1e9) - (rank.get(b.idx)?.i ?? 1e9))[0];
        if (!rank.has(chosen.idx)) chosen = undefined;
      }
      if (!chosen && exact) {
        // Quote exactly what was asked for, even if it is not a retrieval unit (a point, a whole article).
        chosen = officialUnit(doc, exact, -1);
      }
      if (!chosen && units.length) chosen = units[0];
      if (chosen) return composeAnswer(index, question, [{ unit: chosen, score: 1 }], true);
    }
    return null;
  };
  const official = fromOfficial(index.candidateDocuments(docHint, pathKind));
  if (official) return official;

  // Then the curated pack: the entry for that provision, an enclosing one, or ones inside it.
  // A clause cited but never ranked (Art. 4, Art. 6: "khoản 2 Điều 6 quy định gì") is found here by its path.
  const entries = [...index.units, ...index.unranked].filter((u) => u.source === 'curated' && u.documentKey === docHint);
  const exact = composed ? [composed] : entries.filter((u) => u.paths.includes(path));
  const enclosing = entries.filter((u) => u.paths.some((p) => path.startsWith(`${p}/`)));
  const inside = entries.filter((u) => u.paths.some((p) => p.startsWith(`${path}/`)));
  const byRank = (list: RetrievalUnit[]) => [...list].sort((a, b) => (rank.get(a.idx)?.i ?? 1e9) - (rank.get(b.idx)?.i ?? 1e9));
  const candidates = [...byRank(exact), ...byRank(enclosing), ...byRank(inside)];
  if (candidates.length) {
    // An entry for exactly the provision named goes before an overview that encloses it ("đ8 k1 nói gì").
    // An article named with the question's own words ("đ7 … kế hoạch cần nêu những gì", "khoản nào của điều 8 …
    // phạm vi rộng"): the clause those words find first, when it ranks before the article's own entry.
    // An unverified clause only when a clause is asked for: "các hành vi bị nghiêm cấm theo Điều 6" is the article.
    // Not when the article is asked for as a whole and the pack holds it ("điều 7 cụ thể nói những gì … nội dung chính").
    const byWords =
      ref.article &&
      !ref.clause &&
      topicTerms.length >= 2 &&
      rank.size &&
      !(ARTICLE_WHOLE.test(analysed.folded) && !whichClause && exact.length && !composed)
        ? // "vi phạm khoản nào của Điều 6": a clause, before the article's own entry.
          (whichClause ? [...byRank(inside), ...byRank(exact)] : byRank([...exact, ...inside])).find(
            (u) => whichClause || u.entry?.confidence !== 'unknown',
          )
        : undefined;
    // An article composed of its clauses: the clause the outcome told names ("khi không hoàn thành"), else the whole
    // article when the question asks for it ("trong những trường hợp nào", "liệt kê"), else the clause its words find.
    const clause = composed
      ? (inside.find((u) => asked?.startsWith(`${path}/`) && u.paths.includes(asked)) ?? (asked === path || listing ? undefined : byWords))
      : ((cued ? inside.find((u) => u.paths.includes(cued)) : undefined) ?? byWords);
    const first = clause ?? (exact.length ? byRank(exact)[0] : topicTerms.length && rank.size ? byRank(candidates)[0] : candidates[0]);
    const rest = candidates.filter((c) => c !== first).slice(0, 2);
    const answer = composeAnswer(index, question, [{ unit: first, score: 1 }, ...rest.map((unit) => ({ unit, score: 0.5 }))], true);
    // A follow-up ("còn khoản 2?") continues from the provision asked about, not from the entry's first path.
    if (!answer.quote && first.paths.includes(path)) answer.context.path = path;
    return answer;
  }
  if (!ref.document) {
    const other = fromOfficial(index.candidateDocuments(undefined, pathKind).filter((d) => d.packId !== docHint));
    if (other) return other;
  }
  if (!ref.article && !ref.section) return null;
  const reference = citationText(ref, index, docHint);
  const related = hits.slice(0, 3).map((h) => ({ unit: index.units[h.doc], score: 0 }));
  return {
    ...notFoundAnswer(question, related, msg.provisionMissing(reference)),
    context: { question, path, documentKey: docHint },
  };
}
