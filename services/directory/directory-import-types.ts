// The shapes of a directory import: the specs a valid file yields, the errors of a bad one, the options
// and the outcome of importDirectory (directory-import.ts).
import type { OfficerRole } from '../../entities/officer.entity.js';
import type { UnitKind } from '../../entities/unit.entity.js';
import type { DirectoryColumn } from './directory-file.js';

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
