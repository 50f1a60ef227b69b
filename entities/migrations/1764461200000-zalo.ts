import { MigrationInterface, QueryRunner } from 'typeorm';

/** Zalo: webhook inbox, outbound outbox, encrypted OA tokens, one-time link codes and their attempts. */
export class Zalo1764461200000 implements MigrationInterface {
  name = 'Zalo1764461200000';

  async up(q: QueryRunner): Promise<void> {
    // Raw bodies are kept as text: ids beyond 2^53 must never pass through a JSON number.
    await q.query(`
      CREATE TABLE zalo_inbox (
        id bigserial PRIMARY KEY,
        channel varchar(16) NOT NULL CHECK (channel IN ('zalo_oa','zalo_bot')),
        dedup_key varchar(160) NOT NULL,
        event_name varchar(64) NOT NULL,
        user_id varchar(64),
        message_id varchar(128),
        raw_body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','done','ignored','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_zalo_inbox_dedup" ON zalo_inbox (channel, dedup_key)`);
    await q.query(`CREATE INDEX "IDX_zalo_inbox_open" ON zalo_inbox (status, next_attempt_at) WHERE status IN ('pending','processing')`);
    await q.query(`CREATE INDEX "IDX_zalo_inbox_user" ON zalo_inbox (channel, user_id, id)`);

    await q.query(`
      CREATE TABLE zalo_outbox (
        id bigserial PRIMARY KEY,
        channel varchar(16) NOT NULL CHECK (channel IN ('zalo_oa','zalo_bot')),
        recipient_id varchar(64) NOT NULL,
        officer_id uuid REFERENCES officer(id) ON DELETE SET NULL,
        reply_to_message_id varchar(128),
        text text NOT NULL,
        buttons jsonb,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','sending','sent','held','fallback','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error_code int,
        last_error text,
        zalo_message_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CHECK (char_length(text) BETWEEN 1 AND 2000)
      )`);
    await q.query(
      `CREATE INDEX "IDX_zalo_outbox_open" ON zalo_outbox (status, next_attempt_at) WHERE status IN ('pending','sending','held')`,
    );
    await q.query(`CREATE INDEX "IDX_zalo_outbox_recipient" ON zalo_outbox (channel, recipient_id, id)`);

    await q.query(`
      CREATE TABLE zalo_oa_token (
        app_id varchar(32) PRIMARY KEY,
        access_token_enc text NOT NULL,
        refresh_token_enc text NOT NULL,
        expires_at timestamptz,
        version int NOT NULL DEFAULT 1,
        refresh_lease_until timestamptz,
        refreshed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE zalo_link_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by_channel varchar(16),
        used_by_user_id varchar(64),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_zalo_link_code_hash" ON zalo_link_code (code_hash)`);
    await q.query(`CREATE INDEX "IDX_zalo_link_code_officer" ON zalo_link_code (officer_id) WHERE used_at IS NULL`);

    await q.query(`
      CREATE TABLE zalo_link_attempt (
        id bigserial PRIMARY KEY,
        channel varchar(16) NOT NULL,
        user_id varchar(64) NOT NULL,
        succeeded boolean NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_zalo_link_attempt_user" ON zalo_link_attempt (channel, user_id, attempted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE zalo_link_attempt`);
    await q.query(`DROP TABLE zalo_link_code`);
    await q.query(`DROP TABLE zalo_oa_token`);
    await q.query(`DROP TABLE zalo_outbox`);
    await q.query(`DROP TABLE zalo_inbox`);
  }
}
