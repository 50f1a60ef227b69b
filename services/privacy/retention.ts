// Retention of conversation data: botbuilder state (dialog position, wizard step, user state) not
// touched for RETENTION_DAYS_CLOSED_CONVERSATIONS days is deleted, and so are Zalo webhook bodies
// already processed that long ago and web chat events (the history a reloaded page shows) that old. Proposals, decisions and the audit log are official records and
// are not affected. Run daily by `npm run cli -- privacy purge` (a Kubernetes CronJob in deployment/).
import type { DataSource } from 'typeorm';
import { z } from 'zod/v4';
import { tableExists } from './personal-data.js';

const retentionEnvSchema = z.object({
  RETENTION_DAYS_CLOSED_CONVERSATIONS: z.coerce.number().int().min(1).max(3650).default(180),
});

export interface RetentionConfig {
  days: number;
}

export function loadRetentionConfig(source: NodeJS.ProcessEnv = process.env): RetentionConfig {
  const parsed = retentionEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Cấu hình không hợp lệ:\n  - RETENTION_DAYS_CLOSED_CONVERSATIONS: số ngày nguyên từ 1 đến 3650`);
  }
  return { days: parsed.data.RETENTION_DAYS_CLOSED_CONVERSATIONS };
}

export interface PurgeResult {
  days: number;
  conversationState: number;
  zaloInbox: number;
  webEvents: number;
}

/** Deletes conversation data older than `days`; `dryRun` only counts. */
export async function purgeExpiredConversations(dataSource: DataSource, days: number, { dryRun = false } = {}): Promise<PurgeResult> {
  if (!Number.isInteger(days) || days < 1) throw new Error('days must be a positive integer');
  return dataSource.transaction(async (manager) => {
    const stateSql = dryRun
      ? `SELECT count(*)::int AS n FROM bot_state WHERE updated_at < now() - make_interval(days => $1)`
      : `WITH gone AS (DELETE FROM bot_state WHERE updated_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone`;
    const state: { n: number }[] = await manager.query(stateSql, [days]);
    let zaloInbox = 0;
    if (await tableExists(manager, 'zalo_inbox')) {
      const inboxWhere = `status IN ('done','ignored','failed') AND received_at < now() - make_interval(days => $1)`;
      const inboxSql = dryRun
        ? `SELECT count(*)::int AS n FROM zalo_inbox WHERE ${inboxWhere}`
        : `WITH gone AS (DELETE FROM zalo_inbox WHERE ${inboxWhere} RETURNING 1) SELECT count(*)::int AS n FROM gone`;
      const rows: { n: number }[] = await manager.query(inboxSql, [days]);
      zaloInbox = Number(rows[0]?.n ?? 0);
    }
    let webEvents = 0;
    if (await tableExists(manager, 'web_event')) {
      const webSql = dryRun
        ? `SELECT count(*)::int AS n FROM web_event WHERE created_at < now() - make_interval(days => $1)`
        : `WITH gone AS (DELETE FROM web_event WHERE created_at < now() - make_interval(days => $1) RETURNING 1) SELECT count(*)::int AS n FROM gone`;
      const rows: { n: number }[] = await manager.query(webSql, [days]);
      webEvents = Number(rows[0]?.n ?? 0);
      if (!dryRun) await manager.query(`DELETE FROM web_presence WHERE expires_at < now()`);
    }
    return { days, conversationState: Number(state[0]?.n ?? 0), zaloInbox, webEvents };
  });
}
