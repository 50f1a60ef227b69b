// Whose annual report: a reporting unit (found by code or id, with the employing units below it) or the
// province, and the year it covers; a wrong unit or year is an AnnualReportError with a Vietnamese reason.
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { loadUnitTree, provinceScope, unitScope, type ReportScope, type UnitTree } from './annual-report-figures.js';

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
