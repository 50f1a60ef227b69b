// Import of the province directory (its export, the same format back: directory-export.ts).
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
import type { DataSource } from 'typeorm';
import { Unit } from '../../entities/unit.entity.js';
import type { DirectoryTable } from './directory-file.js';
import type { ImportOptions, ImportResult } from './directory-import-types.js';
import { applyDirectory } from './directory-upsert.js';
import { validateDirectory } from './directory-validation.js';

/** Serialises directory imports across processes (PostgreSQL advisory lock, held to the end of the transaction). */
const IMPORT_LOCK_KEY = 7301_2023_001;

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
