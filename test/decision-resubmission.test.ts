// Return for changes → resubmission, end to end over HTTP with every feature registered: a staff member
// submits through the wizard, the head (in the middle of their own wizard) returns the plan with a comment,
// the proposer sees it in "đề xuất của tôi", presses "Sửa đề xuất", edits one section and resubmits: the
// same code, revision 2, the same head, who sees what changed, then the collective's meeting result and
// the proposer's notification. Also: SỬA by someone else, SỬA on a plan that is not returned, double press.
import assert from 'node:assert/strict';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { registerFeatures } from '../bot/features.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain, run } from './helpers/wizard-script.js';
import { sectionsNamedIn } from '../dialogs/wizard-sections.js';
import { canTransition } from '../services/proposals/proposal-state-machine.js';

describe('return for changes: the rules', () => {
  it('a returned plan goes back to the proposer as a draft; it is never submitted again without one', () => {
    assert.equal(canTransition('returned', 'draft'), true);
    assert.equal(canTransition('returned', 'submitted'), false);
    assert.equal(canTransition('draft', 'submitted'), true);
  });

  it('finds the sections a comment names, with or without diacritics; none when it names none', () => {
    assert.deepEqual(sectionsNamedIn('Bổ sung nguồn kinh phí, làm rõ phần a.'), ['a', 'b_resources']);
    assert.deepEqual(sectionsNamedIn('tien do qua gap, can them moc'), ['b_timeline']);
    assert.deepEqual(sectionsNamedIn('Đề nghị làm rõ tác động tiêu cực'), ['c']);
    assert.deepEqual(sectionsNamedIn('Chưa thuyết phục, đề nghị viết lại'), []);
    // Whole words only: "phần bổ sung" is not "phần b".
    assert.deepEqual(sectionsNamedIn('Bổ sung thêm phần bổ sung'), []);
  });
});

describe('decision: return for changes and resubmission over HTTP', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    h = await startHarness({
      features: [registerFeatures],
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId });
      },
    });
  });
  after(async () => h?.close());

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await h.db.dataSource.query(sql, params)) as T[];
  /** Everything the bot said in this conversation (replies and proactive messages). */
  const said = (conversationId: string) =>
    plain(
      h.connector
        .messages(conversationId)
        .map((a) => allText([a]))
        .join('\n'),
    );

  it('staff submits → head returns → proposer edits and resubmits → same head sees the changes → approved', async () => {
    const staff = h.user('cv.skhcn@test.invalid');
    const head = h.user('gd.skhcn@test.invalid');
    await head.say('xin chào'); // the head's 1:1 conversation is known: cards arrive there

    // 1. The staff member writes and submits the plan with the wizard.
    await run(staff, FULL_PLAN);
    const submitted = plain(allText(await staff.say('gửi đề xuất')));
    const code = submitted.match(/Đã gửi đề xuất (ĐX-\d{4}-\d{4})/)?.[1];
    assert.ok(code, submitted);
    const [proposal] = await q<{ id: string; status: string; holder_id: string }>(
      `SELECT id, status, holder_id FROM proposal WHERE code = $1`,
      [code],
    );
    assert.equal(proposal!.status, 'under_review');
    assert.equal(proposal!.holder_id, p.scHead);
    const id = proposal!.id;
    assert.match(said(head.conversationId), new RegExp(`Kế hoạch đề xuất đổi mới, sáng tạo ${code}`));

    // 2. The head is in the middle of their own wizard: the typed decision command still works (commands
    //    with a code come first), and the head's own step is asked again, its draft untouched.
    assert.match(plain(allText(await head.say('tạo đề xuất'))), /Bước 1\/25/);
    const returned = plain(allText(await head.say(`TRẢ LẠI ${code} Bổ sung nguồn kinh phí, làm rõ đơn vị chi trả`)));
    assert.match(returned, new RegExp(`Đã trả lại kế hoạch ${code}`));
    assert.match(returned, /Bước 1\/25 · Tên và lĩnh vực · Tên đề xuất/);
    const [headDraft] = await q<{ title: string | null }>(`SELECT title FROM proposal WHERE proposer_id = $1 AND status = 'draft'`, [
      p.scHead,
    ]);
    assert.equal(headDraft!.title, null, 'the command was not stored as the title');
    // A typed command without a code is an answer like any other ("Chuyển đổi số…" is not CHUYỂN).
    assert.match(plain(allText(await head.say('Chuyển đổi số hồ sơ một cửa của Sở'))), /Bước 2\/25/);
    assert.equal(
      (await q<{ title: string }>(`SELECT title FROM proposal WHERE proposer_id = $1 AND status = 'draft'`, [p.scHead]))[0]!.title,
      'Chuyển đổi số hồ sơ một cửa của Sở',
    );
    await head.say('lưu nháp');
    assert.equal((await q<{ status: string }>(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]!.status, 'returned');

    // 3. The proposer's notification carries the comment and the "Sửa đề xuất" action (verb + typed command).
    const note = h.connector.messages(staff.conversationId).at(-1)!;
    const noteText = plain(allText([note]));
    assert.match(noteText, new RegExp(`Kế hoạch đề xuất ${code} được trả lại`));
    assert.match(noteText, /Bổ sung nguồn kinh phí, làm rõ đơn vị chi trả/);
    assert.match(noteText, /Sửa đề xuất/);
    assert.match(JSON.stringify(note.attachments), /"verb":"plan\.reopen"/);

    // 4. "đề xuất của tôi" and "tiếp tục" show the returned plan with the comment and the action.
    const mine = plain(allText(await staff.say('đề xuất của tôi')));
    assert.match(mine, new RegExp(`${code} – Số hóa hồ sơ cấp phép xây dựng tại xã: Được trả lại để bổ sung`));
    assert.match(mine, /Ý kiến khi trả lại \(Phạm Văn Khoa – Giám đốc\): Bổ sung nguồn kinh phí/);
    assert.match(mine, new RegExp(`Sửa đề xuất ${code}`));
    const cont = plain(allText(await staff.say('tiếp tục')));
    assert.match(cont, /Bản nháp và đề xuất cần sửa/);
    assert.match(cont, /Bổ sung nguồn kinh phí/);

    // An old review card's "Gửi đề xuất" does not send a returned plan: it says how to reopen it.
    const stale = plain(allText((await staff.execute('plan.submit', { proposalId: id })).replies));
    assert.match(stale, new RegExp(`đã được trả lại để bổ sung[\\s\\S]*SỬA ${code}`));
    assert.equal((await q<{ status: string }>(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]!.status, 'returned');

    // 5. Someone else cannot reopen it (a deputy with no part in it may not even see it); the refusal is
    // audited and nothing changes.
    const other = plain(allText(await h.user('pgd1.skhcn@test.invalid').say(`SỬA ${code}`)));
    assert.match(other, /không phải người được giao hay có liên quan/);
    assert.equal((await q<{ status: string }>(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]!.status, 'returned');
    assert.equal(
      (
        await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND action = 'refused' AND actor_id = $2`,
          [id, p.scDeputy1],
        )
      )[0]!.n,
      1,
    );

    // 6. The proposer presses "Sửa đề xuất": returned → draft (same code, same revision), the review with the
    //    comment and the sections it names first.
    const pressed = await staff.execute('plan.reopen', { proposalId: id });
    assert.equal(pressed.status, 200);
    const review = plain(allText(pressed.replies));
    assert.match(review, new RegExp(`Sửa kế hoạch đề xuất ${code} theo ý kiến trả lại`));
    assert.match(review, /Ý kiến khi trả lại của Phạm Văn Khoa – Giám đốc[\s\S]*Bổ sung nguồn kinh phí, làm rõ đơn vị chi trả/);
    assert.match(review, /Ý kiến trả lại nêu các phần: Phần b\) Nguồn lực và tính khả thi/);
    assert.match(review, /Nhân lực \(cần sửa theo ý kiến\)/);
    assert.match(review, /lần gửi thứ 2/);
    const [reopened] = await q<{ status: string; code: string; current_revision: number; holder_id: string }>(
      `SELECT status, code, current_revision, holder_id FROM proposal WHERE id = $1`,
      [id],
    );
    assert.deepEqual(reopened, { status: 'draft', code, current_revision: 1, holder_id: p.scStaff });

    // 7. A second press (typed, without diacritics, code written DX-) is harmless: the same draft again.
    const again = plain(allText(await staff.say(`sua ${code.replace('Đ', 'D')}`)));
    assert.match(again, /đang được chỉnh sửa/);
    assert.equal(
      (await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND action = 'reopen'`, [id]))[0]!.n,
      1,
    );

    // 8. Edit one section with the same steps; "menu", "hướng dẫn", "việc chờ tôi" are not answers.
    await run(staff, [
      ['sửa nguồn lực', /Bước 14\/25[\s\S]*Nhân lực/],
      ['giữ nguyên', /Bước 15\/25[\s\S]*Kinh phí/],
      ['giữ nguyên', /Bước 16\/25[\s\S]*Nguồn kinh phí/],
      ['menu', /Tôi có thể giúp gì\?[\s\S]*Bản nháp vẫn giữ nguyên chỗ đang soạn[\s\S]*Bước 16\/25[\s\S]*Nguồn kinh phí/],
      ['hướng dẫn', /Trợ lý Đổi mới giúp anh\/chị[\s\S]*Bước 16\/25/],
      ['việc chờ tôi', /không có việc nào đang chờ[\s\S]*Bước 16\/25/],
      ['Ngân sách tỉnh hỗ trợ 50%, xã đối ứng 50%', /Bước 17\/25/],
      ['giữ nguyên', /Bước 18\/25/],
      ['giữ nguyên', /Sửa kế hoạch đề xuất[\s\S]*nguồn: Ngân sách tỉnh hỗ trợ 50%, xã đối ứng 50%[\s\S]*Gửi lại đề xuất/],
    ]);
    const [plan] = await q<{ plan: { fundingSource: string } }>(`SELECT plan FROM proposal WHERE id = $1`, [id]);
    assert.equal(plan!.plan.fundingSource, 'Ngân sách tỉnh hỗ trợ 50%, xã đối ứng 50%');

    // 9. Resubmission: same code, revision 2, status through the state machine, the same head.
    const headBefore = h.connector.messages(head.conversationId).length;
    const resubmitted = plain(allText(await staff.say('gửi đề xuất')));
    assert.match(resubmitted, new RegExp(`Đã gửi lại đề xuất ${code} \\(lần gửi thứ 2\\)`));
    const [after2] = await q<{ status: string; code: string; current_revision: number; holder_id: string }>(
      `SELECT status, code, current_revision, holder_id FROM proposal WHERE id = $1`,
      [id],
    );
    assert.deepEqual(after2, { status: 'under_review', code, current_revision: 2, holder_id: p.scHead });
    const revisions = await q<{ revision: number }>(
      `SELECT revision FROM proposal_revision WHERE proposal_id = $1 AND kind = 'submission' ORDER BY revision`,
      [id],
    );
    assert.deepEqual(
      revisions.map((r) => r.revision),
      [1, 2],
    );
    const decisions = await q<{ decider_id: string; revision: number }>(
      `SELECT decider_id, revision FROM decision WHERE proposal_id = $1 ORDER BY created_at`,
      [id],
    );
    assert.deepEqual(decisions, [
      { decider_id: p.scHead, revision: 1 },
      { decider_id: p.scHead, revision: 2 },
    ]);
    const transitions = await q<{ action: string; from_status: string; to_status: string }>(
      `SELECT action, from_status, to_status FROM audit_event WHERE proposal_id = $1 AND from_status IS DISTINCT FROM to_status ORDER BY id`,
      [id],
    );
    assert.deepEqual(
      transitions.map((t) => `${t.action}:${t.from_status ?? ''}>${t.to_status}`),
      [
        'draft_created:>draft',
        'submitted:draft>submitted',
        'route.decider:submitted>under_review',
        'return:under_review>returned',
        'reopen:returned>draft',
        'submitted:draft>submitted',
        'route.decider:submitted>under_review',
      ],
    );
    // The head's card shows what changed and the comment it answers.
    const headCard = plain(
      h.connector
        .messages(head.conversationId)
        .slice(headBefore)
        .map((a) => allText([a]))
        .join('\n'),
    );
    assert.match(headCard, new RegExp(code));
    assert.match(headCard, /Những nội dung đã thay đổi so với lần gửi trước/);
    assert.match(headCard, /Nguồn kinh phí: “Chi thường xuyên của xã” → “Ngân sách tỉnh hỗ trợ 50%, xã đối ứng 50%”/);
    assert.match(headCard, /Ý kiến khi trả lại lần trước[\s\S]*Bổ sung nguồn kinh phí, làm rõ đơn vị chi trả/);

    // 10. The collective decides (meeting result); the proposer learns the outcome.
    assert.match(plain(allText(await head.say(`Ý KIẾN CẤP ỦY ${code} Đảng ủy nhất trí`))), /Đã ghi ý kiến cấp ủy/);
    const decided = plain(allText(await head.say(`KẾT QUẢ HỌP ${code} 4 0 CÓ Ông Khoa, bà Phó, ông Hai, bà Ba`)));
    assert.match(decided, /Đã ghi kết quả họp/);
    assert.equal((await q<{ status: string }>(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]!.status, 'approved');
    assert.match(
      said(staff.conversationId),
      new RegExp(`Kế hoạch đề xuất ${code} của anh/chị đã được phê duyệt: tập thể lãnh đạo biểu quyết thông qua`),
    );

    // 11. SỬA on a plan that is not returned is refused politely; the list offers the plan document.
    const late = plain(allText(await staff.say(`SỬA ${code}`)));
    assert.match(late, /không ở tình trạng được trả lại để sửa/);
    assert.equal((await q<{ status: string }>(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]!.status, 'approved');
    const final = plain(allText(await staff.say('de xuat cua toi')));
    assert.match(final, new RegExp(`${code} – Số hóa hồ sơ cấp phép xây dựng tại xã: Đã được phê duyệt`));
    assert.match(final, new RegExp(`Tải kế hoạch \\(\\.docx\\) ${code}`));
    const file = await staff.execute('plan.download', { proposalId: id });
    const url = JSON.stringify(file.replies).match(/https?:\/\/[^"\s]+\/files\/[^"\s]+/)?.[0];
    assert.ok(url, JSON.stringify(file.replies));
    const res = await fetch(url!);
    assert.equal(res.status, 200);
    assert.equal(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );
  });

  it('"đề xuất của tôi" is one list: drafts with "Làm tiếp"/"Xóa", holder and due date of a submitted plan', async () => {
    const staff = h.user('cv.qlkh@test.invalid');
    await run(staff, [
      ['tạo đề xuất', /Bước 1\/25/],
      ['Bản đồ số điểm du lịch cộng đồng', /Bước 2\/25/],
      ['lưu nháp', /Đã lưu bản nháp/],
    ]);
    await run(staff, FULL_PLAN.slice(0, 1));
    for (const [answer] of FULL_PLAN.slice(1)) await staff.say(answer);
    await staff.say('gửi đề xuất');
    const text = plain(allText(await staff.say('đề xuất của tôi')));
    assert.match(text, /Bản nháp – Bản đồ số điểm du lịch cộng đồng: Đang soạn/);
    assert.match(text, /Làm tiếp: Bản đồ số điểm du lịch cộng đồng/);
    assert.match(text, /Xóa: Bản đồ số điểm du lịch cộng đồng/);
    assert.match(text, /ĐX-\d{4}-\d{4} – Số hóa hồ sơ cấp phép xây dựng tại xã: Đang chờ xem xét/);
    assert.match(text, /Đang ở: Phạm Văn Khoa – Giám đốc/);
    assert.match(text, /Hạn: \d{2}\/\d{2}\/\d{4}/);
    // One handler only: the list is not sent twice.
    const replies = await staff.say('đề xuất của tôi');
    assert.equal(replies.length, 1);
  });
});
