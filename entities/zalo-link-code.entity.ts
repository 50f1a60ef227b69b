import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time code that links a Zalo account to an officer; only its SHA-256 is stored. */
@Entity({ name: 'zalo_link_code' })
export class ZaloLinkCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @Index({ unique: true })
  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'used_by_channel', type: 'varchar', length: 16, nullable: true })
  usedByChannel!: string | null;

  @Column({ name: 'used_by_user_id', type: 'varchar', length: 64, nullable: true })
  usedByUserId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Every attempt to use a link code, for rate limiting. */
@Entity({ name: 'zalo_link_attempt' })
export class ZaloLinkAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ type: 'boolean' })
  succeeded!: boolean;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;
}
