// The bot in Microsoft 365 Agents Playground (a Teams-like client), driven through Chromium as people click:
// two Playgrounds against one bot, each with its own current user matched to the directory by email. In
// the first, Alex Wilber (the Playground's default user, a commune clerk) is greeted, writes a plan step by
// step and submits it, saves the .docx through Teams file consent and asks a policy question; in the second,
// Megan Bowen (the commune's head) gets the decision card, opens the vote and votes; a deputy votes from a
// plain Teams client (the loopback connector); Alex learns the outcome. Any fault in the Playground's log
// panel or the page's console fails the test; on failure every page and every card is kept as a screenshot
// in test-output/playground/.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory } from './helpers/decision-fixtures.js';
import { ALEX, MEGAN, startPlayground, type Playground } from './helpers/playground.js';
import { PlaygroundPage } from './helpers/playground-page.js';
import { FULL_PLAN, plain } from './helpers/wizard-script.js';
import { CHROMIUM, requireChromium } from './helpers/chromium.js';

const SCREENSHOTS = join(process.cwd(), 'test-output', 'playground');
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const DEPUTY = 'pct.bacha@test.invalid';

describe('Microsoft 365 Agents Playground end to end', function () {
  this.timeout(300_000);
  let h: BotHarness;
  let browser: Browser | undefined;
  const playgrounds: Playground[] = [];
  let proposer: PlaygroundPage;
  let head: PlaygroundPage;
  let code = '';
  let outcomeFrom = 0;
  // OneDrive's side of file consent: an upload session that takes the bytes in chunks.
  let uploads: Server | undefined;
  let uploadUrl = '';
  const uploaded: Buffer[] = [];
  let uploadDone: () => void = () => undefined;
  const uploadFinished = new Promise<void>((resolve) => (uploadDone = resolve));

  before(async function () {
    this.timeout(300_000);
    requireChromium(this);
    uploads = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploaded.push(Buffer.concat(chunks));
        const range = /bytes (\d+)-(\d+)\/(\d+)/.exec(req.headers['content-range'] ?? '');
        const last = range && Number(range[2]) + 1 >= Number(range[3]);
        res.writeHead(last ? 201 : 202, { 'content-type': 'application/json' });
        res.end('{}');
        if (last) uploadDone();
      });
    });
    await new Promise<void>((resolve) => uploads!.listen(0, '127.0.0.1', resolve));
    uploadUrl = `http://127.0.0.1:${(uploads.address() as { port: number }).port}/upload-session`;

    h = await startHarness({
      // The Party-committee step is tested on its own; here the head opens the vote at once.
      env: { ...PARTY_STEP_OFF_ENV },
      seed: async (db) => {
        await seedDecisionDirectory(db.dataSource);
        const ds = db.dataSource;
        // The commune's head is the second Playground's user; a deputy makes the vote a real collective one.
        await ds.query(`UPDATE officer SET email = $1, full_name = $2 WHERE email = 'ct.bacha@test.invalid'`, [MEGAN.email, MEGAN.name]);
        await ds.query(
          `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager) VALUES
           ($1, $2, (SELECT id FROM unit WHERE code = 'XA-BAC-HA'), 'Công chức Văn phòng – Thống kê', 'member', false),
           ($3, 'Lò Thị Phó', (SELECT id FROM unit WHERE code = 'XA-BAC-HA'), 'Phó Chủ tịch UBND xã', 'deputy', true)`,
          [ALEX.email, ALEX.name, DEPUTY],
        );
      },
    });
    // The head's Playground first: the bot learns her conversation when she opens it.
    playgrounds.push(await startPlayground({ botUrl: h.url, currentUser: MEGAN }));
    playgrounds.push(await startPlayground({ botUrl: h.url, currentUser: ALEX }));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    for (const p of playgrounds) await p.stop();
    await h?.close();
    await new Promise<void>((resolve) => (uploads ? uploads.close(() => resolve()) : resolve()));
  });

  /** Every page and every card it shows, one file each, and the end of each Playground's log panel. */
  async function keepScreenshots(title: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const name = title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50);
    for (const [who, p] of [
      ['proposer', proposer],
      ['head', head],
    ] as const) {
      if (!p) continue;
      await p.page.screenshot({ path: join(SCREENSHOTS, `${name}-${who}.png`), fullPage: true }).catch(() => undefined);
      const cards = p.page.locator('.ac-adaptiveCard');
      const n = await cards.count().catch(() => 0);
      for (let i = 0; i < n; i++) {
        await cards
          .nth(i)
          .screenshot({ path: join(SCREENSHOTS, `${name}-${who}-card-${i}.png`) })
          .catch(() => undefined);
      }
      console.log(`      Playground log (${who}):\n        ${(await p.logLines().catch(() => [])).slice(-15).join('\n        ')}`);
    }
    console.log(`      screenshots in ${SCREENSHOTS}`);
  }

  afterEach(async function () {
    const title = this.currentTest?.title ?? 'test';
    // Whatever the step, the Playground must have shown everything the bot sent without a fault.
    const faults: string[] = [];
    for (const p of [proposer, head]) if (p) faults.push(...(await p.problems()));
    // PLAYGROUND_SCREENSHOTS=always keeps them after a passing step too (to look at the cards).
    if (this.currentTest?.state === 'failed' || faults.length || process.env.PLAYGROUND_SCREENSHOTS === 'always') {
      await keepScreenshots(title);
    }
    assert.deepEqual(faults, [], 'faults in the Playground');
  });

  it('greets the head and the proposer by name, with the menu card', async () => {
    head = await PlaygroundPage.open(browser!, playgrounds[0]!.url);
    await head.waitForChat(/Xin chào Megan Bowen[\s\S]*Tạo đề xuất mới/);
    proposer = await PlaygroundPage.open(browser!, playgrounds[1]!.url);
    await proposer.waitForChat(/Xin chào Alex Wilber[\s\S]*Tạo đề xuất mới/);
    // The deputy uses Teams too (the loopback connector): the bot knows where to send the ballot.
    await h.user(DEPUTY).say('xin chào');
  });

  it('the proposer writes the plan step by step and submits it from the review card', async () => {
    let from = await proposer.messageCount();
    await proposer.click('Tạo đề xuất mới');
    await proposer.waitForChat(FULL_PLAN[0]![1], from);
    for (const [said, expected] of FULL_PLAN.slice(1)) await proposer.say(said, expected);
    from = await proposer.messageCount();
    await proposer.click('Gửi đề xuất');
    await proposer.waitForChat(/Đã gửi đề xuất ĐX-\d{4}-\d{4}/, from - 1);
    const [row] = (await h.db.dataSource.query(
      `SELECT p.code, p.status FROM proposal p JOIN officer o ON o.id = p.proposer_id WHERE o.email = $1`,
      [ALEX.email],
    )) as { code: string; status: string }[];
    assert.equal(row?.status, 'under_review', 'routed to the commune head');
    code = row!.code;
    // The .docx is offered by a download button in the chat (the file itself comes through consent).
    await proposer.page
      .locator('.ac-adaptiveCard', { hasText: `ke-hoach-${code.replace('Đ', 'D')}.docx` })
      .getByText('Tải về')
      .waitFor({ timeout: 60_000 });
  });

  it('the .docx is saved through Teams file consent (accept)', async () => {
    // The Playground does not render a FileConsentCard; its "Mock an Activity" feature sends what Teams
    // sends when the person presses "Allow": a fileConsent/invoke with an upload session of OneDrive.
    const deadline = Date.now() + 60_000;
    while (!proposer.lastWithAttachment(FILE_CONSENT) && Date.now() < deadline) await proposer.page.waitForTimeout(200);
    const consentMessage = proposer.lastWithAttachment(FILE_CONSENT);
    assert.ok(consentMessage, 'the bot sent a file-consent card');
    const consent = consentMessage.attachments.find((a) => a.contentType === FILE_CONSENT)!;
    const accept = consent.content?.acceptContext as { name?: string; url?: string } | undefined;
    assert.equal(accept?.name, `ke-hoach-${code.replace('Đ', 'D')}.docx`);
    const base = playgrounds[1]!.url;
    const from = await proposer.messageCount();
    const template = (await (
      await fetch(
        `${base}/_internal/v1/customActivities/template?type=install&conversationId=${encodeURIComponent(consentMessage.conversationId)}`,
      )
    ).json()) as Record<string, unknown>;
    const activity = {
      ...template,
      type: 'invoke',
      name: 'fileConsent/invoke',
      id: randomUUID(),
      replyToId: consentMessage.id,
      action: undefined,
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: accept,
        uploadInfo: {
          name: accept.name,
          uploadUrl,
          contentUrl: `${uploadUrl}/content`,
          uniqueId: randomUUID(),
          fileType: 'docx',
        },
      },
    };
    const sent = await fetch(`${base}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(sent.status, 200);
    await uploadFinished;
    const bytes = Buffer.concat(uploaded);
    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    assert.match(text, /Số hóa hồ sơ cấp phép xây dựng tại xã/);
    await proposer.waitForChat(/Đã lưu .*\.docx vào OneDrive của anh\/chị/, from);
  });

  it('answers a policy question citing Decree 73', async () => {
    outcomeFrom = await proposer.messageCount();
    await proposer.say('Thời hạn xem xét kế hoạch đề xuất là bao lâu?', /(?=[\s\S]*Điều 8)(?=[\s\S]*07 ngày làm việc)/);
  });

  it('the head opens the vote from the decision card and votes; the collective approves', async () => {
    const greeted = await head.messageCount();
    await head.waitForChat(new RegExp(`${code}[\\s\\S]*Mở biểu quyết`), greeted - 1);
    const from = await head.messageCount();
    await head.click('Mở biểu quyết tập thể');
    await head.waitForChat(new RegExp(`Đã mở biểu quyết kế hoạch ${code}`), from - 1);
    const deputy = plain(allText(await h.user(DEPUTY).say(`TÁN THÀNH ${code}`)));
    assert.match(deputy, /Đã ghi nhận biểu quyết/);
    await head.click('Tán thành');
    // On the ballot or on the decision card, whichever was pressed: nothing said "phê duyệt" before.
    await head.waitForChat(/đã được phê duyệt/i);
    const [row] = (await h.db.dataSource.query(`SELECT status FROM proposal WHERE code = $1`, [code])) as { status: string }[];
    assert.equal(row?.status, 'approved');
  });

  it('the proposer learns the outcome in the Playground', async () => {
    await proposer.waitForChat(new RegExp(`${code}[\\s\\S]*đã được phê duyệt`), outcomeFrom);
  });
});
