// The terminal chat's "/file <path>": the file is hosted on the chat's own loopback connector (the turn's
// serviceUrl, as the Emulator does) and the real bot downloads it from there and reads the plan.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { TerminalChat } from '../tools/chat/terminal-chat.js';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { cleanHeadingsDraft } from './helpers/plan-drafts.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER } from './helpers/wizard-script.js';

describe('plan import: the terminal chat sends a file with /file', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let dir: string;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
    dir = await mkdtemp(join(tmpdir(), 'plan-import-chat-'));
  });
  after(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the plan from the file and shows it field by field; an unreadable path is said plainly', async () => {
    const file = join(dir, 'ke-hoach.docx');
    await writeFile(file, await cleanHeadingsDraft());
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d: Buffer) => (printed += d.toString('utf8')));
    const chat = new TerminalChat(
      {
        email: MANAGER,
        botUrl: `${h.url}/api/messages`,
        channelId: 'msteams',
        tenantId: 'demo-tenant',
        resume: false,
        greeting: false,
        quietMs: 300,
        timeoutSeconds: 60,
        saveDir: dir,
        json: false,
        stateFile: join(dir, 'state.json'),
      },
      out,
    );
    await chat.start();
    try {
      await chat.handleLine(`/file ${file}`);
      assert.match(printed, /Kế hoạch đọc được từ tài liệu/);
      assert.match(printed, /Nguồn: ke-hoach\.docx/);
      await chat.handleLine(`/file ${join(dir, 'khong-co.docx')}`);
      assert.match(printed, /Không đọc được tệp «.*khong-co\.docx»/);
    } finally {
      await chat.close();
    }
    assert.equal((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n, 0);
  });
});
