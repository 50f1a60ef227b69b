// Shared by implementation and evaluation: notification kinds, refusals, and how the deciding head is found.
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { logger } from '../platform/logger.js';
import { recordAudit } from '../proposals/proposal-state-machine.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { RoutingService } from '../routing/routing-service.js';

/** Notification kinds rendered by the after-decision feature. */
export const AFTER_DECISION_NOTICES = {
  assignCard: 'impl.assign', // to the deciding head: assign implementers and confirm resources
  managerNamed: 'impl.manager', // to the deputy named to follow the implementation
  assigned: 'impl.assigned', // to each implementer (and the proposer)
  checkIn: 'impl.check_in', // to implementers: progress asked (milestone or periodic)
  progress: 'impl.progress', // to the head (and manager): a progress report
  obstacle: 'impl.obstacle', // to the head, manager and, for provincial plans, Home Affairs
  paused: 'impl.paused',
  resumed: 'impl.resumed',
  stopped: 'impl.stopped',
  completionReminder: 'impl.completion_reminder', // to implementers: report completion within 05 working days
  completionOverdue: 'impl.completion_overdue', // to the head: no completion report after the time limit
  completionReported: 'impl.completion_reported', // to the head: open the evaluation
  evaluationReminder: 'eval.reminder', // to the head: evaluate within 07 working days of the report
  evaluationEscalation: 'eval.escalation', // to Home Affairs: evaluation overdue
  evaluationVote: 'eval.vote_card', // to a voter
  evaluationNotPassed: 'eval.not_passed', // to the head: propose again
  recognitionCard: 'eval.recognition_card', // to the head: choose the recognition (completed)
  proposerOutcome: 'eval.proposer_outcome', // to the proposer: what the evaluation means for them
  implementerOutcome: 'eval.implementer_outcome', // to implementers other than the proposer
  annualUnitReminder: 'report.unit_reminder', // to a unit head: yearly report not submitted yet
  annualHomeAffairsReminder: 'report.home_affairs_reminder', // to Home Affairs: the missing units
  annualSubmitted: 'report.submitted', // to Home Affairs: a unit submitted its report
} as const;

export type AfterDecisionRefusal =
  | 'not_found'
  | 'not_allowed'
  | 'wrong_state'
  | 'already_done'
  | 'text_required'
  | 'no_implementers'
  | 'unknown_officer'
  | 'not_deputy'
  | 'invalid_outcome'
  | 'causes_required'
  | 'invalid_counts'
  | 'vote_not_finished'
  | 'not_voter'
  | 'invalid_recognition'
  | 'not_completed_when_stopped'
  | 'party_consultation_required';

export interface Actor {
  officerId: string;
  channel: string;
}

export type AfterDecisionResult =
  | { ok: true; action: string; proposalId: string; status: string; data?: Record<string, unknown> }
  | { ok: false; reason: AfterDecisionRefusal; proposalId?: string; detail?: string };

/** A refused action (the implementation's and the evaluation's actions alike). */
export function refusal(reason: AfterDecisionRefusal, proposalId: string, detail?: string): AfterDecisionResult {
  return { ok: false, reason, proposalId, ...(detail ? { detail } : {}) };
}

/** The decision that approved the plan (by the collective or in writing), the latest one. */
export async function approvingDecision(m: EntityManager, proposalId: string): Promise<Decision | null> {
  return m.findOne(Decision, { where: { proposalId, outcome: In(['approved', 'approved_by_override']) }, order: { createdAt: 'DESC' } });
}

/** Whether the deciding unit is the Provincial People's Committee (a provincial plan). */
export async function isProvincialUnit(m: EntityManager, unitId: string): Promise<boolean> {
  const unit = await m.findOne(Unit, { where: { id: unitId } });
  return !!unit?.isProvincialCommittee;
}

/** The head (or acting head) of the Department of Home Affairs, or null. */
export async function homeAffairsHead(m: EntityManager | DataSource, config: WorkflowConfig): Promise<string | null> {
  const ha = await m.getRepository(Unit).findOne({ where: { isHomeAffairs: true, active: true }, order: { code: 'ASC' } });
  if (!ha) return null;
  const head = await new RoutingService(m, config).headOf(ha.id);
  return head?.officer.id ?? null;
}

/** A refused action by someone without the right is audited (who tried what), never with the text. */
export async function auditRefusal(
  ds: DataSource,
  actor: Actor,
  proposalId: string | undefined,
  attempted: string,
  reason: AfterDecisionRefusal,
): Promise<void> {
  if (reason !== 'not_allowed' && reason !== 'not_voter') return;
  logger.info({ action: attempted, reason }, 'after-decision action refused');
  if (!proposalId) return;
  await ds.transaction((m) =>
    recordAudit(m, { proposalId, actorId: actor.officerId, channel: actor.channel, action: 'refused', data: { attempted, reason } }),
  );
}

/** Links written in a text ("https://…"), as report files. */
export function extractLinks(text: string): { text: string; files: { name: string; url: string }[] } {
  const files: { name: string; url: string }[] = [];
  const rest = text.replace(/https?:\/\/[^\s<>"']+/g, (url) => {
    const clean = url.replace(/[.,;)]+$/, '');
    let name = clean;
    try {
      const u = new URL(clean);
      name = decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.hostname) || u.hostname;
    } catch {
      return url;
    }
    files.push({ name: name.slice(0, 200), url: clean.slice(0, 2000) });
    return '';
  });
  return { text: rest.replace(/[ \t]+/g, ' ').trim(), files };
}
