// The HTTP face: /api/messages through the teams-ai Application, health and readiness probes,
// per-conversation serialisation of turns, and a graceful drain on shutdown.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import restify from 'restify';
import { isDatabaseReady, type Database } from '../entities/data-source.js';
import { AdvisoryConversationLock, InProcessConversationLock, type ConversationLock } from '../services/state/conversation-lock.js';
import { TypeOrmStorage } from '../services/state/typeorm-storage.js';
import { createBotApplication, isDatabaseUnavailable, type BotApplication, type BotApplicationOptions } from './app.js';
import type { AppConfig } from './config.js';
import { createAppServices, type AppServices } from './core/app-services.js';
import { logger, withCorrelation } from '../services/platform/logger.js';
import { registerFeatures } from './features.js';
import { SendRetryMiddleware } from './core/send-retry.js';
import { plainTextMiddleware } from './core/plain-text-middleware.js';
import { defaultRoutes, type RouteContext, type RouteRegistration } from './routes.js';

/** Bodies above this are refused with 413 before any parsing; no activity of ours comes close. */
export const MAX_BODY_BYTES = 512 * 1024;

export interface BotServer {
  server: restify.Server;
  url: string;
  bot: BotApplication;
  services: AppServices;
  adapter: TeamsAdapter;
  /** Turns currently being processed. */
  inFlight(): number;
  /** Stops accepting, lets turns in flight finish (up to the timeout), releases locks. Leaves the database open. */
  close(): Promise<void>;
}

export interface BotServerOptions {
  config: AppConfig;
  db: Database;
  features?: BotApplicationOptions['features'];
  /** Extra HTTP routes (downloads, webhooks, web pages); default: all of bot/routes.ts. */
  routes?: RouteRegistration[];
}

export function createAdapter(config: AppConfig): TeamsAdapter {
  const adapter = config.authEnabled ? authenticatedAdapter(config) : new TeamsAdapter({});
  // Replies are retried on 429 and hung connectors; every text is sent as plain text.
  adapter.use(new SendRetryMiddleware());
  adapter.use(plainTextMiddleware);
  return adapter;
}

function authenticatedAdapter(config: AppConfig): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
  });
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

export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const { config, db } = options;
  const services = createAppServices(config, db.dataSource);
  const adapter = createAdapter(config);
  const bot = createBotApplication({
    adapter,
    storage: new TypeOrmStorage(db.dataSource),
    services,
    features: options.features ?? [registerFeatures],
  });
  const lock: ConversationLock =
    db.kind === 'postgres' ? new AdvisoryConversationLock(db.pgOptions, config.TURN_LOCK_POOL_SIZE, { waitMs: config.TURN_LOCK_WAIT_MS }) : new InProcessConversationLock();

  const server = restify.createServer({ name: 'tro-ly-doi-moi', handleUncaughtExceptions: false });
  // Parsed per route: webhooks that verify a signature over the raw bytes read the body themselves.
  const jsonBody = restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false });

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
    inFlight++;
    const activity = req.body as Partial<Activity> | undefined;
    try {
      await withCorrelation(
        () => lock.run(conversationKey(req.body), () => adapter.process(req, res, (context) => bot.app.run(context).then(() => undefined))),
        typeof activity?.id === 'string' ? activity.id : undefined,
        typeof activity?.channelId === 'string' ? activity.channelId : undefined,
      );
    } catch (err) {
      logger.error({ err }, 'request failed');
      if (!res.headersSent) {
        res.header('Retry-After', '5');
        res.send(503, { error: isDatabaseUnavailable(err) ? 'database unavailable' : 'temporarily unavailable' });
      }
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  const routeContext: RouteContext = { config, db, services, bot, adapter, jsonBody, lock, onClose: (hook) => closeHooks.push(hook) };
  for (const register of options.routes ?? defaultRoutes) await register(server, routeContext);

  server.listen(config.PORT, config.HOST);
  await once(server.server, 'listening');
  const address = server.server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${address.port}`;

  return {
    server,
    url,
    bot,
    services,
    adapter,
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
      for (const hook of closeHooks) await hook();
      await lock.close();
    },
  };
}
