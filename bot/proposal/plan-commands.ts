// Commands on a plan: the one-card form and its "Lưu", the review, editing a section, submitting,
// downloading the plan file, and reopening a plan returned for changes ("SỬA <mã>").
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CommandResult } from '../core/command-registry.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { PLAN_VERBS, planReviewCard } from './plan-review-card.js';
import { planFormCard, typedValues, validateForm } from './plan-form-card.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import type { SectionId } from '../../dialogs/wizard-step.js';
import { checkPlanComplete } from '../../services/proposals/plan-validation.js';
import { DraftNotFoundError } from '../../services/proposals/proposal-draft-service.js';
import { listMyProposals } from '../../services/proposals/my-proposals.js';
import { myProposalsCard } from './my-proposals-card.js';
import { logger } from '../../services/platform/logger.js';
import { channelOf, isInvoke, type ProposalParts } from './proposal-parts.js';

export function registerPlanCommands(bot: BotApplication, container: Container, parts: ProposalParts): void {
  const { dataSource, workflow } = container;
  const { drafts, stepContext, reviewCard, fileReply, submitAndReply, startWizard, ack, findDraft } = parts;

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

  bot.commands.registerText({
    keywords: ['tải kế hoạch'],
    verb: PLAN_VERBS.download,
    parse: (rest) => (/^(ĐX|DX)-\d{4}-\d{4}$/i.test(rest.trim()) ? { code: rest.trim() } : undefined),
  });
}
