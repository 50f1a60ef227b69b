// The `ask --json` contract through the real CLI in a child process; `kb import|list|show|remove` through the
// same commands run in this process.
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliDatabase, type CliDatabase } from './helpers/cli.js';

const ROOT = path.resolve(__dirname, '..');
const LETTER = path.join(ROOT, 'knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt');

describe('knowledge: CLI', function () {
  this.timeout(240_000);
  let cli: CliDatabase;
  let tmp: string;

  before(async () => {
    cli = await cliDatabase('kb-cli', { LLM_BASE_URL: '', LLM_MODEL: '', LLM_API_KEY: '' });
    tmp = cli.tmp;
  });
  after(() => cli.dispose());

  it('`ask --json` prints exactly one JSON object with the contract fields, best citation first', async () => {
    const { code, stdout } = await cli.spawn(['ask', '--json', 'Thời hạn xem xét kế hoạch đề xuất là bao lâu?']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1, stdout);
    const obj = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(obj), ['answer', 'confident', 'citations']);
    assert.equal(typeof obj.answer, 'string');
    assert.equal(obj.confident, true);
    assert.ok(obj.citations.length >= 1);
    for (const c of obj.citations) {
      assert.deepEqual(Object.keys(c), ['document', 'citation', 'score', 'source']);
      assert.equal(typeof c.score, 'number');
      assert.ok(['official', 'curated'].includes(c.source));
    }
    assert.equal(obj.citations[0].citation, 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP');
    assert.ok(obj.citations[0].score >= obj.citations[obj.citations.length - 1].score);
  });

  it('`kb import` of the letter reports what it found; `ask` then quotes it', async () => {
    const imported = await cli.run(['kb', 'import', LETTER]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Đã đọc Công văn số …\/UBND-NC/);
    assert.match(imported.stdout, /2 mục, 0 điều, 0 khoản, 8 điểm, 7 gạch đầu dòng/);
    assert.match(imported.stdout, /điểm a mục 1 Công văn số …\/UBND-NC/);
    assert.match(imported.stdout, /Đã lưu phiên bản 1\./);

    const asked = await cli.run(['ask', '--json', 'Trước ngày nào phải gửi báo cáo năm về UBND tỉnh?']);
    const obj = JSON.parse(asked.stdout);
    assert.equal(obj.citations[0].source, 'official');
    assert.equal(obj.citations[0].citation, 'điểm d mục 1 Công văn số …/UBND-NC');
    assert.ok(obj.answer.includes('Định kỳ hằng năm (trước ngày 30/11), tổng hợp, báo cáo kết quả'));
  });

  it('`kb import` of the same code makes version 2; `kb list --all` shows both', async () => {
    const again = await cli.run(['kb', 'import', LETTER, '--code', '…/UBND-NC', '--issued', '2026-04-15']);
    assert.match(again.stdout, /Đã lưu phiên bản 2; phiên bản 1 được đánh dấu là đã bị thay thế\./);
    const list = await cli.run(['kb', 'list', '--all']);
    assert.match(list.stdout, /phiên bản 2 \(đang dùng\)/);
    assert.match(list.stdout, /phiên bản 1 \(đã bị thay thế\)/);
  });

  it('`kb show` prints the current version; `kb remove` removes every version', async () => {
    const show = await cli.run(['kb', 'show', '…/UBND-NC']);
    assert.match(show.stdout, /Ngày ban hành: 2026-04-15/);
    assert.match(show.stdout, /điểm b mục 2: Làm đầu mối tiếp nhận/);
    const removed = await cli.run(['kb', 'remove', '…/UBND-NC']);
    assert.match(removed.stdout, /Đã xóa 2 phiên bản/);
  });

  it('bad input exits non-zero with a Vietnamese message', async () => {
    const missing = await cli.run(['kb', 'import', path.join(tmp, 'khong-co.docx')]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /Không đọc được tệp “khong-co.docx”/);
    const kind = await cli.run(['kb', 'import', LETTER, '--kind', 'sai']);
    assert.notEqual(kind.code, 0);
    assert.match(kind.stderr, /--kind phải là một trong/);
    const show = await cli.run(['kb', 'show', 'KHONG-CO']);
    assert.notEqual(show.code, 0);
    assert.match(show.stderr, /Không có văn bản nào có ký hiệu “KHONG-CO”/);
  });
});
