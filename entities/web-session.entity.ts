import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Officer } from './officer.entity.js';

export type WebLoginMethod = 'demo' | 'entra';

/** A signed-in browser. The cookie holds a random token; only its SHA-256 hash is stored. */
@Entity({ name: 'web_session' })
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @ManyToOne(() => Officer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'officer_id' })
  officer?: Officer;

  @Column({ type: 'varchar', length: 16 })
  method!: WebLoginMethod;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
