// Approved proposals for the after-decision tests: a submitted plan routed and approved through the real
// DecisionService (a meeting tally), so the implementation starts from what the decision feature leaves.
import type { DataSource } from 'typeorm';
import { DecisionService } from '../../services/decisions/decision-service.js';
import { OutboxOnlyNotifier } from '../../services/notifications/notifier.js';
import { createSubmittedProposal } from './decision-fixtures.js';
import { defaultWorkflowConfig } from '../../services/workflow/workflow-config.js';

export const PLAN_2026 = {
  title: 'Số hóa hồ sơ một cửa',
  necessity: 'Hồ sơ giấy chậm',
  content: 'Quét và ký số',
  startDate: '2026-03-02',
  endDate: '2026-06-30',
  milestones: [
    { date: '2026-04-15', description: 'Xong quét hồ sơ năm 2025' },
    { date: '2026-05-29', description: 'Chạy thử ký số' },
  ],
  resourcesPeople: '3 chuyên viên',
  fundingAmount: '150000000',
  fundingSource: 'Ngân sách tỉnh',
  equipment: '2 máy quét',
};

/** A plan by `proposerId`, approved by its head at a meeting (everyone in favour) after the Party committee's opinion. */
export async function createApprovedProposal(
  ds: DataSource,
  proposerId: string,
  options: { plan?: Record<string, unknown>; today?: () => string } = {},
): Promise<{ id: string; code: string; deciderId: string }> {
  const { id, code } = await createSubmittedProposal(ds, proposerId, { ...PLAN_2026, ...options.plan });
  const service = new DecisionService(ds, new OutboxOnlyNotifier(), {
    config: defaultWorkflowConfig,
    ...(options.today ? { today: options.today } : {}),
  });
  const route = await service.routeSubmitted(id, proposerId);
  if (!route.ok || !('decider' in route)) throw new Error(`routing failed: ${JSON.stringify(route)}`);
  let deciderId = route.decider.id;
  if (route.stage === 'intake') {
    const f = await service.forward({ officerId: deciderId, channel: 'test' }, id);
    if (!f.ok) throw new Error(`forward failed: ${f.reason}`);
    const [row] = (await ds.query(`SELECT decider_id FROM decision WHERE proposal_id = $1 AND state <> 'done'`, [id])) as {
      decider_id: string;
    }[];
    deciderId = row!.decider_id;
  }
  const [{ n }] = (await ds.query(
    `SELECT count(*)::int AS n FROM officer WHERE unit_id = (SELECT unit_id FROM decision WHERE proposal_id = $1 AND state <> 'done') AND role IN ('head','deputy') AND active AND id <> $2`,
    [id, proposerId],
  )) as { n: number }[];
  // Decree 73 Art. 4.3: the Party committee is consulted before the approval (on by default).
  const consulted = await service.recordPartyConsultation({ officerId: deciderId, channel: 'test' }, id, 'Cấp ủy nhất trí');
  if (!consulted.ok) throw new Error(`consultation failed: ${consulted.reason}`);
  const r = await service.recordMeeting({ officerId: deciderId, channel: 'test' }, id, {
    inFavour: n,
    against: 0,
    headInFavour: true,
    participants: 'Tập thể lãnh đạo',
  });
  if (!r.ok || r.status !== 'approved') throw new Error(`approval failed: ${JSON.stringify(r)}`);
  return { id, code, deciderId };
}

export async function statusOf(ds: DataSource, id: string): Promise<string> {
  const [row] = (await ds.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[];
  return row!.status;
}

/** Outbox rows of a kind for an officer (what the bot would deliver). */
export async function noticesFor(
  ds: DataSource,
  officerId: string,
  kind: string,
): Promise<{ proposal_id: string | null; payload: Record<string, unknown>; dedupe_key: string | null }[]> {
  return (await ds.query(
    `SELECT proposal_id, payload, dedupe_key FROM notification_outbox WHERE officer_id = $1 AND kind = $2 ORDER BY id`,
    [officerId, kind],
  )) as never;
}
