// `report annual`, `report status` and `report remind` through the CLI (the first in a child process, the others in this one), on an
// on-disk PGlite (or a fresh PostgreSQL database): files written, figures printed, bad input refused.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { seedDecisionDirectory } from './helpers/decision-fixtures.js';
import { createApprovedProposal } from './helpers/after-decision-fixtures.js';
import { cliDatabase, type CliDatabase } from './helpers/cli.js';

describe('yearly report: CLI', function () {
  this.timeout(240_000);
  let cli: CliDatabase;
  let tmp: string;

  before(async function () {
    this.timeout(240_000);
    cli = await cliDatabase('report-cli');
    tmp = cli.tmp;
    await cli.withDb(async ({ dataSource }) => {
      const p = await seedDecisionDirectory(dataSource);
      await createApprovedProposal(dataSource, p.scStaff!);
    });
  });
  after(() => cli.dispose());

  it('writes the unit report and its annex, then the province report; status lists the units', async () => {
    const year = String(new Date().getFullYear());
    const out = path.join(tmp, 'out');
    const unit = await cli.spawn(['report', 'annual', '--year', year, '--unit', 'SKHCN', '--out', out, '--date', `${year}-11-25`]);
    assert.equal(unit.code, 0, unit.stderr);
    assert.match(unit.stdout, /Tiếp nhận 1, phê duyệt 1, không thông qua 0, đang triển khai 1, hoàn thành 0\./);
    const docx = path.join(out, `bao-cao-nam-${year}-SKHCN.docx`);
    assert.ok(existsSync(docx) && existsSync(path.join(out, `bao-cao-nam-${year}-SKHCN-phu-luc.xlsx`)));
    const text = (await mammoth.extractRawText({ path: docx })).value;
    assert.match(text, /Kế hoạch đề xuất tiếp nhận trong năm\s*1/);
    const province = await cli.run(['report', 'annual', '--year', year, '--out', out]);
    assert.equal(province.code, 0, province.stderr);
    assert.ok(existsSync(path.join(out, `bao-cao-nam-${year}-tinh.docx`)));
    const status = await cli.run(['report', 'status', '--year', year]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /0\/5 cơ quan, đơn vị đã nộp báo cáo năm\./);
    assert.match(status.stdout, /Sở Tài chính \(STC\): chưa nộp/);
  });

  it('refuses a room, an unknown unit and a bad year with a Vietnamese message', async () => {
    const room = await cli.run(['report', 'annual', '--year', '2026', '--unit', 'SKHCN-QLKH', '--out', tmp]);
    assert.equal(room.code, 1);
    assert.match(room.stderr, /không tự lập báo cáo năm: báo cáo do Sở Khoa học và Công nghệ \(mã SKHCN\) lập/);
    const unknown = await cli.run(['report', 'annual', '--year', '2026', '--unit', 'KHONG-CO', '--out', tmp]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Không tìm thấy đơn vị có mã “KHONG-CO”/);
    const year = await cli.run(['report', 'annual', '--year', '1999', '--out', tmp]);
    assert.equal(year.code, 1);
    assert.match(year.stderr, /Năm báo cáo không hợp lệ/);
  });

  it('report remind runs the sweep once for a given day', async () => {
    const r = await cli.run(['report', 'remind', '--today', '2026-11-02']);
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
    assert.equal(run.assignCards, 0); // the approval already asked the head to assign (the sweep is a safety net)
    assert.equal(run.annualUnitReminders, 4);
    const again = JSON.parse((await cli.run(['report', 'remind', '--today', '2026-11-02'])).stdout.trim().split('\n').pop()!) as Record<
      string,
      number
    >;
    assert.equal(again.assignCards, 0);
    assert.equal(again.annualUnitReminders, 0);
  });
});
