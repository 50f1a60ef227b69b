// What an official receives: on Teams and the web a card with the text, the document, the three questions
// as choices and the buttons "Đã đọc" and "Gửi trả lời"; on Zalo (text) the same content with the typed
// replies ("ĐÃ ĐỌC PB-…", "ĐÁP ÁN PB-… B A C"). The sender's text is shown as plain text everywhere.
import type { Campaign } from '../../entities/campaign.entity.js';
import { OPTION_LETTERS } from '../../services/campaigns/campaign-input.js';
import { campaigns as t } from '../../services/platform/messages/index.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { escapeCardText, renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { rendersCards, toActivity } from '../core/core-turn.js';
import { CAMPAIGN_VERBS } from './campaign-card.js';

export interface MessageContext {
  campaign: Campaign;
  senderName: string;
  senderUnit: string;
  /** A reminder opens with one line saying so. */
  reminder?: boolean;
}

function questionText(c: Campaign): string {
  return (c.quiz ?? [])
    .map((q, i) => [`${i + 1}. ${q.question}`, ...q.options.map((o, j) => `   ${OPTION_LETTERS[j]}. ${o}`)].join('\n'))
    .join('\n');
}

function plainText(x: MessageContext): string {
  const c = x.campaign;
  const parts = [t.messageTitle(c.code), t.messageFrom(x.senderName, x.senderUnit)];
  if (x.reminder) parts.unshift(t.reminderIntro(c.reminderWorkingDays));
  parts.push('', c.text);
  if (c.document) parts.push('', t.documentLine(c.document.title, c.document.url));
  if (c.quiz?.length) parts.push('', t.quizHeading, questionText(c));
  parts.push('', t.readInstructionText(c.code));
  if (c.quiz?.length) parts.push(t.answerInstructionText(c.code));
  return parts.join('\n');
}

function card(x: MessageContext): Record<string, unknown> {
  const c = x.campaign;
  const data = { campaignId: c.id, code: c.code };
  const neutral: NeutralCard = {
    title: t.messageTitle(c.code),
    subtitle: t.messageFrom(x.senderName, x.senderUnit),
    body: x.reminder ? [t.reminderIntro(c.reminderWorkingDays)] : [],
    sections: [{ heading: t.labelText, text: c.text }],
    actions: [
      { title: t.actionRead, verb: CAMPAIGN_VERBS.read, data, style: 'positive' },
      ...(c.quiz?.length ? [{ title: t.actionAnswer, verb: CAMPAIGN_VERBS.answer, data }] : []),
    ],
    ...(c.document?.url ? { links: [{ title: c.document.title, url: c.document.url }] } : {}),
  };
  const adaptive = renderAdaptiveCard(neutral);
  const body = adaptive.body as Record<string, unknown>[];
  if (c.document && !c.document.url) body.push({ type: 'TextBlock', text: escapeCardText(t.documentLine(c.document.title)), wrap: true });
  if (c.quiz?.length) {
    body.push({ type: 'TextBlock', text: t.quizHeading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    c.quiz.forEach((q, i) =>
      body.push({
        type: 'Input.ChoiceSet',
        id: `a${i + 1}`,
        label: `${i + 1}. ${q.question}`,
        style: 'expanded',
        choices: q.options.map((o, j) => ({ title: `${OPTION_LETTERS[j]}. ${o}`, value: String(j) })),
      }),
    );
  }
  return adaptive;
}

/** The activity for one channel. */
export function campaignActivity(channelId: string, x: MessageContext): Record<string, unknown> {
  if (!rendersCards(channelId)) return toActivity(channelId, plainText(x)) as Record<string, unknown>;
  const c = x.campaign;
  return toActivity(channelId, { card: { title: t.messageTitle(c.code), adaptiveCard: card(x) } }) as Record<string, unknown>;
}
