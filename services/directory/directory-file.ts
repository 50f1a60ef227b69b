// Reading and writing the province directory file: UTF-8 CSV or the first sheet of an .xlsx workbook.
//
// Format: a header row, then one line per officer. Columns (any order, names exact, case-insensitive):
//   unit_code, unit_name, unit_kind, parent_unit_code, officer_email, officer_name, position, role,
//   is_manager, phone, teams_aad_object_id
// and two optional columns: is_home_affairs (the unit is Sở Nội vụ) and is_provincial_committee (the unit
// is UBND tỉnh), yes/no. Where they are absent or empty the flags are inferred: a `ubnd_tinh` unit
// without a parent is the Provincial People's Committee; a `so_nganh` whose name contains "Nội vụ" is
// the Department of Home Affairs.
// A unit appears on every line of its officers; a line with the unit columns only (all officer columns
// empty) declares a unit that has no officer. This module only reads cells; the rules live in
// directory-row-schema.ts and directory-validation.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { directory as text } from '../platform/messages/directory.js';
import { csvCell, unescapeCsvFormula } from '../platform/csv-cell.js';

export const DIRECTORY_COLUMNS = [
  'unit_code',
  'unit_name',
  'unit_kind',
  'parent_unit_code',
  'officer_email',
  'officer_name',
  'position',
  'role',
  'is_manager',
  'phone',
  'teams_aad_object_id',
] as const;

export const OPTIONAL_DIRECTORY_COLUMNS = ['is_home_affairs', 'is_provincial_committee'] as const;

export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number] | (typeof OPTIONAL_DIRECTORY_COLUMNS)[number];

export interface DirectoryRow {
  /** The row number a spreadsheet shows: the header is row 1. */
  rowNumber: number;
  values: Record<DirectoryColumn, string>;
  /** Non-empty values found beyond the header's last column (a stray comma, an unclosed quote). */
  extraValues: number;
}

export interface DirectoryTable {
  /** Columns present in the header, normalised. */
  columns: DirectoryColumn[];
  hasFlagColumns: { isHomeAffairs: boolean; isProvincialCommittee: boolean };
  rows: DirectoryRow[];
}

/** The file cannot be read as a directory at all (missing, not UTF-8, bad header...). Message in Vietnamese. */
export class DirectoryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryFileError';
  }
}

/** Reads a .csv or .xlsx directory file from disk. */
export async function readDirectoryFile(file: string): Promise<DirectoryTable> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') throw new DirectoryFileError(text.unsupportedFileType(file));
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DirectoryFileError(text.fileNotFound(file));
    throw new DirectoryFileError(text.fileUnreadable(file, (err as Error).message));
  }
  try {
    return extension === '.csv' ? parseDirectoryCsv(content) : await parseDirectoryXlsx(content);
  } catch (err) {
    if (err instanceof DirectoryFileError) throw new DirectoryFileError(text.fileUnreadable(file, err.message));
    throw err;
  }
}

/** Parses CSV bytes (or text). UTF-8 only; a byte-order mark is dropped; `,` or `;` as the delimiter. */
export function parseDirectoryCsv(content: Buffer | string): DirectoryTable {
  let source: string;
  if (typeof content === 'string') {
    source = content;
  } else {
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new DirectoryFileError(text.notUtf8);
    }
  }
  source = source.replace(/^\uFEFF/, '');
  // Excel in a Vietnamese locale saves "CSV" with semicolons: detect from the header line.
  const headerLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !headerLine.includes(',') && headerLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(source, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string; code?: string };
    throw new DirectoryFileError(text.csvSyntax(e.lines, e.code ?? e.message ?? 'lỗi không rõ'));
  }
  // csv-parse yields one record per physical row (an empty line gives ['']), so index + 1 is the row
  // number Excel would show.
  return buildTable(records.map((cells, index) => ({ rowNumber: index + 1, cells })));
}

/** Parses the first worksheet of an .xlsx workbook. */
export async function parseDirectoryXlsx(content: Buffer): Promise<DirectoryTable> {
  // exceljs is large: loaded when a workbook is read, not by every process at start.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new DirectoryFileError(text.xlsxInvalid);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DirectoryFileError(text.noSheet);
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // row.values is 1-based; cellCount covers the last non-empty cell.
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push({ rowNumber, cells });
  });
  return buildTable(rows);
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    // Rich text, hyperlinks (Excel turns typed emails into mailto: links), formulas.
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value && 'text' in value) {
      const t = value.text as unknown;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && 'richText' in t) {
        return (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
      }
    }
    if ('result' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'object' && 'error' in result) return '';
      if (result instanceof Date) return result.toISOString().slice(0, 10);
      return String(result);
    }
  }
  return cell.text ?? '';
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...DIRECTORY_COLUMNS, ...OPTIONAL_DIRECTORY_COLUMNS]);

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function buildTable(rawRows: { rowNumber: number; cells: string[] }[]): DirectoryTable {
  const headerIndex = rawRows.findIndex((r) => !isBlank(r.cells));
  if (headerIndex < 0) throw new DirectoryFileError(text.emptyFile);
  const header = rawRows[headerIndex].cells.map((c) =>
    c
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  // Trailing empty header cells (a sheet formatted further right) are not columns.
  while (header.length > 0 && header[header.length - 1] === '') header.pop();

  const unknown = header.filter((h) => !KNOWN_COLUMNS.has(h)).map((h) => (h === '' ? '(cột không tên)' : h));
  const duplicates = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  const missing = DIRECTORY_COLUMNS.filter((c) => !header.includes(c));
  const problems: string[] = [];
  if (missing.length) problems.push(text.missingColumns(missing));
  if (unknown.length) problems.push(text.unknownColumns([...new Set(unknown)]));
  if (duplicates.length) problems.push(text.duplicateColumns([...new Set(duplicates)]));
  if (problems.length) throw new DirectoryFileError(text.rowError(rawRows[headerIndex].rowNumber, problems.join(' ')));

  const columns = header as DirectoryColumn[];
  const rows: DirectoryRow[] = [];
  for (const raw of rawRows.slice(headerIndex + 1)) {
    if (isBlank(raw.cells)) continue;
    const values = {} as Record<DirectoryColumn, string>;
    for (const column of [...DIRECTORY_COLUMNS, ...OPTIONAL_DIRECTORY_COLUMNS]) values[column] = '';
    columns.forEach((column, i) => {
      // Our export prefixes a formula sign with an apostrophe (csv-cell.ts): read the value it stands for.
      values[column] = unescapeCsvFormula(raw.cells[i] ?? '');
    });
    const extraValues = raw.cells.slice(columns.length).filter((c) => c.trim() !== '').length;
    rows.push({ rowNumber: raw.rowNumber, values, extraValues });
  }
  if (rows.length === 0) throw new DirectoryFileError(text.noDataRows);
  return {
    columns,
    hasFlagColumns: {
      isHomeAffairs: columns.includes('is_home_affairs'),
      isProvincialCommittee: columns.includes('is_provincial_committee'),
    },
    rows,
  };
}

/** One line of an exported directory. Officer fields are null on a unit-only line. */
export interface DirectoryExportLine {
  unitCode: string;
  unitName: string;
  unitKind: string;
  parentUnitCode: string | null;
  isHomeAffairs: boolean;
  isProvincialCommittee: boolean;
  officer: {
    email: string;
    fullName: string;
    positionTitle: string;
    role: string;
    isManager: boolean;
    phone: string | null;
    teamsAadObjectId: string | null;
  } | null;
}

export const EXPORT_COLUMNS = [...DIRECTORY_COLUMNS, ...OPTIONAL_DIRECTORY_COLUMNS] as const;

const yesNo = (value: boolean) => (value ? 'có' : 'không');

/**
 * The directory as CSV text in the import format, with both flag columns. Starts with a byte-order
 * mark so that Excel opens the Vietnamese text correctly; the reader drops it.
 */
export function formatDirectoryCsv(lines: DirectoryExportLine[]): string {
  const out = [EXPORT_COLUMNS.join(',')];
  for (const line of lines) {
    const o = line.officer;
    const record: Record<(typeof EXPORT_COLUMNS)[number], string> = {
      unit_code: line.unitCode,
      unit_name: line.unitName,
      unit_kind: line.unitKind,
      parent_unit_code: line.parentUnitCode ?? '',
      officer_email: o?.email ?? '',
      officer_name: o?.fullName ?? '',
      position: o?.positionTitle ?? '',
      role: o?.role ?? '',
      is_manager: o ? yesNo(o.isManager) : '',
      phone: o?.phone ?? '',
      teams_aad_object_id: o?.teamsAadObjectId ?? '',
      is_home_affairs: yesNo(line.isHomeAffairs),
      is_provincial_committee: yesNo(line.isProvincialCommittee),
    };
    out.push(EXPORT_COLUMNS.map((c) => csvCell(record[c])).join(','));
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
