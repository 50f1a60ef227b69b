import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ZaloChannel } from './zalo-inbox.entity.js';

/** zalo_phone: a template message addressed by the directory's phone number (no Zalo account linked). */
export type ZaloOutboxChannel = ZaloChannel | 'zalo_phone';

export type ZaloOutboxStatus = 'pending' | 'sending' | 'sent' | 'held' | 'fallback' | 'failed';

export interface ZaloButton {
  title: string;
  /** The typed command the button sends back as an ordinary text message. */
  payload: string;
}

/**
 * One message to send on Zalo, with retries. `held`: Zalo refused it (no interaction for 7 days) and no
 * other channel took it; it is sent when the officer writes again. `fallback`: delivered on another channel.
 */
@Entity({ name: 'zalo_outbox' })
@Index(['channel', 'recipientId', 'id'])
export class ZaloOutbox {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: ZaloOutboxChannel;

  @Column({ name: 'recipient_id', type: 'varchar', length: 64 })
  recipientId!: string;

  @Column({ name: 'officer_id', type: 'uuid', nullable: true })
  officerId!: string | null;

  /** The user's message this answers (OA `recipient.message_id`: a free reply, not a paid message). */
  @Column({ name: 'reply_to_message_id', type: 'varchar', length: 128, nullable: true })
  replyToMessageId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', nullable: true })
  buttons!: ZaloButton[] | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ZaloOutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error_code', type: 'int', nullable: true })
  lastErrorCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'zalo_message_id', type: 'varchar', length: 128, nullable: true })
  zaloMessageId!: string | null;

  /** The notification this message carries (its kind picks the template past the 7-day window). */
  @Column({ name: 'notice_kind', type: 'varchar', length: 48, nullable: true })
  noticeKind!: string | null;

  @Column({ name: 'notice_id', type: 'bigint', nullable: true })
  noticeId!: string | null;

  /** How it went out when not as a consultation message: 'template_uid' or 'template_phone'. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  route!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
