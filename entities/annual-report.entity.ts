import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A unit's yearly report on encouraging and protecting dynamic, creative officers (the province's task 2:
 * every year before 30/11, through the Department of Home Affairs): the narrative parts the unit writes
 * and whether it has been submitted. The figures are never stored: they are computed from the database.
 */
@Entity({ name: 'annual_report' })
export class AnnualReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text', nullable: true })
  dissemination!: string | null;

  @Column({ type: 'text', nullable: true })
  training!: string | null;

  @Column({ type: 'text', nullable: true })
  recommendations!: string | null;

  @Column({ name: 'document_number', type: 'varchar', length: 32, nullable: true })
  documentNumber!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
