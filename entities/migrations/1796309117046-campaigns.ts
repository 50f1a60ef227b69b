import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dissemination campaigns and their recipients. A recipient row is keyed by (campaign, officer), so a
 * campaign reaches an official once; whether it reached them is the state of the outbox row it points to.
 */
export class Campaigns1796309117046 implements MigrationInterface {
  name = 'Campaigns1796309117046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(20) NOT NULL,
        sender_id uuid NOT NULL REFERENCES officer(id),
        scope_unit_id uuid REFERENCES unit(id),
        text text NOT NULL,
        document jsonb,
        quiz jsonb,
        reminder_working_days int NOT NULL,
        sent_on date NOT NULL,
        recipients int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_campaign_code" ON campaign (code)`);
    await q.query(`CREATE INDEX "IDX_campaign_sent_on" ON campaign (sent_on)`);
    await q.query(`
      CREATE TABLE campaign_recipient (
        campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        officer_id uuid NOT NULL REFERENCES officer(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        outbox_id bigint,
        read_at timestamptz,
        answers jsonb,
        answered_at timestamptz,
        correct int,
        reminded_at timestamptz,
        PRIMARY KEY (campaign_id, officer_id)
      )`);
    await q.query(`CREATE INDEX "IDX_campaign_recipient_officer" ON campaign_recipient (officer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS campaign_recipient`);
    await q.query(`DROP TABLE IF EXISTS campaign`);
  }
}
