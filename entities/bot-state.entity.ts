import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One botbuilder storage item (conversation or user state); `etag` drives optimistic concurrency. */
@Entity({ name: 'bot_state' })
export class BotState {
  @PrimaryColumn({ type: 'varchar', length: 1024 })
  key!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'bigint' })
  etag!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
