// Outgoing Bot Framework activities → what Zalo shows: plain text of at most 2000 characters, split at
// sentence boundaries, no markup; on the OA at most 3 `oa.query.show` buttons whose payload is a typed
// command that is also written in the text (buttons on consultation messages are not documented).
import type { Activity, CardAction } from 'botbuilder';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ZaloButton } from '../../entities/zalo-outbox.entity.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render-adaptive-card.js';
import { zalo as text } from '../../services/platform/messages/zalo.js';
import { forChannel } from '../../services/platform/messages/channel-wording.js';
import { foldKey } from '../../services/text/vietnamese.js';

export const ZALO_MAX_TEXT = 2000;
export const ZALO_MAX_BUTTONS = 3;
/** Zalo allows 100; on a phone a longer title is cut off, so titles are kept to what shows. */
export const MAX_BUTTON_TITLE = 20;
/** Zalo allows 1000; commands are short, and three of them must fit in one message with their reminder. */
const MAX_BUTTON_PAYLOAD = 300;

export interface ZaloMessage {
  text: string;
  buttons: ZaloButton[];
}

const HTML_TAGS = /<\/?(?:b|i|u|s|em|strong|code|pre|span|div|p|a|ul|ol|li|h[1-6]|blockquote|small|sup|sub)(?:\s[^<>]*)?>/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Removes what Zalo would show literally: HTML tags, markdown emphasis, code fences, links, headings. */
export function stripMarkup(input: string): string {
  return (
    input
      .replace(/\r\n?/g, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|div|li|h[1-6])>/gi, '\n')
      .replace(HTML_TAGS, '')
      .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e])
      .replace(/^```[^\n]*\n?/gm, '')
      .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)')
      .replace(/\*\*([^*\n]+)\*\*/g, '$1')
      .replace(/__([^_\n]+)__/g, '$1')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/^#{1,6}\s+/gm, '')
      // Adaptive Card text escapes (\*, \_, \.) are for the card renderer only.
      .replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Splits a text into pieces of at most `max` characters, at paragraph or sentence ends where possible. */
export function splitText(input: string, max = ZALO_MAX_TEXT): string[] {
  const textIn = input.trim();
  if (textIn.length <= max) return textIn ? [textIn] : [];
  // Sentences (ending with . ! ? … and closing quotes/brackets) and line ends, keeping their whitespace.
  const pieces = textIn.match(/[^\n.!?…]*(?:[.!?…]+["'”’)\]]*(?=\s|$)\s*|\n+|[.!?…]+|$)/g)?.filter((p) => p.length > 0) ?? [textIn];
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    const t = current.trim();
    if (t) chunks.push(t);
    current = '';
  };
  for (const piece of pieces) {
    if (current.length + piece.length <= max) {
      current += piece;
      continue;
    }
    push();
    if (piece.length <= max) {
      current = piece;
      continue;
    }
    // One sentence longer than a message: cut between words, or hard as a last resort.
    let rest = piece;
    while (rest.length > max) {
      let cut = rest.lastIndexOf(' ', max);
      if (cut < max / 2) cut = max;
      chunks.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  push();
  return chunks;
}

/** An Adaptive Card as text, for cards sent straight to a text channel; actions with data.command become commands. */
export function adaptiveCardToText(card: Record<string, unknown>): { text: string; commands: { title: string; command: string }[] } {
  const lines: string[] = [];
  const commands: { title: string; command: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    switch (n.type) {
      case 'TextBlock':
        if (typeof n.text === 'string') lines.push(n.text);
        return;
      case 'RichTextBlock':
        lines.push(
          ((n.inlines as unknown[]) ?? []).map((i) => (typeof i === 'string' ? i : String((i as { text?: unknown }).text ?? ''))).join(''),
        );
        return;
      case 'FactSet':
        for (const f of (n.facts as { title?: string; value?: string }[]) ?? []) lines.push(`• ${f.title ?? ''}: ${f.value ?? ''}`);
        return;
      case 'Action.Execute':
      case 'Action.Submit': {
        const data = n.data as Record<string, unknown> | undefined;
        if (typeof data?.command === 'string' && typeof n.title === 'string') commands.push({ title: n.title, command: data.command });
        return;
      }
      case 'Action.OpenUrl':
        if (typeof n.url === 'string') lines.push(`${typeof n.title === 'string' ? `${n.title}: ` : ''}${n.url}`);
        return;
      default:
        for (const key of ['body', 'items', 'columns', 'actions', 'card']) if (key in n) walk(n[key]);
    }
  };
  walk(card);
  return { text: lines.join('\n'), commands };
}

function buttonFrom(title: string, payload: string): ZaloButton | undefined {
  const p = payload.trim();
  // A command with blanks to fill ("TRẢ LẠI ĐX-2026-0001 <ý kiến>") is typed, not tapped: it stays in the text only.
  if (!p || p.length > MAX_BUTTON_PAYLOAD || /<[^<>]+>/.test(p)) return undefined;
  const t = stripMarkup(title).trim() || p;
  // A title too long for a phone: the command itself when it fits ("Sửa phần a"), else whole words and "…".
  if (t.length > MAX_BUTTON_TITLE && p.length <= MAX_BUTTON_TITLE)
    return { title: p.charAt(0).toLocaleUpperCase('vi') + p.slice(1), payload: p };
  return { title: shortTitle(t), payload: p };
}

/** A button title that fits: whole words, else a cut with "…". */
export function shortTitle(title: string): string {
  if (title.length <= MAX_BUTTON_TITLE) return title;
  const words = title.split(/\s+/);
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > MAX_BUTTON_TITLE - 1) break;
    out = next;
  }
  return `${out || title.slice(0, MAX_BUTTON_TITLE - 1)}…`;
}

/** A command as written for typing; with its button's title where the command does not say it. */
function said(b: ZaloButton): string {
  return foldKey(b.payload).includes(foldKey(b.title.replace(/…$/, ''))) ? `“${b.payload}”` : `“${b.payload}” (${b.title})`;
}

/** One outgoing activity → the Zalo messages that say it. */
export function renderForZalo(activity: Partial<Activity>, channel: ZaloChannel): ZaloMessage[] {
  const parts: string[] = [];
  const candidates: ZaloButton[] = [];
  if (typeof activity.text === 'string' && activity.text.trim()) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE && attachment.content && typeof attachment.content === 'object') {
      const card = adaptiveCardToText(attachment.content as Record<string, unknown>);
      if (card.text.trim()) parts.push(card.text);
      for (const c of card.commands) {
        const b = buttonFrom(c.title, c.command);
        if (b) candidates.push(b);
      }
    } else if (attachment.contentUrl) {
      parts.push(`${attachment.name ?? ''}${attachment.name ? ': ' : ''}${attachment.contentUrl}`);
    }
  }
  for (const action of (activity.suggestedActions?.actions ?? []) as CardAction[]) {
    if (['imBack', 'postBack', 'messageBack'].includes(String(action.type)) && typeof action.value === 'string') {
      const b = buttonFrom(action.title ?? action.value, action.value);
      if (b) candidates.push(b);
    }
  }
  let body = forChannel(stripMarkup(parts.join('\n\n')), channel);
  // Every button's command is written in the text too: a button that Zalo does not show is typed instead.
  const unwritten = candidates.filter((b) => !body.includes(b.payload));
  if (unwritten.length) {
    body = [body, `${text.typeCommands} ${unwritten.map(said).join(', ')}`].filter(Boolean).join('\n\n');
  }
  const chunks = splitText(body);
  if (!chunks.length) return [];
  const buttons = channel === 'zalo_oa' ? candidates.slice(0, ZALO_MAX_BUTTONS) : [];
  // The buttons ride on the last message: their commands must be written in that message too.
  const missing = buttons.filter((b) => !chunks[chunks.length - 1].includes(b.payload));
  if (missing.length) {
    const reminder = `${text.typeCommands} ${missing.map((b) => `“${b.payload}”`).join(', ')}`;
    const last = chunks.length - 1;
    if (chunks[last].length + 2 + reminder.length <= ZALO_MAX_TEXT) chunks[last] = `${chunks[last]}\n\n${reminder}`;
    else chunks.push(reminder);
  }
  return chunks.map((chunk, i) => ({ text: chunk, buttons: i === chunks.length - 1 ? buttons : [] }));
}
