import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportFile } from './implementation.entity.js';

export const IMPLEMENTATION_REPORT_KINDS = ['progress', 'obstacle', 'completion'] as const;
export type ImplementationReportKind = (typeof IMPLEMENTATION_REPORT_KINDS)[number];

/** What an implementer reported: progress, an obstacle, or the written completion report. */
@Entity({ name: 'implementation_report' })
export class ImplementationReport {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ImplementationReportKind;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  files!: ReportFile[];

  @Column({ name: 'reported_on', type: 'date' })
  reportedOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
