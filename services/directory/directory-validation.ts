// The whole directory file checked before anything is written: each row through its zod schema
// (directory-row-schema.ts), then the rules across rows (duplicate emails and Teams ids, two heads in a
// unit, a unit described differently on two lines, unknown parents, parent cycles, more than one Home
// Affairs or provincial committee unit), and the warnings that do not stop an import.
import { directory as text } from '../platform/messages/directory.js';
import type { UnitKind } from '../../entities/unit.entity.js';
import { foldKey } from '../text/vietnamese.js';
import type { DirectoryColumn, DirectoryRow, DirectoryTable } from './directory-file.js';
import type {
  DirectoryOfficerSpec,
  DirectoryRowError,
  DirectoryUnitSpec,
  DirectoryValidation,
  ImportOptions,
} from './directory-import-types.js';
import { OFFICER_COLUMNS, issuesToErrors, officerColumnsSchema, unitColumnsSchema } from './directory-row-schema.js';

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
