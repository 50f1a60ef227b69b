// Starting a campaign and recording what officials answer. A campaign is written in one transaction: the
// campaign, one recipient row per reachable official and one outbox row each, all by set-based INSERT …
// SELECT (40,000 officials are three statements, not 40,000 round trips); the outbox's dedupe key
// (campaign, officer) makes a second write of the same row impossible. Delivery starts after commit
// (CampaignDispatcher). Bad input and an audience nobody can reach write nothing.
import type { DataSource } from 'typeorm';
import { Campaign } from '../../entities/campaign.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import { todayVN, yearOf } from '../calendar/local-date.js';
import type { DashboardService } from '../dashboard/dashboard-service.js';
import { campaigns as t } from '../platform/messages/index.js';
import { audienceCounts, REACHABLE_SQL, senderScope, subtree } from './campaign-audience.js';
import { parseAnswers, type CampaignDraft } from './campaign-input.js';

export const CAMPAIGN_NOTICES = { message: 'campaign.message', reminder: 'campaign.reminder' } as const;
export const CAMPAIGN_KINDS = Object.values(CAMPAIGN_NOTICES);

export type StartResult = { ok: true; campaign: Campaign; recipients: number; unreachable: number } | { ok: false; problem: string };

export type ReceiptResult = { ok: true; campaign: Campaign; fresh: boolean; correct?: number } | { ok: false; problem: string };

export class CampaignService {
  constructor(
    private readonly ds: DataSource,
    private readonly dashboards: DashboardService,
    /** Called after commit with the new campaign: delivery starts. */
    private readonly onStarted: () => void = () => undefined,
  ) {}

  /** The unit a sender targets by default (their own headed unit; the province for Home Affairs), or the refusal. */
  async resolveTarget(sender: Officer, unitCode?: string): Promise<{ unitId: string | null; name: string } | { problem: string }> {
    const scope = await senderScope(this.ds, this.dashboards, sender);
    if (scope.kind === 'none') return { problem: t.notAllowed };
    const code = (unitCode ?? '').trim();
    if (!code) {
      if (scope.kind === 'province') return { unitId: null, name: t.labelProvince };
      const unitId = scope.headed[0] ?? sender.unitId;
      return { unitId, name: await this.unitName(unitId) };
    }
    const [unit] = (await this.ds.query(`SELECT id, name FROM unit WHERE lower(code) = lower($1) AND active`, [code])) as {
      id: string;
      name: string;
    }[];
    if (!unit) return { problem: t.unitUnknown(code) };
    if (scope.kind === 'units' && !scope.unitIds.has(unit.id)) return { problem: t.unitOutsideScope(code) };
    return { unitId: unit.id, name: unit.name };
  }

  async start(sender: Officer, draft: CampaignDraft, unitCode?: string): Promise<StartResult> {
    const target = await this.resolveTarget(sender, unitCode);
    if ('problem' in target) return { ok: false, problem: target.problem };
    const units = await subtree(this.ds, target.unitId);
    const counts = await audienceCounts(this.ds, units, sender.id);
    if (counts.reachable === 0) return { ok: false, problem: t.nobodyReachable(target.name, counts.total) };
    const today = todayVN();
    const campaign = await this.ds.transaction(async (m) => {
      // Codes are numbered per year; the lock makes two senders at once take different numbers.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('campaign-code'))`);
      const year = yearOf(today);
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM campaign WHERE code LIKE $1`, [`PB-${year}-%`])) as { n: number }[];
      const saved = await m.getRepository(Campaign).save({
        code: `PB-${year}-${String(n + 1).padStart(4, '0')}`,
        senderId: sender.id,
        scopeUnitId: target.unitId,
        text: draft.text,
        document: draft.document,
        quiz: draft.quiz,
        reminderWorkingDays: draft.reminderWorkingDays,
        sentOn: today,
        recipients: 0,
      });
      await m.query(
        `INSERT INTO campaign_recipient (campaign_id, officer_id, unit_id)
         SELECT $1, o.id, o.unit_id FROM officer o
          WHERE o.active AND o.unit_id = ANY($2::uuid[]) AND o.id <> $3 AND ${REACHABLE_SQL}`,
        [saved.id, units, sender.id],
      );
      const [{ count }] = (await m.query(
        `WITH ins AS (
           INSERT INTO notification_outbox (officer_id, kind, payload, dedupe_key, state, next_attempt_at)
           SELECT r.officer_id, $2, jsonb_build_object('campaignId', r.campaign_id), 'campaign:' || r.campaign_id || ':' || r.officer_id, 'pending', now()
             FROM campaign_recipient r WHERE r.campaign_id = $1
           ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
           RETURNING id, officer_id),
         linked AS (
           UPDATE campaign_recipient r SET outbox_id = ins.id FROM ins WHERE r.campaign_id = $1 AND r.officer_id = ins.officer_id RETURNING 1)
         SELECT count(*)::int AS count FROM linked`,
        [saved.id, CAMPAIGN_NOTICES.message],
      )) as { count: number }[];
      await m.update(Campaign, { id: saved.id }, { recipients: count });
      return { ...saved, recipients: count } as Campaign;
    });
    this.onStarted();
    return { ok: true, campaign, recipients: campaign.recipients, unreachable: counts.total - campaign.recipients };
  }

  async byCode(code: string): Promise<Campaign | null> {
    return this.ds.getRepository(Campaign).findOneBy({ code: code.trim().toUpperCase() });
  }

  async byId(id: string): Promise<Campaign | null> {
    return /^[0-9a-f-]{36}$/i.test(id) ? this.ds.getRepository(Campaign).findOneBy({ id }) : null;
  }

  /** The campaign a receipt is about: the one named, else the latest this officer has not confirmed (or answered). */
  private async target(
    officer: Officer,
    ref: { code?: string; campaignId?: string },
    pending: 'read' | 'answer',
  ): Promise<Campaign | string> {
    if (ref.campaignId || ref.code) {
      const c = ref.campaignId ? await this.byId(ref.campaignId) : await this.byCode(ref.code!);
      if (!c) return t.campaignUnknown(ref.code ?? '');
      return c;
    }
    const [row] = (await this.ds.query(
      `SELECT r.campaign_id FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id
        WHERE r.officer_id = $1 AND ${pending === 'read' ? 'r.read_at IS NULL' : 'r.answered_at IS NULL AND c.quiz IS NOT NULL'}
        ORDER BY c.created_at DESC LIMIT 1`,
      [officer.id],
    )) as { campaign_id: string }[];
    if (!row) return t.nothingToConfirm;
    return (await this.byId(row.campaign_id))!;
  }

  async recordRead(officer: Officer, ref: { code?: string; campaignId?: string }): Promise<ReceiptResult> {
    const campaign = await this.target(officer, ref, 'read');
    if (typeof campaign === 'string') return { ok: false, problem: campaign };
    const updated = await this.update(
      `UPDATE campaign_recipient SET read_at = now() WHERE campaign_id = $1 AND officer_id = $2 AND read_at IS NULL RETURNING 1`,
      [campaign.id, officer.id],
    );
    if (updated) return { ok: true, campaign, fresh: true };
    if (!(await this.isRecipient(campaign.id, officer.id))) return { ok: false, problem: t.notRecipient };
    return { ok: true, campaign, fresh: false };
  }

  private async isRecipient(campaignId: string, officerId: string): Promise<boolean> {
    const rows = (await this.ds.query(`SELECT 1 FROM campaign_recipient WHERE campaign_id = $1 AND officer_id = $2`, [
      campaignId,
      officerId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Rows an UPDATE … RETURNING changed (TypeORM gives [rows, count] for an UPDATE). */
  private async update(sql: string, params: unknown[]): Promise<number> {
    const result = (await this.ds.query(sql, params)) as unknown;
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as unknown[];
    return rows.length;
  }

  /** Records the answers (the first answers are kept); answering counts as having read. */
  async recordAnswers(officer: Officer, ref: { code?: string; campaignId?: string }, answers: string | number[]): Promise<ReceiptResult> {
    const campaign = await this.target(officer, ref, 'answer');
    if (typeof campaign === 'string') return { ok: false, problem: campaign };
    if (!campaign.quiz?.length) return { ok: false, problem: t.noQuiz(campaign.code) };
    const chosen = typeof answers === 'string' ? parseAnswers(answers, campaign.quiz) : answers;
    if (typeof chosen === 'string') return { ok: false, problem: chosen };
    if (
      chosen.length !== campaign.quiz.length ||
      chosen.some((a, i) => !Number.isInteger(a) || a < 0 || a >= campaign.quiz![i]!.options.length)
    )
      return { ok: false, problem: t.answersIncomplete(campaign.quiz.length) };
    const correct = chosen.filter((a, i) => a === campaign.quiz![i]!.correct).length;
    const updated = await this.update(
      `UPDATE campaign_recipient SET answers = $3::jsonb, correct = $4, answered_at = now(), read_at = COALESCE(read_at, now())
        WHERE campaign_id = $1 AND officer_id = $2 AND answered_at IS NULL RETURNING correct`,
      [campaign.id, officer.id, JSON.stringify(chosen), correct],
    );
    if (updated) return { ok: true, campaign, fresh: true, correct };
    const [row] = (await this.ds.query(`SELECT correct FROM campaign_recipient WHERE campaign_id = $1 AND officer_id = $2`, [
      campaign.id,
      officer.id,
    ])) as { correct: number | null }[];
    if (!row) return { ok: false, problem: t.notRecipient };
    return { ok: true, campaign, fresh: false, correct: row.correct ?? 0 };
  }

  async unitName(unitId: string | null): Promise<string> {
    if (!unitId) return t.labelProvince;
    const [u] = (await this.ds.query(`SELECT name FROM unit WHERE id = $1`, [unitId])) as { name: string }[];
    return u?.name ?? '';
  }
}
