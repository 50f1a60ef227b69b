// A head answers a decision the way people answer on Zalo ("đồng ý", "dong y", "ok", "không đồng ý"), over
// HTTP: one confirmation of the action that applies, never a legal answer; "có" (typed or the button)
// acts, "thôi" cancels; a no leads to the comment prompt and the return for changes or the vote against.
import assert from 'node:assert/strict';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';
import { plain } from './helpers/wizard-script.js';

const LEGAL = /chưa tìm thấy quy định|Điều \d/;

describe('decision replies: "đồng ý" / "không đồng ý" get one confirmation or a comment prompt', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      env: PARTY_STEP_OFF_ENV,
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
        // A commune officer: the commune's chairman decides alone (a single-member collective: "Phê duyệt").
        const [row] = await db.dataSource.query(
          `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager, teams_aad_object_id)
           VALUES ('cv.bacha@test.invalid', 'Sùng Thị Mỷ', (SELECT id FROM unit WHERE code = 'XA-BAC-HA'), 'Công chức', 'member', false, $1)
           RETURNING id`,
          [deterministicAadObjectId('cv.bacha@test.invalid')],
        );
        p.communeStaff = row.id;
      },
    });
  });
  after(async () => h?.close());

  const status = async (id: string): Promise<string> =>
    (await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id]))[0].status;
  const submitted = async (proposer: string) => {
    const x = await createSubmittedProposal(h.db.dataSource, proposer);
    await h.server.container.events.emit('submitted', { proposalId: x.id, revision: 1, actorId: proposer });
    return x;
  };
  const users = new Map<string, ReturnType<BotHarness['user']>>();
  const say = async (email: string, text: string): Promise<string> => {
    if (!users.has(email)) users.set(email, h.user(email));
    return plain(allText(await users.get(email)!.say(text)));
  };

  it('"dong y" asks once whether to approve; "có" approves', async () => {
    const { id, code } = await submitted(p.communeStaff!);
    const asked = await say('ct.bacha@test.invalid', 'dong y');
    assert.match(asked, new RegExp(`Anh/chị phê duyệt ${code}\\? Gõ “có” để xác nhận\\.`));
    assert.doesNotMatch(asked, LEGAL);
    assert.equal(await status(id), 'under_review');
    assert.match(await say('ct.bacha@test.invalid', 'có'), /phê duyệt/);
    assert.equal(await status(id), 'approved');
  });

  it('"không đồng ý" asks for the comment, then returns the plan with it; "thôi" cancels a confirmation', async () => {
    const { id, code } = await submitted(p.communeStaff!);
    const prompt = await say('ct.bacha@test.invalid', 'ko đồng ý');
    assert.match(prompt, new RegExp(`Anh/chị trả lại ${code} để người đề xuất bổ sung[\\s\\S]*nhập ý kiến`));
    assert.equal(await status(id), 'under_review');
    await say('ct.bacha@test.invalid', 'Cần bổ sung dự toán chi tiết');
    assert.equal(await status(id), 'returned');
    const [{ comment }] = await h.db.dataSource.query(
      `SELECT comment FROM audit_event WHERE proposal_id = $1 AND action = 'return' ORDER BY at DESC LIMIT 1`,
      [id],
    );
    assert.equal(comment, 'Cần bổ sung dự toán chi tiết');

    const second = await submitted(p.communeStaff!);
    assert.match(await say('ct.bacha@test.invalid', 'duyệt'), new RegExp(`phê duyệt ${second.code}\\?`));
    assert.match(await say('ct.bacha@test.invalid', 'thôi'), /Đã hủy, chưa có gì thay đổi/);
    assert.equal(await status(second.id), 'under_review');
    // A "có" long after the cancel is not a confirmation any more.
    await say('ct.bacha@test.invalid', 'có');
    assert.equal(await status(second.id), 'under_review');
  });

  it('a collective: "ok" to the head offers to open the vote; a voter\'s "đồng ý" is confirmed by the button as a vote for', async () => {
    const { id, code } = await submitted(p.scStaff!);
    assert.match(await say('gd.skhcn@test.invalid', 'ok'), new RegExp(`${code} cần tập thể lãnh đạo biểu quyết[\\s\\S]*mở biểu quyết`));
    await say('gd.skhcn@test.invalid', 'có');
    assert.equal(await status(id), 'voting');
    const voter = h.user('pgd1.skhcn@test.invalid');
    const asked = plain(allText(await voter.say(`đồng ý ${code}`)));
    assert.match(asked, new RegExp(`Anh/chị tán thành ${code}\\?`));
    const pressed = await voter.execute('decision.reply.confirm', { proposalId: id, verb: 'decision.vote.for' });
    assert.equal(pressed.status, 200);
    const [{ choice }] = await h.db.dataSource.query(
      `SELECT v.choice FROM collective_vote v JOIN officer o ON o.id = v.voter_id WHERE v.subject_kind = 'decision' AND o.email = 'pgd1.skhcn@test.invalid'`,
    );
    assert.equal(choice, 'for');
    // The button cannot be turned into another verb.
    const forged = await h.user('pgd2.skhcn@test.invalid').execute('decision.reply.confirm', { proposalId: id, verb: 'decision.override' });
    assert.match(JSON.stringify(forged.body), /Đã hủy/);
    // A voter whose ballot notice is held on Zalo (they unfollowed the OA): the head's card says so.
    await h.db.dataSource.query(
      `INSERT INTO zalo_outbox (channel, recipient_id, officer_id, text, status, last_error_code, next_attempt_at, created_at)
       VALUES ('zalo_oa', '9500000000000000001', $1, 'phiếu biểu quyết', 'held', -213, now(), now())`,
      [p.scDeputy2],
    );
    const card = await h.user('gd.skhcn@test.invalid').execute('decision.refresh', { proposalId: id });
    const cardText = plain(allText([{ attachments: [{ content: (card.body as { value?: unknown }).value }] } as never]));
    assert.match(cardText, /Mai Văn Hai: chưa biểu quyết, chưa đến được người nhận trên Zalo/);
    assert.doesNotMatch(cardText, /Đỗ Thị Phó: [^\n]*chưa đến được/);
    // Someone with nothing waiting gets no confirmation for "đồng ý".
    assert.doesNotMatch(await say('cv.syt@test.invalid', 'đồng ý'), /Gõ “có” để xác nhận/);
  });
});
