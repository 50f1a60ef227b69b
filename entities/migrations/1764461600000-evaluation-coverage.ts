import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation: the outcome "not carried out by the policy / a prohibited act" (Decree 73 Art. 4.2, Art. 6:
 * no protection), and whether the proposer was a leader or manager when the collective concluded (Art. 2:
 * only they are covered by the decree's protection). Older rows keep proposer_covered NULL (unknown).
 */
export class EvaluationCoverage1764461600000 implements MigrationInterface {
  name = 'EvaluationCoverage1764461600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation DROP CONSTRAINT IF EXISTS evaluation_outcome_check`);
    await q.query(
      `ALTER TABLE evaluation ADD CONSTRAINT evaluation_outcome_check CHECK (outcome IN ('completed','not_completed_pure_motive','not_completed_with_damage','not_by_policy'))`,
    );
    await q.query(`ALTER TABLE evaluation ADD COLUMN proposer_covered boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation DROP COLUMN IF EXISTS proposer_covered`);
    await q.query(`ALTER TABLE evaluation DROP CONSTRAINT IF EXISTS evaluation_outcome_check`);
    await q.query(
      `ALTER TABLE evaluation ADD CONSTRAINT evaluation_outcome_check CHECK (outcome IN ('completed','not_completed_pure_motive','not_completed_with_damage'))`,
    );
  }
}
