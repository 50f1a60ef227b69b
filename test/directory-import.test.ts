// Directory import/export and the demo directory, against a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL), plus the CLI as a child process.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Officer } from '../entities/officer.entity.js';
import { Unit } from '../entities/unit.entity.js';
import { loadDemoDirectoryIfEmpty, DEMO_DIRECTORY_FILE } from '../services/directory/demo-directory.js';
import { DirectoryFileError, parseDirectoryCsv, readDirectoryFile } from '../services/directory/directory-file.js';
import { exportDirectoryCsv } from '../services/directory/directory-export.js';
import { importDirectory } from '../services/directory/directory-import.js';
import type { ImportProgress, ImportResult } from '../services/directory/directory-import-types.js';
import { DirectoryService } from '../services/directory/directory-service.js';
import { migratedPgliteDir, openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { runCliInProcess, spawnCli } from './helpers/cli.js';

const HEADER = [
  'unit_code',
  'unit_name',
  'unit_kind',
  'parent_unit_code',
  'officer_email',
  'officer_name',
  'position',
  'role',
  'is_manager',
  'phone',
  'teams_aad_object_id',
];

type Row = string[];

/** A small province: committee, home affairs, a department with an office, a commune. */
function goodRows(): Row[] {
  return [
    [
      'UBND',
      'UBND tỉnh Lào Cai',
      'ubnd_tinh',
      '',
      'chu.tich@example.vn',
      'Nguyễn Văn Chủ',
      'Chủ tịch UBND tỉnh',
      'head',
      'có',
      '',
      'aaaaaaaa-0000-4000-8000-000000000001',
    ],
    [
      'UBND',
      'UBND tỉnh Lào Cai',
      'ubnd_tinh',
      '',
      'pho.chu.tich@example.vn',
      'Trần Thị Phó',
      'Phó Chủ tịch UBND tỉnh',
      'deputy',
      'yes',
      '',
      '',
    ],
    [
      'SNV',
      'Sở Nội vụ',
      'so_nganh',
      'UBND',
      'Giam.Doc.SNV@Example.vn',
      'Lê Văn Nội',
      'Giám đốc Sở Nội vụ',
      'trưởng',
      'Co',
      '0214 3840 001',
      '',
    ],
    ['SNV', 'Sở Nội vụ', 'so_nganh', 'UBND', 'chuyen.vien.snv@example.vn', 'Phạm Thị Vụ', 'Chuyên viên', 'cán bộ', 'khong', '', ''],
    ['SXD', 'Sở Xây dựng', 'so_nganh', 'UBND', 'giam.doc.sxd@example.vn', 'Hoàng Văn Dựng', 'Giám đốc Sở Xây dựng', 'head', '1', '', ''],
    [
      'SXD',
      'Sở Xây dựng',
      'so_nganh',
      'UBND',
      'pho.giam.doc.sxd@example.vn',
      'Vũ Thị Xây',
      'Phó Giám đốc Sở Xây dựng',
      'phó',
      'YES',
      '',
      '',
    ],
    ['SXD.QLN', 'Phòng Quản lý nhà', 'phong', 'SXD', 'truong.phong.qln@example.vn', 'Đỗ Văn Nhà', 'Trưởng phòng', 'head', 'có', '', ''],
    ['SXD.QLN', 'Phòng Quản lý nhà', 'phong', 'SXD', 'chuyen.vien.qln@example.vn', 'Bùi Thị Ở', 'Chuyên viên', 'member', 'không', '', ''],
    [
      'X.BATXAT',
      'UBND xã Bát Xát',
      'ubnd_xa',
      'UBND',
      'chu.tich.batxat@example.vn',
      'Giàng A Páo',
      'Chủ tịch UBND xã',
      'head',
      'có',
      '',
      '',
    ],
    ['X.BATXAT', 'UBND xã Bát Xát', 'ubnd_xa', 'UBND', 'cong.chuc.batxat@example.vn', 'Lò Thị Mai', 'Công chức', 'member', '0', '', ''],
  ];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: Row[], header: string[] = HEADER): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

async function importRows(ds: DataSource, rows: Row[], options: Parameters<typeof importDirectory>[2] = {}) {
  return importDirectory(ds, parseDirectoryCsv(toCsv(rows)), options);
}

function applied(result: ImportResult) {
  assert.ok(result.status === 'applied' || result.status === 'dry-run', `expected success, got ${JSON.stringify(result)}`);
  return result;
}

/** Every column of every unit and officer, for "nothing changed" comparisons. */
async function snapshot(ds: DataSource): Promise<string> {
  const units = await ds.query('SELECT * FROM unit ORDER BY code');
  const officers = await ds.query('SELECT * FROM officer ORDER BY email');
  return JSON.stringify({ units, officers });
}

async function counts(ds: DataSource): Promise<{ units: number; officers: number }> {
  return { units: await ds.getRepository(Unit).count(), officers: await ds.getRepository(Officer).count() };
}

describe('directory import', function () {
  let db: TestDatabase;
  let ds: DataSource;
  let tmp: string;

  before(async function () {
    this.timeout(120_000); // opening and migrating a database is slow on a busy machine
    db = await openTestDatabase();
    ds = db.dataSource;
    tmp = await mkdtemp(path.join(tmpdir(), 'directory-test-'));
  });

  after(async () => {
    await db?.dispose();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE unit, officer, channel_account CASCADE');
  });

  describe('a good file', () => {
    it('imports a CSV: units with parents, inferred flags, lower-cased emails, Vietnamese aliases', async () => {
      const result = applied(await importRows(ds, goodRows()));
      assert.equal(result.status, 'applied');
      assert.deepEqual(result.units, { created: 5, updated: 0, unchanged: 0, deactivated: 0 });
      assert.deepEqual(result.officers, { created: 10, updated: 0, unchanged: 0, deactivated: 0 });

      const dir = new DirectoryService(ds);
      const snv = await dir.unitByCode('SNV');
      const ubnd = await dir.unitByCode('UBND');
      assert.ok(snv && ubnd);
      assert.equal(snv.parentId, ubnd.id);
      assert.equal(snv.isHomeAffairs, true);
      assert.equal(ubnd.isProvincialCommittee, true);
      assert.equal((await dir.homeAffairsUnit())?.code, 'SNV');
      assert.equal((await dir.provincialCommitteeUnit())?.code, 'UBND');
      assert.equal((await dir.unitByCode('SXD'))?.isHomeAffairs, false);

      const gd = await dir.findOfficerByEmail('giam.doc.snv@example.vn');
      assert.ok(gd);
      assert.equal(gd.email, 'giam.doc.snv@example.vn');
      assert.equal(gd.role, 'head');
      assert.equal(gd.isManager, true);
      assert.equal(gd.phone, '0214 3840 001');
      assert.equal(gd.unit?.code, 'SNV');
      const cv = await dir.findOfficerByEmail('chuyen.vien.snv@example.vn');
      assert.equal(cv?.role, 'member');
      assert.equal(cv?.isManager, false);
      assert.equal((await dir.findOfficerByEmail('pho.giam.doc.sxd@example.vn'))?.role, 'deputy');
      assert.equal((await dir.findOfficerByEmail('cong.chuc.batxat@example.vn'))?.isManager, false);
      assert.equal((await dir.findOfficerByAadObjectId('AAAAAAAA-0000-4000-8000-000000000001'))?.email, 'chu.tich@example.vn');
      assert.deepEqual(await counts(ds), { units: 5, officers: 10 });
    });

    it('imports the first sheet of an XLSX the same way as the CSV', async () => {
      applied(await importRows(ds, goodRows()));
      const fromCsv = (await exportDirectoryCsv(ds)).csv;
      await ds.query('TRUNCATE unit, officer, channel_account CASCADE');

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Danh bạ');
      workbook.addWorksheet('Ghi chú').addRow(['this sheet is ignored']);
      sheet.addRow(HEADER);
      for (const row of goodRows()) {
        const added = sheet.addRow(row.map((v) => v));
        // What Excel produces: emails as links, 1/0 as numbers.
        const email = row[4];
        added.getCell(5).value = { text: email, hyperlink: `mailto:${email}` };
        if (row[8] === '1' || row[8] === '0') added.getCell(9).value = Number(row[8]);
      }
      const file = path.join(tmp, 'directory.xlsx');
      await workbook.xlsx.writeFile(file);

      const result = applied(await importDirectory(ds, await readDirectoryFile(file)));
      assert.equal(result.units.created, 5);
      assert.equal(result.officers.created, 10);
      assert.equal((await exportDirectoryCsv(ds)).csv, fromCsv);
    });

    it('accepts a BOM, semicolons, CRLF, columns in another order, blank lines and unit-only lines', async () => {
      const header = [...HEADER].reverse();
      const rows = goodRows().map((r) => [...r].reverse());
      rows.push([...['KHAC', 'Ban Dân tộc', 'khac', 'UBND', '', '', '', '', '', '', '']].reverse());
      const csv = '\uFEFF' + [header, ...rows].map((r) => r.join(';')).join('\r\n\r\n') + '\r\n';
      const result = applied(await importDirectory(ds, parseDirectoryCsv(Buffer.from(csv, 'utf8'))));
      assert.equal(result.units.created, 6);
      assert.equal(result.officers.created, 10);
      assert.ok(result.warnings.some((w) => w.includes('KHAC') && w.includes('chưa có người đứng đầu')));
    });
  });

  describe('a bad file writes nothing and names every bad row in Vietnamese', () => {
    const cases: { name: string; mutate: (rows: Row[]) => Row[]; expect: { row: number; text: RegExp }[] }[] = [
      {
        name: 'unknown unit kind',
        mutate: (r) => ((r[4][2] = 'so_nghanh'), r),
        expect: [{ row: 6, text: /loại đơn vị “so_nghanh” không hợp lệ/ }],
      },
      {
        name: 'missing field',
        mutate: (r) => ((r[3][5] = ''), (r[7][6] = '  '), r),
        expect: [
          { row: 5, text: /thiếu họ tên cán bộ \(cột officer_name\)/ },
          { row: 9, text: /thiếu chức vụ \(cột position\)/ },
        ],
      },
      {
        name: 'malformed email',
        mutate: (r) => ((r[1][4] = 'pho.chu.tich@@example'), r),
        expect: [{ row: 3, text: /email “pho.chu.tich@@example” không đúng định dạng/ }],
      },
      {
        name: 'duplicate email (any case)',
        mutate: (r) => ((r[9][4] = 'CHU.TICH.BATXAT@example.vn'), r),
        expect: [{ row: 11, text: /email “chu.tich.batxat@example.vn” trùng với dòng 10/ }],
      },
      {
        name: 'two heads in one unit',
        mutate: (r) => ((r[7][7] = 'head'), r),
        expect: [{ row: 9, text: /đơn vị “SXD.QLN” có hai người đứng đầu \(role = head\): dòng 8 và dòng này/ }],
      },
      {
        name: 'unknown parent',
        mutate: (r) => ((r[8][3] = 'UBND_TINH'), (r[9][3] = 'UBND_TINH'), r),
        expect: [{ row: 10, text: /đơn vị cấp trên “UBND_TINH” \(cột parent_unit_code\) không có trong tệp/ }],
      },
      {
        name: 'a parent cycle',
        mutate: (r) => {
          for (const row of r) {
            if (row[0] === 'SXD') row[3] = 'SXD.QLN';
          }
          return r;
        },
        expect: [
          { row: 6, text: /vòng lặp: SXD → SXD.QLN → SXD/ },
          { row: 8, text: /vòng lặp: SXD.QLN → SXD → SXD.QLN/ },
        ],
      },
      {
        name: 'a unit that is its own parent',
        mutate: (r) => ((r[8][3] = 'X.BATXAT'), (r[9][3] = 'X.BATXAT'), r),
        expect: [{ row: 10, text: /không thể là cấp trên của chính nó/ }],
      },
      {
        name: 'inconsistent unit data',
        mutate: (r) => ((r[3][1] = 'Sở Nội Vụ tỉnh'), r),
        expect: [{ row: 5, text: /thông tin đơn vị “SNV” không khớp với dòng 4: tên đơn vị/ }],
      },
      {
        name: 'bad is_manager',
        mutate: (r) => ((r[2][8] = 'có lẽ'), r),
        expect: [{ row: 4, text: /is_manager\): giá trị “có lẽ” không hợp lệ; dùng có\/không, yes\/no hoặc 1\/0/ }],
      },
      {
        name: 'bad role, phone and AAD id',
        mutate: (r) => ((r[1][7] = 'chief'), (r[1][9] = 'gọi tôi'), (r[1][10] = 'not-a-guid'), r),
        expect: [
          { row: 3, text: /vai trò “chief” không hợp lệ/ },
          { row: 3, text: /số điện thoại “gọi tôi” không hợp lệ/ },
          { row: 3, text: /không phải GUID hợp lệ/ },
        ],
      },
      {
        name: 'two units taken for Sở Nội vụ',
        mutate: (r) => {
          for (const row of r) if (row[0] === 'SXD') row[1] = 'Sở Nội vụ và Xây dựng';
          return r;
        },
        expect: [
          { row: 4, text: /nhiều đơn vị được coi là Sở Nội vụ \(SNV, SXD\)/ },
          { row: 6, text: /nhiều đơn vị được coi là Sở Nội vụ/ },
        ],
      },
      {
        name: 'values beyond the last column',
        mutate: (r) => (r[0].push('', 'lạc cột'), r),
        expect: [{ row: 2, text: /dòng có 12 giá trị nhưng tiêu đề chỉ có 11 cột/ }],
      },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        // Start from a directory with one more officer so a wrongly applied file would also deactivate.
        applied(
          await importRows(ds, [
            ...goodRows(),
            ['SNV', 'Sở Nội vụ', 'so_nganh', 'UBND', 'extra@example.vn', 'Người Thêm', 'Chuyên viên', 'member', 'không', '', ''],
          ]),
        );
        const before = await snapshot(ds);
        const countsBefore = await counts(ds);

        const result = await importRows(ds, c.mutate(goodRows()));
        assert.equal(result.status, 'invalid', JSON.stringify(result));
        if (result.status !== 'invalid') return;
        for (const e of c.expect) {
          assert.ok(
            result.errors.some((err) => err.row === e.row && e.text.test(err.message)),
            `expected row ${e.row} ~ ${e.text}, got ${JSON.stringify(result.errors)}`,
          );
        }
        assert.deepEqual(await counts(ds), countsBefore);
        assert.equal(await snapshot(ds), before);
      });
    }

    it('lists every bad row of a file with many problems, in row order', async () => {
      const rows = goodRows();
      rows[0][2] = 'tinh';
      rows[3][4] = 'khong-email';
      rows[6][8] = '';
      rows[9][7] = 'boss';
      const result = await importRows(ds, rows);
      assert.equal(result.status, 'invalid');
      if (result.status !== 'invalid') return;
      assert.deepEqual([...new Set(result.errors.map((e) => e.row))], [2, 5, 8, 11]);
      assert.ok(result.errors.some((e) => e.row === 8 && /thiếu là lãnh đạo, quản lý \(cột is_manager\)/.test(e.message)));
      assert.deepEqual(await counts(ds), { units: 0, officers: 0 });
    });

    it('rejects a header with a missing or misspelt column before reading rows', () => {
      const header = HEADER.map((h) => (h === 'is_manager' ? 'is_manger' : h));
      assert.throws(
        () => parseDirectoryCsv(toCsv(goodRows(), header)),
        (err: unknown) =>
          err instanceof DirectoryFileError &&
          /Dòng 1: dòng tiêu đề thiếu cột: is_manager\. .*không được hỗ trợ: is_manger/.test(err.message),
      );
      assert.throws(() => parseDirectoryCsv(Buffer.from([0x75, 0x6e, 0x69, 0xe0, 0x0a])), /không phải mã UTF-8/);
      assert.throws(() => parseDirectoryCsv(toCsv([])), /không có dòng dữ liệu/);
    });
  });

  describe('applying changes', () => {
    it('re-importing the same file changes nothing, not even updated_at', async () => {
      applied(await importRows(ds, goodRows()));
      const before = await snapshot(ds);
      const again = applied(await importRows(ds, goodRows()));
      assert.deepEqual(again.units, { created: 0, updated: 0, unchanged: 5, deactivated: 0 });
      assert.deepEqual(again.officers, { created: 0, updated: 0, unchanged: 10, deactivated: 0 });
      assert.equal(await snapshot(ds), before);
    });

    it('deactivates officers and units missing from the new file without deleting them, and reactivates them', async () => {
      applied(await importRows(ds, goodRows()));
      const without = goodRows().filter((r) => r[4] !== 'pho.chu.tich@example.vn' && r[0] !== 'SXD.QLN');
      const result = applied(await importRows(ds, without));
      assert.deepEqual(result.units, { created: 0, updated: 0, unchanged: 4, deactivated: 1 });
      assert.deepEqual(result.officers, { created: 0, updated: 0, unchanged: 7, deactivated: 3 });
      assert.deepEqual(await counts(ds), { units: 5, officers: 10 });

      const dir = new DirectoryService(ds);
      const gone = await dir.findOfficerByEmail('pho.chu.tich@example.vn');
      assert.equal(gone?.active, false);
      assert.equal((await dir.unitByCode('SXD.QLN'))?.active, false);
      assert.equal(await dir.headOfUnit((await dir.unitByCode('SXD.QLN'))!.id), null);
      assert.deepEqual(await dir.deputiesOfUnit((await dir.unitByCode('UBND'))!.id), []);

      // Importing an already deactivated state again counts nothing as deactivated.
      const same = applied(await importRows(ds, without));
      assert.equal(same.officers.deactivated, 0);
      assert.equal(same.units.deactivated, 0);

      const back = applied(await importRows(ds, goodRows()));
      assert.deepEqual(back.units, { created: 0, updated: 1, unchanged: 4, deactivated: 0 });
      assert.deepEqual(back.officers, { created: 0, updated: 3, unchanged: 7, deactivated: 0 });
      assert.equal((await dir.findOfficerByEmail('pho.chu.tich@example.vn'))?.active, true);
      assert.equal((await dir.headOfUnit((await dir.unitByCode('SXD.QLN'))!.id))?.email, 'truong.phong.qln@example.vn');
    });

    it('moves the head role between people, swaps heads of two units and replaces a departed head', async () => {
      applied(await importRows(ds, goodRows()));
      const dir = new DirectoryService(ds);
      const qln = (await dir.unitByCode('SXD.QLN'))!;

      // 1. Within one unit: the member becomes head, the head becomes a deputy.
      let rows = goodRows();
      rows[6][7] = 'deputy';
      rows[7][7] = 'head';
      rows[7][8] = 'có';
      let result = applied(await importRows(ds, rows));
      assert.equal(result.officers.updated, 2);
      assert.equal((await dir.headOfUnit(qln.id))?.email, 'chuyen.vien.qln@example.vn');
      assert.deepEqual(
        (await dir.deputiesOfUnit(qln.id)).map((o) => o.email),
        ['truong.phong.qln@example.vn'],
      );

      // 2. Two heads swap units.
      rows = goodRows();
      const snvHead = rows[2].slice(0, 4);
      const sxdHead = rows[4].slice(0, 4);
      rows[2].splice(0, 4, ...sxdHead);
      rows[4].splice(0, 4, ...snvHead);
      result = applied(await importRows(ds, rows));
      assert.equal((await dir.headOfUnit((await dir.unitByCode('SNV'))!.id))?.email, 'giam.doc.sxd@example.vn');
      assert.equal((await dir.headOfUnit((await dir.unitByCode('SXD'))!.id))?.email, 'giam.doc.snv@example.vn');

      // 3. The head leaves and a newcomer heads the unit.
      rows = goodRows().filter((r) => r[4] !== 'chu.tich.batxat@example.vn');
      rows.push([
        'X.BATXAT',
        'UBND xã Bát Xát',
        'ubnd_xa',
        'UBND',
        'chu.tich.moi@example.vn',
        'Sùng A Lử',
        'Chủ tịch UBND xã',
        'head',
        'có',
        '',
        '',
      ]);
      result = applied(await importRows(ds, rows));
      assert.equal(result.officers.created, 1);
      assert.equal(result.officers.deactivated, 1);
      const batxat = (await dir.unitByCode('X.BATXAT'))!;
      assert.equal((await dir.headOfUnit(batxat.id))?.email, 'chu.tich.moi@example.vn');
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM officer WHERE unit_id = $1 AND role = 'head'`, [batxat.id]);
      assert.equal(n, 2, 'the former head is kept, inactive');
    });

    it('keeps a Teams id learned by the bot when the file leaves it empty, and moves it when the file says so', async () => {
      applied(await importRows(ds, goodRows()));
      const learned = 'bbbbbbbb-0000-4000-8000-000000000002';
      await ds.query(`UPDATE officer SET teams_aad_object_id = $1 WHERE email = 'pho.chu.tich@example.vn'`, [learned]);
      const before = await snapshot(ds);
      const same = applied(await importRows(ds, goodRows()));
      assert.equal(same.officers.unchanged, 10);
      assert.equal(await snapshot(ds), before);

      const rows = goodRows();
      rows[9][10] = learned.toUpperCase();
      rows[0][10] = '';
      applied(await importRows(ds, rows));
      const dir = new DirectoryService(ds);
      assert.equal((await dir.findOfficerByAadObjectId(learned))?.email, 'cong.chuc.batxat@example.vn');
      assert.equal((await dir.findOfficerByEmail('pho.chu.tich@example.vn'))?.teamsAadObjectId, null);
      assert.equal((await dir.findOfficerByEmail('chu.tich@example.vn'))?.teamsAadObjectId, 'aaaaaaaa-0000-4000-8000-000000000001');
    });

    it('dry-run reports the changes and writes nothing', async () => {
      applied(await importRows(ds, goodRows()));
      const before = await snapshot(ds);
      const rows = goodRows().filter((r) => r[4] !== 'cong.chuc.batxat@example.vn');
      rows[1][6] = 'Phó Chủ tịch Thường trực UBND tỉnh';
      rows.push(['SYT', 'Sở Y tế', 'so_nganh', 'UBND', 'giam.doc.syt@example.vn', 'Mai Văn Y', 'Giám đốc Sở Y tế', 'head', 'có', '', '']);
      const result = await importRows(ds, rows, { dryRun: true });
      assert.equal(result.status, 'dry-run');
      if (result.status !== 'dry-run') return;
      assert.deepEqual(result.units, { created: 1, updated: 0, unchanged: 5, deactivated: 0 });
      assert.deepEqual(result.officers, { created: 1, updated: 1, unchanged: 8, deactivated: 1 });
      assert.equal(await snapshot(ds), before);

      const real = applied(await importRows(ds, rows));
      assert.deepEqual(real.units, result.units);
      assert.deepEqual(real.officers, result.officers);
    });

    it('reports progress for both phases up to the total on a large file', async () => {
      const rows = goodRows();
      for (let i = 0; i < 1200; i++) {
        rows.push([
          'SXD.QLN',
          'Phòng Quản lý nhà',
          'phong',
          'SXD',
          `cv${i}@example.vn`,
          `Cán bộ ${i}`,
          'Chuyên viên',
          'member',
          'không',
          '',
          '',
        ]);
      }
      const events: ImportProgress[] = [];
      const result = applied(await importRows(ds, rows, { onProgress: (p) => events.push(p) }));
      assert.equal(result.officers.created, 1210);
      for (const phase of ['validate', 'write'] as const) {
        const own = events.filter((e) => e.phase === phase);
        assert.ok(own.length > 1, `${phase} progress reported`);
        assert.ok(
          own.every((e, i) => i === 0 || e.done >= own[i - 1].done),
          `${phase} progress is monotonic`,
        );
        assert.equal(own[own.length - 1].done, own[own.length - 1].total);
      }
      assert.equal(events.filter((e) => e.phase === 'validate').at(-1)?.total, 1210);
      assert.deepEqual(await counts(ds), { units: 5, officers: 1210 });
    });
  });

  describe('export', () => {
    it('writes the import format back: it round-trips into a fresh database and re-imports unchanged', async () => {
      const rows = goodRows();
      rows.push(['KHAC', 'Ban "Dân tộc", tôn giáo', 'khac', 'UBND', '', '', '', '', '', '', '']);
      applied(await importRows(ds, rows));
      const first = await exportDirectoryCsv(ds);
      assert.equal(first.units, 6);
      assert.equal(first.officers, 10);
      assert.ok(first.csv.startsWith('\uFEFFunit_code,unit_name,unit_kind,parent_unit_code,officer_email'));

      const before = await snapshot(ds);
      const same = applied(await importDirectory(ds, parseDirectoryCsv(first.csv)));
      assert.equal(same.units.unchanged, 6);
      assert.equal(same.officers.unchanged, 10);
      assert.equal(await snapshot(ds), before);

      const file = path.join(tmp, 'export.csv');
      await writeFile(file, first.csv, 'utf8');
      await ds.query('TRUNCATE unit, officer, channel_account CASCADE');
      applied(await importDirectory(ds, await readDirectoryFile(file)));
      assert.equal((await exportDirectoryCsv(ds)).csv, first.csv);
      assert.equal((await new DirectoryService(ds).unitByCode('KHAC'))?.name, 'Ban "Dân tộc", tôn giáo');
    });

    it('writes a cell starting with = + - @ as text (no spreadsheet formula) and reads the original back', async () => {
      const rows = goodRows();
      rows[7][5] = "=cmd|' /C calc'!A0";
      rows[7][9] = '+84 912 345 678';
      rows[9][5] = '@SUM(1+1)';
      rows[9][6] = '-Chuyên viên';
      applied(await importRows(ds, rows));
      const exported = (await exportDirectoryCsv(ds)).csv;
      // The raw text of the file: every such cell carries the apostrophe, none starts a field bare.
      const fields = exported.split(/\r\n/).flatMap((line) => line.split(','));
      for (const field of fields) assert.doesNotMatch(field.replace(/^"/, ''), /^[=+\-@]/, `raw formula cell: ${field}`);
      assert.ok(exported.includes(`"'=cmd|' /C calc'!A0"`) || exported.includes(`'=cmd|' /C calc'!A0`), exported);
      assert.ok(exported.includes("'+84 912 345 678"));
      assert.ok(exported.includes("'@SUM(1+1)"));

      // Importing the exported file changes nothing: the apostrophe is dropped on the way in.
      const before = await snapshot(ds);
      const same = applied(await importDirectory(ds, parseDirectoryCsv(exported)));
      assert.equal(same.officers.unchanged, 10);
      assert.equal(await snapshot(ds), before);
      const officer = await ds.getRepository(Officer).findOneByOrFail({ email: 'chuyen.vien.qln@example.vn' });
      assert.equal(officer.fullName, "=cmd|' /C calc'!A0");
      assert.equal(officer.phone, '+84 912 345 678');
    });

    it('keeps explicit flags over the inferred ones', async () => {
      const header = [...HEADER, 'is_home_affairs', 'is_provincial_committee'];
      const rows = goodRows().map((r) => [...r, '', '']);
      for (const r of rows) {
        if (r[0] === 'SNV') r[11] = 'không';
        if (r[0] === 'SXD') r[11] = 'có';
      }
      applied(await importDirectory(ds, parseDirectoryCsv(toCsv(rows, header))));
      const dir = new DirectoryService(ds);
      assert.equal((await dir.homeAffairsUnit())?.code, 'SXD');
      applied(await importDirectory(ds, parseDirectoryCsv((await exportDirectoryCsv(ds)).csv)));
      assert.equal((await dir.homeAffairsUnit())?.code, 'SXD');
    });
  });

  describe('directory service', () => {
    it('walks ancestors nearest first and survives a cycle written into the database', async () => {
      applied(await importRows(ds, goodRows()));
      const dir = new DirectoryService(ds);
      const qln = (await dir.unitByCode('SXD.QLN'))!;
      assert.deepEqual(
        (await dir.ancestors(qln.id)).map((u) => u.code),
        ['SXD', 'UBND'],
      );
      const officer = await dir.findOfficerByEmail('chuyen.vien.qln@example.vn');
      assert.equal((await dir.findOfficerById(officer!.id))?.unit?.code, 'SXD.QLN');
      assert.equal(await dir.findOfficerById('not-a-uuid'), null);

      const ubnd = (await dir.unitByCode('UBND'))!;
      await ds.query('UPDATE unit SET parent_id = $1 WHERE id = $2', [qln.id, ubnd.id]);
      assert.deepEqual(
        (await dir.ancestors(qln.id)).map((u) => u.code),
        ['SXD', 'UBND'],
      );
    });
  });

  describe('demo directory', () => {
    it('loads into an empty database, valid and marked as demo, and only once', async () => {
      const loaded = await loadDemoDirectoryIfEmpty(ds);
      assert.ok(loaded);
      assert.equal(loaded.units.created, await ds.getRepository(Unit).count());
      assert.equal(loaded.officers.created, await ds.getRepository(Officer).count());

      const units = await ds.getRepository(Unit).find();
      const officers = await ds.getRepository(Officer).find();
      assert.ok(units.every((u) => u.isDemo && u.active));
      assert.ok(officers.every((o) => o.isDemo && o.active));
      assert.ok(officers.every((o) => o.email.endsWith('@demo.laocai.invalid')));
      assert.ok(
        officers.every((o) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o.teamsAadObjectId ?? '')),
      );

      const top = units.filter((u) => u.parentId === null);
      assert.equal(top.length, 1);
      assert.equal(top[0].kind, 'ubnd_tinh');
      assert.ok(top[0].isProvincialCommittee);
      const homeAffairs = units.filter((u) => u.isHomeAffairs);
      assert.equal(homeAffairs.length, 1);
      assert.equal(homeAffairs[0].name, 'Sở Nội vụ');
      assert.ok(units.filter((u) => u.kind === 'so_nganh' && !u.isHomeAffairs).length >= 3);
      assert.ok(units.filter((u) => u.kind === 'ubnd_xa').length >= 3);

      const dir = new DirectoryService(ds);
      for (const unit of units) {
        const head = await dir.headOfUnit(unit.id);
        assert.ok(head, `${unit.code} has a head`);
        assert.ok(head.isManager, `${unit.code}'s head is a manager`);
      }
      assert.ok((await dir.deputiesOfUnit(top[0].id)).length >= 1, 'the chairman has vice-chairmen');
      for (const dept of units.filter((u) => u.kind === 'so_nganh' || u.kind === 'ubnd_xa')) {
        assert.ok((await dir.deputiesOfUnit(dept.id)).length >= 1, `${dept.code} has deputies`);
      }
      for (const dept of units.filter((u) => u.kind === 'so_nganh')) {
        const offices = units.filter((u) => u.parentId === dept.id && u.kind === 'phong');
        assert.ok(offices.length >= 1, `${dept.code} has an office`);
        const staff = officers.filter((o) => offices.some((u) => u.id === o.unitId) && o.role === 'member' && !o.isManager);
        assert.ok(staff.length >= 1, `${dept.code}'s offices have staff`);
      }
      for (const commune of units.filter((u) => u.kind === 'ubnd_xa')) {
        assert.ok(
          officers.some((o) => o.unitId === commune.id && o.role === 'member'),
          `${commune.code} has staff`,
        );
      }

      const roles = loaded.contacts.map((c) => c.role);
      assert.deepEqual(roles, ['Chuyên viên (không giữ chức vụ quản lý)', 'Giám đốc sở', 'Giám đốc Sở Nội vụ', 'Chủ tịch UBND tỉnh']);
      const chairman = await dir.findOfficerByEmail(loaded.contacts[3].email);
      assert.equal(chairman?.unitId, top[0].id);
      assert.equal(chairman?.role, 'head');

      const before = await snapshot(ds);
      assert.equal(await loadDemoDirectoryIfEmpty(ds), null);
      assert.equal(await snapshot(ds), before);
    });

    it('is a valid directory file on its own, without warnings', async () => {
      const result = await importDirectory(ds, await readDirectoryFile(DEMO_DIRECTORY_FILE), { dryRun: true });
      assert.equal(result.status, 'dry-run', JSON.stringify(result));
      if (result.status === 'dry-run') assert.deepEqual(result.warnings, []);
    });

    it('leaves a database that already has a directory alone', async () => {
      applied(await importRows(ds, goodRows()));
      const before = await snapshot(ds);
      assert.equal(await loadDemoDirectoryIfEmpty(ds), null);
      assert.equal(await snapshot(ds), before);
    });
  });

  describe('CLI', function () {
    // Each run starts tsx and opens (or creates) an on-disk PGlite: slow on a busy machine.
    this.timeout(240_000);

    const cliEnv = (dataDir: string) => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' });
    const runCli = (args: string[], dataDir: string) => runCliInProcess(args, cliEnv(dataDir));

    it('`directory import` of a bad file exits non-zero and lists every bad row in Vietnamese', async () => {
      const rows = goodRows();
      rows[1][4] = 'khong-phai-email';
      rows[5][2] = 'so';
      const file = path.join(tmp, 'bad.csv');
      await writeFile(file, toCsv(rows), 'utf8');
      const dataDir = path.join(tmp, 'cli-bad-data');
      const { code, stdout, stderr } = await spawnCli(['directory', 'import', file], cliEnv(dataDir));
      const output = stdout + stderr;
      assert.notEqual(code, 0);
      assert.match(output, /Tệp danh bạ có 2 dòng lỗi/);
      assert.match(output, /Chưa ghi gì vào cơ sở dữ liệu/);
      assert.match(output, /Dòng 3: email “khong-phai-email” không đúng định dạng/);
      assert.match(output, /Dòng 7: loại đơn vị “so” không hợp lệ/);
    });

    it('`directory import` and `directory export` work on the PGlite under DATA_DIR', async () => {
      const file = path.join(tmp, 'good.csv');
      await writeFile(file, toCsv(goodRows()), 'utf8');
      const dataDir = path.join(tmp, 'cli-good-data');
      await migratedPgliteDir(dataDir);
      const real = await runCli(['directory', 'import', file], dataDir);
      assert.equal(real.code, 0, real.stderr);
      assert.match(real.stdout, /Đã nhập danh bạ/);
      assert.match(real.stdout, /Đơn vị: 5 thêm mới, 0 cập nhật, 0 không đổi, 0 ngừng hoạt động/);
      assert.match(real.stdout, /Cán bộ: 10 thêm mới, 0 cập nhật, 0 không đổi, 0 ngừng hoạt động/);

      const out = path.join(tmp, 'cli-export.csv');
      const exported = await runCli(['directory', 'export', out], dataDir);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stdout, /5 đơn vị, 10 cán bộ/);
      // The exported file is what was imported.
      await ds.query('TRUNCATE unit, officer, channel_account CASCADE');
      applied(await importRows(ds, goodRows()));
      assert.equal(await readFile(out, 'utf8'), (await exportDirectoryCsv(ds)).csv);
    });
  });
});
