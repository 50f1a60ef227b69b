// "gợi ý" at a wizard step: two anonymised excerpts of the same part from approved plans of the same field,
// each with its kind of unit; the step's own example when there are none (or the step is not free text).
import type { WizardStep } from '../../dialogs/wizard-step.js';
import type { Proposal, ProposalPlan } from '../../entities/proposal.entity.js';
import type { LibraryService } from '../../services/library/library-service.js';
import { library as t, wizard } from '../../services/platform/messages/index.js';
import { TEXT_RULES } from '../../services/proposals/plan-validation.js';

export async function stepHints(library: LibraryService, step: WizardStep, proposal: Proposal): Promise<string> {
  const isText = TEXT_RULES.some((r) => r.key === step.id);
  const excerpts = isText ? await library.excerpts(step.id as keyof ProposalPlan, proposal.plan.field, proposal.id) : [];
  if (!excerpts.length) return `${t.hintsNone}\n${wizard.example(step.example)}`;
  return [t.hintsTitle(step.label), ...excerpts.map((e, i) => t.hintLine(i + 1, e.text, t.unitKind(e.unitKind))), t.hintsAfter].join('\n');
}
