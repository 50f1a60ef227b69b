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
import type { ProvisionKind } from '../../entities/legal-provision.entity.js';
import { detectMetadata, type DetectedMetadata } from './document-metadata.js';
import {
  cleanLine,
  isUpperHeading,
  markerKey,
  pointLetter,
  RE_ARTICLE,
  RE_BULLET,
  RE_CHAPTER,
  RE_CLAUSE,
  RE_END,
  RE_ROMAN,
  RE_SECTION,
} from './document-lines.js';

export interface ParsedNode {
  kind: ProvisionKind;
  number: string;
  title: string | null;
  /** Own text; paragraphs separated by "\n". */
  text: string;
  children: ParsedNode[];
}

export interface ParsedDocument {
  shape: 'decree' | 'letter';
  metadata: DetectedMetadata;
  nodes: ParsedNode[];
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
