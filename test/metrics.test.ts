// /metrics over HTTP: a real turn through /api/messages shows up in the turn counter and the latency
// histogram; database pool, outbox backlog, job queue (when pg-boss's schema exists) and Zalo error
// series are exposed; a token protects the endpoint when configured.
import assert from 'node:assert/strict';
import { messageActivity } from '../tools/chat/activity-factory.js';
import { recordJobFailure, recordZaloApiError } from '../services/platform/metrics.js';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line, e.g. sample(text, 'tld_turns_total', {channel: 'msteams', outcome: 'ok'}). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const m of (match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) found[m[1]] = m[2];
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

describe('metrics: /metrics in Prometheus format', function () {
  // The first PGlite database of a test process runs initdb and every migration: slow on a busy machine.
  this.timeout(180_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
  });
  after(async () => h?.close());

  it('counts a turn by channel and outcome and observes its latency', async () => {
    const before = await scrape(h.url);
    assert.equal(before.status, 200);
    assert.match(before.type ?? '', /^text\/plain; version=0\.0\.4/);
    const okBefore = sample(before.text, 'tld_turns_total', { channel: 'msteams', outcome: 'ok' }) ?? 0;
    const countBefore = sample(before.text, 'tld_turn_duration_seconds_count', { channel: 'msteams' }) ?? 0;

    const replies = await h.user(staff.email).say('hướng dẫn');
    assert.ok(replies.length > 0, 'the bot answered');

    const after = await scrape(h.url);
    assert.equal(sample(after.text, 'tld_turns_total', { channel: 'msteams', outcome: 'ok' }), okBefore + 1);
    assert.equal(sample(after.text, 'tld_turn_duration_seconds_count', { channel: 'msteams' }), countBefore + 1);
    const sum = sample(after.text, 'tld_turn_duration_seconds_sum', { channel: 'msteams' })!;
    assert.ok(sum > 0, 'latency observed');
    // The +Inf bucket holds every observation.
    assert.equal(sample(after.text, 'tld_turn_duration_seconds_bucket', { channel: 'msteams', le: '+Inf' }), countBefore + 1);
  });

  it('counts a malformed activity as rejected, not as a turn that succeeded', async () => {
    const before = sample((await scrape(h.url)).text, 'tld_turns_total', { channel: 'other', outcome: 'rejected' }) ?? 0;
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message"}',
    });
    assert.equal(res.status, 400);
    await res.text();
    const after = sample((await scrape(h.url)).text, 'tld_turns_total', { channel: 'other', outcome: 'rejected' });
    assert.equal(after, before + 1);
  });

  it('exposes the database pool, the database probe and default process metrics', async () => {
    const { text } = await scrape(h.url);
    const total = sample(text, 'tld_db_pool_connections', { state: 'total' });
    assert.ok(total !== undefined && total >= 1, 'pool has at least one connection after a turn');
    assert.notEqual(sample(text, 'tld_db_pool_connections', { state: 'waiting' }), undefined);
    assert.equal(sample(text, 'tld_db_up'), 1);
    assert.ok(sample(text, 'tld_process_resident_memory_bytes')! > 0 || sample(text, 'tld_nodejs_heap_size_used_bytes')! > 0);
  });

  it('reports the notification outbox backlog by state', async () => {
    const officer: { id: string }[] = await h.db.dataSource.query(`SELECT id FROM officer WHERE email = $1`, [staff.email]);
    await h.db.dataSource.query(
      `INSERT INTO notification_outbox (officer_id, kind, payload, state, created_at) VALUES
         ($1, 'test', '{}', 'pending', now() - interval '10 minutes'),
         ($1, 'test', '{}', 'pending', now()),
         ($1, 'test', '{}', 'failed', now()),
         ($1, 'test', '{}', 'sent', now())`,
      [officer[0].id],
    );
    const { text } = await scrape(h.url);
    assert.equal(sample(text, 'tld_outbox_backlog', { outbox: 'notification', state: 'pending' }), 2);
    assert.equal(sample(text, 'tld_outbox_backlog', { outbox: 'notification', state: 'failed' }), 1);
    assert.equal(sample(text, 'tld_outbox_backlog', { outbox: 'notification', state: 'sent' }), undefined);
    assert.ok(sample(text, 'tld_outbox_oldest_seconds', { outbox: 'notification', state: 'pending' })! >= 590);
    await h.db.dataSource.query(`DELETE FROM notification_outbox WHERE kind = 'test'`);
  });

  it('reports pg-boss queue depth when its schema exists, and nothing (no error) when it does not', async () => {
    const exists: { t: string | null }[] = await h.db.dataSource.query(`SELECT to_regclass('pgboss.job')::text AS t`);
    if (!exists[0].t) {
      // A minimal stand-in with pg-boss 10's columns that the collector reads.
      await h.db.dataSource.query(`CREATE SCHEMA pgboss`);
      await h.db.dataSource.query(
        `CREATE TABLE pgboss.job (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, state text NOT NULL)`,
      );
    } else {
      // pg-boss itself is installed: its job table is partitioned by queue, so the queue must exist.
      await h.db.dataSource.query(`SELECT pgboss.create_queue('metrics-test', '{"policy":"standard"}'::json)`);
    }
    const first = await scrape(h.url);
    assert.equal(first.status, 200);
    let text = first.text;
    await h.db.dataSource.query(
      `INSERT INTO pgboss.job (name, state) VALUES ('metrics-test', 'created'), ('metrics-test', 'created'), ('metrics-test', 'failed')`,
    );
    ({ text } = await scrape(h.url));
    assert.equal(sample(text, 'tld_job_queue_jobs', { queue: 'metrics-test', state: 'created' }), 2);
    assert.equal(sample(text, 'tld_job_queue_jobs', { queue: 'metrics-test', state: 'failed' }), 1);
    await h.db.dataSource.query(`DELETE FROM pgboss.job WHERE name = 'metrics-test'`);
  });

  it('counts Zalo API errors by code and job failures by queue', async () => {
    recordZaloApiError('oa', -216);
    recordZaloApiError('oa', -216);
    recordJobFailure('reminders');
    const { text } = await scrape(h.url);
    assert.ok(sample(text, 'tld_zalo_api_errors_total', { api: 'oa', code: '-216' })! >= 2);
    assert.ok(sample(text, 'tld_job_failures_total', { queue: 'reminders' })! >= 1);
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    let guarded: BotHarness | undefined;
    try {
      guarded = await startHarness({ db: h.db, env: { METRICS_TOKEN: 'a-long-enough-metrics-token' } });
      assert.equal((await scrape(guarded.url)).status, 401);
      assert.equal((await scrape(guarded.url, { authorization: 'Bearer wrong-token-of-some-length' })).status, 401);
      const ok = await scrape(guarded.url, { authorization: 'Bearer a-long-enough-metrics-token' });
      assert.equal(ok.status, 200);
      assert.match(ok.text, /tld_turns_total/);
      // A turn on the guarded server is still counted.
      const res = await fetch(`${guarded.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(h.user(staff.email).session, 'menu')),
      });
      assert.equal(res.status, 200);
    } finally {
      await guarded?.close();
    }
  });
});
