// Who a Zalo notice did not reach: messages held because the person unfollowed the OA (-213), after
// another channel was tried. Shown on the sender's side ("chưa đến
// được người nhận trên Zalo") until the held messages go out on re-follow or the person's next message.
import type { DataSource, EntityManager } from 'typeorm';

export async function notReachedOnZalo(source: DataSource | EntityManager, officerIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(officerIds)];
  if (!ids.length) return new Set();
  const rows = (await source.query(
    `SELECT DISTINCT officer_id FROM zalo_outbox WHERE status = 'held' AND last_error_code = -213 AND officer_id = ANY($1::uuid[])`,
    [ids],
  )) as { officer_id: string }[];
  return new Set(rows.map((r) => r.officer_id));
}
