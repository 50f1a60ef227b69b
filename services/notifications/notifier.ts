// Proactive messages. Every message is first written to notification_outbox (inside the transaction that
// causes it, when there is one), then delivered after commit by a Notifier. What cannot be delivered stays
// 'failed' with the error, is retried with back-off, and is listed for the Department of Home Affairs.
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationOutbox } from '../../entities/notification-outbox.entity.js';
import type { Officer } from '../../entities/officer.entity.js';

/** Turns a row into what to send on a channel (null: nothing to say any more, e.g. the decision is done). */
export type OutboxRenderer = (row: NotificationOutbox, officer: Officer, channelId: string) => Promise<Record<string, unknown> | null>;

export interface NotificationRequest {
  officerId: string;
  proposalId?: string | null;
  /** What to say, rendered at delivery time by the feature that registered the kind. */
  kind: string;
  data?: Record<string, unknown>;
  /** Sent at most once per key, even from two processes (a reminder: proposal, stage, offset). */
  dedupeKey?: string;
}

/** Delivers outbox rows. */
export interface Notifier {
  /** Tries to deliver these rows now; failures are recorded on the rows, never thrown. */
  deliver(ids: readonly string[]): Promise<void>;
  /** Retries failed and stuck rows whose next attempt is due. Returns how many were tried. */
  retryDue(now?: Date): Promise<number>;
  /** Each feature registers the renderer of its notification kinds (rendered at delivery time). */
  registerRenderer?(kinds: string | readonly string[], render: OutboxRenderer): void;
}

/** Writes a notification; returns its id, or null when the dedupe key was already used. */
export async function enqueueNotification(manager: EntityManager | DataSource, request: NotificationRequest): Promise<string | null> {
  const m = manager instanceof DataSource ? manager.manager : manager;
  const rows = (await m.query(
    `INSERT INTO notification_outbox (officer_id, proposal_id, kind, payload, dedupe_key, state, next_attempt_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, 'pending', now())
     ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [request.officerId, request.proposalId ?? null, request.kind, JSON.stringify(request.data ?? {}), request.dedupeKey ?? null],
  )) as { id: string }[];
  return rows[0]?.id ? String(rows[0].id) : null;
}

export type Notify = (n: NotificationRequest) => void;
/** Enqueues one notification; true when it is new (false: its dedupe key was already used). */
export type SendNotice = (n: NotificationRequest) => Promise<boolean>;

/** Runs work in one transaction; its notifications are written inside it and delivered after commit. */
export async function runWithNotices<T>(
  ds: DataSource,
  notifier: Notifier,
  work: (m: EntityManager, notify: Notify) => Promise<T>,
): Promise<T> {
  const pending: NotificationRequest[] = [];
  const ids: string[] = [];
  const result = await ds.transaction(async (m) => {
    pending.length = 0;
    const value = await work(m, (n) => pending.push(n));
    for (const n of pending) {
      const id = await enqueueNotification(m, n);
      if (id) ids.push(id);
    }
    return value;
  });
  if (ids.length) await notifier.deliver(ids);
  return result;
}

/** Rows Home Affairs must see: not delivered after at least one attempt. */
export async function undeliveredNotifications(source: DataSource | EntityManager, limit = 100): Promise<NotificationOutbox[]> {
  return source
    .getRepository(NotificationOutbox)
    .createQueryBuilder('n')
    .where(`n.state = 'failed'`)
    .orderBy('n.created_at', 'ASC')
    .limit(limit)
    .getMany();
}

/** A Notifier that records every request and delivers nothing (CLI, jobs without a bot). */
export class OutboxOnlyNotifier implements Notifier {
  async deliver(): Promise<void> {}
  /** Nothing is rendered here: the rows wait for a bot process, whose features register their renderers. */
  registerRenderer(): void {}
  async retryDue(): Promise<number> {
    return 0;
  }
}
