// Linking a Zalo account to an officer with a short-lived, single-use code issued on Teams or by the CLI.
// Only the code's SHA-256 is stored; failed attempts are rate-limited per Zalo user. Nothing a user types
// about themselves (phone, email, name) is ever taken as proof.
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { IdentityService } from '../directory/identity-service.js';
import { sha256Hex } from './zalo-crypto.js';
import { queryRows } from './zalo-sql.js';

/** No 0/O, 1/I/L: codes are read off one screen and typed on a phone. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MINUTES = 15;

export type RedeemResult =
  | { status: 'linked'; officer: Officer }
  | { status: 'invalid' }
  | { status: 'inactive' }
  | { status: 'rate_limited'; retryMinutes: number };

export function normaliseLinkCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export function looksLikeLinkCode(input: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LINK_CODE_LENGTH}}$`).test(normaliseLinkCode(input));
}

export class ZaloLinkService {
  private readonly identity: IdentityService;

  constructor(
    private readonly dataSource: DataSource,
    identity?: IdentityService,
  ) {
    this.identity = identity ?? new IdentityService(dataSource);
  }

  /** A new code for the officer; any earlier unused code of theirs stops working. */
  async issue(officerId: string, ttlMinutes: number): Promise<string> {
    for (;;) {
      const code = Array.from({ length: LINK_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const inserted = await this.dataSource.transaction(async (m) => {
        await m.query(`UPDATE zalo_link_code SET expires_at = now() WHERE officer_id = $1 AND used_at IS NULL AND expires_at > now()`, [
          officerId,
        ]);
        const rows: unknown[] = await m.query(
          `INSERT INTO zalo_link_code (officer_id, code_hash, expires_at)
           VALUES ($1, $2, now() + make_interval(mins => $3::int))
           ON CONFLICT (code_hash) DO NOTHING RETURNING id`,
          [officerId, sha256Hex(code), ttlMinutes],
        );
        return rows.length > 0;
      });
      if (inserted) return code;
    }
  }

  /** `conversationReference`: where proactive messages reach this Zalo user from now on. */
  async redeem(
    channel: ZaloChannel,
    userId: string,
    typedCode: string,
    conversationReference?: Record<string, unknown>,
  ): Promise<RedeemResult> {
    const [{ failed }] = await this.dataSource.query(
      `SELECT count(*)::int AS failed FROM zalo_link_attempt
       WHERE channel = $1 AND user_id = $2 AND NOT succeeded
         AND attempted_at > now() - make_interval(mins => $3::int)`,
      [channel, userId, ATTEMPT_WINDOW_MINUTES],
    );
    if (failed >= MAX_FAILED_ATTEMPTS) return { status: 'rate_limited', retryMinutes: ATTEMPT_WINDOW_MINUTES };

    const code = normaliseLinkCode(typedCode);
    const used = looksLikeLinkCode(code)
      ? await queryRows<{ officer_id: string }>(
          this.dataSource,
          `UPDATE zalo_link_code SET used_at = now(), used_by_channel = $2, used_by_user_id = $3
           WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING officer_id`,
          [sha256Hex(code), channel, userId],
        )
      : [];
    await this.dataSource.query(`INSERT INTO zalo_link_attempt (channel, user_id, succeeded) VALUES ($1, $2, $3)`, [
      channel,
      userId,
      used.length > 0,
    ]);
    if (!used.length) return { status: 'invalid' };
    const officer = await this.dataSource.getRepository(Officer).findOneBy({ id: used[0].officer_id });
    if (!officer || !officer.active) return { status: 'inactive' };
    await this.identity.link(officer, { channel, externalUserId: userId, conversationReference });
    return { status: 'linked', officer };
  }
}
