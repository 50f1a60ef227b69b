// The evaluation part of the follow-up card: the head's form to propose an outcome (results, objective and
// subjective causes, damage), the voter's ballot, the head's close/meeting actions, and the recognition
// choice once the collective has found the proposal completed (Art. 10, configurable list).
import type { Evaluation } from '../../entities/evaluation.entity.js';
import type { CollectiveVote } from '../../entities/collective-vote.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { RecognitionOption } from '../../services/workflow/workflow-config.js';
import { actionsWith, type CardAction, type CardFact, type CardSection } from '../../services/platform/reply.js';
import { afterDecision as t } from '../../services/platform/messages/index.js';

export const EVALUATION_VERBS = {
  open: 'eval.open',
  voteFor: 'eval.vote.for',
  voteAgainst: 'eval.vote.against',
  close: 'eval.vote.close',
  meeting: 'eval.meeting',
  recognize: 'eval.recognize',
  partyRecord: 'eval.party.record',
} as const;

export const OUTCOME_CHOICES = [
  { value: 'completed', number: '1' },
  { value: 'not_completed_pure_motive', number: '2' },
  { value: 'not_completed_with_damage', number: '3' },
  { value: 'not_by_policy', number: '4' },
] as const;

export interface EvaluationCardInput {
  code: string;
  data: Record<string, unknown>;
  status: string;
  role: 'head' | 'voter' | 'viewer';
  evaluation: Evaluation | null;
  ballots: (CollectiveVote & { voter: Officer | null })[];
  officerId: string;
  dueDate: string | null;
  recognitionOptions: RecognitionOption[];
  evaluationWorkingDays: number;
  /** Workflow decision.partyCommitteeConsultation: remind the head before the evaluation (Art. 4.3). */
  partyConsultationReminder?: boolean;
  /** The step is on and the Party committee's opinion is not recorded yet: the evaluation cannot open. */
  partyConsultationPending?: boolean;
}

export interface CardParts {
  body: string[];
  facts: CardFact[];
  sections: CardSection[];
  actions: CardAction[];
  inputs: Record<string, unknown>[];
}

export function evaluationParts(x: EvaluationCardInput): CardParts {
  const parts: CardParts = { body: [], facts: [], sections: [], actions: [], inputs: [] };
  const e = x.evaluation;
  const a = actionsWith(x.data);
  if (e) {
    parts.facts.push({ label: t.factOutcome, value: t.outcomeShort[e.outcome] ?? e.outcome });
    if (e.provision)
      parts.facts.push({
        label: t.protectionFact,
        value: e.proposerCovered === false && e.provision !== 'none' ? t.notCoveredProvision : t.provision(e.provision),
      });
    if (e.tally) parts.facts.push({ label: t.factTally, value: t.tally(e.tally.inFavour, e.tally.against, e.tally.voters) });
    parts.sections.push({ heading: t.resultsHeading, text: e.results });
    if (e.objectiveCauses) parts.sections.push({ heading: t.objectiveHeading, text: e.objectiveCauses });
    if (e.subjectiveCauses) parts.sections.push({ heading: t.subjectiveHeading, text: e.subjectiveCauses });
    if (e.damage) parts.sections.push({ heading: t.damageHeading, text: e.damage });
    if (e.recognitions?.length)
      parts.sections.push({ heading: t.recognitionLabel, text: e.recognitions.map((r) => `• ${r.label} (${r.basis})`).join('\n') });
    if (x.ballots.length && x.role !== 'viewer') {
      parts.sections.push({
        heading: t.votersHeading,
        text: x.ballots.map((b) => t.voterLine(b.voter?.fullName ?? '', b.choice, b.comment)).join('\n'),
      });
    }
  }
  const open = e?.state === 'vote_open';
  const own = x.ballots.find((b) => b.voterId === x.officerId);
  if (open && own && own.choice === null && (x.role === 'voter' || x.role === 'head')) {
    if (x.role === 'voter') parts.body.push(t.voteIntro);
    parts.actions.push(
      a(t.actionFor, EVALUATION_VERBS.voteFor, `TÁN THÀNH ĐÁNH GIÁ ${x.code}`, 'positive'),
      a(t.actionAgainst, EVALUATION_VERBS.voteAgainst, `KHÔNG TÁN THÀNH ĐÁNH GIÁ ${x.code} <ý kiến>`, 'destructive'),
    );
    parts.inputs.push({ type: 'Input.Text', id: 'comment', label: t.commentLabel, isMultiline: true });
  }
  if (x.role !== 'head') return parts;
  if (open) {
    parts.actions.push(
      a(t.actionCloseVote, EVALUATION_VERBS.close, `KẾT THÚC ĐÁNH GIÁ ${x.code}`),
      a(
        t.actionMeeting,
        EVALUATION_VERBS.meeting,
        `KẾT QUẢ HỌP ĐÁNH GIÁ ${x.code} <số tán thành> <số không tán thành> <CÓ|KHÔNG> <thành phần dự họp>`,
      ),
    );
    parts.inputs.push(
      { type: 'TextBlock', text: t.actionMeeting, weight: 'Bolder', wrap: true, spacing: 'Medium' },
      { type: 'Input.Number', id: 'inFavour', label: t.meetingFor, min: 0 },
      { type: 'Input.Number', id: 'against', label: t.meetingAgainst, min: 0 },
      {
        type: 'Input.ChoiceSet',
        id: 'headVote',
        label: t.meetingHeadVote,
        value: 'for',
        choices: [
          { title: t.actionFor, value: 'for' },
          { title: t.actionAgainst, value: 'against' },
        ],
      },
      { type: 'Input.Text', id: 'participants', label: t.participantsLabel },
      { type: 'Input.Text', id: 'minutes', label: t.minutesLabel, isMultiline: true },
    );
    return parts;
  }
  const interrupted = x.status === 'stopped' || x.status === 'paused';
  if (x.status === 'completion_reported' || x.status === 'evaluating' || interrupted) {
    parts.body.push(
      interrupted
        ? t.interruptedEvaluationIntro(x.status === 'stopped', t.due(x.dueDate))
        : t.evaluationIntro(x.evaluationWorkingDays, t.due(x.dueDate)),
      t.evaluationBasisNote,
      t.notByPolicyNote,
    );
    if (x.partyConsultationPending) {
      parts.body.push(t.partyConsultationPending);
      parts.actions.push(a(t.actionPartyRecord, EVALUATION_VERBS.partyRecord, `Ý KIẾN CẤP ỦY VỀ KẾT QUẢ ${x.code} <ý kiến>`, 'positive'));
      parts.inputs.push({ type: 'Input.Text', id: 'comment', label: t.partyOpinionLabel, isMultiline: true });
      return parts;
    }
    if (x.partyConsultationReminder) parts.body.push(t.partyConsultationReminder);
    if (e?.state === 'not_passed') parts.body.push(t.notPassedIntro);
    parts.actions.push(
      a(
        t.actionOpenEvaluation,
        EVALUATION_VERBS.open,
        `ĐÁNH GIÁ ${x.code} <1|2|3|4> <kết quả> | <nguyên nhân khách quan> | <nguyên nhân chủ quan> [| <thiệt hại>]`,
        'positive',
      ),
    );
    const choices = OUTCOME_CHOICES.filter((c) => !(interrupted && c.value === 'completed'));
    parts.inputs.push(
      {
        type: 'Input.ChoiceSet',
        id: 'outcome',
        label: t.outcomeLabel,
        style: 'expanded',
        ...(interrupted ? {} : { value: 'completed' }),
        choices: choices.map((c) => ({ title: `${c.number}. ${t.outcomeShort[c.value]}`, value: c.value })),
      },
      { type: 'Input.Text', id: 'results', label: t.resultsLabel, isMultiline: true },
      { type: 'Input.Text', id: 'objectiveCauses', label: t.objectiveLabel, isMultiline: true },
      { type: 'Input.Text', id: 'subjectiveCauses', label: t.subjectiveLabel, isMultiline: true },
      { type: 'Input.Text', id: 'damage', label: t.damageLabel, isMultiline: true },
    );
    return parts;
  }
  if (x.status === 'evaluated' && e?.state === 'passed' && e.outcome === 'completed' && !e.recognitions) {
    parts.body.push(t.recognitionIntro);
    parts.body.push(x.recognitionOptions.map((o, i) => `${i + 1}. ${o.label}`).join('\n'));
    parts.actions.push(a(t.actionRecognize, EVALUATION_VERBS.recognize, `KHEN ${x.code} <số thứ tự>[, …] [| ghi chú]`, 'positive'));
    parts.inputs.push(
      {
        type: 'Input.ChoiceSet',
        id: 'recognitions',
        label: t.recognitionLabel,
        isMultiSelect: true,
        style: 'expanded',
        choices: x.recognitionOptions.map((o) => ({ title: o.label, value: o.code })),
      },
      { type: 'Input.Text', id: 'note', label: t.noteLabel, isMultiline: true },
    );
  }
  return parts;
}
