// Delivers outbox rows through the channel gateways, Teams first:
//  1. the officer's stored Teams 1:1 conversation reference;
//  2. otherwise (none, or Teams says the bot is not in that conversation any more: 403/404), a new 1:1
//     conversation (the Teams gateway's startPersonalChat with the tenant and the AAD object id); the new
//     reference is stored on the officer's Teams account for next time;
//  3. when Teams refuses that because the app is not installed for the person (403, or 404
//     ConversationNotFound/BotNotInConversationRoster…) and Graph installation is configured: the app is
//     installed for them through Microsoft Graph (graph-installer.ts), the 1:1 chat id read back, its
//     reference stored, and the message sent there;
//  4. otherwise another channel the officer has linked with a stored reference (Zalo: into the Zalo
//     outbox; web: an open browser), through that channel's gateway;
//  5. a last resort, when configured: a Zalo template message by the directory's phone number;
//  6. when every way fails, the row stays 'failed' with the reasons and a next attempt time (exponential
//     back-off), and appears in the Home Affairs list (undeliveredNotifications, "HÀNG ĐỢI"). Never dropped.
// A row is claimed with an UPDATE … RETURNING before it is sent, so two processes never send it twice.
// Never inside a person's turn: rows a turn asks to deliver (afterTurn) are held until the turn has
// answered, then delivered in the background in the order they were written; a decider whose Teams
// conversation hangs cannot make the proposer's submit hang.
// What to say is rendered at delivery time by the renderer each feature registered for its kinds
// (registerRenderer); the deployment notes also recommend installing the app for all officials with a
// Teams app setup policy, which makes step 3 rare.
import { AsyncLocalStorage } from 'node:async_hooks';
import { In, type DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import { NotificationOutbox } from '../../entities/notification-outbox.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { logger } from '../platform/logger.js';
import type { Notifier, OutboxRenderer } from './notifier.js';
import type { ChannelGateways, StoredReference } from './channel-gateway.js';
import type { GraphAppInstaller } from './graph-installer.js';
import { SendRate } from './send-rate.js';
import { claimRows } from './outbox-claim.js';
import { notInstalled, rank, statusOf } from './delivery-errors.js';
import { NewTeamsChat } from './new-teams-chat.js';

export interface BotNotifierOptions {
  /** The bot's Microsoft app id (the bot id of a new Teams chat when no conversation tells it). */
  appId?: string;
  tenantId?: string;
  /** Proactive installation through Graph (null or absent: off). */
  graph?: GraphAppInstaller | null;
  /** After this many attempts a row stays failed until someone retries it by hand. */
  maxAttempts?: number;
  /** Sends a second for the whole process (NOTIFY_RATE_PER_SECOND); 0 or absent: no limit. */
  ratePerSecond?: number;
  /**
   * When no channel took the row: a last way to reach the officer (a Zalo template message by the
   * directory's phone number). Returns the channel that took it, or null.
   */
  lastResort?: LastResortDelivery;
}

export type LastResortDelivery = (
  row: NotificationOutbox,
  officer: Officer,
  render: (channelId: string) => Promise<Record<string, unknown> | null>,
) => Promise<string | null>;

/** The rows a running turn asked to deliver, held until it has answered. */
const heldByTurn = new AsyncLocalStorage<string[]>();

export class BotNotifier implements Notifier {
  private readonly renderers = new Map<string, OutboxRenderer>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly rate: SendRate;
  private readonly newTeamsChat: NewTeamsChat;

  constructor(
    private readonly dataSource: DataSource,
    private readonly gateways: ChannelGateways,
    private readonly options: BotNotifierOptions = {},
  ) {
    this.rate = new SendRate(options.ratePerSecond ?? 0);
    this.newTeamsChat = new NewTeamsChat(dataSource, gateways, this.rate, options);
  }

  /** A feature says how to render its notification kinds; a kind registered twice keeps the last renderer. */
  registerRenderer(kinds: string | readonly string[], render: OutboxRenderer): void {
    for (const kind of typeof kinds === 'string' ? [kinds] : kinds) this.renderers.set(kind, render);
  }

  /** True when a renderer was registered for this kind. */
  renders(kind: string): boolean {
    return this.renderers.has(kind);
  }

  private async render(row: NotificationOutbox, officer: Officer, channelId: string): Promise<Record<string, unknown> | null> {
    const render = this.renderers.get(row.kind);
    if (!render) {
      logger.warn({ kind: row.kind, outboxId: row.id }, 'no renderer for this notification kind');
      return null;
    }
    return render(row, officer, channelId);
  }

  /** Inside a turn: held until the turn has answered. Elsewhere (jobs, CLI): delivered now. */
  async deliver(ids: readonly string[]): Promise<void> {
    const held = heldByTurn.getStore();
    if (held) {
      held.push(...ids);
      return;
    }
    for (const id of ids) await this.deliverOne(id, null);
  }

  /**
   * Runs one turn of a person (message, card click, Zalo event); the notifications it causes leave after
   * it, in the background. A row not delivered here (process stopped) is picked up by retryDue.
   */
  async afterTurn<T>(turn: () => Promise<T>): Promise<T> {
    const held: string[] = [];
    try {
      return await heldByTurn.run(held, turn);
    } finally {
      if (held.length) heldByTurn.exit(() => this.inBackground(held));
    }
  }

  private inBackground(ids: readonly string[]): void {
    const run = (async () => {
      for (const id of ids) await this.deliverOne(id, null);
    })().catch((err: unknown) => logger.warn({ err: { message: (err as Error).message } }, 'background notification delivery failed'));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves when no background delivery is running (tests, a draining server). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Delivers these rows now, `concurrency` at a time, outside any turn (a campaign's batches): pending rows
   * and failed rows whose next attempt is due. Sends still share the process's rate.
   */
  async deliverDue(ids: readonly string[], concurrency = 1): Promise<void> {
    // One claim, one read of the officers and one of their accounts for the whole batch.
    const rows = await claimRows(this.dataSource, ids, new Date());
    if (!rows.length) return;
    const officerIds = [...new Set(rows.map((r) => r.officerId))];
    const officers = new Map((await this.dataSource.getRepository(Officer).findBy({ id: In(officerIds) })).map((o) => [o.id, o]));
    const accounts = new Map<string, ChannelAccount[]>(officerIds.map((id) => [id, []]));
    for (const a of await this.dataSource.getRepository(ChannelAccount).findBy({ officerId: In(officerIds) }))
      accounts.get(a.officerId)?.push(a);
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row !== undefined; row = queue.shift())
        await this.deliverClaimed(row, officers.get(row.officerId) ?? null, accounts.get(row.officerId));
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
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

  private async deliverOne(id: string, retryAt: Date | null): Promise<void> {
    const [row] = await claimRows(this.dataSource, [id], retryAt);
    if (!row) return;
    const officer = await this.dataSource.getRepository(Officer).findOneBy({ id: row.officerId });
    await this.deliverClaimed(row, officer, undefined);
  }

  /** Sends a claimed row (officer and accounts already read, for a batch) and records the outcome. */
  private async deliverClaimed(row: NotificationOutbox, officer: Officer | null, accounts: ChannelAccount[] | undefined): Promise<void> {
    try {
      if (!officer || !officer.active) return await this.fail(row, 'officer_inactive');
      const error = await this.send(row, officer, accounts);
      if (error) await this.fail(row, error);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message }, outboxId: row.id }, 'notification delivery failed');
      await this.fail(row, `error: ${(err as Error).message}`.slice(0, 300));
    }
  }

  /** Returns undefined when sent, else the reason. */
  private async send(row: NotificationOutbox, officer: Officer, known?: ChannelAccount[]): Promise<string | undefined> {
    const accounts = known ?? (await this.dataSource.getRepository(ChannelAccount).find({ where: { officerId: officer.id } }));
    accounts.sort((a, b) => rank(a) - rank(b) || (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0));
    const reasons: string[] = [];
    const withReference = accounts.filter((a) => a.conversationReference);
    const isTeams = (a: ChannelAccount) => ((a.conversationReference as { channelId?: string }).channelId ?? a.channel) === 'msteams';

    // 1. A Teams conversation the bot already has with the person.
    let teamsTransient = false;
    for (const account of withReference.filter(isTeams)) {
      const result = await this.continueOn(row, officer, account, reasons);
      if (result === 'sent' || result === 'obsolete') return this.markSent(row, 'msteams', result === 'obsolete' ? 'obsolete' : undefined);
      if (!notInstalled(result.error)) teamsTransient = true;
    }

    // 2–3. A new 1:1 Teams conversation, or the app installed through Graph first.
    const teams = accounts.find((a) => a.channel === 'msteams');
    const aad = teams?.aadObjectId ?? officer.teamsAadObjectId;
    if (aad && !teamsTransient) {
      const sent = await this.newTeamsChat.send(officer, teams, aad, reasons, () => this.render(row, officer, 'msteams'));
      if (sent) return this.markSent(row, 'msteams', sent === 'obsolete' ? 'obsolete' : undefined);
    }

    // 4. Another channel the officer has linked.
    for (const account of withReference.filter((a) => !isTeams(a))) {
      const reference = account.conversationReference as { channelId?: string };
      const result = await this.continueOn(row, officer, account, reasons);
      if (result === 'sent' || result === 'obsolete')
        return this.markSent(row, reference.channelId ?? account.channel, result === 'obsolete' ? 'obsolete' : undefined);
    }

    // 5. A last resort the composition root configured (Zalo template by phone number); not while Teams
    //    only failed for a passing reason (a retry will reach the person there, free of charge).
    if (this.options.lastResort && !teamsTransient) {
      const channel = await this.options.lastResort(row, officer, (channelId) => this.render(row, officer, channelId));
      if (channel) return this.markSent(row, channel);
    }
    return reasons.length ? reasons.join('; ').slice(0, 300) : 'no_channel';
  }

  private async continueOn(
    row: NotificationOutbox,
    officer: Officer,
    account: ChannelAccount,
    reasons: string[],
  ): Promise<'sent' | 'obsolete' | { error: unknown }> {
    const reference = account.conversationReference as StoredReference;
    const channelId = reference.channelId ?? account.channel;
    const gateway = this.gateways.for(channelId);
    if (!gateway) {
      reasons.push(`${account.channel}: channel not configured`);
      return { error: new Error('channel not configured') };
    }
    const rendered = await this.render(row, officer, channelId);
    if (!rendered) return 'obsolete';
    // Zalo may have to send it as its kind's template (7-day window closed): it says which notice it is.
    const activity = channelId.startsWith('zalo_')
      ? {
          ...rendered,
          channelData: { ...((rendered.channelData as object | undefined) ?? {}), notice: { kind: row.kind, id: String(row.id) } },
        }
      : rendered;
    try {
      await this.rate.take();
      await gateway.send(reference, activity);
      return 'sent';
    } catch (err) {
      reasons.push(`${account.channel}: ${statusOf(err)}`);
      return { error: err };
    }
  }

  private async markSent(row: NotificationOutbox, channel: string, note?: string): Promise<undefined> {
    await this.dataSource
      .getRepository(NotificationOutbox)
      .update({ id: row.id }, { state: 'sent', sentAt: new Date(), channel, lastError: note ?? null, nextAttemptAt: null });
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
