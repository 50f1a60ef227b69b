// Recognises references to provisions in a question: "Điều 8", "khoản 2 điều 7", "điểm b khoản 2 Điều 7",
// "đ8 k1", "dieu 8", "mục 2 công văn", and which document is meant ("Nghị định 73", "QĐ 32", a code).
import { foldDiacritics, normalizeText } from '../text/vietnamese.js';

export interface CitationQuery {
  article?: string;
  clause?: string;
  point?: string;
  /** "mục N" of a letter. */
  section?: string;
  /** Document named in the question: a curated-pack id (nd73, qd32, kl14, cv-trien-khai) or a folded code. */
  document?: string;
}

export function parseCitation(question: string): CitationQuery {
  const lower = normalizeText(question);
  const f = foldDiacritics(lower);
  const out: CitationQuery = {};
  let m: RegExpExecArray | null;
  if ((m = /\bdieu\s*(\d{1,3}[a-z]?)\b/.exec(f)) || (m = /\bd(\d{1,3}[a-z]?)\b/.exec(f))) out.article = m[1];
  // "các khoản 1, 2, 3 và 4 Điều 6" names several clauses: the article is what is asked about.
  const severalClauses = /\bcac khoan\s*\d{1,2}(\s*(,|va)\s*\d{1,2})+\b|\bkhoan\s*\d{1,2}(\s*(,|va)\s*\d{1,2}){2,}\b/.test(f);
  if (!severalClauses && ((m = /\bkhoan\s*(\d{1,2})\b/.exec(f)) || (m = /\bk(\d{1,2})\b/.exec(f)))) out.clause = m[1];
  // Point letters: read on the accented text so "điểm đ" and "điểm d" stay distinct.
  if ((m = /(?:^|[^\p{L}])(?:điểm|diem|diêm|điêm)\s+([abcdđeghiklmnopqrstuvxy])(?=$|[^\p{L}])/u.exec(lower))) out.point = m[1];
  // Read on the accented text too: "VNeID mức 2" is a level, not "mục 2" (both fold to "muc").
  if ((m = /(?:^|[^\p{L}])(?:mục|muc)\s+(\d{1,2})(?!\d)/u.exec(lower)) && !out.article) out.section = m[1];
  if (/\b(73\s*\/\s*2023|nghi dinh\s*(so\s*)?73|nd\s*-?\s*73|decree\s*(no\.?\s*)?73)\b/.test(f)) out.document = 'nd73';
  else if (/\b(32\s*-?\s*qd|quy dinh\s*(so\s*)?32|qd\s*-?\s*32)\b/.test(f)) out.document = 'qd32';
  else if (/\b(14\s*-?\s*kl|ket luan\s*(so\s*)?14)\b/.test(f)) out.document = 'kl14';
  else if (/\b(cong van|cv)\b/.test(f)) out.document = 'cv-trien-khai';
  else if ((m = /\b(\d{1,4}\s*\/\s*\d{4}\s*\/\s*[a-z]{1,4}\s*-\s*[a-z]{1,5}|\d{1,4}\s*-\s*[a-z]{1,3}\s*\/\s*[a-z]{1,4})\b/.exec(f))) {
    out.document = m[1].replace(/\s+/g, '').toUpperCase();
  } else if ((m = /\b(\d{1,4}\s*\/\s*\d{4})\b/.exec(f))) {
    out.document = m[1].replace(/\s+/g, '');
  }
  // "mục 2 công văn triển khai Nghị định 73": the section is the letter's, whichever document its title names.
  if (out.section && /\b(cong van|cv)\b/.test(f)) out.document = 'cv-trien-khai';
  // "Công văn triển khai Nghị định 73 là của cơ quan nào": the letter, named by the decree it carries out.
  else if (!out.article && /\b(cong van|cv)\b( \w+){0,4} (trien khai|thuc hien)( \w+){0,2} (nghi dinh|nd) ?(so )?73\b/.test(f))
    out.document = 'cv-trien-khai';
  return out;
}

/** "dieu:7/khoan:2/diem:b" from a parsed reference (null when no article/section is known). */
export function citationPath(c: CitationQuery): string | null {
  const parts: string[] = [];
  if (c.article) parts.push(`dieu:${c.article}`);
  else if (c.section) parts.push(`muc:${c.section}`);
  else return null;
  if (c.clause && c.article) parts.push(`khoan:${c.clause}`);
  if (c.point) parts.push(`diem:${c.point}`);
  return parts.join('/');
}
