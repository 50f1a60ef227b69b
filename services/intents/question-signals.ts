// Does a text read as a question, ask about the current wizard step, or mean nothing? Rules over folded
// words, so "co duoc khong" counts as much as "có được không". Words whose folded form is also a common
// answer word ("đâu" ~ "đầu", "mấy" ~ "máy", "AI") only count when typed so that they cannot be the other.
import { foldKey, normalizeText } from '../text/vietnamese.js';
import { expandChatWords } from './chat-abbreviations.js';

/** Folded words, punctuation dropped, chat abbreviations written out: "Có dc ko?" → ['co', 'duoc', 'khong']. */
export function foldedWords(text: string): string[] {
  return expandChatWords(
    foldKey(text)
      .replace(/[^a-z0-9%]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean),
  );
}

/** Words as typed (accents kept), expanded in step with foldedWords so that indexes line up. */
function typedWords(text: string): string[] {
  const words = text
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return expandChatWords(words, (w) => foldKey(w).replace(/[^a-z0-9%]+/g, ''));
}

const PHRASE_ANYWHERE = [
  'bao nhieu',
  'bao lau',
  'bao gio',
  'khi nao',
  'the nao',
  'nhu nao',
  'ra sao',
  'tai sao',
  'vi sao',
  'lam sao',
  'the sao',
  'sao lai',
  'la sao',
  'la gi',
  'gi a',
  'nhung gi',
  'nhung ai',
  'nhung nao',
  'cai gi',
  'viec gi',
  'co phai',
  'phai khong',
  'duoc khong',
  'hay khong',
  'can gi',
  'gom gi',
  'gom nhung',
  'lam gi',
  'duoc ko',
  'duoc k',
  'dc k',
  'dc ko',
  'dc khong',
  'co bat buoc',
  'truong hop nao',
  'quy dinh nao',
  'ai lam',
  'ai la',
  'la ai',
  'do ai',
  'cho ai',
  'qua ai',
  'voi ai',
  'ai duoc',
  'ai co',
  'ai se',
  'ai phai',
  'ai ky',
];
/** Asking verbs count at the start only: "cho hỏi …", "tôi muốn biết …"; "hệ thống cho biết …" is a statement. */
// A bare "hỏi" needs someone before it ("cho em hỏi"): "Hội đồng …" folds to the same word.
const PHRASE_AT_START = [
  'hoi',
  'cho hoi',
  'xin hoi',
  'muon hoi',
  'cho biet',
  'muon biet',
  'hoi ve',
  'giai thich',
  'hoi chut',
  'lam the nao',
  'lam sao',
];
/** Folded phrases that collide with answer words ("ở đầu tháng"): only when the whole text is typed without accents. */
const PHRASE_UNACCENTED = ['o dau', 'di dau', 'gui dau', 'nop dau', 'may ngay', 'may thang', 'may nam', 'may lan', 'may nguoi'];
/** A question word alone is enough ("gì", "nào"); folded forms that collide with common words are left out. */
const WORDS_ANYWHERE = new Set(['gi', 'nao', 'hok', 'what', 'how', 'who', 'why', 'when', 'where', 'which']);
/** Final particles: "… không", "… chưa", "… nhỉ", Zalo "… k". */
const FINAL_WORDS = new Set(['khong', 'chua', 'nhi', 'k', 'ko', 'hong', 'ha', 'a', 'vay']);
const ACCENTED_WORDS = new Set(['đâu', 'mấy', 'ai']);
const ENGLISH_START = new Set(['what', 'how', 'who', 'why', 'when', 'where', 'which', 'is', 'are', 'can', 'does', 'do', 'should']);
/** Who may come before an asking verb: "cho em hỏi", "dạ anh cho tôi biết". */
const ASKERS = new Set(['toi', 'em', 'anh', 'chi', 'minh', 'da', 'xin', 'cho', 'ad', 'bot', 'ban', 'vui', 'long', 'lam', 'on']);
const INDEFINABLE = new Set(['nao', 'gi', 'ai']);
const NEGATIONS = new Set(['khong', 'chua', 'chang', 'cha', 'ko']);

/** Index of each occurrence of a phrase in the words. */
function phraseAt(words: string[], phrase: string): number[] {
  const parts = phrase.split(' ');
  const out: number[] = [];
  for (let i = 0; i + parts.length <= words.length; i++) if (parts.every((p, j) => words[i + j] === p)) out.push(i);
  return out;
}

function containsPhrase(words: string[], phrase: string): boolean {
  return phraseAt(words, phrase).length > 0;
}

/** Sentence-final "không" is a question only after a verb it can ask about ("có … không", "được không"). */
function endsAsYesNo(words: string[]): boolean {
  const last = words[words.length - 1];
  if (!last || !FINAL_WORDS.has(last) || words.length < 2) return false;
  if (last === 'a' || last === 'vay' || last === 'ha')
    return words.length >= 3 && /^(gi|nao|sao|khong|chua|ai|dau)$/.test(words[words.length - 2]!);
  if (last === 'chua') return words.includes('da') || words.includes('co') || words.length <= 4;
  // "Không có" / "không cần" start with the word: a negation, not a question.
  return words
    .slice(0, -1)
    .some((w) => w === 'co' || w === 'duoc' || w === 'dc' || w === 'phai' || w === 'can' || w === 'nen' || w === 'the');
}

/**
 * True when the text reads as a question. A typed answer to a wizard step rarely contains these marks;
 * "Không, vì …", "Có, được người dân ủng hộ" and "không cần gì thêm" are answers, not questions.
 */
export function readsAsQuestion(text: string): boolean {
  return questionStrength(text) !== 'none';
}

/**
 * How clearly a text is a question: 'strong' (a question mark, an asking phrase, a yes/no ending),
 * 'weak' (only one question word inside a long sentence, which an answer can also contain), 'none'.
 */
export function questionStrength(text: string): 'strong' | 'weak' | 'none' {
  const strong = strongQuestion(text);
  if (strong !== undefined) return strong ? 'strong' : 'none';
  return foldedWords(text).length >= 8 ? 'weak' : 'strong';
}

/** true / false when the rules decide; undefined when only a lone question word speaks for a question. */
function strongQuestion(text: string): boolean | undefined {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (/[?？]/.test(trimmed)) return true;
  // "Có, …" / "Không, …": a yes/no answer followed by its reason.
  const body = trimmed.replace(/^\s*(có|co|không|khong|ko)\s*[,.:;–-]\s*/i, '');
  const unaccented = trimmed === trimmed.normalize('NFD').replace(/[\u0300-\u036f]/g, '') && !/[đĐ]/.test(trimmed);
  // "AI" in capitals is the technology, not "ai" (who).
  const original = typedWords(body);
  const words = foldedWords(body).map((w, i) => (w === 'ai' && original[i] === 'AI' ? 'a.i' : w));
  if (!words.length) return false;
  // "nào", "gì", "ai" after a negation or before "cũng"/"đó", or after "bất kỳ", are indefinite: "không có
  // quy định nào", "hồ sơ nào cũng", "việc gì đó".
  const indefiniteAt = (i: number): boolean =>
    INDEFINABLE.has(words[i]!) &&
    (['cung', 'do', 'het'].includes(words[i + 1] ?? '') ||
      words.slice(Math.max(0, i - 4), i).some((w) => NEGATIONS.has(w)) ||
      /\bbat (ky|cu)\b/.test(words.slice(Math.max(0, i - 4), i).join(' ')));
  const phraseCounts = (p: string) => phraseAt(words, p).some((at) => !p.split(' ').some((_, j) => indefiniteAt(at + j)));
  if (PHRASE_ANYWHERE.some(phraseCounts)) return true;
  if (
    PHRASE_AT_START.some((p) => phraseAt(words, p).some((at) => (p !== 'hoi' || at > 0) && words.slice(0, at).every((w) => ASKERS.has(w))))
  )
    return true;
  if (unaccented && PHRASE_UNACCENTED.some(phraseCounts)) return true;
  if (endsAsYesNo(words)) return true;
  if (ENGLISH_START.has(words[0]!) && words.length >= 3 && /^[\x20-\x7e]+$/.test(trimmed)) return true;
  // A lone question word ("gì", "nào"; "đâu" not "đầu", "mấy" not "máy", "ai" not "AI"): clear at the
  // start or the end of the text, less so inside a long sentence.
  const accented = typedWords(normalizeText(body));
  const lone = words
    .map((w, i) => ((WORDS_ANYWHERE.has(w) || (ACCENTED_WORDS.has(accented[i] ?? '') && w !== 'a.i')) && !indefiniteAt(i) ? i : -1))
    .filter((i) => i >= 0);
  if (!lone.length) return false;
  if (lone.some((i) => i <= 1 || i >= words.length - 2)) return true;
  return undefined;
}

/** "mục này", "ở đây": the step itself is what is asked about. */
const STEP_DEICTIC = ['muc nay', 'buoc nay', 'phan nay', 'o day', 'cho nay', 'o muc nay', 'cau nay', 'dieu kien nay'];
/** How-to-fill phrases: about the step only in a short message ("ghi gì?"), else a question on the content. */
const STEP_PHRASES = [
  'ghi gi',
  'dien gi',
  'nhap gi',
  'viet gi',
  'tra loi gi',
  'ghi the nao',
  'ghi nhu the nao',
  'viet the nao',
  'dien the nao',
  'khong hieu',
  'chua hieu',
  'vi du',
  'la sao',
  'nghia la sao',
  'y la sao',
  'la the nao',
  'ghi sao',
  'ghi ra sao',
  'can ghi',
  'phai ghi',
  'cho vi du',
  'khong biet ghi',
];
/** Whole messages that ask what the step wants ("sao?", "là sao"). */
const STEP_WHOLE = new Set([
  'sao',
  'la sao',
  'gi',
  'gi vay',
  'ha',
  'hieu',
  'khong hieu',
  'toi khong hieu',
  'em khong hieu',
  'chua hieu',
  'vi du',
]);

/** "mục này ghi gì?", "tôi không hiểu", "ví dụ?": the person asks what the current step wants. */
export function asksAboutStep(text: string, stepWords: string[] = []): boolean {
  const words = foldedWords(text);
  if (!words.length) return false;
  const joined = words.join(' ');
  if (STEP_WHOLE.has(joined)) return true;
  if (STEP_DEICTIC.some((p) => containsPhrase(words, p))) return words.length <= 12;
  const howToFill = STEP_PHRASES.some((p) => containsPhrase(words, p));
  if (howToFill && words.length <= 5) return true;
  // "tên đề xuất ghi ntn": the step's own name with how to fill it.
  if (howToFill && words.length <= 8 && stepWords.some((w) => containsPhrase(words, w))) return true;
  // "lĩnh vực này là sao": the step's own name with a question about it.
  return (
    words.length <= 8 &&
    stepWords.some((w) => containsPhrase(words, w)) &&
    /\b(nay|la gi|la sao|nghia)\b/.test(joined) &&
    readsAsQuestion(text)
  );
}

// A folded Vietnamese syllable: onset, vowels, coda. English and abbreviations are checked separately.
const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(uye|uya|ie|ye|ua|uo|ia|[aeiouy]){1,2}(ng|nh|ch|[cmnpt]|[iouy])?$/;
const KNOWN_LATIN = new Set([
  'ok',
  'oke',
  'okie',
  'hi',
  'hello',
  'bye',
  'thanks',
  'thank',
  'you',
  'sorry',
  'menu',
  'help',
  'start',
  'dx',
  'nd',
  'qd',
  'tu',
  'ubnd',
  'hdnd',
  'cntt',
  'kpi',
  'ai',
]);

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** One word typed by mashing keys: a repeated letter, a run along a keyboard row, no vowel, 4 consonants in a row. */
function mashed(word: string): boolean {
  if (/^(.)\1+$/.test(word) || /^(..)\1+$/.test(word)) return word.length >= 3;
  if (word.length >= 4 && KEYBOARD_ROWS.some((row) => row.includes(word))) return true;
  if (word.length >= 3 && !/[aeiouy]/.test(word)) return true;
  return /[^aeiouy]{4}/.test(word);
}

/** Keyboard mashing and strings with no Vietnamese or English word in them ("asdfgh", "jjjj"). */
export function isGibberish(text: string): boolean {
  const words = foldedWords(text);
  if (!words.length) return /\S/.test(text) && !/[?？]/.test(text);
  if (words.some((w) => /\d/.test(w))) return false;
  const unknown = words.filter((w) => !KNOWN_LATIN.has(w) && !(SYLLABLE.test(w) && !mashed(w)));
  return unknown.length * 2 > words.length && unknown.every(mashed);
}
