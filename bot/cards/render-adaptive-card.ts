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

/**
 * One TextBlock per line: a single "\n" inside a TextBlock is not a line break in every client (a list of
 * milestones or conditions ran together), separate blocks always are.
 */
function lines(text: string, escape: (t: string) => string, spacing?: string): Record<string, unknown>[] {
  return text.split(/\r?\n/).map((line, i) => ({
    type: 'TextBlock',
    text: line.trim() ? escape(line) : ' ',
    wrap: true,
    ...(i > 0 ? { spacing: 'None' } : spacing ? { spacing } : {}),
  }));
}

export function renderAdaptiveCard(card: NeutralCard): Record<string, unknown> {
  if (card.adaptiveCard) return card.adaptiveCard;
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
  ];
  if (card.subtitle) body.push({ type: 'TextBlock', text: escapeCardText(card.subtitle), isSubtle: true, spacing: 'None', wrap: true });
  for (const paragraph of card.body ?? []) body.push(...lines(paragraph, (t) => t));
  if (card.facts?.length) {
    body.push({
      type: 'FactSet',
      facts: card.facts.map((f) => ({ title: f.label, value: escapeCardText(f.value) })),
    });
  }
  for (const section of card.sections ?? []) {
    // A heading such as "1." alone would be read as an empty list item: escaped, it shows as written.
    body.push({ type: 'TextBlock', text: escapeCardText(section.heading), weight: 'Bolder', wrap: true, spacing: 'Medium' });
    body.push(...lines(section.text, escapeCardText, 'Small'));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(card.actions?.length || card.links?.length
      ? {
          actions: [
            ...groupedActions(card.actions ?? []),
            ...(card.links ?? []).map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
          ],
        }
      : {}),
  };
}

/** Ungrouped actions as buttons; each group behind one Action.ShowCard, where the first of its kind stood. */
function groupedActions(actions: CardAction[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const action of actions) {
    if (!action.group) {
      out.push(actionToAdaptive(action));
      continue;
    }
    let members = groups.get(action.group);
    if (!members) {
      members = [];
      groups.set(action.group, members);
      out.push({
        type: 'Action.ShowCard',
        title: action.group,
        card: { type: 'AdaptiveCard', version: '1.5', body: [], actions: members },
      });
    }
    members.push(actionToAdaptive(action));
  }
  return out;
}
