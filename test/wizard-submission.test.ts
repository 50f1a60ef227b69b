// Submission: codes unique per year without gaps under concurrency, one frozen revision, audit, the
// 'submitted' event only after commit, and the plan document.
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { Officer } from '../entities/officer.entity.js';
import type { ProposalPlan } from '../entities/proposal.entity.js';
import { renderPlanFile } from '../services/documents/plan-file.js';
import { FileLinkSigner } from '../bot/files/file-links.js';
import { ProposalEvents } from '../services/proposals/proposal-events.js';
import { ProposalDraftService } from '../services/proposals/proposal-draft-service.js';
import { ProposalSubmissionService } from '../services/proposals/proposal-submission-service.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { clearProposals, openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { NEXT_YEAR } from './helpers/wizard-script.js';

const PLAN: ProposalPlan = {
  title: 'Số hóa hồ sơ cấp phép xây dựng',
  field: 'chuyen_doi_so',
  necessity: 'Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.',
  purpose: 'Rút ngắn thời gian giải quyết.',
  requirements: 'Không phát sinh thủ tục mới.',
  bottleneck: 'Chưa có quy định tiếp nhận bản vẽ điện tử có chữ ký số.',
  uncoveredDocuments: 'Quyết định 12/2022/QĐ-UBND của tỉnh',
  content: 'Xây dựng quy trình điện tử, tập huấn cán bộ, thí điểm 6 tháng tại 2 xã.',
  scope: 'Hai xã Bảo Hà và Phong Hải',
  implementers: 'Tôi chủ trì, công chức địa chính phối hợp',
  startDate: `${NEXT_YEAR}-03-01`,
  endDate: `${NEXT_YEAR}-12-31`,
  milestones: [{ date: `${NEXT_YEAR}-06-30`, description: 'Ban hành quy trình tiếp nhận' }],
  resourcesPeople: '2 công chức một cửa',
  fundingAmount: '150000000',
  fundingSource: 'Chi thường xuyên của xã',
  equipment: '2 máy quét khổ A3',
  feasibility: 'Hai xã đã có đường truyền và chữ ký số, không cần sửa văn bản cấp trên.',
  positiveImpacts: 'Người dân đi lại ít hơn.',
  negativeImpacts: 'Giai đoạn đầu làm song song giấy và điện tử.',
  expectedResults: '90% hồ sơ được tiếp nhận điện tử, thời gian giảm từ 15 xuống 7 ngày.',
  conditions: {
    c1: { met: true, reason: 'Chưa có quy định cho hồ sơ điện tử' },
    c2: { met: true, reason: 'Người dân được lợi' },
    c3: { met: true, reason: 'Hồ sơ tồn đọng nhiều' },
    c4: { met: true, reason: 'Ứng dụng công nghệ thông tin' },
  },
};

describe('wizard: submission', function () {
  let db: TestDatabase;
  let officer: Officer;
  let events: ProposalEvents;
  let drafts: ProposalDraftService;
  let submission: ProposalSubmissionService;

  // One database for the file; each test starts from no proposal and no code taken.
  before(async () => {
    db = await openTestDatabase();
    await seedTestDirectory(db.dataSource);
    officer = await db.dataSource.getRepository(Officer).findOneByOrFail({ email: 'tp.qlkh@test.invalid' });
  });
  after(async () => db?.dispose());
  beforeEach(async () => {
    await clearProposals(db);
    events = new ProposalEvents();
    drafts = new ProposalDraftService(db.dataSource);
    submission = new ProposalSubmissionService(db.dataSource, events, () => defaultWorkflowConfig.fields);
  });

  async function completeDraft(title = PLAN.title!): Promise<string> {
    const draft = await drafts.create(officer, 'msteams');
    await drafts.saveAnswers(officer, draft.id, { ...PLAN, title }, 'msteams');
    return draft.id;
  }

  it('gives 20 concurrent submissions 20 distinct consecutive codes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await completeDraft(`Đề xuất số ${i + 1} về số hóa`));
    const seen: string[] = [];
    events.on('submitted', async (e) => {
      // Raised after the commit: the row is already visible as submitted.
      const [row] = await db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [e.proposalId]);
      seen.push(row.status);
    });
    const results = await Promise.all(ids.map((id) => submission.submit(officer, id, 'msteams')));
    const year = new Date().getFullYear();
    const codes = results.map((r) => (r.status === 'submitted' ? r.code : `failed: ${r.status}`)).sort();
    assert.deepEqual(
      codes,
      Array.from({ length: 20 }, (_, i) => `ĐX-${year}-${String(i + 1).padStart(4, '0')}`),
    );
    assert.deepEqual(seen, Array(20).fill('submitted'));
    const [{ last }] = await db.dataSource.query(`SELECT last FROM proposal_code_counter WHERE year = $1`, [year]);
    assert.equal(last, 20);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM proposal_revision WHERE kind = 'submission' AND revision = 1`,
    );
    assert.equal(n, 20);
  });

  it('submits once: a second submission neither takes a code nor freezes another revision', async () => {
    const id = await completeDraft();
    const [first, second] = await Promise.all([submission.submit(officer, id, 'msteams'), submission.submit(officer, id, 'zalo_bot')]);
    const statuses = [first.status, second.status].sort();
    assert.deepEqual(statuses, ['already_submitted', 'submitted']);
    const [{ last }] = await db.dataSource.query(`SELECT last FROM proposal_code_counter`);
    assert.equal(last, 1);
    const audit = await db.dataSource.query(`SELECT action FROM audit_event WHERE proposal_id = $1 ORDER BY id`, [id]);
    assert.deepEqual(
      audit.map((a: { action: string }) => a.action),
      ['draft_created', 'submitted'],
    );
    // The frozen revision is the plan as submitted; later edits are refused (no longer a draft).
    const [rev] = await db.dataSource.query(`SELECT plan FROM proposal_revision WHERE proposal_id = $1 AND kind = 'submission'`, [id]);
    assert.equal(rev.plan.title, PLAN.title);
    await assert.rejects(drafts.saveAnswers(officer, id, { title: 'Sửa sau khi gửi' }, 'msteams'));
  });

  it('refuses an incomplete plan without taking a code, and says what is missing', async () => {
    const draft = await drafts.create(officer, 'msteams');
    await drafts.saveAnswers(officer, draft.id, { title: 'Đề xuất chưa xong về số hóa' }, 'msteams');
    const r = await submission.submit(officer, draft.id, 'msteams');
    assert.equal(r.status, 'incomplete');
    assert.ok(r.status === 'incomplete' && r.problems.some((p) => p.key === 'necessity'));
    assert.deepEqual(await db.dataSource.query(`SELECT * FROM proposal_code_counter`), []);
  });

  it('writes the plan document with every section, from the frozen revision', async () => {
    const id = await completeDraft();
    const r = await submission.submit(officer, id, 'msteams');
    assert.equal(r.status, 'submitted');
    const file = await renderPlanFile(db.dataSource, id, 1, defaultWorkflowConfig);
    assert.ok(file);
    assert.match(file!.name, /^ke-hoach-DX-\d{4}-0001\.docx$/);
    const { value: text } = await mammoth.extractRawText({ buffer: file!.content });
    const upper = text.toUpperCase();
    for (const expected of [
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ', // the employing agency above the proposer's department
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
      'ĐỘC LẬP - TỰ DO - HẠNH PHÚC',
      'KẾ HOẠCH',
      'ĐỀ XUẤT ĐỔI MỚI, SÁNG TẠO',
      PLAN.necessity!,
      PLAN.purpose!,
      PLAN.bottleneck!,
      PLAN.uncoveredDocuments!,
      PLAN.content!,
      PLAN.scope!,
      PLAN.implementers!,
      'BAN HÀNH QUY TRÌNH TIẾP NHẬN',
      PLAN.resourcesPeople!,
      '150.000.000 ĐỒNG',
      PLAN.equipment!,
      PLAN.feasibility!,
      PLAN.positiveImpacts!,
      PLAN.negativeImpacts!,
      PLAN.expectedResults!,
      'TỰ ĐÁNH GIÁ',
      'ỨNG DỤNG CÔNG NGHỆ THÔNG TIN',
      'NGƯỜI ĐỀ XUẤT',
      'HOÀNG VĂN TRƯỞNG',
    ]) {
      assert.ok(upper.includes(expected.toUpperCase()), `the document holds «${expected}»`);
    }
  });

  it('signs download links: bound to one proposal and revision, expiring, tamper-proof', () => {
    const id = '28ca1782-606f-4fd5-aa48-d72a848881f0';
    const links = new FileLinkSigner('a-file-link-secret-of-at-least-32-characters');
    const token = links.create('plan', id, 2, 1_000_000);
    assert.ok(token.length < 100, 'fits the router parameter limit');
    assert.deepEqual(links.verify('plan', token, 1_000_000), { proposalId: id, revision: 2, expiresAt: 1_000_000 + 72 * 3_600_000 });
    assert.equal(links.verify('plan', token, 1_000_000 + 73 * 3_600_000), undefined, 'expired');
    const other = links.create('plan', '38ca1782-606f-4fd5-aa48-d72a848881f0', 2, 1_000_000);
    const forged = `${other.split('.').slice(0, 3).join('.')}.${token.split('.')[3]}`;
    assert.equal(links.verify('plan', forged, 1_000_000), undefined, 'a signature does not move to another proposal');
    assert.equal(links.verify('plan', 'garbage', 1_000_000), undefined);
  });
});
