// Claiming outbox rows before sending them: an UPDATE … RETURNING that pushes next_attempt_at ahead, so
// another process skips the rows while this one sends them, and returns the rows themselves (no second
// read). Without `retryAt`, only fresh rows (pending, never tried); with it, any pending or failed row
// whose next attempt is due by then.
import type { DataSource } from 'typeorm';
import { NotificationOutbox } from '../../entities/notification-outbox.entity.js';

export async function claimRows(ds: DataSource, ids: readonly string[], retryAt: Date | null): Promise<NotificationOutbox[]> {
  if (!ids.length) return [];
  const result = (await ds.query(
    `UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes'
     WHERE id = ANY($1::bigint[]) AND state IN ('pending','failed')
       ${retryAt ? 'AND (next_attempt_at IS NULL OR next_attempt_at <= $2)' : "AND (state = 'pending' AND attempts = 0)"}
     RETURNING id, officer_id, proposal_id, kind, payload, dedupe_key, state, attempts, created_at`,
    retryAt ? [ids, retryAt] : [ids],
  )) as unknown;
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
  const repo = ds.getRepository(NotificationOutbox);
  const claimed = rows.map((r) =>
    repo.create({
      id: String(r.id),
      officerId: r.officer_id as string,
      proposalId: (r.proposal_id as string | null) ?? null,
      kind: r.kind as string,
      payload: r.payload as Record<string, unknown>,
      dedupeKey: (r.dedupe_key as string | null) ?? null,
      state: r.state as NotificationOutbox['state'],
      attempts: Number(r.attempts),
      createdAt: r.created_at as Date,
    }),
  );
  // In the order asked (the outbox's order is the order things happened).
  const order = new Map(ids.map((id, i) => [String(id), i]));
  return claimed.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
