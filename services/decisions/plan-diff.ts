// What changed in a plan between two submitted revisions, for the decider of a resubmission.
import type { ProposalPlan } from '../../entities/proposal.entity.js';

export interface PlanChange {
  field: keyof ProposalPlan;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

export function diffPlans(before: ProposalPlan, after: ProposalPlan): PlanChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]) as Set<keyof ProposalPlan>;
  const changes: PlanChange[] = [];
  for (const key of keys) {
    // The consent to be named in the library is the proposer's choice, not a change to the plan.
    if (key === 'nameInLibrary') continue;
    const b = show(before?.[key]);
    const a = show(after?.[key]);
    if (a !== b) changes.push({ field: key, before: b, after: a });
  }
  return changes;
}
