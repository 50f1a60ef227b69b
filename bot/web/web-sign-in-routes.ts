// Signing in: the session, the demo sign-in, sign-out, Microsoft Entra ID (OpenID Connect), and the guest pass of someone not in the directory.
import type restify from 'restify';
import { Officer } from '../../entities/officer.entity.js';
import { logger } from '../../services/platform/logger.js';
import { web as t } from '../../services/platform/messages/web.js';
import { emailsOf } from './entra-oidc.js';
import { GUEST_COOKIE, guestAnswer, newGuestPass, validGuestPass } from './web-guest.js';
import { core } from '../../services/platform/messages/index.js';
import { clientIp, COOKIE, parseCookies, RateLimiter, securityHeaders, setCookie } from './web-security.js';
import { HttpError, type WebKit } from './web-kit.js';

export function registerSignInRoutes(server: restify.Server, kit: WebKit): void {
  const {
    container,
    jsonBody,
    config,
    sessions,
    ds,
    dashboards,
    oidc,
    loginLimit,
    cookie,
    json,
    api,
    sessionOf,
    bodyOf,
    startSession,
    officerView,
  } = kit;
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
}
