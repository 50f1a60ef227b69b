// The label a question example carries ("nd73 dieu:7/khoan:4|cv-trien-khai muc:2/diem:b", "entry:<id>",
// "cite:<citation>", refuse, collision) and whether a citation is one it accepts. Shared by the evaluation
// (is the answer right?) and the question memory (which provisions does an example vote for?).
import { codeKey } from './knowledge-store.js';

/** The synthetic test documents of knowledge/eval/synthetic, named by short ids in labels. */
const DOC_KEYS: Record<string, string> = { 'syn-nd': codeKey('99/2099/NĐ-CP'), 'syn-cv': codeKey('123/UBND-VX') };

export interface CitationLike {
  citation: string;
  entryId?: string;
  documentKey?: string;
  paths?: string[];
}

/** Whether a label names a provision (not refuse nor collision). */
export function isProvisionLabel(label: string): boolean {
  return label !== 'refuse' && label !== 'collision';
}

export function labelAccepts(label: string, c: CitationLike | undefined): boolean {
  if (!c || !isProvisionLabel(label)) return false;
  if (label.startsWith('cite:')) return c.citation === label.slice(5);
  // "entry:x|cv-trien-khai doan:mo-dau" is a list of alternatives, read below.
  if (label.startsWith('entry:') && !label.includes('|')) return c.entryId === label.slice(6);
  // Alternatives separated by "|", each may name its own document (else the previous one's).
  let doc = '';
  return label.split('|').some((alt) => {
    const parts = alt.split(' ');
    if (parts.length === 2) doc = parts[0];
    // "nd73 dieu:5|entry:x": an entry among the alternatives.
    if (parts[parts.length - 1].startsWith('entry:')) return c.entryId === parts[parts.length - 1].slice(6);
    const p = parts[parts.length - 1];
    return c.documentKey === (DOC_KEYS[doc] ?? doc) && (c.paths ?? []).includes(p);
  });
}
