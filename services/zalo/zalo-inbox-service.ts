// Webhook deliveries are stored before they are acknowledged and processed afterwards by a worker.
// Delivery is at least once: a duplicate (same message id, or same body for events without one) is
// dropped by the unique index. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, in order per
// user; a process that dies mid-turn leaves a lease that expires, and the row is processed again.
import type { DataSource } from 'typeorm';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import { dedupKey, type ZaloEvent } from './zalo-events.js';
import { queryRows } from './zalo-sql.js';

export const INBOX_LEASE_SECONDS = 120;
export const MAX_PROCESS_ATTEMPTS = 5;

export interface InboxRow {
  id: string;
  channel: ZaloChannel;
  raw_body: string;
  attempts: number;
}

export class ZaloInboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a delivery; false when it was already there (a replay). */
  async store(event: ZaloEvent, raw: Buffer): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `INSERT INTO zalo_inbox (channel, dedup_key, event_name, user_id, message_id, raw_body, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel, dedup_key) DO NOTHING RETURNING id`,
      [
        event.channel,
        dedupKey(event, raw),
        event.eventName.slice(0, 64),
        event.userId ?? null,
        event.messageId ?? null,
        // Receipts, echoes and submitted forms are acknowledged, not acted on: their content is not kept.
        event.kind === 'ignored' ? '' : raw.toString('utf8'),
        event.kind === 'ignored' ? 'ignored' : 'pending',
      ],
    );
    return rows.length > 0;
  }

  async claim(channels: ZaloChannel[]): Promise<InboxRow | undefined> {
    if (!channels.length) return undefined;
    const [row] = await queryRows<InboxRow>(
      this.dataSource,
      `UPDATE zalo_inbox SET status = 'processing', attempts = attempts + 1,
         lease_until = now() + make_interval(secs => $2::int)
       WHERE id = (
         SELECT i.id FROM zalo_inbox i
         WHERE i.channel = ANY($1::varchar[])
           AND ((i.status = 'pending' AND i.next_attempt_at <= now()) OR (i.status = 'processing' AND i.lease_until < now()))
           AND NOT EXISTS (
             SELECT 1 FROM zalo_inbox p
             WHERE p.channel = i.channel AND p.user_id = i.user_id AND p.id < i.id AND p.status IN ('pending','processing'))
         ORDER BY i.id LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, channel, raw_body, attempts`,
      [channels, INBOX_LEASE_SECONDS],
    );
    return row ? { ...row, id: String(row.id) } : undefined;
  }

  /** Done: the body (message text) is not kept once processed; the row stays for de-duplication. */
  async complete(id: string, status: 'done' | 'ignored' = 'done'): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_inbox SET status = $2, processed_at = now(), lease_until = NULL, raw_body = '' WHERE id = $1`,
      [id, status],
    );
  }

  /** Forgets finished deliveries after the retention period (Zalo redelivers within minutes, not days). */
  async purge(retentionDays: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `DELETE FROM zalo_inbox WHERE status IN ('done','ignored') AND received_at < now() - make_interval(days => $1::int) RETURNING id`,
      [retentionDays],
    );
    return rows.length;
  }

  /** A turn that threw: retried with back-off, then left 'failed' (visible, never deleted). */
  async fail(row: InboxRow, error: string): Promise<void> {
    const failed = row.attempts >= MAX_PROCESS_ATTEMPTS;
    await this.dataSource.query(
      `UPDATE zalo_inbox SET status = $2, lease_until = NULL, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::int)
       WHERE id = $1`,
      [row.id, failed ? 'failed' : 'pending', error.slice(0, 300), 15 * 2 ** Math.max(0, row.attempts - 1)],
    );
  }

  async nextDueAt(): Promise<Date | undefined> {
    const [row] = await queryRows<{ at: Date | null }>(
      this.dataSource,
      `SELECT min(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) AS at
       FROM zalo_inbox WHERE status IN ('pending','processing')`,
    );
    return row?.at ?? undefined;
  }
}
