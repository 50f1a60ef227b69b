// The proposal-plan feature: intents (new proposal, continue a draft, my proposals), the card and typed
// commands (resume, delete, form, edit, submit, download) and the wizard dialog.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { toActivities } from '../core/core-turn.js';
import { officerOfTurn } from '../core/dialog-host.js';
import { DOCX_CONTENT_TYPE, type BotReply, type CardAction, type NeutralCard } from '../../services/platform/reply.js';
import type { CommandResult } from '../core/command-registry.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { PLAN_VERBS, planReviewCard, planSections, type ReturnNotice } from './plan-review-card.js';
import { planFormCard, typedValues, validateForm } from './plan-form-card.js';
import { FILE_LINK_TTL_HOURS } from '../files/file-links.js';
import { proposalPlanFileName } from '../../services/documents/proposal-plan-document.js';
import { renderPlanFile } from '../../services/documents/plan-file.js';
import { Officer } from '../../entities/officer.entity.js';
import { registerMyProposalsIntent } from './my-proposals-intent.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import { checkCoverage } from '../../dialogs/coverage-dialog.js';
import { draftLabel, PLAN_WIZARD_DIALOG, PlanWizardDialog, type WizardHost, type WizardOptions } from '../../dialogs/plan-wizard-dialog.js';
import { progress, sectionsNamedIn } from '../../dialogs/wizard-sections.js';
import type { SectionId, StepContext } from '../../dialogs/wizard-step.js';
import { todayVN, formatDateVN, toLocalDate } from '../../services/calendar/local-date.js';
import { checkPlanComplete } from '../../services/proposals/plan-validation.js';
import { DraftNotFoundError, ProposalDraftService } from '../../services/proposals/proposal-draft-service.js';
import { ProposalSubmissionService } from '../../services/proposals/proposal-submission-service.js';
import { isReopened, latestReturn, listMyProposals } from '../../services/proposals/my-proposals.js';
import { myProposalsCard } from './my-proposals-card.js';
import { logger } from '../../services/platform/logger.js';
import { reviewLibraryParts } from '../library/library-card.js';
import { stepHints } from '../library/library-hints.js';
import { writeHelp } from '../library/library-writer.js';

const channelOf = (context: TurnContext) => String(context.activity.channelId ?? '').slice(0, 16);
const isInvoke = (turn: CoreTurn) => turn.context.activity.type === ActivityTypes.Invoke;

export function registerProposalFeature(bot: BotApplication, container: Container): void {
  const { dataSource, workflow, links } = container;
  registerMyProposalsIntent(bot, container);
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

  const host: WizardHost = {
    drafts,
    stepContext,
    findOfficer: (context, id) => officerOfTurn(context, id, (officerId) => dataSource.getRepository(Officer).findOneBy({ id: officerId })),
    send,
    sendReview: async (context, proposal) => send(context, { card: await reviewCard(context, proposal) }),
    submit: (context, officer, proposalId) => submitAndReply(context, officer, proposalId),
    hints: (step, proposal) => stepHints(container.library, step, proposal),
    writeHelp: (step, proposal) => writeHelp(container.writer, stepContext(), step, proposal),
    sendSection: async (context, proposal, section) => {
      const group = planSections(proposal.plan, workflow).find((g) => g.section === section);
      if (group) await send(context, group.parts.map((p) => `${p.heading}\n${p.text}`).join('\n\n'));
    },
  };
  bot.dialogs.add(new PlanWizardDialog(host));

  const startWizard = async (turn: CoreTurn, options: Omit<WizardOptions, 'officerId'>) => {
    const dc = await bot.dialogs.createContext(turn.context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(PLAN_WIZARD_DIALOG, { ...options, officerId: turn.officer.id });
  };

  /** What an Action.Execute gets back (the clicked card is replaced); a message turn has already answered. */
  const ack = (turn: CoreTurn, title: string): CommandResult => (isInvoke(turn) ? { title } : undefined);

  const newProposal = async (turn: CoreTurn) => {
    const coverage = checkCoverage(turn.officer, workflow, container.config.DIRECTORY_CONTACT);
    if (!coverage.allowed) {
      await turn.send(coverage.notice);
      return;
    }
    // The warning once per conversation: repeated at every "tạo đề xuất" it buried the first step.
    if (coverage.notice && !turn.conversation.coverageNoticeShown) {
      await turn.send(coverage.notice);
      turn.conversation.coverageNoticeShown = true;
    }
    const proposal = await drafts.create(turn.officer, channelOf(turn.context));
    const intro: BotReply =
      turn.channelId === 'msteams'
        ? {
            card: {
              title: wizard.formTitle,
              body: [wizard.started, wizard.formOffer],
              actions: [{ title: wizard.openForm, verb: PLAN_VERBS.form, data: { proposalId: proposal.id } }],
            },
          }
        : { text: wizard.started };
    await startWizard(turn, { proposalId: proposal.id, intro });
  };

  const resume = async (turn: CoreTurn, proposal: Proposal) => {
    await startWizard(turn, { proposalId: proposal.id, intro: wizard.resumed(draftLabel(proposal.plan)) });
  };

  const draftsCard = (list: Proposal[]): NeutralCard => {
    const ctx = stepContext();
    return {
      title: wizard.draftsTitle,
      body: [wizard.draftsIntro],
      sections: list.map((p, i) => {
        const { filled, total } = progress(p.plan, ctx);
        return {
          heading: `${i + 1}.`,
          text: wizard.draftLine(i + 1, draftLabel(p.plan), formatDateVN(toLocalDate(p.updatedAt)), filled, total).replace(/^\d+\. /, ''),
        };
      }),
      actions: list.flatMap((p, i): CardAction[] => [
        { title: `${wizard.resume} ${i + 1}`, verb: PLAN_VERBS.resume, data: { proposalId: p.id }, command: `tiếp tục ${i + 1}` },
        {
          title: `${wizard.delete} ${i + 1}`,
          verb: PLAN_VERBS.delete,
          data: { proposalId: p.id },
          command: `xóa nháp ${i + 1}`,
          style: 'destructive',
        },
      ]),
    };
  };

  /** "tiếp tục": one draft → resume it; several drafts, or plans returned for changes → the list, with the comments. */
  const continueDraft = async (turn: CoreTurn) => {
    const list = await drafts.listDrafts(turn.officer.id);
    const returned = await drafts.listReturned(turn.officer.id);
    if (list.length === 0 && returned.length === 0) await turn.send(wizard.noDrafts);
    else if (list.length === 1 && returned.length === 0) await resume(turn, list[0]!);
    else if (returned.length === 0 && list.every((p) => !p.code)) await turn.send({ card: draftsCard(list) });
    else {
      const items = (await listMyProposals(dataSource, turn.officer.id, 50)).filter(
        (i) => i.proposal.status === 'draft' || i.proposal.status === 'returned',
      );
      await turn.send({ card: myProposalsCard(items, { title: wizard.continueTitle }) });
    }
  };

  bot.intents.register('new_proposal', newProposal);
  bot.intents.register('continue_draft', continueDraft);
  // "đề xuất của tôi" is registered once, by bot/my-proposals-feature.ts.

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

  bot.commands.register(
    PLAN_VERBS.resume,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      await resume(turn, found);
      return ack(turn, wizard.resumed(draftLabel(found.plan)));
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.delete,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      // The typed confirmation names the draft as the officer did: by number, or by code (a reopened plan).
      const n = typeof data.index === 'number' ? data.index : (found.code ?? undefined);
      return {
        title: wizard.deleteConfirmTitle(draftLabel(found.plan)),
        body: [wizard.deleteConfirmBody],
        actions: [
          {
            title: wizard.deleteConfirm,
            verb: PLAN_VERBS.deleteConfirmed,
            data: { proposalId: found.id },
            command: n ? `xác nhận xóa nháp ${n}` : undefined,
            style: 'destructive',
          },
        ],
      };
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.deleteConfirmed,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      await drafts.withdraw(turn.officer, found.id, channelOf(turn.context));
      // A wizard open on this draft in this conversation stops too.
      const dc = await bot.dialogs.createContext(turn.context);
      const state = dc.activeDialog?.state as { proposalId?: string } | undefined;
      if (state?.proposalId === found.id) await dc.cancelAllDialogs();
      return wizard.deleted(draftLabel(found.plan));
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.form,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      return { title: wizard.formTitle, adaptiveCard: planFormCard(found, workflow) };
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.saveForm,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      const config = workflow;
      const { changes, errors } = validateForm(data, found.plan, stepContext());
      let proposal = found;
      if (Object.keys(changes).length) {
        try {
          proposal = await drafts.saveAnswers(turn.officer, found.id, changes, channelOf(turn.context));
        } catch (err) {
          if (err instanceof DraftNotFoundError) return wizard.draftGone;
          throw err;
        }
      }
      if (Object.keys(errors).length) {
        return {
          title: wizard.formTitle,
          adaptiveCard: planFormCard(proposal, config, { values: typedValues(data, proposal.plan), errors }),
        };
      }
      const problems = checkPlanComplete(proposal.plan, config.fields).map((p) => p.message);
      if (problems.length) {
        return {
          title: wizard.formTitle,
          adaptiveCard: planFormCard(proposal, config, { notice: wizard.formSavedIncomplete, missing: problems }),
        };
      }
      // One wizard state: the chat is at the review now, so "gửi đề xuất" typed next submits this plan.
      await startWizard(turn, { proposalId: proposal.id, mode: 'review', quiet: true });
      const card = await reviewCard(turn.context, proposal);
      return { ...card, body: [wizard.formSaved, ...(card.body ?? [])] };
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.review,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      return reviewCard(turn.context, found);
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.edit,
    async (turn, data) => {
      const found = await findDraft(turn, data);
      if (typeof found === 'string') return found;
      const section = String(data.section ?? '') as SectionId;
      if (!wizard.sections[section]) return wizard.draftGone;
      await startWizard(turn, { proposalId: found.id, mode: 'edit', section });
      return ack(turn, wizard.editing(wizard.sections[section]));
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.submit,
    async (turn, data) => {
      if (typeof data.proposalId !== 'string') return wizard.draftGone;
      const version = typeof data.version === 'number' ? data.version : undefined;
      const done = await submitAndReply(turn.context, turn.officer, data.proposalId, version);
      if (done) {
        const dc = await bot.dialogs.createContext(turn.context);
        const state = dc.activeDialog?.state as { proposalId?: string } | undefined;
        if (state?.proposalId === data.proposalId) await dc.cancelAllDialogs();
      }
      const p = await drafts.get(turn.officer.id, data.proposalId);
      // The clicked review card keeps the plan, says it was sent, and offers nothing more to press.
      if (isInvoke(turn) && p?.code && p.status !== 'draft') {
        const time = (p.submittedAt ?? new Date()).toLocaleTimeString('vi-VN', {
          timeZone: 'Asia/Ho_Chi_Minh',
          hour: '2-digit',
          minute: '2-digit',
        });
        const card = planReviewCard(p, workflow);
        return { ...card, body: [wizard.submittedStatus(p.code, time)], actions: [] };
      }
      return ack(turn, p?.code ? `${wizard.reviewTitle}: ${p.code}` : wizard.reviewTitle);
    },
    'proposal',
  );

  bot.commands.register(
    PLAN_VERBS.download,
    async (turn, data) => {
      let proposal: Proposal | null = null;
      if (typeof data.proposalId === 'string') proposal = await drafts.get(turn.officer.id, data.proposalId);
      else if (typeof data.code === 'string') proposal = await drafts.findByCode(turn.officer.id, data.code);
      if (!proposal?.code || proposal.currentRevision < 1) return wizard.draftGone;
      await turn.send(await fileReply(turn.context, proposal));
      if (!isInvoke(turn)) return undefined;
      // The file went as a new message; the clicked list stays whole (it was replaced by one line).
      const list = myProposalsCard(await listMyProposals(dataSource, turn.officer.id));
      return { ...list, body: [wizard.downloadSent(proposal.code), ...(list.body ?? [])] };
    },
    'proposal',
  );

  /**
   * "Sửa đề xuất" on the proposer's notification of a return, or typed "SỬA <mã>": returned → draft through
   * the state machine (same code, same revision), then the wizard opens on the review with the comments.
   * Someone else's plan is refused; a plan not returned is refused politely; a second press reopens the
   * same draft view and changes nothing.
   */
  bot.commands.register(
    PLAN_VERBS.reopen,
    async (turn, data) => {
      let proposalId: string | undefined;
      if (typeof data.proposalId === 'string') proposalId = data.proposalId;
      else if (typeof data.code === 'string') proposalId = (await drafts.findAnyByCode(data.code))?.id;
      if (!proposalId) return isInvoke(turn) ? { title: wizard.reopenNotFound } : wizard.reopenNotFound;
      const result = await drafts.reopen(turn.officer, proposalId, channelOf(turn.context));
      const answer = (text: string): CommandResult => (isInvoke(turn) ? { title: text } : text);
      switch (result.status) {
        case 'not_found':
          return answer(wizard.reopenNotFound);
        case 'not_proposer':
          logger.info({ action: 'plan.reopen', reason: 'not_proposer' }, 'reopen refused');
          return answer(wizard.reopenNotYours);
        case 'not_returned':
          return answer(
            wizard.reopenNotReturned(result.proposal.code ?? '', wizard.status[result.proposal.status] ?? result.proposal.status),
          );
        case 'reopened':
        case 'already_open': {
          const code = result.proposal.code ?? '';
          const intro = result.status === 'reopened' ? wizard.reopened(code) : wizard.reopenAlreadyOpen(code);
          await startWizard(turn, { proposalId: result.proposal.id, mode: 'review', intro });
          return ack(turn, intro);
        }
      }
    },
    'proposal',
  );
  bot.commands.registerText({
    keywords: ['sửa', 'sửa đề xuất', 'sửa kế hoạch', 'chỉnh sửa'],
    verb: PLAN_VERBS.reopen,
    parse: (rest) => (/^(ĐX|DX)-\d{4}-\d{4}$/i.test(rest.trim()) ? { code: rest.trim() } : undefined),
  });

  const numberOrCode = (rest: string): Record<string, unknown> | undefined => {
    const s = rest.trim();
    if (/^\d{1,3}$/.test(s)) return { index: Number(s) };
    if (/^(ĐX|DX)-\d{4}-\d{4}$/i.test(s)) return { code: s };
    return undefined;
  };
  bot.commands.registerText({ keywords: ['tiếp tục', 'làm tiếp'], verb: PLAN_VERBS.resume, parse: numberOrCode });
  bot.commands.registerText({ keywords: ['xóa nháp', 'xoá nháp'], verb: PLAN_VERBS.delete, parse: numberOrCode });
  bot.commands.registerText({
    keywords: ['xác nhận xóa nháp', 'xác nhận xoá nháp'],
    verb: PLAN_VERBS.deleteConfirmed,
    parse: numberOrCode,
  });
  bot.commands.registerText({
    keywords: ['tải kế hoạch'],
    verb: PLAN_VERBS.download,
    parse: (rest) => (/^(ĐX|DX)-\d{4}-\d{4}$/i.test(rest.trim()) ? { code: rest.trim() } : undefined),
  });
}
