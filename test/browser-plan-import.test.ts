// The web chat's «Tệp» button in a real browser (Debian's chromium driven by playwright-core): a Word draft
// chosen in the file picker is uploaded and the plan read from it appears in the chat, with no script error
// or Content-Security-Policy violation. Screenshot: test-output/screenshots/plan-import-phone.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Officer } from '../entities/officer.entity.js';
import { startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { narrativeWithTableDraft } from './helpers/plan-drafts.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER } from './helpers/wizard-script.js';
import { CHROMIUM, requireChromium } from './helpers/chromium.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

describe("plan import: the web chat's file button in a browser", function () {
  this.timeout(240_000);
  let h: BotHarness;
  let browser: Browser | undefined;
  const errors: string[] = [];

  before(async function () {
    requireChromium(this);
    h = await startDemoHarness({ WEB_SESSION_SECRET: 'a-plan-import-browser-secret-long-enough-0123456789' }, async (db) => {
      await seedTestDirectory(db.dataSource);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('uploads a Word draft and shows the plan field by field', async () => {
    const officer = await h.db.dataSource.getRepository(Officer).findOneByOrFail({ email: MANAGER });
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) errors.push(msg.text());
    });
    await page.goto(`${h.url}/`);
    await page.locator(`button[data-officer="${officer.id}"]`).click();
    await page.locator('#chat').waitFor({ state: 'visible' });
    await page.locator('#file').setInputFiles({
      name: 'chu-ky-so.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await narrativeWithTableDraft(),
    });
    await page.getByText('Kế hoạch đọc được từ tài liệu').waitFor({ timeout: 60_000 });
    await page.getByText(/Còn thiếu hoặc cần sửa/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-import-phone.png') });
    assert.deepEqual(errors, []);
    assert.equal((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n, 0);
  });
});
