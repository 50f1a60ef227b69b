// One row of the directory file checked column by column (zod): each cell normalised, parsed and, when
// wrong, reported with its column and a Vietnamese reason. The rules across rows are directory-validation.ts.
import { z } from 'zod/v4';
import { directory as text } from '../platform/messages/directory.js';
import { OFFICER_ROLES, type OfficerRole } from '../../entities/officer.entity.js';
import { UNIT_KINDS, type UnitKind } from '../../entities/unit.entity.js';
import { foldKey } from '../text/vietnamese.js';
import type { DirectoryColumn } from './directory-file.js';
import type { DirectoryRowError } from './directory-import-types.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A zod string field whose value is parsed by `parse`; a failure becomes one Vietnamese issue. */
function field<T>(parse: (value: string) => Parsed<T>) {
  return z.string().transform((raw, ctx) => {
    const result = parse(raw.normalize('NFC').trim().replace(/\s+/g, ' '));
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

function requiredText(column: DirectoryColumn, max: number) {
  return field((v) => (v === '' ? bad(text.missingField(column)) : v.length > max ? bad(text.tooLong(column, max)) : ok(v)));
}

const UNIT_CODE = /^[\p{L}\p{N}._\-/]+$/u;
const unitCodeField = (column: 'unit_code' | 'parent_unit_code', required: boolean) =>
  field<string | null>((v) => {
    if (v === '') return required ? bad(text.missingField(column)) : ok(null);
    if (v.length > 64) return bad(text.tooLong(column, 64));
    return UNIT_CODE.test(v) ? ok(v) : bad(text.badUnitCode(v));
  });

const kindEnum = z.enum(UNIT_KINDS);
const unitKindField = field<UnitKind>((v) => {
  if (v === '') return bad(text.missingField('unit_kind'));
  const parsed = kindEnum.safeParse(v.toLowerCase());
  return parsed.success ? ok(parsed.data) : bad(text.unknownKind(v, UNIT_KINDS));
});

const emailSchema = z.email();
const emailField = field<string>((v) => {
  if (v === '') return bad(text.missingField('officer_email'));
  const email = v.toLowerCase().replace(/^mailto:/, '');
  if (email.length > 254) return bad(text.tooLong('officer_email', 254));
  return emailSchema.safeParse(email).success ? ok(email) : bad(text.badEmail(v));
});

const ROLE_ALIASES: Record<string, OfficerRole> = {
  head: 'head',
  truong: 'head',
  'nguoi dung dau': 'head',
  'dung dau': 'head',
  'cap truong': 'head',
  'thu truong': 'head',
  deputy: 'deputy',
  pho: 'deputy',
  'cap pho': 'deputy',
  member: 'member',
  'thanh vien': 'member',
  'can bo': 'member',
  'nhan vien': 'member',
  'chuyen vien': 'member',
};
const roleField = field<OfficerRole>((v) => {
  if (v === '') return bad(text.missingField('role'));
  const role = ROLE_ALIASES[foldKey(v)];
  return role && (OFFICER_ROLES as readonly string[]).includes(role) ? ok(role) : bad(text.badRole(v));
});

const BOOLEAN_WORDS: Record<string, boolean> = {
  yes: true,
  y: true,
  '1': true,
  true: true,
  co: true,
  x: true,
  no: false,
  n: false,
  '0': false,
  false: false,
  khong: false,
};
/** yes/no/1/0/có/không (with or without diacritics, any case). */
export function parseDirectoryBoolean(value: string): boolean | undefined {
  return BOOLEAN_WORDS[foldKey(value)];
}
const booleanField = (column: DirectoryColumn, required: boolean) =>
  field<boolean | null>((v) => {
    if (v === '') return required ? bad(text.missingField(column)) : ok(null);
    const parsed = parseDirectoryBoolean(v);
    return parsed === undefined ? bad(text.badBoolean(column, v)) : ok(parsed);
  });

const phoneField = field<string | null>((v) => {
  if (v === '') return ok(null);
  if (v.length > 32) return bad(text.tooLong('phone', 32));
  return /^\+?[0-9 .\-()]+$/.test(v) && /[0-9]/.test(v) ? ok(v) : bad(text.badPhone(v));
});

const guidSchema = z.guid();
const aadField = field<string | null>((v) => {
  if (v === '') return ok(null);
  const id = v.toLowerCase().replace(/^\{(.*)\}$/, '$1');
  return guidSchema.safeParse(id).success ? ok(id) : bad(text.badAadObjectId(v));
});

export const unitColumnsSchema = z.object({
  unit_code: unitCodeField('unit_code', true),
  unit_name: requiredText('unit_name', 300),
  unit_kind: unitKindField,
  parent_unit_code: unitCodeField('parent_unit_code', false),
  is_home_affairs: booleanField('is_home_affairs', false),
  is_provincial_committee: booleanField('is_provincial_committee', false),
});

export const officerColumnsSchema = z.object({
  officer_email: emailField,
  officer_name: requiredText('officer_name', 200),
  position: requiredText('position', 200),
  role: roleField,
  is_manager: booleanField('is_manager', true),
  phone: phoneField,
  teams_aad_object_id: aadField,
});

export const OFFICER_COLUMNS = Object.keys(officerColumnsSchema.shape) as DirectoryColumn[];

export function issuesToErrors(row: number, issues: readonly z.core.$ZodIssue[]): DirectoryRowError[] {
  return issues.map((issue) => ({ row, column: issue.path[0] as DirectoryColumn, message: issue.message }));
}
