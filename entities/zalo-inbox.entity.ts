import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ZaloChannel = 'zalo_oa' | 'zalo_bot';
export type ZaloInboxStatus = 'pending' | 'processing' | 'done' | 'ignored' | 'failed';

/** One webhook delivery from Zalo, stored before it is acknowledged; de-duplicated by message id. */
@Entity({ name: 'zalo_inbox' })
@Index(['channel', 'dedupKey'], { unique: true })
export class ZaloInbox {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: ZaloChannel;

  @Column({ name: 'dedup_key', type: 'varchar', length: 160 })
  dedupKey!: string;

  @Column({ name: 'event_name', type: 'varchar', length: 64 })
  eventName!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64, nullable: true })
  userId!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 128, nullable: true })
  messageId!: string | null;

  /** The exact body received (text: ids beyond 2^53 never pass through a JSON number). */
  @Column({ name: 'raw_body', type: 'text' })
  rawBody!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ZaloInboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
