// `npm start` as a newcomer runs it: a real process that loads the demo on an empty database. The data
// directory is the tests' migrated template (initdb and migrations cost ~9 s of CPU in a process of their
// own); a first start's initdb in that process is the production build test's (test/production-build.test.ts).
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './helpers/bot-process.js';
import { migratedPgliteDir } from './helpers/test-database.js';

const root = path.resolve(__dirname, '..');

function startBot(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, TEST_DATABASE_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('foundation: the bot process', function () {
  this.timeout(300_000);
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tld-data-'));
    await migratedPgliteDir(dataDir);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the demo directory, prints how to chat, refuses a second process on the same data, and exits 0 on SIGTERM', async () => {
    // A port the system just handed out (a random one collided with another test's server in parallel runs).
    const port = String(await freePort());
    const bot = startBot({ DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', DEMO_MODE: 'true' });
    try {
      // Start-up creates PGlite files and loads the demo: slow on a loaded machine, so wait generously
      // and say what the process printed if it never got there.
      await waitFor(() => bot.output().includes('npm run chat -- --as'), 240_000).catch(() => {
        throw new Error(`the bot never printed its demo banner; it said:\n${bot.output().slice(-3000)}`);
      });
      assert.match(bot.output(), /chế độ DEMO/);
      const health = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(health.status, 200);

      const second = startBot({ DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', DEMO_MODE: 'true' });
      assert.notEqual(await second.exit, 0);
      assert.match(second.output(), /đang được tiến trình \d+ sử dụng/);

      bot.child.kill('SIGTERM');
      assert.equal(await bot.exit, 0);
    } finally {
      bot.child.kill('SIGKILL');
    }
  });

  it('stops at start-up naming a wrong variable', async () => {
    const bot = startBot({ DATA_DIR: dataDir, PORT: 'không phải số', DEMO_MODE: 'true' });
    assert.equal(await bot.exit, 2);
    assert.match(bot.output(), /PORT:/);
  });

  it('fails closed: in production without Bot Framework credentials it does not start (exit 2)', async () => {
    for (const env of [{ NODE_ENV: 'production' }, { NODE_ENV: 'production', DEMO_MODE: 'true' }, {}] as Record<string, string>[]) {
      const bot = startBot({ DATA_DIR: dataDir, PORT: '0', ...env, DEMO_MODE: env.DEMO_MODE ?? '' });
      assert.equal(await bot.exit, 2, JSON.stringify(env));
      assert.match(bot.output(), /MICROSOFT_APP_ID|DEMO_MODE/, JSON.stringify(env));
    }
  });
});
