// The streaming .xlsx writer of the yearly report's annex (services/reports/xlsx-stream.ts): the file is a
// valid zip (every CRC checked) that exceljs reads back with the right values, texts that XML cannot hold are
// made safe, and rows are pulled only as fast as the output takes them (backpressure), so a slow disk or
// client does not make the writer buffer the whole list in memory.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnLetter, escapeXml, type XlsxCell } from '../services/reports/spreadsheet-ml.js';
import { writeXlsx } from '../services/reports/xlsx-stream.js';

describe('yearly report annex: streaming .xlsx writer', function () {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'annex-xlsx-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names columns like Excel', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter), ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('escapes markup and drops characters XML 1.0 cannot hold', () => {
    assert.equal(escapeXml('Sở Nội vụ'), 'Sở Nội vụ');
    assert.equal(escapeXml('a & b <c> "d"'), 'a &amp; b &lt;c&gt; &quot;d&quot;');
    assert.equal(escapeXml('x\u0000y\u0007z\u000Bw\uFFFF'), 'xyzw');
    assert.equal(escapeXml('tab\tand\nnewline'), 'tab\tand\nnewline');
    assert.equal(escapeXml('lone \uD800 surrogate, pair 😀'), 'lone  surrogate, pair 😀');
  });

  it('writes a valid workbook that exceljs reads back: texts, numbers, empty cells, the frozen header', async () => {
    const file = path.join(dir, 'values.xlsx');
    const tricky = 'Đề xuất <số 1> & "mẫu"\u0001 ';
    await writeXlsx(
      file,
      [
        {
          name: 'Tổng hợp',
          columns: [
            { header: 'Mã', width: 10 },
            { header: 'Số', width: 8 },
          ],
          rows: [
            [
              ['SKHCN', 7],
              ['STC', 0],
            ],
          ],
        },
        {
          name: 'Danh sách',
          columns: [
            { header: 'STT', width: 6 },
            { header: 'Tên', width: 40 },
            { header: 'Ghi chú', width: 20 },
          ],
          rows: (async function* (): AsyncGenerator<XlsxCell[][]> {
            yield [[1, tricky, null]];
            yield [];
            yield [
              [2, '  khoảng trắng đầu', undefined],
              [3, '', 'x'.repeat(40_000)],
            ];
          })(),
        },
      ],
      { creator: 'Trợ lý Đổi mới' },
    );
    const zip = await JSZip.loadAsync(await readFile(file), { checkCRC32: true });
    assert.ok(zip.file('xl/worksheets/sheet2.xml'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    assert.equal(wb.creator, 'Trợ lý Đổi mới');
    const totals = wb.getWorksheet('Tổng hợp')!;
    assert.deepEqual((totals.getRow(1).values as unknown[]).slice(1), ['Mã', 'Số']);
    assert.equal(totals.getRow(2).getCell(2).value, 7);
    assert.equal(totals.getRow(3).getCell(2).value, 0);
    assert.equal(totals.getRow(1).getCell(1).font?.bold, true);
    const list = wb.getWorksheet('Danh sách')!;
    assert.equal(list.rowCount, 4);
    assert.deepEqual(list.views[0], { ...list.views[0], state: 'frozen', ySplit: 1 });
    assert.equal(list.getColumn(2).width, 40);
    assert.equal(list.getRow(2).getCell(2).value, 'Đề xuất <số 1> & "mẫu" ');
    assert.equal(list.getRow(2).getCell(3).value, null);
    assert.equal(list.getRow(3).getCell(2).value, '  khoảng trắng đầu');
    assert.equal(list.getRow(4).getCell(1).value, 3);
    assert.equal(list.getRow(4).getCell(2).value, null);
    assert.equal(String(list.getRow(4).getCell(3).value).length, 32_767, 'cut at Excel’s limit per cell');
  });

  it('pulls rows only as fast as a slow output takes them, and the output gets every row', async () => {
    const rowsPerBatch = 500;
    const batches = 40;
    let pulled = 0;
    let acknowledged = 0;
    const chunks: Buffer[] = [];
    // A slow client: 16 kB of buffer, each chunk acknowledged a millisecond later.
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(Buffer.from(chunk));
        setTimeout(() => {
          acknowledged += chunk.length;
          done();
        }, 1);
      },
    });
    // The bytes waiting in the output's buffer when each batch was pulled.
    const bufferedAtPull: number[] = [];
    await writeXlsx(slow, [
      {
        name: 'Danh sách',
        columns: [
          { header: 'STT', width: 6 },
          { header: 'Nội dung', width: 60 },
        ],
        rows: (async function* (): AsyncGenerator<XlsxCell[][]> {
          for (let b = 0; b < batches; b++) {
            bufferedAtPull.push(slow.writableLength);
            const batch: XlsxCell[][] = [];
            for (let i = 0; i < rowsPerBatch; i++) batch.push([++pulled, `Đề xuất số ${pulled}: ${randomBytes(48).toString('base64')}`]);
            yield batch;
          }
        })(),
      },
    ]);
    assert.equal(pulled, rowsPerBatch * batches);
    // Without backpressure the compressed sheet (over a megabyte) would pile up in the output's buffer;
    // with it, the buffer stays about its high-water mark (16 kB) plus one deflate chunk.
    assert.ok(acknowledged > 1024 * 1024, `the sheet is large enough to tell (${acknowledged} bytes)`);
    assert.ok(Math.max(...bufferedAtPull) <= 64 * 1024, `bytes buffered in the output at a pull: at most ${Math.max(...bufferedAtPull)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const list = wb.getWorksheet('Danh sách')!;
    assert.equal(list.rowCount, rowsPerBatch * batches + 1);
    assert.equal(list.getRow(list.rowCount).getCell(1).value, rowsPerBatch * batches);
  });

  it('fails, and stops pulling rows, when the output fails', async () => {
    let pulled = 0;
    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    await assert.rejects(
      writeXlsx(broken, [
        {
          name: 'Danh sách',
          columns: [{ header: 'STT', width: 6 }],
          rows: (async function* (): AsyncGenerator<XlsxCell[][]> {
            for (let b = 0; b < 1000; b++) {
              pulled++;
              yield [[b]];
            }
          })(),
        },
      ]),
      /disk full/,
    );
    assert.ok(pulled < 1000, `rows stopped being pulled (${pulled})`);
  });
});
