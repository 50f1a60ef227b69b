import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a collective vote decides: a plan (decision, Art. 8.1) or the results of one (evaluation round). */
export type VoteSubjectKind = 'decision' | 'evaluation';

/**
 * One voter of a collective vote (the head and the deputies, minus a deputy who is the proposer); the row
 * exists from the opening, `choice` null until cast. The table also has `decision_id` and `evaluation_id`,
 * generated from the subject, so the subject keeps its foreign key (not mapped: nothing writes them).
 */
@Entity({ name: 'collective_vote' })
@Index(['subjectKind', 'subjectId', 'voterId'], { unique: true })
export class CollectiveVote {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind!: VoteSubjectKind;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

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
