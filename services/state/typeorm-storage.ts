// botbuilder Storage on PostgreSQL through TypeORM, with optimistic concurrency on eTags:
// a write carrying an eTag succeeds only if the row still has that eTag, checked in one statement.
import type { Storage, StoreItems } from 'botbuilder';
import type { DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import { hydrate } from '../../entities/hydrate.js';
import { Officer } from '../../entities/officer.entity.js';

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export class TypeOrmStorage implements Storage {
  constructor(private readonly dataSource: DataSource) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows: { key: string; data: Record<string, unknown>; etag: string }[] = await this.dataSource.query(
      'SELECT key, data, etag FROM bot_state WHERE key = ANY($1)',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.data, eTag: String(row.etag) };
    return items;
  }

  /**
   * The turn's state and who writes it (their channel account with its officer, null when none) in one
   * round trip: every turn needs both before it can do anything.
   */
  async readWithAccount(
    keys: string[],
    channel: string,
    externalUserId: string,
  ): Promise<{ items: StoreItems; account: ChannelAccount | null }> {
    const rows: {
      key: string | null;
      data: Record<string, unknown>;
      etag: string;
      account: Record<string, unknown> | null;
      officer: Record<string, unknown> | null;
    }[] = await this.dataSource.query(
      `SELECT key, data, etag, NULL::jsonb AS account, NULL::jsonb AS officer FROM bot_state WHERE key = ANY($1)
         UNION ALL
         SELECT NULL, NULL, NULL, to_jsonb(a), to_jsonb(o)
           FROM channel_account a JOIN officer o ON o.id = a.officer_id WHERE a.channel = $2 AND a.external_user_id = $3`,
      [keys, channel, externalUserId],
    );
    const items: StoreItems = {};
    let account: ChannelAccount | null = null;
    for (const row of rows) {
      if (row.key !== null) items[row.key] = { ...row.data, eTag: String(row.etag) };
      else if (row.account && row.officer) {
        account = hydrate(this.dataSource, ChannelAccount, row.account);
        account.officer = hydrate(this.dataSource, Officer, row.officer);
      }
    }
    return { items, account };
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as Record<string, unknown>;
      const json = JSON.stringify(data);
      if (eTag === undefined || eTag === null || eTag === '*') {
        // Last writer wins, as botbuilder's own storages do for items without an eTag.
        await this.dataSource.query(
          `INSERT INTO bot_state (key, data, etag) VALUES ($1, $2::jsonb, 1)
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = bot_state.etag + 1, updated_at = now()`,
          [key, json],
        );
        continue;
      }
      const expected = Number(eTag);
      if (!Number.isSafeInteger(expected)) throw new ETagConflictError(key);
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO bot_state (key, data, etag) VALUES ($1, $2::jsonb, $3 + 1)
         ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = bot_state.etag + 1, updated_at = now()
           WHERE bot_state.etag = $3
         RETURNING etag`,
        [key, json, expected],
      );
      if (rows.length === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
