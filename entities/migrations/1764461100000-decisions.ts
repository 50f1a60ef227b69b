import { MigrationInterface, QueryRunner } from 'typeorm';

/** Decisions (intake and decision stages), collective votes, acting heads and the notification outbox. */
export class Decisions1764461100000 implements MigrationInterface {
  name = 'Decisions1764461100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE RESTRICT,
        revision int NOT NULL,
        stage varchar(16) NOT NULL CHECK (stage IN ('intake','decision')),
        decider_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        basis varchar(16) NOT NULL,
        decider_acting boolean NOT NULL DEFAULT false,
        state varchar(16) NOT NULL CHECK (state IN ('open','vote_open','vote_closed','done')),
        outcome varchar(32) CHECK (outcome IN ('forwarded','returned','approved','approved_by_override','rejected')),
        received_on date NOT NULL,
        due_date date NOT NULL,
        tally jsonb,
        comment text,
        council_proposed boolean NOT NULL DEFAULT false,
        decided_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'done') = (outcome IS NOT NULL))
      )`);
    // One unfinished consideration per proposal: two concurrent routings cannot both create one.
    await q.query(`CREATE UNIQUE INDEX "IDX_decision_one_open" ON decision (proposal_id) WHERE state <> 'done'`);
    await q.query(`CREATE INDEX "IDX_decision_decider_state" ON decision (decider_id, state)`);
    await q.query(`CREATE INDEX "IDX_decision_proposal" ON decision (proposal_id, created_at)`);
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
      CREATE TABLE acting_head (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        from_date date NOT NULL,
        to_date date NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX "IDX_acting_head_unit" ON acting_head (unit_id, from_date)`);
    await q.query(`
      CREATE TABLE notification_outbox (
        id bigserial PRIMARY KEY,
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
        proposal_id uuid REFERENCES proposal(id) ON DELETE CASCADE,
        kind varchar(48) NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key varchar(200),
        state varchar(16) NOT NULL CHECK (state IN ('pending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        channel varchar(16),
        next_attempt_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_notification_outbox_dedupe" ON notification_outbox (dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_notification_outbox_state" ON notification_outbox (state, next_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
    await q.query(`DROP TABLE acting_head`);
    await q.query(`DROP TABLE decision_vote`);
    await q.query(`DROP TABLE decision`);
  }
}
