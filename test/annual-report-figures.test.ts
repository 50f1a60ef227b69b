// The yearly report against a known dataset: every figure, the year boundary in Vietnam time, the scope of
// a unit (its rooms count with it) and of the province, the .docx read back with mammoth and the .xlsx
// read back with exceljs (totals per unit, one row per proposal, keyset pages), and submission tracking.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { DataSource } from 'typeorm';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { computeAnnualFigures } from '../services/reports/annual-report-figures.js';
import { ANNEX_SHEETS, writeAnnex } from '../services/reports/annual-report-annex.js';
import { setNarrative } from '../services/reports/annual-report-narrative.js';
import { AnnualReportError, resolveScope } from '../services/reports/annual-report-scope.js';
import { generateAnnualReport } from '../services/reports/annual-report-service.js';
import { markSubmitted, submissionStatus } from '../services/reports/annual-report-submissions.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';

let seq = 0;
async function proposal(
  ds: DataSource,
  proposerId: string,
  status: string,
  submittedAt: string | null,
  extra: {
    evaluation?: { outcome: string; provision: string | null; concluded: string; recognitions?: string[]; recognized?: string };
    obstacle?: string;
    override?: boolean;
    headId?: string;
  } = {},
): Promise<string> {
  seq += 1;
  const code = `ĐX-2026-${String(seq).padStart(4, '0')}`;
  const [row] = (await ds.query(
    `INSERT INTO proposal (code, status, proposer_id, unit_id, title, field, plan, current_revision, submitted_at)
     VALUES ($1, $2, $3, (SELECT unit_id FROM officer WHERE id = $3), $4, 'chuyen_doi_so', '{}'::jsonb, 1, $5) RETURNING id`,
    [submittedAt ? code : null, status, proposerId, `Đề xuất số ${seq}`, submittedAt],
  )) as { id: string }[];
  const id = row!.id;
  const head = extra.headId!;
  if (extra.override) {
    await ds.query(
      `INSERT INTO decision (proposal_id, revision, stage, decider_id, unit_id, basis, state, outcome, received_on, due_date, decided_at)
       VALUES ($1, 1, 'decision', $2, (SELECT unit_id FROM officer WHERE id = $2), 'art_7_3', 'done', 'approved_by_override', '2026-03-02', '2026-03-11', now())`,
      [id, head],
    );
  }
  if (extra.evaluation) {
    const e = extra.evaluation;
    const recognitions = e.recognitions
      ? JSON.stringify(e.recognitions.map((c) => ({ code: c, label: c, basis: 'Điều 10', confidence: 'secondary' })))
      : null;
    await ds.query(
      `INSERT INTO evaluation (proposal_id, round, unit_id, chair_id, state, outcome, results, provision, recognitions, recognized_on, opened_on, due_date, concluded_on, tally)
       VALUES ($1, 1, (SELECT unit_id FROM officer WHERE id = $2), $2, 'passed', $3, 'Kết quả', $4, $5::jsonb, $6, $7, $7, $7, '{"voters":3,"inFavour":3,"against":0,"headInFavour":true,"passed":true,"source":"meeting"}'::jsonb)`,
      [id, head, e.outcome, e.provision, recognitions, e.recognized ?? null, e.concluded],
    );
  }
  if (extra.obstacle) {
    await ds.query(
      `INSERT INTO implementation_report (proposal_id, author_id, kind, text, reported_on) VALUES ($1, $2, 'obstacle', 'Thiếu máy quét', $3)`,
      [id, proposerId, extra.obstacle],
    );
  }
  return id;
}

describe('yearly report figures, .docx and .xlsx', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let p: People;
  let dir: string;

  before(async function () {
    this.timeout(180_000);
    db = await openTestDatabase();
    const ds = db.dataSource;
    p = await seedDecisionDirectory(ds);
    dir = await mkdtemp(path.join(os.tmpdir(), 'annual-report-'));
    const sc = { headId: p.scHead! };
    // Sở Khoa học và Công nghệ (its room's plans count with it)
    await proposal(ds, p.scStaff!, 'closed', '2026-03-01T03:00:00Z', {
      ...sc,
      evaluation: {
        outcome: 'completed',
        provision: '11.1',
        concluded: '2026-07-10',
        recognitions: ['bieu_duong', 'nang_luong_truoc_han'],
        recognized: '2026-07-12',
      },
    });
    await proposal(ds, p.scStaff!, 'closed', '2026-03-05T03:00:00Z', {
      ...sc,
      evaluation: { outcome: 'not_completed_pure_motive', provision: '11.2', concluded: '2026-08-01' },
    });
    await proposal(ds, p.roomStaff!, 'implementing', '2026-04-01T03:00:00Z', { ...sc, obstacle: '2026-05-05' });
    await proposal(ds, p.scStaff!, 'rejected', '2026-04-02T03:00:00Z', sc);
    await proposal(ds, p.scStaff!, 'under_review', '2026-10-02T03:00:00Z', sc);
    await proposal(ds, p.scDeputy1!, 'approved_by_override', '2026-05-02T03:00:00Z', { ...sc, override: true });
    await proposal(ds, p.scStaff!, 'closed', '2025-12-31T16:30:00Z', {
      ...sc,
      evaluation: { outcome: 'completed', provision: '11.1', concluded: '2025-12-31' },
    }); // 23:30 on 31/12/2025 in Vietnam
    await proposal(ds, p.roomStaff!, 'returned', '2025-12-31T17:10:00Z', sc); // 00:10 on 1/1/2026 in Vietnam
    await proposal(ds, p.scStaff!, 'draft', null, sc);
    // UBND xã Bắc Hà
    const xa = { headId: p.communeHead! };
    await proposal(ds, p.communeHead!, 'stopped', '2026-02-10T03:00:00Z', xa);
    await proposal(ds, p.communeHead!, 'closed', '2026-02-11T03:00:00Z', {
      ...xa,
      evaluation: { outcome: 'not_completed_with_damage', provision: '11.3', concluded: '2026-09-09' },
    });
  });
  after(async () => {
    await db?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('computes every figure of a unit from the database (rooms included, Vietnam year boundary, drafts excluded)', async () => {
    const { tree, scope } = await resolveScope(db.dataSource, { unitCode: 'SKHCN' }, defaultWorkflowConfig);
    const f = await computeAnnualFigures(db.dataSource, tree, scope, 2026);
    assert.deepEqual(f.total.plans, {
      received: 7,
      approved: 4,
      approvedByOverride: 1,
      rejected: 1,
      underConsideration: 2,
      inProgress: 2,
      underEvaluation: 0,
      completed: 1,
      notCompleted: 1,
      notByPolicy: 0,
      stopped: 0,
      withdrawn: 0,
    });
    assert.deepEqual(f.total.evaluations, { completed: 1, notCompletedPureMotive: 1, notCompletedWithDamage: 0, notByPolicy: 0 });
    assert.equal(f.total.recognitionCases, 1);
    assert.deepEqual(f.total.recognitions, { bieu_duong: 1, nang_luong_truoc_han: 1 });
    assert.deepEqual(f.total.protections, { '11.1': 1, '11.2': 1 });
    assert.equal(f.total.obstacles, 1);
    assert.equal(f.obstacleItems[0]!.text, 'Thiếu máy quét');
    const f2025 = await computeAnnualFigures(db.dataSource, tree, scope, 2025);
    assert.equal(f2025.total.plans.received, 1);
    assert.equal(f2025.total.evaluations.completed, 1);
  });

  it('the province adds up every unit; a room cannot report on its own', async () => {
    const { tree, scope } = await resolveScope(db.dataSource, {}, defaultWorkflowConfig);
    assert.equal(scope.issuer.code, 'SNV');
    const f = await computeAnnualFigures(db.dataSource, tree, scope, 2026);
    assert.equal(f.total.plans.received, 9);
    assert.equal(f.total.plans.approved, 6);
    assert.equal(f.total.plans.stopped, 1);
    assert.equal(f.total.plans.notCompleted, 2);
    assert.deepEqual(f.total.protections, { '11.1': 1, '11.2': 1, '11.3': 1 });
    const xa = scope.reportingUnits.find((u) => u.code === 'XA-BAC-HA')!;
    assert.equal(f.perUnit.get(xa.id)!.plans.received, 2);
    assert.equal(f.perUnit.get(xa.id)!.evaluations.notCompletedWithDamage, 1);
    await assert.rejects(
      resolveScope(db.dataSource, { unitCode: 'SKHCN-QLKH' }, defaultWorkflowConfig),
      (e: unknown) => e instanceof AnnualReportError && e.code === 'not_reporting_unit' && /Sở Khoa học và Công nghệ/.test(e.message),
    );
    await assert.rejects(
      resolveScope(db.dataSource, { unitCode: 'KHONG-CO' }, defaultWorkflowConfig),
      (e: unknown) => e instanceof AnnualReportError && e.code === 'unknown_unit',
    );
  });

  it("a unit's .docx (Decree 30) and .xlsx hold the same numbers and the unit's narrative", async () => {
    const [{ id: unitId }] = (await db.dataSource.query(`SELECT id FROM unit WHERE code = 'SKHCN'`)) as { id: string }[];
    await setNarrative(
      db.dataSource,
      unitId!,
      2026,
      'dissemination',
      'Tổ chức 3 hội nghị phổ biến Nghị định 73 cho 240 cán bộ.',
      p.scHead!,
    );
    await setNarrative(db.dataSource, unitId!, 2026, 'recommendations', 'Đề nghị bổ sung kinh phí chuyển đổi số.', p.scHead!);
    const r = await generateAnnualReport(db.dataSource, {
      year: 2026,
      unitCode: 'SKHCN',
      outDir: dir,
      date: '2026-11-25',
      config: defaultWorkflowConfig,
    });
    assert.equal(r.annexRows, 7);
    const text = (await mammoth.extractRawText({ path: r.docxPath })).value;
    assert.match(text, /SỞ KHOA HỌC VÀ CÔNG NGHỆ/);
    assert.match(text, /Số:\s+\/BC-SKHCN/);
    assert.match(text, /Lào Cai, ngày 25 tháng 11 năm 2026/);
    assert.match(text, /BÁO CÁO/);
    assert.match(text, /năm 2026/);
    assert.match(text, /Tổ chức 3 hội nghị phổ biến/);
    assert.match(text, /Đề nghị bổ sung kinh phí/);
    assert.match(text, /Đơn vị chưa cập nhật nội dung này/); // training not written
    assert.match(text, /Kế hoạch đề xuất tiếp nhận trong năm\s*7/);
    assert.match(text, /Không được thông qua\s*1/);
    assert.match(text, /Đã đánh giá: hoàn thành\s*1/);
    assert.match(text, /Biểu dương, khen ngợi kịp thời\s*1/);
    assert.match(text, /khoản 2 Điều 11[\s\S]*?loại trừ trách nhiệm[^\n]*\s*1/);
    assert.match(text, /1 lượt báo cáo/);
    assert.match(text, /Thiếu máy quét/);
    assert.match(text, /Phạm Văn Khoa/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsxPath);
    const totals = wb.getWorksheet(ANNEX_SHEETS.totals)!;
    const header = (totals.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const sc = totals.getRow(2);
    assert.equal(sc.getCell(1).value, 'SKHCN');
    assert.equal(sc.getCell(col('Tiếp nhận')).value, 7);
    assert.equal(sc.getCell(col('Phê duyệt')).value, 4);
    assert.equal(sc.getCell(col('Vướng mắc')).value, 1);
    const list = wb.getWorksheet(ANNEX_SHEETS.list)!;
    assert.equal(list.rowCount, 8);
    const codes = [...Array(7).keys()].map((i) => String(list.getRow(i + 2).getCell(2).value));
    assert.deepEqual(codes, [...codes].sort());
    assert.ok(codes.includes('ĐX-2026-0008'));
    assert.ok(!codes.includes('ĐX-2026-0007'));
    const first = list.getRow(2);
    assert.equal(first.getCell(4).value, 'Sở Khoa học và Công nghệ');
    assert.equal(first.getCell(5).value, 'Chuyển đổi số');
    assert.match(String(first.getCell(11).value), /bieu_duong/);
  });

  it('the annex pages through the proposals by keyset without losing or repeating a row', async () => {
    const { tree, scope } = await resolveScope(db.dataSource, {}, defaultWorkflowConfig);
    const f = await computeAnnualFigures(db.dataSource, tree, scope, 2026);
    const file = path.join(dir, 'paged.xlsx');
    const rows = await writeAnnex(db.dataSource, tree, f, file, defaultWorkflowConfig, undefined, 2);
    assert.equal(rows, 9);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const list = wb.getWorksheet(ANNEX_SHEETS.list)!;
    const codes = [...Array(9).keys()].map((i) => String(list.getRow(i + 2).getCell(2).value));
    assert.equal(new Set(codes).size, 9);
    const totals = wb.getWorksheet(ANNEX_SHEETS.totals)!;
    const last = totals.getRow(totals.rowCount);
    assert.equal(last.getCell(2).value, 'Tổng cộng');
    assert.equal(last.getCell(3).value, 9);
  });

  it('the province report tracks submissions and names the missing units', async () => {
    const [{ id: xa }] = (await db.dataSource.query(`SELECT id FROM unit WHERE code = 'XA-BAC-HA'`)) as { id: string }[];
    assert.equal(await markSubmitted(db.dataSource, xa!, 2026, p.communeHead!), true);
    assert.equal(await markSubmitted(db.dataSource, xa!, 2026, p.communeHead!), false);
    const status = await submissionStatus(db.dataSource, 2026, defaultWorkflowConfig);
    assert.deepEqual(
      status.map((s) => s.unit.code),
      ['SKHCN', 'SNV', 'STC', 'SYT', 'XA-BAC-HA'],
    );
    assert.deepEqual(
      status.filter((s) => s.submittedAt).map((s) => s.unit.code),
      ['XA-BAC-HA'],
    );
    const r = await generateAnnualReport(db.dataSource, { year: 2026, outDir: dir, date: '2026-11-30', config: defaultWorkflowConfig });
    const text = (await mammoth.extractRawText({ path: r.docxPath })).value;
    assert.match(text, /SỞ NỘI VỤ/);
    assert.match(text, /Kế hoạch đề xuất tiếp nhận trong năm\s*9/);
    assert.match(text, /1\/5 cơ quan, đơn vị đã gửi báo cáo năm 2026/);
    assert.match(text, /Chưa gửi: Sở Khoa học và Công nghệ; Sở Nội vụ; Sở Tài chính; Sở Y tế/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsxPath);
    const totals = wb.getWorksheet(ANNEX_SHEETS.totals)!;
    const xaRow = [...Array(totals.rowCount).keys()].map((i) => totals.getRow(i + 1)).find((row) => row.getCell(1).value === 'XA-BAC-HA')!;
    assert.equal(xaRow.getCell(3).value, 2);
    assert.match(String(xaRow.getCell(totals.columnCount).value), /^\d{2}\/\d{2}\/2026$/);
  });
  it('outcome 4 (not done by the policy, or a prohibited act) is counted on its own rows, never as a protection', async () => {
    await proposal(db.dataSource, p.communeHead!, 'evaluated', '2026-06-01T03:00:00Z', {
      headId: p.communeHead!,
      evaluation: { outcome: 'not_by_policy', provision: null, concluded: '2026-10-01' },
    });
    const { tree, scope } = await resolveScope(db.dataSource, { unitCode: 'XA-BAC-HA' }, defaultWorkflowConfig);
    const f = await computeAnnualFigures(db.dataSource, tree, scope, 2026);
    assert.equal(f.total.plans.notByPolicy, 1);
    assert.equal(f.total.plans.notCompleted, 1);
    assert.deepEqual(f.total.evaluations, { completed: 0, notCompletedPureMotive: 0, notCompletedWithDamage: 1, notByPolicy: 1 });
    assert.deepEqual(f.total.protections, { '11.3': 1 });
    const r = await generateAnnualReport(db.dataSource, {
      year: 2026,
      unitCode: 'XA-BAC-HA',
      outDir: dir,
      date: '2026-11-25',
      config: defaultWorkflowConfig,
    });
    const text = (await mammoth.extractRawText({ path: r.docxPath })).value;
    assert.match(text, /Đã đánh giá: không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm \(không được bảo vệ\)\s*1/);
    assert.match(text, /4\s*Đề xuất không được thực hiện đúng chủ trương, quy định[^\n]*\s*1/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.xlsxPath);
    const totals = wb.getWorksheet(ANNEX_SHEETS.totals)!;
    const header = (totals.getRow(1).values as unknown[]).slice(1);
    assert.equal(totals.getRow(2).getCell(header.indexOf('Đánh giá: không được bảo vệ (kết quả 4)') + 1).value, 1);
  });
});
