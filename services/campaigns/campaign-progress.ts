// Progress of a campaign per unit: how many officials it was sent to, reached (its outbox row delivered),
// read ("Đã đọc"), answered and answered all three questions right. One aggregate query over the
// recipients, however many there are.
import type { DataSource } from 'typeorm';
import { Campaign } from '../../entities/campaign.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { DashboardService } from '../dashboard/dashboard-service.js';
import { maySeeProgress, senderScope } from './campaign-audience.js';

export interface ProgressCounts {
  recipients: number;
  reached: number;
  read: number;
  answered: number;
  correct: number;
}

export interface UnitProgress extends ProgressCounts {
  unitId: string;
  unitCode: string;
  unitName: string;
}

export interface CampaignProgress {
  campaign: Campaign;
  senderName: string;
  scopeName: string;
  units: UnitProgress[];
  totals: ProgressCounts;
  /** Outbox rows not delivered yet (waiting, or failed and to be retried). */
  pending: number;
}

export class CampaignProgressService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: DashboardService,
  ) {}

  async maySee(officer: Officer, campaign: Campaign): Promise<boolean> {
    return maySeeProgress(await senderScope(this.ds, this.dashboards, officer), officer, campaign);
  }

  /** The campaigns this officer may follow, newest first. */
  async visible(officer: Officer, limit = 20): Promise<Campaign[]> {
    const scope = await senderScope(this.ds, this.dashboards, officer);
    if (scope.kind === 'province') return this.ds.getRepository(Campaign).find({ order: { createdAt: 'DESC' }, take: limit });
    const units = scope.kind === 'units' ? [...scope.unitIds] : [];
    return this.ds
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .where('c.sender_id = :me OR c.scope_unit_id = ANY(:units)', { me: officer.id, units })
      .orderBy('c.created_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  async progress(campaign: Campaign): Promise<CampaignProgress> {
    const rows = (await this.ds.query(
      `SELECT r.unit_id, u.code, u.name, count(*)::int AS recipients,
              count(*) FILTER (WHERE n.state = 'sent')::int AS reached,
              count(*) FILTER (WHERE n.state IS DISTINCT FROM 'sent')::int AS pending,
              count(*) FILTER (WHERE r.read_at IS NOT NULL)::int AS read,
              count(*) FILTER (WHERE r.answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE r.correct = $2)::int AS correct
         FROM campaign_recipient r
         JOIN unit u ON u.id = r.unit_id
         LEFT JOIN notification_outbox n ON n.id = r.outbox_id
        WHERE r.campaign_id = $1
        GROUP BY r.unit_id, u.code, u.name
        ORDER BY u.name`,
      [campaign.id, campaign.quiz?.length ?? -1],
    )) as {
      unit_id: string;
      code: string;
      name: string;
      recipients: number;
      reached: number;
      pending: number;
      read: number;
      answered: number;
      correct: number;
    }[];
    const totals: ProgressCounts = { recipients: 0, reached: 0, read: 0, answered: 0, correct: 0 };
    let pending = 0;
    const units = rows.map((r) => {
      const u = {
        unitId: r.unit_id,
        unitCode: r.code,
        unitName: r.name,
        recipients: r.recipients,
        reached: r.reached,
        read: r.read,
        answered: r.answered,
        correct: r.correct,
      };
      for (const k of Object.keys(totals) as (keyof ProgressCounts)[]) totals[k] += u[k];
      pending += r.pending;
      return u;
    });
    const [names] = (await this.ds.query(
      `SELECT (SELECT full_name FROM officer WHERE id = $1) AS sender, (SELECT name FROM unit WHERE id = $2) AS scope`,
      [campaign.senderId, campaign.scopeUnitId],
    )) as { sender: string | null; scope: string | null }[];
    return { campaign, senderName: names?.sender ?? '', scopeName: names?.scope ?? '', units, totals, pending };
  }
}
