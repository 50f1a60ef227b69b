// Turns the plain text of a Vietnamese legal or administrative document into a provision tree.
//
// Decree-shaped texts (any line "Điều N. ..."): Chương / Mục / Điều / khoản "1." / điểm "a)" / "-" items.
// Letter-shaped texts (no articles): parts "I.", sections "1.", points "a)", "-" items, plus the opening
// and closing paragraphs. Markers are recognised with or without diacritics (PDFs sometimes lose them).
//
// Citation forms (documented in knowledge/README.md):
//   Điều 8 Nghị định 73/2023/NĐ-CP · khoản 1 Điều 8 … · điểm b khoản 2 Điều 7 … · điểm a Điều 5 …
//   gạch đầu dòng thứ 2 điểm a khoản 1 Điều 5 … · Chương II … · Mục 1 Chương II …
//   mục 1 Công văn … · điểm c mục 1 Công văn … · gạch đầu dòng thứ 2 điểm c mục 1 Công văn …
//   phần I Công văn … · phần mở đầu Công văn … · phần kết Công văn …
import type { LegalDocumentKind } from '../../entities/legal-document.entity.js';
import type { ProvisionKind } from '../../entities/legal-provision.entity.js';
import { foldDiacritics } from '../text/vietnamese.js';

export interface ParsedNode {
  kind: ProvisionKind;
  number: string;
  title: string | null;
  /** Own text; paragraphs separated by "\n". */
  text: string;
  children: ParsedNode[];
}

export interface DetectedMetadata {
  code?: string;
  kind?: LegalDocumentKind;
  title?: string;
  issuer?: string;
  issuedOn?: string;
}

export interface ParsedDocument {
  shape: 'decree' | 'letter';
  metadata: DetectedMetadata;
  nodes: ParsedNode[];
}

const POINT_CLASS = '[abcdđeghiklmnopqrstuvxy]';

const RE_CHAPTER = /^chuong\s+([ivxlc]+|\d+)\b\.?\s*[:.\-–]?\s*(.*)$/;
const RE_SECTION = /^muc\s+(\d+)\s*[.:\-–]?\s*(.*)$/;
const RE_ARTICLE = /^dieu\s+(\d+[a-z]?)\s*(?:[.:]\s*(.*)|$)/;
const RE_CLAUSE = /^(\d{1,3})\.\s*(\S.*)$/;
const RE_POINT = new RegExp(`^(${POINT_CLASS})\\)\\s*(.*)$`);
const RE_BULLET = /^[-–—•+*]\s+(.*)$/;
const RE_ROMAN = /^([IVX]{1,5})\.\s+(\S.*)$/;
const RE_END = /^(noi nhan|tm\.|kt\.|q\. ?chu tich|chu tich|tm\s)/;

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
function markerKey(line: string): string {
  return foldDiacritics(line.toLocaleLowerCase('vi'));
}

function pointLetter(line: string): string | undefined {
  const m = RE_POINT.exec(line.toLocaleLowerCase('vi'));
  return m ? m[1] : undefined;
}

export function parseDocumentText(raw: string): ParsedDocument {
  const lines = raw
    .split(/\r?\n/)
    .map(cleanLine)
    .filter((l) => l.length > 0);
  const isDecree = lines.some((l) => RE_ARTICLE.test(markerKey(l)));
  const metadata = detectMetadata(lines, isDecree);
  const nodes = isDecree ? parseDecree(lines) : parseLetter(lines);
  return { shape: isDecree ? 'decree' : 'letter', metadata, nodes };
}

function node(kind: ProvisionKind, number: string, text: string, title: string | null = null): ParsedNode {
  return { kind, number, title, text, children: [] };
}

function appendText(target: ParsedNode, paragraph: string): void {
  target.text = target.text ? `${target.text}\n${paragraph}` : paragraph;
}

function isUpperHeading(line: string): boolean {
  return line.length > 0 && line === line.toLocaleUpperCase('vi') && /\p{L}/u.test(line);
}

function parseDecree(lines: string[]): ParsedNode[] {
  const roots: ParsedNode[] = [];
  let chapter: ParsedNode | undefined;
  let section: ParsedNode | undefined;
  let article: ParsedNode | undefined;
  let clause: ParsedNode | undefined;
  let point: ParsedNode | undefined;
  let bullet: ParsedNode | undefined;
  let pendingTitleFor: ParsedNode | undefined;
  let started = false;

  const container = (): ParsedNode[] => (section ?? chapter)?.children ?? roots;

  for (const line of lines) {
    const key = markerKey(line);
    if (started && RE_END.test(key)) break;
    let m: RegExpExecArray | null;
    if ((m = RE_CHAPTER.exec(key))) {
      started = true;
      chapter = node('chuong', m[1].toUpperCase(), '', line.slice(line.length - m[2].length).trim() || null);
      roots.push(chapter);
      section = article = clause = point = bullet = undefined;
      pendingTitleFor = chapter.title ? undefined : chapter;
      continue;
    }
    if (chapter && (m = RE_SECTION.exec(key)) && (!m[2] || isUpperHeading(line.slice(line.length - m[2].length)))) {
      section = node('muc', m[1], '', line.slice(line.length - m[2].length).trim() || null);
      chapter.children.push(section);
      article = clause = point = bullet = undefined;
      pendingTitleFor = section.title ? undefined : section;
      continue;
    }
    if ((m = RE_ARTICLE.exec(key))) {
      started = true;
      const title = (m[2] ?? '').length ? line.slice(line.length - (m[2] ?? '').length).trim() : null;
      article = node('dieu', m[1], '', title);
      container().push(article);
      clause = point = bullet = undefined;
      pendingTitleFor = undefined;
      continue;
    }
    if (!started) continue;
    if (pendingTitleFor && isUpperHeading(line)) {
      pendingTitleFor.title = pendingTitleFor.title ? `${pendingTitleFor.title} ${line}` : line;
      continue;
    }
    pendingTitleFor = undefined;
    if (!article) {
      // Text between a chapter heading and its first article: part of the heading.
      const holder = section ?? chapter;
      if (holder) appendText(holder, line);
      continue;
    }
    if ((m = RE_CLAUSE.exec(line))) {
      clause = node('khoan', m[1], m[2]);
      article.children.push(clause);
      point = bullet = undefined;
      continue;
    }
    const letter = pointLetter(line);
    if (letter) {
      const rest = line.replace(/^\S\)\s*/, '');
      point = node('diem', letter, rest);
      (clause ?? article).children.push(point);
      bullet = undefined;
      continue;
    }
    if ((m = RE_BULLET.exec(line))) {
      const parent = point ?? clause ?? article;
      bullet = node('y', String(parent.children.filter((c) => c.kind === 'y').length + 1), m[1]);
      parent.children.push(bullet);
      continue;
    }
    appendText(bullet ?? point ?? clause ?? article, line);
  }
  return roots;
}

function parseLetter(lines: string[]): ParsedNode[] {
  const roots: ParsedNode[] = [];
  // Skip the header: everything up to the end of the "Kính gửi" block, when there is one.
  let i = 0;
  const kinhGui = lines.findIndex((l) => /^kinh gui/.test(markerKey(l)));
  if (kinhGui >= 0) {
    i = kinhGui + 1;
    const inline = lines[kinhGui].replace(/^[^:]*:?\s*/, '');
    if (!inline) while (i < lines.length && RE_BULLET.test(lines[i])) i++;
  } else {
    const first = lines.findIndex((l) => RE_CLAUSE.test(l) || RE_ROMAN.test(l));
    i = first < 0 ? lines.length : first;
  }
  let part: ParsedNode | undefined;
  let section: ParsedNode | undefined;
  let point: ParsedNode | undefined;
  let bullet: ParsedNode | undefined;
  let opening: ParsedNode | undefined;
  let closing: ParsedNode | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const key = markerKey(line);
    if (RE_END.test(key)) break;
    let m: RegExpExecArray | null;
    if (closing) {
      appendText(closing, line);
      continue;
    }
    if ((section || part) && /^tren day\b/.test(key)) {
      closing = node('doan', 'ket', line);
      roots.push(closing);
      continue;
    }
    if ((m = RE_ROMAN.exec(line))) {
      part = node('phan', m[1], '', m[2]);
      roots.push(part);
      section = point = bullet = undefined;
      continue;
    }
    if ((m = RE_CLAUSE.exec(line))) {
      section = node('muc', m[1], m[2]);
      (part?.children ?? roots).push(section);
      point = bullet = undefined;
      continue;
    }
    const letter = section || part ? pointLetter(line) : undefined;
    if (letter) {
      point = node('diem', letter, line.replace(/^\S\)\s*/, ''));
      (section ?? part!).children.push(point);
      bullet = undefined;
      continue;
    }
    if ((section || part) && (m = RE_BULLET.exec(line))) {
      const parent = point ?? section ?? part!;
      bullet = node('y', String(parent.children.filter((c) => c.kind === 'y').length + 1), m[1]);
      parent.children.push(bullet);
      continue;
    }
    const current = bullet ?? point ?? section ?? part;
    if (current) {
      appendText(current, line);
    } else {
      if (!opening) {
        opening = node('doan', 'mo-dau', '');
        roots.push(opening);
      }
      appendText(opening, line);
    }
  }
  return roots;
}

const KIND_BY_HEADING: Array<[RegExp, LegalDocumentKind]> = [
  [/^nghi dinh$/, 'nghi_dinh'],
  [/^quy dinh$/, 'quy_dinh'],
  [/^ket luan$/, 'ket_luan'],
  [/^thong tu$/, 'thong_tu'],
  [/^quyet dinh$/, 'quyet_dinh'],
  [/^ke hoach$/, 'ke_hoach'],
  [/^cong van$/, 'cong_van'],
];

/** Document kind from its number/symbol ("73/2023/NĐ-CP" → nghi_dinh). */
export function kindFromCode(code: string): LegalDocumentKind | undefined {
  const k = foldDiacritics(code.toUpperCase());
  if (/ND-CP\b/.test(k)) return 'nghi_dinh';
  if (/-?QD\/TU\b|QD-TU\b|QD\/TW\b/.test(k)) return 'quy_dinh';
  if (/KL\/TW\b|KL-TW\b/.test(k)) return 'ket_luan';
  if (/\/TT-|\bTT-/.test(k)) return 'thong_tu';
  if (/QD-/.test(k)) return 'quyet_dinh';
  if (/KH-/.test(k)) return 'ke_hoach';
  if (/UBND-|\/[A-Z]+-[A-Z]+$/.test(k)) return 'cong_van';
  return undefined;
}

function detectMetadata(lines: string[], isDecree: boolean): DetectedMetadata {
  const meta: DetectedMetadata = {};
  const headerEnd = lines.findIndex((l) => {
    const k = markerKey(l);
    return RE_ARTICLE.test(k) || RE_CHAPTER.test(k) || /^(kinh gui|can cu)/.test(k);
  });
  const header = lines.slice(0, headerEnd < 0 ? Math.min(lines.length, 30) : headerEnd);
  for (const line of header) {
    // "Số: 73/2023/NĐ-CP"; a letter not yet numbered reads "Số: /UBND-NC" (code becomes "…/UBND-NC").
    const m = /^s[oố]\s*(?:hiệu|hieu)?\s*:\s*(\d*\s*\/[^\s,;]+|\d+[^\s,;]*)/iu.exec(line);
    if (m && !meta.code) {
      const raw = m[1].replace(/\s+/g, '').replace(/[.;,]+$/, '');
      meta.code = raw.startsWith('/') ? `…${raw}` : raw;
    }
    const d = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(line);
    if (d && !meta.issuedOn) meta.issuedOn = `${d[3]}-${d[2].padStart(2, '0')}-${d[1].padStart(2, '0')}`;
  }
  if (meta.code) meta.kind = kindFromCode(meta.code);
  const issuerLines: string[] = [];
  for (const line of header) {
    if (/^cong hoa|^dang cong san|^doc lap/.test(markerKey(line))) break;
    if (isUpperHeading(line)) issuerLines.push(line);
    else break;
  }
  if (issuerLines.length) meta.issuer = issuerLines.join(' ');
  for (let i = 0; i < header.length; i++) {
    const key = markerKey(header[i]);
    const byHeading = KIND_BY_HEADING.find(([re]) => re.test(key));
    if (byHeading && isUpperHeading(header[i])) {
      meta.kind ??= byHeading[1];
      const titleLines: string[] = [];
      for (let j = i + 1; j < header.length && titleLines.length < 4; j++) {
        if (/^(can cu|theo de nghi)/.test(markerKey(header[j]))) break;
        titleLines.push(header[j]);
      }
      if (titleLines.length) meta.title = titleLines.join(' ');
      break;
    }
    if (/^v\/v\b/.test(key)) {
      meta.kind ??= 'cong_van';
      const titleLines = [header[i].replace(/^v\/v\s*[:.]?\s*/i, '')];
      for (let j = i + 1; j < header.length && titleLines.length < 6; j++) {
        if (/^(kinh gui|so\s*:|.*ngay\s.*thang)/.test(markerKey(header[j])) || isUpperHeading(header[j])) break;
        titleLines.push(header[j]);
      }
      meta.title = titleLines.join(' ');
      break;
    }
  }
  if (!meta.kind && !isDecree) meta.kind = 'cong_van';
  return meta;
}

/** Counts of what a parse found, for the import report. */
export function countNodes(nodes: ParsedNode[]): Record<ProvisionKind, number> {
  const counts: Record<ProvisionKind, number> = { phan: 0, chuong: 0, muc: 0, dieu: 0, khoan: 0, diem: 0, y: 0, doan: 0 };
  const walk = (list: ParsedNode[]) => {
    for (const n of list) {
      counts[n.kind]++;
      walk(n.children);
    }
  };
  walk(nodes);
  return counts;
}
