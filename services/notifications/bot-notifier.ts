// Delivers outbox rows through the Bot Framework adapter:
//  1. the officer's stored 1:1 conversation reference (Teams first, then Zalo/web), continueConversationAsync;
//  2. otherwise, on Teams, a new 1:1 conversation (createConversationAsync with the tenant and the AAD
//     object id); the new reference is stored on the officer's Teams account for next time;
//  3. otherwise, or when every way fails, the row stays 'failed' with the reason and a next attempt time
//     (exponential back-off), and appears in the Home Affairs list (undeliveredNotifications). Never dropped.
// A row is claimed with an UPDATE … RETURNING before it is sent, so two processes never send it twice.
// Proactive installation through Microsoft Graph is not done here: the deployment notes recommend an app
// setup policy that installs the app for all officials.
import type { DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import { NotificationOutbox } from '../../entities/notification-outbox.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { logger } from '../../bot/logger.js';
import type { Notifier } from './notifier.js';

/** The part of botbuilder's CloudAdapter used here. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: never, logic: (context: ProactiveContext) => Promise<void>): Promise<void>;
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: never,
    logic: (context: ProactiveContext) => Promise<void>,
  ): Promise<void>;
}

export interface ProactiveContext {
  activity: { conversation?: { id?: string }; serviceUrl?: string; channelId?: string };
  sendActivity(activity: never): Promise<unknown>;
}

/** Turns a row into what to send on a channel (null: nothing to say any more, e.g. the decision is done). */
export type OutboxRenderer = (row: NotificationOutbox, officer: Officer, channelId: string) => Promise<Record<string, unknown> | null>;

export interface BotNotifierOptions {
  appId?: string;
  tenantId?: string;
  render: OutboxRenderer;
  /** After this many attempts a row stays failed until someone retries it by hand. */
  maxAttempts?: number;
}

const TEAMS_AUDIENCE = 'https://api.botframework.com';

export class BotNotifier implements Notifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly adapter: ProactiveAdapter,
    private readonly options: BotNotifierOptions,
  ) {}

  async deliver(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.deliverOne(id, null);
  }

  async retryDue(now: Date = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM notification_outbox
       WHERE state IN ('pending','failed') AND attempts < $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
       ORDER BY id LIMIT 100`,
      [this.options.maxAttempts ?? 8, now],
    )) as { id: string }[];
    for (const r of rows) await this.deliverOne(String(r.id), now);
    return rows.length;
  }

  private async claim(id: string, retryAt: Date | null): Promise<NotificationOutbox | null> {
    // A claim pushes next_attempt_at ahead: another process skips the row while this one sends it.
    const rows = (await this.dataSource.query(
      `UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes'
       WHERE id = $1 AND state IN ('pending','failed') ${retryAt ? 'AND (next_attempt_at IS NULL OR next_attempt_at <= $2)' : "AND (state = 'pending' AND attempts = 0)"}
       RETURNING id`,
      retryAt ? [id, retryAt] : [id],
    )) as unknown;
    const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as { id: string }[];
    if (!list.length) return null;
    return this.dataSource.getRepository(NotificationOutbox).findOneBy({ id });
  }

  private async deliverOne(id: string, retryAt: Date | null): Promise<void> {
    const row = await this.claim(id, retryAt);
    if (!row) return;
    try {
      const officer = await this.dataSource.getRepository(Officer).findOneBy({ id: row.officerId });
      if (!officer || !officer.active) return await this.fail(row, 'officer_inactive');
      const error = await this.send(row, officer);
      if (error) await this.fail(row, error);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message }, outboxId: row.id }, 'notification delivery failed');
      await this.fail(row, `error: ${(err as Error).message}`.slice(0, 300));
    }
  }

  /** Returns undefined when sent, else the reason. */
  private async send(row: NotificationOutbox, officer: Officer): Promise<string | undefined> {
    const accounts = await this.dataSource.getRepository(ChannelAccount).find({ where: { officerId: officer.id } });
    accounts.sort((a, b) => rank(a) - rank(b) || (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0));
    const reasons: string[] = [];
    for (const account of accounts.filter((a) => a.conversationReference)) {
      const reference = account.conversationReference as { channelId?: string };
      const channelId = reference.channelId ?? account.channel;
      const activity = await this.options.render(row, officer, channelId);
      if (!activity) return this.markSent(row, channelId, 'obsolete');
      try {
        await this.adapter.continueConversationAsync(this.options.appId ?? '', reference as never, async (context) => {
          await context.sendActivity(activity as never);
        });
        return this.markSent(row, channelId);
      } catch (err) {
        reasons.push(`${account.channel}: ${statusOf(err)}`);
      }
    }
    // Nobody to continue with: open a 1:1 Teams conversation by AAD object id.
    const teams = accounts.find((a) => a.channel === 'msteams');
    const aad = teams?.aadObjectId ?? officer.teamsAadObjectId;
    if (aad) {
      const origin = await this.teamsOrigin();
      const tenantId = teams?.tenantId ?? origin?.tenantId ?? this.options.tenantId;
      if (origin?.serviceUrl && tenantId) {
        const activity = await this.options.render(row, officer, 'msteams');
        if (!activity) return this.markSent(row, 'msteams', 'obsolete');
        try {
          const parameters = {
            isGroup: false,
            bot: { id: origin.botId ?? this.options.appId ?? '' },
            members: [{ id: teams?.externalUserId ?? aad, aadObjectId: aad }],
            tenantId,
            channelData: { tenant: { id: tenantId } },
          };
          let reference: Record<string, unknown> | undefined;
          await this.adapter.createConversationAsync(this.options.appId ?? '', 'msteams', origin.serviceUrl, TEAMS_AUDIENCE, parameters as never, async (context) => {
            reference = {
              channelId: 'msteams',
              serviceUrl: context.activity.serviceUrl ?? origin.serviceUrl,
              conversation: { id: context.activity.conversation?.id, conversationType: 'personal', tenantId },
              bot: { id: origin.botId ?? this.options.appId ?? '' },
              user: { id: teams?.externalUserId ?? aad, aadObjectId: aad },
            };
            await context.sendActivity(activity as never);
          });
          if (teams && reference) await this.dataSource.getRepository(ChannelAccount).update({ id: teams.id }, { conversationReference: reference as never });
          return this.markSent(row, 'msteams');
        } catch (err) {
          // Teams answers 403 when the app is not installed for the person.
          reasons.push(`msteams.create: ${statusOf(err)}`);
        }
      } else {
        reasons.push('msteams: no service url or tenant known');
      }
    }
    return reasons.length ? reasons.join('; ').slice(0, 300) : 'no_channel';
  }

  /** The service URL, tenant and bot id of the most recent Teams conversation any officer had with the bot. */
  private async teamsOrigin(): Promise<{ serviceUrl?: string; tenantId?: string; botId?: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT conversation_reference AS ref FROM channel_account
       WHERE channel = 'msteams' AND conversation_reference IS NOT NULL ORDER BY last_seen_at DESC NULLS LAST LIMIT 1`,
    )) as { ref: { serviceUrl?: string; conversation?: { tenantId?: string }; bot?: { id?: string } } }[];
    const ref = rows[0]?.ref;
    if (!ref) return null;
    return { serviceUrl: ref.serviceUrl, tenantId: ref.conversation?.tenantId, botId: ref.bot?.id };
  }

  private async markSent(row: NotificationOutbox, channel: string, note?: string): Promise<undefined> {
    await this.dataSource.getRepository(NotificationOutbox).update({ id: row.id }, { state: 'sent', sentAt: new Date(), channel, lastError: note ?? null, nextAttemptAt: null });
    return undefined;
  }

  private async fail(row: NotificationOutbox, reason: string): Promise<void> {
    const attempts = row.attempts;
    const delayMinutes = Math.min(24 * 60, 2 ** Math.max(0, attempts - 1) * 5);
    await this.dataSource
      .getRepository(NotificationOutbox)
      .update({ id: row.id }, { state: 'failed', lastError: reason, nextAttemptAt: new Date(Date.now() + delayMinutes * 60_000) });
    logger.warn({ outboxId: row.id, kind: row.kind, attempts }, 'notification not delivered; kept in the outbox');
  }
}

function rank(a: ChannelAccount): number {
  return a.channel === 'msteams' ? 0 : 1;
}

function statusOf(err: unknown): string {
  const e = err as { statusCode?: number; status?: number; code?: string; message?: string };
  return String(e.statusCode ?? e.status ?? e.code ?? e.message ?? 'error').slice(0, 120);
}
