// Download links for generated documents: unguessable and bound to one kind of document (plan, written
// decision, evaluation conclusion, yearly report), one proposal (or unit) and revision. A link is
// `<base>/files/<kind>/<token>` where the token is the id, the revision and the expiry, signed with
// HMAC-SHA256 over the kind as well (see createFileToken): a plan link does not open /files/decision/.
// The secret is FILE_LINK_SECRET (required in production, at least 32 characters, the same on every
// replica so links work on all of them and survive restarts); in demo and development without it a random
// secret is drawn per process: links then stop working after a restart, and the officer asks for a new one
// with "đề xuất của tôi".
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const FILE_LINK_TTL_HOURS = 72;

/** The download routes; each accepts only tokens signed for its own kind. */
export type FileLinkKind = 'plan' | 'decision' | 'evaluation' | 'report';

export interface PlanLinkClaims {
  proposalId: string;
  revision: number;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

/** Signs and checks download tokens with one secret. */
export class FileLinkSigner {
  private readonly secret: Buffer;

  /** secret: FILE_LINK_SECRET; undefined draws a random one for this process (demo, development). */
  constructor(secret: string | undefined) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /**
   * `<proposal id, 32 hex>.<revision, base 36>.<expiry in ms, base 36>.<signature>`: short enough for the
   * router's path parameter limit (100 characters).
   */
  create(kind: FileLinkKind, proposalId: string, revision: number, now = Date.now(), ttlHours = FILE_LINK_TTL_HOURS): string {
    const payload = `${proposalId.replace(/-/g, '').toLowerCase()}.${revision.toString(36)}.${(now + ttlHours * 3_600_000).toString(36)}`;
    return `${payload}.${this.sign(kind, payload)}`;
  }

  /** The claims of a valid, unexpired token of this kind; undefined for anything else. */
  verify(kind: FileLinkKind, token: string, now = Date.now()): PlanLinkClaims | undefined {
    const m = /^([0-9a-f]{32})\.([0-9a-z]{1,6})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!m) return undefined;
    const expected = Buffer.from(this.sign(kind, `${m[1]}.${m[2]}.${m[3]}`), 'utf8');
    const given = Buffer.from(m[4]!, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const expiresAt = parseInt(m[3]!, 36);
    if (!(expiresAt >= now)) return undefined;
    const hex = m[1]!;
    const proposalId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { proposalId, revision: parseInt(m[2]!, 36), expiresAt };
  }

  /** 24 bytes (192 bits) of HMAC-SHA256 over the kind and the payload, base64url: 32 characters. */
  private sign(kind: FileLinkKind, payload: string): string {
    return createHmac('sha256', this.secret).update(`${kind}:${payload}`).digest().subarray(0, 24).toString('base64url');
  }
}

export const PLAN_FILE_ROUTE = '/files/plan/:token';

export function planFilePath(token: string): string {
  return `/files/plan/${token}`;
}
