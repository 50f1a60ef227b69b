// CSV and XLSX exports of the dashboard. CSV: one row per proposal in scope (UTF-8 with BOM so Excel
// reads the diacritics). XLSX: one sheet per panel plus the list. Cells starting with = + - @ are
// prefixed with an apostrophe in the CSV, so a title typed by a user cannot become a spreadsheet formula.
import { lookup } from '../platform/messages/lookup.js';
import { web } from '../platform/messages/web.js';
import { decisions } from '../platform/messages/decisions.js';
import { formatDateVN } from '../calendar/local-date.js';
import { csvCell } from '../platform/csv-cell.js';
import type { Dashboard, RecentProposal } from './dashboard-model.js';

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
      [
        r.code,
        r.title,
        r.unitName,
        decisions.statusLabel(r.status),
        dateText(r.submittedAt),
        r.holderName,
        dateText(r.dueDate),
        daysOverdue(r, today),
      ]
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
  const col = (header: string, key: string, width: number) => ({ header, key, width });
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
    [col(d.colStatus, 'status', 50), col(d.colCount, 'count', 12)],
    dashboard.byStatus.map((s) => ({ status: decisions.statusLabel(s.status), count: s.count })),
  );
  sheet(
    d.sheetUnits,
    [
      col(d.colUnitCode, 'unitCode', 16),
      col(d.colUnit, 'unitName', 45),
      col(d.colTotal, 'total', 10),
      col(d.colPending, 'pending', 14),
      col(d.colApproved, 'approved', 16),
      col(d.colRejected, 'rejected', 16),
      col(d.colReturned, 'returned', 10),
      col(d.colOverdue, 'overdue', 10),
    ],
    dashboard.perUnit as unknown as Record<string, unknown>[],
  );
  const overdueColumns = [
    col(d.colCode, 'code', 16),
    col(d.colTitle, 'title', 50),
    col(d.colUnit, 'unitName', 40),
    col(d.colStage, 'stage', 22),
    col(d.colHolder, 'holderName', 28),
    col(d.colDue, 'due', 12),
    col(d.colDaysOverdue, 'daysOverdue', 16),
  ];
  const overdue = (items: Dashboard['overdueDecisions']) =>
    items.map((o) => ({ ...o, stage: lookup(d.stageLabels, o.stage) ?? o.stage, due: dateText(o.dueDate) }));
  sheet(d.sheetOverdueDecisions, overdueColumns, overdue(dashboard.overdueDecisions));
  const evaluations = sheet(d.sheetOverdueEvaluations, overdueColumns, overdue(dashboard.overdueEvaluations ?? []));
  if (!dashboard.overdueEvaluations) evaluations.addRow({ code: d.notAvailable });
  sheet(
    d.sheetStages,
    [
      col(d.colStatus, 'status', 50),
      col(d.colPeriods, 'periods', 10),
      col(d.colAverageDays, 'averageDays', 18),
      col(d.colMaxDays, 'maxDays', 16),
      col(d.colCurrent, 'current', 18),
    ],
    dashboard.stageDurations.map((s) => ({ ...s, status: decisions.statusLabel(s.status) })),
  );
  const annual = sheet(
    `${d.sheetAnnual} ${dashboard.year}`,
    [
      col(d.colUnitCode, 'unitCode', 16),
      col(d.colUnit, 'unitName', 45),
      col(d.colReportStatus, 'state', 14),
      col(d.colSubmittedAt, 'submitted', 14),
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
      col(d.colCode, 'code', 16),
      col(d.colTitle, 'title', 50),
      col(d.colUnit, 'unitName', 40),
      col(d.colStatus, 'status', 40),
      col(d.colSubmittedAt, 'submitted', 14),
      col(d.colHolder, 'holderName', 28),
      col(d.colDue, 'due', 12),
      col(d.colDaysOverdue, 'daysOverdue', 16),
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
