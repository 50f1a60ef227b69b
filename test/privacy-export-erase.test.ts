// Decree 13/2023 operations on a real database: the export holds everything about the officer and
// nothing about others; erasure anonymises the officer, removes how to reach them and their
// conversation state, leaves official records and the append-only audit log untouched; retention
// deletes only conversation state older than the limit.
import assert from 'node:assert/strict';
import { exportPersonalData } from '../services/privacy/personal-data.js';
import { ERASED_NAME, erasePersonalData, erasedEmail } from '../services/privacy/erase.js';
import { loadRetentionConfig, purgeExpiredConversations } from '../services/privacy/retention.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;
const head = TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!;
const other = TEST_PEOPLE.find((p) => p.position === 'Phó Giám đốc')!;

interface Seeded {
  staffId: string;
  headId: string;
  otherId: string;
  proposalId: string;
}

async function officerId(db: TestDatabase, email: string): Promise<string> {
  const rows: { id: string }[] = await db.dataSource.query('SELECT id FROM officer WHERE email = $1', [email]);
  return rows[0].id;
}

/** A staff member with a Teams and a Zalo account, state, a proposal, revisions, audit events and a notification. */
async function seedPersonalData(db: TestDatabase): Promise<Seeded> {
  const ds = db.dataSource;
  await seedTestDirectory(ds);
  const staffId = await officerId(db, staff.email);
  const headId = await officerId(db, head.email);
  const otherId = await officerId(db, other.email);
  await ds.query(`UPDATE officer SET phone = '0912345678' WHERE id = $1`, [staffId]);
  await ds.query(
    `INSERT INTO channel_account (officer_id, channel, external_user_id, aad_object_id, conversation_reference, linked_at)
     VALUES ($1, 'msteams', '29:staff-teams', 'aad-staff', '{"conversation":{"id":"a:staff-personal"}}', now()),
            ($1, 'zalo_oa', '8811223344556677', NULL, NULL, now()),
            ($2, 'msteams', '29:other-teams', 'aad-other', '{"conversation":{"id":"a:other-personal"}}', now())`,
    [staffId, otherId],
  );
  await ds.query(
    `INSERT INTO bot_state (key, data, etag) VALUES
       ('msteams/28:bot/users/29:staff-teams', '{"seen":true}', 1),
       ('msteams/28:bot/conversations/a:staff-personal', '{"dialog":"wizard"}', 1),
       ('zalo_oa/oa-1/conversations/8811223344556677', '{"dialog":"menu"}', 1),
       ('msteams/28:bot/users/29:other-teams', '{"seen":true}', 1),
       ('msteams/28:bot/conversations/a:other-personal', '{"dialog":"menu"}', 1)`,
  );
  const unit: { id: string }[] = await ds.query(`SELECT unit_id AS id FROM officer WHERE id = $1`, [staffId]);
  const proposal: { id: string }[] = await ds.query(
    `INSERT INTO proposal (status, proposer_id, unit_id, title, plan, holder_id)
     VALUES ('under_review', $1, $2, 'Số hóa hồ sơ một cửa', '{"title":"Số hóa hồ sơ một cửa"}', $3) RETURNING id`,
    [staffId, unit[0].id, headId],
  );
  const proposalId = proposal[0].id;
  await ds.query(
    `INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id, channel)
     VALUES ($1, 'edit', 0, '{"title":"Số hóa"}', $2, 'msteams'), ($1, 'submission', 1, '{"title":"Số hóa hồ sơ một cửa"}', $2, 'msteams')`,
    [proposalId, staffId],
  );
  await ds.query(
    `INSERT INTO audit_event (proposal_id, actor_id, channel, action, from_status, to_status)
     VALUES ($1, $2, 'msteams', 'submit', 'draft', 'submitted'), ($1, $3, 'msteams', 'route', 'submitted', 'under_review')`,
    [proposalId, staffId, otherId],
  );
  await ds.query(
    `INSERT INTO notification_outbox (officer_id, proposal_id, kind, payload, state) VALUES ($1, $2, 'returned', '{"name":"Nguyễn Thị Chuyên"}', 'pending')`,
    [staffId, proposalId],
  );
  if ((await ds.query(`SELECT to_regclass('web_session')::text AS t`))[0].t) {
    await ds.query(
      `INSERT INTO web_session (token_hash, officer_id, method, expires_at) VALUES ($1, $2, 'entra', now() + interval '1 day')`,
      ['a'.repeat(64), staffId],
    );
  }
  if ((await ds.query(`SELECT to_regclass('zalo_inbox')::text AS t`))[0].t) {
    await ds.query(
      `INSERT INTO zalo_inbox (channel, dedup_key, event_name, user_id, raw_body) VALUES
         ('zalo_oa', 'm1', 'user_send_text', '8811223344556677', '{"message":{"text":"xin chào"}}'),
         ('zalo_oa', 'm2', 'user_send_text', '9999999999999999', '{"message":{"text":"người khác"}}')`,
    );
  }
  return { staffId, headId, otherId, proposalId };
}

describe("privacy: export and erasure of an officer's personal data", function () {
  // The first PGlite database of a test process runs initdb and every migration: slow on a busy machine.
  this.timeout(180_000);
  let db: TestDatabase;
  let s: Seeded;

  beforeEach(async () => {
    db = await openTestDatabase();
    s = await seedPersonalData(db);
  });
  afterEach(async () => db?.dispose());

  it('exports the officer, every row that references them, and their conversation state, and nothing about others', async () => {
    const data = await db.dataSource.transaction((m) => exportPersonalData(m, staff.email.toUpperCase()));
    assert.ok(data);
    assert.equal(data.officer.email, staff.email);
    assert.equal(data.officer.full_name, staff.name);
    assert.equal(data.officer.phone, '0912345678');
    assert.equal(data.officer.unit_name, 'Phòng Quản lý khoa học');
    assert.deepEqual(data.references['channel_account.officer_id'].map((r) => r.channel).sort(), ['msteams', 'zalo_oa']);
    assert.equal(data.references['proposal.proposer_id'].length, 1);
    assert.equal(data.references['proposal.proposer_id'][0].title, 'Số hóa hồ sơ một cửa');
    assert.equal(data.references['proposal_revision.author_id'].length, 2);
    assert.deepEqual(
      data.references['audit_event.actor_id'].map((r) => r.action),
      ['submit'],
    );
    assert.equal(data.references['notification_outbox.officer_id'].length, 1);
    assert.equal(data.references['proposal.holder_id'], undefined, 'the staff member holds nothing');
    const keys = (data.other.conversation_state as { key: string }[]).map((r) => r.key).sort();
    assert.deepEqual(keys, [
      'msteams/28:bot/conversations/a:staff-personal',
      'msteams/28:bot/users/29:staff-teams',
      'zalo_oa/oa-1/conversations/8811223344556677',
    ]);
    if (data.references['web_session.officer_id']) {
      assert.equal(data.references['web_session.officer_id'][0].token_hash, '[ẩn]', 'session tokens (even hashed) are not exported');
    }
    if (data.other.zalo_inbox)
      assert.deepEqual(
        (data.other.zalo_inbox as { dedup_key: string }[]).map((r) => r.dedup_key),
        ['m1'],
      );
    const json = JSON.stringify(data);
    assert.ok(!json.includes('29:other-teams') && !json.includes(other.name), 'nothing about another officer');
    // Dates are ISO strings: the export is plain JSON.
    assert.match(String(data.officer.created_at), /^\d{4}-\d{2}-\d{2}T/);
  });

  it('returns nothing for an unknown email', async () => {
    assert.equal(await db.dataSource.transaction((m) => exportPersonalData(m, 'khong.co@test.invalid')), undefined);
  });

  it('erases: anonymised officer, accounts, state and pending messages gone, records and audit kept', async () => {
    const auditBefore: Record<string, unknown>[] = await db.dataSource.query('SELECT * FROM audit_event ORDER BY id');
    const result = await erasePersonalData(db.dataSource, staff.email, { requestedBy: 'Đơn yêu cầu số 12/2026' });
    assert.equal(result.status, 'erased');
    assert.ok(result.status === 'erased');
    assert.equal(result.officerId, s.staffId);
    assert.equal(result.removed.channel_account, 2);
    assert.equal(result.removed.conversation_state, 3);
    assert.equal(result.removed.notification_outbox, 1);

    const [officer]: Record<string, unknown>[] = await db.dataSource.query('SELECT * FROM officer WHERE id = $1', [s.staffId]);
    assert.equal(officer.full_name, ERASED_NAME);
    assert.equal(officer.email, erasedEmail(s.staffId));
    assert.equal(officer.phone, null);
    assert.equal(officer.teams_aad_object_id, null);
    assert.equal(officer.active, false);

    assert.equal((await db.dataSource.query('SELECT 1 FROM channel_account WHERE officer_id = $1', [s.staffId])).length, 0);
    if ((await db.dataSource.query(`SELECT to_regclass('web_session')::text AS t`))[0].t) {
      assert.equal(result.removed.web_session, 1, 'signed out everywhere');
      assert.equal((await db.dataSource.query('SELECT 1 FROM web_session WHERE officer_id = $1', [s.staffId])).length, 0);
    }
    const keys = (await db.dataSource.query('SELECT key FROM bot_state ORDER BY key')).map((r: { key: string }) => r.key);
    assert.deepEqual(keys, ['msteams/28:bot/conversations/a:other-personal', 'msteams/28:bot/users/29:other-teams']);
    assert.equal((await db.dataSource.query('SELECT 1 FROM channel_account WHERE officer_id = $1', [s.otherId])).length, 1);

    // Official records stay, pointing at the anonymised person.
    const proposal: { proposer_id: string; title: string }[] = await db.dataSource.query(
      'SELECT proposer_id, title FROM proposal WHERE id = $1',
      [s.proposalId],
    );
    assert.equal(proposal[0].proposer_id, s.staffId);
    assert.equal((await db.dataSource.query('SELECT 1 FROM proposal_revision WHERE author_id = $1', [s.staffId])).length, 2);

    // The audit log is unchanged, plus one event recording the erasure.
    const auditAfter: Record<string, unknown>[] = await db.dataSource.query('SELECT * FROM audit_event ORDER BY id');
    assert.deepEqual(auditAfter.slice(0, auditBefore.length), auditBefore);
    assert.equal(auditAfter.length, auditBefore.length + 1);
    const last = auditAfter[auditAfter.length - 1];
    assert.equal(last.action, 'privacy_erased');
    assert.equal(last.actor_id, null);
    assert.equal(last.comment, 'Đơn yêu cầu số 12/2026');
    assert.equal((last.data as { officerId: string }).officerId, s.staffId);
    assert.ok(!JSON.stringify(last).includes(staff.email), 'the erasure event names no one');
    assert.equal(auditBefore.find((a) => a.action === 'submit')!.actor_id, s.staffId, 'the actor stays the (now anonymous) officer');

    // Nothing about the person is found by their old email, and nothing identifies them any more.
    assert.equal(await db.dataSource.transaction((m) => exportPersonalData(m, staff.email)), undefined);
    const again = await db.dataSource.transaction((m) => exportPersonalData(m, erasedEmail(s.staffId)));
    assert.ok(again);
    const json = JSON.stringify(again);
    for (const personal of [staff.email, staff.name, '0912345678', '29:staff-teams', '8811223344556677']) {
      assert.ok(!json.includes(personal), `${personal} is gone`);
    }
    if ((await db.dataSource.query(`SELECT to_regclass('zalo_inbox')::text AS t`))[0].t) {
      const inbox = (await db.dataSource.query('SELECT dedup_key FROM zalo_inbox ORDER BY id')).map(
        (r: { dedup_key: string }) => r.dedup_key,
      );
      assert.deepEqual(inbox, ['m2'], 'the Zalo messages of the erased person are gone, others stay');
    }
  });

  it('erasing twice is harmless, and an unknown email is reported', async () => {
    assert.equal((await erasePersonalData(db.dataSource, staff.email)).status, 'erased');
    assert.equal((await erasePersonalData(db.dataSource, erasedEmail(s.staffId))).status, 'already_erased');
    assert.equal((await erasePersonalData(db.dataSource, staff.email)).status, 'not_found');
  });

  it('refuses to erase a person who still holds open work, unless forced', async () => {
    const auditCount = async () => Number((await db.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n);
    const before = await auditCount();
    const refused = await erasePersonalData(db.dataSource, head.email);
    assert.equal(refused.status, 'open_work');
    assert.ok(refused.status === 'open_work');
    assert.equal(refused.openWork.heldProposals, 1);
    const [unchanged]: { full_name: string }[] = await db.dataSource.query('SELECT full_name FROM officer WHERE id = $1', [s.headId]);
    assert.equal(unchanged.full_name, head.name);
    assert.equal(await auditCount(), before);

    const forced = await erasePersonalData(db.dataSource, head.email, { force: true });
    assert.equal(forced.status, 'erased');
    const [erased]: { full_name: string }[] = await db.dataSource.query('SELECT full_name FROM officer WHERE id = $1', [s.headId]);
    assert.equal(erased.full_name, ERASED_NAME);
    const [event]: { data: { forced: boolean } }[] = await db.dataSource.query(
      `SELECT data FROM audit_event WHERE action = 'privacy_erased'`,
    );
    assert.equal(event.data.forced, true);
  });

  it('purges conversation state not updated for the retention period, and only that', async () => {
    await db.dataSource.query(`UPDATE bot_state SET updated_at = now() - interval '200 days' WHERE key LIKE '%staff%'`);
    await db.dataSource.query(`UPDATE bot_state SET updated_at = now() - interval '100 days' WHERE key LIKE '%other-personal'`);
    const dry = await purgeExpiredConversations(db.dataSource, 180, { dryRun: true });
    assert.equal(dry.conversationState, 2);
    assert.equal(Number((await db.dataSource.query('SELECT count(*)::int AS n FROM bot_state'))[0].n), 5, 'a dry run deletes nothing');
    const real = await purgeExpiredConversations(db.dataSource, 180);
    assert.equal(real.conversationState, 2);
    const keys = (await db.dataSource.query('SELECT key FROM bot_state ORDER BY key')).map((r: { key: string }) => r.key);
    assert.deepEqual(keys, [
      'msteams/28:bot/conversations/a:other-personal',
      'msteams/28:bot/users/29:other-teams',
      'zalo_oa/oa-1/conversations/8811223344556677',
    ]);
    assert.equal((await purgeExpiredConversations(db.dataSource, 90)).conversationState, 1);
  });

  it('reads the retention period from RETENTION_DAYS_CLOSED_CONVERSATIONS', () => {
    assert.equal(loadRetentionConfig({}).days, 180);
    assert.equal(loadRetentionConfig({ RETENTION_DAYS_CLOSED_CONVERSATIONS: '30' }).days, 30);
    assert.throws(() => loadRetentionConfig({ RETENTION_DAYS_CLOSED_CONVERSATIONS: '0' }), /RETENTION_DAYS_CLOSED_CONVERSATIONS/);
    assert.throws(() => loadRetentionConfig({ RETENTION_DAYS_CLOSED_CONVERSATIONS: 'mãi mãi' }), /RETENTION_DAYS_CLOSED_CONVERSATIONS/);
  });
});
