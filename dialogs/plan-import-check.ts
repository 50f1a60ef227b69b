// What a plan read from a document is worth: each field through the wizard's own step rule (so a value
// accepted here is accepted by the wizard, the card and the submission check), in the wizard's order.
import type { ProposalPlan } from '../entities/proposal.entity.js';
import type { ImportedFields } from '../services/plan-import/plan-text-mapper.js';
import { applies, WIZARD_STEPS } from './wizard-sections.js';
import type { StepContext, WizardStep } from './wizard-step.js';

export interface ImportCheck {
  /** What confirming stores: the document's valid values, and "bỏ qua" for the optional fields it leaves out. */
  changes: ProposalPlan;
  /** The plan as it would be after confirming (the draft with the document's values). */
  plan: ProposalPlan;
  /** Steps with a valid value from the document (or kept from the draft), in order. */
  found: WizardStep[];
  invalid: { step: WizardStep; text: string; error: string }[];
  /** Required steps with no valid value. */
  missing: WizardStep[];
  /** Optional steps the document leaves out: stored as "bỏ qua" on confirmation. */
  skipped: WizardStep[];
  /** A step's place in the wizard, for showing fields in the plan's order. */
  order(step: WizardStep): number;
}

export function mergePlan(plan: ProposalPlan, changes: Partial<ProposalPlan>): ProposalPlan {
  const out: ProposalPlan = { ...plan };
  for (const [key, value] of Object.entries(changes) as [keyof ProposalPlan, unknown][]) {
    if (key === 'conditions') out.conditions = { ...out.conditions, ...(value as ProposalPlan['conditions']) };
    else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** `base`: the draft the document is read into (its answers stay unless the document has the field). */
export function checkImport(fields: ImportedFields, ctx: StepContext, base: ProposalPlan = {}): ImportCheck {
  // The plan as it would be (the draft with the document's values): later steps are checked against it.
  let plan: ProposalPlan = {};
  const result: ImportCheck = {
    changes: {},
    plan,
    found: [],
    invalid: [],
    missing: [],
    skipped: [],
    order: (step) => WIZARD_STEPS.indexOf(step),
  };
  for (const step of WIZARD_STEPS) {
    if (!applies(step, plan)) continue;
    const text = fields[step.id as keyof ImportedFields];
    if (text !== undefined) {
      const parsed = step.parse(text, plan, ctx);
      if (parsed.ok) {
        plan = mergePlan(plan, parsed.value);
        result.changes = mergePlan(result.changes, parsed.value);
        result.found.push(step);
        continue;
      }
      result.invalid.push({ step, text, error: parsed.error });
      continue;
    }
    if (step.current(base, ctx) !== undefined) {
      // The draft's own answer stays.
      const key = step.id as keyof ProposalPlan;
      plan =
        step.section === 'check'
          ? mergePlan(plan, { conditions: { [step.id]: base.conditions?.[step.id as 'c1'] } })
          : mergePlan(plan, { [key]: base[key] });
      result.found.push(step);
      continue;
    }
    if (step.optional) {
      result.skipped.push(step);
      if (step.skip) result.changes = mergePlan(result.changes, step.skip);
    } else result.missing.push(step);
  }
  result.plan = mergePlan(plan, result.changes);
  return result;
}

/** The steps still to answer (invalid first, in wizard order, then missing). */
export function stepsToAnswer(check: ImportCheck): WizardStep[] {
  const ids = new Set([...check.invalid.map((i) => i.step.id), ...check.missing.map((s) => s.id)]);
  return WIZARD_STEPS.filter((s) => ids.has(s.id));
}
