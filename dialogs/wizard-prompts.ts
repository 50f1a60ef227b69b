// What the plan wizard says about a step: its prompt (where we are, what is wanted, an example, the current
// value), the echo of what was stored where a misreading is likely, and a draft's label.
import type { ProposalPlan } from '../entities/proposal.entity.js';
import { formatVND } from '../services/documents/format.js';
import { numberInWords } from '../services/intents/echo.js';
import { wizard } from '../services/platform/messages/wizard.js';
import { WIZARD_STEPS } from './wizard-sections.js';
import type { StepContext, WizardStep } from './wizard-step.js';

export function draftLabel(plan: ProposalPlan): string {
  return plan.title?.trim() || wizard.untitled;
}

/** The text of one step: where we are, what is wanted, an example, the current value and the options. */
export function stepPrompt(step: WizardStep, plan: ProposalPlan, ctx: StepContext, withHints = false): string {
  const n = WIZARD_STEPS.indexOf(step) + 1;
  const explain = typeof step.explain === 'function' ? step.explain(ctx, plan) : step.explain;
  const current = step.current(plan, ctx);
  const lines = [
    wizard.stepHeader(n, WIZARD_STEPS.length, wizard.sections[step.section], step.label),
    explain,
    wizard.example(step.example),
  ];
  if (current !== undefined) {
    lines.push(current ? wizard.current(current) : wizard.current('(không có)'));
    lines.push(wizard.keepHint);
  }
  if (step.optional) lines.push(wizard.optionalHint);
  if (withHints) lines.push(wizard.hints);
  return lines.join('\n');
}

/** The echo of what a step stored, for the steps where a misreading is likely: field, dates, amount. */
const ECHOED_STEPS = new Set(['field', 'startDate', 'endDate']);
export function echoOf(step: WizardStep, plan: ProposalPlan, ctx: StepContext): string | undefined {
  if (step.id === 'fundingAmount') {
    const amount = plan.fundingAmount;
    if (amount === undefined || amount === '0') return undefined;
    const value = BigInt(amount);
    return wizard.recordedAmount(formatVND(value), numberInWords(value));
  }
  // Art. 5: a "Không" to a condition is told plainly, once, when it is answered.
  if (step.section === 'check') {
    const c = plan.conditions?.[step.id as 'c1' | 'c2' | 'c3' | 'c4'];
    return c && !c.met ? wizard.conditionNotMet(step.label) : undefined;
  }
  if (!ECHOED_STEPS.has(step.id)) return undefined;
  const value = step.current(plan, ctx);
  return value ? wizard.recorded(step.label, value) : undefined;
}

/** "350.000" → "350": the figure as typed, read as millions, for "nếu ý anh/chị là 350 triệu". */
export function millionsOf(typed: string): string {
  const digits = typed.replace(/[^\d]/g, '');
  return String(Number(digits.replace(/0{3}$/, '')) || digits || '1');
}
