// What implementers report: progress or an obstacle at any time (an obstacle goes to the head and, for
// provincial plans, to the Department of Home Affairs), and the written completion report after which the
// evaluation is due within 07 working days.
import type { ProposalStatus } from '../../entities/proposal.entity.js';
import { Implementation, type ReportFile } from '../../entities/implementation.entity.js';
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { ImplementationReport } from '../../entities/implementation-report.entity.js';
import { recordAudit, transitionProposal } from '../proposals/proposal-state-machine.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';
import { AFTER_DECISION_NOTICES as N, homeAffairsHead, refusal, type Actor, type AfterDecisionResult } from './after-decision-common.js';
import { act, implementerIds } from './implementation-action.js';
import { schedulePeriodic } from './implementation-check-ins.js';

export const IMPLEMENTATION_STATUSES: ProposalStatus[] = ['implementing', 'paused'];

/** A progress report also answers check-ins due within this many working days. */
export const CHECK_IN_ANSWER_WINDOW_WORKING_DAYS = 2;

/** "Báo cáo tiến độ": progress or an obstacle, by an implementer (or the proposer). */
export async function report(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  kind: 'progress' | 'obstacle',
  rawText: string,
  files: ReportFile[] = [],
): Promise<AfterDecisionResult> {
  const text = rawText.trim();
  return act(ctx, actor, proposalId, `impl.${kind}`, async (m, notify, p) => {
    const impl = await m.findOne(Implementation, { where: { proposalId } });
    if (!impl) return refusal('wrong_state', proposalId);
    const members = await implementerIds(m, proposalId);
    if (!members.includes(actor.officerId) && actor.officerId !== p.proposerId) return refusal('not_allowed', proposalId);
    // While paused an obstacle can still be raised; progress resumes with the work.
    if (kind === 'progress' ? p.status !== 'implementing' : !IMPLEMENTATION_STATUSES.includes(p.status))
      return refusal('wrong_state', proposalId);
    if (!text) return refusal('text_required', proposalId);
    const today = ctx.today();
    const [row] = (await m.query(
      `INSERT INTO implementation_report (proposal_id, author_id, kind, text, files, reported_on) VALUES ($1,$2,$3,$4,$5::jsonb,$6) RETURNING id`,
      [proposalId, actor.officerId, kind, text.slice(0, 10_000), JSON.stringify(files), today],
    )) as { id: string }[];
    const reportId = String(row!.id);
    if (kind === 'progress') {
      const window = ctx.calendar.addWorkingDays(today, CHECK_IN_ANSWER_WINDOW_WORKING_DAYS);
      await m.query(
        `UPDATE implementation_check_in SET state = 'reported', report_id = $3 WHERE proposal_id = $1 AND state = 'pending' AND due_date <= $2`,
        [proposalId, window, reportId],
      );
      if (p.status === 'implementing') await schedulePeriodic(ctx, m, proposalId, today, impl.plannedEnd);
    }
    await recordAudit(m, {
      proposalId,
      actorId: actor.officerId,
      channel: actor.channel,
      action: `impl.${kind}`,
      data: { reportId },
      status: p.status,
    });
    const to = new Set([impl.headId, ...(impl.managerId ? [impl.managerId] : [])]);
    if (kind === 'obstacle' && impl.provincial) {
      const ha = await homeAffairsHead(m, ctx.config);
      if (ha) to.add(ha);
    }
    to.delete(actor.officerId);
    for (const id of to) notify({ officerId: id, proposalId, kind: kind === 'obstacle' ? N.obstacle : N.progress, data: { reportId } });
    return {
      ok: true,
      action: kind === 'obstacle' ? 'obstacle_reported' : 'progress_reported',
      proposalId,
      status: p.status,
      data: { homeAffairs: kind === 'obstacle' && impl.provincial },
    };
  });
}

/** The written completion report: implementing → completion_reported; evaluation due in 07 working days. */
export async function reportCompletion(
  ctx: WorkflowStepContext,
  actor: Actor,
  proposalId: string,
  rawText: string,
  files: ReportFile[] = [],
): Promise<AfterDecisionResult> {
  const text = rawText.trim();
  return act(ctx, actor, proposalId, 'impl.complete', async (m, notify, p) => {
    const impl = await m.findOne(Implementation, { where: { proposalId } });
    if (!impl) return refusal('wrong_state', proposalId);
    const members = await implementerIds(m, proposalId);
    if (!members.includes(actor.officerId)) return refusal('not_allowed', proposalId);
    if (['completion_reported', 'evaluating', 'evaluated', 'closed'].includes(p.status)) return refusal('already_done', proposalId);
    if (p.status !== 'implementing') return refusal('wrong_state', proposalId);
    if (!text) return refusal('text_required', proposalId);
    const today = ctx.today();
    const due = ctx.calendar.addWorkingDays(today, ctx.config.evaluation.evaluationWorkingDays);
    await m.insert(ImplementationReport, {
      proposalId,
      authorId: actor.officerId,
      kind: 'completion',
      text: text.slice(0, 20_000),
      files,
      reportedOn: today,
    });
    await m.update(
      Implementation,
      { id: impl.id },
      {
        completionText: text.slice(0, 20_000),
        completionFiles: files,
        completionReportedOn: today,
        completionReporterId: actor.officerId,
        version: impl.version + 1,
      },
    );
    await m.update(ImplementationCheckIn, { proposalId, state: 'pending' }, { state: 'cancelled' });
    await transitionProposal(m, {
      proposalId,
      to: 'completion_reported',
      action: 'impl.complete',
      actorId: actor.officerId,
      channel: actor.channel,
      holderId: impl.headId,
      dueDate: due,
      data: { files: files.length, evaluationDue: due },
    });
    notify({ officerId: impl.headId, proposalId, kind: N.completionReported, data: { due } });
    if (impl.managerId && impl.managerId !== impl.headId)
      notify({ officerId: impl.managerId, proposalId, kind: N.completionReported, data: { due } });
    return { ok: true, action: 'completion_reported', proposalId, status: 'completion_reported', data: { due } };
  });
}
