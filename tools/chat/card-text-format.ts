// Text as the terminal shows it: markdown, Teams' xml text, Adaptive Card DATE/TIME functions, byte sizes,
// ISO dates, and the frame drawn around a card.

export const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Markdown as a terminal shows it: escapes removed ("1\\.200" → "1.200"), **bold** and `code` markers
 * dropped. Teams renders TextBlock text and message text as markdown, so the bot escapes what it means literally.
 */
export function markdownToText(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
}

/**
 * Adaptive Card text functions `{{DATE(…)}}` and `{{TIME(…)}}` rendered in Vietnamese style (markdown as text).
 */
export function expandTextFunctions(text: string): string {
  return markdownToText(text).replace(
    /\{\{(DATE|TIME)\(([^,)]+)(?:,\s*(COMPACT|SHORT|LONG))?\)\}\}/g,
    (whole, fn: string, iso: string, style?: string) => {
      const date = new Date(iso.trim());
      if (Number.isNaN(date.getTime())) return whole;
      if (fn === 'TIME') return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
      if (style === 'LONG' || style === 'SHORT') {
        return date.toLocaleDateString('vi-VN', {
          weekday: style === 'LONG' ? 'long' : 'short',
          day: 'numeric',
          month: style === 'LONG' ? 'long' : 'short',
          year: 'numeric',
        });
      }
      return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${date.getFullYear()}`;
    },
  );
}

/** Teams `xml` text format (a subset of HTML) to plain text. */
export function htmlToText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markdown as a chat client shows it: hard breaks as line breaks, backslash escapes resolved. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/ {2}\n/g, '\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u00a0/g, ' ');
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(size / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

export function formatIsoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

export const FRAME_TOP = '┌─ Thẻ ─────────────────────────────';
export const FRAME_BOTTOM = '└───────────────────────────────────';

/** Lines of a card inside the same frame the chat uses for cards in messages. */
export function frameCard(lines: string[], title = 'Thẻ'): string[] {
  const top = title === 'Thẻ' ? FRAME_TOP : `┌─ ${title} ${'─'.repeat(Math.max(3, 32 - title.length))}`;
  return [top, ...lines.map((l) => `│ ${l}`.trimEnd()), FRAME_BOTTOM];
}
