// The Zalo messages not delivered (held, failed, retrying, or waiting too long), with the officer and unit
// they were for: what the Department of Home Affairs reviews (CLI `zalo undelivered`).
import type { DataSource } from 'typeorm';
import type { ZaloOutboxChannel, ZaloOutboxStatus } from '../../entities/zalo-outbox.entity.js';
import { queryRows } from './zalo-sql.js';

export interface UndeliveredMessage {
  id: string;
  channel: ZaloOutboxChannel;
  status: ZaloOutboxStatus;
  officerId: string | null;
  officerName: string | null;
  officerEmail: string | null;
  unitName: string | null;
  attempts: number;
  lastErrorCode: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
}

/**
 * Messages not delivered: held for a closed window, failed, retrying after a failure, or waiting for more
 * than an hour (e.g. a channel switched off). For the
 * Department of Home Affairs (CLI `zalo undelivered`) and the integrator's admin views.
 */
export async function listUndeliveredZaloMessages(dataSource: DataSource, limit = 200): Promise<UndeliveredMessage[]> {
  const rows = await queryRows<Record<string, unknown>>(
    dataSource,
    `SELECT z.id, z.channel, z.status, COALESCE(z.officer_id, ca.officer_id) AS officer_id, o.full_name, o.email, u.name AS unit_name,
            z.attempts, z.last_error_code, z.last_error, z.created_at, z.next_attempt_at
     FROM zalo_outbox z
     LEFT JOIN channel_account ca ON ca.channel = z.channel AND ca.external_user_id = z.recipient_id
     LEFT JOIN officer o ON o.id = COALESCE(z.officer_id, ca.officer_id)
     LEFT JOIN unit u ON u.id = o.unit_id
     WHERE z.status IN ('held','failed')
        OR (z.status IN ('pending','sending') AND (z.last_error IS NOT NULL OR z.created_at < now() - interval '1 hour'))
     ORDER BY z.created_at
     LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    channel: r.channel as ZaloOutboxChannel,
    status: r.status as ZaloOutboxStatus,
    officerId: (r.officer_id as string | null) ?? null,
    officerName: (r.full_name as string | null) ?? null,
    officerEmail: (r.email as string | null) ?? null,
    unitName: (r.unit_name as string | null) ?? null,
    attempts: Number(r.attempts),
    lastErrorCode: r.last_error_code === null ? null : Number(r.last_error_code),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as Date,
    nextAttemptAt: r.next_attempt_at as Date,
  }));
}
