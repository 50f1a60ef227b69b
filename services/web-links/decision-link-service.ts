// Signed one-time decision links: when a decider or voter can only be reached by a link (the Zalo window
// has closed, or they prefer it), the notifier mints one. The token is 256 random bits, sent once and
// stored only as its SHA-256 hash, with the person, the proposal, the scope (decide or vote), the expiry
// and, once acted upon, the time and action.
//
// Bound to the person: a link opens for
//  - a signed-in web session of that same officer (any browser), or
//  - without a session, the first browser that opens it: a random httpOnly cookie is bound to the link
//    (its hash stored). Another browser presenting the link is refused as forwarded, and the refusal is
//    counted. A web session of a different officer is refused too.
// One-time: the first action that changes the decision consumes the link; a used, expired or revoked link
// is refused with a clear message. Issuing a new link for the same person, proposal and scope revokes the
// older unused ones.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DecisionLink, type DecisionLinkScope } from '../../entities/decision-link.entity.js';
import { Officer } from '../../entities/officer.entity.js';

export type LinkRefusal = 'not_found' | 'expired' | 'used' | 'revoked' | 'forwarded' | 'other_person' | 'inactive';

export type LinkCheck =
  { ok: true; link: DecisionLink; officer: Officer; via: 'session' | 'browser' } | { ok: false; reason: LinkRefusal; link?: DecisionLink };

export interface IssueRequest {
  officerId: string;
  proposalId: string;
  decisionId?: string | null;
  scope: DecisionLinkScope;
  /** Overrides the service's lifetime (hours). */
  ttlHours?: number;
}

export interface IssuedLink {
  token: string;
  linkId: string;
  expiresAt: Date;
}

/** Tokens are 43 base64url characters. Anything else is not looked up. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export class DecisionLinkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { ttlHours: number; now?: () => Date } = { ttlHours: 72 },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async issue(request: IssueRequest): Promise<IssuedLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + (request.ttlHours ?? this.options.ttlHours) * 3_600_000);
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE decision_link SET revoked_at = now()
         WHERE officer_id = $1 AND proposal_id = $2 AND scope = $3 AND used_at IS NULL AND revoked_at IS NULL`,
        [request.officerId, request.proposalId, request.scope],
      );
      const rows = (await m.query(
        `INSERT INTO decision_link (token_hash, officer_id, proposal_id, decision_id, scope, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [hashSecret(token), request.officerId, request.proposalId, request.decisionId ?? null, request.scope, expiresAt],
      )) as { id: string }[];
      return { token, linkId: String(rows[0]!.id), expiresAt };
    });
  }

  /** A link's row by its token, whatever its state. */
  async find(token: string): Promise<DecisionLink | null> {
    if (!LINK_TOKEN_PATTERN.test(token)) return null;
    return this.dataSource.getRepository(DecisionLink).findOneBy({ tokenHash: hashSecret(token) });
  }

  /**
   * May this browser use the link? `browserSecret` is the value of the browser's binding cookie;
   * `sessionOfficerId` the officer of its web session, if any. The first browser without a session binds.
   */
  async check(token: string, browserSecret: string | undefined, sessionOfficerId?: string | null): Promise<LinkCheck> {
    const link = await this.find(token);
    if (!link) return { ok: false, reason: 'not_found' };
    if (link.revokedAt) return { ok: false, reason: 'revoked', link };
    if (link.usedAt) return { ok: false, reason: 'used', link };
    if (link.expiresAt.getTime() <= this.now().getTime()) return { ok: false, reason: 'expired', link };
    const officer = await this.dataSource.getRepository(Officer).findOneBy({ id: link.officerId });
    if (!officer || !officer.active) return { ok: false, reason: 'inactive', link };

    if (sessionOfficerId) {
      if (sessionOfficerId !== link.officerId) return this.refuse(link, 'other_person');
      if (!link.openedAt)
        await this.dataSource.query(`UPDATE decision_link SET opened_at = now() WHERE id = $1 AND opened_at IS NULL`, [link.id]);
      return { ok: true, link, officer, via: 'session' };
    }
    if (!browserSecret) return this.refuse(link, 'forwarded');
    const hash = hashSecret(browserSecret);
    if (!link.browserHash) {
      // The first browser wins, even when two open the link at the same moment.
      const bound = (await this.dataSource.query(
        `UPDATE decision_link SET browser_hash = $2, opened_at = COALESCE(opened_at, now())
         WHERE id = $1 AND browser_hash IS NULL RETURNING id`,
        [link.id, hash],
      )) as unknown;
      const rows = (Array.isArray(bound) && Array.isArray(bound[0]) ? bound[0] : bound) as unknown[];
      if (rows.length) {
        link.browserHash = hash;
        return { ok: true, link, officer, via: 'browser' };
      }
      const fresh = await this.dataSource.getRepository(DecisionLink).findOneByOrFail({ id: link.id });
      link.browserHash = fresh.browserHash;
    }
    if (link.browserHash !== hash) return this.refuse(link, 'forwarded');
    return { ok: true, link, officer, via: 'browser' };
  }

  private async refuse(link: DecisionLink, reason: LinkRefusal): Promise<LinkCheck> {
    await this.dataSource.query(`UPDATE decision_link SET refused_count = refused_count + 1 WHERE id = $1`, [link.id]);
    return { ok: false, reason, link };
  }

  /** Marks the link used by `action`; false when another request used it first. */
  async consume(linkId: string, action: string): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE decision_link SET used_at = now(), used_action = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [linkId, action.slice(0, 64)],
    )) as unknown;
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as unknown[];
    return rows.length > 0;
  }

  /** Revokes the unused links of a proposal (e.g. once it is decided through another channel). */
  async revokeForProposal(proposalId: string, officerId?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE decision_link SET revoked_at = now() WHERE proposal_id = $1 AND used_at IS NULL AND revoked_at IS NULL ${officerId ? 'AND officer_id = $2' : ''}`,
      officerId ? [proposalId, officerId] : [proposalId],
    );
  }
}

/** What the notifier calls to put a link into a message: returns the absolute URL to send. */
export type DecisionLinkMinter = (request: IssueRequest) => Promise<string>;

export function decisionLinkPath(token: string): string {
  return `/d/${token}`;
}

export function createDecisionLinkMinter(service: DecisionLinkService, baseUrl: string): DecisionLinkMinter {
  const base = baseUrl.replace(/\/+$/, '');
  return async (request) => {
    const { token } = await service.issue(request);
    return `${base}${decisionLinkPath(token)}`;
  };
}
