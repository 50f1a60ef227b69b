// Citation strings for provisions, and the document label used in them.
import type { LegalDocumentKind } from '../../entities/legal-document.entity.js';
import type { ProvisionKind } from '../../entities/legal-provision.entity.js';
import type { ParsedNode } from './document-parser.js';

export const DOCUMENT_KIND_LABELS: Record<LegalDocumentKind, string> = {
  nghi_dinh: 'Nghị định',
  quy_dinh: 'Quy định',
  ket_luan: 'Kết luận',
  thong_tu: 'Thông tư',
  quyet_dinh: 'Quyết định',
  cong_van: 'Công văn',
  ke_hoach: 'Kế hoạch',
  khac: 'Văn bản',
};

/** "Nghị định 73/2023/NĐ-CP", "Công văn số 1234/UBND-NC". */
export function documentLabel(kind: LegalDocumentKind, code: string): string {
  // Letters are cited with their number: "Công văn số 1234/UBND-NC".
  return kind === 'cong_van' ? `Công văn số ${code}` : `${DOCUMENT_KIND_LABELS[kind]} ${code}`;
}

const ORDINAL_WORDS = ['', 'nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

function segment(kind: ProvisionKind, number: string, isLetter: boolean): string {
  switch (kind) {
    case 'phan':
      return `phần ${number}`;
    case 'chuong':
      return `Chương ${number}`;
    case 'muc':
      return isLetter ? `mục ${number}` : `Mục ${number}`;
    case 'dieu':
      return `Điều ${number}`;
    case 'khoan':
      return `khoản ${number}`;
    case 'diem':
      return `điểm ${number}`;
    case 'y': {
      const n = Number(number);
      return `gạch đầu dòng thứ ${ORDINAL_WORDS[n] ?? number}`;
    }
    case 'doan':
      return number === 'mo-dau' ? 'phần mở đầu' : 'phần kết';
  }
}

export interface FlatProvision {
  index: number;
  parentIndex: number | null;
  kind: ProvisionKind;
  number: string;
  title: string | null;
  text: string;
  citation: string;
  path: string;
  depth: number;
}

/**
 * Flattens a parsed tree in reading order, giving each node its citation and path. In a decree the
 * chapter and section are not part of an article's citation (articles are numbered through the text).
 */
export function flattenProvisions(nodes: ParsedNode[], label: string, shape: 'decree' | 'letter'): FlatProvision[] {
  const out: FlatProvision[] = [];
  const isLetter = shape === 'letter';
  const walk = (list: ParsedNode[], parentIndex: number | null, chain: ParsedNode[], depth: number) => {
    for (const n of list) {
      const fullChain = [...chain, n];
      // The citation runs from the innermost node outwards, stopping at the article in a decree.
      const parts: string[] = [];
      const pathParts: string[] = [];
      for (let i = fullChain.length - 1; i >= 0; i--) {
        const c = fullChain[i];
        if (
          !isLetter &&
          (c.kind === 'chuong' || c.kind === 'muc') &&
          i < fullChain.length - 1 &&
          fullChain.slice(i + 1).some((x) => x.kind === 'dieu')
        )
          break;
        parts.push(segment(c.kind, c.number, isLetter));
      }
      for (const c of fullChain) {
        if (!isLetter && (c.kind === 'chuong' || c.kind === 'muc') && fullChain.some((x) => x.kind === 'dieu')) continue;
        pathParts.push(`${c.kind}:${c.number}`);
      }
      const index = out.length;
      out.push({
        index,
        parentIndex,
        kind: n.kind,
        number: n.number,
        title: n.title,
        text: n.text,
        citation: `${parts.join(' ')} ${label}`,
        path: pathParts.join('/'),
        depth,
      });
      walk(n.children, index, fullChain, depth + 1);
    }
  };
  walk(nodes, null, [], 0);
  return out;
}
