// The web face in a real browser (Debian's chromium driven by playwright-core): a demo officer writes a
// whole plan in the web chat and submits it; the decider decides through a signed link while a forwarded
// copy of the link is refused in another browser; the dashboard of Home Affairs shows the new proposal.
// User text with HTML stays text, and the pages run under their CSP without violations.
// A screenshot of every open page is kept in test-output/screenshots/ when a test fails.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN } from './helpers/wizard-script.js';
import { CHROMIUM, requireChromium } from './helpers/chromium.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
const HOSTILE_TITLE = 'Số hóa hồ sơ <b>cấp phép</b> <img src=x onerror="window.__xss=1">';

describe('web face in a real browser', function () {
  this.timeout(600_000);
  let h: BotHarness;
  let p: People;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const violations: string[] = [];
  let proposalCode = '';
  let proposalId = '';

  before(async function () {
    this.timeout(300_000);
    requireChromium(this);
    h = await startHarness({
      // The Party-committee step is tested on its own; here the head decides at once.
      env: { DEMO_MODE: 'true', ...PARTY_STEP_OFF_ENV },
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource);
        // A commune clerk whose head decides alone (no deputies): the decision card offers "Phê duyệt".
        const [row] = await db.dataSource.query(
          `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager)
           VALUES ('cv.bacha@test.invalid', 'Vàng Thị Xã', (SELECT id FROM unit WHERE code = 'XA-BAC-HA'), 'Công chức Văn phòng – Thống kê', 'member', false) RETURNING id`,
        );
        p.communeClerk = row.id;
        await db.dataSource.query(`UPDATE officer SET is_demo = true`);
      },
    });
    const { chromium } = await import('playwright-core');
    // launch() gives every run a fresh temporary profile (user data dir), removed on close.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await h?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const name = (this.currentTest.title ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    let i = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${i++}.png`), fullPage: true }).catch(() => undefined);
      }
    }
  });

  /** A separate browser (own cookies), phone-sized, recording CSP violations and page errors. */
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    page.on('pageerror', (err) => violations.push(`pageerror: ${err.message}`));
    return page;
  }

  async function signIn(page: Page, officerId: string): Promise<void> {
    await page.goto(`${h.url}/`);
    await page.locator(`button[data-officer="${officerId}"]`).click();
    await page.locator('#chat').waitFor({ state: 'visible' });
  }

  /** Sends a message and waits for a new bot message matching `expected`. */
  async function say(page: Page, text: string, expected: RegExp): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
    await page.waitForFunction(
      ([n, source]) => {
        const bots = Array.from(document.querySelectorAll('.msg.bot')).slice(n as number);
        return new RegExp(source as string).test(bots.map((b) => (b as HTMLElement).innerText).join('\n'));
      },
      [before, expected.source] as const,
      { timeout: 60_000 },
    );
  }

  it('a demo officer completes a plan in the web chat and submits it', async () => {
    const page = await newPage();
    await signIn(page, p.communeClerk!);
    await page.locator('.msg.bot', { hasText: 'Vàng Thị Xã' }).first().waitFor({ timeout: 60_000 });
    const script = FULL_PLAN.map(([said, expected], i) => [i === 1 ? HOSTILE_TITLE : said, expected] as const);
    for (const [said, expected] of script) await say(page, said, expected);

    // User text with HTML is shown as text: no element injected, no script run.
    const review = page.locator('.msg.bot').last();
    await review.getByText('<b>cấp phép</b>', { exact: false }).first().waitFor();
    assert.equal(await page.locator('.log img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

    await review.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await page
      .locator('.msg.bot', { hasText: /ĐX-\d{4}-\d{4}/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const [row] = await h.db.dataSource.query(`SELECT id, code, status FROM proposal WHERE proposer_id = $1`, [p.communeClerk]);
    assert.equal(row.status, 'under_review', 'routed to the commune head');
    proposalCode = row.code;
    proposalId = row.id;
    // The plan comes as a card naming the .docx with a download button (never a file attachment).
    const fileCard = page.locator('.msg.bot', { hasText: '.docx' }).last();
    // The SDK renders an Action.OpenUrl as a button with the role of a link.
    await fileCard.getByRole('link', { name: 'Tải về' }).first().waitFor();

    // A reload shows the chat as it was, read back from the database; the officer's words stay text.
    await page.reload();
    await page
      .locator('.msg.bot', { hasText: /ĐX-\d{4}-\d{4}/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.locator('.msg.me', { hasText: '<b>cấp phép</b>' }).first().waitFor();
    assert.equal(await page.locator('.log img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  it('the decider decides through a signed link; the same link forwarded to another browser is refused', async () => {
    assert.ok(proposalId, 'the plan of the previous test');
    // What the notifier sends when the head can only be reached by a link.
    const url = await h.server.container.web.mintDecisionLink({ officerId: p.communeHead!, proposalId, scope: 'decide' });

    const decider = await newPage();
    await decider.goto(url);
    await decider.locator('#greeting', { hasText: 'Giàng A Xã' }).waitFor();
    await decider.locator('.card', { hasText: proposalCode }).waitFor();
    assert.equal(await decider.locator('main img').count(), 0, 'the hostile title is text on the link page too');
    await decider.getByText('<b>cấp phép</b>', { exact: false }).first().waitFor();

    const colleague = await newPage();
    await colleague.goto(url);
    const refusal = colleague.locator('[data-testid="link-refused"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /trình duyệt khác/);
    assert.equal(await colleague.getByRole('button', { name: 'Phê duyệt' }).count(), 0);

    await decider.getByRole('button', { name: 'Phê duyệt' }).click();
    await decider.locator('.notice.done', { hasText: 'hết hiệu lực' }).waitFor();
    await decider.locator('.card', { hasText: `Đã phê duyệt kế hoạch ${proposalCode}` }).waitFor();
    assert.equal(await decider.getByRole('button', { name: 'Phê duyệt' }).count(), 0, 'a used link shows the result read-only');
    const [row] = await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [proposalId]);
    assert.equal(row.status, 'approved');

    // Opened again after use: refused with the clear message.
    await decider.reload();
    await decider.locator('[data-testid="link-refused"]', { hasText: 'chỉ dùng được một lần' }).waitFor();
  });

  it('the dashboard of Home Affairs shows the new proposal, with its charts and exports', async () => {
    assert.ok(proposalCode, 'the plan of the first test');
    const page = await newPage();
    await signIn(page, p.haHead!);
    await page.locator('#nav-dashboard').click();
    await page.waitForURL(/\/dashboard$/);
    await page.locator('body[data-loaded="true"]').waitFor({ timeout: 60_000 });
    await page.locator('#table-recent td', { hasText: proposalCode }).waitFor();
    assert.match(await page.locator('#table-recent').innerText(), /Đã được phê duyệt/);
    assert.equal(await page.locator('#table-recent img').count(), 0);
    // Chart.js drew into its canvases.
    const drawn = await page.evaluate(
      () => Array.from(document.querySelectorAll('canvas')).filter((c) => (c as HTMLCanvasElement).width > 0).length,
    );
    assert.ok(drawn >= 3, `canvases drawn: ${drawn}`);
    const download = page.waitForEvent('download');
    await page.locator('#export-xlsx').click();
    assert.match((await download).suggestedFilename(), /^bang-theo-doi-.*\.xlsx$/);

    // A staff member is refused the dashboard.
    const staff = await newPage();
    await signIn(staff, p.communeClerk!);
    assert.equal(await staff.locator('#nav-dashboard').isVisible(), false);
    await staff.goto(`${h.url}/dashboard`);
    await staff.locator('#error', { hasText: 'Sở Nội vụ' }).waitFor();
  });

  it('ran every page without a Content-Security-Policy violation or a script error', () => {
    assert.deepEqual(violations, []);
  });
});
