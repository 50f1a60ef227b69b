// The signed one-time decision links: open a link, act through it (rate limited per address and per token; a link bound to the first browser that opens it).
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { DECISION_VERBS } from '../decision/decision-card.js';
import { logger } from '../../services/platform/logger.js';
import { web as t } from '../../services/platform/messages/web.js';
import type { DataSource } from 'typeorm';
import { clientIp, COOKIE, parseCookies, setCookie } from './web-security.js';
import { LINK_VERBS, HttpError, type WebKit } from './web-kit.js';

export function registerLinkRoutes(server: restify.Server, kit: WebKit): void {
  const { jsonBody, config, links, ds, perIp, perToken, cookie, json, api, sessionOf, bodyOf, ensureWebAccount, invoke, officerView } = kit;
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
}

/** Changes when the officer acts on the proposal (an audited transition or a recorded vote). */
async function actionSnapshot(dataSource: DataSource, proposalId: string, officerId: string): Promise<string> {
  const rows = (await dataSource.query(
    `SELECT (SELECT count(*) FROM audit_event WHERE proposal_id = $1 AND actor_id = $2 AND action <> 'refused')::int AS audited,
            (SELECT count(*) FROM collective_vote v JOIN decision d ON v.subject_kind = 'decision' AND d.id = v.subject_id
              WHERE d.proposal_id = $1 AND v.voter_id = $2 AND v.choice IS NOT NULL)::int AS voted`,
    [proposalId, officerId],
  )) as { audited: number; voted: number }[];
  const r = rows[0]!;
  return `${r.audited}/${r.voted}`;
}
