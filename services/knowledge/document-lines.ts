// The lines of a Vietnamese legal text as the parser sees them: cleaned of Markdown, folded for markers,
// and the patterns of its headings (Chương, Mục, Điều, khoản, điểm, parts of a letter).
import { foldDiacritics } from '../text/vietnamese.js';

const POINT_CLASS = '[abcdđeghiklmnopqrstuvxy]';

export const RE_CHAPTER = /^chuong\s+([ivxlc]+|\d+)\b\.?\s*[:.\-–]?\s*(.*)$/;
export const RE_SECTION = /^muc\s+(\d+)\s*[.:\-–]?\s*(.*)$/;
export const RE_ARTICLE = /^dieu\s+(\d+[a-z]?)\s*(?:[.:]\s*(.*)|$)/;
export const RE_CLAUSE = /^(\d{1,3})\.\s*(\S.*)$/;
export const RE_POINT = new RegExp(`^(${POINT_CLASS})\\)\\s*(.*)$`);
export const RE_BULLET = /^[-–—•+*]\s+(.*)$/;
export const RE_ROMAN = /^([IVX]{1,5})\.\s+(\S.*)$/;
export const RE_END = /^(noi nhan|tm\.|kt\.|q\. ?chu tich|chu tich|tm\s)/;

/** Removes Markdown emphasis and headings so a .md copy parses like the .txt one. */
export function cleanLine(line: string): string {
  return line
    .normalize('NFC')
    .replace(/\u00a0/g, ' ')
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\*(?=\S)(.*)\*$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded form used to recognise markers: "Điều 8a." → "dieu 8a."; the point letter đ is kept distinct. */
export function markerKey(line: string): string {
  return foldDiacritics(line.toLocaleLowerCase('vi'));
}

export function pointLetter(line: string): string | undefined {
  const m = RE_POINT.exec(line.toLocaleLowerCase('vi'));
  return m ? m[1] : undefined;
}

export function isUpperHeading(line: string): boolean {
  return line.length > 0 && line === line.toLocaleUpperCase('vi') && /\p{L}/u.test(line);
}
