import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Officer } from './officer.entity.js';

export const CHANNELS = ['msteams', 'zalo_oa', 'zalo_bot', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How one officer is reached on one channel; holds the conversation reference for proactive messages. */
@Entity({ name: 'channel_account' })
@Index(['channel', 'externalUserId'], { unique: true })
export class ChannelAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @ManyToOne(() => Officer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'officer_id' })
  officer?: Officer;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ name: 'external_user_id', type: 'varchar', length: 256 })
  externalUserId!: string;

  @Column({ name: 'aad_object_id', type: 'varchar', length: 64, nullable: true })
  aadObjectId!: string | null;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, nullable: true })
  tenantId!: string | null;

  /** botbuilder ConversationReference of the last 1:1 conversation, for proactive messages. */
  @Column({ name: 'conversation_reference', type: 'jsonb', nullable: true })
  conversationReference!: Record<string, unknown> | null;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;
}
