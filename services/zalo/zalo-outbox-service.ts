// Every message to Zalo goes through the zalo_outbox table: enqueued during the turn, then claimed
// (an atomic UPDATE … RETURNING with a lease) and sent in order per recipient. Failures follow Zalo's
// error codes; nothing is dropped silently: a message ends 'sent', 'fallback' (delivered on another channel),
// 'held' (waiting for the officer to write again) or 'failed' (visible to the Department of Home Affairs).
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ZaloButton, ZaloOutboxChannel, ZaloOutboxStatus } from '../../entities/zalo-outbox.entity.js';
import type { ZaloBotClient } from './zalo-bot-client.js';
import type { ZaloOaClient } from './zalo-oa-client.js';
import type { ZaloSendResult } from './zalo-send-result.js';
import { queryRows } from './zalo-sql.js';
import type { ZaloTemplateSender } from './zalo-template-sender.js';

/** Delivers a text to the officer on another channel (e.g. a proactive Teams message); true when delivered. */
export type FallbackDelivery = (officerId: string, text: string) => Promise<boolean>;

export const MAX_SEND_ATTEMPTS = 8;
const SEND_LEASE_SECONDS = 60;

/** -32: rate limited. -211: out of quota. */
const RATE_LIMITED = new Set([-32]);
const OUT_OF_QUOTA = new Set([-211]);
/** No interaction within 7 days: the consultation window is closed. */
const WINDOW_CLOSED = new Set([-230, -232]);
/** Message type not supported: resend as plain text. */
const TYPE_NOT_SUPPORTED = -233;
/**
 * -213: the person unfollowed the OA. Held like a closed window (after trying another channel): when they
 * follow again or write, the held notices go out once, and the greeting says so.
 */
const NOT_FOLLOWING = -213;
/** -201 invalid field, -227 banned or inactive: no retry on Zalo can help. */
const PERMANENT = new Set([-201, -227]);

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

interface OutboxRow {
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

export interface UndeliveredMessage {
  id: string;
  channel: ZaloOutboxChannel;
  status: ZaloOutboxStatus;
  officerId: string | null;
  officerName: string | null;
  officerEmail: string | null;
  unitName: string | null;
  attempts: number;
  lastErrorCode: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
}

/** Exponential back-off: 30 s, 1 min, 2 min, … capped at 30 min. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 30 * 60);
}

export interface ZaloOutboxDeps {
  oa?: ZaloOaClient;
  bot?: ZaloBotClient;
  fallback?: FallbackDelivery;
  /** Template messages past the 7-day window (ZALO_TEMPLATES); absent: held or fallback as before. */
  templates?: ZaloTemplateSender;
}

export class ZaloOutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: ZaloOutboxDeps,
  ) {}

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
   * Claims the oldest due message of a recipient with nothing older still open (order per recipient),
   * or a message whose sender's lease expired (a crashed process).
   */
  private async claim(): Promise<OutboxRow | undefined> {
    const channels = [this.deps.oa ? 'zalo_oa' : null, this.deps.bot ? 'zalo_bot' : null, this.deps.templates ? 'zalo_phone' : null].filter(
      Boolean,
    );
    if (!channels.length) return undefined;
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

  /** Sends what is due; returns how many messages were handled. */
  async processDue(limit = 100): Promise<number> {
    let handled = 0;
    while (handled < limit) {
      const row = await this.claim();
      if (!row) break;
      handled++;
      try {
        await this.deliver(row);
      } catch (err) {
        // A token that cannot be refreshed, a database hiccup: keep the row and try later.
        logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, outboxId: row.id }, 'zalo send failed');
        await this.retryLater(row, 0, (err as Error).message);
      }
    }
    return handled;
  }

  private async deliver(row: OutboxRow, plainText = false): Promise<void> {
    if (row.channel === 'zalo_phone') return this.deliverByPhone(row);
    const result = await this.send(row, plainText);
    if (result.ok) {
      await this.dataSource.query(
        `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), lease_until = NULL, zalo_message_id = $2,
           buttons = CASE WHEN $3::boolean THEN NULL ELSE buttons END
         WHERE id = $1`,
        [row.id, result.messageId ?? null, plainText],
      );
      return;
    }
    const { code } = result;
    if (row.channel === 'zalo_oa') {
      if (code === TYPE_NOT_SUPPORTED && row.buttons?.length && !plainText) {
        logger.warn({ code, outboxId: row.id }, 'zalo OA refused the message type: resending as plain text');
        return this.deliver(row, true);
      }
      if (RATE_LIMITED.has(code)) {
        logger.warn({ code, outboxId: row.id }, 'zalo OA rate limit: backing off');
        return this.retryLater(row, code, result.message, backoffSeconds(row.attempts));
      }
      if (OUT_OF_QUOTA.has(code)) {
        logger.error({ code, outboxId: row.id }, 'zalo OA out of quota: retrying in an hour');
        return this.retryLater(row, code, result.message, 3600);
      }
      if (WINDOW_CLOSED.has(code) && (await this.sentAsTemplate(row, code))) return;
      if (WINDOW_CLOSED.has(code) || code === NOT_FOLLOWING) return this.fallbackOrHold(row, code, result.message);
      if (PERMANENT.has(code) || code === TYPE_NOT_SUPPORTED) {
        logger.error({ code, outboxId: row.id }, 'zalo OA refused the message permanently');
        return this.fallbackOrFail(row, code, result.message);
      }
    }
    logger.error({ code, channel: row.channel, outboxId: row.id, network: 'network' in result }, 'zalo send error');
    if (row.attempts >= MAX_SEND_ATTEMPTS) return this.fallbackOrFail(row, code, result.message);
    return this.retryLater(row, code, result.message);
  }

  private send(row: OutboxRow, plainText: boolean): Promise<ZaloSendResult> {
    if (row.channel === 'zalo_oa') {
      return this.deps.oa!.send({
        userId: row.recipient_id,
        text: row.text,
        replyToMessageId: row.reply_to_message_id,
        buttons: plainText ? null : row.buttons,
      });
    }
    return this.deps.bot!.sendMessage(row.recipient_id, row.text);
  }

  /**
   * The window has closed: the notification goes out as its kind's template, by Zalo user id, else by
   * the directory's phone number. False when no template is configured for it or both routes failed.
   */
  private async sentAsTemplate(row: OutboxRow, windowCode: number): Promise<boolean> {
    const sender = this.deps.templates;
    const template = sender?.templateOf(row.notice_kind);
    if (!sender || !template) return false;
    const officerId = await this.officerOf(row);
    const data = await sender.dataFor({ ...row, officer_id: officerId }, template);
    const byId = await sender.byUserId(row.recipient_id, template, data);
    if (byId.ok) {
      await this.markTemplate(row, 'template_uid', windowCode, byId.messageId);
      return true;
    }
    logger.warn({ code: byId.code, outboxId: row.id }, 'zalo template by user id refused');
    const phone = await sender.phoneOf(officerId);
    if (!phone) return false;
    const byPhone = await sender.byPhone(phone, template, data, `zo-${row.id}`);
    if (byPhone.ok) {
      await this.markTemplate(row, 'template_phone', windowCode, byPhone.messageId);
      return true;
    }
    logger.warn({ code: byPhone.code, outboxId: row.id }, 'zalo template by phone refused');
    return false;
  }

  /** Sent as a template: the later pieces of the same notification are covered by it. */
  private async markTemplate(row: OutboxRow, route: string, windowCode: number, messageId?: string): Promise<void> {
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

  /** A template message to an officer with no Zalo account linked, by the directory's phone number. */
  private async deliverByPhone(row: OutboxRow): Promise<void> {
    const sender = this.deps.templates!;
    const template = sender.templateOf(row.notice_kind);
    if (!template) return this.finish(row, 'failed', 0, 'no template configured for this kind');
    const result = await sender.byPhone(row.recipient_id, template, await sender.dataFor(row, template), `zo-${row.id}`);
    if (result.ok) {
      await this.dataSource.query(
        `UPDATE zalo_outbox SET status = 'sent', sent_at = now(), lease_until = NULL, route = 'template_phone', zalo_message_id = $2 WHERE id = $1`,
        [row.id, result.messageId ?? null],
      );
      return;
    }
    logger.error({ code: result.code, outboxId: row.id }, 'zalo template by phone refused');
    // No answer or rate limited: later. A refusal (number without Zalo, template or quota problem) does not
    // heal by retrying: failed at once, listed for Home Affairs with Zalo's code.
    if (RATE_LIMITED.has(result.code) || 'network' in result) return this.retryLater(row, result.code, result.message);
    return this.finish(row, 'failed', result.code, result.message);
  }

  private async retryLater(row: OutboxRow, code: number, message: string, seconds = backoffSeconds(row.attempts)): Promise<void> {
    const failed = row.attempts >= MAX_SEND_ATTEMPTS && code !== -32;
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = $2, lease_until = NULL, last_error_code = $3, last_error = $4,
         next_attempt_at = now() + make_interval(secs => $5::int)
       WHERE id = $1`,
      [row.id, failed ? 'failed' : 'pending', code || null, message.slice(0, 300), seconds],
    );
  }

  private async officerOf(row: OutboxRow): Promise<string | null> {
    if (row.officer_id) return row.officer_id;
    const [account] = await queryRows<{ officer_id: string }>(
      this.dataSource,
      `SELECT officer_id FROM channel_account WHERE channel = $1 AND external_user_id = $2`,
      [row.channel, row.recipient_id],
    );
    return account?.officer_id ?? null;
  }

  private async tryFallback(row: OutboxRow): Promise<boolean> {
    if (!this.deps.fallback) return false;
    const officerId = await this.officerOf(row);
    if (!officerId) return false;
    try {
      return await this.deps.fallback(officerId, row.text);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message }, outboxId: row.id }, 'zalo fallback delivery failed');
      return false;
    }
  }

  private async finish(row: OutboxRow, status: ZaloOutboxStatus, code: number, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE zalo_outbox SET status = $2, lease_until = NULL, last_error_code = $3, last_error = $4,
         officer_id = COALESCE(officer_id, (SELECT officer_id FROM channel_account WHERE channel = $5 AND external_user_id = $6))
       WHERE id = $1`,
      [row.id, status, code || null, message.slice(0, 300), row.channel, row.recipient_id],
    );
  }

  private async fallbackOrHold(row: OutboxRow, code: number, message: string): Promise<void> {
    if (await this.tryFallback(row)) {
      logger.info({ code, outboxId: row.id }, 'zalo window closed: delivered on another channel');
      return this.finish(row, 'fallback', code, message);
    }
    logger.warn({ code, outboxId: row.id }, 'zalo window closed: held until the officer writes again');
    return this.finish(row, 'held', code, message);
  }

  private async fallbackOrFail(row: OutboxRow, code: number, message: string): Promise<void> {
    if (await this.tryFallback(row)) return this.finish(row, 'fallback', code, message);
    return this.finish(row, 'failed', code, message);
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

/**
 * Messages not delivered: held for a closed window, failed, retrying after a failure, or waiting for more
 * than an hour (e.g. a channel switched off). For the
 * Department of Home Affairs (CLI `zalo undelivered`) and the integrator's admin views.
 */
export async function listUndeliveredZaloMessages(dataSource: DataSource, limit = 200): Promise<UndeliveredMessage[]> {
  const rows = await queryRows<Record<string, unknown>>(
    dataSource,
    `SELECT z.id, z.channel, z.status, COALESCE(z.officer_id, ca.officer_id) AS officer_id, o.full_name, o.email, u.name AS unit_name,
            z.attempts, z.last_error_code, z.last_error, z.created_at, z.next_attempt_at
     FROM zalo_outbox z
     LEFT JOIN channel_account ca ON ca.channel = z.channel AND ca.external_user_id = z.recipient_id
     LEFT JOIN officer o ON o.id = COALESCE(z.officer_id, ca.officer_id)
     LEFT JOIN unit u ON u.id = o.unit_id
     WHERE z.status IN ('held','failed')
        OR (z.status IN ('pending','sending') AND (z.last_error IS NOT NULL OR z.created_at < now() - interval '1 hour'))
     ORDER BY z.created_at
     LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    channel: r.channel as ZaloOutboxChannel,
    status: r.status as ZaloOutboxStatus,
    officerId: (r.officer_id as string | null) ?? null,
    officerName: (r.full_name as string | null) ?? null,
    officerEmail: (r.email as string | null) ?? null,
    unitName: (r.unit_name as string | null) ?? null,
    attempts: Number(r.attempts),
    lastErrorCode: r.last_error_code === null ? null : Number(r.last_error_code),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as Date,
    nextAttemptAt: r.next_attempt_at as Date,
  }));
}
