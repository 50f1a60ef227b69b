import { MigrationInterface, QueryRunner } from 'typeorm';

/** Proposals, their revisions, the per-year code counter and the append-only audit log. */
export class Proposals1764461000000 implements MigrationInterface {
  name = 'Proposals1764461000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32),
        status varchar(32) NOT NULL,
        proposer_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        unit_id uuid NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
        title varchar(300),
        field varchar(100),
        plan jsonb NOT NULL DEFAULT '{}'::jsonb,
        current_revision int NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        holder_id uuid REFERENCES officer(id) ON DELETE SET NULL,
        due_date date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_proposal_code" ON proposal (code) WHERE code IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_proposal_proposer_status" ON proposal (proposer_id, status)`);
    await q.query(`CREATE INDEX "IDX_proposal_holder" ON proposal (holder_id) WHERE holder_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_proposal_status_due" ON proposal (status, due_date)`);
    await q.query(`CREATE INDEX "IDX_proposal_unit" ON proposal (unit_id)`);
    await q.query(`
      CREATE TABLE proposal_revision (
        id bigserial PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('edit','submission')),
        revision int NOT NULL,
        plan jsonb NOT NULL,
        author_id uuid NOT NULL REFERENCES officer(id) ON DELETE RESTRICT,
        channel varchar(16),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_proposal_revision_proposal" ON proposal_revision (proposal_id, created_at)`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_proposal_revision_submission" ON proposal_revision (proposal_id, revision) WHERE kind = 'submission'`,
    );
    // A row per year; incremented inside the submitting transaction, so codes have no gaps.
    await q.query(`CREATE TABLE proposal_code_counter (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        proposal_id uuid REFERENCES proposal(id) ON DELETE RESTRICT,
        actor_id uuid REFERENCES officer(id) ON DELETE RESTRICT,
        channel varchar(16),
        action varchar(64) NOT NULL,
        from_status varchar(32),
        to_status varchar(32),
        comment text,
        data jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_audit_event_proposal" ON audit_event (proposal_id, at)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE proposal_code_counter`);
    await q.query(`DROP TABLE proposal_revision`);
    await q.query(`DROP TABLE proposal`);
  }
}
