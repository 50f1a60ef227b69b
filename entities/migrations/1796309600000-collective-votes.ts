import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'voter_id, is_head, choice, comment, voted_at';

/**
 * One table for the votes of the collective (decision_vote and evaluation_vote were twins): a vote's
 * subject is a decision or an evaluation round. Every existing vote moves, in its opening order (ballots
 * are listed by id). `decision_id` / `evaluation_id` are generated from the subject so each keeps its
 * foreign key and its ON DELETE CASCADE; the uniqueness stays one ballot per voter and subject.
 */
export class CollectiveVotes1796309600000 implements MigrationInterface {
  name = 'CollectiveVotes1796309600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collective_vote (
        id bigserial PRIMARY KEY,
        subject_kind varchar(16) NOT NULL CHECK (subject_kind IN ('decision','evaluation')),
        subject_id uuid NOT NULL,
        decision_id uuid GENERATED ALWAYS AS (CASE WHEN subject_kind = 'decision' THEN subject_id END) STORED
          REFERENCES decision(id) ON DELETE CASCADE,
        evaluation_id uuid GENERATED ALWAYS AS (CASE WHEN subject_kind = 'evaluation' THEN subject_id END) STORED
          REFERENCES evaluation(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        is_head boolean NOT NULL DEFAULT false,
        choice varchar(8) CHECK (choice IN ('for','against')),
        comment text,
        voted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_collective_vote_voter" ON collective_vote (subject_kind, subject_id, voter_id)`);
    await q.query(`CREATE INDEX "IDX_collective_vote_pending" ON collective_vote (voter_id) WHERE choice IS NULL`);
    await q.query(`
      INSERT INTO collective_vote (subject_kind, subject_id, ${COLUMNS})
      SELECT 'decision', decision_id, ${COLUMNS} FROM decision_vote ORDER BY id`);
    await q.query(`
      INSERT INTO collective_vote (subject_kind, subject_id, ${COLUMNS})
      SELECT 'evaluation', evaluation_id, ${COLUMNS} FROM evaluation_vote ORDER BY id`);
    await q.query(`DROP TABLE decision_vote`);
    await q.query(`DROP TABLE evaluation_vote`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_vote (
        id bigserial PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        is_head boolean NOT NULL DEFAULT false,
        choice varchar(8) CHECK (choice IN ('for','against')),
        comment text,
        voted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_decision_vote_voter" ON decision_vote (decision_id, voter_id)`);
    await q.query(`CREATE INDEX "IDX_decision_vote_pending" ON decision_vote (voter_id) WHERE choice IS NULL`);
    await q.query(`
      CREATE TABLE evaluation_vote (
        id bigserial PRIMARY KEY,
        evaluation_id uuid NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        is_head boolean NOT NULL DEFAULT false,
        choice varchar(8) CHECK (choice IN ('for','against')),
        comment text,
        voted_at timestamptz,
        UNIQUE (evaluation_id, voter_id)
      )`);
    await q.query(`
      INSERT INTO decision_vote (decision_id, ${COLUMNS})
      SELECT subject_id, ${COLUMNS} FROM collective_vote WHERE subject_kind = 'decision' ORDER BY id`);
    await q.query(`
      INSERT INTO evaluation_vote (evaluation_id, ${COLUMNS})
      SELECT subject_id, ${COLUMNS} FROM collective_vote WHERE subject_kind = 'evaluation' ORDER BY id`);
    await q.query(`DROP TABLE collective_vote`);
  }
}
