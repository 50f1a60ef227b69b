// The campaign cards: the form a sender fills (text or a template, unit, document, three questions,
// reminder delay) and the progress per unit. What an official receives is in campaign-message.ts.
import type { CampaignTemplate } from '../../services/campaigns/campaign-templates.js';
import { formatQuestion, QUIZ_QUESTIONS } from '../../services/campaigns/campaign-input.js';
import type { CampaignProgress } from '../../services/campaigns/campaign-progress.js';
import { formatDateVN } from '../../services/calendar/local-date.js';
import { campaigns as t } from '../../services/platform/messages/index.js';
import type { CampaignQuestion } from '../../entities/campaign.entity.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';

export const CAMPAIGN_VERBS = {
  compose: 'campaign.compose',
  start: 'campaign.start',
  read: 'campaign.read',
  answer: 'campaign.answer',
  progress: 'campaign.progress',
} as const;

export interface ComposeInput {
  scopeName: string;
  templates: CampaignTemplate[];
  units: { code: string; name: string }[];
  province: boolean;
  reminderDays: number;
  /** What to fill the inputs with (a template chosen, the questions proposed, the sender's text kept). */
  fill?: { text?: string; unit?: string; docTitle?: string; docUrl?: string; questions?: CampaignQuestion[] };
  notice?: string;
}

export function composeCard(x: ComposeInput): NeutralCard {
  const body = [...(x.notice ? [x.notice] : []), t.composeIntro(x.scopeName), t.composeCommands];
  const neutral: NeutralCard = {
    title: t.composeTitle,
    body,
    sections: [{ heading: t.templatesHeading, text: x.templates.map((tp, i) => t.templateLine(i + 1, tp.title)).join('\n') }],
    actions: [
      { title: t.actionSend, verb: CAMPAIGN_VERBS.start, command: 'PHÁT ĐỘNG PHỔ BIẾN <nội dung>', style: 'positive' },
      { title: t.actionProposeQuiz, verb: CAMPAIGN_VERBS.compose, data: { proposeQuiz: true }, command: 'PHÁT ĐỘNG PHỔ BIẾN MẪU 1' },
    ],
  };
  const card = renderAdaptiveCard(neutral);
  const fill = x.fill ?? {};
  const inputs: Record<string, unknown>[] = [
    {
      type: 'Input.ChoiceSet',
      id: 'template',
      label: t.labelTemplate,
      value: '',
      choices: [
        { title: t.labelNoTemplate, value: '' },
        ...x.templates.map((tp, i) => ({ title: `${i + 1}. ${tp.title}`, value: String(i + 1) })),
      ],
    },
    {
      type: 'Input.Text',
      id: 'text',
      label: t.labelText,
      placeholder: t.composeTextHint,
      isMultiline: true,
      maxLength: 1500,
      value: fill.text ?? '',
    },
    {
      type: 'Input.ChoiceSet',
      id: 'unit',
      label: t.labelUnit,
      value: fill.unit && x.units.some((u) => u.code === fill.unit) ? fill.unit : x.province ? '' : (x.units[0]?.code ?? ''),
      choices: [...(x.province ? [{ title: t.labelProvince, value: '' }] : []), ...x.units.map((u) => ({ title: u.name, value: u.code }))],
    },
    { type: 'Input.Text', id: 'docTitle', label: t.labelDocTitle, value: fill.docTitle ?? '' },
    { type: 'Input.Text', id: 'docUrl', label: t.labelDocUrl, style: 'Url', value: fill.docUrl ?? '' },
    { type: 'TextBlock', text: t.composeQuizHint, wrap: true, isSubtle: true },
    ...Array.from({ length: QUIZ_QUESTIONS }, (_, i) => ({
      type: 'Input.Text',
      id: `q${i + 1}`,
      label: t.labelQuestion(i + 1),
      isMultiline: true,
      value: fill.questions?.[i] ? formatQuestion(fill.questions[i]!) : '',
    })),
    { type: 'Input.Number', id: 'reminder', label: t.labelReminder, min: 0, max: 60, value: x.reminderDays },
  ];
  (card.body as Record<string, unknown>[]).push(...inputs);
  return { ...neutral, adaptiveCard: card };
}

export function progressCard(p: CampaignProgress, limit = 40): NeutralCard {
  const c = p.campaign;
  const quiz = Boolean(c.quiz?.length);
  const lines = p.units.slice(0, limit).map((u) => t.progressUnitLine(u.unitName, u, quiz));
  if (p.units.length > limit) lines.push(`… (+${p.units.length - limit})`);
  const body = [
    t.progressScope(p.scopeName || t.labelProvince, formatDateVN(c.sentOn), p.senderName),
    t.progressTotals({ ...p.totals, quiz }),
  ];
  if (p.pending) body.push(t.progressPending(p.pending));
  return {
    title: t.progressTitle(c.code),
    body,
    facts: [
      { label: t.factRecipients, value: String(p.totals.recipients) },
      { label: t.factReached, value: String(p.totals.reached) },
      { label: t.factRead, value: String(p.totals.read) },
      ...(quiz
        ? [
            { label: t.factAnswered, value: String(p.totals.answered) },
            { label: t.factCorrect, value: String(p.totals.correct) },
          ]
        : []),
    ],
    sections: [{ heading: t.progressUnitsHeading, text: lines.join('\n') }],
    actions: [{ title: t.actionProgress, verb: CAMPAIGN_VERBS.progress, data: { code: c.code }, command: `TIẾN ĐỘ PHỔ BIẾN ${c.code}` }],
  };
}
