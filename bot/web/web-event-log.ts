// The web chat's events in PostgreSQL: what a browser was sent (so a stream that reconnects to any replica
// catches up by Last-Event-ID, and a reloaded page shows the history), and the presence rows of open
// streams (so every replica knows whether a browser is there to receive a proactive message).
import type { Activity } from 'botbuilder';
import type { DataSource } from 'typeorm';

export type StoredKind = 'activity' | 'update' | 'user';

export interface StoredWebEvent {
  seq: number;
  kind: StoredKind;
  activity: Partial<Activity>;
}

/** A stream's presence outlives a missed heartbeat or two, not a crashed replica for long. */
export const PRESENCE_TTL_SECONDS = 75;
/** Events kept per conversation beyond the retention period's purge; older ones go first. */
export const EVENTS_KEPT_PER_CONVERSATION = 1000;

type Row = { seq: string | number; kind: StoredKind; activity: Partial<Activity> | string };
const toEvent = (r: Row): StoredWebEvent => ({
  seq: Number(r.seq),
  kind: r.kind,
  activity: typeof r.activity === 'string' ? (JSON.parse(r.activity) as Partial<Activity>) : r.activity,
});

export class WebEventLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores one event. Under a per-conversation transaction lock, so that within a conversation the
   * sequence numbers commit in order: a reader that saw seq N never finds N-1 appearing later.
   */
  async append(conversationId: string, kind: StoredKind, activity: Partial<Activity>): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('web_event:' || $1))`, [conversationId]);
      const [row] = (await m.query(`INSERT INTO web_event (conversation_id, kind, activity) VALUES ($1, $2, $3::jsonb) RETURNING seq`, [
        conversationId,
        kind,
        JSON.stringify(activity),
      ])) as { seq: string }[];
      const seq = Number(row!.seq);
      // Bounded: now and then, drop what is beyond the newest events of this conversation.
      if (seq % 100 === 0) {
        await m.query(
          `DELETE FROM web_event WHERE conversation_id = $1 AND seq < (SELECT seq FROM web_event WHERE conversation_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1)`,
          [conversationId, EVENTS_KEPT_PER_CONVERSATION - 1],
        );
      }
      return seq;
    });
  }

  /** Events for the stream (not the officer's own words) after `seq`, oldest first. */
  async after(conversationId: string, seq: number, limit = 200): Promise<StoredWebEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, kind, activity FROM web_event WHERE conversation_id = $1 AND seq > $2 AND kind <> 'user' ORDER BY seq LIMIT $3`,
      [conversationId, seq, limit],
    )) as Row[];
    return rows.map(toEvent);
  }

  /** The newest `limit` events of the conversation, oldest first (the history of a reloaded page). */
  async recent(conversationId: string, limit: number): Promise<StoredWebEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, kind, activity FROM (SELECT seq, kind, activity FROM web_event WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) r ORDER BY seq`,
      [conversationId, limit],
    )) as Row[];
    return rows.map(toEvent);
  }

  async lastSeq(conversationId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT coalesce(max(seq), 0) AS seq FROM web_event WHERE conversation_id = $1`, [
      conversationId,
    ])) as Row[];
    return Number(row?.seq ?? 0);
  }

  async present(streamId: string, conversationId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM web_presence WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO web_presence (stream_id, conversation_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (stream_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [streamId, conversationId, PRESENCE_TTL_SECONDS],
    );
  }

  async absent(streamIds: string[]): Promise<void> {
    if (streamIds.length) await this.dataSource.query(`DELETE FROM web_presence WHERE stream_id = ANY($1::uuid[])`, [streamIds]);
  }

  /** True while a browser holds an event stream of the conversation on any replica. */
  async connected(conversationId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM web_presence WHERE conversation_id = $1 AND expires_at > now() LIMIT 1`, [
      conversationId,
    ])) as unknown[];
    return rows.length > 0;
  }
}
