// The migration that merges decision_vote and evaluation_vote into collective_vote keeps every vote: rows
// written in the old tables at the previous migration come back from the new table (subject, voter, head,
// choice, comment, time, opening order), the services read them, the uniqueness and the subject's foreign
// key still hold, and undoing the migration gives the old tables back.
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openDatabase, type Database, type DatabaseOptions } from '../entities/data-source.js';
import { pendingMigrations } from '../entities/migration-lock.js';
import { DecisionService } from '../services/decisions/decision-service.js';
import { EvaluationService } from '../services/evaluation/evaluation-service.js';
import { OutboxOnlyNotifier } from '../services/notifications/notifier.js';
import { todayVN } from '../services/calendar/local-date.js';
import { createTestDatabaseOptions, testDatabaseKind } from './helpers/test-database.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { WORKFLOW_WITHOUT_PARTY_STEP } from './helpers/workflow-fixtures.js';

const MIGRATION = 'CollectiveVotes1796309600000';

interface VoteRow {
  kind: string;
  subject: string;
  voter: string;
  head: boolean;
  choice: string | null;
  comment: string | null;
  at: string | null;
}

/** The votes of the old tables, per subject kind in id order (the order ballots are listed in). */
async function oldRows(ds: DataSource): Promise<VoteRow[]> {
  return ds.query(`
    SELECT kind, subject, voter, head, choice, comment, at FROM (
      SELECT 'decision' AS kind, decision_id AS subject, voter_id AS voter, is_head AS head, choice, comment,
             voted_at::text AS at, id FROM decision_vote
      UNION ALL
      SELECT 'evaluation', evaluation_id, voter_id, is_head, choice, comment, voted_at::text, id FROM evaluation_vote
    ) v ORDER BY kind, id`);
}

describe('migration: decision and evaluation votes into one collective_vote table', function () {
  this.timeout(120_000);
  let db: Database;
  let drop: () => Promise<void>;
  let people: People;
  let proposalId: string;
  let decisionId: string;
  let evaluationId: string;
  let original: VoteRow[];

  before(async () => {
    // An empty database: in-memory PGlite without the migrated template, or a new PostgreSQL database.
    let options: DatabaseOptions = { kind: 'pglite', dataDir: 'memory://' };
    drop = async () => undefined;
    if (testDatabaseKind() === 'postgres') ({ options, drop } = await createTestDatabaseOptions());
    db = await openDatabase(options, { migrate: false });
    const ds = db.dataSource;
    // Migrate to the migration before this one, as a database deployed before it would be.
    const all = [...ds.migrations];
    const at = all.findIndex((m) => m.name === MIGRATION);
    assert.ok(at > 0, 'the migration is registered');
    ds.migrations.splice(at);
    await ds.runMigrations();
    ds.migrations.push(...all.slice(at));
    assert.deepEqual(
      await pendingMigrations(ds),
      all.slice(at).map((m) => m.name),
    );

    people = await seedDecisionDirectory(ds);
    proposalId = (await createSubmittedProposal(ds, people.scStaff!)).id;
    const today = todayVN();
    [{ id: decisionId }] = await ds.query(
      `INSERT INTO decision (proposal_id, revision, stage, decider_id, unit_id, basis, state, received_on, due_date)
       VALUES ($1, 1, 'decision', $2, (SELECT id FROM unit WHERE code = 'SKHCN'), 'art_7_3', 'vote_open', $3, $3) RETURNING id`,
      [proposalId, people.scHead, today],
    );
    [{ id: evaluationId }] = await ds.query(
      `INSERT INTO evaluation (proposal_id, round, unit_id, chair_id, state, outcome, results, opened_on, due_date)
       VALUES ($1, 1, (SELECT id FROM unit WHERE code = 'SKHCN'), $2, 'vote_open', 'completed', 'Đã số hóa', $3, $3) RETURNING id`,
      [proposalId, people.scHead, today],
    );
    // Opened in an order that is not the voters' id order, so a lost ordering would show.
    const decisionBallots: [string, boolean, string | null, string | null][] = [
      ['scHead', true, 'for', null],
      ['scDeputy3', false, 'against', 'Chưa rõ kinh phí'],
      ['scDeputy1', false, null, null],
      ['scDeputy2', false, 'for', 'Đồng ý'],
    ];
    for (const [key, head, choice, comment] of decisionBallots) {
      await ds.query(
        `INSERT INTO decision_vote (decision_id, voter_id, is_head, choice, comment, voted_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [decisionId, people[key], head, choice, comment, choice ? new Date(Date.now() - 3_600_000) : null],
      );
    }
    for (const [key, head, choice] of [
      ['scDeputy2', false, null],
      ['scHead', true, 'for'],
      ['scDeputy1', false, 'for'],
    ] as const) {
      await ds.query(
        `INSERT INTO evaluation_vote (evaluation_id, voter_id, is_head, choice, voted_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [evaluationId, people[key], head, choice, choice ? new Date() : null],
      );
    }
    original = await oldRows(ds);
    assert.equal(original.length, 7);

    await ds.runMigrations();
    assert.deepEqual(await pendingMigrations(ds), []);
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  it('every vote is in collective_vote, with its subject, in its opening order, and the old tables are gone', async () => {
    const after: VoteRow[] = await db.dataSource.query(
      `SELECT subject_kind AS kind, subject_id AS subject, voter_id AS voter, is_head AS head, choice, comment, voted_at::text AS at
         FROM collective_vote ORDER BY subject_kind, id`,
    );
    assert.deepEqual(after, original);
    const [{ d, e }] = await db.dataSource.query(
      `SELECT to_regclass('decision_vote')::text AS d, to_regclass('evaluation_vote')::text AS e`,
    );
    assert.deepEqual([d, e], [null, null]);
  });

  it('the decision and evaluation services read the moved ballots and tally them', async () => {
    const notifier = new OutboxOnlyNotifier();
    const decisions = new DecisionService(db.dataSource, notifier, { config: WORKFLOW_WITHOUT_PARTY_STEP });
    const view = (await decisions.view(proposalId))!;
    assert.deepEqual(
      view.votes.map((v) => [v.voter.id, v.isHead, v.choice, v.comment]),
      [
        [people.scHead, true, 'for', null],
        [people.scDeputy3, false, 'against', 'Chưa rõ kinh phí'],
        [people.scDeputy1, false, null, null],
        [people.scDeputy2, false, 'for', 'Đồng ý'],
      ],
    );
    assert.deepEqual([view.tally?.inFavour, view.tally?.against, view.tally?.notVoting], [2, 1, 1]);
    assert.equal(await decisions.roleOf(people.scDeputy1!, proposalId), 'voter');
    const evaluations = new EvaluationService(db.dataSource, notifier, { config: WORKFLOW_WITHOUT_PARTY_STEP });
    const current = await evaluations.current(proposalId);
    assert.deepEqual(
      current.ballots.map((b) => [b.voterId, b.choice]),
      [
        [people.scDeputy2, null],
        [people.scHead, 'for'],
        [people.scDeputy1, 'for'],
      ],
    );
    assert.deepEqual([current.tally?.inFavour, current.tally?.voters, current.tally?.allVoted], [2, 3, false]);
  });

  it('one ballot per voter and subject, and a subject that does not exist is refused', async () => {
    const insert = (kind: string, subject: string, voter: string) =>
      db.dataSource.query(`INSERT INTO collective_vote (subject_kind, subject_id, voter_id) VALUES ($1, $2, $3)`, [kind, subject, voter]);
    await assert.rejects(insert('decision', decisionId, people.scDeputy1!), /unique|duplicate/i);
    await assert.rejects(insert('evaluation', evaluationId, people.scHead!), /unique|duplicate/i);
    await assert.rejects(insert('evaluation', decisionId, people.scStaff!), /foreign key/i);
    await assert.rejects(insert('decision', evaluationId, people.scStaff!), /foreign key/i);
    await assert.rejects(insert('proposal', proposalId, people.scStaff!), /check/i);
  });

  it('undoing the migration puts every vote back in the old tables', async () => {
    await db.dataSource.undoLastMigration();
    assert.deepEqual(await oldRows(db.dataSource), original);
    await db.dataSource.runMigrations();
    assert.deepEqual(await pendingMigrations(db.dataSource), []);
  });
});
