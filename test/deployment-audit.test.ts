// The supply-chain gate (deployment/scripts/audit-check.mjs) on npm audit reports written here:
// unreviewed high/critical advisories fail, reviewed unexpired ones pass, expired or badly written
// allowlist entries fail, an unreachable advisory database warns (fails only with AUDIT_STRICT=1).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const script = path.join(root, 'deployment/scripts/audit-check.mjs');

/** An npm audit v2 report with one advisory reached through a parent package. */
function report(severity: string): object {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'some-parser': {
        name: 'some-parser',
        severity,
        isDirect: false,
        via: [
          {
            source: 1099999,
            name: 'some-parser',
            dependency: 'some-parser',
            title: 'Prototype pollution in some-parser',
            url: 'https://github.com/advisories/GHSA-abcd-1234-wxyz',
            severity,
            range: '<2.0.1',
          },
        ],
        effects: ['a-framework'],
        range: '<2.0.1',
        nodes: ['node_modules/some-parser'],
        fixAvailable: false,
      },
      'a-framework': {
        name: 'a-framework',
        severity,
        isDirect: true,
        via: ['some-parser'],
        effects: [],
        range: '*',
        nodes: ['node_modules/a-framework'],
        fixAvailable: false,
      },
    },
    metadata: {
      vulnerabilities: {
        info: 0,
        low: 0,
        moderate: severity === 'moderate' ? 2 : 0,
        high: severity === 'high' ? 2 : 0,
        critical: 0,
        total: 2,
      },
    },
  };
}

const entry = {
  id: 'GHSA-abcd-1234-wxyz',
  package: 'some-parser',
  severity: 'high',
  reason: 'Only reached with trusted input from our own configuration files; no user input is parsed by it.',
  reviewedBy: 'Tổ kỹ thuật',
  reviewedOn: '2026-11-01',
  expires: '2027-02-01',
};

describe('deployment: npm audit gate', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tld-audit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(reportBody: object | string, allowlist: object, env: Record<string, string> = {}) {
    const reportFile = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    const allowFile = path.join(dir, `allow-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(reportFile, typeof reportBody === 'string' ? reportBody : JSON.stringify(reportBody));
    writeFileSync(allowFile, JSON.stringify(allowlist));
    const result = spawnSync(process.execPath, [script, '--input', reportFile, '--allowlist', allowFile], {
      encoding: 'utf8',
      env: { ...process.env, AUDIT_TODAY: '2026-11-30', AUDIT_STRICT: '', ...env },
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  }

  it('fails on an unreviewed high advisory, naming it', () => {
    const { code, out } = run(report('high'), { advisories: [] });
    assert.equal(code, 1);
    assert.match(out, /GHSA-abcd-1234-wxyz some-parser <2\.0\.1 \(high\)/);
    assert.match(out, /not reviewed/);
  });

  it('passes when a reviewed, unexpired entry covers it, and says so', () => {
    const { code, out } = run(report('high'), { advisories: [entry] });
    assert.equal(code, 0, out);
    assert.match(out, /allowed until 2027-02-01: GHSA-abcd-1234-wxyz some-parser/);
  });

  it('fails again once the entry has expired', () => {
    const { code, out } = run(report('high'), { advisories: [{ ...entry, reviewedOn: '2026-01-01', expires: '2026-11-29' }] });
    assert.equal(code, 1);
    assert.match(out, /expired on 2026-11-29/);
  });

  it('refuses an allowlist entry without a real reason or with a far expiry', () => {
    assert.equal(run(report('high'), { advisories: [{ ...entry, reason: 'ok' }] }).code, 1);
    const far = run(report('high'), { advisories: [{ ...entry, expires: '2029-01-01' }] });
    assert.equal(far.code, 1);
    assert.match(far.out, /more than a year/);
  });

  it('lets moderate advisories through and notes allowlist entries no longer needed', () => {
    const { code, out } = run(report('moderate'), { advisories: [entry] });
    assert.equal(code, 0, out);
    assert.match(out, /no longer matches any advisory/);
  });

  it('warns and continues when the advisory database is unreachable; fails with AUDIT_STRICT=1', () => {
    const offline = {
      message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    };
    const lenient = run(offline, { advisories: [] });
    assert.equal(lenient.code, 0);
    assert.match(lenient.out, /WARNING: npm audit: the advisory database could not be reached \(405 Method Not Allowed/);
    assert.equal(run(offline, { advisories: [] }, { AUDIT_STRICT: '1' }).code, 1);
    assert.equal(run('npm ERR! network', { advisories: [] }).code, 0);
  });

  it('the repository allowlist is well formed', () => {
    const data = JSON.parse(readFileSync(path.join(root, '.ci/audit-allowlist.json'), 'utf8')) as { advisories: unknown[] };
    assert.ok(Array.isArray(data.advisories));
    const { code, out } = run({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: {} } }, data);
    assert.equal(code, 0, out);
  });
});
