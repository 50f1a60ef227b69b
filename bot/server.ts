// The HTTP face: /api/messages through the teams-ai Application, health and readiness probes,
// per-conversation serialisation of turns, and a graceful drain on shutdown.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import restify from 'restify';
import { isDatabaseReady } from '../entities/data-source.js';
import { ConversationBusyError } from '../services/state/conversation-lock.js';
import { core } from '../services/platform/messages/index.js';
import { isDatabaseUnavailable } from './app.js';
import type { Container } from './container.js';
import { logger, withCorrelation } from '../services/platform/logger.js';
import { defaultRoutes, type RouteContext, type RouteRegistration } from './routes.js';

/** Bodies above this are refused with 413 before any parsing; no activity of ours comes close. */
export const MAX_BODY_BYTES = 512 * 1024;

export interface BotServer {
  server: restify.Server;
  url: string;
  /** Everything the process is made of (services, notifier, channels), as the composition root built it. */
  container: Container;
  /** Turns currently being processed. */
  inFlight(): number;
  /** Stops accepting, lets turns in flight finish (up to the timeout), releases locks. Leaves the database open. */
  close(): Promise<void>;
}

export interface BotServerOptions {
  /** HTTP routes beside /api/messages (downloads, webhooks, web pages); default: all of bot/routes.ts. */
  routes?: RouteRegistration[];
  /** false: the Zalo worker does not start (tests simulating a crash between receipt and processing). */
  startZaloWorker?: boolean;
}

function conversationKey(body: unknown): string {
  const activity = body as Partial<Activity> | undefined;
  const conversationId = activity?.conversation?.id;
  if (typeof conversationId !== 'string' || !conversationId) return 'unkeyed';
  return `${activity?.channelId ?? 'unknown'}/${conversationId}`;
}

/** The shape every activity must have before the adapter sees it; anything else is a 400. */
function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON activity';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return 'activity type missing';
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string' || !conversation.id) return 'conversation.id missing';
  const from = a.from as Record<string, unknown> | undefined;
  if (from !== undefined && (typeof from !== 'object' || from === null)) return 'from must be an object';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//.test(a.serviceUrl)) return 'serviceUrl missing';
  if (a.text !== undefined && typeof a.text !== 'string') return 'text must be a string';
  return undefined;
}

/** 415 for a body that is not JSON (every POST route of ours takes JSON or, for webhooks, raw JSON bytes). */
export const requireJson: restify.RequestHandler = (req, res, next) => {
  if (!req.is('json')) {
    res.send(415, { error: 'unsupported media type: send application/json' });
    return next(false);
  }
  return next();
};

/** Loopback, or one of TRUSTED_SERVICE_URLS (compared without a trailing slash). */
export function trustedServiceUrl(serviceUrl: string, trusted: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  const normalised = serviceUrl.replace(/\/+$/, '');
  return trusted.some((t) => normalised === t || normalised.startsWith(`${t}/`));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startBotServer(container: Container, options: BotServerOptions = {}): Promise<BotServer> {
  const { config, db, adapter, bot, lock } = container;

  const server = restify.createServer({ name: 'tro-ly-doi-moi', handleUncaughtExceptions: false });
  // Parsed per route: webhooks that verify a signature over the raw bytes read the body themselves.
  // JSON only: restify's full bodyParser would also take multipart uploads and write them to /tmp before
  // any check. Anything that is not JSON is refused with 415 before a byte of the body is read.
  const jsonBody = [
    requireJson,
    ...restify.plugins.jsonBodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false } as restify.plugins.JsonBodyParserOptions),
  ];

  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const closeHooks: (() => Promise<void>)[] = [];

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    const ready = !draining && (await withTimeout(isDatabaseReady(db), 3000, false));
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
  });

  server.post('/api/messages', ...jsonBody, async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    // Without authentication the bot would call whatever serviceUrl a caller names (and store it as the
    // way to reach the officer the caller claims to be): only loopback and the configured ones.
    if (!config.authEnabled && !trustedServiceUrl((req.body as { serviceUrl: string }).serviceUrl, config.TRUSTED_SERVICE_URLS)) {
      logger.warn('activity refused: serviceUrl not trusted while authentication is off');
      res.send(403, { error: 'serviceUrl not allowed' });
      return;
    }
    inFlight++;
    const activity = req.body as Partial<Activity> | undefined;
    try {
      await withCorrelation(
        () => lock.run(conversationKey(req.body), () => adapter.process(req, res, (context) => bot.app.run(context).then(() => undefined))),
        typeof activity?.id === 'string' ? activity.id : undefined,
        typeof activity?.channelId === 'string' ? activity.channelId : undefined,
      );
    } catch (err) {
      if (err instanceof ConversationBusyError && !res.headersSent && activity?.type === 'message') {
        // The turn could not start in time (another turn holds the conversation, or the database is
        // away): say so now instead of leaving the person without an answer until the channel gives up.
        logger.warn({ reason: err.reason, waitedMs: err.waitedMs }, 'turn not started: conversation busy');
        await adapter.process(req, res, (context) => context.sendActivity(core.busy).then(() => undefined)).catch(() => undefined);
        if (res.headersSent) return;
      } else {
        logger.error({ err }, 'request failed');
      }
      if (!res.headersSent) {
        res.header('Retry-After', '5');
        res.send(503, { error: isDatabaseUnavailable(err) ? 'database unavailable' : 'temporarily unavailable' });
      }
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  const routeContext: RouteContext = { container, jsonBody, onClose: (hook) => closeHooks.push(hook) };
  for (const register of options.routes ?? defaultRoutes) await register(server, routeContext);
  // Zalo turns arrive through its webhooks and run in the background; they stop with the server.
  if (container.zalo) {
    const zalo = container.zalo;
    closeHooks.push(() => zalo.stop());
    if (options.startZaloWorker !== false) await zalo.start();
  }

  server.listen(config.PORT, config.HOST);
  await once(server.server, 'listening');
  const address = server.server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${address.port}`;
  container.links.serverListening(url);

  return {
    server,
    url,
    container,
    inFlight: () => inFlight,
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      // Keep-alive sockets would hold close() open; idle ones can go now.
      server.server.closeIdleConnections?.();
      if (inFlight > 0) {
        await withTimeout(
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          config.SHUTDOWN_TIMEOUT_MS,
          undefined,
        );
      }
      server.server.closeAllConnections?.();
      await closed;
      await withTimeout(container.notifier.idle(), config.SHUTDOWN_TIMEOUT_MS, undefined);
      for (const hook of closeHooks) await hook();
      await lock.close();
    },
  };
}
