#!/usr/bin/env node
// Supply chain gate: `npm audit --omit=dev --json`, failing on high or critical advisories in the
// production dependencies unless a reviewed, unexpired entry of .ci/audit-allowlist.json covers them.
//
//   node deployment/scripts/audit-check.mjs [--input report.json] [--allowlist file]
//
// When the registry's audit endpoint cannot be reached (offline CI, a mirror without the audit API),
// it prints a warning and exits 0, unless AUDIT_STRICT=1: then that is a failure too.
// Allowlist entry: { "id": "GHSA-xxxx-xxxx-xxxx", "package": "name", "severity": "high",
//   "reason": "why it does not affect us / what mitigates it", "reviewedBy": "who",
//   "reviewedOn": "YYYY-MM-DD", "expires": "YYYY-MM-DD" }  (expiry at most a year after review)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const strict = process.env.AUDIT_STRICT === '1';
const today = (process.env.AUDIT_TODAY ?? new Date().toISOString()).slice(0, 10);
const BLOCKING = new Set(['high', 'critical']);

function unreachable(detail) {
  const message = `npm audit: the advisory database could not be reached (${detail}); production dependencies NOT checked.`;
  if (strict) {
    console.error(`ERROR: ${message}`);
    process.exit(1);
  }
  console.warn(`WARNING: ${message} Set AUDIT_STRICT=1 to make this fatal.`);
  process.exit(0);
}

function readReport() {
  const input = option('--input');
  if (input) return readFileSync(input, 'utf8');
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) unreachable(run.error.message);
  return run.stdout;
}

function loadAllowlist() {
  const file = option('--allowlist') ?? path.join(root, '.ci/audit-allowlist.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const entries = Array.isArray(data) ? data : data.advisories;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected { "advisories": [...] }`);
  const problems = [];
  for (const [i, e] of entries.entries()) {
    for (const field of ['id', 'package', 'reason', 'reviewedBy', 'reviewedOn', 'expires']) {
      if (typeof e[field] !== 'string' || !e[field].trim()) problems.push(`entry ${i}: "${field}" missing`);
    }
    if (typeof e.reason === 'string' && e.reason.trim().length < 20)
      problems.push(`entry ${i} (${e.id}): the reason must explain the review`);
    for (const field of ['reviewedOn', 'expires']) {
      if (typeof e[field] === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(e[field]))
        problems.push(`entry ${i} (${e.id}): "${field}" must be YYYY-MM-DD`);
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(e.reviewedOn ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(e.expires ?? '')) {
      const days = (Date.parse(e.expires) - Date.parse(e.reviewedOn)) / 86_400_000;
      if (days > 366) problems.push(`entry ${i} (${e.id}): expires more than a year after its review`);
    }
  }
  if (problems.length > 0) {
    console.error(`ERROR: invalid allowlist ${file}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  return entries;
}

/** High/critical advisories from an npm audit v2 report, one per (advisory, package). */
function advisories(report) {
  const found = new Map();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via ?? []) {
      if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
      const ghsa = /GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i.exec(via.url ?? '')?.[0];
      const id = ghsa ?? String(via.source);
      found.set(`${id}|${via.name}`, {
        id,
        source: String(via.source),
        package: via.name,
        severity: via.severity,
        title: via.title,
        url: via.url,
        range: via.range,
      });
    }
  }
  return [...found.values()];
}

const raw = readReport();
let report;
try {
  report = JSON.parse(raw);
} catch {
  unreachable('the audit output is not JSON');
}
if (report.error) unreachable(report.error.summary || report.error.code || report.message || `HTTP ${report.statusCode ?? '?'}`);
if (!report.vulnerabilities && !report.metadata) unreachable('unexpected audit output');

const allowlist = loadAllowlist();
const found = advisories(report);
const blocking = [];
const allowed = [];
for (const advisory of found) {
  const entry = allowlist.find((e) => (e.id === advisory.id || e.id === advisory.source) && e.package === advisory.package);
  if (!entry) blocking.push({ advisory, why: 'not reviewed' });
  else if (entry.expires < today) blocking.push({ advisory, why: `allowlist entry expired on ${entry.expires}: review it again` });
  else allowed.push({ advisory, entry });
}
const stale = allowlist.filter((e) => !found.some((a) => (e.id === a.id || e.id === a.source) && e.package === a.package));

const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `npm audit (production dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
for (const { advisory, entry } of allowed) {
  console.log(
    `  allowed until ${entry.expires}: ${advisory.id} ${advisory.package} (${advisory.severity}) ${advisory.title}: ${entry.reason}`,
  );
}
for (const entry of stale) console.log(`  note: allowlist entry ${entry.id} (${entry.package}) no longer matches any advisory: remove it`);
if (blocking.length > 0) {
  console.error(`ERROR: ${blocking.length} high/critical advisor${blocking.length === 1 ? 'y' : 'ies'} in production dependencies:`);
  for (const { advisory, why } of blocking) {
    console.error(
      `  ${advisory.id} ${advisory.package} ${advisory.range ?? ''} (${advisory.severity}) ${advisory.title} ${advisory.url ?? ''} [${why}]`,
    );
  }
  console.error(
    'Upgrade (npm audit fix --omit=dev, or an "overrides" entry), or review it and add it to .ci/audit-allowlist.json with a reason and an expiry.',
  );
  process.exit(1);
}
console.log('npm audit: no unreviewed high or critical advisory.');
