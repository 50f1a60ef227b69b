// The figures of the yearly report (the province's task 2: every year before 30/11 each agency reports its
// results in encouraging and protecting dynamic, creative officers to the Provincial People's Committee
// through the Department of Home Affairs). Every figure is a SQL aggregate over the database, grouped by
// the proposer's unit; the few hundred group rows are then added up per reporting unit (the employing
// agency: the unit itself or its nearest ancestor whose kind employs staff, as in routing).
//
// What is counted:
//  - plans: those submitted in the year (Vietnam time), by their status on the day the report is made;
//  - evaluation outcomes and protection (Art. 11): evaluations concluded in the year;
//  - recognition (Art. 10): recognitions recorded in the year;
//  - obstacles: obstacle reports made in the year.
import type { DataSource, EntityManager } from 'typeorm';
import { startOfLocalDay } from '../calendar/local-date.js';
import { isEmployingUnitKind, type WorkflowConfig } from '../workflow/workflow-config.js';
import type { UnitKind } from '../../entities/unit.entity.js';
import { APPROVED_STATUSES, UNDER_CONSIDERATION_STATUSES } from '../proposals/proposal-state-machine.js';
import { computeCampaignFigures, type AnnualCampaignFigures } from './annual-campaign-figures.js';

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

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
  isHomeAffairs: boolean;
  isProvincialCommittee: boolean;
}

export interface UnitTree {
  units: Map<string, ReportUnit>;
  /** Any unit id → the id of its reporting (employing) unit, when it has one. */
  reportingUnitOf: Map<string, string>;
}

export interface ReportScope {
  kind: 'unit' | 'province';
  /** The unit that issues the report: the unit itself, or the Department of Home Affairs for the province. */
  issuer: ReportUnit;
  /** The reporting units covered, by code. */
  reportingUnits: ReportUnit[];
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

/** Every unit and its reporting unit (a few hundred rows). */
export async function loadUnitTree(source: DataSource | EntityManager, config: WorkflowConfig): Promise<UnitTree> {
  const rows = (await source.query(
    `SELECT id, code, name, kind, parent_id, active, is_home_affairs, is_provincial_committee FROM unit`,
  )) as {
    id: string;
    code: string;
    name: string;
    kind: UnitKind;
    parent_id: string | null;
    active: boolean;
    is_home_affairs: boolean;
    is_provincial_committee: boolean;
  }[];
  const units = new Map<string, ReportUnit>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        parentId: r.parent_id,
        active: r.active,
        isHomeAffairs: r.is_home_affairs,
        isProvincialCommittee: r.is_provincial_committee,
      },
    ]),
  );
  const reportingUnitOf = new Map<string, string>();
  for (const u of units.values()) {
    const seen = new Set<string>();
    let cur: ReportUnit | undefined = u;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      if (isEmployingUnitKind(config, cur.kind)) {
        reportingUnitOf.set(u.id, cur.id);
        break;
      }
      cur = cur.parentId ? units.get(cur.parentId) : undefined;
    }
  }
  return { units, reportingUnitOf };
}

/** Reporting units that must submit a yearly report: active employing units other than the Provincial People's Committee. */
export function unitsThatReport(tree: UnitTree, config: WorkflowConfig): ReportUnit[] {
  return [...tree.units.values()]
    .filter((u) => u.active && !u.isProvincialCommittee && isEmployingUnitKind(config, u.kind))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The scope of a unit's report: the unit and the employing units below it. */
export function unitScope(tree: UnitTree, unit: ReportUnit): ReportScope {
  const inside = (id: string): boolean => {
    const seen = new Set<string>();
    let cur = tree.units.get(id);
    while (cur && !seen.has(cur.id)) {
      if (cur.id === unit.id) return true;
      seen.add(cur.id);
      cur = cur.parentId ? tree.units.get(cur.parentId) : undefined;
    }
    return false;
  };
  const reporting = new Set([...tree.reportingUnitOf.values()]);
  const list = [...reporting].map((id) => tree.units.get(id)!).filter((u) => inside(u.id));
  return {
    kind: 'unit',
    issuer: unit,
    reportingUnits: list.sort((a, b) => (a.id === unit.id ? -1 : b.id === unit.id ? 1 : a.code.localeCompare(b.code))),
  };
}

/** The province: every reporting unit; issued by the Department of Home Affairs. */
export function provinceScope(tree: UnitTree): ReportScope | null {
  const ha = [...tree.units.values()].find((u) => u.isHomeAffairs && u.active);
  if (!ha) return null;
  const reporting = new Set([...tree.reportingUnitOf.values()]);
  return {
    kind: 'province',
    issuer: ha,
    reportingUnits: [...reporting].map((id) => tree.units.get(id)!).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** Proposer unit ids whose reporting unit is in the scope. */
export function memberUnitIds(tree: UnitTree, scope: ReportScope): string[] {
  const wanted = new Set(scope.reportingUnits.map((u) => u.id));
  return [...tree.reportingUnitOf.entries()].filter(([, r]) => wanted.has(r)).map(([u]) => u);
}

/** The unit ids to filter on, or null when the scope holds every unit of the directory. */
export function scopeFilter(tree: UnitTree, scope: ReportScope, units: string[]): string[] | null {
  return scope.kind === 'province' && units.length === tree.units.size ? null : units;
}

export function yearBounds(year: number): { start: Date; end: Date; firstDay: string; lastDay: string } {
  return {
    start: startOfLocalDay(`${year}-01-01`),
    end: startOfLocalDay(`${year + 1}-01-01`),
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
  };
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
