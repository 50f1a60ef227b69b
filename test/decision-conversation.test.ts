// One conversation over HTTP: a staff member's plan is submitted, routed to the head (who never talked to
// the bot: a new 1:1 Teams conversation), the leadership votes by card and by typed command, and the
// proposer learns the outcome. Also: refusals, a department head's plan through Home Affairs to the Chairman.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { registerDecisionFeature } from '../bot/decision/index.js';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { todayVN, yearOf } from '../services/calendar/local-date.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain, run } from './helpers/wizard-script.js';

describe('decision conversation over HTTP', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({
      features: [registerProposalFeature, registerDecisionFeature],
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
      },
    });
  });
  after(async () => h?.close());

  /** Messages the bot sent into the 1:1 conversation it created for this person. */
  const createdFor = (email: string) => h.createdFor(deterministicAadObjectId(email));
  /** Everything the bot sent this person: created conversations and the 1:1 conversation they used. */
  const inbox = (email: string) => h.inbox(email, deterministicAadObjectId(email));

  function invokeCardText(body: unknown): string {
    return allText([{ attachments: [{ content: (body as { value?: unknown })?.value }] }]);
  }

  async function status(id: string): Promise<string> {
    const [row] = (await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[];
    return row!.status;
  }

  it('staff plan → head → collective vote → the proposer learns the outcome', async () => {
    const staff = h.user('cv.skhcn@test.invalid');
    await staff.say('xin chào'); // stores the proposer's conversation reference
    const { id, code } = await createSubmittedProposal(h.db.dataSource, p.scStaff!);
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.scStaff! });
    assert.equal(await status(id), 'under_review');

    // The head never talked to the bot: a new 1:1 conversation carries the decider's card.
    const headCards = createdFor('gd.skhcn@test.invalid').join('\n');
    assert.match(headCards, new RegExp(code));
    assert.match(headCards, /Ghi ý kiến cấp ủy/);
    // The proposer is told where the plan went, in the conversation they used.
    const told = h.connector
      .messages(staff.conversationId)
      .map((a) => allText([a]))
      .join('\n');
    assert.match(told, /đã được gửi đến Phạm Văn Khoa/);

    // Someone else presses the head's button: refused, nothing changes.
    const intruder = await h.user('pgd1.skhcn@test.invalid').execute('decision.vote.open', { proposalId: id });
    assert.match(invokeCardText(intruder.body) || JSON.stringify(intruder.body), /không phải người được giao/);
    assert.equal(await status(id), 'under_review');

    // Decree 73 Art. 4.3 (on by default): no vote before the Party committee's opinion is recorded.
    assert.match(headCards, /xin ý kiến cấp ủy cùng cấp \(khoản 3 Điều 4/);
    const head = h.user('gd.skhcn@test.invalid');
    const early = await head.execute('decision.vote.open', { proposalId: id });
    assert.match(invokeCardText(early.body), /phải báo cáo, xin ý kiến cấp ủy/);
    assert.equal(await status(id), 'under_review');
    assert.match(allText(await head.say(`y kien cap uy ${code.replace('Đ', 'D')} Đảng ủy Sở nhất trí`)), /Đã ghi ý kiến cấp ủy/);
    const opened = await head.execute('decision.vote.open', { proposalId: id });
    assert.equal(opened.status, 200);
    assert.match(invokeCardText(opened.body), /Đã mở biểu quyết/);
    assert.equal(await status(id), 'voting');
    // Each deputy got a vote card; the head votes on the card she pressed, which now has the vote buttons,
    // and gets no second card with the same buttons.
    for (const email of ['pgd1.skhcn@test.invalid', 'pgd2.skhcn@test.invalid', 'pgd3.skhcn@test.invalid']) {
      assert.match((await inbox(email)).join('\n'), /Biểu quyết kế hoạch đề xuất/);
    }
    const openedCard = JSON.stringify(opened.body);
    assert.ok(openedCard.includes('decision.vote.for') && openedCard.includes('decision.vote.against'), openedCard.slice(0, 400));
    const [secondCards] = (await h.db.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE kind = 'decision.vote_card' AND officer_id = $1 AND proposal_id = $2`,
      [p.scHead, id],
    )) as { n: number }[];
    assert.equal(secondCards!.n, 0);

    await h.user('pgd1.skhcn@test.invalid').execute('decision.vote.for', { proposalId: id });
    // A typed command without diacritics and with the code written DX-…
    const typed = await h.user('pgd2.skhcn@test.invalid').say(`khong tan thanh ${code.replace('Đ', 'D')} Cần làm rõ kinh phí`);
    assert.match(allText(typed), /Đã ghi nhận biểu quyết/);
    await h.user('pgd3.skhcn@test.invalid').execute('decision.vote.for', { proposalId: id, comment: 'Đồng ý' });
    const last = await head.execute('decision.vote.for', { proposalId: id });
    assert.match(invokeCardText(last.body), /đã được phê duyệt/i);
    assert.equal(await status(id), 'approved');

    const outcome = h.connector
      .messages(staff.conversationId)
      .map((a) => allText([a]))
      .join('\n');
    assert.match(outcome, /đã được phê duyệt: tập thể lãnh đạo biểu quyết thông qua/);
    assert.match(outcome, /Cần làm rõ kinh phí/);
    assert.match(outcome, /3\/4 tán thành/);

    // A late double click sees the current state and records nothing new.
    const again = await head.execute('decision.vote.close', { proposalId: id });
    assert.match(invokeCardText(again.body), /đã được xử lý/);
    const [{ n }] = (await h.db.dataSource.query(
      `SELECT count(*)::int AS n FROM decision WHERE proposal_id = $1 AND outcome = 'approved'`,
      [id],
    )) as { n: number }[];
    assert.equal(n, 1);

    // The lists.
    const mine = plain(allText(await staff.say('đề xuất của tôi')));
    assert.match(mine, new RegExp(`${code}.*Đã được phê duyệt`));
  });

  it('the decision card shows what a head needs: budget and source, dates, purpose, expected results, the Art. 5 self-check, proposer and unit, due date, the .docx; the meeting form is secondary with nothing preselected', async () => {
    const { id, code } = await createSubmittedProposal(h.db.dataSource, p.scStaff!, {
      purpose: 'Rút ngắn thời gian giải quyết hồ sơ',
      requirements: 'Không phát sinh thủ tục mới',
      expectedResults: 'Giảm 50% thời gian giải quyết',
      fundingAmount: '150000000',
      fundingSource: 'Ngân sách tỉnh',
      startDate: '2026-03-02',
      endDate: '2026-06-30',
      conditions: {
        c1: { met: true, reason: 'Quy trình số hóa chưa có hướng dẫn' },
        c2: { met: true, reason: '' },
        c3: { met: false, reason: 'Chưa cấp bách' },
        c4: { met: true, reason: 'Ứng dụng công nghệ thông tin' },
      },
    });
    await h.server.container.decisions.routeSubmitted(id, p.scStaff!);
    const head = h.user('gd.skhcn@test.invalid');
    const card = await head.execute('decision.refresh', { proposalId: id });
    const text = plain(invokeCardText(card.body));
    assert.match(text, new RegExp(code));
    assert.match(text, /Người đề xuất\s*Vũ Văn Chuyên – Chuyên viên/);
    assert.match(text, /Đơn vị\s*Sở Khoa học và Công nghệ/);
    assert.match(text, /Kinh phí\s*150\.000\.000 đồng; nguồn: Ngân sách tỉnh/);
    assert.match(text, /Thời gian thực hiện\s*từ ngày 02\/03\/2026 đến ngày 30\/06\/2026/);
    assert.match(text, /Mục đích\s*Rút ngắn thời gian giải quyết hồ sơ/);
    assert.match(text, /Yêu cầu\s*Không phát sinh thủ tục mới/);
    assert.match(text, /Kết quả dự kiến\s*Giảm 50% thời gian giải quyết/);
    assert.match(text, /Tự đánh giá điều kiện của người đề xuất \(Điều 5\)/);
    assert.match(text, /1\. Tháo gỡ điểm nghẽn[^\n]*: Có – Quy trình số hóa chưa có hướng dẫn/);
    assert.match(text, /3\. Xuất phát từ yêu cầu thực tiễn cấp bách[^\n]*: Không – Chưa cấp bách/);
    assert.match(text, /Hạn xem xét\s*\d{2}\/\d{2}\/\d{4}/);
    const docx = text.match(/Kế hoạch đề xuất \(\.docx\): (\S+)/)?.[1];
    assert.ok(docx, text);
    const file = await fetch(docx);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type') ?? '', /wordprocessingml/);
    // The in-person meeting is a secondary path: after the vote, with no choice preselected.
    await head.say(`Ý KIẾN CẤP ỦY ${code} Nhất trí`);
    const ready = await head.execute('decision.refresh', { proposalId: id });
    const adaptive = (
      ready.body as { value?: { body?: Record<string, unknown>[]; actions?: { verb?: string; data?: { verb?: string } }[] } }
    ).value!;
    const headVote = adaptive.body!.find((x) => x.id === 'headVote');
    assert.ok(headVote, 'the meeting form is on the card');
    assert.equal(headVote!.value, undefined, 'nothing preselected');
    const verbs = JSON.stringify(adaptive.actions);
    assert.ok(verbs.indexOf('decision.vote.open') < verbs.indexOf('decision.meeting'), verbs);
    // A tie recorded without the head's side is refused.
    const tie = await head.execute('decision.meeting', { proposalId: id, inFavour: 2, against: 2, participants: 'Tập thể' });
    assert.match(invokeCardText(tie.body), /khi số phiếu bằng nhau phải chọn ý kiến của người đứng đầu/);
    assert.equal(await status(id), 'under_review');
  });

  it("a department head's plan goes through Home Affairs intake to the Chairman; a return comes back to the same decider with the changes", async () => {
    // The fixture writes codes without the counter; the wizard's codes start after them.
    await h.db.dataSource.query(
      `INSERT INTO proposal_code_counter (year, last) VALUES ($1, 900) ON CONFLICT (year) DO UPDATE SET last = 900`,
      [yearOf(todayVN())],
    );
    const finance = h.user('gd.stc@test.invalid');
    await run(finance, FULL_PLAN);
    const code = plain(allText(await finance.say('gửi đề xuất'))).match(/Đã gửi đề xuất (ĐX-\d{4}-\d{4})/)?.[1] ?? '';
    assert.ok(code);
    const [{ id }] = (await h.db.dataSource.query(`SELECT id FROM proposal WHERE code = $1`, [code])) as [{ id: string }];
    assert.equal(await status(id), 'in_intake');
    const ha = h.user('gd.snv@test.invalid');
    const tasks = allText(await ha.say('việc chờ tôi'));
    assert.match(tasks, new RegExp(`${code}.*tiếp nhận`));

    const returned = await ha.say(`TRẢ LẠI ${code} Bổ sung nguồn kinh phí`);
    assert.match(allText(returned), /Đã trả lại/);
    assert.equal(await status(id), 'returned');

    // The real path: the proposer reopens the plan, edits one section and sends it again.
    await run(finance, [
      [`SỬA ${code}`, /Sửa kế hoạch đề xuất[\s\S]*Bổ sung nguồn kinh phí/],
      ['sửa nguồn lực', /Bước 14\/25/],
      ['giữ nguyên', /Bước 15\/25/],
      ['giữ nguyên', /Bước 16\/25[\s\S]*Nguồn kinh phí/],
      ['Ngân sách tỉnh', /Bước 17\/25/],
      ['giữ nguyên', /Bước 18\/25/],
      ['giữ nguyên', /Gửi lại đề xuất/],
      ['gửi đề xuất', new RegExp(`Đã gửi lại đề xuất ${code} \\(lần gửi thứ 2\\)`)],
    ]);
    assert.equal(await status(id), 'in_intake');
    const card = await ha.execute('decision.refresh', { proposalId: id });
    const text = plain(invokeCardText(card.body));
    assert.match(text, /Bổ sung nguồn kinh phí/);
    assert.match(text, /Những nội dung đã thay đổi so với lần gửi trước/);
    assert.match(text, /Nguồn kinh phí: “Chi thường xuyên của xã” → “Ngân sách tỉnh”/);
    // Intake's time limit is the province's, not the decree's (item 5): no Art. 8.1 citation for it.
    assert.match(text, /Hạn tiếp nhận là thời hạn do tỉnh cấu hình \(07 ngày làm việc\), không phải thời hạn do Nghị định quy định/);
    assert.doesNotMatch(text, /khoản 1 Điều 8/);

    const forwarded = await ha.execute('decision.council', { proposalId: id });
    assert.match(invokeCardText(forwarded.body), /Đã chuyển/);
    assert.equal(await status(id), 'under_review');
    const chairman = createdFor('chu.tich@test.invalid').join('\n');
    assert.match(chairman, new RegExp(code));
    // A head's own plan (Art. 7.4): procedure and time limit not verified, shown as the province's setting.
    assert.match(chairman, /Thủ tục và thời hạn xem xét kế hoạch này chưa được xác minh/);
    assert.match(chairman, /Hạn xem xét \(theo cấu hình của tỉnh\)/);
    assert.doesNotMatch(chairman, /Theo khoản 1 Điều 8 Nghị định 73\/2023\/NĐ-CP, trong thời hạn/);
    // The head's own plan is addressed to the one who decides it, not to himself (item 8).
    const planLink = chairman.match(/Kế hoạch đề xuất \(\.docx\): (\S+)/)?.[1];
    assert.ok(planLink, chairman);
    const planDoc = (await mammoth.extractRawText({ buffer: Buffer.from(await (await fetch(planLink)).arrayBuffer()) })).value;
    assert.match(planDoc, /Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lào Cai\./);
    assert.doesNotMatch(planDoc, /Người đứng đầu Sở Tài chính/);
    assert.match(chairman, /Hội đồng đánh giá/);
  });

  it('a read-only card for anyone else; a refresh card for the decider carries refresh.userIds', async () => {
    const { id } = await createSubmittedProposal(h.db.dataSource, p.roomStaff!);
    const head = h.user('gd.skhcn@test.invalid');
    await head.say('xin chào'); // the head's Teams id (29:…) becomes known
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.roomStaff! });
    const sent = h.connector.messages(head.conversationId).at(-1)!;
    const card = sent.attachments![0]!.content as Record<string, unknown>;
    const mine = await head.execute('decision.refresh', { proposalId: id });
    assert.ok(((mine.body as { value: Record<string, unknown> }).value.actions as unknown[]).length >= 2);
    assert.equal(card.version, '1.5');
    const refresh = card.refresh as { action: { verb: string }; userIds: string[] };
    assert.equal(refresh.action.verb, 'decision.refresh');
    assert.deepEqual(refresh.userIds, [head.session.user.id]);
    assert.ok((card.actions as unknown[]).length >= 2);
    const other = await h.user('cv.qlkh@test.invalid').execute('decision.refresh', { proposalId: id });
    const otherCard = (other.body as { value: Record<string, unknown> }).value;
    // Read-only: nothing to act on, only the plan to open.
    assert.deepEqual(
      ((otherCard.actions as { type: string }[] | undefined) ?? []).map((a) => a.type),
      ['Action.OpenUrl'],
    );
    assert.match(invokeCardText(other.body), /chỉ để xem/);
  });

  it('not passed: the head decides in writing to proceed and both get the .docx decision', async () => {
    const ha = h.user('gd.snv@test.invalid');
    await ha.say('xin chào');
    const { id, code } = await createSubmittedProposal(h.db.dataSource, p.haHead!);
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.haHead! });
    const chairman = h.user('chu.tich@test.invalid');
    assert.match(allText(await chairman.say(`Ý KIẾN CẤP ỦY ${code} Ban Thường vụ Tỉnh ủy nhất trí`)), /Đã ghi ý kiến cấp ủy/);
    assert.match(allText(await chairman.say(`bieu quyet ${code.replace('Đ', 'D')}`)), /Đã mở biểu quyết/);
    await h.user('pct1@test.invalid').say(`KHÔNG TÁN THÀNH ${code} Chưa đủ cơ sở`);
    const closed = await chairman.say(`KHONG TAN THANH ${code} Cần thêm số liệu`);
    assert.match(allText(closed), /chưa thông qua/);
    assert.equal(await status(id), 'voting');
    const decided = await chairman.execute('decision.override', { proposalId: id, reasons: 'Cấp thiết cho cải cách hành chính' });
    const text = invokeCardText(decided.body);
    assert.match(text, /Đã ghi nhận quyết định triển khai/);
    const url = text.match(/https?:\/\/\S+\/files\/decision\/\S+/)?.[0];
    assert.ok(url, text);
    const res = await fetch(url!);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.equal(await status(id), 'approved_by_override');
    const told = h.connector
      .messages(ha.conversationId)
      .map((a) => allText([a]))
      .join('\n');
    assert.match(told, /quyết định bằng văn bản triển khai/);
    assert.match(told, /files\/decision\//);
    assert.equal((await fetch(url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status, 404);

    // A token opens only its own kind of document: the decision link on the other download routes, and
    // this proposal's plan link on the decision route, are refused like a forged link.
    for (const kind of ['plan', 'evaluation', 'report']) {
      assert.equal((await fetch(url!.replace('/files/decision/', `/files/${kind}/`))).status, 404, `decision token on /files/${kind}/`);
    }
    // (Not fetched for 200 here: this fixture's plan has no dates, which the plan renderer needs: 503.)
    const planUrl = h.server.container.links.plan(id, 1);
    assert.equal((await fetch(planUrl.replace('/files/plan/', '/files/decision/'))).status, 404, 'plan token on /files/decision/');
  });

  it('a plan that cannot be routed waits in the Home Affairs queue and is routed again once the directory is fixed', async () => {
    const { id, code } = await createSubmittedProposal(h.db.dataSource, p.healthStaff!);
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.healthStaff! });
    assert.equal(await status(id), 'routing_failed');
    assert.match((await inbox('gd.snv@test.invalid')).join('\n'), new RegExp(`${code}.*chưa chuyển được`));
    const ha = h.user('gd.snv@test.invalid');
    assert.match(allText(await ha.say('hang doi')), new RegExp(code));
    assert.match(allText(await h.user('cv.skhcn@test.invalid').say('HÀNG ĐỢI')), /dành cho cán bộ Sở Nội vụ/);
    await h.db.dataSource.query(`UPDATE officer SET role = 'head' WHERE id = $1`, [p.healthDeputy]);
    assert.match(allText(await ha.say(`chuyển lại ${code}`)), /Đã chuyển lại/);
    assert.equal(await status(id), 'under_review');
    assert.match((await inbox('pgd.syt@test.invalid')).join('\n'), new RegExp(code));
  });
});
