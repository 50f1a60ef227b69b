import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ProposalPlan } from './proposal.entity.js';

/**
 * The history of a proposal's plan: every saved answer while drafting ('edit'), and each frozen
 * version sent to a decider ('submission'), which is what decisions refer to.
 */
@Entity({ name: 'proposal_revision' })
@Index(['proposalId', 'createdAt'])
export class ProposalRevision {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'edit' | 'submission';

  /** For submissions: 1, 2, ... For edits: the submission the edit leads to (current + 1). */
  @Column({ type: 'int' })
  revision!: number;

  /** For edits: the fields changed; for submissions: the whole frozen plan. */
  @Column({ type: 'jsonb' })
  plan!: ProposalPlan;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
