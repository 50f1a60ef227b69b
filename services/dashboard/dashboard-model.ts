// What the dashboard shows (dashboard-service.ts computes it, dashboard-export.ts and the web face render
// it): who sees which units, and the rows of each panel.
export type DashboardScope = { kind: 'province' } | { kind: 'units'; unitIds: string[]; rootNames: string[] } | { kind: 'none' };

export interface StatusCount {
  status: string;
  count: number;
}

export interface UnitRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  total: number;
  pending: number;
  approved: number;
  rejected: number;
  returned: number;
  overdue: number;
}

export interface OverdueItem {
  proposalId: string;
  code: string | null;
  title: string | null;
  unitName: string;
  stage: string;
  holderName: string | null;
  dueDate: string;
  daysOverdue: number;
}

export interface StageDuration {
  status: string;
  /** Periods spent in the status (one per entry into it). */
  periods: number;
  averageDays: number;
  maxDays: number;
  /** Proposals in this status now. */
  current: number;
}

export interface AnnualReportRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  submittedAt: Date | null;
}

export interface RecentProposal {
  proposalId: string;
  code: string | null;
  title: string | null;
  unitName: string;
  status: string;
  submittedAt: Date | null;
  holderName: string | null;
  dueDate: string | null;
}

export interface Dashboard {
  scope: DashboardScope;
  today: string;
  year: number;
  byStatus: StatusCount[];
  perUnit: UnitRow[];
  overdueDecisions: OverdueItem[];
  overdueEvaluations: OverdueItem[] | null;
  stageDurations: StageDuration[];
  annualReports: { year: number; rows: AnnualReportRow[]; submitted: number; missing: number } | null;
  recent: RecentProposal[];
}
