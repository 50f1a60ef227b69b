import { MigrationInterface, QueryRunner } from 'typeorm';

/** The web face: browser sessions and the one-time signed decision links. Tokens are stored only as SHA-256 hashes. */
export class Web1764461400000 implements MigrationInterface {
  name = 'Web1764461400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash varchar(64) NOT NULL,
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        method varchar(16) NOT NULL CHECK (method IN ('demo','entra')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_web_session_token" ON web_session (token_hash)`);
    await q.query(`CREATE INDEX "IDX_web_session_officer" ON web_session (officer_id)`);
    await q.query(`CREATE INDEX "IDX_web_session_expires" ON web_session (expires_at)`);
    await q.query(`
      CREATE TABLE decision_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash varchar(64) NOT NULL,
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        decision_id uuid REFERENCES decision(id) ON DELETE CASCADE,
        scope varchar(16) NOT NULL CHECK (scope IN ('decide','vote')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        opened_at timestamptz,
        browser_hash varchar(64),
        refused_count int NOT NULL DEFAULT 0,
        used_at timestamptz,
        used_action varchar(64),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_decision_link_token" ON decision_link (token_hash)`);
    await q.query(`CREATE INDEX "IDX_decision_link_officer" ON decision_link (officer_id, proposal_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS decision_link`);
    await q.query(`DROP TABLE IF EXISTS web_session`);
  }
}
