// The proposal-plan feature: intents (new proposal, continue a draft, my proposals), the card and typed
// commands (draft-commands.ts: resume, delete; plan-commands.ts: form, edit, submit, download, reopen) and
// the wizard dialog, whose host is built here from the shared parts (proposal-parts.ts).
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { officerOfTurn } from '../core/dialog-host.js';
import { planSections } from './plan-review-card.js';
import { Officer } from '../../entities/officer.entity.js';
import { registerMyProposalsIntent } from './my-proposals-intent.js';
import { PlanWizardDialog } from '../../dialogs/plan-wizard-dialog.js';
import type { WizardHost } from '../../dialogs/wizard-host.js';
import { stepHints } from '../library/library-hints.js';
import { writeHelp } from '../library/library-writer.js';
import { directoryIdentifiers } from '../../services/plan-import/plan-text-scrub.js';
import { proposalParts } from './proposal-parts.js';
import { registerDraftCommands } from './draft-commands.js';
import { registerPlanCommands } from './plan-commands.js';

export function registerProposalFeature(bot: BotApplication, container: Container): void {
  const { dataSource, workflow } = container;
  registerMyProposalsIntent(bot, container);
  const parts = proposalParts(bot, container);
  const { drafts, stepContext, send, reviewCard, submitAndReply } = parts;

  const host: WizardHost = {
    drafts,
    stepContext,
    findOfficer: (context, id) => officerOfTurn(context, id, (officerId) => dataSource.getRepository(Officer).findOneBy({ id: officerId })),
    send,
    sendReview: async (context, proposal) => send(context, { card: await reviewCard(context, proposal) }),
    submit: (context, officer, proposalId) => submitAndReply(context, officer, proposalId),
    hints: (step, proposal) => stepHints(container.library, step, proposal),
    writeHelp: (step, proposal) =>
      writeHelp(container.writer, stepContext(), step, proposal, () => directoryIdentifiers(container.dataSource)),
    sendSection: async (context, proposal, section) => {
      const group = planSections(proposal.plan, workflow).find((g) => g.section === section);
      if (group) await send(context, group.parts.map((p) => `${p.heading}\n${p.text}`).join('\n\n'));
    },
  };
  bot.dialogs.add(new PlanWizardDialog(host));

  registerDraftCommands(bot, container, parts);
  registerPlanCommands(bot, container, parts);
}
