// Which units have submitted their annual report, as the Department of Home Affairs tracks it (the
// submission time is stored on the unit's annual_report row of the year).
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { loadUnitTree, unitsThatReport, type ReportUnit } from './annual-report-scope.js';
import { checkYear } from './annual-report-scope.js';

/** Marks the unit's report as submitted (idempotent: the first submission time stays). Returns whether it is new. */
export async function markSubmitted(
  source: DataSource | EntityManager,
  unitId: string,
  year: number,
  officerId: string | null,
): Promise<boolean> {
  checkYear(year);
  const rows = (await source.query(
    `INSERT INTO annual_report (unit_id, year, submitted_at, submitted_by, updated_by) VALUES ($1, $2, now(), $3, $3)
     ON CONFLICT (unit_id, year) DO UPDATE SET submitted_at = now(), submitted_by = EXCLUDED.submitted_by, updated_at = now()
       WHERE annual_report.submitted_at IS NULL
     RETURNING id`,
    [unitId, year, officerId],
  )) as { id: string }[];
  return rows.length > 0;
}

export interface SubmissionStatus {
  unit: ReportUnit;
  submittedAt: Date | null;
}

/** Every unit that must report, with its submission time for the year. */
export async function submissionStatus(
  source: DataSource | EntityManager,
  year: number,
  config: WorkflowConfig,
): Promise<SubmissionStatus[]> {
  const tree = await loadUnitTree(source, config);
  const rows = (await source.query(`SELECT unit_id, submitted_at FROM annual_report WHERE year = $1 AND submitted_at IS NOT NULL`, [
    year,
  ])) as { unit_id: string; submitted_at: Date }[];
  const byUnit = new Map(rows.map((r) => [r.unit_id, new Date(r.submitted_at)]));
  return unitsThatReport(tree, config).map((unit) => ({ unit, submittedAt: byUnit.get(unit.id) ?? null }));
}
