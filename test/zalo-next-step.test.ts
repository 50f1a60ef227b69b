// The head's next step on a phone (issue 23 item 5), over the Zalo OA and the Bot Platform against the
// loopback fake: "theo dõi triển khai" lists each proposal with the action that applies now, the
// implementers are chosen by number or by name (accents optional), the resources kept in a second step;
// and a decision answered "đồng ý" gets one confirmation, "không đồng ý" the comment prompt.
import assert from 'node:assert/strict';
import { registerFeatures } from '../bot/features.js';
import { createApprovedProposal, statusOf } from './helpers/after-decision-fixtures.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FakeZalo, startZaloHarness, TEST_OA_APP_ID, zaloEnv, type ZaloHarness, linkOverZalo } from './helpers/fake-zalo.js';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { allText } from './helpers/bot-harness.js';
import { plain } from './helpers/wizard-script.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';

describe('zalo: the next step one tap away', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  let p: People;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({
      fake,
      env: { ...zaloEnv(fake), ...PARTY_STEP_OFF_ENV },
      seed: async (db) => void (p = await seedDecisionDirectory(db.dataSource)),
      features: [registerFeatures],
      // No Teams fallback: a notice to someone who unfollowed the OA is held.
      fallback: undefined,
    });
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });

  const link = (say: (text: string) => Promise<unknown>, email: string) => linkOverZalo(z, say, email);
  const textOf = (replies: { text: string }[]) => replies.map((r) => r.text).join('\n');

  it('OA: the head assigns by numbered choice after "theo dõi triển khai"; both sides are told what comes next', async () => {
    const head = z.oaUser('9300000000000000001');
    await link((t) => head.say(t), 'gd.skhcn@test.invalid');
    const { id, code } = await createApprovedProposal(z.db.dataSource, p.scStaff!);

    const list = await head.say('theo doi trien khai');
    assert.match(
      textOf(list),
      new RegExp(`${code} – Số hóa hồ sơ một cửa \\(người đứng đầu, [^)]*\\): gõ “GIAO THỰC HIỆN ${code}” để giao người thực hiện`),
    );
    const button = list.flatMap((r) => r.buttons).find((b) => b.payload === `GIAO THỰC HIỆN ${code}`);
    assert.ok(button, JSON.stringify(list.map((r) => r.buttons)));
    assert.ok(button.title.length <= 20, button.title);

    const choices = textOf(await head.say(button.payload));
    assert.match(choices, /Chọn người thực hiện[\s\S]*1\. Vũ Văn Chuyên – Chuyên viên \(người đề xuất\)[\s\S]*Gõ số thứ tự, ví dụ “1, 3”/);
    const n = (name: string) => choices.match(new RegExp(`(\\d+)\\. ${name}`))![1];
    assert.match(textOf(await head.say('9, 1')), /chưa nhận ra “9”/);
    const resources = textOf(await head.say(`${n('Mai Văn Hai')}, vu van chuyen`));
    assert.match(resources, /Người thực hiện: Mai Văn Hai, Vũ Văn Chuyên \(người đầu tiên chủ trì\)/);
    assert.match(resources, /nhân lực: 3 chuyên viên; kinh phí: 150\.000\.000 đồng, Ngân sách tỉnh; trang thiết bị: 2 máy quét/);
    assert.equal(await statusOf(z.db.dataSource, id), 'approved', 'nothing assigned before the second step');

    const done = textOf(await head.say('giu nguyen'));
    assert.match(done, new RegExp(`Đã giao thực hiện đề xuất ${code} cho: Mai Văn Hai, Vũ Văn Chuyên[\\s\\S]*theo dõi triển khai`));
    assert.equal(await statusOf(z.db.dataSource, id), 'implementing');
    const [lead] = await z.db.dataSource.query(
      `SELECT o.full_name FROM implementation_member m JOIN officer o ON o.id = m.officer_id WHERE m.proposal_id = $1 AND m.is_lead`,
      [id],
    );
    assert.equal(lead.full_name, 'Mai Văn Hai');
    assert.match(
      textOf(await head.say('theo dõi triển khai')),
      new RegExp(`${code}[^\\n]*đang thực hiện; người thực hiện báo cáo tiến độ`),
    );
    // The proposer's notice says what happens next.
    const [notice] = await z.db.dataSource.query(
      `SELECT kind FROM notification_outbox WHERE officer_id = $1 AND proposal_id = $2 AND kind LIKE '%assigned%'`,
      [p.scStaff, id],
    );
    assert.ok(notice, 'the proposer is told of the assignment');
  });

  it('Bot Platform: "đồng ý" gets one typed confirmation, "không đồng ý" the comment prompt', async () => {
    const head = z.botUser('9300000000000000002');
    await link((t) => head.say(t), 'ct.bacha@test.invalid');
    const [row] = await z.db.dataSource.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager)
       VALUES ('cv.bacha@test.invalid', 'Sùng Thị Mỷ', (SELECT id FROM unit WHERE code = 'XA-BAC-HA'), 'Công chức', 'member', false) RETURNING id`,
    );
    const a = await createSubmittedProposal(z.db.dataSource, row.id);
    await z.h.server.container.events.emit('submitted', { proposalId: a.id, revision: 1, actorId: row.id });
    // The decision card reached the head before; the answer to "dong y" is the last message.
    const asked = (await head.say('dong y')).at(-1)!;
    assert.equal(asked, `Anh/chị phê duyệt ${a.code}? Gõ “có” để xác nhận.`);
    assert.equal(await statusOf(z.db.dataSource, a.id), 'under_review');
    assert.match((await head.say('co')).join('\n'), /phê duyệt/);
    assert.equal(await statusOf(z.db.dataSource, a.id), 'approved');
    const b = await createSubmittedProposal(z.db.dataSource, row.id);
    await z.h.server.container.events.emit('submitted', { proposalId: b.id, revision: 1, actorId: row.id });
    const prompt = (await head.say(`khong dong y ${b.code.replace('Đ', 'D')}`)).join('\n');
    assert.match(prompt, new RegExp(`trả lại ${b.code} để người đề xuất bổ sung[\\s\\S]*nhập ý kiến`));
    await head.say('Bổ sung dự toán');
    assert.equal(await statusOf(z.db.dataSource, b.id), 'returned');
  });

  it("a notice held because the head unfollowed shows on the proposer's side until the head follows again", async () => {
    const HEAD_ZALO = '9300000000000000001';
    await z.db.dataSource.query(`UPDATE officer SET teams_aad_object_id = $1 WHERE email = 'cv.skhcn@test.invalid'`, [
      deterministicAadObjectId('cv.skhcn@test.invalid'),
    ]);
    const proposer = z.h.user('cv.skhcn@test.invalid');
    const mine = async () => plain(allText(await proposer.say('đề xuất của tôi')));
    const { code } = await createSubmittedProposal(z.db.dataSource, p.scStaff!);
    fake.oaFailNext(-213);
    await z.h.server.container.events.emit('submitted', { proposalId: (await idOf(code))!, revision: 1, actorId: p.scStaff! });
    await z.settle();
    const [held] = await z.db.dataSource.query(`SELECT status, last_error_code FROM zalo_outbox WHERE status = 'held'`);
    assert.deepEqual(held, { status: 'held', last_error_code: -213 });
    const before = await mine();
    assert.match(before, new RegExp(`${code}[\\s\\S]*Phạm Văn Khoa[\\s\\S]*chưa đến được người nhận trên Zalo`));

    const follow = JSON.stringify({
      oa_id: '388613280878808645',
      follower: { id: HEAD_ZALO },
      user_id_by_app: '552172779717587731',
      event_name: 'follow',
      source: 'oa_profile',
      app_id: TEST_OA_APP_ID,
      timestamp: String(Date.now()),
    });
    assert.equal((await z.postOa(follow, z.signOa(follow))).status, 200);
    await z.settle();
    assert.match(textOf(fake.oaDelivered(HEAD_ZALO)), new RegExp(code));
    assert.doesNotMatch(await mine(), /chưa đến được người nhận trên Zalo/);
  });

  const idOf = async (code: string): Promise<string | undefined> =>
    (await z.db.dataSource.query(`SELECT id FROM proposal WHERE code = $1`, [code]))[0]?.id;
});
