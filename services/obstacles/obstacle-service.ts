// Obstacle reports at any time (province letter point 2.c): any official reports a difficulty in applying
// the decree; it goes to the Department of Home Affairs (its head is notified) and, when the official
// chooses, to the head of their employing unit. Home Affairs answers, groups similar reports, marks them
// resolved or forwarded as a policy proposal; the author is told each step. Every change is one
// transaction with its audit event and its notifications (outbox, delivered after commit).
// Who reads a report: its author, the head it was sent to, and the officers of the Home Affairs unit.
import type { DataSource, EntityManager } from 'typeorm';
import { ObstacleReport, type ObstacleStatus } from '../../entities/obstacle-report.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { homeAffairsHead } from '../implementation/after-decision-common.js';
import { runWithNotices, type Notifier } from '../notifications/notifier.js';
import { recordAudit } from '../proposals/proposal-state-machine.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';

export const OBSTACLE_TEXT_MAX = 4000;

/** Notification kinds of this feature. */
export const OBSTACLE_NOTICES = {
  received: 'obstacle.received', // to the Home Affairs head and the chosen head: a new report
  update: 'obstacle.update', // to the author: answered, grouped, resolved or forwarded
} as const;

export type ObstacleAction = 'answered' | 'grouped' | 'resolved' | 'forwarded';

export interface NewObstacle {
  text: string;
  field?: string | null;
  provision?: string | null;
  toHead: boolean;
}

export type ObstacleRefusal =
  | 'text_required'
  | 'text_too_long'
  | 'no_home_affairs'
  | 'not_found'
  | 'not_home_affairs'
  | 'answer_required'
  | 'group_target'
  | 'group_self'
  | 'closed';

export type ObstacleResult = { ok: true; report: ObstacleReport; headName?: string | null } | { ok: false; reason: ObstacleRefusal };

export function obstacleCode(report: Pick<ObstacleReport, 'seq'>): string {
  return `VM-${report.seq}`;
}

/** "VM-12", "vm 12", "12" → 12; anything else undefined. */
export function parseObstacleCode(input: unknown): string | undefined {
  const m = /^(?:vm[-\s]?)?(\d{1,12})$/i.exec(String(input ?? '').trim());
  return m ? String(Number(m[1])) : undefined;
}

export class ObstacleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    private readonly config: WorkflowConfig,
  ) {}

  /** The head of the officer's employing unit (not the officer themself), or null. */
  async headFor(officer: Officer): Promise<Officer | null> {
    const routing = new RoutingService(this.dataSource, this.config);
    const unit = await routing.employingUnit(officer.unitId);
    const head = unit ? await routing.headOf(unit.id) : null;
    return head && head.officer.id !== officer.id ? head.officer : null;
  }

  async isHomeAffairs(officerId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM officer o JOIN unit u ON u.id = o.unit_id WHERE o.id = $1 AND o.active AND u.is_home_affairs`,
      [officerId],
    )) as unknown[];
    return rows.length > 0;
  }

  async report(author: Officer, input: NewObstacle, channel: string): Promise<ObstacleResult> {
    const text = input.text.trim();
    if (!text) return { ok: false, reason: 'text_required' };
    if (text.length > OBSTACLE_TEXT_MAX) return { ok: false, reason: 'text_too_long' };
    const haHead = await homeAffairsHead(this.dataSource, this.config);
    if (!haHead) return { ok: false, reason: 'no_home_affairs' };
    const head = input.toHead ? await this.headFor(author) : null;
    const field = input.field && this.config.fields.some((f) => f.code === input.field) ? input.field : null;
    const report = await runWithNotices(this.dataSource, this.notifier, async (m, notify) => {
      const [row] = (await m.query(
        `INSERT INTO obstacle_report (author_id, unit_id, head_id, text, field, provision, channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [author.id, author.unitId, head?.id ?? null, text, field, input.provision?.trim().slice(0, 300) || null, channel.slice(0, 16)],
      )) as { id: string }[];
      const saved = await m.findOneByOrFail(ObstacleReport, { id: row!.id });
      await this.audit(m, author.id, channel, 'obstacle.reported', saved, null);
      for (const to of new Set([haHead, ...(head ? [head.id] : [])])) {
        if (to !== author.id) notify({ officerId: to, kind: OBSTACLE_NOTICES.received, data: { obstacleId: saved.id } });
      }
      return saved;
    });
    return { ok: true, report, headName: head?.fullName ?? null };
  }

  /** Home Affairs: answer, group under another report, mark resolved, or forward as a policy proposal. */
  async act(
    actor: Officer,
    code: string,
    action: ObstacleAction,
    note: string,
    channel: string,
    groupInto?: string,
  ): Promise<ObstacleResult> {
    if (!(await this.isHomeAffairs(actor.id))) return { ok: false, reason: 'not_home_affairs' };
    const seq = parseObstacleCode(code);
    if (!seq) return { ok: false, reason: 'not_found' };
    const text = note.trim().slice(0, OBSTACLE_TEXT_MAX);
    if (action === 'answered' && !text) return { ok: false, reason: 'answer_required' };
    const intoSeq = action === 'grouped' ? parseObstacleCode(groupInto) : undefined;
    if (action === 'grouped' && !intoSeq) return { ok: false, reason: 'group_target' };
    return runWithNotices(this.dataSource, this.notifier, async (m, notify): Promise<ObstacleResult> => {
      const report = await m
        .getRepository(ObstacleReport)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.seq = :seq', { seq })
        .getOne();
      if (!report) return { ok: false, reason: 'not_found' };
      if (report.status === 'resolved' || report.status === 'forwarded') return { ok: false, reason: 'closed' };
      const from = report.status;
      const data: Record<string, unknown> = {};
      if (action === 'grouped') {
        const into = await m.findOne(ObstacleReport, { where: { seq: intoSeq! } });
        if (!into) return { ok: false, reason: 'not_found' };
        if (into.id === report.id) return { ok: false, reason: 'group_self' };
        report.groupId = into.groupId ?? into.id;
        data.into = obstacleCode(into);
      } else {
        const status: ObstacleStatus = action;
        report.status = status;
        if (text) report.answer = text;
      }
      report.updatedAt = new Date();
      await m.save(report);
      await this.audit(m, actor.id, channel, `obstacle.${action}`, report, from, data.into as string | undefined);
      notify({ officerId: report.authorId, kind: OBSTACLE_NOTICES.update, data: { obstacleId: report.id, action, ...data } });
      return { ok: true, report };
    });
  }

  private async audit(
    m: EntityManager,
    actorId: string,
    channel: string,
    action: string,
    r: ObstacleReport,
    from: string | null,
    into?: string,
  ) {
    await recordAudit(m, {
      proposalId: null,
      actorId,
      channel,
      action,
      data: { obstacleId: r.id, code: obstacleCode(r), from, to: r.status, ...(into ? { into } : {}) },
      status: r.status,
    });
  }

  /** The report if this officer may read it (author, chosen head, Home Affairs), else null. */
  async readable(officer: Officer, code: string): Promise<ObstacleReport | null> {
    const seq = parseObstacleCode(code);
    if (!seq) return null;
    const report = await this.dataSource.getRepository(ObstacleReport).findOne({ where: { seq } });
    if (!report) return null;
    if (report.authorId === officer.id || report.headId === officer.id || (await this.isHomeAffairs(officer.id))) return report;
    return null;
  }

  async byId(id: string): Promise<ObstacleReport | null> {
    return this.dataSource.getRepository(ObstacleReport).findOne({ where: { id } });
  }

  /** The names a card shows: author, unit, group code. */
  async namesOf(r: ObstacleReport): Promise<{ author: string; unit: string; group: string | null }> {
    const author = await this.dataSource.getRepository(Officer).findOne({ where: { id: r.authorId } });
    const unit = await this.dataSource.getRepository(Unit).findOne({ where: { id: r.unitId } });
    const group = r.groupId ? await this.byId(r.groupId) : null;
    return { author: author?.fullName ?? '', unit: unit?.name ?? '', group: group ? obstacleCode(group) : null };
  }

  /** What an officer may list: Home Affairs everything, a head what was sent to them, anyone their own. */
  async listFor(officer: Officer, onlyOpen = false): Promise<ObstacleListItem[]> {
    const all = await this.isHomeAffairs(officer.id);
    const rows = (await this.dataSource.query(
      `SELECT r.seq::text AS seq, r.field, r.status, r.provision, r.created_at, o.full_name AS author, u.name AS unit, g.seq::text AS group_seq
       FROM obstacle_report r JOIN officer o ON o.id = r.author_id JOIN unit u ON u.id = r.unit_id
       LEFT JOIN obstacle_report g ON g.id = r.group_id
       WHERE ($1::boolean OR r.author_id = $2 OR r.head_id = $2) AND (NOT $3::boolean OR r.status IN ('open','answered'))
       ORDER BY r.field NULLS LAST, r.status, r.seq`,
      [all, officer.id, onlyOpen],
    )) as {
      seq: string;
      field: string | null;
      status: ObstacleStatus;
      provision: string | null;
      created_at: Date;
      author: string;
      unit: string;
      group_seq: string | null;
    }[];
    return rows.map((r) => ({
      code: `VM-${r.seq}`,
      field: r.field,
      status: r.status,
      provision: r.provision,
      createdAt: r.created_at,
      author: r.author,
      unit: r.unit,
      group: r.group_seq ? `VM-${r.group_seq}` : null,
    }));
  }
}

export interface ObstacleListItem {
  code: string;
  field: string | null;
  status: ObstacleStatus;
  provision: string | null;
  createdAt: Date;
  author: string;
  unit: string;
  group: string | null;
}
