// Download links for generated documents: unguessable and bound to one proposal and revision. A link is
// `<base>/files/plan/<token>` where the token is base64url(JSON {p: proposalId, r: revision, e: expiry})
// + '.' + base64url(HMAC-SHA256(payload)). The secret comes from env FILE_LINK_SECRET (set it in
// production, at least 32 characters, the same on every instance so links survive restarts); without it
// a random secret is drawn per process (demo, tests): links then stop working after a restart, and the
// officer asks for a new one with "đề xuất của tôi".
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const FILE_LINK_TTL_HOURS = 72;

let processSecret: Buffer | undefined;

function secret(): Buffer {
  const configured = process.env.FILE_LINK_SECRET?.trim();
  if (configured) return Buffer.from(configured, 'utf8');
  processSecret ??= randomBytes(32);
  return processSecret;
}

export interface PlanLinkClaims {
  proposalId: string;
  revision: number;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

function sign(payload: string): string {
  return createHmac('sha256', secret()).update(payload).digest('base64url');
}

export function createPlanToken(proposalId: string, revision: number, now = Date.now(), ttlHours = FILE_LINK_TTL_HOURS): string {
  const payload = Buffer.from(JSON.stringify({ p: proposalId, r: revision, e: now + ttlHours * 3_600_000 }), 'utf8').toString('base64url');
  return `${payload}.${sign(payload)}`;
}

/** The claims of a valid, unexpired token; undefined for anything else. */
export function verifyPlanToken(token: string, now = Date.now()): PlanLinkClaims | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 1000) return undefined;
  const expected = Buffer.from(sign(payload), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; r?: unknown; e?: unknown };
    if (typeof claims.p !== 'string' || typeof claims.r !== 'number' || typeof claims.e !== 'number') return undefined;
    if (claims.e < now) return undefined;
    return { proposalId: claims.p, revision: claims.r, expiresAt: claims.e };
  } catch {
    return undefined;
  }
}

export const PLAN_FILE_ROUTE = '/files/plan/:token';

export function planFilePath(token: string): string {
  return `/files/plan/${token}`;
}
