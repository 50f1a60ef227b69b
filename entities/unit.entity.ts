import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const UNIT_KINDS = ['ubnd_tinh', 'so_nganh', 'ubnd_xa', 'don_vi_su_nghiep', 'phong', 'khac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An agency or a part of one, from the province's directory. Units form a tree through `parent`. */
@Entity({ name: 'unit' })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Unit | null;

  /** Sở Nội vụ: intake for heads' plans at provincial level, sees the routing queue. */
  @Column({ name: 'is_home_affairs', type: 'boolean', default: false })
  isHomeAffairs!: boolean;

  /** UBND tỉnh: its chairman decides the plans of department and commune heads. */
  @Column({ name: 'is_provincial_committee', type: 'boolean', default: false })
  isProvincialCommittee!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
