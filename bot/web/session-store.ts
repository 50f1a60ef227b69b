// Browser sessions in the database: the cookie carries 256 random bits; the table holds their SHA-256.
// Sliding expiry is not used: a session ends after WEB_SESSION_HOURS, or on sign-out.
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { WebSession, type WebLoginMethod } from '../../entities/web-session.entity.js';
import { hashSecret } from '../../services/web-links/decision-link-service.js';

export interface SessionInfo {
  session: WebSession;
  officer: Officer;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
// Writing last_seen_at on every request would cost a write per request.
const TOUCH_EVERY_MS = 5 * 60_000;

export class SessionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hours: number,
    /** Whether this process runs in demo mode: a demo sign-in is worth nothing outside it. */
    private readonly demo: boolean,
  ) {}

  async create(officerId: string, method: WebLoginMethod): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.hours * 3_600_000);
    await this.dataSource.query(`INSERT INTO web_session (token_hash, officer_id, method, expires_at) VALUES ($1, $2, $3, $4)`, [
      hashSecret(token),
      officerId,
      method,
      expiresAt,
    ]);
    // Housekeeping: expired sessions are of no use to anyone.
    await this.dataSource.query(`DELETE FROM web_session WHERE expires_at < now() - interval '1 day'`);
    return { token, expiresAt };
  }

  async get(token: string | undefined): Promise<SessionInfo | undefined> {
    if (!token || !TOKEN_PATTERN.test(token)) return undefined;
    const session = await this.dataSource
      .getRepository(WebSession)
      .findOne({ where: { tokenHash: hashSecret(token) }, relations: { officer: true } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now() || !session.officer?.active) return undefined;
    // A session made by the demo sign-in (pick any officer) must not survive a switch to production.
    if (session.method === 'demo' && !this.demo) return undefined;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query(`UPDATE web_session SET last_seen_at = now() WHERE id = $1`, [session.id]);
    }
    return { session, officer: session.officer };
  }

  async revoke(token: string | undefined): Promise<void> {
    if (!token || !TOKEN_PATTERN.test(token)) return;
    await this.dataSource.query(`UPDATE web_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [
      hashSecret(token),
    ]);
  }
}
