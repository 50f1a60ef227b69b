// Configuration: demo by default, every wrong value named.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../bot/config.js';

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
  it('starts in demo mode on PGlite under ./data with nothing set', () => {
    const config = loadConfig({});
    assert.equal(config.demo, true);
    assert.equal(config.authEnabled, false);
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: './data' });
    assert.equal(config.PORT, 3978);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://bot@db:5432/bot' });
    assert.equal(config.database.kind, 'postgres');
  });

  it('names the variable of a wrong value, never its content', () => {
    const problems = problemsOf({ PORT: 'tám nghìn', DATABASE_URL: 'mysql://secret-password@x/y' });
    assert.ok(problems.some((p) => p.startsWith('PORT:')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL:')));
    assert.ok(problems.every((p) => !p.includes('secret-password')));
  });

  it('requires the whole set of Bot Framework credentials', () => {
    const problems = problemsOf({ MICROSOFT_APP_ID: 'abc' });
    assert.ok(problems.some((p) => p.startsWith('MICROSOFT_APP_TYPE:')));
    assert.ok(problems.some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:')));
    assert.ok(problemsOf({ MICROSOFT_APP_PASSWORD: 'x' }).some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:')));
    const ok = loadConfig({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' });
    assert.equal(ok.authEnabled, true);
    assert.equal(ok.demo, false);
  });
});
