// Neutral card → Adaptive Card 1.5 with Universal Actions (Action.Execute), for Teams and the web.
import type { CardAction, NeutralCard } from '../../services/platform/reply.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Adaptive Card TextBlocks interpret a markdown subset; text typed by users must show literally,
 * so markdown-significant characters are backslash-escaped.
 */
export function escapeCardText(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!>|~<])/g, '\\$1');
}

export function actionToAdaptive(action: CardAction): Record<string, unknown> {
  return {
    type: 'Action.Execute',
    title: action.title,
    verb: action.verb,
    data: { ...(action.data ?? {}) },
    ...(action.style ? { style: action.style } : {}),
  };
}

export function renderAdaptiveCard(card: NeutralCard): Record<string, unknown> {
  if (card.adaptiveCard) return card.adaptiveCard;
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
  ];
  if (card.subtitle) body.push({ type: 'TextBlock', text: escapeCardText(card.subtitle), isSubtle: true, spacing: 'None', wrap: true });
  for (const paragraph of card.body ?? []) body.push({ type: 'TextBlock', text: paragraph, wrap: true });
  if (card.facts?.length) {
    body.push({
      type: 'FactSet',
      facts: card.facts.map((f) => ({ title: f.label, value: escapeCardText(f.value) })),
    });
  }
  for (const section of card.sections ?? []) {
    body.push({ type: 'TextBlock', text: section.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    body.push({ type: 'TextBlock', text: escapeCardText(section.text), wrap: true, spacing: 'Small' });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(card.actions?.length ? { actions: card.actions.map(actionToAdaptive) } : {}),
  };
}
