// The web face's layout in a real browser (Debian's chromium driven by playwright-core), at desktop size
// and on a phone (390×844): no horizontal scroll, no word broken letter by letter (a cell never narrower
// than its longest word; only links may break), dates and proposal codes on one line, chart axes counting in
// whole numbers, and on the one-time link page an action that shows its status at once, in sight, with
// the button disabled until the server answers. A screenshot of each page at both sizes is kept in
// test-output/screenshots/layout-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { newGuestPass } from '../bot/web/web-guest.js';
import { CHROMIUM, requireChromium } from './helpers/chromium.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
const SECRET = 'a-layout-test-secret-that-is-long-enough-0123456789';
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface LayoutReport {
  scrollWidth: number;
  clientWidth: number;
  brokenWords: string[];
  wrappedDates: string[];
}

/** Runs in the page: words split over two lines (outside links), dates and codes on two lines, page width. */
function measureLayout(selector: string): LayoutReport {
  const brokenWords: string[] = [];
  const wrappedDates: string[] = [];
  const lines = (node: Node, start: number, end: number) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    // One rectangle per line box the text occupies (zero-width rectangles are collapsed spaces).
    return new Set(
      Array.from(range.getClientRects())
        .filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)),
    ).size;
  };
  for (const container of Array.from(document.querySelectorAll(selector))) {
    if ((container as HTMLElement).offsetParent === null) continue;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      const text = node.textContent ?? '';
      if (parent.closest('td.date, td.code') && text && lines(node, 0, text.length) > 1) wrappedDates.push(text);
      if (parent.closest('a')) continue;
      for (const match of text.matchAll(/[^\s\-–/]+/g)) {
        if (match[0].length > 1 && lines(node, match.index!, match.index! + match[0].length) > 1) brokenWords.push(match[0]);
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    brokenWords,
    wrappedDates,
  };
}

describe('web face layout at desktop and phone sizes', function () {
  this.timeout(600_000);
  let h: BotHarness;
  let p: People;
  let browser: Browser | undefined;
  let underReview = '';
  const errors: string[] = [];

  before(async function () {
    this.timeout(300_000);
    requireChromium(this);
    h = await startDemoHarness({ WEB_SESSION_SECRET: SECRET }, async (db) => {
      p = await seedDecisionDirectory(db.dataSource);
    });
    const ds = h.db.dataSource;
    const decisions = h.server.container.decisions;
    // Long Vietnamese titles and unit names, one proposal overdue: every table of the dashboard has rows.
    const a = await createSubmittedProposal(ds, p.scStaff!, { title: 'Ứng dụng chữ ký số trong tiếp nhận hồ sơ khoa học và công nghệ' });
    const b = await createSubmittedProposal(ds, p.roomStaff!, { title: 'Phòng Quản lý khoa học số hóa quy trình thẩm định nhiệm vụ' });
    const c = await createSubmittedProposal(ds, p.financeHead!, { title: 'Tài chính một cửa liên thông' });
    for (const x of [a, b, c]) await decisions.routeSubmitted(x.id, null);
    await ds.query(`UPDATE decision SET due_date = (now() - interval '5 days')::date WHERE proposal_id = $1`, [b.id]);
    await ds.query(`UPDATE proposal SET due_date = (now() - interval '5 days')::date WHERE id = $1`, [b.id]);
    underReview = a.id;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
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

  const open: Page[] = [];
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const name = (this.currentTest.title ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      for (const [i, page] of open.entries())
        await page.screenshot({ path: join(SCREENSHOTS, `failed-${name}-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    open.length = 0;
  });

  async function newPage(size: (typeof SIZES)[number]): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: size.width, height: size.height }, locale: 'vi-VN' });
    // The test runner's TypeScript transform names inner functions with a `__name` helper: the functions
    // sent to the page need it there too.
    await context.addInitScript('window.__name = (f) => f;');
    const page = await context.newPage();
    open.push(page);
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) errors.push(msg.text());
    });
    return page;
  }

  async function signIn(page: Page, officerId: string): Promise<void> {
    await page.goto(`${h.url}/`);
    await page.locator(`button[data-officer="${officerId}"]`).click();
    await page.locator('#chat').waitFor({ state: 'visible' });
  }

  async function checkLayout(page: Page, selector: string, label: string): Promise<void> {
    const report = await page.evaluate(measureLayout, selector);
    assert.ok(
      report.scrollWidth <= report.clientWidth,
      `${label}: no horizontal scroll (page ${report.scrollWidth}px in ${report.clientWidth}px)`,
    );
    assert.deepEqual(report.brokenWords, [], `${label}: words broken over two lines`);
    assert.deepEqual(report.wrappedDates, [], `${label}: dates or codes on two lines`);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `layout-${name}.png`), fullPage: true });

  for (const size of SIZES) {
    it(`the dashboard at ${size.name} size: tables readable, integer chart ticks`, async () => {
      const page = await newPage(size);
      await signIn(page, p.haHead!);
      await page.goto(`${h.url}/dashboard`);
      await page.locator('body[data-loaded="true"]').waitFor({ timeout: 60_000 });
      await page.locator('#table-overdue td.code').first().waitFor();
      await checkLayout(page, '#content', `dashboard ${size.name}`);
      // A phone shows each row as a card: cells stacked, each with its column's label.
      const display = await page
        .locator('#table-recent td')
        .first()
        .evaluate((td) => getComputedStyle(td).display);
      if (size.name === 'phone') assert.equal(display, 'grid');
      else assert.equal(display, 'table-cell');
      const ticks = await page.evaluate(() => {
        const Chart = (
          window as unknown as {
            Chart: {
              getChart(
                c: HTMLCanvasElement,
              ): { scales: Record<string, { axis: string; type: string; ticks: { value: number }[] }> } | undefined;
            };
          }
        ).Chart;
        return Array.from(document.querySelectorAll('canvas')).flatMap((canvas) => {
          const chart = Chart.getChart(canvas as HTMLCanvasElement);
          return chart
            ? Object.values(chart.scales)
                .filter((s) => s.type === 'linear')
                .map((s) => s.ticks.map((t) => t.value))
            : [];
        });
      });
      assert.ok(ticks.length >= 3, `value axes found: ${ticks.length}`);
      for (const axis of ticks)
        assert.ok(
          axis.every((v) => Number.isInteger(v)),
          `integer ticks: ${axis.join(', ')}`,
        );
      await shot(page, `dashboard-${size.name}`);
      await page.context().close();
    });

    it(`the web chat at ${size.name} size: the greeting and the menu card without broken words`, async () => {
      const page = await newPage(size);
      await signIn(page, p.scStaff!);
      await page.locator('.msg.bot .card').first().waitFor({ timeout: 60_000 });
      await page.locator('#input').fill('hướng dẫn');
      await page.locator('#input').press('Enter');
      await page.locator('.msg.bot', { hasText: 'Trợ lý Đổi mới giúp anh/chị' }).first().waitFor({ timeout: 60_000 });
      await checkLayout(page, '#log', `chat ${size.name}`);
      await shot(page, `chat-${size.name}`);
      await page.context().close();
    });
  }

  it('the link page on a phone shows "Trả lại để bổ sung" running at once, in sight, then the answer once, and at desktop size', async () => {
    const url = await h.server.container.web.mintDecisionLink({ officerId: p.scHead!, proposalId: underReview, scope: 'decide' });
    const page = await newPage(SIZES[1]);
    await page.goto(url);
    await page.locator('#greeting', { hasText: 'Phạm Văn Khoa' }).waitFor();
    const returnButton = page.getByRole('button', { name: 'Trả lại để bổ sung' });
    await returnButton.waitFor();
    await checkLayout(page, '.page', 'link phone');
    await shot(page, 'link-phone');
    // The same page at desktop size (a link opens in its first browser only: the same page, resized).
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await checkLayout(page, '.page', 'link desktop');
    await shot(page, 'link-desktop');
    await page.setViewportSize({ width: SIZES[1].width, height: SIZES[1].height });
    await page.getByPlaceholder('Ý kiến (bắt buộc khi trả lại').fill('Bổ sung dự toán kinh phí');

    // The server's answer is held back until the page has shown the pending state.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/web/api/links/act', async (route) => {
      await held;
      await route.continue();
    });
    await returnButton.scrollIntoViewIfNeeded();
    await returnButton.click();
    const pending = page.locator('#status .notice', { hasText: 'Đang ghi nhận: Trả lại để bổ sung' });
    await pending.waitFor();
    assert.equal(await returnButton.isDisabled(), true, 'the button is disabled while the action runs');
    const box = (await pending.boundingBox())!;
    assert.ok(box.y >= 0 && box.y + box.height <= 844, `the status is on screen (top ${box.y}, bottom ${box.y + box.height})`);
    release();

    await page.locator('.notice.done', { hasText: 'hết hiệu lực' }).waitFor();
    const cardText = await page.locator('#main').innerText();
    assert.equal(cardText.match(/Đã trả lại/g)?.length, 1, `the result said once: ${cardText}`);
    // The result first (the card), then the note that the link is spent.
    const order = await page.evaluate(
      () =>
        document.getElementById('main')!.compareDocumentPosition(document.querySelector('.notice.done')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    );
    assert.ok(order, 'the notice comes after the card');
    const rows = await h.db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE proposal_id = $1 AND actor_id = $2 AND action <> 'refused'`,
      [underReview, p.scHead],
    );
    assert.equal(rows[0].n, 1, 'the return was recorded once');
    const [proposal] = await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [underReview]);
    assert.equal(proposal.status, 'returned');
    await checkLayout(page, '.page', 'link phone after the action');
    await shot(page, 'link-phone-after');

    // The same read-only result at desktop size, from the same browser (a link opens in its first browser only).
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await checkLayout(page, '.page', 'link desktop');
    await shot(page, 'link-desktop-after');
    await page.context().close();
  });

  for (const size of SIZES)
    it(`a guest (signed in, not in the directory) asks a policy question at ${size.name} size and reads the answer`, async () => {
      const page = await newPage(size);
      // The pass Entra sign-in gives someone the directory does not know (test/web-entra.test.ts covers that step).
      await page.context().addCookies([{ name: 'tld_guest', value: newGuestPass(Buffer.from(SECRET, 'utf8'), 1), url: h.url }]);
      await page.goto(`${h.url}/`);
      await page.locator('#guest-notice', { hasText: 'chưa có trong danh bạ' }).waitFor();
      assert.equal(await page.locator('#chat').isVisible(), false);
      await page.locator('#guest-input').fill('Thời hạn xem xét kế hoạch đề xuất là bao lâu?');
      await page.locator('#guest-send').click();
      await page.locator('#guest-log', { hasText: 'Điều 8' }).waitFor({ timeout: 60_000 });
      assert.match(await page.locator('#guest-log').innerText(), /bổ sung vào danh bạ/);
      await checkLayout(page, '#guest', `guest ${size.name}`);
      await shot(page, `guest-${size.name}`);
      await page.context().close();
    });

  it('ran without a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(errors, []);
  });
});
