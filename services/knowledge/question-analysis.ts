// What the answerer reads in a question: its words (typos corrected, synonyms, word pairs), the
// Decree 73/2024 number collision, another document named by its number, follow-ups and the question at
// the end of a long story.
import { foldDiacritics } from '../text/vietnamese.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { AnalysedQuestion } from './policy-answer-types.js';
import { analyze, bigrams, STOPWORDS, synonymExpansion } from './vn-analyzer.js';

// Words that only say which provision or document is meant; they do not describe a topic.
export const REFERENCE_WORDS = new Set(['dieu', 'khoan', 'diem', 'muc', 'nghi', 'dinh', 'quy', 'cong', 'van', 'chinh', 'phu', 'nd', 'cp']);

const COLLISION = /\b73\s*\/\s*2024\b|luong co so|luong toi thieu|muc luong(?! tang)|2340000|2 34 trieu|2,34 trieu|he so luong|bang luong/;
const DECREE_73 = /\b(nghi dinh|nd)\s*(so\s*)?73\b|\bnd73\b|\b73\s*\/\s*20\d\d\b/;
/** A legal document named by its number ("Nghị định 33/2023", "NĐ 112", "Thông tư 6"), folded; not "quy định 07
 * ngày" nor Zalo's "tt" (thủ trưởng). */
const NAMED_DOCUMENT = /\b(?:nghi dinh|thong tu|nghi quyet|quyet dinh|ket luan|chi thi|luat|nd)\s*(?:so\s*)?(\d+)/g;
export const FOLLOW_UP = /^(con|the con|vay con|con ve|thế còn|còn|vậy còn)\b|\bthi sao\b|\bthi the nao\b|^(the|vay) (thi|con)\b/;

/** The question's words that describe its topic (not reference words nor numbers). */
export function topicWords(analysed: AnalysedQuestion): string[] {
  return analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t));
}

/** A question about base salary under "Nghị định 73" (or about 73/2024): Decree 73/2024 is another decree. */
export function isNumberCollision(index: KnowledgeIndex, folded: string): boolean {
  if (!/\b73\s*\/\s*2024\b/.test(folded) && !(COLLISION.test(folded) && !/nang bac luong|nang luong|truoc thoi han|truoc han/.test(folded)))
    return false;
  // "Nghị định 24/2023 … lương cơ sở" names its own decree: not a mix-up with Decree 73 (refused later).
  const namesOther = !DECREE_73.test(folded) && namesOtherDocument(index, folded);
  return !namesOther && (DECREE_73.test(folded) || /\b73\s*\/\s*2024\b/.test(folded) || /luong co so/.test(folded));
}

/** A formal request's opening ("Đề nghị cho biết", "Xin cho biết") says nothing about the topic. */
const REQUEST_FORMULA = /(?:(?:kính |kinh )?(?:đề nghị|de nghi)|xin|vui lòng|vui long)?\s*cho (?:biết|biet)\b/giu;

export function analyseQuestion(index: KnowledgeIndex, question: string): AnalysedQuestion {
  const a = analyze(question.replace(REQUEST_FORMULA, ' '));
  const folded = foldDiacritics(question);
  const scopeSyn = analyze(synonymExpansion(a.folded.join(' '), true)).folded;
  // Synonyms of generic words help only a question already on the pack's topic: "phụ cấp … áp dụng đối
  // với ai" must not gain coverage from "đối tượng áp dụng".
  const onTopic = index.inScope(` ${a.folded.join(' ')} ${scopeSyn.join(' ')} `);
  const syn = analyze(synonymExpansion(a.folded.join(' '), !onTopic));
  const corrected = new Map<string, string>();
  const tokens = a.folded.map((t) => {
    if (STOPWORDS.has(t) || index.bm25.has(t)) return t;
    const c = index.bm25.correct(t);
    if (c && t.length >= 4) corrected.set(t, c);
    else if (c) return t;
    return c ?? t;
  });
  const content = [...new Set(tokens.filter((t) => !STOPWORDS.has(t)))];
  const synonyms = [...new Set(syn.folded.filter((t) => !STOPWORDS.has(t) && !content.includes(t)))];
  const bi = [...new Set([...bigrams(tokens, STOPWORDS), ...bigrams(syn.folded)])];
  const hasDiacritics = folded !== question;
  const w = (t: string) => (corrected.has(t) || [...corrected.values()].includes(t) ? 0.8 : 1);
  const query = {
    uni: [...content.map((term) => ({ term, weight: w(term) })), ...synonyms.map((term) => ({ term, weight: 0.5 }))],
    bi: bi.map((term) => ({ term, weight: 1 })),
    acc: hasDiacritics ? [...new Set(a.accented.filter((t, i) => !STOPWORDS.has(a.folded[i])))].map((term) => ({ term, weight: 1 })) : [],
    head: [...content.map((term) => ({ term, weight: w(term) })), ...bi.map((term) => ({ term, weight: 1 }))],
  };
  const isTopic = (t: string) => !STOPWORDS.has(t) && !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t);
  const topicBigrams: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++)
    if (isTopic(tokens[i]) && isTopic(tokens[i + 1])) topicBigrams.push(`${tokens[i]}_${tokens[i + 1]}`);
  const phraseText = ` ${tokens.join(' ')} ${a.folded.join(' ')} ${scopeSyn.join(' ')} `;
  return { folded, phraseText, content, synonyms, corrected, query, hasDiacritics, topicBigrams };
}
/**
 * Whether the question names a legal document by a number the knowledge base does not hold (and not Decree
 * 73): "Nghị định 33/2023 … cán bộ xã" shares words with the letter but asks about another text.
 */
export function namesOtherDocument(index: KnowledgeIndex, folded: string): boolean {
  const named = [...folded.matchAll(NAMED_DOCUMENT)].map((m) => String(Number(m[1])));
  if (!named.length) return false;
  const known = new Set<string>();
  for (const code of [...index.pack.documents.map((d) => d.code), ...index.documents.map((d) => d.codeKey)]) {
    const n = /\d+/.exec(code);
    if (n) known.add(String(Number(n[0])));
  }
  return named.some((n) => !known.has(n));
}

/** The question at the end of a long message: its last sentence, then its last two clauses, then its last clause. */
export function storyTails(question: string): string[] {
  const sentences = question.split(/(?<=[.!?])\s+/).filter((x) => x.trim());
  const last = sentences[sentences.length - 1] ?? question;
  const clauses = last.split(/,\s*/);
  // The last clause alone too: "Em muốn đề xuất X, em phải chuẩn bị kế hoạch gồm những phần gì?".
  const tails = [last, clauses.slice(-2).join(', '), clauses[clauses.length - 1]];
  // Kept in this order (the caller treats the first two as the story's question): an unusable one is empty.
  return tails.map((t, i) => (t !== question && t.split(' ').length >= 4 && tails.indexOf(t) === i ? t : ''));
}
