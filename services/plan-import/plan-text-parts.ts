// The parts of a plan that hide inside a paragraph: the period ("từ 01/03/2027 đến 31/12/2027"), the
// milestones (a line or a table row with one date), the funding amount and its source.
import { foldDiacritics } from '../text/vietnamese.js';

const DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{4}`;
const DATE_RE = new RegExp(DATE, 'g');

const fold = (s: string) => foldDiacritics(s.toLocaleLowerCase('vi'));

/** The start and end dates of a timeline text, as typed (dd/mm/yyyy). */
export function extractPeriod(text: string): { start?: string; end?: string } {
  const folded = fold(text);
  const start = new RegExp(String.raw`(?:bat dau|khoi cong|tu ngay|tu)\s*(?:thuc hien\s*)?(?:tu\s*)?(?:ngay\s*)?[:\-–]?\s*(${DATE})`).exec(
    folded,
  );
  const end = new RegExp(
    String.raw`(?:ket thuc|hoan thanh|den ngay|den)\s*(?:thuc hien\s*|toan bo\s*)?(?:vao\s*)?(?:ngay\s*)?[:\-–]?\s*(${DATE})`,
  ).exec(folded.slice(start ? start.index + start[0].length : 0));
  const out: { start?: string; end?: string } = {};
  if (start) out.start = start[1];
  if (end) out.end = end[1];
  if (!start && !end) {
    // "Thời gian thực hiện: 01/03/2027 – 31/12/2027": the first line with two dates and no task.
    for (const line of folded.split('\n')) {
      const dates = line.match(DATE_RE) ?? [];
      if (dates.length === 2 && !line.includes('|') && line.replace(DATE_RE, '').replace(/[^a-z]/g, '').length < 40) {
        return { start: dates[0], end: dates[1] };
      }
    }
  }
  return out;
}

const HEADER_CELL = /^(stt|tt|so tt|thoi gian|thoi han|moc|noi dung|cong viec|nhiem vu|ket qua|san pham|don vi|ghi chu)$/;

/** Milestones, one "dd/mm/yyyy: task" a line, from lines and table rows with exactly one date; undefined when none. */
export function extractMilestones(text: string): string | undefined {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const dates = line.match(DATE_RE) ?? [];
    if (dates.length !== 1) continue;
    const folded = fold(line);
    // "Bắt đầu: 01/03/2027", "từ ngày … đến ngày …" state the period, not a task.
    if (
      !line.includes('|') &&
      (/tu ngay|den ngay/.test(folded) || /^(?:[-•+*]\s*)?(?:ngay\s*)?(?:bat dau|ket thuc|thoi gian)/.test(folded))
    )
      continue;
    let task: string;
    if (line.includes('|')) {
      const cells = line.split('|').map((c) => c.trim());
      task = cells.find((c) => !new RegExp(DATE).test(c) && !/^\d{1,3}\.?$/.test(c) && c.length >= 3 && !HEADER_CELL.test(fold(c))) ?? '';
    } else {
      task = line
        .replace(new RegExp(String.raw`(?:trước|truoc|đến|den|ngày|ngay|hạn|han|hoàn thành|hoan thanh)?\s*\(?${DATE}\)?`, 'i'), ' ')
        .replace(/^[\s\-–•+*:.,]+|[\s\-–:.,;(]+$/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    }
    if (task.length >= 3) out.push(`${dates[0]}: ${task.replace(/^[:\-–\s]+/, '')}`);
  }
  return out.length ? out.join('\n') : undefined;
}

const MONEY = /(\d[\d.,]*(?: \d{3})*)\s*(ty|ti|trieu|tr|nghin|ngan|dong|d|vnd)\b(?:\s*(\d[\d.,]*)\s*(trieu|tr|nghin|ngan|dong|d)\b)?/;
const NO_FUNDING = /khong (?:de nghi|can|co|su dung|phat sinh|yeu cau)(?: them)? kinh phi|khong de nghi cap kinh phi/;

/** The amount (as the money rule reads it) and the source named in a funding text. */
export function extractFunding(text: string): { amount?: string; source?: string } {
  if (!text) return {};
  const folded = fold(text);
  const out: { amount?: string; source?: string } = {};
  if (NO_FUNDING.test(folded)) out.amount = 'không';
  else {
    const m = MONEY.exec(folded);
    if (m) out.amount = text.slice(m.index, m.index + m[0].length).trim();
  }
  const source = /nguon(?: kinh phi)?\s*(?:tu\s*)?[:\-–]?\s*([^.;\n]{3,})/.exec(folded);
  if (source && out.amount !== 'không') {
    const begin = source.index + source[0].length - source[1].length;
    const value = text.slice(begin, begin + source[1].length).trim();
    out.source = value.charAt(0).toLocaleUpperCase('vi') + value.slice(1);
  }
  return out;
}
