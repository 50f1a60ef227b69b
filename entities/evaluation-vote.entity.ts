import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One voter of an evaluation round (the head and the deputies, minus a deputy who is the proposer). */
@Entity({ name: 'evaluation_vote' })
export class EvaluationVote {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'evaluation_id', type: 'uuid' })
  evaluationId!: string;

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
