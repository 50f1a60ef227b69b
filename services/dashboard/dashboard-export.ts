// CSV and XLSX exports of the dashboard. CSV: one row per proposal in scope (UTF-8 with BOM so Excel
// reads the diacritics). XLSX: one sheet per panel plus the list. Cells starting with = + - @ are
// prefixed with an apostrophe in the CSV, so a title typed by a user cannot become a spreadsheet formula.
import { web } from '../platform/messages/web.js';
import { decisions } from '../platform/messages/decisions.js';
import { formatDateVN } from '../calendar/local-date.js';
import { csvCell } from '../platform/csv-cell.js';
import type { Dashboard, RecentProposal } from './dashboard-service.js';

const d = web.dashboard;

function dateText(value: Date | string | null): string {
  if (!value) return '';
  return formatDateVN(value);
}

function daysOverdue(row: RecentProposal, today: string): number | '' {
  if (!row.dueDate || row.dueDate >= today) return '';
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${row.dueDate}T00:00:00Z`)) / 86_400_000);
}

export function proposalsCsv(rows: RecentProposal[], today: string): string {
  const header = [d.colCode, d.colTitle, d.colUnit, d.colStatus, d.colSubmittedAt, d.colHolder, d.colDue, d.colDaysOverdue];
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [r.code, r.title, r.unitName, decisions.statusLabel(r.status), dateText(r.submittedAt), r.holderName, dateText(r.dueDate), daysOverdue(r, today)]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function dashboardWorkbook(dashboard: Dashboard, rows: RecentProposal[]): Promise<Buffer> {
  // exceljs is large and only this download and the directory import need it: loaded on first use.
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = 'Trợ lý Đổi mới';
  wb.created = new Date();
  const sheet = (name: string, columns: { header: string; key: string; width: number }[], data: Record<string, unknown>[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of data) ws.addRow(row);
    return ws;
  };
  sheet(
    d.sheetStatus,
    [
      { header: d.colStatus, key: 'status', width: 50 },
      { header: d.colCount, key: 'count', width: 12 },
    ],
    dashboard.byStatus.map((s) => ({ status: decisions.statusLabel(s.status), count: s.count })),
  );
  sheet(
    d.sheetUnits,
    [
      { header: d.colUnitCode, key: 'unitCode', width: 16 },
      { header: d.colUnit, key: 'unitName', width: 45 },
      { header: d.colTotal, key: 'total', width: 10 },
      { header: d.colPending, key: 'pending', width: 14 },
      { header: d.colApproved, key: 'approved', width: 16 },
      { header: d.colRejected, key: 'rejected', width: 16 },
      { header: d.colReturned, key: 'returned', width: 10 },
      { header: d.colOverdue, key: 'overdue', width: 10 },
    ],
    dashboard.perUnit as unknown as Record<string, unknown>[],
  );
  const overdueColumns = [
    { header: d.colCode, key: 'code', width: 16 },
    { header: d.colTitle, key: 'title', width: 50 },
    { header: d.colUnit, key: 'unitName', width: 40 },
    { header: d.colStage, key: 'stage', width: 22 },
    { header: d.colHolder, key: 'holderName', width: 28 },
    { header: d.colDue, key: 'due', width: 12 },
    { header: d.colDaysOverdue, key: 'daysOverdue', width: 16 },
  ];
  const overdue = (items: Dashboard['overdueDecisions']) =>
    items.map((o) => ({ ...o, stage: d.stageLabels[o.stage] ?? o.stage, due: dateText(o.dueDate) }));
  sheet(d.sheetOverdueDecisions, overdueColumns, overdue(dashboard.overdueDecisions));
  const evaluations = sheet(d.sheetOverdueEvaluations, overdueColumns, overdue(dashboard.overdueEvaluations ?? []));
  if (!dashboard.overdueEvaluations) evaluations.addRow({ code: d.notAvailable });
  sheet(
    d.sheetStages,
    [
      { header: d.colStatus, key: 'status', width: 50 },
      { header: d.colPeriods, key: 'periods', width: 10 },
      { header: d.colAverageDays, key: 'averageDays', width: 18 },
      { header: d.colMaxDays, key: 'maxDays', width: 16 },
      { header: d.colCurrent, key: 'current', width: 18 },
    ],
    dashboard.stageDurations.map((s) => ({ ...s, status: decisions.statusLabel(s.status) })),
  );
  const annual = sheet(
    `${d.sheetAnnual} ${dashboard.year}`,
    [
      { header: d.colUnitCode, key: 'unitCode', width: 16 },
      { header: d.colUnit, key: 'unitName', width: 45 },
      { header: d.colReportStatus, key: 'state', width: 14 },
      { header: d.colSubmittedAt, key: 'submitted', width: 14 },
    ],
    (dashboard.annualReports?.rows ?? []).map((r) => ({
      unitCode: r.unitCode,
      unitName: r.unitName,
      state: r.submittedAt ? d.reportSubmitted : d.reportMissing,
      submitted: dateText(r.submittedAt),
    })),
  );
  if (!dashboard.annualReports) annual.addRow({ unitCode: d.notAvailable });
  sheet(
    d.sheetProposals,
    [
      { header: d.colCode, key: 'code', width: 16 },
      { header: d.colTitle, key: 'title', width: 50 },
      { header: d.colUnit, key: 'unitName', width: 40 },
      { header: d.colStatus, key: 'status', width: 40 },
      { header: d.colSubmittedAt, key: 'submitted', width: 14 },
      { header: d.colHolder, key: 'holderName', width: 28 },
      { header: d.colDue, key: 'due', width: 12 },
      { header: d.colDaysOverdue, key: 'daysOverdue', width: 16 },
    ],
    rows.map((r) => ({
      ...r,
      status: decisions.statusLabel(r.status),
      submitted: dateText(r.submittedAt),
      due: dateText(r.dueDate),
      daysOverdue: daysOverdue(r, dashboard.today),
    })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
