import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Unit } from './unit.entity.js';

export const OFFICER_ROLES = ['head', 'deputy', 'member'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** A person in the directory. `isManager` decides Decree 73 Art. 2 coverage. */
@Entity({ name: 'officer' })
// One active head per unit, enforced by the database (migration adds the partial unique index).
export class Officer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-cased; the key the directory import matches on. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ name: 'position_title', type: 'varchar', length: 200 })
  positionTitle!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: OfficerRole;

  @Column({ name: 'is_manager', type: 'boolean', default: false })
  isManager!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Index({ unique: true, where: 'teams_aad_object_id IS NOT NULL' })
  @Column({ name: 'teams_aad_object_id', type: 'varchar', length: 64, nullable: true })
  teamsAadObjectId!: string | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
