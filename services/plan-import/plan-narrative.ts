// A long message written as prose, not under headings, that still reads as an innovation plan: it speaks of
// a proposal, and of at least two of its other parts (why, what for, when, where, how much, what it brings).
// Only such a message is handed to the optional model (plan-extractor.ts) when the headings gave too little;
// a long question, or a long answer to a wizard step, is never one (the caller checks where the officer is).
import { foldDiacritics } from '../text/vietnamese.js';

const PROPOSAL = /\b(de xuat|sang kien|ke hoach|giai phap|y tuong|doi moi)\b/;
const PARTS = [
  /\b(hien nay|thuc trang|can thiet|kho khan|vuong mac|bat cap)\b/,
  /\b(muc tieu|muc dich|nham)\b/,
  /\b(thoi gian|tu ngay|den ngay|trong nam|\d{1,2}\/\d{1,2}\/\d{4})\b/,
  /\b(pham vi|ap dung tai|trien khai tai|thuc hien tai)\b/,
  /\b(kinh phi|ngan sach|trieu dong|ty dong)\b/,
  /\b(tac dong|hieu qua|ket qua du kien|loi ich)\b/,
];

/** Whether a long message without a plan's headings reads as a plan in prose (and not as a question). */
export function readsAsNarrativePlan(text: string, minLength: number): boolean {
  const trimmed = text.trim();
  if (trimmed.length < minLength || trimmed.endsWith('?')) return false;
  const folded = foldDiacritics(trimmed.normalize('NFC').toLocaleLowerCase('vi'));
  return PROPOSAL.test(folded) && PARTS.filter((p) => p.test(folded)).length >= 2;
}
