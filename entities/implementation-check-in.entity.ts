import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHECK_IN_KINDS = ['milestone', 'periodic'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

/** A date on which the implementers are asked for progress: a milestone of the plan, or the periodic ask. */
@Entity({ name: 'implementation_check_in' })
export class ImplementationCheckIn {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CheckInKind;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state!: 'pending' | 'reported' | 'cancelled';

  @Column({ name: 'report_id', type: 'bigint', nullable: true })
  reportId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
