// What the province's library of innovations is made of: plans from approval on (never drafts, never a plan
// still under consideration), with their unit, field, a summary, the outcome and result of the evaluation
// when there is one. No personal data but the unit, and the proposer's name only where they agreed at
// submission (plan.nameInLibrary, default no). Pending proposals of one unit are read here too, for the
// similar-proposal check at submission (its own unit's colleagues may already be on the same idea).
import type { DataSource } from 'typeorm';
import type { ProposalPlan, ProposalStatus } from '../../entities/proposal.entity.js';
import type { UnitKind } from '../../entities/unit.entity.js';
import { APPROVED_STATUSES, UNDER_CONSIDERATION_STATUSES } from '../proposals/proposal-state-machine.js';

export interface LibraryEntry {
  id: string;
  code: string;
  title: string;
  /** Field code (workflow fields). */
  field: string | null;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** Year of submission (Vietnam time). */
  year: number;
  summary: string;
  status: ProposalStatus;
  /** Outcome of the concluded evaluation; null while not evaluated. */
  outcome: string | null;
  evaluationResult: string | null;
  /** Only where the proposer agreed at submission, and while they are in the directory. */
  proposerName: string | null;
}

/** An entry with the plan behind it: for pre-filling, hints and similarity, never sent as it is. */
export interface LibraryRecord extends LibraryEntry {
  plan: ProposalPlan;
  proposerId: string;
  /** Names that anonymised excerpts must not show (the proposer's, the unit's). */
  namesToHide: string[];
}

interface Row {
  id: string;
  code: string;
  status: ProposalStatus;
  title: string | null;
  field: string | null;
  plan: ProposalPlan;
  unit_id: string;
  unit_name: string;
  unit_kind: UnitKind;
  year: number;
  proposer_id: string;
  proposer_name: string;
  proposer_active: boolean;
  outcome: string | null;
  results: string | null;
}

const SELECT = `
  SELECT p.id, p.code, p.status, p.title, coalesce(p.field, p.plan->>'field') AS field, p.plan, p.unit_id,
         u.name AS unit_name, u.kind AS unit_kind,
         EXTRACT(YEAR FROM coalesce(p.submitted_at, p.created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year,
         p.proposer_id, o.full_name AS proposer_name, o.active AS proposer_active, e.outcome, e.results
    FROM proposal p
    JOIN unit u ON u.id = p.unit_id
    JOIN officer o ON o.id = p.proposer_id
    LEFT JOIN LATERAL (
      SELECT outcome, results FROM evaluation WHERE proposal_id = p.id AND state = 'passed' ORDER BY round DESC LIMIT 1
    ) e ON true`;

const SUMMARY_CHARS = 320;

/** The first sentences of a text, cut at a word boundary. */
export function shorten(text: string | null | undefined, max = SUMMARY_CHARS): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).replace(/[,;:.\s]+$/, '')}…`;
}

function toRecord(r: Row): LibraryRecord {
  const plan = r.plan ?? {};
  return {
    id: r.id,
    code: r.code,
    title: r.title ?? plan.title ?? '',
    field: r.field,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitKind: r.unit_kind,
    year: Number(r.year),
    summary: shorten(plan.content || plan.purpose || plan.expectedResults),
    status: r.status,
    outcome: r.outcome,
    evaluationResult: r.results ? shorten(r.results) : null,
    proposerName: plan.nameInLibrary === true && r.proposer_active ? r.proposer_name : null,
    plan,
    proposerId: r.proposer_id,
    namesToHide: [r.proposer_name, r.unit_name],
  };
}

/** Every plan of the library, newest first. */
export async function libraryRecords(ds: DataSource): Promise<LibraryRecord[]> {
  const rows = (await ds.query(`${SELECT} WHERE p.status = ANY($1) AND p.code IS NOT NULL ORDER BY p.submitted_at DESC NULLS LAST, p.id`, [
    [...APPROVED_STATUSES],
  ])) as Row[];
  return rows.map(toRecord);
}

/** One plan of the library by id or code; null when it is not (or no longer) in the library. */
export async function libraryRecord(ds: DataSource, ref: { id?: string; code?: string }): Promise<LibraryRecord | null> {
  if (ref.id !== undefined && !/^[0-9a-f-]{36}$/i.test(ref.id)) return null;
  const where = ref.id !== undefined ? 'p.id = $2' : 'p.code = $2';
  const key = ref.id ?? (ref.code ?? '').trim().toUpperCase().replace(/^DX/, 'ĐX');
  const rows = (await ds.query(`${SELECT} WHERE p.status = ANY($1) AND ${where}`, [[...APPROVED_STATUSES], key])) as Row[];
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Proposals of a unit under consideration (not drafts), except one. */
export async function pendingOfUnit(ds: DataSource, unitId: string, exceptId: string): Promise<LibraryRecord[]> {
  const rows = (await ds.query(`${SELECT} WHERE p.status = ANY($1) AND p.unit_id = $2 AND p.id <> $3 AND p.code IS NOT NULL`, [
    [...UNDER_CONSIDERATION_STATUSES],
    unitId,
    exceptId,
  ])) as Row[];
  return rows.map(toRecord);
}
