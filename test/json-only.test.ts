// Every POST route takes JSON only: a multipart upload or a form is refused with 415 before its body is
// read, so nothing reaches the disk (restify's full body parser wrote uploads to /tmp/upload_* first).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';

const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('upload_'));

describe('JSON only', function () {
  this.timeout(120_000);
  let h: BotHarness;
  before(async () => {
    h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: {
        DEMO_MODE: 'true',
        BOT_AUTH: 'on',
        ZALO_BOT_TOKEN: 'json-only-token',
        ZALO_BOT_SECRET: 'json-only-secret-0123456789',
        ZALO_BOT_API_BASE_URL: 'http://127.0.0.1:9',
      },
    });
  });
  after(async () => h?.close());

  it('refuses a multipart upload and a form with 415 on /api/messages, the Zalo webhook and the web API, and writes no file', async () => {
    const before = new Set(uploads());
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 1)]), 'ke-hoach.docx');
    for (const path of ['/api/messages', '/api/zalo/bot', '/web/api/messages', '/web/api/invoke', '/web/api/links/open']) {
      const multipart = await fetch(`${h.url}${path}`, { method: 'POST', body: form });
      assert.equal(multipart.status, 415, `${path} multipart`);
      const urlencoded = await fetch(`${h.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'type=message',
      });
      assert.equal(urlencoded.status, 415, `${path} form`);
    }
    assert.deepEqual(
      uploads().filter((f) => !before.has(f)),
      [],
      'no upload written to the temporary folder',
    );
  });

  it('still takes JSON, and refuses a JSON body over the limit with 413', async () => {
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message' }),
    });
    assert.equal(res.status, 400);
    const big = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(600 * 1024) }),
    });
    assert.equal(big.status, 413);
  });
});
