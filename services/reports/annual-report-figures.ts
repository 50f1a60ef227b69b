// The figures of the yearly report (the province's task 2: every year before 30/11 each agency reports its
// results in encouraging and protecting dynamic, creative officers to the Provincial People's Committee
// through the Department of Home Affairs). Every figure is a SQL aggregate over the database, grouped by
// the proposer's unit; the few hundred group rows are then added up per reporting unit (annual-report-scope.ts).
//
// What is counted:
//  - plans: those submitted in the year (Vietnam time), by their status on the day the report is made;
//  - evaluation outcomes and protection (Art. 11): evaluations concluded in the year;
//  - recognition (Art. 10): recognitions recorded in the year;
//  - obstacles: obstacle reports made in the year.
import type { DataSource, EntityManager } from 'typeorm';
import { APPROVED_STATUSES, UNDER_CONSIDERATION_STATUSES } from '../proposals/proposal-state-machine.js';
import { computeCampaignFigures, type AnnualCampaignFigures } from './annual-campaign-figures.js';
import { memberUnitIds, scopeFilter, yearBounds, type ReportScope, type UnitTree } from './annual-report-scope.js';

export interface PlanFigures {
  received: number;
  approved: number;
  approvedByOverride: number;
  rejected: number;
  underConsideration: number;
  inProgress: number;
  underEvaluation: number;
  completed: number;
  notCompleted: number;
  /** Outcome 4: not done by the policy or a prohibited act (Art. 4.2, Art. 6): evaluated, never protected. */
  notByPolicy: number;
  stopped: number;
  withdrawn: number;
}

export interface EvaluationFigures {
  completed: number;
  notCompletedPureMotive: number;
  notCompletedWithDamage: number;
  notByPolicy: number;
}

export interface UnitFigures {
  plans: PlanFigures;
  evaluations: EvaluationFigures;
  /** Completed proposals whose recognition was recorded in the year. */
  recognitionCases: number;
  /** Recognition form code → how many times it was chosen. */
  recognitions: Record<string, number>;
  /** Protection provision ('11.1', '11.2', '11.3') → cases. */
  protections: Record<string, number>;
  obstacles: number;
}

export interface ObstacleItem {
  code: string;
  unitName: string;
  reportedOn: string;
  text: string;
}

export interface AnnualFigures {
  year: number;
  scope: ReportScope;
  perUnit: Map<string, UnitFigures>;
  total: UnitFigures;
  /** The latest obstacles (at most OBSTACLE_LIST_LIMIT), for the narrative section. */
  obstacleItems: ObstacleItem[];
  /** Dissemination campaigns sent in the year, per reporting unit (annual-campaign-figures.ts). */
  campaigns: AnnualCampaignFigures;
}

export const OBSTACLE_LIST_LIMIT = 30;

export function emptyFigures(): UnitFigures {
  return {
    plans: {
      received: 0,
      approved: 0,
      approvedByOverride: 0,
      rejected: 0,
      underConsideration: 0,
      inProgress: 0,
      underEvaluation: 0,
      completed: 0,
      notCompleted: 0,
      notByPolicy: 0,
      stopped: 0,
      withdrawn: 0,
    },
    evaluations: { completed: 0, notCompletedPureMotive: 0, notCompletedWithDamage: 0, notByPolicy: 0 },
    recognitionCases: 0,
    recognitions: {},
    protections: {},
    obstacles: 0,
  };
}

function addInto(a: UnitFigures, b: UnitFigures): void {
  for (const k of Object.keys(a.plans) as (keyof PlanFigures)[]) a.plans[k] += b.plans[k];
  for (const k of Object.keys(a.evaluations) as (keyof EvaluationFigures)[]) a.evaluations[k] += b.evaluations[k];
  a.recognitionCases += b.recognitionCases;
  for (const [k, v] of Object.entries(b.recognitions)) a.recognitions[k] = (a.recognitions[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.protections)) a.protections[k] = (a.protections[k] ?? 0) + v;
  a.obstacles += b.obstacles;
}

export async function computeAnnualFigures(
  source: DataSource | EntityManager,
  tree: UnitTree,
  scope: ReportScope,
  year: number,
): Promise<AnnualFigures> {
  const units = memberUnitIds(tree, scope);
  // The province covers every unit: no unit filter at all (a 400-element ANY per row costs more than the scan).
  const unitFilter = scopeFilter(tree, scope, units);
  const { start, end, firstDay, lastDay } = yearBounds(year);
  const perProposerUnit = new Map<string, UnitFigures>();
  const of = (unitId: string) => {
    let f = perProposerUnit.get(unitId);
    if (!f) perProposerUnit.set(unitId, (f = emptyFigures()));
    return f;
  };
  if (units.length) {
    // The aggregates are independent: sent together, PostgreSQL runs them on several connections at once.
    const [plans, evals, cases, forms, obstacles] = await Promise.all([
      source.query(
        `SELECT p.unit_id,
                count(*)::int AS received,
                count(*) FILTER (WHERE p.status = ANY($4))::int AS approved,
                count(*) FILTER (WHERE p.status = ANY($4) AND o.proposal_id IS NOT NULL)::int AS by_override,
                count(*) FILTER (WHERE p.status = 'rejected')::int AS rejected,
                count(*) FILTER (WHERE p.status = ANY($5))::int AS under_consideration,
                count(*) FILTER (WHERE p.status IN ('approved','approved_by_override','implementing','paused'))::int AS in_progress,
                count(*) FILTER (WHERE p.status IN ('completion_reported','evaluating') OR (p.status = 'evaluated' AND e.outcome IS NULL))::int AS under_evaluation,
                count(*) FILTER (WHERE p.status IN ('evaluated','closed') AND e.outcome = 'completed')::int AS completed,
                count(*) FILTER (WHERE p.status IN ('evaluated','closed') AND e.outcome IN ('not_completed_pure_motive','not_completed_with_damage'))::int AS not_completed,
                count(*) FILTER (WHERE p.status IN ('evaluated','closed') AND e.outcome = 'not_by_policy')::int AS not_by_policy,
                count(*) FILTER (WHERE p.status = 'stopped')::int AS stopped,
                count(*) FILTER (WHERE p.status = 'withdrawn')::int AS withdrawn
           FROM proposal p
           LEFT JOIN evaluation e ON e.proposal_id = p.id AND e.state = 'passed'
           LEFT JOIN (SELECT DISTINCT proposal_id FROM decision WHERE outcome = 'approved_by_override') o ON o.proposal_id = p.id
          WHERE p.submitted_at >= $1 AND p.submitted_at < $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3)) AND p.status <> 'draft'
          GROUP BY p.unit_id`,
        [start, end, unitFilter, APPROVED_STATUSES, UNDER_CONSIDERATION_STATUSES],
      ) as Promise<Record<string, number | string>[]>,
      source.query(
        `SELECT p.unit_id, e.outcome, e.provision, count(*)::int AS n
           FROM evaluation e JOIN proposal p ON p.id = e.proposal_id
          WHERE e.state = 'passed' AND e.concluded_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3))
          GROUP BY p.unit_id, e.outcome, e.provision`,
        [firstDay, lastDay, unitFilter],
      ) as Promise<{ unit_id: string; outcome: string; provision: string | null; n: number }[]>,
      source.query(
        `SELECT p.unit_id, count(*)::int AS n
           FROM evaluation e JOIN proposal p ON p.id = e.proposal_id
          WHERE e.state = 'passed' AND e.recognized_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3))
          GROUP BY p.unit_id`,
        [firstDay, lastDay, unitFilter],
      ) as Promise<{ unit_id: string; n: number }[]>,
      source.query(
        `SELECT p.unit_id, r.value->>'code' AS code, count(*)::int AS n
           FROM evaluation e JOIN proposal p ON p.id = e.proposal_id
           CROSS JOIN LATERAL jsonb_array_elements(COALESCE(e.recognitions, '[]'::jsonb)) AS r(value)
          WHERE e.state = 'passed' AND e.recognized_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3))
          GROUP BY p.unit_id, r.value->>'code'`,
        [firstDay, lastDay, unitFilter],
      ) as Promise<{ unit_id: string; code: string; n: number }[]>,
      source.query(
        `SELECT p.unit_id, count(*)::int AS n
           FROM implementation_report r JOIN proposal p ON p.id = r.proposal_id
          WHERE r.kind = 'obstacle' AND r.reported_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3))
          GROUP BY p.unit_id`,
        [firstDay, lastDay, unitFilter],
      ) as Promise<{ unit_id: string; n: number }[]>,
    ]);
    for (const r of plans) {
      const f = of(String(r.unit_id)).plans;
      f.received = Number(r.received);
      f.approved = Number(r.approved);
      f.approvedByOverride = Number(r.by_override);
      f.rejected = Number(r.rejected);
      f.underConsideration = Number(r.under_consideration);
      f.inProgress = Number(r.in_progress);
      f.underEvaluation = Number(r.under_evaluation);
      f.completed = Number(r.completed);
      f.notCompleted = Number(r.not_completed);
      f.notByPolicy = Number(r.not_by_policy);
      f.stopped = Number(r.stopped);
      f.withdrawn = Number(r.withdrawn);
    }
    for (const r of evals) {
      const f = of(r.unit_id);
      if (r.outcome === 'completed') f.evaluations.completed += r.n;
      else if (r.outcome === 'not_completed_pure_motive') f.evaluations.notCompletedPureMotive += r.n;
      else if (r.outcome === 'not_completed_with_damage') f.evaluations.notCompletedWithDamage += r.n;
      else if (r.outcome === 'not_by_policy') f.evaluations.notByPolicy += r.n;
      if (r.provision) f.protections[r.provision] = (f.protections[r.provision] ?? 0) + r.n;
    }
    for (const r of cases) of(r.unit_id).recognitionCases += r.n;
    for (const r of forms) {
      const f = of(r.unit_id);
      f.recognitions[r.code] = (f.recognitions[r.code] ?? 0) + r.n;
    }
    for (const r of obstacles) of(r.unit_id).obstacles += r.n;
  }
  const perUnit = new Map<string, UnitFigures>(scope.reportingUnits.map((u) => [u.id, emptyFigures()]));
  const total = emptyFigures();
  for (const [unitId, f] of perProposerUnit) {
    const reportUnit = tree.reportingUnitOf.get(unitId);
    const target = reportUnit ? perUnit.get(reportUnit) : undefined;
    if (!target) continue;
    addInto(target, f);
    addInto(total, f);
  }
  const items = units.length
    ? ((await source.query(
        `SELECT p.code, p.unit_id, r.reported_on::text AS reported_on, left(r.text, 400) AS text
           FROM implementation_report r JOIN proposal p ON p.id = r.proposal_id
          WHERE r.kind = 'obstacle' AND r.reported_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3))
          ORDER BY r.reported_on DESC, r.id DESC LIMIT ${OBSTACLE_LIST_LIMIT}`,
        [firstDay, lastDay, unitFilter],
      )) as { code: string | null; unit_id: string; reported_on: string; text: string }[])
    : [];
  const obstacleItems = items.map((r) => {
    const ru = tree.reportingUnitOf.get(r.unit_id);
    return { code: r.code ?? '', unitName: (ru ? tree.units.get(ru)?.name : undefined) ?? '', reportedOn: r.reported_on, text: r.text };
  });
  const campaigns = await computeCampaignFigures(source, tree, scope, year);
  return { year, scope, perUnit, total, obstacleItems, campaigns };
}
