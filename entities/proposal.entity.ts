import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Officer } from './officer.entity.js';
import { Unit } from './unit.entity.js';

/**
 * The life of a proposal. Transitions between these live in one state machine in services/ (never set
 * `status` anywhere else).
 */
export const PROPOSAL_STATUSES = [
  'draft', // being written by the proposer
  'submitted', // frozen, waiting to be routed
  'routing_failed', // no decider found: in the Home Affairs queue, never lost
  'in_intake', // at the Department of Home Affairs (heads' plans at provincial level)
  'under_review', // with the deciding head
  'party_consultation', // optional step: consulting the same-level Party committee
  'voting', // collective leadership vote open
  'returned', // returned to the proposer for changes
  'approved', // passed by the collective leadership
  'approved_by_override', // not passed, but the head decided in writing to proceed (Art. 8.1)
  'rejected', // not passed and not carried out
  'implementing',
  'paused',
  'stopped',
  'completion_reported',
  'evaluating',
  'evaluated',
  'closed',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One money amount in đồng, kept as a string of digits (bigint) to stay exact. */
export interface PlanMilestone {
  date: string; // YYYY-MM-DD
  description: string;
}

export interface ConditionCheck {
  met: boolean;
  reason: string;
}

/** The plan of Art. 7.2, as the officer wrote it. Every field optional while drafting. */
export interface ProposalPlan {
  title?: string;
  field?: string;
  // (a)
  necessity?: string;
  purpose?: string;
  requirements?: string;
  bottleneck?: string;
  uncoveredDocuments?: string;
  // (b)
  content?: string;
  scope?: string;
  implementers?: string;
  startDate?: string;
  endDate?: string;
  milestones?: PlanMilestone[];
  resourcesPeople?: string;
  fundingAmount?: string; // đồng, digits only
  fundingSource?: string;
  equipment?: string;
  feasibility?: string;
  // (c)
  positiveImpacts?: string;
  negativeImpacts?: string;
  expectedResults?: string;
  // Art. 5 self-check
  conditions?: { c1?: ConditionCheck; c2?: ConditionCheck; c3?: ConditionCheck; c4?: ConditionCheck };
  // The library of innovations (services/library/)
  /** The proposer agreed, at submission, that the library names them (default: only the unit). */
  nameInLibrary?: boolean;
  /** A plan started from a library entry ("áp dụng tại đơn vị tôi"): the source, named in the plan. */
  source?: PlanSource;
  /** Codes of similar proposals the proposer chose to join forces with. */
  joinWith?: string[];
}

export interface PlanSource {
  code: string;
  title: string;
  unitName: string;
}

@Entity({ name: 'proposal' })
@Index(['proposerId', 'status'])
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Readable code given at first submission, unique per year without gaps: ĐX-2026-0001. */
  @Index({ unique: true, where: 'code IS NOT NULL' })
  @Column({ type: 'varchar', length: 32, nullable: true })
  code!: string | null;

  @Column({ type: 'varchar', length: 32 })
  status!: ProposalStatus;

  @Column({ name: 'proposer_id', type: 'uuid' })
  proposerId!: string;

  @ManyToOne(() => Officer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposer_id' })
  proposer?: Officer;

  /** The proposer's unit when the draft was started (the directory may change later). */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  field!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  plan!: ProposalPlan;

  /** Revision number of the latest frozen (submitted) plan; 0 while never submitted. */
  @Column({ name: 'current_revision', type: 'int', default: 0 })
  currentRevision!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Who must act now (decider, intake officer, implementer...), for "việc chờ tôi" and reminders. */
  @Column({ name: 'holder_id', type: 'uuid', nullable: true })
  holderId!: string | null;

  /** Due date of the current stage, a calendar date in Vietnam (YYYY-MM-DD). */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** Optimistic lock: a stale card or a double click sees the current state instead of overwriting it. */
  @VersionColumn({ type: 'int' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
