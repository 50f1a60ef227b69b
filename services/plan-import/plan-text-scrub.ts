// What leaves the building when a model reads a plan: only the document's text, and not even all of it.
// Every e-mail address and phone number is replaced, and so is every name of the directory (officers, active
// or not) found in the text: a plan names its drafter, its implementers, a phone to call. What the directory
// does not know (a citizen named in an example) cannot be found this way; the parts that name people
// (implementers, staff) are never asked for either (services/plan-import/plan-extractor.ts).
import type { DataSource } from 'typeorm';
import { foldDiacritics } from '../text/vietnamese.js';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Vietnamese numbers: 0xxx xxx xxx, +84 xxx …, with spaces, dots or dashes; landlines 02xx xxxx xxx.
const PHONE = /(?<![\p{N}/])(?:\+84|0084|0)(?:[\s.-]?\d){8,10}(?![\p{N}/])/gu;

const HIDDEN = { email: '[email]', phone: '[số điện thoại]', name: '[tên]' } as const;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names, e-mail addresses and phone numbers of the directory that a text must not carry. */
export async function directoryIdentifiers(ds: DataSource): Promise<string[]> {
  const rows = (await ds.query(`SELECT full_name, email, phone FROM officer`)) as {
    full_name: string;
    email: string;
    phone: string | null;
  }[];
  return rows.flatMap((r) => [r.full_name, r.email, r.phone ?? '']).filter((v) => v && v.trim().length >= 5);
}

/** The text with every letter folded (ă → a, đ → d), one UTF-16 unit for one, so positions stay the same. */
function foldInPlace(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = foldDiacritics(ch);
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

/**
 * The text with e-mail addresses, phone numbers and the given names replaced by placeholders. A name is
 * found with or without its diacritics, in any case ("Hoàng Văn Trưởng", "hoang van truong"): messages
 * typed on a phone often drop them.
 */
export function scrubPersonalData(text: string, known: readonly string[]): string {
  let out = text.normalize('NFC');
  const names = [...new Set(known.map((k) => foldInPlace(k.normalize('NFC').trim())))].filter(
    (k) => !k.includes('@') && !/^\+?\d[\d\s.-]+$/.test(k),
  );
  if (names.length) {
    const pattern = names
      .sort((a, b) => b.length - a.length)
      .map((n) => escape(n).replace(/\s+/g, '\\s+'))
      .join('|');
    const found = new RegExp(`(?<!\\p{L})(?:${pattern})(?!\\p{L})`, 'giu');
    const folded = foldInPlace(out);
    let scrubbed = '';
    let from = 0;
    for (const m of folded.matchAll(found)) {
      scrubbed += out.slice(from, m.index) + HIDDEN.name;
      from = m.index + m[0].length;
    }
    out = scrubbed + out.slice(from);
  }
  return out.replace(EMAIL, HIDDEN.email).replace(PHONE, HIDDEN.phone);
}
