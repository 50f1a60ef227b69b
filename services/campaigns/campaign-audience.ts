// Who a campaign may go to and who may see it. A unit head (or acting head today) sends to their unit and
// every unit below it; the Department of Home Affairs (the roles of `dashboard.provinceRoles`) to the whole
// province or any unit. The same rule says who sees progress, with the sender: the heads of the target
// unit and of every unit above it, and Home Affairs.
import type { DataSource, EntityManager } from 'typeorm';
import type { Officer } from '../../entities/officer.entity.js';
import type { DashboardService } from '../dashboard/dashboard-service.js';
import { todayVN } from '../calendar/local-date.js';

export type SenderScope = { kind: 'province' } | { kind: 'units'; unitIds: Set<string>; headed: string[] } | { kind: 'none' };

export async function senderScope(ds: DataSource, dashboards: DashboardService, officer: Officer): Promise<SenderScope> {
  const scope = await dashboards.scopeFor(officer);
  if (scope.kind === 'province') return { kind: 'province' };
  if (scope.kind === 'none') return { kind: 'none' };
  const headed = (await ds.query(
    `SELECT unit_id FROM officer WHERE id = $1 AND active AND role = 'head'
     UNION SELECT unit_id FROM acting_head WHERE officer_id = $1 AND $2::date BETWEEN from_date AND to_date`,
    [officer.id, todayVN()],
  )) as { unit_id: string }[];
  return { kind: 'units', unitIds: new Set(scope.unitIds), headed: headed.map((h) => h.unit_id) };
}

/** The unit and every unit below it (null: every unit). */
export async function subtree(source: DataSource | EntityManager, unitId: string | null): Promise<string[]> {
  const rows = (await source.query(
    unitId === null
      ? `SELECT id FROM unit`
      : `WITH RECURSIVE down AS (SELECT id FROM unit WHERE id = $1 UNION SELECT u.id FROM unit u JOIN down ON u.parent_id = down.id)
         SELECT id FROM down`,
    unitId === null ? [] : [unitId],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** SQL condition on officer `o`: someone a message can reach (a Teams id, or a channel with a stored conversation). */
export const REACHABLE_SQL = `(o.teams_aad_object_id IS NOT NULL OR EXISTS (
  SELECT 1 FROM channel_account a WHERE a.officer_id = o.id AND a.conversation_reference IS NOT NULL))`;

export async function audienceCounts(
  source: DataSource | EntityManager,
  units: string[],
  senderId: string,
): Promise<{ total: number; reachable: number }> {
  const [row] = (await source.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${REACHABLE_SQL})::int AS reachable
       FROM officer o WHERE o.active AND o.unit_id = ANY($1::uuid[]) AND o.id <> $2`,
    [units, senderId],
  )) as { total: number; reachable: number }[];
  return { total: row?.total ?? 0, reachable: row?.reachable ?? 0 };
}

/** Whether this officer may see the progress of a campaign sent by `senderId` to `scopeUnitId`. */
export function maySeeProgress(scope: SenderScope, officer: Officer, campaign: { senderId: string; scopeUnitId: string | null }): boolean {
  if (campaign.senderId === officer.id || scope.kind === 'province') return true;
  return scope.kind === 'units' && campaign.scopeUnitId !== null && scope.unitIds.has(campaign.scopeUnitId);
}
