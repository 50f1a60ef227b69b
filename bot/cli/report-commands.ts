// `npm run cli -- report annual --year 2026 [--unit <code>] --out <dir> [--date YYYY-MM-DD]`: the yearly
// report (.docx, Decree 30 format) and its annex (.xlsx) of a unit, or of the province without --unit.
// `npm run cli -- report status --year 2026`: which units have submitted their yearly report.
// `npm run cli -- report remind [--today YYYY-MM-DD]`: runs the after-decision reminder sweep once.
import type { Command } from 'commander';
import { annualReport as t } from '../../services/platform/messages/annual-report.js';
import { withCliDatabase } from './cli-database.js';
import { AnnualReportError } from '../../services/reports/annual-report-scope.js';
import { generateAnnualReport } from '../../services/reports/annual-report-service.js';
import { submissionStatus } from '../../services/reports/annual-report-submissions.js';
import { formatDateVN, parseLocalDate, toLocalDate, todayVN } from '../../services/calendar/local-date.js';
import { AfterDecisionReminders } from '../../services/implementation/after-decision-reminders.js';
import { OutboxOnlyNotifier } from '../../services/notifications/notifier.js';
import { stdio, type CliOutput } from './cli-output.js';

function parseYear(text: string | undefined): number | null {
  const y = Number(text ?? new Date().getFullYear());
  return Number.isInteger(y) && y >= 2023 && y <= 2100 ? y : null;
}

export async function runAnnualReport(
  opts: { year?: string; unit?: string; out?: string; date?: string },
  io: CliOutput = stdio,
): Promise<number> {
  const year = parseYear(opts.year);
  if (year === null) {
    io.err(t.invalidYear);
    return 1;
  }
  const date = opts.date ? parseLocalDate(opts.date) : todayVN();
  if (!date) {
    io.err(`Ngày không hợp lệ: ${opts.date}`);
    return 1;
  }
  const started = Date.now();
  try {
    const r = await withCliDatabase((db, { workflow }) =>
      generateAnnualReport(db.dataSource, {
        year,
        ...(opts.unit ? { unitCode: opts.unit } : {}),
        outDir: opts.out ?? '.',
        date,
        config: workflow,
      }),
    );
    const p = r.figures.total.plans;
    io.out(t.cliTotals(p.received, p.approved, p.rejected, p.inProgress, p.completed));
    io.out(t.cliWritten(r.docxPath, r.xlsxPath, r.annexRows, Date.now() - started));
    return 0;
  } catch (err) {
    if (err instanceof AnnualReportError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

export async function runReportStatus(opts: { year?: string }, io: CliOutput = stdio): Promise<number> {
  const year = parseYear(opts.year);
  if (year === null) {
    io.err(t.invalidYear);
    return 1;
  }
  const list = await withCliDatabase((db, { workflow }) => submissionStatus(db.dataSource, year, workflow));
  io.out(t.trackingSummary(list.filter((s) => s.submittedAt).length, list.length));
  for (const s of list)
    io.out(t.trackingLine(`${s.unit.name} (${s.unit.code})`, s.submittedAt ? formatDateVN(toLocalDate(s.submittedAt)) : null));
  return 0;
}

export async function runReminderSweep(opts: { today?: string }, io: CliOutput = stdio): Promise<number> {
  const today = opts.today ? parseLocalDate(opts.today) : todayVN();
  if (!today) {
    io.err(`Ngày không hợp lệ: ${opts.today}`);
    return 1;
  }
  // Without the bot the rows stay in the outbox; the bot delivers them on its next retry.
  const run = await withCliDatabase((db, { workflow }) =>
    new AfterDecisionReminders(db.dataSource, new OutboxOnlyNotifier(), { config: workflow }).run(today),
  );
  io.out(JSON.stringify(run));
  return 0;
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('Báo cáo năm về khuyến khích, bảo vệ cán bộ năng động, sáng tạo (Nghị định 73/2023/NĐ-CP)');
  report
    .command('annual')
    .summary('Tạo báo cáo năm (.docx) và phụ lục (.xlsx) của một đơn vị hoặc của tỉnh')
    .option('--year <năm>', 'năm báo cáo', String(new Date().getFullYear()))
    .option('--unit <mã>', 'mã đơn vị (bỏ trống: báo cáo toàn tỉnh do Sở Nội vụ tổng hợp)')
    .option('--out <thư mục>', 'thư mục ghi tệp', '.')
    .option('--date <YYYY-MM-DD>', 'ngày của báo cáo (mặc định hôm nay)')
    .action(async (opts: { year?: string; unit?: string; out?: string; date?: string }) => {
      process.exitCode = await runAnnualReport(opts);
    });
  report
    .command('status')
    .summary('Tình hình nộp báo cáo năm của các cơ quan, đơn vị')
    .option('--year <năm>', 'năm báo cáo', String(new Date().getFullYear()))
    .action(async (opts: { year?: string }) => {
      process.exitCode = await runReportStatus(opts);
    });
  report
    .command('remind')
    .summary('Chạy một lần việc nhắc sau phê duyệt (tiến độ, báo cáo hoàn thành, đánh giá, báo cáo năm)')
    .option('--today <YYYY-MM-DD>', 'ngày chạy (mặc định hôm nay)')
    .action(async (opts: { today?: string }) => {
      process.exitCode = await runReminderSweep(opts);
    });
}
