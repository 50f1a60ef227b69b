import { MigrationInterface, QueryRunner } from 'typeorm';

/** Directory (units, officers, channel accounts) and botbuilder state storage. */
export class Foundation1764460800000 implements MigrationInterface {
  name = 'Foundation1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(300) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('ubnd_tinh','so_nganh','ubnd_xa','don_vi_su_nghiep','phong','khac')),
        parent_id uuid REFERENCES unit(id) ON DELETE RESTRICT,
        is_home_affairs boolean NOT NULL DEFAULT false,
        is_provincial_committee boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_unit_code" ON unit (code)`);
    await q.query(`CREATE INDEX "IDX_unit_parent" ON unit (parent_id)`);
    await q.query(`
      CREATE TABLE officer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        full_name varchar(200) NOT NULL,
        phone varchar(32),
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        position_title varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('head','deputy','member')),
        is_manager boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        teams_aad_object_id varchar(64),
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_officer_email" ON officer (email)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_officer_aad" ON officer (teams_aad_object_id) WHERE teams_aad_object_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_officer_unit" ON officer (unit_id)`);
    // One active head per unit.
    await q.query(`CREATE UNIQUE INDEX "IDX_officer_one_head" ON officer (unit_id) WHERE role = 'head' AND active`);
    await q.query(`
      CREATE TABLE channel_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        channel varchar(16) NOT NULL CHECK (channel IN ('msteams','zalo_oa','zalo_bot','web')),
        external_user_id varchar(256) NOT NULL,
        aad_object_id varchar(64),
        tenant_id varchar(64),
        conversation_reference jsonb,
        linked_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_channel_account_user" ON channel_account (channel, external_user_id)`);
    await q.query(`CREATE INDEX "IDX_channel_account_officer" ON channel_account (officer_id)`);
    await q.query(`
      CREATE TABLE bot_state (
        key varchar(1024) PRIMARY KEY,
        data jsonb NOT NULL,
        etag bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bot_state`);
    await q.query(`DROP TABLE channel_account`);
    await q.query(`DROP TABLE officer`);
    await q.query(`DROP TABLE unit`);
  }
}
