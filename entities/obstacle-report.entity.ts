import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const OBSTACLE_STATUSES = ['open', 'answered', 'resolved', 'forwarded'] as const;
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];

/** A difficulty in applying the decree, reported by an official at any time (see the migration). */
@Entity({ name: 'obstacle_report' })
export class ObstacleReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** VM-<seq>: the code people type. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  /** The head it was also sent to, when the author chose so. */
  @Column({ name: 'head_id', type: 'uuid', nullable: true })
  headId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  /** A field code of the workflow configuration. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  field!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  provision!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ObstacleStatus;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  /** The report this one was grouped under (similar reports, handled together). */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
