// Prometheus metrics (prom-client) on GET /metrics: turns by channel and outcome, turn latency,
// the database pool, pg-boss queues, outbox backlogs and Zalo API errors. Collectors that read the
// database are tolerant: a table that does not exist yet (a channel not deployed) yields no series,
// and a slow or failing database never makes /metrics hang or fail.

import client from 'prom-client';
import type { DataSource } from 'typeorm';

import type { Database } from '../../entities/data-source.js';
import { logger } from './logger.js';

const PREFIX = 'tld_';

/** One registry for the process; default Node.js metrics (CPU, memory, event loop lag, GC) included. */
export const metricsRegistry = new client.Registry();
metricsRegistry.setDefaultLabels({ service: 'tro-ly-doi-moi' });
client.collectDefaultMetrics({ register: metricsRegistry, prefix: PREFIX });

export const TURN_OUTCOMES = ['ok', 'rejected', 'unauthorized', 'unavailable', 'error'] as const;
export type TurnOutcome = (typeof TURN_OUTCOMES)[number];

export const turnsTotal = new client.Counter({
  name: `${PREFIX}turns_total`,
  help: 'Turns handled (one incoming activity or webhook event), by channel and outcome.',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const turnDuration = new client.Histogram({
  name: `${PREFIX}turn_duration_seconds`,
  help: 'Time from receiving an activity to the end of its turn (replies sent), by channel.',
  labelNames: ['channel'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30],
  registers: [metricsRegistry],
});

/** Zalo API calls answered with an error, by API and Zalo error code (incremented by the Zalo clients). */
export const zaloApiErrors = new client.Counter({
  name: `${PREFIX}zalo_api_errors_total`,
  help: 'Zalo API calls that returned an error, by API (oa, oauth, bot) and Zalo error code.',
  labelNames: ['api', 'code'] as const,
  registers: [metricsRegistry],
});

/** Jobs that threw (incremented by the job workers). */
export const jobFailures = new client.Counter({
  name: `${PREFIX}job_failures_total`,
  help: 'Background jobs that failed (threw), by queue.',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});

const KNOWN_CHANNELS = new Set(['msteams', 'zalo_oa', 'zalo_bot', 'web', 'emulator', 'webchat', 'directline']);

/** Keeps label cardinality bounded: anything unexpected is `other`. */
export function channelLabel(channel: unknown): string {
  return typeof channel === 'string' && KNOWN_CHANNELS.has(channel) ? channel : 'other';
}

/** Records one finished turn. Channels that acknowledge a webhook before processing call this themselves. */
export function recordTurn(channel: string, outcome: TurnOutcome, seconds: number): void {
  const label = channelLabel(channel);
  turnsTotal.inc({ channel: label, outcome });
  if (Number.isFinite(seconds) && seconds >= 0) turnDuration.observe({ channel: label }, seconds);
}

/** The turn outcome an HTTP status stands for. */
export function outcomeOfStatus(status: number): TurnOutcome {
  if (status >= 200 && status < 400) return 'ok';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'error';
  return 'rejected';
}

export function recordZaloApiError(api: 'oa' | 'oauth' | 'bot' | string, code: number | string): void {
  zaloApiErrors.inc({ api: String(api).slice(0, 32), code: String(code).slice(0, 16) });
}

export function recordJobFailure(queue: string): void {
  jobFailures.inc({ queue: queue.slice(0, 64) });
}

// ---- Database-backed gauges ------------------------------------------------------------------

/** An outbox whose backlog is reported: a query returning rows of (state, count, oldest_seconds). */
export interface OutboxSource {
  name: string;
  /** The table that must exist for the query to run (checked with to_regclass). */
  table: string;
  sql: string;
}

const outboxes = new Map<string, OutboxSource>();

/** Registers an outbox (e.g. the Zalo outbox) for the backlog gauges; the same name replaces. */
export function registerOutboxMetric(source: OutboxSource): void {
  outboxes.set(source.name, source);
}

registerOutboxMetric({
  name: 'notification',
  table: 'notification_outbox',
  sql: `SELECT state, count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
          FROM notification_outbox WHERE state <> 'sent' GROUP BY state`,
});

let boundDb: Database | undefined;

/** The database the collectors read (the route registration binds it; tests may too). */
export function bindMetricsDatabase(db: Database | undefined): void {
  boundDb = db;
}

const COLLECT_TIMEOUT_MS = 2000;

async function timed<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), COLLECT_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    logger.debug({ err }, 'metrics collector query failed');
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function tableExists(dataSource: DataSource, table: string): Promise<boolean> {
  const rows: { t: string | null }[] = await dataSource.query('SELECT to_regclass($1)::text AS t', [table]);
  return Boolean(rows[0]?.t);
}

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function pgPool(dataSource: DataSource): PgPoolLike | undefined {
  const master = (dataSource.driver as unknown as { master?: Partial<PgPoolLike> }).master;
  if (!master || typeof master.totalCount !== 'number') return undefined;
  return master as PgPoolLike;
}

new client.Gauge({
  name: `${PREFIX}db_pool_connections`,
  help: 'Connections in the database pool: total open, idle, and callers waiting for one.',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const dataSource = boundDb?.dataSource;
    const pool = dataSource?.isInitialized ? pgPool(dataSource) : undefined;
    if (!pool) return;
    this.set({ state: 'total' }, pool.totalCount);
    this.set({ state: 'idle' }, pool.idleCount);
    this.set({ state: 'waiting' }, pool.waitingCount);
  },
});

new client.Gauge({
  name: `${PREFIX}db_up`,
  help: '1 when the database answered a trivial query during this scrape.',
  registers: [metricsRegistry],
  async collect() {
    const dataSource = boundDb?.dataSource;
    if (!dataSource?.isInitialized) {
      this.set(0);
      return;
    }
    const ok = await timed(dataSource.query('SELECT 1').then(() => true));
    this.set(ok ? 1 : 0);
  },
});

new client.Gauge({
  name: `${PREFIX}job_queue_jobs`,
  help: 'pg-boss jobs by queue and state (created and retry are the backlog; failed are kept until archived).',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const dataSource = boundDb?.dataSource;
    if (!dataSource?.isInitialized) return;
    const rows = await timed(
      (async () => {
        if (!(await tableExists(dataSource, 'pgboss.job'))) return [] as { name: string; state: string; count: number }[];
        return (await dataSource.query(
          `SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job
            WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`,
        )) as { name: string; state: string; count: number }[];
      })(),
    );
    for (const row of rows ?? []) this.set({ queue: row.name, state: row.state }, Number(row.count));
  },
});

interface OutboxRow {
  outbox: string;
  state: string;
  count: number;
  oldestSeconds: number;
}

// Both outbox gauges read one snapshot per scrape (the registry collects metrics concurrently).
// The read in flight is shared, and forgotten once it settles so the next scrape reads afresh.
let outboxRead: Promise<OutboxRow[]> | undefined;

function readOutboxes(): Promise<OutboxRow[]> {
  if (outboxRead) return outboxRead;
  const rows = (async () => {
    const dataSource = boundDb?.dataSource;
    if (!dataSource?.isInitialized) return [];
    const result: OutboxRow[] = [];
    for (const source of outboxes.values()) {
      const rows = await timed(
        (async () => {
          if (!(await tableExists(dataSource, source.table))) return [] as { state: string; count: number; oldest_seconds: number }[];
          return (await dataSource.query(source.sql)) as { state: string; count: number; oldest_seconds: number }[];
        })(),
      );
      for (const row of rows ?? []) {
        result.push({ outbox: source.name, state: row.state, count: Number(row.count), oldestSeconds: Number(row.oldest_seconds) });
      }
    }
    return result;
  })();
  outboxRead = rows;
  void rows.finally(() => setImmediate(() => (outboxRead = undefined)));
  return rows;
}

new client.Gauge({
  name: `${PREFIX}outbox_backlog`,
  help: 'Messages waiting in an outbox (pending, failed), by outbox and state.',
  labelNames: ['outbox', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const row of await readOutboxes()) this.set({ outbox: row.outbox, state: row.state }, row.count);
  },
});

new client.Gauge({
  name: `${PREFIX}outbox_oldest_seconds`,
  help: 'Age of the oldest message not yet sent, by outbox and state.',
  labelNames: ['outbox', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const row of await readOutboxes()) this.set({ outbox: row.outbox, state: row.state }, row.oldestSeconds);
  },
});
