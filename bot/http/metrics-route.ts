// GET /metrics in Prometheus format, and timing of every POST /api/messages (channel from the activity,
// outcome from the HTTP status). The metrics themselves live in services/platform/metrics.ts.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod/v4';
import { logger } from '../../services/platform/logger.js';
import { bindMetricsDatabase, metricsRegistry, outcomeOfStatus, recordTurn } from '../../services/platform/metrics.js';
import type { RouteRegistration } from '../routes.js';

const metricsEnvSchema = z.object({
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(z.string().min(16, 'ít nhất 16 ký tự').optional()),
  /** `false` turns the route off (e.g. when scraping is done another way). */
  METRICS_ENABLED: z.enum(['true', 'false']).default('true'),
});

export type MetricsConfig = z.infer<typeof metricsEnvSchema>;

export function loadMetricsConfig(source: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const parsed = metricsEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data;
}

function authorised(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Paths whose requests are turns, timed from the first byte to the response's end. */
const TURN_PATHS: Record<string, string | undefined> = { '/api/messages': undefined };

function watchTurn(req: IncomingMessage & { body?: unknown }, res: ServerResponse, fixedChannel: string | undefined): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const body = req.body as { channelId?: unknown } | undefined;
    const channel = fixedChannel ?? (typeof body?.channelId === 'string' ? body.channelId : 'other');
    recordTurn(channel, outcomeOfStatus(res.statusCode), Number(process.hrtime.bigint() - started) / 1e9);
  });
}

/**
 * GET /metrics, and timing of every POST /api/messages (channel from the activity, outcome from the
 * HTTP status) without touching the server's handler: a `pre` hook watches the response finish.
 */
export const metricsRoute: RouteRegistration = (server, context) => {
  const config = context.container.configuration.metrics;
  bindMetricsDatabase(context.container.db);
  server.pre((req, res, next) => {
    if (req.method === 'POST') {
      const path = req.getPath?.() ?? req.url?.split('?')[0] ?? '';
      if (Object.prototype.hasOwnProperty.call(TURN_PATHS, path)) watchTurn(req, res, TURN_PATHS[path]);
    }
    next();
  });
  if (config.METRICS_ENABLED === 'false') return;
  server.get('/metrics', async (req, res) => {
    if (!authorised(req.header('authorization'), config.METRICS_TOKEN)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    try {
      const body = await metricsRegistry.metrics();
      res.writeHead(200, { 'content-type': metricsRegistry.contentType });
      res.end(body);
    } catch (err) {
      logger.error({ err }, 'metrics collection failed');
      res.send(500, { error: 'metrics unavailable' });
    }
  });
};
