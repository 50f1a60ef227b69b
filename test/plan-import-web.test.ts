// A plan uploaded from the web chat: POST /web/api/upload (session and CSRF like every web route) runs the
// same import as Teams and Zalo; the reply lists the fields; a confirmation stores it; refusals store nothing.
import assert from 'node:assert/strict';
import { Officer } from '../entities/officer.entity.js';
import { startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { minimalPdf, narrativeWithTableDraft } from './helpers/plan-drafts.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { WebClient, webText } from './helpers/web-client.js';
import { MANAGER } from './helpers/wizard-script.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('plan import: a file uploaded from the web chat', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let web: WebClient;

  before(async function () {
    this.timeout(240_000);
    h = await startDemoHarness({ PLAN_IMPORT_MAX_BYTES: '100000' }, async (db) => {
      await seedTestDirectory(db.dataSource);
    });
    web = new WebClient(h.url);
    const officer = await h.db.dataSource.getRepository(Officer).findOneByOrFail({ email: MANAGER });
    assert.equal((await web.signInDemo(officer.id)).status, 200);
  });
  after(async () => h?.close());

  const count = async () => (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n as number;

  it('refuses an upload without the CSRF header, without a session, or over the limit: nothing read, nothing stored', async () => {
    const body = await narrativeWithTableDraft();
    assert.equal((await web.upload('/web/api/upload?name=a.docx', body, DOCX, { 'x-csrf-token': 'forged' })).status, 403);
    assert.equal((await new WebClient(h.url).upload('/web/api/upload?name=a.docx', body, DOCX)).status, 403);
    const big = await web.upload('/web/api/upload?name=lon.docx', Buffer.alloc(150_000, 1), DOCX);
    assert.equal(big.status, 413);
    assert.match(big.body.message, /Tệp quá lớn/);
    const scan = await web.upload('/web/api/upload?name=scan.pdf', minimalPdf(), 'application/pdf');
    assert.equal(scan.status, 200);
    assert.match(webText(scan.body.replies), /Tệp là ảnh quét, chưa đọc được chữ/);
    assert.equal(await count(), 0);
  });

  it('reads an uploaded Word draft, takes the missing answers, stores on the button and submits', async () => {
    const res = await web.upload(`/web/api/upload?name=${encodeURIComponent('chữ ký số.docx')}`, await narrativeWithTableDraft(), DOCX);
    assert.equal(res.status, 200);
    const preview = webText(res.body.replies);
    assert.match(preview, /Nguồn: chữ ký số\.docx/);
    assert.match(preview, /Các mốc thực hiện/);
    assert.equal(await count(), 0);
    const answered = await web.post('/web/api/messages', {
      text: '2\nCó, vì quy chế chưa công nhận\nCó, cán bộ được lợi\nCó, tra cứu chậm\nCó, chữ ký số',
    });
    assert.match(webText(answered.body.replies), /Đã đủ các mục bắt buộc/);
    const saved = await web.post('/web/api/invoke', { verb: 'planImport.confirm', data: {} });
    assert.equal(saved.status, 200);
    assert.equal(await count(), 1);
    const sent = await web.post('/web/api/messages', { text: 'gửi đề xuất' });
    assert.match(webText(sent.body.replies), /Đã gửi đề xuất ĐX-\d{4}-0001/);
  });
});
