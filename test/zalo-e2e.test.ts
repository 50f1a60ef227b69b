// The whole flow on Zalo, against the loopback fake: an officer links the account with a code, builds
// and submits a plan step by step over the OA; the head, also on Zalo, receives the decision card as text
// with buttons and decides by typed command (no accents) and by button payload.
import assert from 'node:assert/strict';
import { Officer } from '../entities/officer.entity.js';
import { ZaloLinkService } from '../services/zalo/zalo-link-service.js';
import { ProposalDraftService } from '../services/proposals/proposal-draft-service.js';
import { ProposalSubmissionService } from '../services/proposals/proposal-submission-service.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { FakeZalo, type ZaloHarness, type ZaloOaUser, startZaloTestBot, stopZaloTestBot } from './helpers/fake-zalo.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';
import { FULL_PLAN, MANAGER, plain } from './helpers/wizard-script.js';

const HEAD = 'gd.skhcn@test.invalid';

describe('zalo: a plan built and decided over Zalo', function () {
  this.timeout(600_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => (z = await startZaloTestBot(fake, PARTY_STEP_OFF_ENV)));
  after(() => stopZaloTestBot(z, fake));

  async function link(user: ZaloOaUser, email: string, typed: (code: string) => string = (c) => `LIÊN KẾT ${c}`): Promise<void> {
    const officer = await z.db.dataSource.getRepository(Officer).findOneByOrFail({ email });
    const code = await new ZaloLinkService(z.db.dataSource).issue(officer.id, 10);
    const [reply] = await user.say(typed(code));
    assert.match(reply.text, new RegExp(officer.fullName));
  }

  const textOf = (replies: { text: string }[]) => replies.map((r) => r.text).join('\n');

  it('links, builds and submits a plan step by step; the leadership decides by button payload and by typed command', async () => {
    const proposer = z.oaUser('9100000000000000001');
    const head = z.oaUser('9100000000000000002');
    await link(proposer, MANAGER);
    await link(head, HEAD);
    let review: { text: string; buttons: { title: string; payload: string }[] }[] = [];
    for (const [said, expected] of FULL_PLAN) {
      const replies = await proposer.say(said);
      review = replies;
      const text = plain(textOf(replies));
      // Text channels show a card title in capitals: compare without case.
      assert.match(text, new RegExp(expected.source, 'iu'), `after «${said}» the bot said on Zalo:\n${text}`);
      for (const r of replies) {
        assert.ok(r.text.length <= 2000);
        assert.ok(r.buttons.length <= 3);
        for (const b of r.buttons)
          assert.ok(
            r.text.includes(b.payload),
            `button payload «${b.payload}» is written in the text: ${JSON.stringify(replies.map((x) => [x.text.length, x.text.slice(-300), x.buttons]))}`,
          );
      }
    }
    // The review on a phone: one bubble, each section summarised, the commands written once.
    const bubbles = review.filter((r) => /Xem lại kế hoạch/i.test(r.text));
    assert.equal(bubbles.length, 1, textOf(review));
    assert.equal(textOf(review).split('Anh/chị có thể gõ').length - 1, 1, 'the commands are written once');
    assert.match(bubbles[0]!.text, /xem lại phần b/);
    assert.doesNotMatch(textOf(review), /nút|bấm|thẻ/iu);
    for (const r of review) for (const b of r.buttons) assert.ok(b.title.length <= 20, b.title);
    const sectionB = textOf(await proposer.say('xem lai phan b'));
    assert.match(sectionB, /Xây dựng quy trình điện tử, tập huấn cán bộ, thí điểm 6 tháng tại 2 xã\.[\s\S]*Hai xã Bảo Hà và Phong Hải/);

    const code = `ĐX-${new Date().getFullYear()}-0001`;
    const submitted = textOf(await proposer.say('gửi đề xuất'));
    assert.match(submitted, new RegExp(`Đã gửi đề xuất ${code}`));
    assert.match(submitted, /ke-hoach-DX-\d{4}-0001\.docx: http/, 'the plan file as a link');
    const [row] = await z.db.dataSource.query(`SELECT status, code FROM proposal`);
    assert.deepEqual(row, { status: 'under_review', code });
    assert.match(textOf(fake.oaDelivered(proposer.userId)), /đã được gửi đến Phạm Văn Khoa/);

    // The head, reached on Zalo without writing first: the decision card as text, buttons for complete commands only.
    // The full decision card (what a head needs to decide) may arrive in more than one Zalo message.
    const card = fake.oaDelivered(head.userId).at(-1)!;
    const cardText = textOf(fake.oaDelivered(head.userId));
    assert.equal(card.replyTo, undefined, 'a notification answers no message');
    assert.match(card.text, new RegExp(`KẾ HOẠCH ĐỀ XUẤT ĐỔI MỚI, SÁNG TẠO ${code}`, 'iu'));
    assert.match(card.text, new RegExp(`TRẢ LẠI ${code} <ý kiến>`), 'commands with blanks are written out');
    assert.ok(card.buttons.length >= 1 && card.buttons.length <= 3);
    assert.ok(card.buttons.every((b) => !/[<>]/.test(b.payload) && cardText.includes(b.payload)));
    const open = card.buttons.find((b) => b.payload === `BIỂU QUYẾT ${code}`);
    assert.ok(open, JSON.stringify(card.buttons));

    // Someone who is not the decider types the head's command: refused, nothing changes.
    assert.match(textOf(await proposer.say(`BIỂU QUYẾT ${code}`)), /không phải người được giao/iu);
    assert.equal((await z.db.dataSource.query(`SELECT status FROM proposal`))[0].status, 'under_review');

    // The head taps the button: it arrives as an ordinary text carrying the payload.
    const deputy = z.oaUser('9100000000000000003');
    // The code pasted alone, in brackets and lower case, is accepted from someone not linked yet.
    await link(deputy, 'pgd.skhcn@test.invalid', (c) => `<${c.toLowerCase().slice(0, 4)}-${c.toLowerCase().slice(4)}>`);
    const headBefore = fake.oaDelivered(head.userId).length;
    const opened = await head.say(open.payload);
    assert.match(textOf(opened), new RegExp(`Đã mở biểu quyết kế hoạch ${code}`));
    // On Teams the card refreshes in place; on Zalo the tap answers with one short line, not the card again.
    const openedToHead = fake.oaDelivered(head.userId).slice(headBefore);
    assert.ok(
      openedToHead.filter((m) => m.text.length > 600).length <= 1,
      `no two long near-identical messages: ${JSON.stringify(openedToHead.map((m) => m.text))}`,
    );
    const ballot = fake.oaDelivered(deputy.userId).at(-1)!;
    assert.match(ballot.text, new RegExp(`BIỂU QUYẾT KẾ HOẠCH ĐỀ XUẤT ${code}`, 'iu'));
    assert.ok(ballot.buttons.some((b) => b.payload === `TÁN THÀNH ${code}`));

    // The deputy votes by typed command, without accents.
    const voted = await deputy.say(`tan thanh ${code}`);
    assert.match(textOf(voted), /Đã ghi nhận biểu quyết/);
    assert.ok(voted.length === 1 && voted[0]!.text.length < 400, `a vote answers with one short line: ${textOf(voted)}`);
    assert.match(voted[0]!.text, /Còn 1 người chưa biểu quyết\./);
    // The head votes by button payload; a replay of that delivery is processed once.
    const headCard = fake.oaDelivered(head.userId).at(-1)!;
    const approve = headCard.buttons.find((b) => b.payload === `TÁN THÀNH ${code}`)!;
    assert.ok(approve);
    const raw = head.body(approve.payload, 'head-vote-1');
    assert.equal((await z.postOa(raw, z.signOa(raw))).status, 200);
    await z.settle();
    assert.match(textOf(fake.oaDelivered(head.userId).slice(-3)), /Đề xuất đã được phê duyệt/);
    const before = fake.calls.length;
    assert.equal((await z.postOa(raw, z.signOa(raw))).body.duplicate, true);
    await z.settle();
    assert.equal(fake.calls.length, before, 'the replayed vote did nothing');

    assert.equal((await z.db.dataSource.query(`SELECT status FROM proposal`))[0].status, 'approved');
    const votes = await z.db.dataSource.query(
      `SELECT count(*)::int AS n FROM collective_vote WHERE subject_kind = 'decision' AND choice IS NOT NULL`,
    );
    assert.equal(votes[0].n, 2);
    assert.match(
      textOf(fake.oaDelivered(proposer.userId).slice(-1)),
      new RegExp(`${code} CỦA ANH/CHỊ ĐÃ ĐƯỢC PHÊ DUYỆT: TẬP THỂ LÃNH ĐẠO BIỂU QUYẾT THÔNG QUA`, 'iu'),
    );
  });

  it('the head returns a plan by a command typed without accents; the proposer is told on Zalo', async () => {
    const proposer = z.oaUser('9100000000000000001');
    const head = z.oaUser('9100000000000000002');
    const officer = await z.db.dataSource.getRepository(Officer).findOneByOrFail({ email: MANAGER });
    const drafts = new ProposalDraftService(z.db.dataSource);
    const draft = await drafts.create(officer, 'zalo_oa');
    const [first] = await z.db.dataSource.query(`SELECT plan FROM proposal WHERE code IS NOT NULL ORDER BY code LIMIT 1`);
    await drafts.saveAnswers(officer, draft.id, { ...first.plan, title: 'Số hóa sổ theo dõi văn bản đến tại xã' }, 'zalo_oa');
    const submission = new ProposalSubmissionService(z.db.dataSource, z.h.server.container.events, () => defaultWorkflowConfig.fields);
    const result = await submission.submit(officer, draft.id, 'zalo_oa');
    assert.equal(result.status, 'submitted');
    const code = result.status === 'submitted' ? result.code : '';
    await z.settle();
    const card = fake.oaDelivered(head.userId).at(-1)!;
    assert.match(card.text, new RegExp(`TRẢ LẠI ${code} <ý kiến>`));

    const folded = code.replace('Đ', 'D');
    const replies = textOf(await head.say(`tra lai ${folded} Bổ sung dự toán kinh phí chi tiết theo từng hạng mục`));
    assert.match(replies, new RegExp(`Đã trả lại kế hoạch ${code}`));
    const [row] = await z.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [draft.id]);
    assert.equal(row.status, 'returned');
    const told = textOf(fake.oaDelivered(proposer.userId).slice(-2));
    assert.match(told, new RegExp(`${code}[\\s\\S]*trả lại`, 'iu'));
    assert.match(told, /Bổ sung dự toán kinh phí chi tiết/);
  });
});
