// The follow-up card of an approved proposal, one per stage and role: the head's assignment form
// (implementers from a pick list or by email, resources prefilled from the plan), the implementer's
// progress / obstacle / completion report, the head's pause / resume / stop, then the evaluation parts
// (bot/cards/evaluation-card.ts). Teams: Adaptive Card with inputs and Action.Execute; text channels:
// the same card as text with typed commands.
import type { Officer } from '../../entities/officer.entity.js';
import type { CollectiveVote } from '../../entities/collective-vote.entity.js';
import type { ImplementationView } from '../../services/implementation/implementation-service.js';
import type { RecognitionOption } from '../../services/workflow/workflow-config.js';
import { actionsWith, type CardAction, type NeutralCard } from '../../services/platform/reply.js';
import { afterDecision as t } from '../../services/platform/messages/index.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { evaluationParts } from '../evaluation/evaluation-card.js';

export const IMPLEMENTATION_VERBS = {
  refresh: 'impl.refresh',
  assign: 'impl.assign',
  manager: 'impl.manager',
  progress: 'impl.progress',
  obstacle: 'impl.obstacle',
  complete: 'impl.complete',
  pause: 'impl.pause',
  resume: 'impl.resume',
  stop: 'impl.stop',
} as const;

export type FollowRole = 'head' | 'implementer' | 'voter' | 'viewer';

export interface ImplementationCardOptions {
  role: FollowRole;
  officerId: string;
  notice?: string;
  candidates?: Officer[];
  ballots?: (CollectiveVote & { voter: Officer | null })[];
  recognitionOptions: RecognitionOption[];
  checkInIntervalWorkingDays: number;
  /** The province's configured limit for the evaluation meeting (workflow evaluation.evaluationWorkingDays). */
  evaluationWorkingDays: number;
  conclusionUrl?: string;
  partyConsultationReminder?: boolean;
  partyConsultationPending?: boolean;
}

export function implementationCard(view: ImplementationView, o: ImplementationCardOptions): NeutralCard {
  const { proposal: p, implementation: impl } = view;
  const code = p.code ?? t.noCode;
  const data = { proposalId: p.id };
  const body: string[] = [];
  if (o.notice) body.push(o.notice);
  const facts = [
    { label: t.factProposer, value: `${view.proposer.fullName} – ${view.proposer.positionTitle}` },
    { label: t.factStatus, value: t.statusLabel(p.status) },
    ...(view.head ? [{ label: t.factHead, value: `${view.head.fullName} – ${view.head.positionTitle}` }] : []),
    ...(view.manager ? [{ label: t.factManager, value: view.manager.fullName }] : []),
    ...(view.implementers.length
      ? [{ label: t.factImplementers, value: view.implementers.map((x) => x.officer.fullName).join(', ') }]
      : []),
    ...(impl?.resourcesPeople ? [{ label: t.factPeople, value: impl.resourcesPeople }] : []),
    ...(impl?.resourcesFunding ? [{ label: t.factFunding, value: impl.resourcesFunding }] : []),
    ...(impl?.resourcesEquipment ? [{ label: t.factEquipment, value: impl.resourcesEquipment }] : []),
    ...(impl?.plannedEnd ? [{ label: t.factPlannedEnd, value: t.due(impl.plannedEnd) }] : []),
    ...(['completion_reported', 'evaluating', 'stopped'].includes(p.status) && p.dueDate
      ? [{ label: t.factEvaluationDue, value: t.due(p.dueDate) }]
      : []),
  ];
  const sections = [];
  const pending = view.checkIns.filter((c) => c.state === 'pending');
  if (pending.length && ['implementing', 'paused'].includes(p.status)) {
    sections.push({
      heading: t.checkInsHeading,
      text: pending
        .slice(0, 6)
        .map((c) => t.checkInLine(c.dueDate, c.kind, c.description, c.state))
        .join('\n'),
    });
  }
  if (view.reports.length && o.role !== 'viewer') {
    sections.push({
      heading: t.reportsHeading,
      text: view.reports
        .map((r) => t.reportLine(r.reportedOn, r.kind, r.author?.fullName ?? '', r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text))
        .join('\n'),
    });
  }
  if (impl?.completionText && ['completion_reported', 'evaluating'].includes(p.status)) {
    const files = impl.completionFiles.map((f) => `• ${f.name}: ${f.url}`).join('\n');
    sections.push({ heading: t.completionHeading, text: files ? `${impl.completionText}\n${files}` : impl.completionText });
  }
  const actions: CardAction[] = [];
  const inputs: Record<string, unknown>[] = [];
  const a = actionsWith(data);
  const plan = p.plan ?? {};
  if (o.role === 'head' && (p.status === 'approved' || p.status === 'approved_by_override')) {
    body.push(t.assignIntro);
    actions.push(
      a(
        t.actionAssign,
        IMPLEMENTATION_VERBS.assign,
        // Typed alone it offers the unit's people as numbered choices; "<mã> <email>, … | …" still works.
        `GIAO THỰC HIỆN ${code}`,
        'positive',
      ),
      a(t.actionNameManager, IMPLEMENTATION_VERBS.manager, `GIAO THEO DÕI ${code} <email cấp phó>`),
    );
    if (o.candidates?.length) {
      inputs.push({
        type: 'Input.ChoiceSet',
        id: 'implementers',
        label: t.implementersLabel,
        isMultiSelect: true,
        choices: o.candidates.map((c) => ({ title: `${c.fullName} – ${c.positionTitle}`, value: c.email })),
      });
    }
    inputs.push(
      { type: 'Input.Text', id: 'emails', label: t.implementerEmailsLabel },
      { type: 'Input.Text', id: 'people', label: t.peopleLabel, value: plan.resourcesPeople ?? '' },
      {
        type: 'Input.Text',
        id: 'funding',
        label: t.fundingLabel,
        value: [plan.fundingAmount ? `${plan.fundingAmount.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng` : '', plan.fundingSource ?? '']
          .filter(Boolean)
          .join(', '),
      },
      { type: 'Input.Text', id: 'equipment', label: t.equipmentLabel, value: plan.equipment ?? '' },
      { type: 'Input.Text', id: 'manager', label: t.managerLabel },
    );
  }
  if (o.role === 'implementer' && p.status === 'implementing') {
    body.push(t.implementerIntro(o.checkInIntervalWorkingDays));
    actions.push(
      a(t.actionProgress, IMPLEMENTATION_VERBS.progress, `BÁO CÁO TIẾN ĐỘ ${code} <nội dung>`, 'positive'),
      a(t.actionObstacle, IMPLEMENTATION_VERBS.obstacle, `VƯỚNG MẮC ${code} <nội dung>`),
      a(t.actionComplete, IMPLEMENTATION_VERBS.complete, `BÁO CÁO HOÀN THÀNH ${code} <kết quả, đường dẫn tệp nếu có>`),
    );
    inputs.push(
      { type: 'Input.Text', id: 'text', label: t.textLabel, isMultiline: true },
      { type: 'Input.Text', id: 'files', label: t.filesLabel, isMultiline: true },
    );
  }
  if (o.role === 'implementer' && p.status === 'paused') {
    actions.push(a(t.actionObstacle, IMPLEMENTATION_VERBS.obstacle, `VƯỚNG MẮC ${code} <nội dung>`));
    inputs.push({ type: 'Input.Text', id: 'text', label: t.textLabel, isMultiline: true });
  }
  if (o.role === 'head' && (p.status === 'implementing' || p.status === 'paused')) {
    if (p.status === 'implementing') actions.push(a(t.actionPause, IMPLEMENTATION_VERBS.pause, `TẠM DỪNG ${code} <lý do>`));
    else actions.push(a(t.actionResume, IMPLEMENTATION_VERBS.resume, `TIẾP TỤC TRIỂN KHAI ${code}`, 'positive'));
    actions.push(a(t.actionStop, IMPLEMENTATION_VERBS.stop, `DỪNG THỰC HIỆN ${code} <lý do>`, 'destructive'));
    inputs.push({ type: 'Input.Text', id: 'reason', label: t.reasonLabel, isMultiline: true });
  }
  const evaluable =
    ['completion_reported', 'evaluating', 'evaluated', 'closed'].includes(p.status) ||
    (o.role === 'head' && ['stopped', 'paused'].includes(p.status));
  if (evaluable || view.evaluation) {
    const ev = evaluationParts({
      code,
      data,
      status: p.status,
      role: o.role === 'head' ? 'head' : o.role === 'voter' ? 'voter' : 'viewer',
      evaluation: view.evaluation,
      ballots: o.ballots ?? [],
      officerId: o.officerId,
      dueDate: p.dueDate,
      recognitionOptions: o.recognitionOptions,
      evaluationWorkingDays: o.evaluationWorkingDays,
      ...(o.partyConsultationReminder ? { partyConsultationReminder: true } : {}),
      ...(o.partyConsultationPending ? { partyConsultationPending: true } : {}),
    });
    body.push(...ev.body);
    facts.push(...ev.facts);
    sections.push(...ev.sections);
    actions.push(...ev.actions);
    inputs.push(...ev.inputs);
  }
  if (o.conclusionUrl) body.push(t.conclusionLink(o.conclusionUrl));
  if (!actions.length && o.role === 'viewer' && !['closed', 'stopped'].includes(p.status)) body.push(t.readOnly);
  const isEvaluation = ['completion_reported', 'evaluating', 'evaluated', 'closed', 'stopped'].includes(p.status);
  const neutral: NeutralCard = {
    title: isEvaluation ? (o.role === 'voter' ? t.voteTitle(code) : t.evaluationTitle(code)) : t.cardTitle(code),
    subtitle: p.title ?? t.untitled,
    body,
    facts,
    sections,
    actions,
  };
  const card = renderAdaptiveCard(neutral);
  if (inputs.length) (card.body as Record<string, unknown>[]).push(...inputs);
  return { ...neutral, adaptiveCard: card };
}
