// The periodic check-in: implementers are asked for progress every few working days until the planned end.
import type { EntityManager } from 'typeorm';
import { ImplementationCheckIn } from '../../entities/implementation-check-in.entity.js';
import { parseLocalDate } from '../calendar/working-days.js';
import type { WorkflowStepContext } from '../workflow/workflow-step-context.js';

/**
 * Cancels pending periodic check-ins and asks again in `interval` working days (not after the planned
 * end). The count starts at the plan's start date when that is later: no progress is asked before it.
 */
export async function schedulePeriodic(
  ctx: WorkflowStepContext,
  m: EntityManager,
  proposalId: string,
  from: string,
  plannedEnd: string | null,
): Promise<void> {
  await m.update(ImplementationCheckIn, { proposalId, kind: 'periodic', state: 'pending' }, { state: 'cancelled' });
  const [row] = (await m.query(`SELECT plan->>'startDate' AS start FROM proposal WHERE id = $1`, [proposalId])) as {
    start: string | null;
  }[];
  const start = row?.start ? parseLocalDate(row.start) : null;
  const base = start && start > from ? start : from;
  const next = ctx.calendar.addWorkingDays(base, ctx.config.implementation.checkInIntervalWorkingDays);
  if (plannedEnd && next >= plannedEnd) return;
  await m.insert(ImplementationCheckIn, { proposalId, kind: 'periodic', dueDate: next, description: '', state: 'pending' });
}
