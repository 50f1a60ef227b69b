// What the answerer reads in a question: its words (typos corrected, synonyms, word pairs), the
// Decree 73/2024 number collision, another document named by its number, follow-ups and the question at
// the end of a long story.
import { foldDiacritics } from '../text/vietnamese.js';
import { parseCitation } from './citation-parser.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { AnalysedQuestion } from './policy-answer-types.js';
import { analyze, bigrams, STOPWORDS, synonymExpansion } from './vn-analyzer.js';
import { issuerElsewhere } from './unheld-matters.js';

// Words that only say which provision or document is meant; they do not describe a topic.
export const REFERENCE_WORDS = new Set(['dieu', 'khoan', 'diem', 'muc', 'nghi', 'dinh', 'quy', 'cong', 'van', 'chinh', 'phu', 'nd', 'cp']);

// "nd73/2024": no word boundary between "nd" and "73", so the number is found after any non-digit.
const DECREE_73_2024 = /(?<!\d)73\s*(?:\/|-|nam)?\s*2024\b/;
const COLLISION =
  /(?<!\d)73\s*\/\s*2024\b|luong co so|luong toi thieu|muc luong(?! tang)|2340000|2 34 trieu|2,34 trieu|he so luong|he so \d|bang luong|quy (tien )?luong|quy tien thuong|tien thuong dinh ky|thuong dinh ky|che do tien thuong|tien thuong( \w+){0,6} (hang nam|cuoi nam)|10 ?% (tong )?quy (tien )?luong/;
/** A pay rise asked about under "Nghị định 73" (the 2024 decree raised base pay from 1/7), not a proposal's
 * reward (Art. 10: a salary step raised early). */
const PAY_RISE = /\btang luong\b|\bluong( \w+){0,3} (duoc )?tang\b/;
const PROPOSAL_WORDS = /\b(de xuat|doi moi|sang tao|sang kien|hoan thanh|khen thuong|khuyen khich|nang bac|truoc thoi han|truoc han)\b/;
const DECREE_73 = /\b(nghi dinh|nd)\s*(so\s*)?73\b|\bnd73\b|(?<!\d)73\s*\/\s*20\d\d\b/;
/** Other documents that share a pack document's number, told by their topic whatever year is (not) written: the 2019
 * decree 73 on investing in information technology from the state budget (a project, its economic-technical report),
 * and the secondary schools' charter, Thông tư 32/2020/TT-BGDĐT ("quy định số 32 về điều lệ trường"). */
const NAMED_BY_TOPIC: ReadonlyArray<{ number: RegExp; topic: RegExp; named: string; packId: string }> = [
  {
    number: DECREE_73,
    topic: /\b(du an|dau tu)( \w+){0,6} (cong nghe thong tin|cntt)\b|\bbao cao kinh te ky thuat\b/,
    named: 'Nghị định 73/2019/NĐ-CP',
    packId: 'nd73',
  },
  { number: /\b(quy dinh|qd|thong tu|tt)\s*(so\s*)?32\b/, topic: /\bdieu le truong\b/, named: 'Thông tư 32/2020/TT-BGDĐT', packId: 'qd32' },
  // A province's land price table is a decision of its People's Committee, whatever its number and year.
  {
    number: /\b(quyet dinh|quy dinh|qd)\s*(so\s*)?32\b/,
    topic: /\b(bang )?gia dat\b/,
    named: 'Quyết định 32 về bảng giá đất',
    packId: 'qd32',
  },
];
/** A legal document named by its number ("Nghị định 33/2023", "NĐ 112", "Thông tư 6"), folded; not "quy định 07
 * ngày" nor Zalo's "tt" (thủ trưởng). */
const NAMED_DOCUMENT = /\b(?:nghi dinh|thong tu|nghi quyet|quyet dinh|ket luan|chi thi|luat|nd)\s*(?:so\s*)?(\d+)/g;
/** A document named by its kind, number and maybe year and issuer ("Nghị định 32/2019/NĐ-CP", "TT 32/2020",
 * "Kết luận 14-KL/TW"), folded. */
const TYPED_DOCUMENT =
  /\b(nghi dinh|nd|thong tu|tt|nghi quyet|nq|quyet dinh|chi thi|luat|ket luan|kl|quy dinh|qd)\s*(?:so\s*)?(\d{1,4})(?:\s*\/\s*(\d{4})|\s+(?:tu\s+|ban hanh\s+)?nam\s+\d{4})?(?:\s*\/\s*([a-z]{1,4}(?:\s*-\s*[a-z]{1,4})?)|\s*-\s*([a-z]{1,3}\s*\/\s*[a-z]{1,4}))?(?!\s*(?:ngay|thang|nam|gio|lan|nguoi|phan tram|%))/g;
/** A ministry's or a province's department's field, as in its name ("Bộ Y tế", "Sở Y tế"). */
const SECTORS =
  'y te|noi vu|giao duc|gd ?dt|tu phap|tai chinh|xay dung|cong thuong|nong nghiep|khoa hoc|van hoa|tai nguyen|ke hoach|giao thong|lao dong|thong tin|ngoai giao|ngoai vu|dan toc|cong an|quoc phong';
/** An issuer named in words right after a document's number, and the letters of its code ("ubnd" in "…/UBND-NC"). */
const ISSUER_AFTER = new RegExp(
  `^\\s*(?:cua|do)\\s+(ubnd|uy ban|chinh phu|thu tuong|hdnd|tinh uy|bo chinh tri|ban bi thu|trung uong|(?:btv|ban thuong vu|thuong truc) (?:tinh uy|huyen uy|thanh uy|quan uy|dang uy)|dang uy(?! tinh)|dang bo(?! tinh)|chi bo|huyen uy|thanh uy|quan uy|btc|bnv|byt|bgd ?dt|btp|bca|(?:bo|so) (?:${SECTORS}))\\b`,
);
const ISSUER_LETTERS: Record<string, string> = {
  ubnd: 'ubnd',
  'uy ban': 'ubnd',
  'chinh phu': 'cp',
  'thu tuong': 'ttg',
  hdnd: 'hdnd',
  'tinh uy': 'tu',
  'bo chinh tri': 'tw',
  // A ministry by its initials ("TT 73 của BTC"), as its name ("bộ …") below.
  btc: 'bo',
  bnv: 'bo',
  byt: 'bo',
  bgddt: 'bo',
  'bgd dt': 'bo',
  btp: 'bo',
  bca: 'bo',
  'ban bi thu': 'tw',
  'trung uong': 'tw',
  // Party bodies below the province issue their own rules numbered 32 ("Quy định 32 của Đảng ủy phường"), coded
  // …-QĐ/ĐU, /HU, /ThU, /QU, /CB (a Đảng bộ's by its Đảng ủy).
  'dang uy': 'du',
  'dang bo': 'du',
  'chi bo': 'cb',
  'huyen uy': 'hu',
  'thanh uy': 'thu',
  'quan uy': 'qu',
};
/** The letters of an issuer's codes; a ministry's ("Thông tư 73 của Bộ Tài chính") are never a pack document's. */
// A Party committee acts through its standing bodies ("Ban Thường vụ Tỉnh ủy"): their texts carry the committee's code.
const issuerLetters = (named: string): string => {
  const issuer = named.replace(/^(btv|ban thuong vu|thuong truc) /, '');
  // A ministry is 'bo', a province's department 'so', whatever its field.
  return ISSUER_LETTERS[issuer] ?? /^(bo|so) /.exec(issuer)?.[1] ?? issuer;
};
/** Words that name a document only with a year or an issuer after the number ("quy định 14 ngày" is a time limit,
 * "tt" in a chat is "thủ trưởng"). */
const GENERIC_WORDS = new Set(['quy dinh', 'qd', 'tt', 'luat', 'nq']);
/** The pack's kinds of document a word names ("QĐ 32" and "Quyết định 32" are how people write Quy định 32). */
const KINDS_OF_WORD: Record<string, string[]> = {
  'nghi dinh': ['nghi_dinh'],
  nd: ['nghi_dinh'],
  'quy dinh': ['quy_dinh'],
  qd: ['quy_dinh'],
  'quyet dinh': ['quy_dinh'],
  'ket luan': ['ket_luan'],
  kl: ['ket_luan'],
};
const TITLE_OF_WORD: Record<string, string> = {
  'nghi dinh': 'Nghị định',
  nd: 'Nghị định',
  'thong tu': 'Thông tư',
  tt: 'Thông tư',
  'nghi quyet': 'Nghị quyết',
  nq: 'Nghị quyết',
  'quyet dinh': 'Quyết định',
  'chi thi': 'Chỉ thị',
  luat: 'Luật',
  'ket luan': 'Kết luận',
  kl: 'Kết luận',
  'quy dinh': 'Quy định',
  qd: 'Quy định',
};
/** Words a message needs before a provision it names can be only what its writer read (a story, not a question). */
const PASSING_REFERENCE_WORDS = 25;
export const FOLLOW_UP = /^(con|the con|vay con|con ve|thế còn|còn|vậy còn)\b|\bthi sao\b|\bthi the nao\b|^(the|vay) (thi|con)\b/;

/** The question's words that describe its topic (not reference words nor numbers). */
export function topicWords(analysed: AnalysedQuestion): string[] {
  return analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t));
}

/** A question about base salary (or a pay rise) under "Nghị định 73", or about 73/2024: Decree 73/2024 is another
 * decree. Base salary asked without the number 73 is no mix-up: it is refused like any other topic. */
export function isNumberCollision(index: KnowledgeIndex, folded: string): boolean {
  const payRise = PAY_RISE.test(folded) && !PROPOSAL_WORDS.test(folded);
  if (
    !DECREE_73_2024.test(folded) &&
    !((COLLISION.test(folded) || payRise) && !/nang bac luong|nang luong(?! co so)|truoc thoi han|truoc han/.test(folded))
  )
    return false;
  // "Nghị định 24/2023 … lương cơ sở" names its own decree: not a mix-up with Decree 73 (refused later).
  const namesOther = !DECREE_73.test(folded) && namesOtherDocument(index, folded);
  return !namesOther && (DECREE_73.test(folded) || DECREE_73_2024.test(folded));
}

/**
 * Another document sharing a pack document's number ("Nghị định 32/2019" is not Quy định 32-QĐ/TU, nor is "Thông
 * tư 32/2020"): its kind and number as named, and the pack document's label; null when none is named. Only kind,
 * number, year and issuer are compared: nothing is said about the other document's content.
 */
export function sameNumberDocument(index: KnowledgeIndex, folded: string): { named: string; packLabel: string } | null {
  for (const other of NAMED_BY_TOPIC) {
    // A proposal's words rule it out, unless the story only contrasts them and its last sentence asks the other text's topic.
    const last = lastSentence(folded);
    const aboutProposal = PROPOSAL_WORDS.test(last) || (PROPOSAL_WORDS.test(folded) && !other.topic.test(last));
    if (!other.number.test(folded) || !other.topic.test(folded) || aboutProposal) continue;
    const pack = index.pack.documents.find((d) => d.id === other.packId);
    if (pack) return { named: other.named, packLabel: pack.label };
  }
  // "Nghị địh 32/2019": a typo in the kind of document still names one.
  const text = folded.replace(/\bnghi di?n?h\b/g, 'nghi dinh');
  for (const m of text.matchAll(TYPED_DOCUMENT)) {
    // "Nghị định 73 năm 2026" is as often the year of a report on it as the decree's year: only "/2024" is read as a
    // year ("năm 2024" is matched only so that the issuer after it is found), and a year before the pack's documents
    // were issued ("nđ 73 năm 2019"), which can only be another document's.
    const [, word, num, slashYear, slashSuffix, dashSuffix] = m;
    const namedYear = /\bnam (\d{4})\b/.exec(m[0])?.[1];
    const year = slashYear ?? (namedYear && Number(namedYear) < 2023 ? namedYear : undefined);
    // "Quyết định 32 năm 2024 của UBND tỉnh": the issuer named in words after the number, unless the document is
    // what a letter implements ("công văn triển khai Nghị định 73 của UBND tỉnh": the letter is the UBND's).
    const before = text.slice(0, m.index ?? 0);
    const after = text.slice((m.index ?? 0) + m[0].length);
    const issued = /\b(trien khai|cong van|cv)\b/.test(before) ? null : ISSUER_AFTER.exec(after);
    const issuer = issued?.[1];
    // "Quy định 32 của Tỉnh ủy Tuyên Quang": the same kind of issuer, another province's.
    const elsewhere = issued ? issuerElsewhere(after.slice(issued[0].length)) : false;
    const n = String(Number(num));
    // Glued to its number ("tt32", "qd32") a short word names a document: "tt 7 ngày" is a head's time limit.
    const glued = /^[a-z]+\d/.test(m[0]);
    if (GENERIC_WORDS.has(word) && !year && !slashSuffix && !dashSuffix && !issuer && !glued) continue;
    for (const d of index.pack.documents) {
      const code = foldDiacritics(d.code).toLowerCase();
      const dn = /\d+/.exec(code);
      if (!dn || String(Number(dn[0])) !== n) continue;
      const codeYear = /\/(\d{4})\//.exec(code)?.[1];
      const letters = (x: string) => x.replace(/[^a-z]/g, '');
      const suffix = slashSuffix ?? dashSuffix;
      const sameKind = (KINDS_OF_WORD[word] ?? []).includes(d.kind);
      const sameYear = !year || !codeYear || year === codeYear;
      // "32/2019/NĐ-CP" is issued by the Government, not the Party committee of "32-QĐ/TU".
      // A ministry or a department never issues a decree: "NĐ 73/2023 do Bộ Nội vụ ban hành?" is this decree,
      // misattributed; "Quy định 32 của Sở Y tế" is a department's own rule, another text.
      const issuerCode = issuer && issuerLetters(issuer);
      const misattributed = sameKind && (issuerCode === 'bo' || (issuerCode === 'so' && d.kind === 'nghi_dinh'));
      const byIssuer = issuer && !misattributed ? issuer : undefined;
      const sameIssuer =
        (!suffix || letters(code).includes(letters(suffix))) &&
        (!byIssuer || letters(code).includes(issuerLetters(byIssuer))) &&
        !elsewhere;
      if (sameKind && sameYear && sameIssuer) return null;
      return { named: `${TITLE_OF_WORD[word] ?? word} ${n}${year ? `/${year}` : ''}`, packLabel: d.label };
    }
  }
  return null;
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
/** A story's last sentence, where it asks what it asks (the question itself when it is one sentence); a trailing
 * "sentence" without a letter ("🙏", "...") is not one. */
export function lastSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => /\p{L}/u.test(s));
  return sentences.length > 1 ? sentences[sentences.length - 1] : text;
}

/** A provision named to compare with ("có phải họp biểu quyết như Đ8 không", "có khác khoản 1 điều 8 không"), folded. */
const COMPARED_PROVISION = /\b(nhu|giong( nhu)?|khac( voi)?) ((khoan|k) ?\d+ )?(cua )?(dieu|d) ?\d/;
/** A long story that names a provision before its last sentence, which names none: the provision is what the writer
 * read, the last sentence what they ask ("Tôi có đọc Điều 8 … Vậy kế hoạch của chính chủ tịch xã thì gửi ai?"). Or a
 * provision named as a comparison: the question is about another case. */
export function passingReference(question: string, folded: string): boolean {
  if (COMPARED_PROVISION.test(folded)) return true;
  const last = lastSentence(question);
  if (last === question || question.split(' ').length <= PASSING_REFERENCE_WORDS) return false;
  const asked = parseCitation(last);
  return !asked.article && !asked.clause && !asked.point && !asked.section;
}

export function storyTails(question: string): string[] {
  const last = lastSentence(question);
  const clauses = last.split(/,\s*/);
  // The last clause alone too: "Em muốn đề xuất X, em phải chuẩn bị kế hoạch gồm những phần gì?".
  const tails = [last, clauses.slice(-2).join(', '), clauses[clauses.length - 1]];
  // Kept in this order (the caller treats the first two as the story's question): an unusable one is empty.
  return tails.map((t, i) => (t !== question && t.split(' ').length >= 4 && tails.indexOf(t) === i ? t : ''));
}
