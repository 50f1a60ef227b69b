// The dashboard of innovation proposals, from SQL aggregates over the live tables: proposals by status,
// per unit, overdue decisions and evaluations with days overdue, time spent in each stage (from the
// audit trail of status transitions), the yearly report submission status, and the latest proposals.
//
// Access by role: the officers of the Department of Home Affairs whose role the workflow config lists
// (`dashboard.provinceRoles`, default the head, an acting head included) see the province; the head of a
// unit (or an acting head today) sees that unit and every unit under it; anyone else sees nothing. The
// evaluation and yearly-report panels read tables of the after-decision feature and say "not available"
// when those tables do not exist in this database. The shapes of the panels are dashboard-model.ts.
import type { DataSource } from 'typeorm';
import type { Officer, OfficerRole } from '../../entities/officer.entity.js';
import { todayVN } from '../calendar/local-date.js';
import { APPROVED_STATUSES } from '../proposals/proposal-state-machine.js';
import type { Dashboard, DashboardScope, OverdueItem, RecentProposal } from './dashboard-model.js';

/** Statuses in which a proposal waits on a decision. */
export const DECISION_PENDING_STATUSES = ['submitted', 'routing_failed', 'in_intake', 'under_review', 'party_consultation', 'voting'];
/** Statuses where time keeps running; time "in" a final status is not a stage. */
const FINAL_STATUSES = ['rejected', 'closed', 'withdrawn', 'stopped', 'draft'];
/** The proposals in scope ($1: the unit list, NULL for the province), newest first: the recent panel and the full list. */
const PROPOSAL_LIST = `SELECT p.id, p.code, p.title, u.name AS unit_name, p.status, p.submitted_at, o.full_name AS holder, p.due_date::text AS due
  FROM proposal p JOIN unit u ON u.id = p.unit_id LEFT JOIN officer o ON o.id = p.holder_id
  WHERE p.status <> 'draft' AND ($1::uuid[] IS NULL OR p.unit_id = ANY($1::uuid[]))
  ORDER BY p.submitted_at DESC NULLS LAST, p.code DESC`;

export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    /** Roles of the Home Affairs unit that see the province (workflow config `dashboard.provinceRoles`). */
    private readonly provinceRoles: readonly OfficerRole[],
    private readonly today: () => string = () => todayVN(),
  ) {}

  async scopeFor(officer: Officer): Promise<DashboardScope> {
    // The province: an officer of the Home Affairs unit itself whose role is listed, or its acting head
    // when heads are listed. Other Home Affairs staff (and its rooms) are treated like any other unit.
    const roles = this.provinceRoles;
    const province = (await this.dataSource.query(
      `SELECT 1 FROM officer o JOIN unit u ON u.id = o.unit_id
        WHERE o.id = $1 AND o.active AND u.is_home_affairs AND o.role = ANY($2::text[])
       UNION ALL
       SELECT 1 FROM acting_head a JOIN unit u ON u.id = a.unit_id
        WHERE a.officer_id = $1 AND u.is_home_affairs AND 'head' = ANY($2::text[])
          AND $3::date BETWEEN a.from_date AND a.to_date
       LIMIT 1`,
      [officer.id, roles, this.today()],
    )) as unknown[];
    if (province.length) return { kind: 'province' };

    const headed = (await this.dataSource.query(
      `SELECT o.unit_id FROM officer o WHERE o.id = $1 AND o.active AND o.role = 'head'
       UNION
       SELECT a.unit_id FROM acting_head a WHERE a.officer_id = $1 AND $2::date BETWEEN a.from_date AND a.to_date`,
      [officer.id, this.today()],
    )) as { unit_id: string }[];
    if (!headed.length) return { kind: 'none' };
    const roots = headed.map((r) => r.unit_id);
    const units = (await this.dataSource.query(
      `WITH RECURSIVE down AS (
         SELECT id FROM unit WHERE id = ANY($1::uuid[])
         UNION
         SELECT u.id FROM unit u JOIN down ON u.parent_id = down.id
       )
       SELECT id FROM down`,
      [roots],
    )) as { id: string }[];
    const names = (await this.dataSource.query(`SELECT name FROM unit WHERE id = ANY($1::uuid[]) ORDER BY name`, [roots])) as {
      name: string;
    }[];
    return { kind: 'units', unitIds: units.map((u) => u.id), rootNames: names.map((n) => n.name) };
  }

  private async tableExists(name: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${name}`])) as {
      present: boolean;
    }[];
    return Boolean(rows[0]?.present);
  }

  async build(scope: DashboardScope, year = Number(this.today().slice(0, 4))): Promise<Dashboard> {
    if (scope.kind === 'none') throw new Error('no dashboard scope');
    const today = this.today();
    const units = scope.kind === 'units' ? scope.unitIds : null;
    // $1 is always the unit list (NULL: the province).
    const inScope = (alias: string) => `($1::uuid[] IS NULL OR ${alias}.unit_id = ANY($1::uuid[]))`;

    const byStatus = (
      (await this.dataSource.query(
        `SELECT p.status, count(*)::int AS count FROM proposal p
       WHERE p.status <> 'draft' AND ${inScope('p')} GROUP BY p.status ORDER BY count DESC, p.status`,
        [units],
      )) as { status: string; count: number }[]
    ).map((r) => ({ status: r.status, count: Number(r.count) }));

    const perUnit = (
      (await this.dataSource.query(
        `SELECT u.id, u.code, u.name,
              count(p.id)::int AS total,
              count(p.id) FILTER (WHERE p.status = ANY($2::text[]))::int AS pending,
              count(p.id) FILTER (WHERE p.status = ANY($3::text[]))::int AS approved,
              count(p.id) FILTER (WHERE p.status = 'rejected')::int AS rejected,
              count(p.id) FILTER (WHERE p.status = 'returned')::int AS returned,
              count(p.id) FILTER (WHERE p.status = ANY($2::text[]) AND p.due_date < $4::date)::int AS overdue
       FROM proposal p JOIN unit u ON u.id = p.unit_id
       WHERE p.status <> 'draft' AND ${inScope('p')}
       GROUP BY u.id, u.code, u.name
       ORDER BY overdue DESC, total DESC, u.name`,
        [units, DECISION_PENDING_STATUSES, APPROVED_STATUSES, today],
      )) as Record<string, unknown>[]
    ).map((r) => ({
      unitId: String(r.id),
      unitCode: String(r.code),
      unitName: String(r.name),
      total: Number(r.total),
      pending: Number(r.pending),
      approved: Number(r.approved),
      rejected: Number(r.rejected),
      returned: Number(r.returned),
      overdue: Number(r.overdue),
    }));

    const overdueDecisions = (
      (await this.dataSource.query(
        `SELECT p.id, p.code, p.title, u.name AS unit_name, d.stage, o.full_name AS holder, d.due_date::text AS due,
              ($2::date - d.due_date)::int AS days
       FROM decision d
       JOIN proposal p ON p.id = d.proposal_id
       JOIN unit u ON u.id = p.unit_id
       LEFT JOIN officer o ON o.id = d.decider_id
       WHERE d.state <> 'done' AND d.due_date < $2::date AND p.status = ANY($3::text[]) AND ${inScope('p')}
       ORDER BY days DESC, p.code
       LIMIT 500`,
        [units, today, DECISION_PENDING_STATUSES],
      )) as Record<string, unknown>[]
    ).map(overdueRow);

    const overdueEvaluations = (await this.tableExists('evaluation'))
      ? (
          (await this.dataSource.query(
            `SELECT p.id, p.code, p.title, u.name AS unit_name, 'evaluation' AS stage, o.full_name AS holder, e.due_date::text AS due,
                  ($2::date - e.due_date)::int AS days
           FROM evaluation e
           JOIN proposal p ON p.id = e.proposal_id
           JOIN unit u ON u.id = p.unit_id
           LEFT JOIN officer o ON o.id = e.chair_id
           WHERE e.state = 'vote_open' AND e.due_date < $2::date AND ${inScope('p')}
           ORDER BY days DESC, p.code
           LIMIT 500`,
            [units, today],
          )) as Record<string, unknown>[]
        ).map(overdueRow)
      : null;

    const stageDurations = (
      (await this.dataSource.query(
        `WITH t AS (
         SELECT a.proposal_id, a.to_status AS status, a.at,
                LEAD(a.at) OVER (PARTITION BY a.proposal_id ORDER BY a.at, a.id) AS next_at
         FROM audit_event a JOIN proposal p ON p.id = a.proposal_id
         WHERE a.to_status IS NOT NULL AND a.from_status IS DISTINCT FROM a.to_status AND ${inScope('p')}
       )
       SELECT t.status, count(*)::int AS periods,
              avg(extract(epoch FROM (coalesce(t.next_at, now()) - t.at)))::float8 / 86400 AS avg_days,
              max(extract(epoch FROM (coalesce(t.next_at, now()) - t.at)))::float8 / 86400 AS max_days,
              count(*) FILTER (WHERE t.next_at IS NULL)::int AS current
       FROM t WHERE NOT (t.status = ANY($2::text[]))
       GROUP BY t.status`,
        [units, FINAL_STATUSES],
      )) as Record<string, unknown>[]
    )
      .map((r) => ({
        status: String(r.status),
        periods: Number(r.periods),
        averageDays: round1(Number(r.avg_days)),
        maxDays: round1(Number(r.max_days)),
        current: Number(r.current),
      }))
      .sort((a, b) => stageOrder(a.status) - stageOrder(b.status));

    let annualReports: Dashboard['annualReports'] = null;
    if (await this.tableExists('annual_report')) {
      // The units that report: every active unit in scope except the divisions inside a department.
      const rows = (
        (await this.dataSource.query(
          `SELECT u.id, u.code, u.name, r.submitted_at
         FROM unit u LEFT JOIN annual_report r ON r.unit_id = u.id AND r.year = $2
         WHERE u.active AND u.kind <> 'phong' AND ($1::uuid[] IS NULL OR u.id = ANY($1::uuid[]))
         ORDER BY (r.submitted_at IS NULL) DESC, u.name`,
          [units, year],
        )) as Record<string, unknown>[]
      ).map((r) => ({
        unitId: String(r.id),
        unitCode: String(r.code),
        unitName: String(r.name),
        submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
      }));
      const submitted = rows.filter((r) => r.submittedAt).length;
      annualReports = { year, rows, submitted, missing: rows.length - submitted };
    }

    const recent = ((await this.dataSource.query(`${PROPOSAL_LIST} LIMIT $2`, [units, 50])) as Record<string, unknown>[]).map(proposalRow);

    return { scope, today, year, byStatus, perUnit, overdueDecisions, overdueEvaluations, stageDurations, annualReports, recent };
  }

  /** Every proposal in scope, one row each, for the CSV and the XLSX list. */
  async proposalRows(scope: DashboardScope): Promise<RecentProposal[]> {
    if (scope.kind === 'none') return [];
    const units = scope.kind === 'units' ? scope.unitIds : null;
    const rows = (await this.dataSource.query(PROPOSAL_LIST, [units])) as Record<string, unknown>[];
    return rows.map(proposalRow);
  }
}

function overdueRow(r: Record<string, unknown>): OverdueItem {
  return {
    proposalId: String(r.id),
    code: (r.code as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    unitName: String(r.unit_name),
    stage: String(r.stage),
    holderName: (r.holder as string | null) ?? null,
    dueDate: String(r.due),
    daysOverdue: Number(r.days),
  };
}

function proposalRow(r: Record<string, unknown>): RecentProposal {
  return {
    proposalId: String(r.id),
    code: (r.code as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    unitName: String(r.unit_name),
    status: String(r.status),
    submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
    holderName: (r.holder as string | null) ?? null,
    dueDate: (r.due as string | null) ?? null,
  };
}

function round1(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}

const STAGE_ORDER = [
  'submitted',
  'routing_failed',
  'in_intake',
  'under_review',
  'party_consultation',
  'voting',
  'returned',
  'approved',
  'approved_by_override',
  'implementing',
  'paused',
  'completion_reported',
  'evaluating',
  'evaluated',
];

function stageOrder(status: string): number {
  const i = STAGE_ORDER.indexOf(status);
  return i < 0 ? STAGE_ORDER.length : i;
}
