// The OA token pair in the database, encrypted at rest. Bootstrapped once from configuration; refreshed
// ahead of expiry by one process at a time (a lease on the row, no long transaction: PGlite has a single
// connection); the new pair is persisted before it is used, because Zalo's refresh tokens are single-use.
import type { DataSource } from 'typeorm';
import { logger } from '../platform/logger.js';
import { recordZaloApiError } from '../platform/metrics.js';
import { decryptSecret, encryptSecret } from './zalo-crypto.js';
import type { ZaloOaConfig } from './zalo-config.js';
import { httpPost } from './zalo-http.js';
import { queryRows } from './zalo-sql.js';

/** Refresh when fewer than this many ms remain (tokens live 25 h). */
export const REFRESH_AHEAD_MS = 15 * 60 * 1000;
const REFRESH_LEASE_SECONDS = 30;
const WAIT_FOR_OTHER_REFRESH_MS = 20_000;

export interface AccessToken {
  token: string;
  version: number;
}

export class ZaloTokenError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ZaloTokenError';
  }
}

interface TokenRow {
  access_token_enc: string;
  refresh_token_enc: string;
  expires_at: Date | null;
  version: number;
  lease_free: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ZaloTokenStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ZaloOaConfig,
  ) {}

  private ctx(field: string): string {
    return `zalo_oa_token:${this.config.appId}:${field}`;
  }

  /** Writes the configured pair when the database has none yet (the database wins afterwards: tokens rotate). */
  async bootstrap(): Promise<boolean> {
    if (!this.config.bootstrapAccessToken || !this.config.bootstrapRefreshToken) return false;
    const rows = await queryRows(
      this.dataSource,
      `INSERT INTO zalo_oa_token (app_id, access_token_enc, refresh_token_enc, expires_at)
       VALUES ($1, $2, $3, NULL) ON CONFLICT (app_id) DO NOTHING RETURNING app_id`,
      [
        this.config.appId,
        encryptSecret(this.config.encryptionKey, this.config.bootstrapAccessToken, this.ctx('access')),
        encryptSecret(this.config.encryptionKey, this.config.bootstrapRefreshToken, this.ctx('refresh')),
      ],
    );
    return rows.length > 0;
  }

  private async read(): Promise<TokenRow | undefined> {
    const [row] = await queryRows<TokenRow>(
      this.dataSource,
      `SELECT access_token_enc, refresh_token_enc, expires_at, version,
              (refresh_lease_until IS NULL OR refresh_lease_until < now()) AS lease_free
       FROM zalo_oa_token WHERE app_id = $1`,
      [this.config.appId],
    );
    return row;
  }

  /** A usable access token, refreshed first when it expires soon. */
  async accessToken(): Promise<AccessToken> {
    let row = await this.read();
    if (!row) {
      await this.bootstrap();
      row = await this.read();
      if (!row) throw new ZaloTokenError('no OA token: set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN');
    }
    const current = { token: decryptSecret(this.config.encryptionKey, row.access_token_enc, this.ctx('access')), version: row.version };
    if (row.expires_at && row.expires_at.getTime() - Date.now() < REFRESH_AHEAD_MS) {
      try {
        return await this.refresh(row.version);
      } catch (err) {
        // Refreshing ahead failed (OAuth down): the current token still works until it expires.
        if (row.expires_at.getTime() > Date.now()) return current;
        throw err;
      }
    }
    return current;
  }

  /**
   * Refreshes the pair unless someone already did since `seenVersion`. One process at a time: the others
   * wait for the new version and use it.
   */
  async refresh(seenVersion: number): Promise<AccessToken> {
    const deadline = Date.now() + WAIT_FOR_OTHER_REFRESH_MS;
    for (;;) {
      const claimed = await queryRows<{ refresh_token_enc: string; version: number }>(
        this.dataSource,
        `UPDATE zalo_oa_token SET refresh_lease_until = now() + make_interval(secs => $3::int)
         WHERE app_id = $1 AND version = $2 AND (refresh_lease_until IS NULL OR refresh_lease_until < now())
         RETURNING refresh_token_enc, version`,
        [this.config.appId, seenVersion, REFRESH_LEASE_SECONDS],
      );
      if (claimed.length) return this.refreshClaimed(claimed[0].refresh_token_enc, claimed[0].version);
      const row = await this.read();
      if (!row) throw new ZaloTokenError('no OA token to refresh');
      if (row.version !== seenVersion) {
        return { token: decryptSecret(this.config.encryptionKey, row.access_token_enc, this.ctx('access')), version: row.version };
      }
      if (Date.now() > deadline) throw new ZaloTokenError('another process holds the refresh lease');
      await sleep(200);
    }
  }

  private async refreshClaimed(refreshEnc: string, version: number): Promise<AccessToken> {
    try {
      const refreshToken = decryptSecret(this.config.encryptionKey, refreshEnc, this.ctx('refresh'));
      const form = new URLSearchParams({ refresh_token: refreshToken, app_id: this.config.appId, grant_type: 'refresh_token' }).toString();
      const answer = await httpPost(
        `${this.config.oauthBaseUrl}/v4/oa/access_token`,
        { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.config.appSecret },
        form,
      );
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(answer.body) as Record<string, unknown>;
      } catch {
        throw new ZaloTokenError(`token refresh answered HTTP ${answer.status} without JSON`);
      }
      const access = body.access_token;
      const refresh = body.refresh_token;
      if (typeof access !== 'string' || !access || typeof refresh !== 'string' || !refresh) {
        const code = typeof body.error === 'number' ? body.error : Number(body.error);
        throw new ZaloTokenError(
          `token refresh refused (${String(body.error_name ?? body.error ?? answer.status)})`,
          Number.isFinite(code) ? code : undefined,
        );
      }
      // expires_in comes as a string of seconds ("90000").
      const seconds = Number.parseInt(String(body.expires_in ?? ''), 10);
      const expiresIn = Number.isFinite(seconds) && seconds > 0 ? seconds : 25 * 3600;
      const saved = await queryRows<{ version: number }>(
        this.dataSource,
        `UPDATE zalo_oa_token SET access_token_enc = $2, refresh_token_enc = $3,
           expires_at = now() + make_interval(secs => $4::int), version = version + 1,
           refresh_lease_until = NULL, refreshed_at = now(), updated_at = now()
         WHERE app_id = $1 AND version = $5 RETURNING version`,
        [
          this.config.appId,
          encryptSecret(this.config.encryptionKey, access, this.ctx('access')),
          encryptSecret(this.config.encryptionKey, refresh, this.ctx('refresh')),
          expiresIn,
          version,
        ],
      );
      if (!saved.length) throw new ZaloTokenError('token row changed during refresh');
      logger.info({ appVersion: saved[0].version }, 'zalo OA token refreshed');
      return { token: access, version: saved[0].version };
    } catch (err) {
      recordZaloApiError('oauth', err instanceof ZaloTokenError && err.code !== undefined ? err.code : 0);
      logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo OA token refresh failed');
      await this.dataSource
        .query(`UPDATE zalo_oa_token SET refresh_lease_until = NULL WHERE app_id = $1 AND version = $2`, [this.config.appId, version])
        .catch(() => undefined);
      throw err;
    }
  }
}
