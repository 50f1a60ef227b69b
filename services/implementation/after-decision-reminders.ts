// The reminders after the decision, run by a daily/hourly job with an injectable "today":
//  - an approved plan without implementers: the assignment card to the deciding head (once);
//  - check-ins: implementers asked for progress on each milestone of the plan and at the configured
//    interval (workflow implementation.checkInIntervalWorkingDays);
//  - completion: from the planned end, implementers reminded to report in writing within 05 working days
//    (workflow evaluation.completionReportWorkingDays; on the end date and at the reminder offsets before
//    the time limit); overdue → the head is told;
//  - evaluation: the head reminded before the 07-working-day limit (evaluation.evaluationWorkingDays),
//    with the voters who have not voted; overdue → escalation (workflow escalation.target);
//  - the yearly report: on each unitReminderDates day (01/11, 20/11) the heads of the units that have not
//    submitted, and on homeAffairsReminderDate (30/11) the Department of Home Affairs with the missing units
//    (services/reports/annual-report-reminders.ts).
// Nothing is sent on a day off: a reminder that falls on a weekend, a holiday or a missed run goes out on
// the next working-day run inside its window. Every reminder has a
// dedupe key in notification_outbox, so running the sweep twice (or in two processes) sends it once.
import type { DataSource } from 'typeorm';
import { Unit } from '../../entities/unit.entity.js';
import { todayVN } from '../calendar/local-date.js';
import { WorkingCalendar } from '../calendar/working-days.js';
import { enqueueNotification, type NotificationRequest, type Notifier, type SendNotice } from '../notifications/notifier.js';
import { remindAnnualReports } from '../reports/annual-report-reminders.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { AFTER_DECISION_NOTICES as N, homeAffairsHead } from './after-decision-common.js';

export interface AfterDecisionRun {
  assignCards: number;
  checkIns: number;
  completionReminders: number;
  completionOverdue: number;
  evaluationReminders: number;
  evaluationEscalations: number;
  annualUnitReminders: number;
  annualHomeAffairsReminders: number;
}

export class AfterDecisionReminders {
  private readonly config: WorkflowConfig;
  private readonly calendar: WorkingCalendar;

  constructor(
    private readonly ds: DataSource,
    private readonly notifier: Notifier,
    options: { config: WorkflowConfig; calendar?: WorkingCalendar },
  ) {
    this.config = options.config;
    this.calendar = options.calendar ?? new WorkingCalendar(options.config.calendar);
  }

  async run(today: string = todayVN()): Promise<AfterDecisionRun> {
    // Reminders go out on working days only; what fell on a day off goes out on the next working day.
    if (!this.calendar.isWorkingDay(today))
      return {
        assignCards: 0,
        checkIns: 0,
        completionReminders: 0,
        completionOverdue: 0,
        evaluationReminders: 0,
        evaluationEscalations: 0,
        annualUnitReminders: 0,
        annualHomeAffairsReminders: 0,
      };
    const ids: string[] = [];
    const send: SendNotice = async (n: NotificationRequest) => {
      const id = await enqueueNotification(this.ds, n);
      if (id) ids.push(id);
      return !!id;
    };
    const run: AfterDecisionRun = {
      assignCards: await this.assignCards(send),
      checkIns: await this.checkIns(today, send),
      ...(await this.completion(today, send)),
      ...(await this.evaluation(today, send)),
      ...(await remindAnnualReports(this.ds, this.config, today, send)),
    };
    if (ids.length) await this.notifier.deliver(ids);
    return run;
  }

  /** The offset (working days before due) whose day has come, closest to the due date; undefined before the first. */
  private offsetDue(due: string, today: string): number | undefined {
    const offsets = [...this.config.reminders.offsetsWorkingDays].sort((a, b) => b - a);
    return offsets.filter((o) => this.calendar.addWorkingDays(due, -o) <= today).at(-1);
  }

  private async implementers(proposalId: string): Promise<{ officer_id: string }[]> {
    return (await this.ds.query(`SELECT officer_id FROM implementation_member WHERE proposal_id = $1`, [proposalId])) as {
      officer_id: string;
    }[];
  }

  private async assignCards(send: SendNotice): Promise<number> {
    const rows = (await this.ds.query(
      `SELECT p.id, d.decider_id
         FROM proposal p
         JOIN LATERAL (SELECT decider_id FROM decision WHERE proposal_id = p.id AND outcome IN ('approved','approved_by_override') ORDER BY created_at DESC LIMIT 1) d ON true
        WHERE p.status IN ('approved','approved_by_override')
          AND NOT EXISTS (SELECT 1 FROM implementation i WHERE i.proposal_id = p.id)`,
    )) as { id: string; decider_id: string }[];
    let n = 0;
    for (const r of rows)
      if (await send({ officerId: r.decider_id, proposalId: r.id, kind: N.assignCard, data: {}, dedupeKey: `impl.assign:${r.id}` })) n++;
    return n;
  }

  private async checkIns(today: string, send: SendNotice): Promise<number> {
    const rows = (await this.ds.query(
      `SELECT c.id, c.proposal_id, c.kind, c.due_date::text AS due, i.planned_end::text AS planned_end
         FROM implementation_check_in c
         JOIN proposal p ON p.id = c.proposal_id
         JOIN implementation i ON i.proposal_id = c.proposal_id
        WHERE c.state = 'pending' AND c.due_date <= $1 AND p.status = 'implementing'
        ORDER BY c.due_date`,
      [today],
    )) as { id: string; proposal_id: string; kind: string; due: string; planned_end: string | null }[];
    let n = 0;
    for (const c of rows) {
      const members = await this.implementers(c.proposal_id);
      for (const m of members) {
        if (
          await send({
            officerId: m.officer_id,
            proposalId: c.proposal_id,
            kind: N.checkIn,
            data: { checkInId: String(c.id) },
            dedupeKey: `impl.checkin:${c.id}:${m.officer_id}`,
          })
        )
          n++;
      }
      if (c.kind === 'periodic') {
        // Ask again after the interval, unless a later periodic ask exists or the plan ends first.
        const next = this.calendar.addWorkingDays(c.due, this.config.implementation.checkInIntervalWorkingDays);
        if (!c.planned_end || next < c.planned_end) {
          await this.ds.query(
            `INSERT INTO implementation_check_in (proposal_id, kind, due_date, description, state)
             SELECT $1, 'periodic', $2, '', 'pending'
              WHERE NOT EXISTS (SELECT 1 FROM implementation_check_in WHERE proposal_id = $1 AND kind = 'periodic' AND state = 'pending' AND due_date > $3)`,
            [c.proposal_id, next, c.due],
          );
        }
      }
    }
    return n;
  }

  private async completion(today: string, send: SendNotice): Promise<{ completionReminders: number; completionOverdue: number }> {
    const rows = (await this.ds.query(
      `SELECT p.id, i.head_id, i.manager_id, i.planned_end::text AS planned_end
         FROM proposal p JOIN implementation i ON i.proposal_id = p.id
        WHERE p.status = 'implementing' AND i.planned_end IS NOT NULL AND i.planned_end <= $1`,
      [today],
    )) as { id: string; head_id: string; manager_id: string | null; planned_end: string }[];
    let reminders = 0;
    let overdue = 0;
    for (const r of rows) {
      const due = this.calendar.addWorkingDays(r.planned_end, this.config.evaluation.completionReportWorkingDays);
      if (today <= due) {
        const offset = this.offsetDue(due, today);
        const stage = offset === undefined ? 'end' : String(offset);
        const members = await this.implementers(r.id);
        for (const m of members) {
          if (
            await send({
              officerId: m.officer_id,
              proposalId: r.id,
              kind: N.completionReminder,
              data: { end: r.planned_end, due },
              dedupeKey: `impl.completion:${r.id}:${stage}:${m.officer_id}`,
            })
          )
            reminders++;
        }
        continue;
      }
      if (this.calendar.workingDaysBetween(due, today) < this.config.escalation.overdueWorkingDays) continue;
      for (const to of new Set([r.head_id, ...(r.manager_id ? [r.manager_id] : [])])) {
        if (
          await send({
            officerId: to,
            proposalId: r.id,
            kind: N.completionOverdue,
            data: { due },
            dedupeKey: `impl.completion_overdue:${r.id}:${to}`,
          })
        )
          overdue++;
      }
    }
    return { completionReminders: reminders, completionOverdue: overdue };
  }

  private async evaluation(today: string, send: SendNotice): Promise<{ evaluationReminders: number; evaluationEscalations: number }> {
    const rows = (await this.ds.query(
      `SELECT p.id, p.due_date::text AS due, i.head_id, i.unit_id
         FROM proposal p JOIN implementation i ON i.proposal_id = p.id
        WHERE p.status IN ('completion_reported','evaluating') AND p.due_date IS NOT NULL`,
    )) as { id: string; due: string; head_id: string; unit_id: string }[];
    let reminders = 0;
    let escalations = 0;
    for (const r of rows) {
      if (today <= r.due) {
        const offset = this.offsetDue(r.due, today);
        if (offset === undefined) continue;
        const pending = (await this.ds.query(
          `SELECT v.voter_id FROM collective_vote v JOIN evaluation e ON v.subject_kind = 'evaluation' AND e.id = v.subject_id
            WHERE e.proposal_id = $1 AND e.state = 'vote_open' AND v.choice IS NULL AND v.voter_id <> $2`,
          [r.id, r.head_id],
        )) as { voter_id: string }[];
        for (const to of [r.head_id, ...pending.map((x) => x.voter_id)]) {
          if (
            await send({
              officerId: to,
              proposalId: r.id,
              kind: N.evaluationReminder,
              data: { due: r.due, left: this.calendar.workingDaysBetween(today, r.due) },
              dedupeKey: `eval.reminder:${r.id}:${offset}:${to}`,
            })
          )
            reminders++;
        }
        continue;
      }
      if (this.config.escalation.target === 'none') continue;
      if (this.calendar.workingDaysBetween(r.due, today) < this.config.escalation.overdueWorkingDays) continue;
      const target = await this.escalationTarget(r.unit_id);
      if (
        target &&
        (await send({
          officerId: target,
          proposalId: r.id,
          kind: N.evaluationEscalation,
          data: { due: r.due },
          dedupeKey: `eval.escalation:${r.id}`,
        }))
      )
        escalations++;
    }
    return { evaluationReminders: reminders, evaluationEscalations: escalations };
  }

  private async escalationTarget(unitId: string): Promise<string | null> {
    if (this.config.escalation.target === 'home_affairs') return homeAffairsHead(this.ds, this.config);
    const routing = new RoutingService(this.ds, this.config);
    const unit = await this.ds.manager.findOne(Unit, { where: { id: unitId } });
    const superior = unit?.parentId ? await routing.employingUnit(unit.parentId) : null;
    return superior ? ((await routing.headOf(superior.id))?.officer.id ?? null) : null;
  }
}
