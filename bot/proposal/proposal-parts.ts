// What the proposal feature's handlers share: the draft and submission services, the replies that show a
// plan (review card, the plan file, the answer to a submit), starting the wizard, and finding the draft a
// command names. Built once by index.ts and handed to the intent and command files.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { toActivities } from '../core/core-turn.js';
import type { CommandResult } from '../core/command-registry.js';
import { DOCX_CONTENT_TYPE, type BotReply, type NeutralCard } from '../../services/platform/reply.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { planReviewCard, type ReturnNotice } from './plan-review-card.js';
import { FILE_LINK_TTL_HOURS } from '../files/file-links.js';
import { proposalPlanFileName } from '../../services/documents/proposal-plan-document.js';
import { renderPlanFile } from '../../services/documents/plan-file.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import { PLAN_WIZARD_DIALOG } from '../../dialogs/plan-wizard-dialog.js';
import type { WizardOptions } from '../../dialogs/wizard-host.js';
import { sectionsNamedIn } from '../../dialogs/wizard-sections.js';
import type { StepContext } from '../../dialogs/wizard-step.js';
import { todayVN } from '../../services/calendar/local-date.js';
import { checkPlanComplete } from '../../services/proposals/plan-validation.js';
import { ProposalDraftService } from '../../services/proposals/proposal-draft-service.js';
import { ProposalSubmissionService } from '../../services/proposals/proposal-submission-service.js';
import { isReopened, latestReturn } from '../../services/proposals/my-proposals.js';
import { reviewLibraryParts } from '../library/library-card.js';

export const channelOf = (context: TurnContext) => String(context.activity.channelId ?? '').slice(0, 16);
export const isInvoke = (turn: CoreTurn) => turn.context.activity.type === ActivityTypes.Invoke;

export type ProposalParts = ReturnType<typeof proposalParts>;

export function proposalParts(bot: BotApplication, container: Container) {
  const { dataSource, workflow, links } = container;
  const drafts = new ProposalDraftService(dataSource);
  const submission = new ProposalSubmissionService(dataSource, container.events, () => workflow.fields);
  const stepContext = (): StepContext => ({ config: workflow, today: todayVN() });

  const send = async (context: TurnContext, reply: BotReply | string) => {
    await context.sendActivities(toActivities(context.activity.channelId, reply, context.activity.conversation?.conversationType));
  };

  /** The review card; for a plan reopened after a return, with the decider's comments and the sections they name. */
  const reviewCard = async (context: TurnContext, proposal: Proposal): Promise<NeutralCard> => {
    const problems = checkPlanComplete(proposal.plan, workflow.fields).map((p) => p.message);
    const note = isReopened(proposal) ? await latestReturn(dataSource, proposal.id) : null;
    const returned: ReturnNotice | undefined = note
      ? {
          comment: note.comment,
          by: note.by ? `${note.by.fullName} – ${note.by.positionTitle}` : null,
          sections: sectionsNamedIn(note.comment),
        }
      : undefined;
    const similar = await container.library.similarTo(proposal);
    return planReviewCard(proposal, workflow, {
      problems,
      teams: context.activity.channelId === 'msteams',
      ...(returned ? { returned } : {}),
      library: reviewLibraryParts(proposal.plan, proposal.id, similar),
    });
  };

  const fileReply = async (context: TurnContext, proposal: Proposal): Promise<BotReply> => {
    const url = links.plan(proposal.id, proposal.currentRevision);
    const teams = context.activity.channelId === 'msteams';
    // In a Teams personal chat the file is also offered through file consent, which needs its size.
    const personal = teams && context.activity.conversation?.conversationType === 'personal';
    const rendered = personal ? await renderPlanFile(dataSource, proposal.id, proposal.currentRevision, workflow) : undefined;
    return {
      text: teams ? wizard.fileText : `${wizard.fileText}\n${wizard.linkNote(FILE_LINK_TTL_HOURS)}`,
      file: {
        name: proposalPlanFileName(proposal.code!),
        contentType: DOCX_CONTENT_TYPE,
        url,
        ...(rendered ? { sizeInBytes: rendered.content.length } : {}),
      },
    };
  };

  const submitAndReply = async (context: TurnContext, officer: Officer, proposalId: string, version?: number): Promise<boolean> => {
    const result = await submission.submit(officer, proposalId, channelOf(context), version);
    switch (result.status) {
      case 'submitted':
        await send(context, result.revision > 1 ? wizard.resubmitted(result.code, result.revision) : wizard.submitted(result.code));
        await send(context, await fileReply(context, result.proposal));
        return true;
      case 'already_submitted':
        await send(context, wizard.alreadySubmitted(result.proposal.code ?? ''));
        return true;
      case 'returned':
        await send(context, wizard.submitReturned(result.proposal.code ?? ''));
        return true;
      case 'not_found':
        await send(context, wizard.draftGone);
        return true;
      case 'stale':
      case 'incomplete': {
        const fresh = await drafts.get(officer.id, proposalId);
        await send(context, result.status === 'stale' ? wizard.stale : wizard.incomplete);
        if (fresh) await send(context, { card: await reviewCard(context, fresh) });
        return false;
      }
    }
  };

  const startWizard = async (turn: CoreTurn, options: Omit<WizardOptions, 'officerId'>) => {
    const dc = await bot.dialogs.createContext(turn.context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(PLAN_WIZARD_DIALOG, { ...options, officerId: turn.officer.id });
  };

  /** What an Action.Execute gets back (the clicked card is replaced); a message turn has already answered. */
  const ack = (turn: CoreTurn, title: string): CommandResult => (isInvoke(turn) ? { title } : undefined);

  /** The draft a command names: by id (cards), by number in the drafts list, or by code. */
  const findDraft = async (turn: CoreTurn, data: Record<string, unknown>): Promise<Proposal | string> => {
    if (typeof data.proposalId === 'string') {
      const p = await drafts.get(turn.officer.id, data.proposalId);
      return p && p.status === 'draft' ? p : wizard.draftGone;
    }
    if (typeof data.index === 'number') {
      const list = await drafts.listDrafts(turn.officer.id);
      return list[data.index - 1] ?? wizard.noSuchNumber(data.index, list.length);
    }
    if (typeof data.code === 'string') {
      const p = await drafts.findByCode(turn.officer.id, data.code);
      return p && p.status === 'draft' ? p : wizard.draftGone;
    }
    return wizard.draftGone;
  };

  return { drafts, submission, stepContext, send, reviewCard, fileReply, submitAndReply, startWizard, ack, findDraft };
}
