// The yearly report's reminders, part of the after-decision sweep (after-decision-reminders.ts): on each
// unitReminderDates day (01/11, 20/11) the heads of the units that have not submitted, and from
// homeAffairsReminderDate (30/11) the Department of Home Affairs with the missing units. Each reminder has
// a dedupe key, so the window's later runs send it once.
import type { DataSource } from 'typeorm';
import { dayMonthInYear, yearOf } from '../calendar/local-date.js';
import { AFTER_DECISION_NOTICES as N, homeAffairsHead } from '../implementation/after-decision-common.js';
import type { SendNotice } from '../notifications/notifier.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { submissionStatus } from './annual-report-submissions.js';

export async function remindAnnualReports(
  ds: DataSource,
  config: WorkflowConfig,
  today: string,
  send: SendNotice,
): Promise<{ annualUnitReminders: number; annualHomeAffairsReminders: number }> {
  const year = yearOf(today);
  const a = config.annualReport;
  const due = dayMonthInYear(a.dueDate, year);
  const dates = [...new Set(a.unitReminderDates.map((d) => dayMonthInYear(d, year)))].sort();
  const haDate = dayMonthInYear(a.homeAffairsReminderDate, year);
  let unitReminders = 0;
  let haReminders = 0;
  // The reminder whose window [its date, the next reminder date) holds today; the last runs to the due date.
  const idx = dates.findIndex((d, i) => d <= today && (i === dates.length - 1 ? today <= due : today < dates[i + 1]!));
  const needUnits = idx >= 0;
  const needHa = today >= haDate;
  if (!needUnits && !needHa) return { annualUnitReminders: 0, annualHomeAffairsReminders: 0 };
  const status = await submissionStatus(ds, year, config);
  const missing = status.filter((s) => !s.submittedAt);
  if (needUnits) {
    const routing = new RoutingService(ds, config, () => today);
    for (const s of missing) {
      const head = await routing.headOf(s.unit.id);
      if (!head) continue;
      if (
        await send({
          officerId: head.officer.id,
          kind: N.annualUnitReminder,
          data: { year, unitId: s.unit.id, due },
          dedupeKey: `report.unit:${year}:${dates[idx]}:${s.unit.id}`,
        })
      )
        unitReminders++;
    }
  }
  if (needHa) {
    const ha = await homeAffairsHead(ds, config);
    if (
      ha &&
      (await send({
        officerId: ha,
        kind: N.annualHomeAffairsReminder,
        data: { year, missing: missing.map((s) => s.unit.name), all: status.length },
        dedupeKey: `report.home_affairs:${year}:${haDate}`,
      }))
    )
      haReminders++;
  }
  return { annualUnitReminders: unitReminders, annualHomeAffairsReminders: haReminders };
}
