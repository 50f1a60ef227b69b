// "đồng ý", "dong y", "ok duyệt", "không đồng ý": how people answer a decision on Zalo, without the typed
// command. Read as a yes or a no (optionally naming the proposal's code); the decision feature turns it
// into one confirmation of the action that applies, never into a question for the regulations.
import { foldedWords } from './question-signals.js';

export interface Consent {
  answer: 'yes' | 'no';
  /** The proposal code typed after it ("đồng ý ĐX-2026-0001"), if any. */
  code?: string;
}

const YES = new Set([
  'dong y',
  'duyet',
  'phe duyet',
  'nhat tri',
  'chap thuan',
  'tan thanh',
  'ok duyet',
  'dong y duyet',
  'duyet nhe',
  'thong qua',
]);
const NO = new Set([
  'khong dong y',
  'khong duyet',
  'khong nhat tri',
  'khong chap thuan',
  'khong tan thanh',
  'tu choi',
  'chua dong y',
  'khong thong qua',
]);
// Addressees and particles around the answer: "dạ em đồng ý ạ", "ok anh duyệt nhé".
const FILLER = new Set([
  'da',
  'vang',
  'a',
  'em',
  'anh',
  'chi',
  'toi',
  'minh',
  'nhe',
  'nha',
  'roi',
  'ok',
  'thi',
  'de',
  'xuat',
  'nay',
  'voi',
]);
const CODE = /(?:đx|dx)[\s-]*(\d{4})[\s-]*(\d{1,6})/iu;

export function consentOf(text: string): Consent | undefined {
  if (/[?？]/.test(text)) return undefined;
  const codeMatch = text.match(CODE);
  const rest = codeMatch ? text.replace(CODE, ' ') : text;
  const words = foldedWords(rest);
  if (!words.length || words.length > 8) return undefined;
  const core = words.filter((w) => !FILLER.has(w)).join(' ');
  // "ok" alone stays an acknowledgement; with a code ("ok ĐX-2026-0001") it answers that decision.
  const answer = NO.has(core) ? 'no' : YES.has(core) || (!core && codeMatch && words.includes('ok')) ? 'yes' : undefined;
  if (!answer) return undefined;
  return { answer, ...(codeMatch ? { code: `ĐX-${codeMatch[1]}-${codeMatch[2]}` } : {}) };
}
