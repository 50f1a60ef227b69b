// "Đề xuất của tôi" (and the "tiếp tục" list when there is more than one thing to continue): one line per
// plan with its status in Vietnamese, who holds it and the due date, the comments of a return, and the
// actions that fit each status: a draft → "Làm tiếp" / "Xóa"; returned → "Sửa đề xuất"; submitted →
// "Tải kế hoạch" (a signed link). Every action has its typed command for text channels.
import { formatDateVN } from '../../services/calendar/local-date.js';
import { isReopened, type MyProposalItem } from '../../services/proposals/my-proposals.js';
import type { CardAction, CardSection, NeutralCard } from '../../services/platform/reply.js';
import { decisions } from '../../services/platform/messages/decisions.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { replies } from '../../services/platform/messages/replies.js';
import { PLAN_VERBS } from './plan-review-card.js';

function statusOf(item: MyProposalItem): string {
  return isReopened(item.proposal) ? wizard.mineReopenedStatus : decisions.statusLabel(item.proposal.status);
}

function titleOf(item: MyProposalItem): string {
  return item.proposal.plan.title?.trim() || item.proposal.title || wizard.untitled;
}

/** The lines of one plan (its text is partly the officer's own: it goes into a section, shown literally). */
function sectionOf(item: MyProposalItem, n: number): CardSection {
  const p = item.proposal;
  const lines = [wizard.mineLine(p.code ?? wizard.mineNoCode, titleOf(item), statusOf(item))];
  if (item.holder) lines.push(wizard.mineHolder(`${item.holder.fullName} – ${item.holder.positionTitle}`));
  if (item.holder && item.holderNotReached) lines.push(replies.holderNotReached);
  else if (p.status === 'draft' || p.status === 'returned') lines.push(wizard.mineHolderSelf);
  if (p.dueDate) lines.push(wizard.mineDue(formatDateVN(p.dueDate)));
  if (item.returnNote) {
    const by = item.returnNote.by ? `${item.returnNote.by.fullName} – ${item.returnNote.by.positionTitle}` : null;
    lines.push(wizard.mineComment(by, item.returnNote.comment));
  }
  return { heading: `${n}.`, text: lines.join('\n') };
}

/** The actions that fit the plan's status. `draftNumber`: its number in the "tiếp tục" drafts list. */
function actionsOf(item: MyProposalItem, draftNumber: number | undefined): CardAction[] {
  const p = item.proposal;
  const name = (p.code ?? titleOf(item)).slice(0, 40);
  if (p.status === 'draft') {
    const ref = p.code ?? String(draftNumber ?? '');
    return [
      { title: `${wizard.resume}: ${name}`, verb: PLAN_VERBS.resume, data: { proposalId: p.id }, command: `tiếp tục ${ref}` },
      {
        title: `${wizard.delete}: ${name}`,
        verb: PLAN_VERBS.delete,
        data: { proposalId: p.id },
        command: `xóa nháp ${ref}`,
        style: 'destructive',
      },
    ];
  }
  if (p.status === 'returned' && p.code) {
    return [
      {
        title: `${wizard.reopenAction} ${p.code}`,
        verb: PLAN_VERBS.reopen,
        data: { proposalId: p.id },
        command: `SỬA ${p.code}`,
        style: 'positive',
      },
    ];
  }
  if (p.code && p.currentRevision > 0) {
    return [
      { title: `${wizard.download} ${p.code}`, verb: PLAN_VERBS.download, data: { proposalId: p.id }, command: `tải kế hoạch ${p.code}` },
    ];
  }
  return [];
}

export function myProposalsCard(items: MyProposalItem[], options: { title?: string } = {}): NeutralCard {
  // Drafts are numbered as "tiếp tục <số>" numbers them: the officer's drafts, most recently changed first.
  const drafts = items.filter((i) => i.proposal.status === 'draft');
  return {
    title: options.title ?? wizard.mineTitle,
    body: [wizard.mineIntro],
    sections: items.map((item, i) => sectionOf(item, i + 1)),
    actions: items.flatMap((item) => actionsOf(item, item.proposal.status === 'draft' ? drafts.indexOf(item) + 1 : undefined)),
  };
}
