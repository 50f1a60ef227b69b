// Neutral card → plain text with typed commands, for text channels (Zalo, SMS-like clients).
import type { NeutralCard } from '../../services/platform/reply.js';

export function renderTextCard(card: NeutralCard): string {
  const lines: string[] = [card.title.toLocaleUpperCase('vi')];
  if (card.subtitle) lines.push(card.subtitle);
  for (const paragraph of card.body ?? []) lines.push('', paragraph);
  if (card.facts?.length) {
    lines.push('');
    for (const fact of card.facts) lines.push(`• ${fact.label}: ${fact.value}`);
  }
  for (const section of card.sections ?? []) lines.push('', `${section.heading}`, section.text);
  const commands = (card.actions ?? []).filter((a) => a.command);
  if (commands.length) {
    lines.push('', 'Anh/chị có thể gõ:');
    for (const action of commands) lines.push(`• ${action.command} (${action.title})`);
  }
  return lines.join('\n');
}
