import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type WebEventKind = 'activity' | 'update' | 'user';

/** What the web chat showed: a bot message, the update of one, or the officer's own words (history only). */
@Entity({ name: 'web_event' })
@Index('IDX_web_event_conversation', ['conversationId', 'seq'])
export class WebEventRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 200 })
  conversationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: WebEventKind;

  @Column({ type: 'jsonb' })
  activity!: Record<string, unknown>;

  @Index('IDX_web_event_created')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An open event stream on some replica; refreshed by the stream's heartbeat, gone when it closes. */
@Entity({ name: 'web_presence' })
@Index('IDX_web_presence_conversation', ['conversationId', 'expiresAt'])
export class WebPresence {
  @PrimaryColumn({ name: 'stream_id', type: 'uuid' })
  streamId!: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 200 })
  conversationId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
