// The decider's card, the voter's card and the read-only status card of a plan under consideration.
// Teams: Adaptive Card 1.5 with Action.Execute and `refresh.userIds`, so the people who must act see their
// actions (the card refreshes per user) and everyone else a read-only status. Text channels: the same card
// as text plus typed commands.
import type { DecisionView } from '../../services/decisions/decision-queries.js';
import { actionsWith, type CardAction, type CardSection, type NeutralCard } from '../../services/platform/reply.js';
import { decisions as t, lookup, replies } from '../../services/platform/messages/index.js';
import { escapeCardText, renderAdaptiveCard } from '../cards/render-adaptive-card.js';

export const DECISION_VERBS = {
  refresh: 'decision.refresh',
  forward: 'decision.forward',
  council: 'decision.council',
  returnForChanges: 'decision.return',
  approve: 'decision.approve',
  openVote: 'decision.vote.open',
  voteFor: 'decision.vote.for',
  voteAgainst: 'decision.vote.against',
  closeVote: 'decision.vote.close',
  meeting: 'decision.meeting',
  override: 'decision.override',
  notProceed: 'decision.reject',
  partyStart: 'decision.party.start',
  partyRecord: 'decision.party.record',
} as const;

export type CardRole = 'decider' | 'voter' | 'viewer';

// What a head needs to decide (Art. 7.2 a–c): why, what for, the bottleneck, the content, who and how, the results.
const PLAN_SUMMARY_FIELDS = [
  'necessity',
  'purpose',
  'requirements',
  'bottleneck',
  'content',
  'scope',
  'implementers',
  'feasibility',
  'expectedResults',
] as const;
const CONDITION_KEYS = ['c1', 'c2', 'c3', 'c4'] as const;

export interface DecisionCardOptions {
  /** Who will look at this card: decides the actions shown. */
  role: CardRole;
  /** Teams user ids (29:…) of the people whose refreshed card has actions. */
  refreshUserIds?: string[];
  /** A line above the card: the result of the last action or a refusal. */
  notice?: string;
  /** Single-voter collective: "Phê duyệt" is offered. */
  singleVoter?: boolean;
  deadlineWorkingDays?: number;
  /** The province's configured time limit for a head's own plan and for Home Affairs intake (not the decree's). */
  headPlanDeadlineWorkingDays?: number;
  /** Signed download link of the plan (.docx) as submitted. */
  planUrl?: string;
  /** The Party committee consultation is switched on and not yet recorded for this decision. */
  partyPending?: boolean;
  /** The library's lines: the plan's source, whom the proposer wants to join, similar proposals (issue 18). */
  librarySections?: CardSection[];
  /** Voters whose ballot notice is held on Zalo (they unfollowed the OA). */
  notReached?: Set<string>;
}

export function decisionCard(view: DecisionView, options: DecisionCardOptions): NeutralCard {
  const { proposal, decision } = view;
  const code = proposal.code ?? t.noCode;
  const intake = decision?.stage === 'intake';
  const body: string[] = [];
  if (options.notice) body.push(options.notice);
  // A head's own plan (Art. 7.4): its procedure and time limit are not known; the card says so.
  const headPlan = decision?.basis === 'art_7_4';
  const headPlanDays = options.headPlanDeadlineWorkingDays ?? 7;
  if (options.role === 'voter' && decision?.state === 'vote_open') body.push(headPlan ? t.headPlanVoteIntro : t.voteIntro);
  else if (options.role === 'decider' && decision && decision.state !== 'done') {
    body.push(
      intake ? t.intakeIntro(headPlanDays) : headPlan ? t.headPlanIntro(headPlanDays) : t.deciderIntro(options.deadlineWorkingDays ?? 7),
    );
  }
  if (decision?.councilProposed && !intake) body.push(t.councilProposed);
  if (options.partyPending && options.role === 'decider') body.push(t.partyIntro);
  if (decision?.state === 'vote_closed') body.push(t.voteNotPassed);
  // The notice of the action that just decided says the outcome already ("Đã trả lại…" once, not twice).
  const saidByNotice = Boolean(decision?.outcome && options.notice && lookup(t.done, decision.outcome)?.(code) === options.notice);
  if (decision?.state === 'done' && decision.outcome && !saidByNotice) body.push(t.outcomeLine(decision.outcome));

  const facts = [
    { label: t.factProposer, value: `${view.proposer.fullName} – ${view.proposer.positionTitle}` },
    ...(view.proposerUnit ? [{ label: t.factUnit, value: view.proposerUnit.name }] : []),
    { label: t.factStatus, value: t.statusLabel(proposal.status) },
    ...(view.decider
      ? [
          {
            label: t.factDecider,
            value: `${view.decider.fullName} – ${view.decider.positionTitle}${decision?.deciderActing ? t.actingSuffix : ''}`,
          },
        ]
      : []),
    ...(decision
      ? [
          { label: t.factReceived, value: t.due(decision.receivedOn) },
          { label: headPlan ? t.factDueConfigured : t.factDue, value: t.due(decision.dueDate) },
        ]
      : []),
    ...(proposal.currentRevision > 1 ? [{ label: t.factRevision, value: String(proposal.currentRevision) }] : []),
  ];
  const plan = proposal.plan ?? {};
  const funding = t.funding(plan.fundingAmount, plan.fundingSource);
  if (funding) facts.push({ label: t.factFunding, value: funding });
  if (plan.startDate && plan.endDate) facts.push({ label: t.factPeriod, value: t.period(t.due(plan.startDate), t.due(plan.endDate)) });
  const links = options.planUrl ? [{ title: t.planDocument, url: options.planUrl }] : [];
  const tally = decision?.tally ?? (view.tally ? { ...view.tally, source: 'vote' as const } : null);
  if (tally) facts.push({ label: t.factTally, value: t.tally(tally.inFavour, tally.against, tally.voters) });

  const sections: CardSection[] = [];
  if (view.previousReturnComment) sections.push({ heading: t.returnCommentHeading, text: view.previousReturnComment });
  if (view.changes.length) {
    sections.push({
      heading: t.changesHeading,
      text: view.changes.map((c) => t.changeLine(lookup(t.planFields, c.field) ?? c.field, c.before, c.after)).join('\n'),
    });
  }
  for (const field of PLAN_SUMMARY_FIELDS) {
    const value = proposal.plan?.[field];
    if (typeof value === 'string' && value.trim()) sections.push({ heading: t.planFields[field] ?? field, text: value.trim() });
  }
  const checks = CONDITION_KEYS.flatMap((k, i) => {
    const c = plan.conditions?.[k];
    return c ? [t.selfCheckLine(i + 1, t.selfCheckLabels[k] ?? k, c.met, c.reason?.trim() ?? '')] : [];
  });
  if (checks.length) sections.push({ heading: t.selfCheckHeading, text: checks.join('\n') });
  if (options.librarySections) sections.push(...options.librarySections);
  if (view.votes.length && options.role !== 'viewer') {
    sections.push({
      heading: t.votersHeading,
      text: view.votes
        .map((v) => {
          const held = v.choice === null && options.notReached?.has(v.voter.id);
          return t.voterLine(
            v.voter.fullName,
            held ? `${t.voteChoice(null)}, ${replies.notReachedMark}` : t.voteChoice(v.choice),
            v.comment,
          );
        })
        .join('\n'),
    });
  }
  if (decision?.tally?.source === 'meeting') {
    const lines = [t.meetingParticipants(decision.tally.participants ?? '')];
    if (decision.tally.minutes) lines.push(t.meetingMinutes(decision.tally.minutes));
    sections.push({ heading: t.meetingHeading, text: lines.join('\n') });
  }

  const actions = actionsFor(view, options);
  if (options.role === 'viewer' && decision && decision.state !== 'done') body.push(t.readOnly);
  const neutral: NeutralCard = {
    title: intake ? t.intakeTitle(code) : options.role === 'voter' ? t.voteTitle(code) : t.deciderTitle(code),
    subtitle: proposal.title ?? t.untitled,
    body,
    facts,
    sections,
    actions,
    ...(links.length ? { links } : {}),
  };
  return { ...neutral, adaptiveCard: teamsCard(neutral, view, options) };
}

function actionsFor(view: DecisionView, options: DecisionCardOptions): CardAction[] {
  const { proposal, decision } = view;
  if (!decision || decision.state === 'done' || options.role === 'viewer') return [];
  const code = proposal.code ?? '';
  const data = { proposalId: proposal.id, decisionId: decision.id };
  const a = actionsWith(data);
  if (options.role === 'voter') {
    if (decision.state !== 'vote_open') return [];
    return [
      a(t.actionFor, DECISION_VERBS.voteFor, `TÁN THÀNH ${code}`, 'positive'),
      a(t.actionAgainst, DECISION_VERBS.voteAgainst, `KHÔNG TÁN THÀNH ${code} <ý kiến>`, 'destructive'),
    ];
  }
  if (decision.stage === 'intake') {
    return [
      a(t.actionForward, DECISION_VERBS.forward, `CHUYỂN ${code}`, 'positive'),
      a(t.actionCouncil, DECISION_VERBS.council, `HỘI ĐỒNG ${code}`),
      a(t.actionReturn, DECISION_VERBS.returnForChanges, `TRẢ LẠI ${code} <ý kiến>`, 'destructive'),
    ];
  }
  switch (decision.state) {
    case 'open':
      if (options.partyPending) {
        return [
          ...(proposal.status === 'under_review' ? [a(t.actionPartyStart, DECISION_VERBS.partyStart, `XIN Ý KIẾN CẤP ỦY ${code}`)] : []),
          a(t.actionPartyRecord, DECISION_VERBS.partyRecord, `Ý KIẾN CẤP ỦY ${code} <ý kiến>`, 'positive'),
          a(t.actionReturn, DECISION_VERBS.returnForChanges, `TRẢ LẠI ${code} <ý kiến>`, 'destructive'),
        ];
      }
      return [
        ...(options.singleVoter
          ? [a(t.actionApprove, DECISION_VERBS.approve, `DUYỆT ${code}`, 'positive')]
          : [a(t.actionOpenVote, DECISION_VERBS.openVote, `BIỂU QUYẾT ${code}`, 'positive')]),
        a(
          t.actionMeeting,
          DECISION_VERBS.meeting,
          `KẾT QUẢ HỌP ${code} <số tán thành> <số không tán thành> <CÓ|KHÔNG> <thành phần dự họp>`,
        ),
        a(t.actionReturn, DECISION_VERBS.returnForChanges, `TRẢ LẠI ${code} <ý kiến>`, 'destructive'),
      ];
    case 'vote_open': {
      const own = view.votes.find((v) => v.voter.id === decision.deciderId);
      return [
        ...(own && own.choice === null
          ? [
              a(t.actionFor, DECISION_VERBS.voteFor, `TÁN THÀNH ${code}`, 'positive'),
              a(t.actionAgainst, DECISION_VERBS.voteAgainst, `KHÔNG TÁN THÀNH ${code} <ý kiến>`, 'destructive'),
            ]
          : []),
        a(t.actionCloseVote, DECISION_VERBS.closeVote, `KẾT THÚC BIỂU QUYẾT ${code}`),
      ];
    }
    case 'vote_closed':
      return [
        a(t.actionOverride, DECISION_VERBS.override, `VẪN TRIỂN KHAI ${code} <lý do>`),
        a(t.actionNotProceed, DECISION_VERBS.notProceed, `KHÔNG TRIỂN KHAI ${code}`, 'destructive'),
        a(t.actionReturn, DECISION_VERBS.returnForChanges, `TRẢ LẠI ${code} <ý kiến>`),
      ];
    default:
      return [];
  }
}

function teamsCard(neutral: NeutralCard, view: DecisionView, options: DecisionCardOptions): Record<string, unknown> {
  const card = renderAdaptiveCard({ ...neutral, adaptiveCard: undefined });
  const body = card.body as Record<string, unknown>[];
  const verbs = new Set((neutral.actions ?? []).map((x) => x.verb));
  const decision = view.decision;
  if (verbs.has(DECISION_VERBS.meeting)) {
    body.push(
      // A secondary path (the collective met in person): folded away, nothing preselected.
      { type: 'TextBlock', text: t.meetingSecondary, wrap: true, spacing: 'Large', isSubtle: true, separator: true },
      { type: 'Input.Number', id: 'inFavour', label: t.meetingFor, min: 0 },
      { type: 'Input.Number', id: 'against', label: t.meetingAgainst, min: 0 },
      {
        type: 'Input.ChoiceSet',
        id: 'headVote',
        label: t.meetingHeadVote,
        choices: [
          { title: t.actionFor, value: 'for' },
          { title: t.actionAgainst, value: 'against' },
        ],
      },
      { type: 'Input.Text', id: 'participants', label: t.meetingParticipantsLabel },
      { type: 'Input.Text', id: 'minutes', label: t.meetingMinutesLabel, isMultiline: true },
    );
  }
  if (verbs.has(DECISION_VERBS.override)) {
    body.push({ type: 'TextBlock', text: t.overrideResponsibility, wrap: true, weight: 'Bolder', color: 'Attention' });
    body.push({ type: 'Input.Text', id: 'reasons', placeholder: t.reasonsPlaceholder, isMultiline: true });
  }
  if (
    verbs.has(DECISION_VERBS.returnForChanges) ||
    verbs.has(DECISION_VERBS.voteAgainst) ||
    verbs.has(DECISION_VERBS.forward) ||
    verbs.has(DECISION_VERBS.partyRecord)
  ) {
    body.push({ type: 'Input.Text', id: 'comment', placeholder: t.commentPlaceholder, isMultiline: true });
  }
  if (decision && options.refreshUserIds?.length) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: DECISION_VERBS.refresh, data: { proposalId: view.proposal.id } },
      userIds: options.refreshUserIds,
    };
  }
  void escapeCardText;
  return card;
}
