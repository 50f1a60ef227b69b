import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the decision (Decree 73/2023/NĐ-CP Art. 10–11; the province's letter point 1.c and tasks 2–3):
 * implementation (implementers, resources, check-ins, progress/obstacle/completion reports), the
 * evaluation of results by the collective leadership (rounds, ballots, conclusion, recognition or
 * protection) and the yearly report per unit and year (narrative parts, submission).
 */
export class AfterDecision1764461300000 implements MigrationInterface {
  name = 'AfterDecision1764461300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE implementation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL UNIQUE REFERENCES proposal(id) ON DELETE RESTRICT,
        decision_id uuid REFERENCES decision(id) ON DELETE RESTRICT,
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        head_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        manager_id uuid REFERENCES officer(id) ON DELETE RESTRICT,
        provincial boolean NOT NULL DEFAULT false,
        resources_people text NOT NULL DEFAULT '',
        resources_funding text NOT NULL DEFAULT '',
        resources_equipment text NOT NULL DEFAULT '',
        resources_confirmed_by uuid REFERENCES officer(id) ON DELETE RESTRICT,
        assigned_on date NOT NULL,
        planned_end date,
        completion_text text,
        completion_files jsonb NOT NULL DEFAULT '[]'::jsonb,
        completion_reported_on date,
        completion_reporter_id uuid REFERENCES officer(id) ON DELETE RESTRICT,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_implementation_head" ON implementation (head_id)`);
    await q.query(`CREATE INDEX "IDX_implementation_manager" ON implementation (manager_id) WHERE manager_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE implementation_member (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        officer_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        is_lead boolean NOT NULL DEFAULT false,
        UNIQUE (proposal_id, officer_id)
      )`);
    await q.query(`CREATE INDEX "IDX_implementation_member_officer" ON implementation_member (officer_id)`);
    await q.query(`
      CREATE TABLE implementation_check_in (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('milestone','periodic')),
        due_date date NOT NULL,
        description text NOT NULL DEFAULT '',
        state varchar(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','reported','cancelled')),
        report_id bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_check_in_due" ON implementation_check_in (state, due_date)`);
    await q.query(`CREATE INDEX "IDX_check_in_proposal" ON implementation_check_in (proposal_id, due_date)`);
    await q.query(`
      CREATE TABLE implementation_report (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        kind varchar(16) NOT NULL CHECK (kind IN ('progress','obstacle','completion')),
        text text NOT NULL,
        files jsonb NOT NULL DEFAULT '[]'::jsonb,
        reported_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_impl_report_proposal" ON implementation_report (proposal_id, created_at)`);
    await q.query(`CREATE INDEX "IDX_impl_report_kind_date" ON implementation_report (kind, reported_on)`);
    await q.query(`
      CREATE TABLE evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE RESTRICT,
        round int NOT NULL,
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        chair_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        state varchar(16) NOT NULL CHECK (state IN ('vote_open','not_passed','passed')),
        outcome varchar(40) NOT NULL CHECK (outcome IN ('completed','not_completed_pure_motive','not_completed_with_damage')),
        results text NOT NULL,
        objective_causes text NOT NULL DEFAULT '',
        subjective_causes text NOT NULL DEFAULT '',
        damage text,
        tally jsonb,
        provision varchar(16),
        recognitions jsonb,
        recognition_note text,
        recognized_on date,
        opened_on date NOT NULL,
        due_date date NOT NULL,
        concluded_on date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (proposal_id, round)
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_evaluation_one_open" ON evaluation (proposal_id) WHERE state = 'vote_open'`);
    await q.query(`CREATE UNIQUE INDEX "IDX_evaluation_one_passed" ON evaluation (proposal_id) WHERE state = 'passed'`);
    await q.query(`CREATE INDEX "IDX_evaluation_concluded" ON evaluation (concluded_on) WHERE state = 'passed'`);
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
      CREATE TABLE annual_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        dissemination text,
        training text,
        recommendations text,
        document_number varchar(32),
        updated_by uuid REFERENCES officer(id) ON DELETE RESTRICT,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES officer(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_id, year)
      )`);
    // The yearly report aggregates proposals by submission date.
    await q.query(`CREATE INDEX "IDX_proposal_submitted_at" ON proposal (submitted_at) WHERE submitted_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "IDX_proposal_submitted_at"`);
    await q.query(`DROP TABLE IF EXISTS annual_report`);
    await q.query(`DROP TABLE IF EXISTS evaluation_vote`);
    await q.query(`DROP TABLE IF EXISTS evaluation`);
    await q.query(`DROP TABLE IF EXISTS implementation_report`);
    await q.query(`DROP TABLE IF EXISTS implementation_check_in`);
    await q.query(`DROP TABLE IF EXISTS implementation_member`);
    await q.query(`DROP TABLE IF EXISTS implementation`);
  }
}
