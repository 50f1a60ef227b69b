import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionLinkScope = 'decide' | 'vote';

/**
 * A one-time, expiring link that lets one officer act on one proposal from a browser when chat cannot
 * reach them. The token is stored only as its SHA-256 hash. The first browser that opens it is bound to
 * it (`browserHash`); any other browser is refused as a forwarded link.
 */
@Entity({ name: 'decision_link' })
export class DecisionLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  scope!: DecisionLinkScope;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'browser_hash', type: 'varchar', length: 64, nullable: true })
  browserHash!: string | null;

  @Column({ name: 'refused_count', type: 'int', default: 0 })
  refusedCount!: number;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'used_action', type: 'varchar', length: 64, nullable: true })
  usedAction!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
