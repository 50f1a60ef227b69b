// Plans of the library for the library tests: a submitted proposal moved on to a status from approval on,
// with its field, and an evaluation concluded with an outcome where asked.
import type { DataSource } from 'typeorm';
import { createSubmittedProposal } from './decision-fixtures.js';

export interface LibraryPlanOptions {
  status?: string;
  field?: string;
  outcome?: string;
  results?: string;
  year?: number;
}

export async function createLibraryPlan(
  ds: DataSource,
  proposerId: string,
  plan: Record<string, unknown>,
  options: LibraryPlanOptions = {},
): Promise<{ id: string; code: string }> {
  const field = options.field ?? (plan.field as string | undefined) ?? 'chuyen_doi_so';
  const created = await createSubmittedProposal(ds, proposerId, { field, ...plan });
  const status = options.status ?? (options.outcome ? 'evaluated' : 'implementing');
  await ds.query(`UPDATE proposal SET status = $2, field = $3, submitted_at = make_date($4, 3, 2) WHERE id = $1`, [
    created.id,
    status,
    field,
    options.year ?? 2026,
  ]);
  if (options.outcome) {
    await ds.query(
      `INSERT INTO evaluation (proposal_id, round, unit_id, chair_id, state, outcome, results, opened_on, due_date, concluded_on)
       SELECT $1, 1, p.unit_id, p.proposer_id, 'passed', $2, $3, '2026-09-01', '2026-09-10', '2026-09-09' FROM proposal p WHERE p.id = $1`,
      [created.id, options.outcome, options.results ?? 'Đạt kết quả như kế hoạch.'],
    );
  }
  return created;
}
