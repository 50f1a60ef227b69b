// Reminders and escalation for plans waiting on a decider (default: 2 working days before the due date
// and on the due date; escalation to the Department of Home Affairs once overdue). Each reminder has a
// dedupe key (decision, offset) in notification_outbox, so two processes running the same job at the same
// time send it once; the outbox's claim makes the delivery itself happen once.
import type { DataSource } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { ballotsOf, onDecision } from '../votes/collective-vote.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { In } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days.js';
import { todayVN } from '../calendar/local-date.js';
import { DECISION_NOTICES } from '../decisions/decision-notices.js';
import { enqueueNotification, type Notifier } from '../notifications/notifier.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';

export interface ReminderRun {
  reminders: number;
  escalations: number;
}

export class ReminderService {
  private readonly config: WorkflowConfig;
  private readonly calendar: WorkingCalendar;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    options: { config: WorkflowConfig; calendar?: WorkingCalendar },
  ) {
    this.config = options.config;
    this.calendar = options.calendar ?? new WorkingCalendar(options.config.calendar);
  }

  /** Enqueues what is due today (idempotent) and delivers it. */
  async run(today: string = todayVN()): Promise<ReminderRun> {
    const m = this.dataSource.manager;
    const open = await m.find(Decision, { where: { state: In(['open', 'vote_open', 'vote_closed']) } });
    const proposals = open.length ? await m.find(Proposal, { where: { id: In(open.map((d) => d.proposalId)) } }) : [];
    const active = new Set(
      proposals.filter((p) => ['in_intake', 'under_review', 'voting', 'party_consultation'].includes(p.status)).map((p) => p.id),
    );
    const ids: string[] = [];
    const result: ReminderRun = { reminders: 0, escalations: 0 };
    const offsets = [...this.config.reminders.offsetsWorkingDays].sort((a, b) => b - a); // e.g. [2, 0]
    for (const d of open) {
      if (!active.has(d.proposalId)) continue;
      if (today <= d.dueDate) {
        // The reminder closest to the due date whose day has come (a missed earlier one is not sent late).
        const due = offsets.filter((o) => this.calendar.addWorkingDays(d.dueDate, -o) <= today).at(-1);
        if (due === undefined) continue;
        const recipients = [d.deciderId];
        if (d.state === 'vote_open') {
          const pending = await ballotsOf(m, onDecision(d.id));
          recipients.push(...pending.filter((v) => v.choice === null && v.voterId !== d.deciderId).map((v) => v.voterId));
        }
        for (const officerId of recipients) {
          const id = await enqueueNotification(m, {
            officerId,
            proposalId: d.proposalId,
            kind: DECISION_NOTICES.reminder,
            data: { decisionId: d.id, offset: this.calendar.workingDaysBetween(today, d.dueDate) },
            dedupeKey: `reminder:${d.id}:${due}:${officerId}`,
          });
          if (id) {
            ids.push(id);
            result.reminders++;
          }
        }
        continue;
      }
      // Overdue.
      if (this.config.escalation.target === 'none') continue;
      if (this.calendar.workingDaysBetween(d.dueDate, today) < this.config.escalation.overdueWorkingDays) continue;
      const target = await this.escalationTarget(d);
      if (!target) continue;
      const id = await enqueueNotification(m, {
        officerId: target,
        proposalId: d.proposalId,
        kind: DECISION_NOTICES.escalation,
        data: { decisionId: d.id },
        dedupeKey: `escalation:${d.id}`,
      });
      if (id) {
        ids.push(id);
        result.escalations++;
      }
    }
    if (ids.length) await this.notifier.deliver(ids);
    return result;
  }

  private async escalationTarget(d: Decision): Promise<string | null> {
    const routing = new RoutingService(this.dataSource, this.config);
    if (this.config.escalation.target === 'home_affairs') {
      const ha = await this.dataSource.manager.findOne(Unit, { where: { isHomeAffairs: true, active: true } });
      return ha ? ((await routing.headOf(ha.id))?.officer.id ?? null) : null;
    }
    // superior_head: the head of the deciding unit's superior employing agency.
    const unit = await this.dataSource.manager.findOne(Unit, { where: { id: d.unitId } });
    const superior = unit?.parentId ? await routing.employingUnit(unit.parentId) : null;
    return superior ? ((await routing.headOf(superior.id))?.officer.id ?? null) : null;
  }
}
