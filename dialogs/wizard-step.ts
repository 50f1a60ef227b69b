// One step of the plan wizard: it fills one slot of the plan. Every section dialog is a list of steps;
// the wizard dialog walks them, skipping slots already filled, so a resumed draft continues where it
// stopped. Parsing uses the shared plan rules (services/proposals/plan-validation.ts).
import type { ProposalPlan } from '../entities/proposal.entity.js';
import { validateText, textRule, type PlanFieldRule, type ValidationResult } from '../services/proposals/plan-validation.js';
import type { WorkflowConfig } from '../services/workflow/workflow-config.js';

export type SectionId = 'title' | 'a' | 'b_content' | 'b_timeline' | 'b_resources' | 'c' | 'check';

export interface StepContext {
  config: WorkflowConfig;
  today: string;
}

export interface WizardStep {
  id: string;
  section: SectionId;
  label: string;
  /** What is wanted, in plain words. */
  explain: string | ((ctx: StepContext, plan: ProposalPlan) => string);
  example: string;
  optional: boolean;
  /** The slot's current value as text, or undefined when it was never answered. '' = skipped. */
  current(plan: ProposalPlan, ctx: StepContext): string | undefined;
  parse(text: string, plan: ProposalPlan, ctx: StepContext): ValidationResult<Partial<ProposalPlan>>;
  /** What "bỏ qua" stores (optional steps only). */
  skip?: Partial<ProposalPlan>;
  /** Steps that do not apply (no funding → no source). */
  applies?(plan: ProposalPlan): boolean;
}

/** A free-text step over one plan key, with the shared bounds. */
export function textStep(
  key: PlanFieldRule['key'],
  section: SectionId,
  explain: string,
  example: string,
  options: { label?: string; applies?: (plan: ProposalPlan) => boolean } = {},
): WizardStep {
  const rule = textRule(key);
  return {
    id: key,
    section,
    label: options.label ?? rule.label,
    explain,
    example,
    optional: !rule.required,
    current: (plan) => plan[key] as string | undefined,
    parse(text) {
      const r = validateText(text, rule.bounds, rule.label);
      return r.ok ? { ok: true, value: { [key]: r.value } } : r;
    },
    ...(rule.required ? {} : { skip: { [key]: '' } }),
    ...(options.applies ? { applies: options.applies } : {}),
  };
}

export interface WizardSection {
  id: SectionId;
  steps: WizardStep[];
}
