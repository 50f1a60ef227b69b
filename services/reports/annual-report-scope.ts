// Whose annual report, for which year: the directory as a tree of reporting units (the employing agency: a
// unit itself or its nearest ancestor whose kind employs staff, as in routing), the scope of a unit's report
// (the unit and the employing units below it) or of the province's, and the bounds of the year in Vietnam
// time. A wrong unit or year is an AnnualReportError with a Vietnamese reason.
import type { DataSource, EntityManager } from 'typeorm';
import type { UnitKind } from '../../entities/unit.entity.js';
import { startOfLocalDay } from '../calendar/local-date.js';
import { isEmployingUnitKind, type WorkflowConfig } from '../workflow/workflow-config.js';

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

export class AnnualReportError extends Error {
  constructor(
    readonly code: 'unknown_unit' | 'not_reporting_unit' | 'no_home_affairs' | 'invalid_year',
    message: string,
  ) {
    super(message);
    this.name = 'AnnualReportError';
  }
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2023 || year > 2100)
    throw new AnnualReportError('invalid_year', `Năm báo cáo không hợp lệ: ${year} (từ 2023, năm Nghị định 73/2023/NĐ-CP có hiệu lực).`);
}

/** Resolves the scope: a unit by code or id (its employing unit and the employing units below it), or the province. */
export async function resolveScope(
  source: DataSource | EntityManager,
  options: { unitCode?: string; unitId?: string },
  config: WorkflowConfig,
): Promise<{ tree: UnitTree; scope: ReportScope }> {
  const tree = await loadUnitTree(source, config);
  if (!options.unitCode && !options.unitId) {
    const scope = provinceScope(tree);
    if (!scope) throw new AnnualReportError('no_home_affairs', 'Danh bạ chưa có Sở Nội vụ (đơn vị tổng hợp báo cáo của tỉnh).');
    return { tree, scope };
  }
  const unit = options.unitId
    ? tree.units.get(options.unitId)
    : [...tree.units.values()].find((u) => u.code.toLowerCase() === options.unitCode!.trim().toLowerCase());
  if (!unit) throw new AnnualReportError('unknown_unit', `Không tìm thấy đơn vị có mã “${options.unitCode ?? options.unitId}”.`);
  const reporting = tree.reportingUnitOf.get(unit.id);
  if (reporting !== unit.id) {
    const parent = reporting ? tree.units.get(reporting) : undefined;
    throw new AnnualReportError(
      'not_reporting_unit',
      `${unit.name} không tự lập báo cáo năm${parent ? `: báo cáo do ${parent.name} (mã ${parent.code}) lập` : ''}.`,
    );
  }
  return { tree, scope: unitScope(tree, unit) };
}
