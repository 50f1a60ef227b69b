// Neutral card → text for a phone (Zalo): the title as written (never in capitals), the essentials, and
// every typed command on one line. A card longer than one message shows each user-written section as a
// one-line summary and says how to see it in full (card.more), so it stays one bubble.
import type { CardAction, CardSection, NeutralCard } from '../../services/platform/reply.js';
import { foldKey } from '../../services/text/vietnamese.js';
import { zalo } from '../../services/platform/messages/zalo.js';

/** Room for the card in one Zalo message (2000), leaving space for the reply text and the button reminder. */
export const TEXT_CARD_BUDGET = 1500;
const MIN_SUMMARY = 60;

function cut(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, '; ').trim();
  if (flat.length <= max) return flat;
  const at = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, at > max / 2 ? at : max - 1).replace(/[;,.:\s]+$/, '')}…`;
}

/** The typed commands of the card's actions, on one line. */
export function commandsLine(card: NeutralCard): string | undefined {
  const commands = (card.actions ?? []).filter((a) => a.command);
  // The button's title only where the command does not already say it ("BIỂU QUYẾT …" (Mở biểu quyết tập thể)).
  const said = (a: CardAction) => (foldKey(a.command!).includes(foldKey(a.title)) ? `“${a.command}”` : `“${a.command}” (${a.title})`);
  return commands.length ? `${zalo.typeCommands} ${commands.map(said).join(', ')}` : undefined;
}

export function renderTextCard(card: NeutralCard, budget = TEXT_CARD_BUDGET): string {
  const head: string[] = [card.title];
  if (card.subtitle) head.push(card.subtitle);
  for (const paragraph of card.body ?? []) head.push('', paragraph);
  for (const link of card.links ?? []) head.push('', `${link.title}: ${link.url}`);
  if (card.facts?.length) {
    head.push('');
    for (const fact of card.facts) head.push(`• ${fact.label}: ${fact.value}`);
  }
  const commands = commandsLine(card);
  const tail = commands ? ['', commands] : [];
  const sections = card.sections ?? [];
  const full = sections.flatMap((s) => ['', s.heading, s.text]);
  const fixed = [...head, ...tail].join('\n').length;
  if (!sections.length || fixed + full.join('\n').length + 1 <= budget) return [...head, ...full, ...tail].join('\n');
  return [
    ...head,
    '',
    ...summaries(sections, budget - fixed - (card.more ? card.more.length + 2 : 0)),
    ...(card.more ? ['', card.more] : []),
    ...tail,
  ].join('\n');
}

/** One line per section, "heading: the start of the text…", sharing the room left. */
function summaries(sections: CardSection[], room: number): string[] {
  const each = Math.max(MIN_SUMMARY, Math.floor(room / sections.length) - 1);
  return sections.map((s) => {
    const heading = s.heading.replace(/[:\s]+$/, '');
    return `• ${heading}: ${cut(s.text, Math.max(20, each - heading.length - 4))}`;
  });
}
