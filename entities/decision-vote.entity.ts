import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One voter of a collective vote (Art. 8.1); the row exists from the opening, `choice` null until cast. */
@Entity({ name: 'decision_vote' })
@Index(['decisionId', 'voterId'], { unique: true })
export class DecisionVote {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @Column({ name: 'voter_id', type: 'uuid' })
  voterId!: string;

  @Column({ name: 'is_head', type: 'boolean', default: false })
  isHead!: boolean;

  @Column({ type: 'varchar', length: 8, nullable: true })
  choice!: 'for' | 'against' | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'voted_at', type: 'timestamptz', nullable: true })
  votedAt!: Date | null;
}
