import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web chat across replicas: every event sent to a browser is kept (catch-up by Last-Event-ID on any
 * replica, the history after a reload or a restart), and each open event stream holds a short-lived
 * presence row, so "a browser is connected" is known to every replica.
 */
export class WebEvents1764461500000 implements MigrationInterface {
  name = 'WebEvents1764461500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_event (
        seq bigserial PRIMARY KEY,
        conversation_id varchar(200) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('activity','update','user')),
        activity jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_web_event_conversation" ON web_event (conversation_id, seq)`);
    await q.query(`CREATE INDEX "IDX_web_event_created" ON web_event (created_at)`);
    await q.query(`
      CREATE TABLE web_presence (
        stream_id uuid PRIMARY KEY,
        conversation_id varchar(200) NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX "IDX_web_presence_conversation" ON web_presence (conversation_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS web_presence`);
    await q.query(`DROP TABLE IF EXISTS web_event`);
  }
}
