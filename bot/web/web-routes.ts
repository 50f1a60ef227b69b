// The web face's routes (its hub, adapter, sessions and links are built by the composition root,
// bot/web/web-face.ts):
//   /                 the web chat (demo: pick a demo officer; production: sign in with Microsoft Entra ID)
//   /dashboard        the dashboard (Home Affairs: the province; heads: their units)
//   /d/<token>        a signed one-time decision link
//   /auth/login, /auth/callback   OpenID Connect with Entra ID
//   /web/api/...      JSON endpoints and the Server-Sent Events stream of the chat
// Every state-changing request carries the CSRF token (signed double-submit cookie, same-origin check).
// Static files come from web/public and two vendor bundles from node_modules, under a strict CSP.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Activity } from 'botbuilder';
import type restify from 'restify';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { DashboardService } from '../../services/dashboard/dashboard-service.js';
import { dashboardWorkbook, proposalsCsv } from '../../services/dashboard/dashboard-export.js';
import { isDatabaseUnavailable } from '../app.js';
import { DECISION_VERBS } from '../decision/decision-card.js';
import { DECISION_STATUS_LABELS } from '../../services/platform/messages/decisions.js';
import { logger, withCorrelation } from '../../services/platform/logger.js';
import { web as t } from '../../services/platform/messages/web.js';
import type { DataSource } from 'typeorm';
import type { RouteRegistration } from '../routes.js';
import { EntraOidc, emailsOf } from './entra-oidc.js';
import { GUEST_COOKIE, guestAnswer, newGuestPass, validGuestPass } from './web-guest.js';
import { core } from '../../services/platform/messages/index.js';
import type { SessionInfo } from './session-store.js';
import { WEB_BOT_ID, WEB_CHANNEL_ID, type WebTurnResult } from './web-adapter.js';
import {
  clientIp,
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

/** The web channel's user and conversation of an officer: one conversation per officer, across browsers. */
export function webUserId(officerId: string): string {
  return `web:${officerId}`;
}

const here = __dirname;

function findUp(relative: string): string {
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`web: ${relative} not found`);
}

const PAGES = { chat: 'index.html', dashboard: 'dashboard.html', link: 'link.html' } as const;
const STATIC_FILE = /^[a-z0-9-]+\.(js|css|svg)$/;
const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  html: 'text/html; charset=utf-8',
};
/** Decision verbs a link may run, by scope. */
const LINK_VERBS: Record<string, Set<string>> = {
  decide: new Set(Object.values(DECISION_VERBS)),
  vote: new Set([DECISION_VERBS.refresh, DECISION_VERBS.voteFor, DECISION_VERBS.voteAgainst]),
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

export const webRoutes: RouteRegistration = async (server, { container, jsonBody, onClose }) => {
  const face = container.web;
  const { config, hub, adapter, sessions, links, mintDecisionLink } = face;
  // This process's streams stop being present when it stops (the LISTEN connection closes too).
  onClose(() => hub.close());
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

  // ---- pages and static files ------------------------------------------------------------------------
  const webOn = config.enabled;
  if (webOn) {
    server.get('/', page(PAGES.chat));
    server.get('/dashboard', page(PAGES.dashboard));
  }
  server.get('/d/:token', page(PAGES.link));
  server.get('/static/:file', async (req, res) => {
    const file = String(req.params.file ?? '');
    const path = join(publicDir, file);
    if (!STATIC_FILE.test(file) || !existsSync(path)) {
      res.send(404);
      return;
    }
    staticFile(path, CONTENT_TYPES[file.split('.').pop()!]!)(req, res);
  });
  server.get('/vendor/:file', async (req, res) => {
    const name = String(req.params.file ?? '');
    // Own names only: "__proto__" or "constructor" must not reach the file system as a path.
    const path = Object.hasOwn(vendor, name) ? vendor[name] : undefined;
    if (!path) {
      res.send(404);
      return;
    }
    staticFile(path, CONTENT_TYPES.js!)(req, res);
  });

  // ---- the decision links (always on: they serve people that chat cannot reach) -----------------------
  const limited = (req: restify.Request, token: string) => {
    const wait = Math.max(perIp.take(clientIp(req, config.trustProxy)), perToken.take(token.slice(0, 64)));
    if (wait > 0) {
      logger.debug('decision link rate limited');
      throw new HttpError(429, { error: 'rate_limited', message: t.linkRateLimited(wait), retryAfter: wait });
    }
  };
  const browserSecret = (req: restify.Request, res: restify.Response): string => {
    const existing = parseCookies(req.headers.cookie)[COOKIE.browser];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const fresh = randomBytes(32).toString('base64url');
    setCookie(res, cookie(COOKIE.browser, fresh, { sameSite: 'Lax', maxAgeSeconds: 90 * 24 * 3600 }));
    return fresh;
  };
  const checkLink = async (req: restify.Request, res: restify.Response, token: string) => {
    limited(req, token);
    const session = await sessionOf(req);
    const check = await links.check(token, browserSecret(req, res), session?.officer.id ?? null);
    if (!check.ok) {
      logger.info({ reason: check.reason }, 'decision link refused');
      throw new HttpError(
        check.reason === 'not_found' ? 404 : check.reason === 'forwarded' || check.reason === 'other_person' ? 403 : 410,
        {
          error: check.reason,
          message: t.linkRefused[check.reason],
        },
      );
    }
    return check;
  };

  server.post(
    '/web/api/links/open',
    ...jsonBody,
    api(
      async (req, res) => {
        const token = String(bodyOf(req).token ?? '');
        const check = await checkLink(req, res, token);
        await ensureWebAccount(check.officer);
        const shown = await invoke(check.officer, DECISION_VERBS.refresh, { proposalId: check.link.proposalId });
        json(res, 200, {
          status: 'ok',
          officer: await officerView(check.officer),
          greeting: t.linkGreeting(check.officer.fullName),
          scope: check.link.scope,
          ...shown,
        });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/links/act',
    ...jsonBody,
    api(
      async (req, res) => {
        const body = bodyOf(req);
        const token = String(body.token ?? '');
        const verb = String(body.verb ?? '');
        const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
        const check = await checkLink(req, res, token);
        if (!LINK_VERBS[check.link.scope]?.has(verb)) throw new HttpError(403, { error: 'verb', message: t.linkVerbNotAllowed });
        // The link acts on its own proposal only, whatever the card data says.
        const scoped = { ...data, proposalId: check.link.proposalId };
        delete (scoped as Record<string, unknown>).code;
        await ensureWebAccount(check.officer);
        const before = await actionSnapshot(ds, check.link.proposalId, check.officer.id);
        const shown = await invoke(check.officer, verb, scoped);
        const after = await actionSnapshot(ds, check.link.proposalId, check.officer.id);
        const used = before !== after && (await links.consume(check.link.id, verb));
        json(res, 200, { status: 'ok', used, ...(used ? { notice: t.linkUsedNow } : {}), ...shown });
      },
      { mutating: true },
    ),
  );

  if (!webOn) return;

  // ---- sign-in ----------------------------------------------------------------------------------------
  server.get(
    '/web/api/session',
    api(async (req, res) => {
      const info = await sessionOf(req);
      const scope = info ? await dashboards.scopeFor(info.officer) : { kind: 'none' };
      json(res, 200, {
        signedIn: Boolean(info),
        ...(!info && validGuestPass(config.secret, parseCookies(req.headers.cookie)[GUEST_COOKIE])
          ? { guest: true, guestNotice: core.outsiderWelcome(container.config.DIRECTORY_CONTACT) }
          : { guest: false }),
        demo: config.demo,
        entra: Boolean(oidc),
        ...(info ? { officer: await officerView(info.officer), dashboard: scope.kind !== 'none' } : {}),
      });
    }),
  );

  server.get(
    '/web/api/demo/officers',
    api(async (_req, res) => {
      if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
      const rows = (await ds.query(
        `SELECT o.id, o.full_name, o.position_title, o.role, u.name AS unit, u.code AS unit_code
       FROM officer o JOIN unit u ON u.id = o.unit_id
       WHERE o.active AND o.is_demo
       ORDER BY CASE u.kind WHEN 'ubnd_tinh' THEN 0 WHEN 'so_nganh' THEN 1 WHEN 'phong' THEN 2 WHEN 'don_vi_su_nghiep' THEN 3 ELSE 4 END, u.code, CASE o.role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, o.full_name`,
      )) as Record<string, string>[];
      json(res, 200, {
        officers: rows.map((r) => ({
          id: r.id,
          name: r.full_name,
          position: r.position_title,
          role: r.role,
          unit: r.unit,
          unitCode: r.unit_code,
        })),
      });
    }),
  );

  server.post(
    '/web/api/login/demo',
    ...jsonBody,
    api(
      async (req, res) => {
        if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
        const wait = loginLimit.take(clientIp(req, config.trustProxy));
        if (wait > 0) throw new HttpError(429, { error: 'rate_limited', message: t.linkRateLimited(wait), retryAfter: wait });
        const id = String(bodyOf(req).officerId ?? '');
        const officer = /^[0-9a-f-]{36}$/i.test(id) ? await ds.getRepository(Officer).findOneBy({ id, active: true, isDemo: true }) : null;
        if (!officer) throw new HttpError(404, { error: 'officer', message: t.unknownOfficer });
        await startSession(res, officer, 'demo');
        logger.info({ method: 'demo' }, 'web sign-in');
        json(res, 200, { signedIn: true, officer: await officerView(officer) });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/logout',
    api(
      async (req, res) => {
        const token = parseCookies(req.headers.cookie)[COOKIE.session];
        // The chat history stays: reading it needs a session; erasing it is the privacy command's job.
        await sessions.revoke(token);
        setCookie(res, cookie(COOKIE.session, '', { maxAgeSeconds: 0 }));
        setCookie(res, cookie(GUEST_COOKIE, '', { maxAgeSeconds: 0 }));
        json(res, 200, { signedIn: false });
      },
      { mutating: true },
    ),
  );

  server.get('/auth/login', async (_req, res) => {
    securityHeaders(res, config.secureCookies);
    if (!oidc) {
      res.header('Location', '/');
      res.send(302);
      return;
    }
    try {
      const { url, cookie: state } = await oidc.begin();
      setCookie(res, cookie(COOKIE.oidc, state, { sameSite: 'Lax', maxAgeSeconds: 600 }));
      res.header('Location', url);
      res.send(302);
    } catch (err) {
      logger.error({ err: { message: (err as Error).message } }, 'entra sign-in could not start');
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(t.signInFailed);
    }
  });

  server.get('/auth/callback', async (req, res) => {
    securityHeaders(res, config.secureCookies);
    const fail = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (!oidc) return fail(404, t.signInFailed);
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    setCookie(res, cookie(COOKIE.oidc, '', { maxAgeSeconds: 0 }));
    try {
      const claims = await oidc.complete(
        { code: query.get('code') ?? undefined, state: query.get('state') ?? undefined },
        oidc.openState(parseCookies(req.headers.cookie)[COOKIE.oidc]),
      );
      const repo = ds.getRepository(Officer);
      let officer = claims.oid ? await repo.findOneBy({ teamsAadObjectId: claims.oid }) : null;
      for (const email of emailsOf(claims)) officer ??= await repo.findOneBy({ email });
      if (officer && !officer.active) return fail(403, t.notInDirectory(container.config.DIRECTORY_CONTACT));
      if (!officer) {
        // Not in the directory: a guest pass for policy questions only (web-guest.ts).
        setCookie(
          res,
          cookie(GUEST_COOKIE, newGuestPass(config.secret, config.sessionHours), {
            sameSite: 'Lax',
            maxAgeSeconds: config.sessionHours * 3600,
          }),
        );
        logger.info({ method: 'entra' }, 'web guest sign-in');
        res.header('Location', '/');
        res.send(302);
        return;
      }
      await startSession(res, officer, 'entra');
      logger.info({ method: 'entra' }, 'web sign-in');
      res.header('Location', '/');
      res.send(302);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'entra sign-in failed');
      fail(401, t.signInFailed);
    }
  });

  // Guests (signed in, not in the directory) ask policy questions; six a minute per pass.
  const guestLimit = new RateLimiter(6, 6);
  server.post(
    '/web/api/guest/ask',
    ...jsonBody,
    api(
      async (req, res) => {
        const pass = validGuestPass(config.secret, parseCookies(req.headers.cookie)[GUEST_COOKIE]);
        if (!pass) throw new HttpError(401, { error: 'signin', message: t.signInRequired });
        const question = String(bodyOf(req).text ?? '')
          .trim()
          .slice(0, 2000);
        if (!question) throw new HttpError(400, { error: 'empty', message: t.badRequest });
        const wait = guestLimit.take(pass);
        if (wait > 0) throw new HttpError(429, { error: 'rate_limited', message: core.outsiderRateLimited(wait), retryAfter: wait });
        json(res, 200, await guestAnswer(container.answerer, question, container.config.DIRECTORY_CONTACT));
      },
      { mutating: true },
    ),
  );

  // ---- the chat -----------------------------------------------------------------------------------------
  server.get('/web/api/events', async (req, res) => {
    let info: SessionInfo | undefined;
    try {
      info = await sessionOf(req);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'web events: session lookup failed');
    }
    if (!info) {
      json(res, 401, { error: 'signin', message: t.signInRequired });
      return;
    }
    const conversationId = webUserId(info.officer.id);
    // A reconnection names the last event it saw (Last-Event-ID); a fresh page that showed the history
    // names the last one it showed (?after=). Either way the catch-up is read from the table.
    const afterOf = (value: unknown) => {
      const n = Number(value);
      return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
    };
    const after =
      afterOf(req.headers['last-event-id']) ?? afterOf(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? undefined);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'content-security-policy': "default-src 'none'",
    });
    res.write('retry: 3000\n\n');
    let closed = false;
    let subscription: Awaited<ReturnType<typeof hub.subscribe>> | undefined;
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n');
      subscription?.touch().catch((err: Error) => logger.warn({ err: { message: err.message } }, 'web events: presence not refreshed'));
    }, 25_000);
    heartbeat.unref();
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      subscription?.close().catch(() => undefined);
    });
    try {
      subscription = await hub.subscribe(
        conversationId,
        (event) => {
          res.write(`${event.seq ? `id: ${event.seq}\n` : ''}event: ${event.kind}\ndata: ${JSON.stringify(event.activity)}\n\n`);
        },
        after,
      );
      if (closed) await subscription.close();
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'web events: stream could not open');
      clearInterval(heartbeat);
      res.end();
    }
  });

  // The chat as it was: the newest events, for a page that was reloaded (or a process that restarted).
  server.get(
    '/web/api/history',
    api(async (req, res) => {
      const { officer } = await requireSession(req);
      const events = await hub.history(webUserId(officer.id), 100);
      json(res, 200, { events: events.map((e) => ({ seq: e.seq, kind: e.kind, activity: e.activity })) });
    }),
  );

  server.post(
    '/web/api/start',
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        await runTurn(officer, {
          type: 'conversationUpdate',
          membersAdded: [{ id: WEB_BOT_ID, name: 'Trợ lý Đổi mới' }],
        });
        json(res, 200, { ok: true });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/messages',
    ...jsonBody,
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        const body = bodyOf(req);
        const text = typeof body.text === 'string' ? body.text : '';
        const value =
          body.value && typeof body.value === 'object' && !Array.isArray(body.value) ? (body.value as Record<string, unknown>) : undefined;
        if (!text.trim() && !value) throw new HttpError(400, { error: 'empty', message: t.badRequest });
        const result = await runTurn(officer, { type: 'message', text, ...(value ? { value } : {}) });
        // The replies are streamed; they are also returned, for clients without a stream.
        json(res, 200, { ok: true, replies: result.sent });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/invoke',
    ...jsonBody,
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        const body = bodyOf(req);
        const verb = typeof body.verb === 'string' ? body.verb.slice(0, 100) : '';
        if (!verb) throw new HttpError(400, { error: 'verb', message: t.badRequest });
        const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
        const shown = await invoke(officer, verb, data);
        // The browser shows a text answer only after the stream events that came before it (`seq`).
        json(res, 200, { ...shown, seq: await hub.log.lastSeq(webUserId(officer.id)) });
      },
      { mutating: true },
    ),
  );

  // Demo: a newcomer tries the signed link for a decision waiting on them, as Zalo would deliver it.
  server.get(
    '/web/api/demo/tasks',
    api(async (req, res) => {
      if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
      const { officer } = await requireSession(req);
      const tasks = await container.decisions.tasksFor(officer.id);
      json(res, 200, {
        tasks: tasks.map((x) => ({ proposalId: x.proposal.id, code: x.proposal.code, title: x.proposal.title, role: x.role })),
      });
    }),
  );

  server.post(
    '/web/api/demo/link',
    ...jsonBody,
    api(
      async (req, res) => {
        if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
        const { officer } = await requireSession(req);
        const proposalId = String(bodyOf(req).proposalId ?? '');
        const task = (await container.decisions.tasksFor(officer.id)).find((x) => x.proposal.id === proposalId);
        if (!task) throw new HttpError(404, { error: 'task', message: t.badRequest });
        const url = await mintDecisionLink({
          officerId: officer.id,
          proposalId,
          decisionId: task.decisionId,
          scope: task.role === 'voter' ? 'vote' : 'decide',
        });
        json(res, 200, { url: new URL(url).pathname });
      },
      { mutating: true },
    ),
  );

  // ---- the dashboard ------------------------------------------------------------------------------------
  const dashboardScope = async (req: restify.Request) => {
    const { officer } = await requireSession(req);
    const scope = await dashboards.scopeFor(officer);
    if (scope.kind === 'none') throw new HttpError(403, { error: 'forbidden', message: t.dashboardForbidden });
    return scope;
  };
  const yearOf = (req: restify.Request) => {
    const y = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('year'));
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
  };

  server.get(
    '/web/api/dashboard',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope, yearOf(req));
      json(res, 200, {
        ...dashboard,
        scopeText:
          scope.kind === 'province' ? t.dashboard.scopeProvince : t.dashboard.scopeUnits(scope.kind === 'units' ? scope.rootNames : []),
        labels: { status: DECISION_STATUS_LABELS, stage: t.dashboard.stageLabels, notAvailable: t.dashboard.notAvailable },
      });
    }),
  );

  server.get(
    '/web/api/dashboard/proposals.csv',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope);
      const body = Buffer.from(proposalsCsv(await dashboards.proposalRows(scope), dashboard.today), 'utf8');
      securityHeaders(res, config.secureCookies);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="de-xuat-${dashboard.today}.csv"`,
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      res.end(body);
    }),
  );

  server.get(
    '/web/api/dashboard/dashboard.xlsx',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope, yearOf(req));
      const body = await dashboardWorkbook(dashboard, await dashboards.proposalRows(scope));
      securityHeaders(res, config.secureCookies);
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="bang-theo-doi-${dashboard.today}.xlsx"`,
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      res.end(body);
    }),
  );
};

/** Changes when the officer acts on the proposal (an audited transition or a recorded vote). */
async function actionSnapshot(dataSource: DataSource, proposalId: string, officerId: string): Promise<string> {
  const rows = (await dataSource.query(
    `SELECT (SELECT count(*) FROM audit_event WHERE proposal_id = $1 AND actor_id = $2 AND action <> 'refused')::int AS audited,
            (SELECT count(*) FROM decision_vote v JOIN decision d ON d.id = v.decision_id
              WHERE d.proposal_id = $1 AND v.voter_id = $2 AND v.choice IS NOT NULL)::int AS voted`,
    [proposalId, officerId],
  )) as { audited: number; voted: number }[];
  const r = rows[0]!;
  return `${r.audited}/${r.voted}`;
}
