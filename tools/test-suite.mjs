// `npm test`: the whole suite in two phases, then one closing line for both.
// 1. every test file except the browser and multi-process ones, two files at a time (.mocharc.cjs);
// 2. the browser and multi-process files one at a time (a real browser timed out beside two other files),
//    and beside them, in one more process, the files in BESIDE_BROWSERS: the browser files mostly wait on
//    Chromium and the bots, so a core is free for a long CPU-bound file (its output is printed after).
// Both phases always run, so one failure does not hide the other phase's result; the exit code is the
// first non-zero one. Options (`npm test -- --grep vote`) go to both phases; file paths
// (`npm test -- test/wizard-card.test.ts`) run just those files, once.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Phase 2: the browser and multi-process files.
const isSerial = (file) => /^(browser-.*|two-replicas|web-two-replicas)\.test\.ts$/.test(file.split('/').pop());
// The slowest files of phase 1 (alone, on 2 cores, 2026-12-04: about 10 to 20 s each) start first, so that the
// two workers do not end with one of them running a long file alone; the rest follow in name order.
const SLOW_FIRST = [
  'plan-import-teams',
  'resilience-connector',
  'production-build',
  'plan-import-zalo',
  'resilience-restart',
  'deployment-migrations',
  'wizard-conversation',
  'foundation-process',
  'terminal-chat',
  'plan-import-web',
  'web-chat-history',
  'zalo-cli',
  'decision-conversation',
  'privacy-cli',
  'resilience-fuzz',
].map((name) => `test/${name}.test.ts`);

// Long, CPU-bound files without a browser, run beside the browser files (phase 2).
const BESIDE_BROWSERS = ['campaign-scale', 'knowledge-answer'].map((name) => `test/${name}.test.ts`);

const testFiles = readdirSync('test', { recursive: true })
  .map((f) => `test/${String(f).replaceAll('\\', '/')}`)
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
const parallel = testFiles.filter((f) => !isSerial(f) && !BESIDE_BROWSERS.includes(f));
const parallelFiles = [...SLOW_FIRST.filter((f) => parallel.includes(f)), ...parallel.filter((f) => !SLOW_FIRST.includes(f))];
const serialFiles = testFiles.filter(isSerial);
const mochaBin = fileURLToPath(import.meta.resolve('mocha/bin/mocha.js'));
const extra = process.argv.slice(2);
const color = process.stdout.isTTY ? ['--color'] : [];

// A file or a glob of test files, as opposed to an option or its value.
const isSpec = (a) => !a.startsWith('-') && /\.(ts|js|mjs|cjs)$|\*/.test(a);
// Each phase is a list of mocha runs started together; the first run's output streams, the others' follow it.
const phases = extra.some(isSpec)
  ? [[extra]]
  : [
      [[...parallelFiles, ...extra]],
      [
        ['--no-parallel', ...serialFiles, ...extra],
        ['--no-parallel', ...BESIDE_BROWSERS.filter((f) => testFiles.includes(f)), ...extra],
      ],
    ];

const totals = { passing: 0, failing: 0, pending: 0 };
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => running.forEach((child) => child.kill(signal)));

/** One mocha run; `stream`: print its output as it comes (else the caller prints `output` when it ends). */
function runMocha(args, stream) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mochaBin, ...color, ...args], { stdio: ['inherit', 'pipe', stream ? 'inherit' : 'pipe'] });
    running.add(child);
    const chunks = [];
    child.stdout.on('data', (chunk) => {
      if (stream) process.stdout.write(chunk);
      chunks.push(chunk);
    });
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      running.delete(child);
      const plain = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\x1b\[[0-9;]*m/g, '');
      for (const kind of Object.keys(totals)) {
        const m = plain.match(new RegExp(`^\\s*(\\d+) ${kind}\\b`, 'm'));
        if (m) totals[kind] += Number(m[1]);
      }
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks) });
    });
  });
}

let exitCode = 0;
for (const runs of phases) {
  const results = await Promise.all(runs.map((args, i) => runMocha(args, i === 0)));
  for (const [i, { code, output }] of results.entries()) {
    if (i > 0) process.stdout.write(output);
    if (code !== 0 && exitCode === 0) exitCode = code;
  }
}
// The closing line is in the plain form CI tools read ("N passed, N failed, N skipped", alone on a line,
// nothing before it); mocha's own summaries are per phase and are not recognised by them.
if (exitCode !== 0) console.log(`\nmocha exited with code ${exitCode}`);
console.log(`\n${totals.passing} passed, ${totals.failing} failed, ${totals.pending} skipped`);
process.exit(exitCode);
