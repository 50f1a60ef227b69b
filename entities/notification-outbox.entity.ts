import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * Every proactive message, written before it is sent: what could not be delivered stays here as 'failed'
 * (retried, and listed for the Department of Home Affairs), never dropped. `dedupeKey` makes a reminder
 * sent once even when two processes run the same job.
 */
@Entity({ name: 'notification_outbox' })
@Index(['state', 'nextAttemptAt'])
export class NotificationOutbox {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ type: 'varchar', length: 48 })
  kind!: string;

  /** The channel-neutral reply (BotReply). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Index({ unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 16 })
  state!: OutboxState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
