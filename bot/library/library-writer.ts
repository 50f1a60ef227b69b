// "viết giúp" at a wizard step: the generated draft of the current part, clearly marked as a draft, offered
// only when it passes the step's own validation; nothing is stored until the officer says "dùng bản nháp".
import type { StepContext, WizardStep } from '../../dialogs/wizard-step.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import type { PlanWriter } from '../../services/library/plan-writer.js';
import { writing as t } from '../../services/platform/messages/index.js';
import { TEXT_RULES } from '../../services/proposals/plan-validation.js';
import { fieldLabel } from '../../services/workflow/workflow-config.js';

export async function writeHelp(
  writer: PlanWriter | undefined,
  ctx: StepContext,
  step: WizardStep,
  proposal: Proposal,
  /** The directory's names, e-mails and phones, taken out of the plan text sent. */
  known: () => Promise<string[]>,
): Promise<{ text: string; draft?: string }> {
  if (!writer) return { text: t.off };
  if (!TEXT_RULES.some((r) => r.key === step.id)) return { text: t.notText };
  const field = proposal.plan.field ? fieldLabel(ctx.config, proposal.plan.field) : undefined;
  const draft = await writer.draft(proposal.plan, field, { key: step.id, label: step.label }, await known());
  if (!draft) return { text: t.failed };
  const parsed = step.parse(draft, proposal.plan, ctx);
  if (!parsed.ok) return { text: t.invalid(parsed.error) };
  return { text: t.draft(step.label, draft), draft };
}
