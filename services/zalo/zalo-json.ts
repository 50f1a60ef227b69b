// Zalo sends ids and timestamps larger than 2^53. They arrive as strings, but a number literal would
// lose digits in JSON.parse: long integer literals are turned into strings before parsing.

/** Integer literals with this many digits or more become strings (2^53 has 16 digits). */
const LONG_INTEGER_DIGITS = 16;

export function parseJsonKeepingLongIntegers(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      // Skip the whole string literal, honouring escapes.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = ch === '-' ? i + 1 : i;
      while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
      const digits = j - (ch === '-' ? i + 1 : i);
      const next = text[j];
      if (digits >= LONG_INTEGER_DIGITS && next !== '.' && next !== 'e' && next !== 'E') {
        out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
        last = j;
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** A field as a string whether Zalo sent it as a string or as a (short) number; else undefined. */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
