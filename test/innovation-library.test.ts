// Issue 18 over HTTP: the library searched on Teams and on the web (accents dropped, filters, never drafts,
// a name only with consent, members only), "gợi ý" at a wizard step (anonymised excerpts, else the
// example), similar proposals on the review card and the decider's card with joining forces and the consent
// to be named, and "áp dụng tại đơn vị tôi" (a draft pre-filled, its source named).
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { diffPlans } from '../services/decisions/plan-diff.js';
import { renderPlanFile } from '../services/documents/plan-file.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { allText, startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { createLibraryPlan } from './helpers/library-fixtures.js';
import { WebClient } from './helpers/web-client.js';
import { FULL_PLAN, plain, run, STAFF } from './helpers/wizard-script.js';

describe('library of innovations', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let proposer: ReturnType<BotHarness['user']>;

  before(async function () {
    this.timeout(240_000);
    h = await startDemoHarness({}, async (db) => {
      p = await seedDecisionDirectory(db.dataSource);
    });
    const ds = h.db.dataSource;
    // A commune's evaluated plan, the proposer named (consent), with its name and phone in the necessity.
    const signing = await createLibraryPlan(
      ds,
      p.communeHead!,
      {
        title: 'Ký số văn bản đi tại UBND xã',
        content: 'Trang bị chữ ký số cho lãnh đạo và văn thư, phát hành văn bản điện tử thay bản giấy.',
        necessity: 'Giàng A Xã ký tay hàng trăm văn bản mỗi tháng tại UBND xã Bắc Hà, liên hệ 0912 345 678, văn bản đến chậm.',
        nameInLibrary: true,
      },
      { field: 'chuyen_doi_so', outcome: 'completed', results: 'Toàn bộ văn bản đi được ký số từ tháng 6.', year: 2025 },
    );
    // A department's plan being carried out, the proposer not named (no consent).
    const permits = await createLibraryPlan(
      ds,
      p.scStaff!,
      {
        title: 'Số hóa hồ sơ cấp giấy phép xây dựng',
        content: 'Tiếp nhận hồ sơ xin phép xây dựng và bản vẽ dạng điện tử có chữ ký số, trả giấy phép qua mạng.',
        necessity: 'Hồ sơ xin phép xây dựng nộp bằng giấy, người dân phải đi lại nhiều lần.',
        bottleneck: 'Chưa có quy định nhận bản vẽ điện tử.',
        purpose: 'Giảm thời gian cấp phép.',
      },
      { field: 'chuyen_doi_so' },
    );
    const health = await createLibraryPlan(
      ds,
      p.healthStaff!,
      { title: 'Đặt lịch khám bệnh trực tuyến', content: 'Người bệnh đặt giờ khám qua Zalo, giảm thời gian chờ.' },
      { field: 'y_te', outcome: 'not_completed_pure_motive' },
    );
    // Never in the library: a draft and a plan under consideration.
    const draft = await createLibraryPlan(
      ds,
      p.financeHead!,
      { title: 'Chữ ký số cho kế toán (nháp)', content: 'Chữ ký số.' },
      { status: 'draft' },
    );
    const pending = await createLibraryPlan(
      ds,
      p.financeHead!,
      { title: 'Chữ ký số cho kế toán', content: 'Ký số chứng từ kế toán.' },
      { status: 'under_review' },
    );
    // The fixtures wrote their codes by hand: the submissions of this test number after them.
    await ds.query(
      `INSERT INTO proposal_code_counter (year, last) SELECT y, 900 FROM generate_series(2025, 2030) y ON CONFLICT (year) DO UPDATE SET last = 900`,
    );
    Object.assign(codes, { signing: signing.code, permits: permits.code, health: health.code, draft: draft.code, pending: pending.code });
    Object.assign(ids, { signing: signing.id, permits: permits.id });
  });
  after(async () => h?.close());

  it('finds plans typed without accents on Teams, never drafts nor plans under consideration, a name only with consent', async () => {
    const officer = h.user('pgd.syt@test.invalid');
    const text = plain(allText(await officer.say('tim sang kien chu ky so')));
    assert.match(text, new RegExp(codes.signing!));
    assert.match(text, /Ký số văn bản đi tại UBND xã/);
    assert.match(text, /UBND xã Bắc Hà · Chuyển đổi số · năm 2025 · người đề xuất: Giàng A Xã/);
    assert.match(text, /Kết quả: Hoàn thành/);
    assert.match(text, /Đánh giá: Toàn bộ văn bản đi được ký số/);
    assert.doesNotMatch(text, new RegExp(`${codes.draft}|${codes.pending}|${codes.health}`));
    assert.match(text, /Áp dụng tại đơn vị tôi/);
    // Without consent: the unit only.
    const permits = plain(allText(await officer.say('tìm sáng kiến giấy phép xây dựng')));
    assert.match(permits, new RegExp(codes.permits!));
    assert.doesNotMatch(permits, /Vũ Văn Chuyên|người đề xuất:/);
    assert.match(
      plain(allText(await officer.say('tìm sáng kiến tàu vũ trụ'))),
      /Chưa có sáng kiến nào trong thư viện khớp với «tàu vũ trụ»/,
    );
  });

  it('refuses people who are not in the directory', async () => {
    const stranger = h.user('nguoi.la@khac.invalid');
    const text = plain(allText(await stranger.say('tìm sáng kiến chữ ký số')));
    assert.doesNotMatch(text, new RegExp(codes.signing!));
  });

  it('serves the web page and its search with filters to signed-in members only', async () => {
    const anonymous = new WebClient(h.url);
    assert.equal((await anonymous.get('/web/api/library')).status, 401);
    const page = await anonymous.get('/library');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(page.text, /Thư viện sáng kiến của tỉnh/);

    const web = new WebClient(h.url);
    await web.signInDemo(p.healthStaff!);
    const all = await web.get('/web/api/library');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.entries.map((e: any) => e.code).sort(), [codes.signing, codes.permits, codes.health].sort());
    assert.ok(all.body.filters.fields.some((f: any) => f.value === 'y_te'));
    assert.deepEqual(all.body.filters.years, [2026, 2025]);
    // Only what the library shows.
    for (const e of all.body.entries)
      assert.deepEqual(Object.keys(e).sort(), [
        'code',
        'evaluation',
        'field',
        'id',
        'proposer',
        'status',
        'summary',
        'title',
        'unit',
        'year',
      ]);
    assert.doesNotMatch(all.text, /0912|necessity|Vũ Văn Chuyên/);

    const codesOf = async (query: string) => ((await web.get(`/web/api/library?${query}`)).body.entries as any[]).map((e) => e.code);
    const signing = await codesOf('q=ky%20so%20van%20ban');
    assert.equal(signing[0], codes.signing);
    assert.ok(!signing.includes(codes.health));
    assert.deepEqual(await codesOf('field=y_te'), [codes.health]);
    assert.deepEqual(await codesOf('year=2025'), [codes.signing]);
    assert.deepEqual(await codesOf('outcome=completed'), [codes.signing]);
    assert.deepEqual(await codesOf('outcome=not_evaluated'), [codes.permits]);
    const [unit] = await h.db.dataSource.query(`SELECT unit_id FROM proposal WHERE id = $1`, [ids.permits]);
    assert.deepEqual(await codesOf(`unit=${unit.unit_id}`), [codes.permits]);
    assert.equal((await web.get('/web/api/library?year=20x5')).status, 400);
    assert.equal((await web.get('/web/api/library?outcome=__proto__')).status, 400);
  });

  it('gives "gợi ý" at a step: two anonymised excerpts of the same field with their unit kind, else the example', async () => {
    const officer = (proposer = h.user(STAFF));
    await run(officer, [FULL_PLAN[0]!]);
    // No field chosen yet: nothing to compare with, the step's example.
    assert.match(plain(allText(await officer.say('gợi ý'))), /Chưa có kế hoạch đã được phê duyệt cùng lĩnh vực[\s\S]*Ví dụ: Số hóa hồ sơ/);
    await run(officer, [FULL_PLAN[1]!, FULL_PLAN[2]!]);
    // A search typed in the middle of a step is answered, and the step asked again: nothing stored.
    const searched = plain(allText(await officer.say('tìm sáng kiến ký số')));
    assert.match(searched, new RegExp(codes.signing!));
    assert.match(searched, /Bước 3\/25/);
    const hints = plain(allText(await officer.say('goi y')));
    assert.match(hints, /Gợi ý cho mục «Sự cần thiết»/);
    assert.match(hints, /ký tay hàng trăm văn bản mỗi tháng tại \[…\], liên hệ \[…\]/);
    assert.match(hints, /\(một UBND xã, phường\)/);
    assert.match(hints, /Hồ sơ xin phép xây dựng nộp bằng giấy[\s\S]*\(một sở, ngành\)/);
    assert.doesNotMatch(hints, /Giàng A Xã|Bắc Hà|0912|Đặt lịch khám/);
    // The step still waits: the next answer is the necessity.
    await run(officer, FULL_PLAN.slice(3));
    const [row] = await h.db.dataSource.query(
      `SELECT id, plan FROM proposal WHERE proposer_id = $1 AND status = 'draft' ORDER BY created_at DESC LIMIT 1`,
      [p.roomStaff],
    );
    assert.equal(row.plan.necessity, 'Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.');
    ids.draft = row.id;
  });

  it('shows similar plans before sending, records joining forces and the consent, and shows them to the decider', async () => {
    const officer = proposer;
    const review = plain(allText(await officer.say('xem lại')));
    assert.match(review, /Trước khi gửi, anh\/chị xem các đề xuất tương tự/);
    assert.match(
      review,
      new RegExp(
        `Đề xuất tương tự đã có[\\s\\S]*${codes.permits} · Số hóa hồ sơ cấp giấy phép xây dựng\\nThư viện sáng kiến · Sở Khoa học và Công nghệ`,
      ),
    );
    assert.doesNotMatch(review, new RegExp(codes.health!));
    assert.match(review, /chỉ nêu tên đơn vị \(mặc định\)/);

    const consent = plain(allText(await officer.say('nêu tên tôi')));
    assert.match(consent, /nêu cả tên anh\/chị \(anh\/chị đã đồng ý\)/);
    const joined = plain(allText(await officer.say(`phối hợp ${codes.permits}`)));
    assert.match(joined, new RegExp(`phối hợp với đề xuất ${codes.permits}. Người cần liên hệ: lãnh đạo Sở Khoa học và Công nghệ`));
    const [{ plan }] = await h.db.dataSource.query(`SELECT plan FROM proposal WHERE id = $1`, [ids.draft]);
    assert.equal(plan.nameInLibrary, true);
    assert.deepEqual(plan.joinWith, [codes.permits]);
    // Someone else's draft cannot be touched through the card's data.
    const other = h.user('pgd.syt@test.invalid');
    await other.execute('library.consent', { proposalId: ids.draft, consent: false });
    assert.equal((await h.db.dataSource.query(`SELECT plan FROM proposal WHERE id = $1`, [ids.draft]))[0].plan.nameInLibrary, true);

    assert.match(plain(allText(await officer.say('gửi đề xuất'))), /ĐX-\d{4}-\d{4}/);
    const [decision] = await h.db.dataSource.query(
      `SELECT o.email FROM decision d JOIN officer o ON o.id = d.decider_id WHERE d.proposal_id = $1`,
      [ids.draft],
    );
    const decider = h.user(decision.email);
    const card = await decider.execute('decision.refresh', { proposalId: ids.draft });
    // Card texts are escaped markdown, doubled again by JSON: read without the backslashes.
    const cardText = JSON.stringify(card.body?.value).replace(/\\/g, '');
    assert.match(cardText, /Đề xuất tương tự \(thư viện sáng kiến, đơn vị\)/);
    assert.match(cardText, new RegExp(codes.permits!));
    assert.match(cardText, /Đề nghị phối hợp với/);
  });

  it('starts a draft from a library entry with its source named, leaving the necessity and the bottleneck', async () => {
    const officer = h.user('pgd.syt@test.invalid');
    assert.match(plain(allText(await officer.say(`áp dụng sáng kiến ${codes.pending}`))), /Không tìm thấy sáng kiến này/);
    const text = plain(allText(await officer.say(`ap dung sang kien ${codes.permits}`)));
    assert.match(
      text,
      new RegExp(`Đã tạo bản nháp từ sáng kiến ${codes.permits} «Số hóa hồ sơ cấp giấy phép xây dựng» của Sở Khoa học và Công nghệ`),
    );
    assert.match(text, /Bước 3\/25[\s\S]*Sự cần thiết/);
    const [{ plan }] = await h.db.dataSource.query(
      `SELECT plan FROM proposal WHERE proposer_id = $1 AND status = 'draft' ORDER BY created_at DESC LIMIT 1`,
      [p.healthDeputy],
    );
    assert.equal(plan.title, 'Số hóa hồ sơ cấp giấy phép xây dựng');
    assert.equal(plan.purpose, 'Giảm thời gian cấp phép.');
    assert.deepEqual(plan.source, {
      code: codes.permits,
      title: 'Số hóa hồ sơ cấp giấy phép xây dựng',
      unitName: 'Sở Khoa học và Công nghệ',
    });
    assert.equal(plan.necessity, undefined);
    assert.equal(plan.bottleneck, undefined);
    const applied = plain(allText(await officer.say('xem lại')));
    assert.doesNotMatch(applied, /Đề xuất tương tự đã có/, 'its own source is named, not listed as similar');
    assert.match(applied, new RegExp(`Nguồn sáng kiến[\\s\\S]*Áp dụng sáng kiến ${codes.permits}`));

    // Once submitted, the plan document names its source too.
    const [{ id }] = await h.db.dataSource.query(
      `SELECT id FROM proposal WHERE proposer_id = $1 AND status = 'draft' ORDER BY created_at DESC LIMIT 1`,
      [p.healthDeputy],
    );
    const frozen = {
      ...plan,
      necessity: 'Bệnh viện còn nhận hồ sơ giấy.',
      bottleneck: 'Chưa có quy định.',
      startDate: '2027-03-01',
      endDate: '2027-12-31',
    };
    await h.db.dataSource.query(`UPDATE proposal SET code = 'ĐX-2026-0999', status = 'submitted', current_revision = 1 WHERE id = $1`, [
      id,
    ]);
    await h.db.dataSource.query(
      `INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id) VALUES ($1, 'submission', 1, $2::jsonb, $3)`,
      [id, JSON.stringify(frozen), p.healthDeputy],
    );
    const file = await renderPlanFile(h.db.dataSource, id, 1, defaultWorkflowConfig);
    const { value: docText } = await mammoth.extractRawText({ buffer: file!.content });
    assert.match(
      docText.replace(/\s+/g, ' '),
      new RegExp(`Nguồn sáng kiến: Áp dụng sáng kiến ${codes.permits} «Số hóa hồ sơ cấp giấy phép xây dựng» của Sở Khoa học và Công nghệ`),
    );
  });

  it('answers the same search in the web chat', async () => {
    const web = new WebClient(h.url);
    await web.signInDemo(p.financeHead!);
    const res = await web.post('/web/api/messages', { text: 'tìm sáng kiến ký số văn bản' });
    assert.equal(res.status, 200);
    assert.match(JSON.stringify(res.body.replies).replace(/\\/g, ''), new RegExp(codes.signing!));
  });

  it("shows a resubmission's decider the proposals joined, not the consent to be named", () => {
    const changes = diffPlans(
      { title: 'A', nameInLibrary: false },
      { title: 'A', nameInLibrary: true, joinWith: ['ĐX-2026-0001', 'ĐX-2026-0002'] },
    );
    assert.deepEqual(changes, [{ field: 'joinWith', before: '', after: 'ĐX-2026-0001, ĐX-2026-0002' }]);
  });
});
