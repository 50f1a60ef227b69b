import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Where a plan is being considered: the Home Affairs intake (provincial heads' plans) or the deciding head. */
export const DECISION_STAGES = ['intake', 'decision'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

/**
 * open: with the decider; vote_open: the collective vote runs; vote_closed: the vote did not pass and the
 * head must choose to proceed in writing or not; done: an outcome is recorded (never reopened).
 */
export const DECISION_STATES = ['open', 'vote_open', 'vote_closed', 'done'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const DECISION_OUTCOMES = ['forwarded', 'returned', 'approved', 'approved_by_override', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface VoteTally {
  voters: number;
  inFavour: number;
  against: number;
  headInFavour: boolean | null;
  passed: boolean;
  /** 'vote' through the bot, or 'meeting' recorded by the head after an in-person meeting. */
  source: 'vote' | 'meeting';
  participants?: string;
  minutes?: string;
}

/** One stage of consideration of one submitted revision. At most one unfinished per proposal (database index). */
@Entity({ name: 'decision' })
@Index(['deciderId', 'state'])
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  /** The submission revision being considered. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'varchar', length: 16 })
  stage!: DecisionStage;

  @Column({ name: 'decider_id', type: 'uuid' })
  deciderId!: string;

  /** The unit whose head decides (whose leadership votes). */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** Art. 7.3 (officer → head) or Art. 7.4 (head → superior head). */
  @Column({ type: 'varchar', length: 16 })
  basis!: string;

  /** The decider holds the post as acting head. */
  @Column({ name: 'decider_acting', type: 'boolean', default: false })
  deciderActing!: boolean;

  @Column({ type: 'varchar', length: 16 })
  state!: DecisionState;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: DecisionOutcome | null;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'jsonb', nullable: true })
  tally!: VoteTally | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** Home Affairs proposed an evaluation council (Hội đồng đánh giá) to the Chairman. */
  @Column({ name: 'council_proposed', type: 'boolean', default: false })
  councilProposed!: boolean;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @VersionColumn({ type: 'int' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
