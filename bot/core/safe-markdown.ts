// Teams shows message text as markdown. Sent as plain text, every line break collapses (a numbered list
// becomes one paragraph); sent as raw markdown, a typed "**…**" or "[link](…)" would format. So every text
// is escaped to show literally, and each line break made a hard break: the same words, inert, on their
// own lines, in Teams, the Playground and Web Chat.

/** Characters that format anywhere in a line (emphasis, code, links, HTML, strikethrough, tables, entities). */
const INLINE = /[\\`*_[\]<>~|&]/g;
const URL = /https?:\/\/[^\s<>"]+/g;

function escapeInline(text: string): string {
  return text.replace(INLINE, '\\$&');
}

function escapeLine(line: string): string {
  // Our own links stay clickable: a URL is left as it is (its text is shown literally either way).
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL)) {
    out += escapeInline(line.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  out += escapeInline(line.slice(last));
  // Leading spaces would make a code block: keep the indent with no-break spaces.
  out = out.replace(/^[ \t]+/, (s) => '\u00a0'.repeat(s.length));
  // Block markers at the start of a line: headings, lists, setext underlines.
  return out.replace(/^(\u00a0*)([#+\-=])/, '$1\\$2').replace(/^(\u00a0*\d+)([.)])/, '$1\\$2');
}

export function toSafeMarkdown(text: string): string {
  return text.split(/\r?\n/).map(escapeLine).join('  \n');
}

/** What a person sees of a safe-markdown text (tests, the terminal chat). */
export function fromSafeMarkdown(text: string): string {
  return text
    .replace(/ {2}\n/g, '\n')
    .replace(/\\([\\`*_[\]<>~|&#+\-=.)])/g, '$1')
    .replace(/\u00a0/g, ' ');
}
