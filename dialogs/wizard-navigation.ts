// Where the plan wizard goes next: the next step to ask (the next empty one, or the next of the section
// being edited), the step before, the last step that applies, the first step of a section.
import type { ProposalPlan } from '../entities/proposal.entity.js';
import type { WizardState } from './wizard-host.js';
import { applies, nextEmptyStep, WIZARD_SECTIONS, WIZARD_STEPS } from './wizard-sections.js';
import type { SectionId, StepContext, WizardStep } from './wizard-step.js';

/** The step after `afterId`: in edit mode the next of the section being edited, else the next empty one. */
export function nextStep(state: WizardState, plan: ProposalPlan, ctx: StepContext, afterId: string | undefined): WizardStep | undefined {
  if (state.mode === 'edit') {
    const steps = WIZARD_SECTIONS.find((s) => s.id === state.editSection)!.steps.filter((s) => applies(s, plan));
    const i = steps.findIndex((s) => s.id === afterId);
    return steps[i + 1];
  }
  return nextEmptyStep(plan, ctx, afterId);
}

/** The step "quay lại" goes to: the one before that applies (within the section being edited). */
export function previousStep(step: WizardStep, plan: ProposalPlan, state: WizardState): WizardStep | undefined {
  const pool = state.mode === 'edit' ? WIZARD_SECTIONS.find((s) => s.id === state.editSection)!.steps : WIZARD_STEPS;
  const i = pool.findIndex((s) => s.id === step.id);
  return pool
    .slice(0, Math.max(0, i))
    .reverse()
    .find((s) => applies(s, plan));
}

export function lastApplicableStep(plan: ProposalPlan): WizardStep {
  return [...WIZARD_STEPS].reverse().find((s) => applies(s, plan))!;
}

/** The first step of a section that applies to this plan (where "sửa phần …" starts). */
export function firstStepOf(section: SectionId, plan: ProposalPlan): WizardStep {
  return WIZARD_SECTIONS.find((s) => s.id === section)!.steps.find((s) => applies(s, plan))!;
}
