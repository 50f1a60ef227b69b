// What a legal text says about itself in its header: number and symbol, date, issuer, kind and title.
import type { LegalDocumentKind } from '../../entities/legal-document.entity.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { isUpperHeading, markerKey, RE_ARTICLE, RE_CHAPTER } from './document-lines.js';

export interface DetectedMetadata {
  code?: string;
  kind?: LegalDocumentKind;
  title?: string;
  issuer?: string;
  issuedOn?: string;
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

export function detectMetadata(lines: string[], isDecree: boolean): DetectedMetadata {
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
