// The dashboard: access by role (Home Affairs: the province; a head: their unit and the units under it;
// anyone else: refused), the aggregates against a known set of proposals, the tolerant panels, and the
// CSV (formula-safe) and XLSX exports read back.
import assert from 'node:assert/strict';
import { addCalendarDays, todayVN } from '../services/calendar/local-date.js';
import ExcelJS from 'exceljs';

import { DashboardService } from '../services/dashboard/dashboard-service.js';
import { startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { WebClient } from './helpers/web-client.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';

describe('dashboard', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;
  const ids: Record<string, string> = {};

  before(async function () {
    this.timeout(240_000);
    h = await startDemoHarness({}, async (db) => {
      p = await seedDecisionDirectory(db.dataSource);
    });
    const ds = h.db.dataSource;
    const service = h.server.container.decisions;
    // Sở KH&CN: one under review (made overdue), one in the room below it; Sở Tài chính: one under review.
    const a = await createSubmittedProposal(ds, p.scStaff!, { title: '=HYPERLINK("http://evil")' });
    const b = await createSubmittedProposal(ds, p.roomStaff!, { title: 'Phòng QLKH số hóa' });
    const c = await createSubmittedProposal(ds, p.financeHead!, { title: 'Tài chính một cửa' });
    for (const x of [a, b, c]) await service.routeSubmitted(x.id, null);
    ids.a = a.id;
    ids.b = b.id;
    ids.c = c.id;
    // Five days before today in Vietnam, where the dashboard counts: the database's now()::date is UTC's
    // day, one behind between 17:00 and 24:00 UTC.
    const fiveDaysAgo = addCalendarDays(todayVN(), -5);
    await ds.query(`UPDATE decision SET due_date = $2 WHERE proposal_id = $1`, [a.id, fiveDaysAgo]);
    await ds.query(`UPDATE proposal SET due_date = $2 WHERE id = $1`, [a.id, fiveDaysAgo]);
    // Time in stages comes from the audit trail (append-only): a proposal of Sở Y tế with a known history,
    // submitted 6 days ago and at the Home Affairs intake for the last 4.
    const d = await createSubmittedProposal(ds, p.healthStaff!, { title: 'Y tế số' });
    ids.d = d.id;
    await ds.query(`UPDATE proposal SET status = 'in_intake' WHERE id = $1`, [d.id]);
    await ds.query(
      `INSERT INTO audit_event (proposal_id, actor_id, action, from_status, to_status, at) VALUES
         ($1, $2, 'submitted', 'draft', 'submitted', now() - interval '6 days'),
         ($1, NULL, 'route', 'submitted', 'in_intake', now() - interval '4 days')`,
      [d.id, p.healthStaff],
    );
  });
  after(async () => h?.close());

  it('gives Home Affairs the province, a head their units and sub-units, and nobody else anything', async () => {
    const service = new DashboardService(h.db.dataSource, defaultWorkflowConfig.dashboard.provinceRoles);
    const officer = async (id: string) => (await h.db.dataSource.getRepository('Officer').findOneByOrFail({ id })) as any;
    assert.deepEqual(await service.scopeFor(await officer(p.haHead!)), { kind: 'province' });
    const head = await service.scopeFor(await officer(p.scHead!));
    assert.equal(head.kind, 'units');
    const [sc, room] = await Promise.all(
      ['SKHCN', 'SKHCN-QLKH'].map(async (code) => (await h.db.dataSource.query(`SELECT id FROM unit WHERE code = $1`, [code]))[0].id),
    );
    assert.deepEqual([...(head as any).unitIds].sort(), [sc, room].sort());
    assert.equal((await service.scopeFor(await officer(p.scStaff!))).kind, 'none');
    assert.equal((await service.scopeFor(await officer(p.scDeputy1!))).kind, 'none');

    const staff = new WebClient(h.url);
    await staff.signInDemo(p.scStaff!);
    const refused = await staff.get('/web/api/dashboard');
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /Sở Nội vụ/);
    assert.equal((await staff.get('/web/api/dashboard/proposals.csv')).status, 403);
    assert.equal((await new WebClient(h.url).get('/web/api/dashboard')).status, 401);
  });

  it('gives the province only to the Home Affairs roles the workflow config names (default: the head)', async () => {
    const officer = async (id: string) => (await h.db.dataSource.getRepository('Officer').findOneByOrFail({ id })) as any;
    // A Home Affairs deputy heads no unit: by default no dashboard at all, over HTTP too.
    assert.equal(
      (await new DashboardService(h.db.dataSource, defaultWorkflowConfig.dashboard.provinceRoles).scopeFor(await officer(p.haDeputy!)))
        .kind,
      'none',
    );
    const deputy = new WebClient(h.url);
    await deputy.signInDemo(p.haDeputy!);
    assert.equal((await deputy.get('/web/api/dashboard')).status, 403);
    assert.equal((await deputy.get('/web/api/dashboard/proposals.csv')).status, 403);
    assert.equal((await deputy.get('/web/api/session')).body.dashboard, false);

    // A province that lists deputies too.
    const wider = new DashboardService(h.db.dataSource, ['head', 'deputy']);
    assert.deepEqual(await wider.scopeFor(await officer(p.haDeputy!)), { kind: 'province' });
    // Heads only: another unit's head keeps their own units, not the province.
    const headsOnly = new DashboardService(h.db.dataSource, ['head']);
    assert.equal((await headsOnly.scopeFor(await officer(p.scHead!))).kind, 'units');
    assert.deepEqual(await headsOnly.scopeFor(await officer(p.haHead!)), { kind: 'province' });

    // An acting head of Home Affairs (the head away) sees the province while acting.
    const [snv] = await h.db.dataSource.query(`SELECT id FROM unit WHERE code = 'SNV'`);
    await h.db.dataSource.query(
      `INSERT INTO acting_head (unit_id, officer_id, from_date, to_date) VALUES ($1, $2, now()::date - 1, now()::date + 1)`,
      [snv.id, p.haDeputy],
    );
    try {
      assert.deepEqual(await headsOnly.scopeFor(await officer(p.haDeputy!)), { kind: 'province' });
    } finally {
      await h.db.dataSource.query(`DELETE FROM acting_head WHERE officer_id = $1`, [p.haDeputy]);
    }
  });

  it('counts proposals by status and unit, lists overdue decisions with days overdue and the time in each stage', async () => {
    const ha = new WebClient(h.url);
    await ha.signInDemo(p.haHead!);
    const res = await ha.get('/web/api/dashboard');
    assert.equal(res.status, 200);
    const d = res.body;
    assert.equal(d.scope.kind, 'province');
    assert.match(d.scopeText, /toàn tỉnh/);
    const total = d.byStatus.reduce((n: number, s: any) => n + s.count, 0);
    assert.equal(total, 4);
    const units = Object.fromEntries(d.perUnit.map((u: any) => [u.unitCode, u]));
    assert.equal(units.SKHCN.total, 1);
    assert.equal(units.SKHCN.overdue, 1);
    assert.equal(units['SKHCN-QLKH'].total, 1);
    assert.equal(units.STC.total, 1);
    assert.equal(units.SYT.total, 1);
    assert.equal(d.overdueDecisions.length, 1);
    assert.equal(d.overdueDecisions[0].proposalId, ids.a);
    assert.equal(d.overdueDecisions[0].daysOverdue, 5);
    const stage = (status: string) => d.stageDurations.find((s: any) => s.status === status);
    assert.ok(stage('under_review'), JSON.stringify(d.stageDurations));
    assert.equal(stage('under_review').current, 2);
    assert.equal(stage('in_intake').current, 2, 'the head of Sở Tài chính goes through the Home Affairs intake');
    assert.ok(Math.abs(stage('in_intake').maxDays - 4) < 0.1, `intake ${stage('in_intake').maxDays}`);
    assert.ok(stage('submitted').maxDays >= 1.9 && stage('submitted').maxDays < 2.1, `submitted ${stage('submitted').maxDays}`);
    assert.equal(d.recent.length, 4);
    assert.equal(d.labels.status.under_review, 'Đang chờ xem xét');

    const head = new WebClient(h.url);
    await head.signInDemo(p.scHead!);
    const mine = (await head.get('/web/api/dashboard')).body;
    assert.deepEqual(
      mine.recent.map((r: any) => r.proposalId).sort(),
      [ids.a, ids.b].sort(),
      'the head sees their unit and the room below, not Sở Tài chính',
    );
    assert.match(mine.scopeText, /Sở Khoa học và Công nghệ/);
  });

  it('shows the after-decision panels when their tables exist, and says so when they do not', async () => {
    const service = new DashboardService(h.db.dataSource, defaultWorkflowConfig.dashboard.provinceRoles);
    const d = await service.build({ kind: 'province' });
    const [{ present }] = await h.db.dataSource.query(`SELECT to_regclass('public.annual_report') IS NOT NULL AS present`);
    if (present) {
      assert.ok(d.annualReports);
      assert.ok(d.annualReports!.rows.every((r) => r.submittedAt === null));
      const unit = d.annualReports!.rows.find((r) => r.unitCode === 'STC')!;
      await h.db.dataSource.query(`INSERT INTO annual_report (unit_id, year, submitted_at) VALUES ($1, $2, now())`, [unit.unitId, d.year]);
      const after = await service.build({ kind: 'province' });
      assert.equal(after.annualReports!.submitted, 1);
      assert.ok(Array.isArray(after.overdueEvaluations));
    } else {
      assert.equal(d.annualReports, null);
      assert.equal(d.overdueEvaluations, null);
    }
  });

  it('exports the list as CSV (formula-safe, UTF-8 with BOM) and the panels as XLSX', async () => {
    const ha = new WebClient(h.url);
    await ha.signInDemo(p.haHead!);
    const csv = await ha.get('/web/api/dashboard/proposals.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
    assert.ok(csv.text.startsWith('\ufeff') || csv.text.startsWith('Mã'), 'BOM');
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r\n/);
    assert.equal(lines.length, 5);
    assert.match(lines[0]!, /^Mã đề xuất,Tên đề xuất,Đơn vị,Trạng thái/);
    assert.ok(
      lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`)),
      lines.join('\n'),
    );

    const res = await fetch(`${h.url}/web/api/dashboard/dashboard.xlsx`, {
      headers: { cookie: [...ha.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(res.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const names = wb.worksheets.map((w) => w.name);
    assert.ok(names.includes('Theo đơn vị') && names.includes('Quá hạn xem xét') && names.includes('Danh sách đề xuất'), names.join(', '));
    const overdue = wb.getWorksheet('Quá hạn xem xét')!;
    assert.equal(overdue.getRow(2).getCell(7).value, 5);
    assert.equal(wb.getWorksheet('Danh sách đề xuất')!.rowCount, 5);
  });
});
