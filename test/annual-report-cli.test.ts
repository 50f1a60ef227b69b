// `report annual`, `report status` and `report remind` through the real CLI in a child process, on an
// on-disk PGlite (or a fresh PostgreSQL database): files written, figures printed, bad input refused.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { openDatabase } from '../entities/data-source.js';
import { createTestDatabaseOptions, migratedPgliteDir } from './helpers/test-database.js';
import { seedDecisionDirectory } from './helpers/decision-fixtures.js';
import { createApprovedProposal } from './helpers/after-decision-fixtures.js';
import { runCliInProcess, spawnCli } from './helpers/cli.js';

describe('yearly report: CLI', function () {
  this.timeout(240_000);
  let env: NodeJS.ProcessEnv;
  let tmp: string;
  let drop: () => Promise<void> = async () => undefined;

  before(async function () {
    this.timeout(240_000);
    tmp = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
    const created = await createTestDatabaseOptions();
    drop = created.drop;
    const options = created.options.kind === 'postgres' ? created.options : { kind: 'pglite' as const, dataDir: path.join(tmp, 'data') };
    if (options.kind === 'pglite') await migratedPgliteDir(options.dataDir);
    const db = await openDatabase(options);
    try {
      const p = await seedDecisionDirectory(db.dataSource);
      await createApprovedProposal(db.dataSource, p.scStaff!);
    } finally {
      await db.close();
    }
    const base = { ...process.env, LOG_LEVEL: 'silent' };
    env = options.kind === 'postgres' ? { ...base, DATABASE_URL: options.url } : { ...base, DATABASE_URL: '', DATA_DIR: options.dataDir };
  });
  after(async () => {
    await drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const cli = (args: string[]) => runCliInProcess(args, env);

  it('writes the unit report and its annex, then the province report; status lists the units', async () => {
    const year = String(new Date().getFullYear());
    const out = path.join(tmp, 'out');
    const unit = await spawnCli(['report', 'annual', '--year', year, '--unit', 'SKHCN', '--out', out, '--date', `${year}-11-25`], env);
    assert.equal(unit.code, 0, unit.stderr);
    assert.match(unit.stdout, /Tiếp nhận 1, phê duyệt 1, không thông qua 0, đang triển khai 1, hoàn thành 0\./);
    const docx = path.join(out, `bao-cao-nam-${year}-SKHCN.docx`);
    assert.ok(existsSync(docx) && existsSync(path.join(out, `bao-cao-nam-${year}-SKHCN-phu-luc.xlsx`)));
    const text = (await mammoth.extractRawText({ path: docx })).value;
    assert.match(text, /Kế hoạch đề xuất tiếp nhận trong năm\s*1/);
    const province = await cli(['report', 'annual', '--year', year, '--out', out]);
    assert.equal(province.code, 0, province.stderr);
    assert.ok(existsSync(path.join(out, `bao-cao-nam-${year}-tinh.docx`)));
    const status = await cli(['report', 'status', '--year', year]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /0\/5 cơ quan, đơn vị đã nộp báo cáo năm\./);
    assert.match(status.stdout, /Sở Tài chính \(STC\): chưa nộp/);
  });

  it('refuses a room, an unknown unit and a bad year with a Vietnamese message', async () => {
    const room = await cli(['report', 'annual', '--year', '2026', '--unit', 'SKHCN-QLKH', '--out', tmp]);
    assert.equal(room.code, 1);
    assert.match(room.stderr, /không tự lập báo cáo năm: báo cáo do Sở Khoa học và Công nghệ \(mã SKHCN\) lập/);
    const unknown = await cli(['report', 'annual', '--year', '2026', '--unit', 'KHONG-CO', '--out', tmp]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Không tìm thấy đơn vị có mã “KHONG-CO”/);
    const year = await cli(['report', 'annual', '--year', '1999', '--out', tmp]);
    assert.equal(year.code, 1);
    assert.match(year.stderr, /Năm báo cáo không hợp lệ/);
  });

  it('report remind runs the sweep once for a given day', async () => {
    const r = await cli(['report', 'remind', '--today', '2026-11-02']);
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
    assert.equal(run.assignCards, 0); // the approval already asked the head to assign (the sweep is a safety net)
    assert.equal(run.annualUnitReminders, 4);
    const again = JSON.parse((await cli(['report', 'remind', '--today', '2026-11-02'])).stdout.trim().split('\n').pop()!) as Record<
      string,
      number
    >;
    assert.equal(again.assignCards, 0);
    assert.equal(again.annualUnitReminders, 0);
  });
});
