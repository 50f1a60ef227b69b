import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ZaloChannel } from './zalo-inbox.entity.js';

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
  channel!: ZaloChannel;

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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
