// One CSV cell for every export. A spreadsheet runs a cell starting with = + - @ (or a tab / carriage
// return, which some spreadsheets skip before such a sign) as a formula: a name typed by a user such as
// `=cmd|' /C calc'!A0` must come out as text. The OWASP remedy: prefix an apostrophe, which a spreadsheet
// shows as a text marker; our own importers drop it again (`unescapeCsvFormula`).

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value made safe for a spreadsheet: an apostrophe before a leading formula sign. */
export function escapeCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `escapeCsvFormula` on a cell read back from one of our exports; other text is unchanged. */
export function unescapeCsvFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * One field of a CSV line: formula-escaped when it is text, quoted when it holds a delimiter (`,` or
 * `;`, which Excel in a Vietnamese locale uses), a quote, a line break or edge whitespace. Numbers are
 * written as they are: a negative number is not a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : escapeCsvFormula(String(value));
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
