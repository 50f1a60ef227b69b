// Starting and continuing drafts: "tạo đề xuất", "tiếp tục" (one draft resumes, several make a list), and the
// draft list's buttons and typed commands (resume, delete, confirm the deletion).
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import type { BotReply, CardAction, NeutralCard } from '../../services/platform/reply.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { PLAN_VERBS } from './plan-review-card.js';
import type { Proposal } from '../../entities/proposal.entity.js';
import { checkCoverage } from '../../dialogs/coverage-dialog.js';
import { draftLabel } from '../../dialogs/wizard-prompts.js';
import { progress } from '../../dialogs/wizard-sections.js';
import { formatDateVN, toLocalDate } from '../../services/calendar/local-date.js';
import { listMyProposals } from '../../services/proposals/my-proposals.js';
import { myProposalsCard } from './my-proposals-card.js';
import { channelOf, type ProposalParts } from './proposal-parts.js';

export function registerDraftCommands(bot: BotApplication, container: Container, parts: ProposalParts): void {
  const { dataSource, workflow } = container;
  const { drafts, stepContext, startWizard, ack, findDraft } = parts;

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
}
