// The Zalo webhooks. Each verifies the raw bytes it received before anything is stored, stores the
// event in the inbox (a replay is acknowledged and dropped), answers 200 at once and lets the worker
// process it (bot/zalo/zalo-runtime.ts). A channel that is not configured answers 404.
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import { registerOutboxMetric } from '../../services/platform/metrics.js';
import { logger } from '../../services/platform/logger.js';
import type { RouteContext, RouteRegistration } from '../routes.js';
import { isEventFresh, parseBody, parseBotEvent, parseOaEvent, ZaloEventError, type ZaloEvent } from '../../services/zalo/zalo-events.js';
import { verifyBotSecret, verifyOaSignature } from '../../services/zalo/zalo-signature.js';
import { idString } from '../../services/zalo/zalo-json.js';

/** No Zalo event comes close; a bigger body is refused before it is read. */
export const ZALO_MAX_BODY_BYTES = 256 * 1024;

class BodyTooLarge extends Error {}

function readRawBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > max) {
        failed = true;
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type Check = (req: IncomingMessage, raw: Buffer) => { event: ZaloEvent } | { status: number; error: string };

export const zaloRoute: RouteRegistration = (server: restify.Server, { container }: RouteContext) => {
  const config = container.configuration.zalo;
  const runtime = container.zalo;
  const handle =
    (enabled: boolean, check: Check): restify.RequestHandler =>
    async (req, res) => {
      if (!enabled || !runtime) {
        res.send(404, { error: 'not found' });
        return;
      }
      if (!req.is('json')) {
        res.send(415, { error: 'unsupported media type: send application/json' });
        return;
      }
      let raw: Buffer;
      try {
        raw = await readRawBody(req, ZALO_MAX_BODY_BYTES);
      } catch (err) {
        res.send(err instanceof BodyTooLarge ? 413 : 400, { error: err instanceof BodyTooLarge ? 'body too large' : 'body unreadable' });
        return;
      }
      const checked = check(req, raw);
      if ('status' in checked) {
        if (checked.status === 401) logger.warn({ path: req.url }, 'zalo webhook refused: bad signature');
        res.send(checked.status, { error: checked.error });
        return;
      }
      try {
        const stored = await runtime.receive(checked.event, raw);
        res.send(200, { ok: true, ...(stored ? {} : { duplicate: true }) });
      } catch (err) {
        logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo webhook could not store the event');
        res.header('Retry-After', '5');
        res.send(503, { error: 'temporarily unavailable' });
      }
    };

  server.post(
    '/api/zalo/oa',
    handle(Boolean(config.oa), (req, raw) => {
      const oa = config.oa!;
      let body: Record<string, unknown>;
      try {
        body = parseBody(raw);
      } catch {
        // Without the body's timestamp there is nothing to verify against.
        return { status: 401, error: 'invalid signature' };
      }
      const appId = idString(body.app_id);
      if (appId !== undefined && appId !== oa.appId) return { status: 401, error: 'invalid signature' };
      const ok = verifyOaSignature(
        header(req, 'x-zevent-signature'),
        raw,
        { appId: oa.appId, timestamp: idString(body.timestamp) },
        oa.secretKey,
      );
      if (!ok) return { status: 401, error: 'invalid signature' };
      if (!isEventFresh(idString(body.timestamp), config.eventMaxAgeSeconds)) {
        logger.warn({ path: req.url }, 'zalo webhook refused: event outside the time window');
        return { status: 400, error: 'stale event' };
      }
      try {
        return { event: parseOaEvent(body) };
      } catch (err) {
        return { status: 400, error: err instanceof ZaloEventError ? err.message : 'invalid event' };
      }
    }),
  );

  server.post(
    '/api/zalo/bot',
    handle(Boolean(config.bot), (req, raw) => {
      if (!verifyBotSecret(header(req, 'x-bot-api-secret-token'), config.bot!.secret))
        return { status: 401, error: 'invalid secret token' };
      try {
        return { event: parseBotEvent(parseBody(raw)) };
      } catch (err) {
        return { status: 400, error: err instanceof ZaloEventError ? err.message : 'invalid event' };
      }
    }),
  );

  if (!runtime) return;
  registerOutboxMetric({
    name: 'zalo',
    table: 'zalo_outbox',
    sql: `SELECT status AS state, count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
              FROM zalo_outbox WHERE status NOT IN ('sent','fallback') GROUP BY status`,
  });
};
