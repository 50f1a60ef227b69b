import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A file the implementer points to (a link; the bot does not store the file itself). */
export interface ReportFile {
  name: string;
  url: string;
}

/**
 * The follow-up of an approved plan (one per proposal): who decided, who carries it out, the resources
 * confirmed by the deciding head (province letter point 1.c: secure conditions, equipment, people,
 * funding), and the written completion report.
 */
@Entity({ name: 'implementation' })
export class Implementation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  /** The decision that approved the plan (vote or written override). */
  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  /** The deciding unit (whose collective leadership also evaluates the results). */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** The deciding head. */
  @Column({ name: 'head_id', type: 'uuid' })
  headId!: string;

  /** A deputy the head named to follow the implementation. */
  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  /** Decided by the Chairman of the Provincial People's Committee: obstacles also go to Home Affairs. */
  @Column({ type: 'boolean', default: false })
  provincial!: boolean;

  @Column({ name: 'resources_people', type: 'text', default: '' })
  resourcesPeople!: string;

  @Column({ name: 'resources_funding', type: 'text', default: '' })
  resourcesFunding!: string;

  @Column({ name: 'resources_equipment', type: 'text', default: '' })
  resourcesEquipment!: string;

  @Column({ name: 'resources_confirmed_by', type: 'uuid', nullable: true })
  resourcesConfirmedBy!: string | null;

  @Column({ name: 'assigned_on', type: 'date' })
  assignedOn!: string;

  /** The plan's end date (YYYY-MM-DD), when it has one. */
  @Column({ name: 'planned_end', type: 'date', nullable: true })
  plannedEnd!: string | null;

  @Column({ name: 'completion_text', type: 'text', nullable: true })
  completionText!: string | null;

  @Column({ name: 'completion_files', type: 'jsonb', default: () => "'[]'::jsonb" })
  completionFiles!: ReportFile[];

  @Column({ name: 'completion_reported_on', type: 'date', nullable: true })
  completionReportedOn!: string | null;

  @Column({ name: 'completion_reporter_id', type: 'uuid', nullable: true })
  completionReporterId!: string | null;

  @VersionColumn({ type: 'int' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
