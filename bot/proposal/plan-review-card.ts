// The whole plan on one card: every part of Art. 7.2 and the self-check, with an edit action per section
// and the confirm (submit) action. Text typed by the officer goes into sections (shown literally).
import { lookup } from '../../services/platform/messages/lookup.js';
import type { Proposal, ProposalPlan } from '../../entities/proposal.entity.js';
import { formatDateVN } from '../../services/calendar/local-date.js';
import { formatVND } from '../../services/documents/format.js';
import { formatMilestones } from '../../services/proposals/plan-validation.js';
import { fieldLabel, type WorkflowConfig } from '../../services/workflow/workflow-config.js';
import { CONDITION_KEYS } from '../../services/proposals/plan-validation.js';
import type { CardAction, CardSection, NeutralCard } from '../../services/platform/reply.js';
import { wizard } from '../../services/platform/messages/wizard.js';

/** What the library adds to the review (bot/library/library-card.ts reviewLibraryParts). */
export interface ReviewLibraryParts {
  body: string[];
  sections: CardSection[];
  actions: CardAction[];
}

export const PLAN_VERBS = {
  resume: 'plan.resume',
  delete: 'plan.delete',
  deleteConfirmed: 'plan.deleteConfirmed',
  form: 'plan.form',
  saveForm: 'plan.saveForm',
  review: 'plan.review',
  edit: 'plan.edit',
  submit: 'plan.submit',
  download: 'plan.download',
  /** Reopens a plan returned for changes ("Sửa đề xuất", typed "SỬA <mã>"). */
  reopen: 'plan.reopen',
} as const;

/** What the decider asked for when returning the plan, shown on the review of a reopened plan. */
export interface ReturnNotice {
  comment: string;
  /** "Name – position" of who returned it. */
  by: string | null;
  /** Sections the comment names; empty: every section may need changes. */
  sections: string[];
}

const MISSING = '(chưa điền)';
const SKIPPED = '(không có)';

function show(value: string | undefined): string {
  if (value === undefined) return MISSING;
  return value.trim() ? value : SKIPPED;
}

export function fundingText(plan: ProposalPlan): string {
  if (plan.fundingAmount === undefined) return MISSING;
  if (plan.fundingAmount === '0') return 'Không đề nghị kinh phí';
  return `${formatVND(BigInt(plan.fundingAmount))}${plan.fundingSource ? `; nguồn: ${plan.fundingSource}` : ''}`;
}

/** The plan as titled sections, in the order of Art. 7.2. */
export function planSections(plan: ProposalPlan, config: WorkflowConfig): { section: string; parts: CardSection[] }[] {
  const s = wizard.sections;
  return [
    {
      section: 'title',
      parts: [
        {
          heading: `${s.title}`,
          text: `${show(plan.title)}\nLĩnh vực: ${plan.field ? (fieldLabel(config, plan.field) ?? plan.field) : MISSING}`,
        },
      ],
    },
    {
      section: 'a',
      parts: [
        { heading: `${s.a} · Sự cần thiết`, text: show(plan.necessity) },
        { heading: 'Mục đích', text: show(plan.purpose) },
        { heading: 'Yêu cầu', text: show(plan.requirements) },
        { heading: 'Điểm nghẽn về cơ chế, chính sách', text: show(plan.bottleneck) },
        { heading: 'Văn bản hiện hành chưa điều chỉnh', text: show(plan.uncoveredDocuments) },
      ],
    },
    {
      section: 'b_content',
      parts: [
        { heading: `${s.b_content} · Nội dung, nhiệm vụ, giải pháp`, text: show(plan.content) },
        { heading: 'Phạm vi thực hiện', text: show(plan.scope) },
        { heading: 'Người thực hiện', text: show(plan.implementers) },
      ],
    },
    {
      section: 'b_timeline',
      parts: [
        {
          heading: s.b_timeline,
          text: `Từ ${plan.startDate ? formatDateVN(plan.startDate) : MISSING} đến ${plan.endDate ? formatDateVN(plan.endDate) : MISSING}${
            plan.milestones?.length ? `\n${formatMilestones(plan.milestones)}` : ''
          }`,
        },
      ],
    },
    {
      section: 'b_resources',
      parts: [
        { heading: `${s.b_resources} · Nhân lực`, text: show(plan.resourcesPeople) },
        { heading: 'Kinh phí', text: fundingText(plan) },
        { heading: 'Trang thiết bị', text: show(plan.equipment) },
        { heading: 'Tính khả thi', text: show(plan.feasibility) },
      ],
    },
    {
      section: 'c',
      parts: [
        { heading: `${s.c} · Tác động tích cực`, text: show(plan.positiveImpacts) },
        { heading: 'Tác động tiêu cực', text: show(plan.negativeImpacts) },
        { heading: 'Kết quả dự kiến', text: show(plan.expectedResults) },
      ],
    },
    {
      section: 'check',
      parts: [
        {
          heading: s.check,
          text: CONDITION_KEYS.map((k, i) => {
            const c = plan.conditions?.[k];
            return `Điều kiện ${i + 1}: ${c ? `${c.met ? 'Có' : 'Không'}, ${c.reason}` : MISSING}`;
          }).join('\n'),
        },
      ],
    },
  ];
}

const EDIT_COMMANDS: Record<string, string> = {
  title: 'sửa tên',
  a: 'sửa phần a',
  b_content: 'sửa phần b',
  b_timeline: 'sửa thời gian',
  b_resources: 'sửa nguồn lực',
  c: 'sửa phần c',
  check: 'sửa tự đánh giá',
};

export function planReviewCard(
  proposal: Proposal,
  config: WorkflowConfig,
  options: { problems?: string[]; teams?: boolean; returned?: ReturnNotice; library?: ReviewLibraryParts } = {},
): NeutralCard {
  const lib = options.library;
  const groups = planSections(proposal.plan, config);
  const actions: CardAction[] = [];
  if (!options.problems?.length) {
    actions.push({
      title: options.returned ? wizard.resubmit : wizard.submit,
      verb: PLAN_VERBS.submit,
      data: { proposalId: proposal.id, version: proposal.version },
      command: 'gửi đề xuất',
      style: 'positive',
    });
  }
  // The sections the decider's comment names come first (their edit actions too).
  const named = options.returned?.sections ?? [];
  groups.sort((x, y) => Number(named.includes(y.section)) - Number(named.includes(x.section)));
  for (const g of groups) {
    actions.push({
      title: wizard.edit(lookup(wizard.sections, g.section) ?? g.section),
      verb: PLAN_VERBS.edit,
      data: { proposalId: proposal.id, section: g.section },
      command: EDIT_COMMANDS[g.section],
      group: wizard.editGroup,
    });
  }
  if (lib) actions.push(...lib.actions);
  if (options.teams) actions.push({ title: wizard.openForm, verb: PLAN_VERBS.form, data: { proposalId: proposal.id } });
  const returned = options.returned;
  const returnBody = returned
    ? [
        wizard.returnedIntro(proposal.code ?? '', proposal.currentRevision + 1),
        named.length ? wizard.returnedSections(named.map((id) => lookup(wizard.sections, id) ?? id)) : wizard.returnedAllSections,
      ]
    : [];
  return {
    title: returned ? wizard.returnedReviewTitle(proposal.code ?? '') : wizard.reviewTitle,
    subtitle: proposal.plan.title || wizard.untitled,
    body: [
      ...returnBody,
      wizard.reviewIntro,
      wizard.reviewAuthority,
      wizard.reviewProhibitions,
      ...(options.problems?.length ? [wizard.reviewMissing(options.problems)] : []),
      ...(lib?.body ?? []),
    ],
    sections: [
      // The comment is the decider's own text: a section, shown literally.
      ...(returned ? [{ heading: returned.by ? wizard.returnCommentBy(returned.by) : wizard.returnComment, text: returned.comment }] : []),
      // The similar plans and the plan's library lines (issue 18): seen before sending.
      ...(lib?.sections ?? []),
      ...groups.flatMap((g) =>
        named.includes(g.section)
          ? g.parts.map((part, i) => (i === 0 ? { ...part, heading: wizard.toRevise(part.heading) } : part))
          : g.parts,
      ),
    ],
    actions,
    more: wizard.reviewMore,
  };
}
