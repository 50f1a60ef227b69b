// The Zalo webhooks. Each verifies the raw bytes it received before anything is stored, stores the
// event in the inbox (a replay is acknowledged and dropped), answers 200 at once and lets the worker
// process it. A channel that is not configured answers 404.
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import { registerOutboxMetric } from '../../services/platform/metrics.js';
import { logger } from '../../services/platform/logger.js';
import type { RouteContext, RouteRegistration } from '../routes.js';
import { loadZaloConfig, type ZaloConfig } from '../../services/zalo/zalo-config.js';
import { isEventFresh, parseBody, parseBotEvent, parseOaEvent, ZaloEventError, type ZaloEvent } from '../../services/zalo/zalo-events.js';
import type { FallbackDelivery } from '../../services/zalo/zalo-outbox-service.js';
import { verifyBotSecret, verifyOaSignature } from '../../services/zalo/zalo-signature.js';
import { idString } from '../../services/zalo/zalo-json.js';
import { ZaloRuntime } from './zalo-runtime.js';
import { routeZaloReferences } from './zalo-proactive.js';
import { teamsFallbackDelivery } from './zalo-fallback.js';

/** No Zalo event comes close; a bigger body is refused before it is read. */
export const ZALO_MAX_BODY_BYTES = 256 * 1024;

export interface ZaloRouteOptions {
  /** Where the ZALO_* variables come from; default: the process environment (and AppConfig once merged). */
  env?: Record<string, unknown>;
  /** Delivery on another channel when Zalo refuses a message; default: the officer's 1:1 Teams conversation. */
  fallback?: FallbackDelivery;
  /** false: do not start the worker (tests simulating a crash between receipt and processing). */
  startWorker?: boolean;
  pollMs?: number;
  /** Receives the runtime once it exists (tests, admin tooling). */
  onRuntime?: (runtime: ZaloRuntime) => void;
}

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

export function zaloRoutes(options: ZaloRouteOptions = {}): RouteRegistration {
  return async (server: restify.Server, context: RouteContext) => {
    const config: ZaloConfig = loadZaloConfig(options.env ?? { ...process.env, ...(context.config as unknown as Record<string, unknown>) });
    const runtime = new ZaloRuntime({
      dataSource: context.db.dataSource,
      config,
      bot: context.bot,
      lock: context.lock,
      directoryContact: context.config.DIRECTORY_CONTACT,
      fallback: 'fallback' in options ? options.fallback : teamsFallbackDelivery(context.db.dataSource, context.adapter, context.config.MICROSOFT_APP_ID ?? ''),
      pollMs: options.pollMs,
    });
    options.onRuntime?.(runtime);

    const handle = (enabled: boolean, check: Check): restify.RequestHandler => async (req, res) => {
      if (!enabled) {
        res.send(404, { error: 'not found' });
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
        const ok = verifyOaSignature(header(req, 'x-zevent-signature'), raw, { appId: oa.appId, timestamp: idString(body.timestamp) }, oa.secretKey);
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
        if (!verifyBotSecret(header(req, 'x-bot-api-secret-token'), config.bot!.secret)) return { status: 401, error: 'invalid secret token' };
        try {
          return { event: parseBotEvent(parseBody(raw)) };
        } catch (err) {
          return { status: 400, error: err instanceof ZaloEventError ? err.message : 'invalid event' };
        }
      }),
    );

    if (!runtime.channels.length) return;
    // Notifications to an officer whose stored conversation is on Zalo go out through the Zalo outbox.
    routeZaloReferences(context.adapter, runtime.adapter);
    registerOutboxMetric({
      name: 'zalo',
      table: 'zalo_outbox',
      sql: `SELECT status AS state, count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
              FROM zalo_outbox WHERE status NOT IN ('sent','fallback') GROUP BY status`,
    });
    // Stop with the server: in-flight turns and sends finish before the lock and database close.
    context.onClose(() => runtime.stop());
    if (options.startWorker !== false) await runtime.start();
  };
}

export const zaloRoute: RouteRegistration = zaloRoutes();
