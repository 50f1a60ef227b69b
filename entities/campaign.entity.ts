import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One question of the check of understanding: three to four options, one of them correct. */
export interface CampaignQuestion {
  question: string;
  options: string[];
  /** Index of the correct option. */
  correct: number;
}

/** A document attached to a campaign: a link, or a text of the knowledge pack (its title and number). */
export interface CampaignDocument {
  title: string;
  url?: string;
}

/**
 * A dissemination campaign (the province's letter, point 1.a: disseminate Decree 73 and Regulation 32 to
 * all officials): a short text sent to every reachable official of a unit and the units below it (or the
 * whole province), with an optional document and check of understanding.
 */
@Entity({ name: 'campaign' })
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** PB-<year>-<n>, what officials type ("ĐÃ ĐỌC PB-2026-0001"). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ name: 'sender_id', type: 'uuid' })
  senderId!: string;

  /** The unit whose subtree receives it; null: the whole province. */
  @Column({ name: 'scope_unit_id', type: 'uuid', nullable: true })
  scopeUnitId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', nullable: true })
  document!: CampaignDocument | null;

  @Column({ type: 'jsonb', nullable: true })
  quiz!: CampaignQuestion[] | null;

  /** Working days after the sending day when officials who have not confirmed get one reminder; 0: none. */
  @Column({ name: 'reminder_working_days', type: 'int' })
  reminderWorkingDays!: number;

  /** The sending day (Vietnam time), from which the reminder is counted. */
  @Column({ name: 'sent_on', type: 'date' })
  sentOn!: string;

  @Column({ type: 'int' })
  recipients!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One official a campaign was sent to; whether it reached them is the state of its outbox row. */
@Entity({ name: 'campaign_recipient' })
export class CampaignRecipient {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  /** The official's unit when the campaign was sent (progress is grouped by it). */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'outbox_id', type: 'bigint', nullable: true })
  outboxId!: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** Chosen option per question. */
  @Column({ type: 'jsonb', nullable: true })
  answers!: number[] | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** How many answers were right. */
  @Column({ type: 'int', nullable: true })
  correct!: number | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;
}
