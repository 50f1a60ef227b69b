// Import and export of the province directory.
//
// Import is all or nothing: every row is validated first (zod for each row, then the rules across rows:
// duplicate emails, two heads in a unit, unknown parents, parent cycles, a unit described differently on
// two lines). If any row is bad nothing is written and every bad row is reported with its spreadsheet
// row number and a Vietnamese reason. A good file is applied in one transaction:
//   - units are upserted by code, officers by (lower-cased) email; only rows that differ are written, so
//     importing the same file twice changes nothing (not even updated_at);
//   - units and officers that the file no longer lists are deactivated, never deleted (proposals and
//     decisions keep pointing at them);
//   - an empty teams_aad_object_id cell keeps the id the bot learned when the officer first wrote from
//     Teams (the file rarely knows it); a value in the file wins and is taken from whoever held it;
//   - the partial unique index "one active head per unit" is respected by demoting and deactivating
//     before promoting.
import { In, type DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod/v4';
import { directory as text } from '../platform/messages/directory.js';
import { OFFICER_ROLES, Officer, type OfficerRole } from '../../entities/officer.entity.js';
import { UNIT_KINDS, Unit, type UnitKind } from '../../entities/unit.entity.js';
import { foldKey } from '../text/vietnamese.js';
import {
  formatDirectoryCsv,
  type DirectoryColumn,
  type DirectoryExportLine,
  type DirectoryRow,
  type DirectoryTable,
} from './directory-file.js';

// ---------------------------------------------------------------------------------------------------
// Types

export interface DirectoryRowError {
  /** Spreadsheet row number (header = 1). */
  row: number;
  column?: DirectoryColumn;
  /** Vietnamese reason. */
  message: string;
}

export interface DirectoryUnitSpec {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  isHomeAffairs: boolean;
  isProvincialCommittee: boolean;
  /** First row that describes the unit. */
  row: number;
}

export interface DirectoryOfficerSpec {
  row: number;
  unitCode: string;
  email: string;
  fullName: string;
  positionTitle: string;
  role: OfficerRole;
  isManager: boolean;
  phone: string | null;
  teamsAadObjectId: string | null;
}

export type DirectoryValidation =
  | { ok: true; rowCount: number; units: DirectoryUnitSpec[]; officers: DirectoryOfficerSpec[]; warnings: string[] }
  | { ok: false; rowCount: number; errors: DirectoryRowError[] };

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export interface ImportProgress {
  phase: 'validate' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Validate and report what would change; write nothing. */
  dryRun?: boolean;
  /** Mark every unit and officer written by this import as demo data. */
  isDemo?: boolean;
  /** Apply only when the unit table is empty (checked inside the import's lock). */
  onlyIfEmpty?: boolean;
  /** Called as rows are validated and written, for a progress bar. */
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportResult =
  | { status: 'invalid'; rowCount: number; errors: DirectoryRowError[] }
  | { status: 'skipped'; rowCount: number; reason: 'not-empty' }
  | {
      status: 'applied' | 'dry-run';
      rowCount: number;
      units: ImportCounts;
      officers: ImportCounts;
      warnings: string[];
    };

// ---------------------------------------------------------------------------------------------------
// Row validation (zod)

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

const unitColumnsSchema = z.object({
  unit_code: unitCodeField('unit_code', true),
  unit_name: requiredText('unit_name', 300),
  unit_kind: unitKindField,
  parent_unit_code: unitCodeField('parent_unit_code', false),
  is_home_affairs: booleanField('is_home_affairs', false),
  is_provincial_committee: booleanField('is_provincial_committee', false),
});

const officerColumnsSchema = z.object({
  officer_email: emailField,
  officer_name: requiredText('officer_name', 200),
  position: requiredText('position', 200),
  role: roleField,
  is_manager: booleanField('is_manager', true),
  phone: phoneField,
  teams_aad_object_id: aadField,
});

const OFFICER_COLUMNS = Object.keys(officerColumnsSchema.shape) as DirectoryColumn[];

function issuesToErrors(row: number, issues: readonly z.core.$ZodIssue[]): DirectoryRowError[] {
  return issues.map((issue) => ({ row, column: issue.path[0] as DirectoryColumn, message: issue.message }));
}

// ---------------------------------------------------------------------------------------------------
// Whole-file validation

interface UnitDraft {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  isHomeAffairs: boolean | null;
  isProvincialCommittee: boolean | null;
  row: number;
}

/** Validates every row and the rules across rows. Pure: touches no database. */
export function validateDirectory(table: DirectoryTable, onProgress?: ImportOptions['onProgress']): DirectoryValidation {
  const errors: DirectoryRowError[] = [];
  const units = new Map<string, UnitDraft>();
  const officers: DirectoryOfficerSpec[] = [];
  const emailRows = new Map<string, number>();
  const aadRows = new Map<string, number>();
  const headRows = new Map<string, number>();
  const total = table.rows.length;
  const step = Math.max(1, Math.floor(total / 200));

  table.rows.forEach((row: DirectoryRow, index) => {
    const rowErrors: DirectoryRowError[] = [];
    if (row.extraValues > 0) {
      rowErrors.push({ row: row.rowNumber, message: text.tooManyValues(table.columns.length + row.extraValues, table.columns.length) });
    }
    const unitParsed = unitColumnsSchema.safeParse(row.values);
    if (!unitParsed.success) rowErrors.push(...issuesToErrors(row.rowNumber, unitParsed.error.issues));
    const unitOnly = OFFICER_COLUMNS.every((c) => row.values[c].trim() === '');
    const officerParsed = unitOnly ? undefined : officerColumnsSchema.safeParse(row.values);
    if (officerParsed && !officerParsed.success) rowErrors.push(...issuesToErrors(row.rowNumber, officerParsed.error.issues));

    if (unitParsed.success) {
      const u = unitParsed.data;
      const code = u.unit_code as string;
      const existing = units.get(code);
      if (!existing) {
        units.set(code, {
          code,
          name: u.unit_name,
          kind: u.unit_kind,
          parentCode: u.parent_unit_code,
          isHomeAffairs: u.is_home_affairs,
          isProvincialCommittee: u.is_provincial_committee,
          row: row.rowNumber,
        });
      } else {
        const compare = (column: DirectoryColumn, first: string, here: string) => {
          if (first !== here) {
            rowErrors.push({ row: row.rowNumber, column, message: text.inconsistentUnit(code, column, existing.row, first, here) });
          }
        };
        compare('unit_name', existing.name, u.unit_name);
        compare('unit_kind', existing.kind, u.unit_kind);
        compare('parent_unit_code', existing.parentCode ?? '', u.parent_unit_code ?? '');
        const flags = [
          ['is_home_affairs', 'isHomeAffairs', u.is_home_affairs],
          ['is_provincial_committee', 'isProvincialCommittee', u.is_provincial_committee],
        ] as const;
        for (const [column, key, value] of flags) {
          if (value === null) continue;
          if (existing[key] === null) existing[key] = value;
          else if (existing[key] !== value) compare(column, existing[key] ? 'có' : 'không', value ? 'có' : 'không');
        }
      }
    }

    if (officerParsed?.success) {
      const o = officerParsed.data;
      const firstEmailRow = emailRows.get(o.officer_email);
      if (firstEmailRow !== undefined) {
        rowErrors.push({ row: row.rowNumber, column: 'officer_email', message: text.duplicateEmail(o.officer_email, firstEmailRow) });
      } else {
        emailRows.set(o.officer_email, row.rowNumber);
      }
      if (o.teams_aad_object_id) {
        const firstAadRow = aadRows.get(o.teams_aad_object_id);
        if (firstAadRow !== undefined) {
          rowErrors.push({
            row: row.rowNumber,
            column: 'teams_aad_object_id',
            message: text.duplicateAadObjectId(o.teams_aad_object_id, firstAadRow),
          });
        } else {
          aadRows.set(o.teams_aad_object_id, row.rowNumber);
        }
      }
      if (unitParsed.success && o.role === 'head') {
        const code = unitParsed.data.unit_code as string;
        const firstHeadRow = headRows.get(code);
        if (firstHeadRow !== undefined) {
          rowErrors.push({ row: row.rowNumber, column: 'role', message: text.twoHeads(code, firstHeadRow) });
        } else {
          headRows.set(code, row.rowNumber);
        }
      }
      if (unitParsed.success) {
        officers.push({
          row: row.rowNumber,
          unitCode: unitParsed.data.unit_code as string,
          email: o.officer_email,
          fullName: o.officer_name,
          positionTitle: o.position,
          role: o.role,
          isManager: o.is_manager as boolean,
          phone: o.phone,
          teamsAadObjectId: o.teams_aad_object_id,
        });
      }
    }
    errors.push(...rowErrors);
    if (onProgress && ((index + 1) % step === 0 || index + 1 === total)) onProgress({ phase: 'validate', done: index + 1, total });
  });

  // Parents: known, not the unit itself, no cycle.
  for (const unit of units.values()) {
    if (unit.parentCode === null) continue;
    if (unit.parentCode === unit.code) {
      errors.push({ row: unit.row, column: 'parent_unit_code', message: text.selfParent(unit.code) });
    } else if (!units.has(unit.parentCode)) {
      errors.push({ row: unit.row, column: 'parent_unit_code', message: text.unknownParent(unit.parentCode) });
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of units.values()) {
    const trail: string[] = [];
    let code: string | null = start.code;
    while (code !== null && units.has(code) && !state.has(code)) {
      state.set(code, 'visiting');
      trail.push(code);
      const parent: string | null = units.get(code)!.parentCode;
      code = parent === code ? null : parent; // a self-parent is reported above
    }
    if (code !== null && state.get(code) === 'visiting') {
      const cycle = trail.slice(trail.indexOf(code));
      for (const member of cycle) {
        const path = [...cycle.slice(cycle.indexOf(member)), ...cycle.slice(0, cycle.indexOf(member)), member];
        errors.push({ row: units.get(member)!.row, column: 'parent_unit_code', message: text.parentCycle(path) });
      }
    }
    for (const c of trail) state.set(c, 'done');
  }

  // Flags: explicit where given, otherwise inferred; at most one unit of each.
  const resolved: DirectoryUnitSpec[] = [...units.values()].map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentCode: u.parentCode,
    row: u.row,
    isProvincialCommittee: u.isProvincialCommittee ?? (u.kind === 'ubnd_tinh' && u.parentCode === null),
    isHomeAffairs: u.isHomeAffairs ?? (u.kind === 'so_nganh' && foldKey(u.name).includes('noi vu')),
  }));
  for (const [flag, key] of [
    ['home_affairs', 'isHomeAffairs'],
    ['provincial_committee', 'isProvincialCommittee'],
  ] as const) {
    const flagged = resolved.filter((u) => u[key]);
    if (flagged.length > 1) {
      const message = text.manyFlaggedUnits(
        flag,
        flagged.map((u) => u.code),
      );
      const column: DirectoryColumn = flag === 'home_affairs' ? 'is_home_affairs' : 'is_provincial_committee';
      for (const u of flagged) errors.push({ row: u.row, column, message });
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    return { ok: false, rowCount: total, errors };
  }

  const warnings: string[] = [];
  for (const u of resolved) {
    if (!headRows.has(u.code)) warnings.push(text.warningNoHead(u.code, u.name));
  }
  for (const o of officers) {
    if (o.role === 'head' && !o.isManager) warnings.push(text.warningHeadNotManager(o.row, o.email));
  }
  if (!resolved.some((u) => u.isHomeAffairs)) warnings.push(text.warningNoHomeAffairs);
  if (!resolved.some((u) => u.isProvincialCommittee)) warnings.push(text.warningNoProvincialCommittee);
  return { ok: true, rowCount: total, units: resolved, officers, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Applying a valid directory

/** Serialises directory imports across processes (PostgreSQL advisory lock, held to the end of the transaction). */
const IMPORT_LOCK_KEY = 7301_2023_001;
const BATCH = 500;

type UnitValues = Pick<Unit, 'name' | 'kind' | 'parentId' | 'isHomeAffairs' | 'isProvincialCommittee' | 'active' | 'isDemo'>;
type OfficerValues = Pick<
  Officer,
  'fullName' | 'phone' | 'unitId' | 'positionTitle' | 'role' | 'isManager' | 'active' | 'teamsAadObjectId' | 'isDemo'
>;

function changedFields<T extends object>(current: T, target: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(target) as (keyof T)[]) {
    if (current[key] !== target[key]) changes[key] = target[key];
  }
  return changes;
}

const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0 });

/** Parents before children, so a new unit can be inserted with its parent's id. */
function topologicalOrder(units: DirectoryUnitSpec[]): DirectoryUnitSpec[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const ordered: DirectoryUnitSpec[] = [];
  const placed = new Set<string>();
  const place = (u: DirectoryUnitSpec) => {
    if (placed.has(u.code)) return;
    placed.add(u.code);
    const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
    if (parent) place(parent);
    ordered.push(u);
  };
  units.forEach(place);
  return ordered;
}

async function applyDirectory(
  manager: EntityManager,
  valid: Extract<DirectoryValidation, { ok: true }>,
  options: ImportOptions,
): Promise<{ units: ImportCounts; officers: ImportCounts }> {
  const write = !options.dryRun;
  const isDemo = options.isDemo ?? false;
  const unitCounts = emptyCounts();
  const officerCounts = emptyCounts();

  const existingUnits = await manager.find(Unit);
  const existingOfficers = await manager.find(Officer);
  const unitByCode = new Map(existingUnits.map((u) => [u.code, u]));
  const unitCodeById = new Map(existingUnits.map((u) => [u.id, u.code]));
  const officerByEmail = new Map(existingOfficers.map((o) => [o.email.toLowerCase(), o]));

  // Plan the officers first so the number of writes is known for the progress bar.
  const fileEmails = new Set(valid.officers.map((o) => o.email));
  const fileUnitCodes = new Set(valid.units.map((u) => u.code));
  const unitsToDeactivate = existingUnits.filter((u) => u.active && !fileUnitCodes.has(u.code));
  const officersToDeactivate = existingOfficers.filter((o) => o.active && !fileEmails.has(o.email.toLowerCase()));

  let done = 0;
  const total = valid.units.length + valid.officers.length + unitsToDeactivate.length + officersToDeactivate.length;
  const step = Math.max(1, Math.floor(total / 200));
  const progress = (n = 1) => {
    const before = done;
    done += n;
    if (options.onProgress && (Math.floor(done / step) !== Math.floor(before / step) || done === total)) {
      options.onProgress({ phase: 'write', done, total });
    }
  };

  // Units: parents first; new ones inserted with their parent's id, existing ones updated if different.
  const idByCode = new Map(existingUnits.map((u) => [u.code, u.id]));
  for (const spec of topologicalOrder(valid.units)) {
    const current = unitByCode.get(spec.code);
    if (!current) {
      unitCounts.created++;
      if (write) {
        const inserted = await manager.insert(Unit, {
          code: spec.code,
          name: spec.name,
          kind: spec.kind,
          parentId: spec.parentCode ? idByCode.get(spec.parentCode)! : null,
          isHomeAffairs: spec.isHomeAffairs,
          isProvincialCommittee: spec.isProvincialCommittee,
          active: true,
          isDemo,
        });
        idByCode.set(spec.code, inserted.identifiers[0].id as string);
      }
      progress();
      continue;
    }
    const currentParentCode = current.parentId ? (unitCodeById.get(current.parentId) ?? null) : null;
    const target: UnitValues = {
      name: spec.name,
      kind: spec.kind,
      parentId: current.parentId,
      isHomeAffairs: spec.isHomeAffairs,
      isProvincialCommittee: spec.isProvincialCommittee,
      active: true,
      isDemo,
    };
    const changes = changedFields<UnitValues>(current, target);
    const parentChanged = currentParentCode !== spec.parentCode;
    if (parentChanged) changes.parentId = spec.parentCode ? (idByCode.get(spec.parentCode) ?? null) : null;
    if (Object.keys(changes).length > 0 || parentChanged) {
      unitCounts.updated++;
      if (write) await manager.update(Unit, { id: current.id }, changes);
    } else {
      unitCounts.unchanged++;
    }
    progress();
  }
  unitCounts.deactivated = unitsToDeactivate.length;
  if (write) {
    for (let i = 0; i < unitsToDeactivate.length; i += BATCH) {
      const ids = unitsToDeactivate.slice(i, i + BATCH).map((u) => u.id);
      await manager.update(Unit, { id: In(ids) }, { active: false });
    }
  }
  progress(unitsToDeactivate.length);

  // Officers. Order of writes:
  //   0. release Teams AAD ids that change hands (unique index);
  //   1. deactivate the officers the file no longer lists, apply every change that does not make an
  //      active head, and temporarily demote heads who move to head another unit;
  //   2. insert new officers who are not heads;
  //   3. insert new heads and apply the changes that make an active head.
  // Nobody becomes an active head before the unit's previous head has stepped down.
  const fileAadIds = new Set(valid.officers.flatMap((o) => (o.teamsAadObjectId ? [o.teamsAadObjectId] : [])));
  const releaseAad: string[] = [];
  const demoteFirst: string[] = [];
  const updatesBeforeHeads: { id: string; changes: Partial<OfficerValues> }[] = [];
  const updatesOfHeads: { id: string; changes: Partial<OfficerValues> }[] = [];
  const newOfficers: (OfficerValues & { email: string })[] = [];

  for (const spec of valid.officers) {
    const current = officerByEmail.get(spec.email);
    const unitId = idByCode.get(spec.unitCode) ?? `new:${spec.unitCode}`;
    const target: OfficerValues = {
      fullName: spec.fullName,
      phone: spec.phone,
      unitId,
      positionTitle: spec.positionTitle,
      role: spec.role,
      isManager: spec.isManager,
      active: true,
      // An empty cell keeps an id the bot learned from Teams, unless the file gives that id to someone else.
      teamsAadObjectId:
        spec.teamsAadObjectId ?? (current?.teamsAadObjectId && !fileAadIds.has(current.teamsAadObjectId) ? current.teamsAadObjectId : null),
      isDemo,
    };
    if (!current) {
      officerCounts.created++;
      newOfficers.push({ ...target, email: spec.email });
      continue;
    }
    const changes = changedFields<OfficerValues>(current, target);
    if (Object.keys(changes).length === 0) {
      officerCounts.unchanged++;
      progress();
      continue;
    }
    officerCounts.updated++;
    if (current.teamsAadObjectId && 'teamsAadObjectId' in changes) releaseAad.push(current.id);
    if (spec.role === 'head') {
      if (current.active && current.role === 'head' && current.unitId !== unitId) {
        // Stepped down in pass 1, so the final write must name the role again.
        demoteFirst.push(current.id);
        changes.role = 'head';
      }
      updatesOfHeads.push({ id: current.id, changes });
    } else {
      updatesBeforeHeads.push({ id: current.id, changes });
    }
  }
  for (const o of existingOfficers) {
    // A departed officer's Teams id given to someone else in the file.
    if (!fileEmails.has(o.email.toLowerCase()) && o.teamsAadObjectId && fileAadIds.has(o.teamsAadObjectId)) {
      releaseAad.push(o.id);
    }
  }
  officerCounts.deactivated = officersToDeactivate.length;

  if (write) {
    for (let i = 0; i < releaseAad.length; i += BATCH) {
      await manager.update(Officer, { id: In(releaseAad.slice(i, i + BATCH)) }, { teamsAadObjectId: null });
    }
    for (let i = 0; i < officersToDeactivate.length; i += BATCH) {
      const ids = officersToDeactivate.slice(i, i + BATCH).map((o) => o.id);
      await manager.update(Officer, { id: In(ids) }, { active: false });
    }
    for (let i = 0; i < demoteFirst.length; i += BATCH) {
      await manager.update(Officer, { id: In(demoteFirst.slice(i, i + BATCH)) }, { role: 'member' });
    }
    for (const { id, changes } of updatesBeforeHeads) {
      await manager.update(Officer, { id }, changes);
      progress();
    }
    const resolveUnit = (o: OfficerValues & { email: string }) => ({
      ...o,
      unitId: o.unitId.startsWith('new:') ? idByCode.get(o.unitId.slice(4))! : o.unitId,
    });
    const newMembers = newOfficers.filter((o) => o.role !== 'head').map(resolveUnit);
    const newHeads = newOfficers.filter((o) => o.role === 'head').map(resolveUnit);
    for (let i = 0; i < newMembers.length; i += BATCH) {
      const batch = newMembers.slice(i, i + BATCH);
      await manager.insert(Officer, batch);
      progress(batch.length);
    }
    for (let i = 0; i < newHeads.length; i += BATCH) {
      const batch = newHeads.slice(i, i + BATCH);
      await manager.insert(Officer, batch);
      progress(batch.length);
    }
    for (const { id, changes } of updatesOfHeads) {
      await manager.update(Officer, { id }, changes);
      progress();
    }
  } else {
    progress(updatesBeforeHeads.length + updatesOfHeads.length + newOfficers.length);
  }
  progress(officersToDeactivate.length);
  return { units: unitCounts, officers: officerCounts };
}

/**
 * Validates a directory table and, if every row is good, applies it in one transaction (or, with
 * `dryRun`, reports what would change).
 */
export async function importDirectory(dataSource: DataSource, table: DirectoryTable, options: ImportOptions = {}): Promise<ImportResult> {
  const validation = validateDirectory(table, options.onProgress);
  if (!validation.ok) return { status: 'invalid', rowCount: validation.rowCount, errors: validation.errors };

  if (options.dryRun) {
    const counts = await applyDirectory(dataSource.manager, validation, options);
    return { status: 'dry-run', rowCount: validation.rowCount, ...counts, warnings: validation.warnings };
  }
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
    if (options.onlyIfEmpty) {
      const existing = await manager.count(Unit);
      if (existing > 0) return { status: 'skipped', rowCount: validation.rowCount, reason: 'not-empty' } as const;
    }
    const counts = await applyDirectory(manager, validation, options);
    return { status: 'applied', rowCount: validation.rowCount, ...counts, warnings: validation.warnings } as const;
  });
}

// ---------------------------------------------------------------------------------------------------
// Export

const ROLE_ORDER: Record<OfficerRole, number> = { head: 0, deputy: 1, member: 2 };

/** The active directory as lines of the import format: units in tree order, heads first. */
export async function exportDirectoryLines(source: DataSource | EntityManager): Promise<DirectoryExportLine[]> {
  const manager = 'manager' in source ? source.manager : source;
  const units = await manager.find(Unit, { where: { active: true } });
  const officers = await manager.find(Officer, { where: { active: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parentKey = u.parentId && byId.has(u.parentId) ? u.parentId : null;
    const list = children.get(parentKey) ?? [];
    list.push(u);
    children.set(parentKey, list);
  }
  const officersByUnit = new Map<string, Officer[]>();
  for (const o of officers) {
    const list = officersByUnit.get(o.unitId) ?? [];
    list.push(o);
    officersByUnit.set(o.unitId, list);
  }
  const lines: DirectoryExportLine[] = [];
  const visited = new Set<string>();
  const visit = (unit: Unit) => {
    if (visited.has(unit.id)) return;
    visited.add(unit.id);
    const base = {
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      parentUnitCode: unit.parentId && byId.has(unit.parentId) ? byId.get(unit.parentId)!.code : null,
      isHomeAffairs: unit.isHomeAffairs,
      isProvincialCommittee: unit.isProvincialCommittee,
    };
    const members = (officersByUnit.get(unit.id) ?? []).sort(
      (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.fullName.localeCompare(b.fullName, 'vi') || a.email.localeCompare(b.email),
    );
    if (members.length === 0) lines.push({ ...base, officer: null });
    for (const o of members) {
      lines.push({
        ...base,
        officer: {
          email: o.email,
          fullName: o.fullName,
          positionTitle: o.positionTitle,
          role: o.role,
          isManager: o.isManager,
          phone: o.phone,
          teamsAadObjectId: o.teamsAadObjectId,
        },
      });
    }
    const kids = (children.get(unit.id) ?? []).sort((a, b) => a.code.localeCompare(b.code));
    kids.forEach(visit);
  };
  (children.get(null) ?? []).sort((a, b) => a.code.localeCompare(b.code)).forEach(visit);
  // Units caught in a parent cycle written directly into the database: still exported, as roots.
  units
    .filter((u) => !visited.has(u.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .forEach(visit);
  return lines;
}

/** The active directory as CSV text in the import format (round-trips through importDirectory). */
export async function exportDirectoryCsv(source: DataSource | EntityManager): Promise<{ csv: string; units: number; officers: number }> {
  const lines = await exportDirectoryLines(source);
  return {
    csv: formatDirectoryCsv(lines),
    units: new Set(lines.map((l) => l.unitCode)).size,
    officers: lines.filter((l) => l.officer !== null).length,
  };
}
