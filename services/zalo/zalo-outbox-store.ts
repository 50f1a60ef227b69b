// The zalo_outbox table: every query of the Zalo outbox (enqueue, the claim with a lease, the end states,
// the release of held messages, the purge). What to do with Zalo's answer is zalo-outbox-service.ts.
import type { DataSource } from 'typeorm';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ZaloButton, ZaloOutboxChannel, ZaloOutboxStatus } from '../../entities/zalo-outbox.entity.js';
import { queryRows } from './zalo-sql.js';

const SEND_LEASE_SECONDS = 60;

export interface OutgoingMessage {
  channel: ZaloOutboxChannel;
  recipientId: string;
  officerId?: string | null;
  replyToMessageId?: string | null;
  text: string;
  buttons?: ZaloButton[] | null;
  /** The notification carried (its kind picks the template when the window has closed). */
  noticeKind?: string | null;
  noticeId?: string | null;
}

export interface OutboxRow {
  id: string;
  channel: ZaloOutboxChannel;
  recipient_id: string;
  officer_id: string | null;
  reply_to_message_id: string | null;
  text: string;
  buttons: ZaloButton[] | null;
  attempts: number;
  notice_kind: string | null;
  notice_id: string | null;
}

export class ZaloOutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(messages: OutgoingMessage[]): Promise<string[]> {
    const ids: string[] = [];
    for (const m of messages) {
      const [row] = await queryRows<{ id: string }>(
        this.dataSource,
        `INSERT INTO zalo_outbox (channel, recipient_id, officer_id, reply_to_message_id, text, buttons, notice_kind, notice_id)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING id`,
        [
          m.channel,
          m.recipientId,
          m.officerId ?? null,
          m.replyToMessageId ?? null,
          m.text,
          m.buttons?.length ? JSON.stringify(m.buttons) : null,
          m.noticeKind ?? null,
          m.noticeId ?? null,
        ],
      );
      ids.push(String(row.id));
    }
    return ids;
  }

  /**
   * Claims, on the given channels, the oldest due message of a recipient with nothing older still open
   * (order per recipient), or a message whose sender's lease expired (a crashed process).
   */
  async claim(channels: string[]): Promise<OutboxRow | undefined> {
    const [row] = await queryRows<OutboxRow>(
      this.dataSource,
      `UPDATE zalo_outbox SET status = 'sending', attempts = attempts + 1,
         lease_until = now() + make_interval(secs => $2::int)
       WHERE id = (
         SELECT o.id FROM zalo_outbox o
         WHERE o.channel = ANY($1::varchar[])
           AND ((o.status = 'pending' AND o.next_attempt_at <= now()) OR (o.status = 'sending' AND o.lease_until < now()))
           AND NOT EXISTS (
             SELECT 1 FROM zalo_outbox p
             WHERE p.channel = o.channel AND p.recipient_id = o.recipient_id AND p.id < o.id
               AND p.status IN ('pending','sending','held'))
         ORDER BY o.id LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, channel, recipient_id, officer_id, reply_to_message_id, text, buttons, attempts, notice_kind, notice_id::text`,
      [channels, SEND_LEASE_SECONDS],
    );
    return row ? { ...row, id: String(row.id), notice_id: row.notice_id === null ? null : String(row.notice_id) } : undefined;
  }

  /** Delivered; a message resent as plain text loses its buttons. */
  async markSent(row: OutboxRow, messageId: string | null, plainText: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), lease_until = NULL, zalo_message_id = $2,
         buttons = CASE WHEN $3::boolean THEN NULL ELSE buttons END
       WHERE id = $1`,
      [row.id, messageId, plainText],
    );
  }

  /** Sent as a template: the later pieces of the same notification are covered by it. */
  async markTemplate(row: OutboxRow, route: string, windowCode: number, messageId?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), lease_until = NULL, route = $2, last_error_code = $3, zalo_message_id = $4
       WHERE id = $1`,
      [row.id, route, windowCode, messageId ?? null],
    );
    if (row.notice_id) {
      await this.dataSource.query(
        `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), route = $2
         WHERE notice_id = $3 AND channel = $4 AND recipient_id = $5 AND id > $1 AND status IN ('pending','held')`,
        [row.id, route, row.notice_id, row.channel, row.recipient_id],
      );
    }
  }

  /** Delivered as a template by the directory's phone number. */
  async markSentByPhone(row: OutboxRow, messageId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), lease_until = NULL, route = 'template_phone', zalo_message_id = $2 WHERE id = $1`,
      [row.id, messageId],
    );
  }

  /** Tried again after `seconds`, or failed for good. */
  async reschedule(row: OutboxRow, status: 'pending' | 'failed', code: number, message: string, seconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = $2, lease_until = NULL, last_error_code = $3, last_error = $4,
         next_attempt_at = now() + make_interval(secs => $5::int)
       WHERE id = $1`,
      [row.id, status, code || null, message.slice(0, 300), seconds],
    );
  }

  /** An end state (failed, held, fallback), with Zalo's code and reason, and the officer filled in. */
  async finish(row: OutboxRow, status: ZaloOutboxStatus, code: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = $2, lease_until = NULL, last_error_code = $3, last_error = $4,
         officer_id = COALESCE(officer_id, (SELECT officer_id FROM channel_account WHERE channel = $5 AND external_user_id = $6))
       WHERE id = $1`,
      [row.id, status, code || null, message.slice(0, 300), row.channel, row.recipient_id],
    );
  }

  /** The officer a message is for: its own, else the one linked to the recipient's Zalo account. */
  async officerOf(row: OutboxRow): Promise<string | null> {
    if (row.officer_id) return row.officer_id;
    const [account] = await queryRows<{ officer_id: string }>(
      this.dataSource,
      `SELECT officer_id FROM channel_account WHERE channel = $1 AND external_user_id = $2`,
      [row.channel, row.recipient_id],
    );
    return account?.officer_id ?? null;
  }

  /** The officer wrote again: messages held for a closed window go out now, in order. */
  async releaseHeld(channel: ZaloChannel, recipientId: string): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE zalo_outbox SET status = 'pending', next_attempt_at = now(), attempts = 0
       WHERE channel = $1 AND recipient_id = $2 AND status = 'held' RETURNING id`,
      [channel, recipientId],
    );
    return rows.length;
  }

  /** Forgets delivered messages after the retention period; held and failed ones stay until handled. */
  async purge(retentionDays: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `DELETE FROM zalo_outbox WHERE status IN ('sent','fallback') AND created_at < now() - make_interval(days => $1::int) RETURNING id`,
      [retentionDays],
    );
    return rows.length;
  }

  /** The earliest time something becomes due (for the poller), or undefined. */
  async nextDueAt(): Promise<Date | undefined> {
    const [row] = await queryRows<{ at: Date | null }>(
      this.dataSource,
      `SELECT min(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) AS at
       FROM zalo_outbox WHERE status IN ('pending','sending')`,
    );
    return row?.at ?? undefined;
  }
}
