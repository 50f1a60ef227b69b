// What production runs: `npm run build`, then `node dist/bot/main.js` with no tsx in the process. The
// compiled bot must find its files from the package root (the demo directory, config/workflow.yaml, the
// curated knowledge, web/public, the vendor bundles) and load the lazily imported modules (exceljs for
// the dashboard workbook) through Node's own loader.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './helpers/bot-process.js';
import { WebClient } from './helpers/web-client.js';

const root = path.resolve(__dirname, '..');

async function waitFor(predicate: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('production build: node dist/bot/main.js', function () {
  this.timeout(300_000);
  let dataDir: string;
  let child: ChildProcessWithoutNullStreams;
  let output = '';
  let exit: Promise<number | null>;
  let url: string;

  before(async () => {
    // Built once for the file (about 15 s on 2 cores), with the same command as the image.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'tld-dist-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['dist/bot/main.js'], {
      cwd: root,
      // NODE_OPTIONS emptied: nothing may bring tsx (or any loader) into the compiled process.
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        TEST_DATABASE_URL: '',
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DEMO_MODE: 'true',
        NODE_ENV: '',
      },
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(
      () => output.includes('npm run chat -- --as'),
      240_000,
      () => `the compiled bot never printed its demo banner; it said:\n${output.slice(-3000)}`,
    );
  });

  after(() => {
    child?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health, readiness, the web pages and the vendor bundles', async () => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200, await ready.text());
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
    assert.equal((await fetch(`${url}/vendor/chart.umd.min.js`)).status, 200);
    assert.equal((await fetch(`${url}/static/chat.js`)).status, 200);
  });

  it('loaded the demo directory, answers from the curated knowledge and writes the dashboard workbook', async () => {
    const c = new WebClient(url);
    await c.get('/');
    const officers = (await c.get('/web/api/demo/officers')).body.officers as { id: string; role: string }[];
    assert.ok(officers.length >= 10, 'the demo directory (services/directory/demo-directory.csv) is loaded');
    // The first is the province's head (the list is ordered province first, heads first): the whole dashboard.
    assert.equal((await c.signInDemo(officers[0]!.id)).status, 200);
    const answer = await c.post('/web/api/messages', { text: 'Nghị định 73 áp dụng cho những ai?' });
    assert.equal(answer.status, 200);
    assert.match(
      JSON.stringify(answer.body.replies),
      /Điều 2 Nghị định 73\/2023\/NĐ-CP/,
      'the curated answer (knowledge/curated) citing its article',
    );
    const workbook = await c.get('/web/api/dashboard/dashboard.xlsx');
    assert.equal(workbook.status, 200);
    assert.equal(workbook.text.slice(0, 2), 'PK', 'an XLSX (zip) file');
  });

  it('loads the lazily imported document writer (docx) and working-day calendar (date-holidays) from dist/', () => {
    // A separate compiled process, so Node's own loader (not tsx) resolves the dynamic import and the require.
    const script = `
      const { renderDocx } = require('./dist/services/documents/decree30-document.js');
      const { WorkingCalendar } = require('./dist/services/calendar/working-days.js');
      const { defaultWorkflowConfig } = require('./dist/services/workflow/workflow-config.js');
      renderDocx({
        header: { agency: 'Sở Nội vụ', kindCode: 'KH', place: 'Lào Cai' },
        title: 'Kế hoạch', blocks: [{ type: 'paragraph', text: 'Nội dung' }],
        signature: { position: 'Giám đốc', name: 'Lê Thị Ánh' }, recipients: [],
      }).then((docx) => console.log(JSON.stringify({ zip: docx.subarray(0, 2).toString(), due: new WorkingCalendar(defaultWorkflowConfig.calendar).deadline('2026-02-13', 7).due })));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      }),
    );
    assert.equal(out.zip, 'PK', 'a .docx (zip) file');
    assert.equal(out.due, '2026-03-03', 'Tết 2026 skipped (the example in services/calendar/working-days.ts)');
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
  });
});
