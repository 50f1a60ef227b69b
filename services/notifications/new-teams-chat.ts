// Steps 2–3 of delivery (see bot-notifier.ts): a notice for someone the bot has no Teams conversation with
// goes into a new 1:1 chat, or, where Teams says the app is not installed for them and Graph installation is
// configured, into the chat the installation creates. The new reference is kept for the next notice.
import type { DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import type { Officer } from '../../entities/officer.entity.js';
import type { ChannelGateways, StoredReference } from './channel-gateway.js';
import { GraphError, type GraphAppInstaller } from './graph-installer.js';
import type { SendRate } from './send-rate.js';
import { notInstalled, statusOf } from './delivery-errors.js';

type TeamsOrigin = { serviceUrl?: string; tenantId?: string; botId?: string };

const ORIGIN_TTL_MS = 5000;

export class NewTeamsChat {
  private readonly graph: GraphAppInstaller | null;
  private origin: { value: TeamsOrigin | null; until: number } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly gateways: ChannelGateways,
    private readonly rate: SendRate,
    private readonly options: { appId?: string; tenantId?: string; graph?: GraphAppInstaller | null },
  ) {
    this.graph = options.graph ?? null;
  }

  /**
   * Sends the rendered notice in a new 1:1 chat (or, where the app is not installed for the person, after
   * installing it through Graph) and stores the reference; a reason is pushed for every way that failed.
   */
  async send(
    officer: Officer,
    teams: ChannelAccount | undefined,
    aad: string,
    reasons: string[],
    render: () => Promise<Record<string, unknown> | null>,
  ): Promise<'sent' | 'obsolete' | null> {
    const origin = await this.teamsOrigin();
    const tenantId = teams?.tenantId ?? origin?.tenantId ?? this.options.tenantId;
    if (!origin?.serviceUrl || !tenantId) {
      reasons.push('msteams: no service url or tenant known');
      return null;
    }
    const teamsGateway = this.gateways.teams;
    if (!teamsGateway) {
      reasons.push('msteams: channel not configured');
      return null;
    }
    const activity = await render();
    if (!activity) return 'obsolete';
    const botId = origin.botId ?? this.options.appId ?? '';
    const userId = teams?.externalUserId ?? aad;
    const referenceFor = (conversationId: string, serviceUrl: string): StoredReference => ({
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, conversationType: 'personal', tenantId },
      bot: { id: botId },
      user: { id: userId, aadObjectId: aad },
    });
    try {
      await this.rate.take();
      const reference = await teamsGateway.startPersonalChat(
        { serviceUrl: origin.serviceUrl, tenantId, botId, userId, aadObjectId: aad },
        activity,
      );
      await this.storeReference(officer, teams, aad, tenantId, reference);
      return 'sent';
    } catch (err) {
      reasons.push(`msteams.create: ${statusOf(err)}`);
      // Teams answers 403 (or 404) when the app is not installed for the person.
      if (!notInstalled(err) || !this.graph) return null;
    }
    let chatId: string;
    try {
      ({ chatId } = await this.graph.installForUser(aad));
    } catch (err) {
      reasons.push(err instanceof GraphError ? `graph.${err.step}: ${err.status}${err.code ? ` ${err.code}` : ''}` : 'graph: error');
      return null;
    }
    const reference = referenceFor(chatId, origin.serviceUrl);
    try {
      await this.rate.take();
      await teamsGateway.send(reference, activity);
    } catch (err) {
      reasons.push(`msteams.installed: ${statusOf(err)}`);
      return null;
    }
    await this.storeReference(officer, teams, aad, tenantId, reference);
    return 'sent';
  }

  /** Remembers how to reach the person on Teams: on their Teams account, or a new one keyed by the AAD id. */
  private async storeReference(
    officer: Officer,
    teams: ChannelAccount | undefined,
    aad: string,
    tenantId: string,
    reference: StoredReference,
  ): Promise<void> {
    if (teams) {
      await this.dataSource.getRepository(ChannelAccount).update({ id: teams.id }, { conversationReference: reference as never });
      return;
    }
    // The person never wrote to the bot: their Teams user id (29:…) is unknown, so the account is keyed by
    // the AAD object id; when they write, the identity service links their real account by the same AAD id.
    await this.dataSource.query(
      `INSERT INTO channel_account (officer_id, channel, external_user_id, aad_object_id, tenant_id, conversation_reference, linked_at)
       VALUES ($1, 'msteams', $2, $2, $3, $4::jsonb, now())
       ON CONFLICT (channel, external_user_id) DO UPDATE SET conversation_reference = EXCLUDED.conversation_reference
       WHERE channel_account.officer_id = EXCLUDED.officer_id`,
      [officer.id, aad, tenantId, JSON.stringify(reference)],
    );
  }

  /** The service URL, tenant and bot id of the most recent Teams conversation any officer had with the bot. */
  private async teamsOrigin(): Promise<TeamsOrigin | null> {
    // Read at most every few seconds: a campaign opens thousands of chats, each would scan the accounts.
    if (this.origin && this.origin.until > Date.now()) return this.origin.value;
    const value = await this.readTeamsOrigin();
    this.origin = { value, until: value ? Date.now() + ORIGIN_TTL_MS : 0 };
    return value;
  }

  private async readTeamsOrigin(): Promise<TeamsOrigin | null> {
    const rows = (await this.dataSource.query(
      `SELECT conversation_reference AS ref FROM channel_account
       WHERE channel = 'msteams' AND conversation_reference IS NOT NULL ORDER BY last_seen_at DESC NULLS LAST LIMIT 1`,
    )) as { ref: { serviceUrl?: string; conversation?: { tenantId?: string }; bot?: { id?: string } } }[];
    const ref = rows[0]?.ref;
    if (!ref) return null;
    return { serviceUrl: ref.serviceUrl, tenantId: ref.conversation?.tenantId, botId: ref.bot?.id };
  }
}
