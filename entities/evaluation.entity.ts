import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { VoteTally } from './decision.entity.js';

export const EVALUATION_STATES = ['vote_open', 'not_passed', 'passed'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

/** The recognition chosen for a completed proposal (Art. 10, secondary: from the configurable list). */
export interface RecognitionRecord {
  code: string;
  label: string;
  basis: string;
  confidence: string;
}

/**
 * One round of the evaluation of a proposal's results: the head proposes an outcome with the results and
 * the objective and subjective causes (Art. 11.4), the collective leadership (proposer deputy excluded)
 * votes on it, or the head records the tally of a meeting. Passed → the outcome stands; not passed →
 * the head proposes again (a new round).
 */
@Entity({ name: 'evaluation' })
export class Evaluation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** The head who chairs the evaluation (the deciding head). */
  @Column({ name: 'chair_id', type: 'uuid' })
  chairId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: EvaluationState;

  /** services/documents/evaluation-conclusion-document.ts EVALUATION_OUTCOMES. */
  @Column({ type: 'varchar', length: 40 })
  outcome!: 'completed' | 'not_completed_pure_motive' | 'not_completed_with_damage' | 'not_by_policy';

  @Column({ type: 'text' })
  results!: string;

  @Column({ name: 'objective_causes', type: 'text', default: '' })
  objectiveCauses!: string;

  @Column({ name: 'subjective_causes', type: 'text', default: '' })
  subjectiveCauses!: string;

  @Column({ type: 'text', nullable: true })
  damage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  tally!: VoteTally | null;

  /** The provision of Art. 11 that applies: '11.1', '11.2', '11.3'; 'none' when no protection applies (Art. 4.2, 6). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  provision!: string | null;

  /** Whether the proposer was a leader or manager (Art. 2) when the collective concluded; null before it. */
  @Column({ name: 'proposer_covered', type: 'boolean', nullable: true })
  proposerCovered!: boolean | null;

  @Column({ type: 'jsonb', nullable: true })
  recognitions!: RecognitionRecord[] | null;

  @Column({ name: 'recognition_note', type: 'text', nullable: true })
  recognitionNote!: string | null;

  @Column({ name: 'recognized_on', type: 'date', nullable: true })
  recognizedOn!: string | null;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  /** 07 working days from the completion report (secondary basis). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'concluded_on', type: 'date', nullable: true })
  concludedOn!: string | null;

  @VersionColumn({ type: 'int' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
