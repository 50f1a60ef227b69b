// Configuration: fail closed (credentials, or demo or development chosen explicitly), every wrong value named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../bot/config.js';
import { loadConfiguration } from '../bot/configuration.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a configuration error');
}

describe('foundation: configuration', () => {
  it('refuses to serve with nothing set: without credentials, demo must be chosen', () => {
    assert.ok(problemsOf({}).some((p) => p.startsWith('MICROSOFT_APP_ID:') && /DEMO_MODE=true/.test(p)));
    assert.ok(problemsOf({ DEMO_MODE: 'false' }).some((p) => p.startsWith('MICROSOFT_APP_ID:')));
    // The CLI serves no channel: it needs no credentials.
    assert.equal(loadConfig({}, { serving: false }).authEnabled, false);
  });

  it('starts in demo mode on PGlite under ./data when DEMO_MODE=true', () => {
    const config = loadConfig({ DEMO_MODE: 'true' });
    assert.equal(config.demo, true);
    assert.equal(config.authEnabled, false);
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: './data' });
    assert.equal(config.PORT, 3978);
  });

  it('refuses demo mode and disabled authentication in production or beside credentials', () => {
    const creds = { MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' };
    assert.ok(problemsOf({ DEMO_MODE: 'true', NODE_ENV: 'production' }).some((p) => p.startsWith('DEMO_MODE:')));
    assert.ok(problemsOf({ ...creds, DEMO_MODE: 'true' }).some((p) => p.startsWith('DEMO_MODE:')));
    assert.ok(problemsOf({ BOT_AUTH: 'off', NODE_ENV: 'production' }).some((p) => p.startsWith('BOT_AUTH:')));
    assert.ok(problemsOf({ ...creds, BOT_AUTH: 'off' }).some((p) => p.startsWith('BOT_AUTH:')));
    assert.ok(problemsOf({ NODE_ENV: 'production' }).some((p) => p.startsWith('MICROSOFT_APP_ID:')));
    assert.ok(
      problemsOf({ DEMO_MODE: 'auto' }).some((p) => p.startsWith('DEMO_MODE:')),
      'the old "auto" (demo whenever credentials are missing) is gone',
    );
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://bot@db:5432/bot', BOT_AUTH: 'off' });
    assert.equal(config.database.kind, 'postgres');
  });

  it('names the variable of a wrong value, never its content', () => {
    const problems = problemsOf({ PORT: 'tám nghìn', DATABASE_URL: 'mysql://secret-password@x/y', BOT_AUTH: 'off' });
    assert.ok(problems.some((p) => p.startsWith('PORT:')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL:')));
    assert.ok(problems.every((p) => !p.includes('secret-password')));
  });

  it('requires the whole set of Bot Framework credentials', () => {
    const problems = problemsOf({ MICROSOFT_APP_ID: 'abc' });
    assert.ok(problems.some((p) => p.startsWith('MICROSOFT_APP_TYPE:')));
    assert.ok(problems.some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:')));
    assert.ok(problemsOf({ MICROSOFT_APP_PASSWORD: 'x' }).some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:')));
    assert.ok(
      problemsOf({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' }).some((p) =>
        p.startsWith('FILE_LINK_SECRET:'),
      ),
    );
    assert.ok(problemsOf({ DEMO_MODE: 'true', FILE_LINK_SECRET: 'short' }).some((p) => p.startsWith('FILE_LINK_SECRET:')));
    const ok = loadConfig({
      MICROSOFT_APP_ID: 'abc',
      MICROSOFT_APP_PASSWORD: 'p',
      MICROSOFT_APP_TYPE: 'MultiTenant',
      FILE_LINK_SECRET: 'x'.repeat(32),
    });
    assert.equal(ok.authEnabled, true);
    assert.equal(ok.demo, false);
  });
});

describe('configuration: the Secret template applied unfilled', () => {
  it('refuses every placeholder of deployment/k8s/secret.example.yaml, naming each variable and never its value', () => {
    // Read the shipped template, so a placeholder added to it later is covered too.
    const template = readFileSync(path.join(__dirname, '..', 'deployment', 'k8s', 'secret.example.yaml'), 'utf8');
    const env = (parse(template) as { stringData: Record<string, string> }).stringData;
    assert.ok(Object.keys(env).length >= 7, 'the template was read');
    let problems: string[] = [];
    try {
      loadConfiguration({ ...env, NODE_ENV: 'production' });
      assert.fail('expected a configuration error');
    } catch (err) {
      assert.ok(err instanceof ConfigError, String(err));
      problems = err.problems;
    }
    for (const name of [
      'DATABASE_URL',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
      'WEB_SESSION_SECRET',
      'FILE_LINK_SECRET',
      'METRICS_TOKEN',
    ])
      assert.ok(
        problems.some((p) => p.startsWith(`${name}: còn giá trị mẫu`)),
        `${name} refused: ${problems.join(' | ')}`,
      );
    assert.ok(!problems.some((p) => /REPLACE_ME/.test(p)), 'the value is never echoed');
  });

  it('accepts real values that merely contain zeros', () => {
    const env = { DEMO_MODE: 'true', FILE_LINK_SECRET: 'a'.repeat(40), MICROSOFT_APP_TENANT_ID: '' };
    assert.equal(loadConfiguration(env).app.demo, true);
  });
});
