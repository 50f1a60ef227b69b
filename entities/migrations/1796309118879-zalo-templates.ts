import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zalo template messages past the 7-day window: a row remembers the notification it carries (its kind picks
 * the configured template), and how it finally went out. `zalo_phone` rows are addressed by the
 * directory's phone number (84…) for officers with no Zalo account linked.
 */
export class ZaloTemplates1796309118879 implements MigrationInterface {
  name = 'ZaloTemplates1796309118879';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE zalo_outbox ADD COLUMN notice_kind varchar(48)`);
    await q.query(`ALTER TABLE zalo_outbox ADD COLUMN notice_id bigint`);
    await q.query(`ALTER TABLE zalo_outbox ADD COLUMN route varchar(16)`);
    await q.query(`ALTER TABLE zalo_outbox DROP CONSTRAINT IF EXISTS zalo_outbox_channel_check`);
    await q.query(
      `ALTER TABLE zalo_outbox ADD CONSTRAINT zalo_outbox_channel_check CHECK (channel IN ('zalo_oa','zalo_bot','zalo_phone'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM zalo_outbox WHERE channel = 'zalo_phone'`);
    await q.query(`ALTER TABLE zalo_outbox DROP CONSTRAINT IF EXISTS zalo_outbox_channel_check`);
    await q.query(`ALTER TABLE zalo_outbox ADD CONSTRAINT zalo_outbox_channel_check CHECK (channel IN ('zalo_oa','zalo_bot'))`);
    await q.query(`ALTER TABLE zalo_outbox DROP COLUMN IF EXISTS route`);
    await q.query(`ALTER TABLE zalo_outbox DROP COLUMN IF EXISTS notice_id`);
    await q.query(`ALTER TABLE zalo_outbox DROP COLUMN IF EXISTS notice_kind`);
  }
}
