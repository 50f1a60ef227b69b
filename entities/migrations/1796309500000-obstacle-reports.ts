import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Obstacle reports at any time (province letter point 2.c): a difficulty in applying Decree 73 an
 * official describes, with its field and the legal text concerned, sent to Home Affairs (and the head
 * when the official chooses). Home Affairs answers, groups similar reports, resolves or forwards them as a
 * policy proposal. Every change is audited in audit_event (action obstacle.*, data.obstacleId).
 */
export class ObstacleReports1796309500000 implements MigrationInterface {
  name = 'ObstacleReports1796309500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE obstacle_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        author_id uuid NOT NULL REFERENCES officer(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        head_id uuid REFERENCES officer(id),
        text text NOT NULL CHECK (char_length(btrim(text)) BETWEEN 1 AND 4000),
        field varchar(64),
        provision varchar(300),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','resolved','forwarded')),
        answer text,
        group_id uuid REFERENCES obstacle_report(id),
        channel varchar(16),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_obstacle_report_author" ON obstacle_report (author_id, created_at)`);
    await q.query(`CREATE INDEX "IDX_obstacle_report_status" ON obstacle_report (status, field)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS obstacle_report`);
  }
}
