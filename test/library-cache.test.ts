// The library's cache (services/library/library-cache.ts): a second card reads nothing but the version;
// a plan approved through the real state machine, an evaluation concluded, or an officer who leaves the
// directory is seen at the next card, by this process and by another one (a second LibraryService on the
// same database stands for the second replica, with its own cache).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { LibraryService } from '../services/library/library-service.js';
import { transitionProposal } from '../services/proposals/proposal-state-machine.js';
import { TUNING_PAIRS } from './fixtures/similar-plans-tuning.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createLibraryPlan } from './helpers/library-fixtures.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';

describe('the library cache: reused between cards, renewed when the library changes, on every replica', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let unitId: string;

  before(async () => {
    db = await openTestDatabase();
    p = await seedDecisionDirectory(db.dataSource);
    [{ unit_id: unitId }] = await db.dataSource.query(`SELECT unit_id FROM officer WHERE id = $1`, [p.scStaff]);
  });
  after(async () => db?.dispose());

  const [first, second] = [TUNING_PAIRS[0]!, TUNING_PAIRS[1]!];
  const draftLike = (pair: typeof first) => ({ id: randomUUID(), unitId, plan: { ...pair.proposal, field: pair.field } });
  const approve = async (id: string) =>
    db.dataSource.transaction(async (m) => {
      for (const to of ['under_review', 'approved'] as const)
        await transitionProposal(m, { proposalId: id, to, action: 'test', actorId: p.chairman! });
    });

  it('reads the library once while it does not change, and again after an approval, an evaluation or a directory change', async () => {
    const one = new LibraryService(db.dataSource);
    const two = new LibraryService(db.dataSource);
    const a = await createLibraryPlan(db.dataSource, p.healthStaff!, { ...first.library }, { field: first.field });

    assert.ok((await one.similarTo(draftLike(first))).some((s) => s.record.code === a.code));
    assert.ok((await two.similarTo(draftLike(first))).some((s) => s.record.code === a.code));
    await one.similarTo(draftLike(second));
    await one.search({ words: 'giấy phép xây dựng' });
    assert.equal(one.cache.loads, 1, 'the second card and the search reuse the snapshot');

    // A plan approved through the state machine on "another replica": both caches see it at the next card.
    const b = await createSubmittedProposal(db.dataSource, p.financeHead!, { ...second.library, field: second.field });
    assert.ok(!(await one.similarTo(draftLike(second))).some((s) => s.record.code === b.code), 'not in the library before approval');
    await approve(b.id);
    assert.ok((await one.similarTo(draftLike(second))).some((s) => s.record.code === b.code));
    assert.ok((await two.similarTo(draftLike(second))).some((s) => s.record.code === b.code));
    assert.equal(one.cache.loads, 2);

    // An evaluation concluded: the outcome shows at once.
    await db.dataSource.query(
      `INSERT INTO evaluation (proposal_id, round, unit_id, chair_id, state, outcome, results, opened_on, due_date, concluded_on)
       SELECT id, 1, unit_id, proposer_id, 'passed', 'completed', 'Đạt', '2026-09-01', '2026-09-10', '2026-09-09' FROM proposal WHERE id = $1`,
      [b.id],
    );
    const evaluated = (await two.similarTo(draftLike(second))).find((s) => s.record.code === b.code);
    assert.equal(evaluated?.record.outcome, 'completed');

    // The proposer agreed to be named, then leaves the directory: the name goes at once.
    await db.dataSource.query(`UPDATE proposal SET plan = plan || '{"nameInLibrary": true}'::jsonb, updated_at = now() WHERE id = $1`, [
      b.id,
    ]);
    assert.ok((await one.entry({ code: b.code }))?.proposerName);
    const named = (await one.similarTo(draftLike(second))).find((s) => s.record.code === b.code);
    assert.ok(named?.record.proposerName, 'named while in the directory');
    await db.dataSource.query(`UPDATE officer SET active = false, updated_at = now() WHERE id = $1`, [p.financeHead]);
    const gone = (await one.similarTo(draftLike(second))).find((s) => s.record.code === b.code);
    assert.equal(gone?.record.proposerName, null);
    // Read again for the approval, then once for the evaluation and the name together, once for the directory.
    assert.equal(one.cache.loads, 4);
  });
});
