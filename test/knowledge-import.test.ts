// Importing official copies (.docx, .pdf, .txt) into the knowledge base, versioning and removal.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import {
  findCurrentDocument,
  getRevision,
  importDocument,
  KnowledgeInputError,
  listDocuments,
  listProvisions,
  loadCurrentDocuments,
  removeDocument,
} from '../services/knowledge/knowledge-store.js';
import { ExtractionError, extractText } from '../services/knowledge/text-extractor.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';

const FIX = path.join(__dirname, 'fixtures/knowledge');

async function makeDocx(file: string, lines: string[]): Promise<void> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  writeFileSync(file, await Packer.toBuffer(doc));
}

describe('knowledge: import', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let dir: string;

  before(async () => {
    db = await openTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'kb-import-'));
  });
  after(async () => {
    await db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a decree-shaped .docx with its structure and citations', async () => {
    const file = path.join(dir, 'nghi-dinh.docx');
    await makeDocx(file, [
      'CHÍNH PHỦ',
      'Số: 55/2097/NĐ-CP',
      'NGHỊ ĐỊNH',
      'Quy định mẫu về hộp thư góp ý (văn bản kiểm thử)',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi',
      'Nghị định này quy định về hộp thư góp ý.',
      'Điều 2. Tiếp nhận góp ý',
      '1. Góp ý được tiếp nhận qua các kênh sau:',
      'a) Hộp thư đặt tại trụ sở;',
      'b) Cổng thông tin điện tử, gồm:',
      '- Chuyên mục hỏi đáp;',
      '- Thư điện tử công vụ.',
      '2. Góp ý được trả lời trong 10 ngày làm việc.',
      'Điều 2a. Lưu trữ góp ý',
      'Góp ý được lưu trữ 05 năm.',
    ]);
    const report = await importDocument(db.dataSource, await extractText(file), { sourceNote: 'test' });
    assert.equal(report.shape, 'decree');
    assert.equal(report.document.code, '55/2097/NĐ-CP');
    assert.equal(report.document.label, 'Nghị định 55/2097/NĐ-CP');
    assert.equal(report.document.version, 1);
    assert.deepEqual([report.counts.chuong, report.counts.dieu, report.counts.khoan, report.counts.diem, report.counts.y], [1, 3, 2, 2, 2]);
    assert.equal(report.firstCitations[0], 'Chương I Nghị định 55/2097/NĐ-CP');
    const doc = await findCurrentDocument(db.dataSource, '55/2097/nđ-cp');
    assert.ok(doc);
    const provisions = await listProvisions(db.dataSource, doc.id);
    const nested = provisions.find((p) => p.path === 'dieu:2/khoan:1/diem:b/y:2');
    assert.equal(nested?.citation, 'gạch đầu dòng thứ hai điểm b khoản 1 Điều 2 Nghị định 55/2097/NĐ-CP');
    assert.equal(nested?.text, 'Thư điện tử công vụ.');
    const parent = provisions.find((p) => p.id === nested?.parentId);
    assert.equal(parent?.path, 'dieu:2/khoan:1/diem:b');
    assert.equal(provisions.find((p) => p.path === 'dieu:2a')?.text, 'Góp ý được lưu trữ 05 năm.');
  });

  it('imports the committed .pdf fixture (text without diacritics)', async () => {
    const report = await importDocument(db.dataSource, await extractText(path.join(FIX, 'nghi-dinh-mau-so-tay.pdf')));
    assert.equal(report.document.code, '77/2098/ND-CP');
    assert.equal(report.document.kind, 'nghi_dinh');
    assert.deepEqual([report.counts.dieu, report.counts.khoan, report.counts.diem], [3, 2, 2]);
    const doc = await findCurrentDocument(db.dataSource, '77/2098/NĐ-CP');
    const provisions = await listProvisions(db.dataSource, doc!.id);
    assert.equal(
      provisions.find((p) => p.path === 'dieu:1')?.text,
      'Nghi dinh nay quy dinh viec lap so tay dien tu cua co quan hanh chinh.',
    );
    assert.equal(provisions.find((p) => p.path === 'dieu:2/khoan:2/diem:b')?.citation, 'điểm b khoản 2 Điều 2 Nghị định 77/2098/ND-CP');
  });

  it('imports a letter from .txt; importing the same code again makes a new version and supersedes the old', async () => {
    const file = path.join(FIX, 'cong-van-mau-phong-chong-thien-tai.txt');
    const rev0 = await getRevision(db.dataSource);
    const v1 = await importDocument(db.dataSource, await extractText(file), { issuedOn: '2099-06-20' });
    assert.equal(v1.shape, 'letter');
    assert.equal(v1.document.label, 'Công văn số 123/UBND-VX');
    assert.equal(v1.supersededVersion, null);
    assert.ok((await getRevision(db.dataSource)) > rev0);
    const changed = (await extractText(file)).replace('trước 16 giờ hằng ngày', 'trước 15 giờ hằng ngày');
    const v2 = await importDocument(db.dataSource, changed, { code: '123/UBND-VX' });
    assert.equal(v2.document.version, 2);
    assert.equal(v2.supersededVersion, 1);
    assert.equal(v2.sameContentAsPrevious, false);
    const all = (await listDocuments(db.dataSource, { includeSuperseded: true })).filter((d) => d.code === '123/UBND-VX');
    assert.deepEqual(
      all.map((d) => [d.version, d.superseded]),
      [
        [2, false],
        [1, true],
      ],
    );
    // Only the current version is searched.
    const current = (await loadCurrentDocuments(db.dataSource)).filter((d) => d.code === '123/UBND-VX');
    assert.equal(current.length, 1);
    assert.match(current[0].provisions.find((p) => p.path === 'muc:1/diem:c')!.text, /trước 15 giờ/);
  });

  it('removes every version of a document and bumps the revision', async () => {
    const before = await getRevision(db.dataSource);
    assert.equal(await removeDocument(db.dataSource, '123/ubnd-vx'), 2);
    assert.equal(await findCurrentDocument(db.dataSource, '123/UBND-VX'), null);
    assert.ok((await getRevision(db.dataSource)) > before);
    assert.equal(await removeDocument(db.dataSource, '123/UBND-VX'), 0);
  });

  it('rejects bad input with a Vietnamese message and writes nothing', async () => {
    const count = (await listDocuments(db.dataSource, { includeSuperseded: true })).length;
    await assert.rejects(
      importDocument(db.dataSource, 'Một đoạn văn không có điều, khoản nào.', { code: 'X/1' }),
      (e: Error) => e instanceof KnowledgeInputError && /Không nhận ra cấu trúc/.test(e.message),
    );
    await assert.rejects(
      importDocument(db.dataSource, 'Điều 1. Thử\nNội dung.'),
      (e: Error) => e instanceof KnowledgeInputError && /--code/.test(e.message),
    );
    await assert.rejects(
      importDocument(db.dataSource, 'Điều 1. Thử\nNội dung.', { code: 'A/2000/NĐ-CP', issuedOn: '2023-02-30' }),
      /ngày hợp lệ/,
    );
    const bad = path.join(dir, 'hong.docx');
    writeFileSync(bad, 'không phải docx');
    await assert.rejects(extractText(bad), (e: Error) => e instanceof ExtractionError && /không phải tệp .docx hợp lệ/.test(e.message));
    await assert.rejects(extractText(path.join(dir, 'x.odt')), ExtractionError);
    assert.equal((await listDocuments(db.dataSource, { includeSuperseded: true })).length, count);
  });
});
