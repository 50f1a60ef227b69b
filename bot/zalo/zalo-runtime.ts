// The Zalo side of the server: stores webhook deliveries, processes them one conversation at a time
// through the same teams-ai Application (via the ZaloAdapter), sends the outbox, and links accounts.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import type { ConversationLock } from '../../services/state/conversation-lock.js';
import { understand } from '../../services/intents/understanding.js';
import { ZaloBotClient } from '../../services/zalo/zalo-bot-client.js';
import type { ZaloConfig } from '../../services/zalo/zalo-config.js';
import { parseBotEvent, parseOaEvent, parseBody, type ZaloEvent } from '../../services/zalo/zalo-events.js';
import { ZaloInboxService, type InboxRow } from '../../services/zalo/zalo-inbox-service.js';
import { ZaloLinkService } from '../../services/zalo/zalo-link-service.js';
import { ZaloOaClient } from '../../services/zalo/zalo-oa-client.js';
import { ZaloOutboxService, type FallbackDelivery } from '../../services/zalo/zalo-outbox-service.js';
import { ZaloTokenStore } from '../../services/zalo/zalo-token-store.js';
import { ZaloTemplateSender } from '../../services/zalo/zalo-template-sender.js';
import type { Application } from '@microsoft/teams-ai/lib/Application.js';
import { isDatabaseUnavailable, type AppTurnState } from '../app.js';
import { logger, withCorrelation } from '../../services/platform/logger.js';
import { core } from '../../services/platform/messages/index.js';
import { zalo as text } from '../../services/platform/messages/zalo.js';
import { ZALO_OFFICER_KEY, ZaloAdapter } from './zalo-adapter.js';
import { renderForZalo } from './zalo-renderer.js';
import { Pump } from './pump.js';
import { zaloActivity } from './zalo-activity.js';
import { bareLinkCode, parseLinkCommand } from '../../services/zalo/zalo-link-command.js';
import type { LastResortDelivery } from '../../services/notifications/bot-notifier.js';
import { zaloPhone } from '../../services/zalo/zalo-template-config.js';

export interface ZaloRuntimeOptions {
  dataSource: DataSource;
  config: ZaloConfig;
  /** The one application; Zalo turns run through it. */
  app: Application<AppTurnState>;
  lock: ConversationLock;
  /** Whom unknown or inactive users should contact (AppConfig.DIRECTORY_CONTACT). */
  directoryContact: string;
  /** Another channel for messages Zalo refuses (-230/-232 and permanent errors); see FallbackDelivery. */
  fallback?: FallbackDelivery;
  /** How often due retries and expired leases are looked for; 0: only when kicked. */
  pollMs?: number;
  /** Parallel turns (different conversations) in this process. */
  concurrency?: number;
}

/** Days processed webhook deliveries and delivered messages are kept (held and failed ones stay). */
export const RETENTION_DAYS = 30;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export class ZaloRuntime {
  readonly inbox: ZaloInboxService;
  readonly outbox: ZaloOutboxService;
  readonly adapter: ZaloAdapter;
  readonly links: ZaloLinkService;
  readonly tokens?: ZaloTokenStore;
  /** Template messages past the 7-day window, when ZALO_TEMPLATES configures any. */
  readonly templates?: ZaloTemplateSender;
  private readonly inboxPump: Pump;
  private readonly outboxPump: Pump;
  private timer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private started = false;

  constructor(private readonly options: ZaloRuntimeOptions) {
    const { dataSource, config } = options;
    this.inbox = new ZaloInboxService(dataSource);
    this.tokens = config.oa ? new ZaloTokenStore(dataSource, config.oa) : undefined;
    const oa = config.oa && this.tokens ? new ZaloOaClient(config.oa.apiBaseUrl, this.tokens) : undefined;
    this.templates =
      oa && config.oa?.templates.size
        ? new ZaloTemplateSender(dataSource, oa, config.oa.businessApiBaseUrl, config.oa.templates)
        : undefined;
    this.outbox = new ZaloOutboxService(dataSource, {
      oa,
      bot: config.bot ? new ZaloBotClient(config.bot.apiBaseUrl, config.bot.token) : undefined,
      fallback: options.fallback,
      templates: this.templates,
    });
    this.links = new ZaloLinkService(dataSource);
    this.inboxPump = new Pump('inbox', () => this.processNext(), options.concurrency ?? 4);
    this.outboxPump = new Pump('outbox', async () => (await this.outbox.processDue(1)) > 0, 1);
    this.adapter = new ZaloAdapter(this.outbox, () => this.outboxPump.kick());
    this.adapter.onTurnError = async (context, err) => {
      // The database is away: the turn did not happen, the inbox row is retried later.
      if (isDatabaseUnavailable(err)) throw err;
      logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo turn failed');
      if (context.activity.type === ActivityTypes.Message) await context.sendActivity(core.internalError).catch(() => undefined);
    };
  }

  /**
   * The notifier's last resort: an officer no channel reached (no Zalo account linked) gets the
   * notification as its kind's template message, by the directory's phone number.
   */
  readonly templateByPhone: LastResortDelivery = async (row, officer, render) => {
    const sender = this.templates;
    const phone = zaloPhone(officer.phone);
    if (!sender?.templateOf(row.kind) || !phone) return null;
    const activity = await render('zalo_oa');
    const first = activity ? renderForZalo(activity, 'zalo_oa')[0] : undefined;
    if (!first) return null;
    await this.outbox.enqueue([
      {
        channel: 'zalo_phone',
        recipientId: phone,
        officerId: officer.id,
        text: first.text,
        noticeKind: row.kind,
        noticeId: String(row.id),
      },
    ]);
    this.outboxPump.kick();
    return 'zalo_phone';
  };

  get channels(): ZaloChannel[] {
    return [this.options.config.oa ? 'zalo_oa' : null, this.options.config.bot ? 'zalo_bot' : null].filter(
      (c): c is ZaloChannel => c !== null,
    );
  }

  /** Bootstraps the OA tokens and processes whatever a previous process left (unprocessed or expired lease). */
  async start(): Promise<void> {
    if (this.started || !this.channels.length) return;
    this.started = true;
    if (this.tokens) await this.tokens.bootstrap();
    const pollMs = this.options.pollMs ?? 2000;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.kick(), pollMs);
      this.timer.unref();
    }
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.purgeTimer.unref();
    void this.purge();
    this.kick();
  }

  /** Retention: processed deliveries and delivered messages are deleted after RETENTION_DAYS. */
  async purge(): Promise<void> {
    try {
      const inbox = await this.inbox.purge(RETENTION_DAYS);
      const outbox = await this.outbox.purge(RETENTION_DAYS);
      if (inbox || outbox) logger.info({ inbox, outbox }, 'zalo retention purge');
    } catch (err) {
      logger.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo retention purge failed');
    }
  }

  kick(): void {
    if (!this.started) return;
    this.inboxPump.kick();
    this.outboxPump.kick();
  }

  /** Stops taking new work and waits for the turns and sends in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.timer = undefined;
    this.purgeTimer = undefined;
    await Promise.all([this.inboxPump.stop(), this.outboxPump.stop()]);
  }

  /** Until nothing due is left in the inbox and outbox (tests, graceful shutdown). */
  async idle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const before = this.inboxPump.done + this.outboxPump.done;
      this.inboxPump.kick();
      this.outboxPump.kick();
      await this.inboxPump.idle();
      await this.outboxPump.idle();
      if (this.inboxPump.done + this.outboxPump.done === before) return;
    }
  }

  /** Stores a verified delivery; false for a replay. Processing happens after the HTTP answer. */
  async receive(event: ZaloEvent, raw: Buffer): Promise<boolean> {
    const stored = await this.inbox.store(event, raw);
    if (stored && event.kind !== 'ignored') setImmediate(() => this.kick());
    return stored;
  }

  private async processNext(): Promise<boolean> {
    const row = await this.inbox.claim(this.channels);
    if (!row) return false;
    await this.processRow(row);
    return true;
  }

  private async processRow(row: InboxRow): Promise<void> {
    let event: ZaloEvent;
    try {
      const body = parseBody(Buffer.from(row.raw_body, 'utf8'));
      event = row.channel === 'zalo_oa' ? parseOaEvent(body) : parseBotEvent(body);
    } catch {
      await this.inbox.complete(row.id, 'ignored');
      return;
    }
    if (event.kind === 'ignored' || !event.userId || !event.chatId || event.isGroup) {
      await this.inbox.complete(row.id, 'ignored');
      return;
    }
    try {
      await withCorrelation(
        () => this.options.lock.run(`${event.channel}/${event.chatId}`, () => this.handle(event)),
        event.messageId ?? `zalo-inbox-${row.id}`,
        event.channel,
      );
      await this.inbox.complete(row.id);
    } catch (err) {
      logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, inboxId: row.id }, 'zalo event failed');
      await this.inbox.fail(row, (err as Error).message ?? 'error');
    }
  }

  private async reply(event: ZaloEvent, message: string, officerId: string | null = null): Promise<void> {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: message,
      channelId: event.channel,
      conversation: { id: event.chatId! } as Activity['conversation'],
      replyToId: event.messageId,
    };
    const context = new TurnContext(this.adapter, zaloActivity(event));
    if (officerId) context.turnState.set(ZALO_OFFICER_KEY, officerId);
    await this.adapter.sendActivities(context, [activity]);
  }

  private async handle(event: ZaloEvent): Promise<void> {
    const account = await this.options.dataSource.getRepository(ChannelAccount).findOne({
      where: { channel: event.channel, externalUserId: event.userId! },
      relations: { officer: true },
    });
    const officer = account?.officer;
    if (event.kind === 'unfollow') {
      logger.info({ channel: event.channel, linked: Boolean(officer) }, 'zalo user unfollowed');
      return;
    }
    const code =
      event.kind === 'message' && event.text
        ? (parseLinkCommand(event.text) ?? (officer ? undefined : bareLinkCode(event.text)))
        : undefined;
    if (code !== undefined) {
      await this.redeem(event, code);
      return;
    }
    if (!officer) {
      // A policy question is answered for anyone (the application's outsider desk, which adds how to
      // link); everything else gets the onboarding message.
      if (event.kind === 'message' && event.text && understand(event.text, { kind: 'idle' }).kind === 'question') {
        await this.adapter.runTurn(new TurnContext(this.adapter, zaloActivity(event)), (ctx) =>
          this.options.app.run(ctx).then(() => undefined),
        );
        return;
      }
      await this.reply(event, text.onboarding(this.options.config.linkCodeTtlMinutes));
      return;
    }
    if (!officer.active) {
      await this.reply(event, core.inactiveUser(this.options.directoryContact), officer.id);
      return;
    }
    // The officer is back: what Zalo refused for a closed 7-day window goes out now, before the answer.
    const released = await this.outbox.releaseHeld(event.channel, event.chatId!);
    if (released) this.outboxPump.kick();
    if (event.kind === 'follow') {
      await this.reply(
        event,
        released ? `${core.greeting(officer.fullName)}\n${text.heldWaiting(released)}` : core.greeting(officer.fullName),
        officer.id,
      );
      return;
    }
    const context = new TurnContext(this.adapter, zaloActivity(event, officer.fullName));
    context.turnState.set(ZALO_OFFICER_KEY, officer.id);
    await this.adapter.runTurn(context, (ctx) => this.options.app.run(ctx).then(() => undefined));
  }

  private async redeem(event: ZaloEvent, code: string): Promise<void> {
    const reference = TurnContext.getConversationReference(zaloActivity(event)) as unknown as Record<string, unknown>;
    const result = await this.links.redeem(event.channel, event.userId!, code, reference);
    switch (result.status) {
      case 'linked':
        logger.info({ channel: event.channel }, 'zalo account linked');
        await this.reply(event, text.linked(result.officer.fullName), result.officer.id);
        return;
      case 'rate_limited':
        return this.reply(event, text.linkRateLimited(result.retryMinutes));
      case 'inactive':
        return this.reply(event, text.linkInactive(this.options.directoryContact));
      case 'invalid':
        return this.reply(event, text.linkInvalid);
    }
  }
}
