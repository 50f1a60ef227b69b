// Every message to Zalo goes through the zalo_outbox table: enqueued during the turn, then claimed
// (an atomic UPDATE … RETURNING with a lease) and sent in order per recipient. Failures follow Zalo's
// error codes; nothing is dropped silently: a message ends 'sent', 'fallback' (delivered on another channel),
// 'held' (waiting for the officer to write again) or 'failed' (visible to the Department of Home Affairs).
// This file decides what each answer of Zalo means; the queries of the table are zalo-outbox-store.ts.
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ZaloOutboxStatus } from '../../entities/zalo-outbox.entity.js';
import type { ZaloBotClient } from './zalo-bot-client.js';
import type { ZaloOaClient } from './zalo-oa-client.js';
import type { ZaloSendResult } from './zalo-send-result.js';
import { ZaloOutboxStore, type OutboxRow, type OutgoingMessage } from './zalo-outbox-store.js';
import type { ZaloTemplateSender } from './zalo-template-sender.js';

/** Delivers a text to the officer on another channel (e.g. a proactive Teams message); true when delivered. */
export type FallbackDelivery = (officerId: string, text: string) => Promise<boolean>;

export const MAX_SEND_ATTEMPTS = 8;

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
  private readonly store: ZaloOutboxStore;

  constructor(
    dataSource: DataSource,
    private readonly deps: ZaloOutboxDeps,
  ) {
    this.store = new ZaloOutboxStore(dataSource);
  }

  enqueue(messages: OutgoingMessage[]): Promise<string[]> {
    return this.store.enqueue(messages);
  }

  /** The officer wrote again: messages held for a closed window go out now, in order. */
  releaseHeld(channel: ZaloChannel, recipientId: string): Promise<number> {
    return this.store.releaseHeld(channel, recipientId);
  }

  /** Forgets delivered messages after the retention period; held and failed ones stay until handled. */
  purge(retentionDays: number): Promise<number> {
    return this.store.purge(retentionDays);
  }

  /** The earliest time something becomes due (for the poller), or undefined. */
  nextDueAt(): Promise<Date | undefined> {
    return this.store.nextDueAt();
  }

  /** Claims the next due message of the channels this process sends on (order per recipient). */
  private claim(): Promise<OutboxRow | undefined> {
    const channels = [this.deps.oa ? 'zalo_oa' : null, this.deps.bot ? 'zalo_bot' : null, this.deps.templates ? 'zalo_phone' : null].filter(
      (c): c is string => c !== null,
    );
    return channels.length ? this.store.claim(channels) : Promise.resolve(undefined);
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
      return this.store.markSent(row, result.messageId ?? null, plainText);
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
    const officerId = await this.store.officerOf(row);
    const data = await sender.dataFor({ ...row, officer_id: officerId }, template);
    const byId = await sender.byUserId(row.recipient_id, template, data);
    if (byId.ok) {
      await this.store.markTemplate(row, 'template_uid', windowCode, byId.messageId);
      return true;
    }
    logger.warn({ code: byId.code, outboxId: row.id }, 'zalo template by user id refused');
    const phone = await sender.phoneOf(officerId);
    if (!phone) return false;
    const byPhone = await sender.byPhone(phone, template, data, `zo-${row.id}`);
    if (byPhone.ok) {
      await this.store.markTemplate(row, 'template_phone', windowCode, byPhone.messageId);
      return true;
    }
    logger.warn({ code: byPhone.code, outboxId: row.id }, 'zalo template by phone refused');
    return false;
  }

  /** A template message to an officer with no Zalo account linked, by the directory's phone number. */
  private async deliverByPhone(row: OutboxRow): Promise<void> {
    const sender = this.deps.templates!;
    const template = sender.templateOf(row.notice_kind);
    if (!template) return this.finish(row, 'failed', 0, 'no template configured for this kind');
    const result = await sender.byPhone(row.recipient_id, template, await sender.dataFor(row, template), `zo-${row.id}`);
    if (result.ok) {
      return this.store.markSentByPhone(row, result.messageId ?? null);
    }
    logger.error({ code: result.code, outboxId: row.id }, 'zalo template by phone refused');
    // No answer or rate limited: later. A refusal (number without Zalo, template or quota problem) does not
    // heal by retrying: failed at once, listed for Home Affairs with Zalo's code.
    if (RATE_LIMITED.has(result.code) || 'network' in result) return this.retryLater(row, result.code, result.message);
    return this.finish(row, 'failed', result.code, result.message);
  }

  private async retryLater(row: OutboxRow, code: number, message: string, seconds = backoffSeconds(row.attempts)): Promise<void> {
    const failed = row.attempts >= MAX_SEND_ATTEMPTS && code !== -32;
    await this.store.reschedule(row, failed ? 'failed' : 'pending', code, message, seconds);
  }

  private async tryFallback(row: OutboxRow): Promise<boolean> {
    if (!this.deps.fallback) return false;
    const officerId = await this.store.officerOf(row);
    if (!officerId) return false;
    try {
      return await this.deps.fallback(officerId, row.text);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message }, outboxId: row.id }, 'zalo fallback delivery failed');
      return false;
    }
  }

  private finish(row: OutboxRow, status: ZaloOutboxStatus, code: number, message: string): Promise<void> {
    return this.store.finish(row, status, code, message);
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
}
