// The web face's shared parts for its route groups (web-*-routes.ts): the face the composition root built,
// the JSON API wrapper (errors become clear statuses, never an unhandled 500), sessions, and a turn from a
// browser through the one application under the conversation's lock.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Activity } from 'botbuilder';
import type restify from 'restify';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { DashboardService } from '../../services/dashboard/dashboard-service.js';
import { isDatabaseUnavailable } from '../app.js';
import { DECISION_VERBS } from '../decision/decision-card.js';
import { logger, withCorrelation } from '../../services/platform/logger.js';
import { web as t } from '../../services/platform/messages/web.js';
import { EntraOidc } from './entra-oidc.js';
import type { SessionInfo } from './session-store.js';
import { WEB_BOT_ID, WEB_CHANNEL_ID, type WebTurnResult } from './web-adapter.js';
import {
  COOKIE,
  csrfProblem,
  newCsrfToken,
  parseCookies,
  RateLimiter,
  securityHeaders,
  serializeCookie,
  setCookie,
  validCsrfToken,
} from './web-security.js';
import type { Container } from '../container.js';

/** The web channel's user and conversation of an officer: one conversation per officer, across browsers. */
export function webUserId(officerId: string): string {
  return `web:${officerId}`;
}

export const here = __dirname;

export function findUp(relative: string): string {
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`web: ${relative} not found`);
}

export const PAGES = { chat: 'index.html', dashboard: 'dashboard.html', link: 'link.html', library: 'library.html' } as const;
export const STATIC_FILE = /^[a-z0-9-]+\.(js|css|svg)$/;
export const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
};
/** Decision verbs a link may run, by scope. */
export const LINK_VERBS: Record<string, Set<string>> = {
  decide: new Set(Object.values(DECISION_VERBS)),
  vote: new Set([DECISION_VERBS.refresh, DECISION_VERBS.voteFor, DECISION_VERBS.voteAgainst]),
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

/** What every route group of the web face shares: its parts, the helpers of a JSON API, a turn from a browser. */
export function createWebKit(container: Container, jsonBody: restify.RequestHandler[]) {
  const face = container.web;
  const { config, hub, adapter, sessions, links, mintDecisionLink } = face;
  const publicDir = findUp('web/public');
  const vendor = {
    'adaptivecards.min.js': findUp('node_modules/adaptivecards/dist/adaptivecards.min.js'),
    'chart.umd.min.js': findUp('node_modules/chart.js/dist/chart.umd.min.js'),
  } as Record<string, string>;
  const fileCache = new Map<string, Buffer>();
  const readCached = (path: string) => {
    let body = fileCache.get(path);
    if (!body) fileCache.set(path, (body = readFileSync(path)));
    return body;
  };

  const ds = container.dataSource;
  const publicHost = config.publicBaseUrl ? new URL(config.publicBaseUrl).host : undefined;
  const dashboards = new DashboardService(ds, container.workflow.dashboard.provinceRoles);
  const oidc = config.entra ? new EntraOidc(config.entra, config.secret) : undefined;
  const baseUrl = () => config.publicBaseUrl ?? container.links.base();

  // Link endpoints: per client address (WEB_LINK_RATE_PER_MINUTE, as a burst and a rate), and 10 a minute per token.
  const perIp = new RateLimiter(config.linkRatePerMinute, config.linkRatePerMinute);
  const perToken = new RateLimiter(10, 10);
  const loginLimit = new RateLimiter(config.linkRatePerMinute, config.linkRatePerMinute);

  const cookie = (name: string, value: string, options: Parameters<typeof serializeCookie>[2] = {}) =>
    serializeCookie(name, value, { secure: config.secureCookies, ...options });

  /** Pages: security headers, no caching, and a CSRF cookie for the page's requests. */
  const page = (file: string) => async (req: restify.Request, res: restify.Response) => {
    securityHeaders(res, config.secureCookies);
    const cookies = parseCookies(req.headers.cookie);
    if (!validCsrfToken(config.secret, cookies[COOKIE.csrf])) {
      // Readable by the page's script (double submit); SameSite=Strict so no other site sends it.
      setCookie(res, cookie(COOKIE.csrf, newCsrfToken(config.secret), { httpOnly: false, sameSite: 'Strict' }));
    }
    const body = readCached(join(publicDir, file));
    res.writeHead(200, { 'content-type': CONTENT_TYPES.html, 'cache-control': 'no-store', 'content-length': body.length });
    res.end(body);
  };

  const staticFile = (path: string, type: string) => (_req: restify.Request, res: restify.Response) => {
    const body = readCached(path);
    securityHeaders(res, config.secureCookies);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=300', 'content-length': body.length });
    res.end(body);
  };

  const json = (res: restify.Response, status: number, body: unknown) => {
    securityHeaders(res, config.secureCookies);
    res.header('cache-control', 'no-store');
    res.send(status, body);
  };

  /** Wraps an API handler: errors become clear statuses, never an unhandled 500. */
  const api =
    (handler: (req: restify.Request, res: restify.Response) => Promise<void>, options: { mutating?: boolean } = {}) =>
    async (req: restify.Request, res: restify.Response) => {
      try {
        if (options.mutating) {
          const problem = csrfProblem(req, config.secret, publicHost);
          if (problem) throw new HttpError(403, { error: problem, message: t.csrfRefused });
        }
        await handler(req, res);
      } catch (err) {
        if (res.headersSent) return;
        if (err instanceof HttpError) {
          if (typeof err.body.retryAfter === 'number') res.header('Retry-After', String(err.body.retryAfter));
          return json(res, err.status, err.body);
        }
        if (isDatabaseUnavailable(err)) {
          res.header('Retry-After', '5');
          return json(res, 503, { error: 'unavailable', message: t.busy });
        }
        logger.error({ err }, 'web request failed');
        json(res, 500, { error: 'internal' });
      }
    };

  const sessionOf = async (req: restify.Request): Promise<SessionInfo | undefined> =>
    sessions.get(parseCookies(req.headers.cookie)[COOKIE.session]);
  const requireSession = async (req: restify.Request): Promise<SessionInfo> => {
    const info = await sessionOf(req);
    if (!info) throw new HttpError(401, { error: 'signin', message: t.signInRequired });
    return info;
  };
  const bodyOf = (req: restify.Request): Record<string, unknown> => {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { error: 'body', message: t.badRequest });
    return body as Record<string, unknown>;
  };

  const ensureWebAccount = async (officer: Officer) => {
    await container.identity.link(officer, { channel: 'web', externalUserId: webUserId(officer.id) });
  };

  const activityFor = (officer: Officer, extra: Partial<Activity>): Partial<Activity> => ({
    channelId: WEB_CHANNEL_ID,
    serviceUrl: `${baseUrl()}/web`,
    from: { id: webUserId(officer.id), name: officer.fullName, role: 'user' },
    recipient: { id: WEB_BOT_ID, name: 'Trợ lý Đổi mới', role: 'bot' },
    conversation: { id: webUserId(officer.id), conversationType: 'personal', isGroup: false, name: officer.fullName },
    locale: 'vi-VN',
    ...extra,
  });

  const runTurn = (officer: Officer, extra: Partial<Activity>): Promise<WebTurnResult> => {
    const activity = activityFor(officer, extra);
    return withCorrelation(
      () =>
        container.lock.run(`${WEB_CHANNEL_ID}/${activity.conversation!.id}`, () =>
          adapter.process(activity, (c) => container.bot.app.run(c).then(() => undefined)),
        ),
      undefined,
      WEB_CHANNEL_ID,
    );
  };

  const invoke = async (officer: Officer, verb: string, data: Record<string, unknown>) => {
    const result = await runTurn(officer, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const body = result.invokeResponse?.body as { type?: string; value?: unknown } | undefined;
    if (body?.type === 'application/vnd.microsoft.card.adaptive') return { card: body.value as Record<string, unknown> };
    if (typeof body?.value === 'string') return { text: body.value };
    return { text: '' };
  };

  const startSession = async (res: restify.Response, officer: Officer, method: 'demo' | 'entra') => {
    await ensureWebAccount(officer);
    const { token } = await sessions.create(officer.id, method);
    setCookie(res, cookie(COOKIE.session, token, { sameSite: 'Lax', maxAgeSeconds: config.sessionHours * 3600 }));
  };

  const officerView = async (officer: Officer) => {
    const unit = await ds.getRepository(Unit).findOneBy({ id: officer.unitId });
    return { id: officer.id, name: officer.fullName, position: officer.positionTitle, unit: unit?.name ?? '' };
  };

  return {
    face,
    container,
    jsonBody,
    config,
    hub,
    adapter,
    sessions,
    links,
    mintDecisionLink,
    publicDir,
    vendor,
    readCached,
    ds,
    publicHost,
    dashboards,
    oidc,
    baseUrl,
    perIp,
    perToken,
    loginLimit,
    cookie,
    page,
    staticFile,
    json,
    api,
    sessionOf,
    requireSession,
    bodyOf,
    ensureWebAccount,
    activityFor,
    runTurn,
    invoke,
    startSession,
    officerView,
  };
}

export type WebKit = ReturnType<typeof createWebKit>;
