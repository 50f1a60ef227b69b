// "gợi ý" at a wizard step: how others in the province filled the same part of the plan, from the library's
// plans of the same field. Anonymised: the unit is told only by its kind, and the unit's and the
// proposer's names, e-mail addresses and phone numbers are cut from the text.
import type { ProposalPlan } from '../../entities/proposal.entity.js';
import type { UnitKind } from '../../entities/unit.entity.js';
import { shorten, type LibraryRecord } from './library-entries.js';

export interface PlanExcerpt {
  text: string;
  unitKind: UnitKind;
}

const EXCERPT_CHARS = 220;
const HIDDEN = '[…]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text without the names it must not show. */
export function anonymise(text: string, names: string[]): string {
  let out = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, HIDDEN).replace(/(\+?84|0)[\d .-]{8,12}\d/g, HIDDEN);
  for (const name of names.filter((n) => n.trim().length > 2)) out = out.replace(new RegExp(escapeRegExp(name.trim()), 'giu'), HIDDEN);
  return out;
}

/** Up to `limit` excerpts of one plan part (a text key of the plan), evaluated plans first, then the newest. */
export function excerptsFor(
  records: LibraryRecord[],
  key: keyof ProposalPlan,
  field: string | undefined,
  exceptId: string,
  limit = 2,
): PlanExcerpt[] {
  if (!field) return [];
  const ranked = records
    .filter((r) => r.id !== exceptId && r.field === field && typeof r.plan[key] === 'string' && (r.plan[key] as string).trim())
    .sort((a, b) => Number(b.outcome === 'completed') - Number(a.outcome === 'completed'));
  const seen = new Set<string>();
  const out: PlanExcerpt[] = [];
  for (const r of ranked) {
    const text = shorten(anonymise(r.plan[key] as string, r.namesToHide), EXCERPT_CHARS);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, unitKind: r.unitKind });
    if (out.length >= limit) break;
  }
  return out;
}
