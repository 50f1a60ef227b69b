import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The OA's token pair, encrypted at rest (AES-256-GCM); `version` increases with every refresh. */
@Entity({ name: 'zalo_oa_token' })
export class ZaloOaToken {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 32 })
  appId!: string;

  @Column({ name: 'access_token_enc', type: 'text' })
  accessTokenEnc!: string;

  @Column({ name: 'refresh_token_enc', type: 'text' })
  refreshTokenEnc!: string;

  /** Null: unknown (bootstrapped from configuration); used until Zalo says it expired. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Held by the one process refreshing the pair. */
  @Column({ name: 'refresh_lease_until', type: 'timestamptz', nullable: true })
  refreshLeaseUntil!: Date | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
