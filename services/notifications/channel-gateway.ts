// How a message leaves for a channel. One gateway per channel (Teams, Zalo OA, Zalo Bot, web), built by
// the composition root in bot/; the notifier picks the gateway by the stored reference's channel and
// never knows how a channel sends. A gateway throws when the channel refused the message, so that a
// refused message is never marked sent.

/** A stored conversation reference, as the Bot Framework writes it (only what routing needs is typed). */
export interface StoredReference {
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id?: string; tenantId?: string; conversationType?: string };
  bot?: { id?: string };
  user?: { id?: string; aadObjectId?: string };
  [key: string]: unknown;
}

export interface ChannelGateway {
  /** Sends one activity into the conversation the reference names; throws with the channel's error. */
  send(reference: StoredReference, activity: Record<string, unknown>): Promise<void>;
}

/** Where Teams opens a new 1:1 chat with someone the bot has never talked to. */
export interface PersonalChatRequest {
  serviceUrl: string;
  tenantId: string;
  botId: string;
  userId: string;
  aadObjectId: string;
}

/** Teams can also open a new 1:1 conversation; it returns the reference to store for next time. */
export interface TeamsGateway extends ChannelGateway {
  startPersonalChat(request: PersonalChatRequest, activity: Record<string, unknown>): Promise<StoredReference>;
}

/** Channels the bot serves itself: never sent through the Bot Connector. */
const OWN_CHANNELS = new Set(['zalo_oa', 'zalo_bot', 'web']);

/** The gateways of a process, by channel id. A channel that is not configured has none. */
export class ChannelGateways {
  private readonly byChannel: ReadonlyMap<string, ChannelGateway>;

  constructor(
    gateways: Record<string, ChannelGateway | undefined>,
    readonly teams?: TeamsGateway,
  ) {
    this.byChannel = new Map(Object.entries(gateways).filter((e): e is [string, ChannelGateway] => e[1] !== undefined));
  }

  /** The gateway of a channel; Teams for anything the Bot Connector serves (emulator, test clients). */
  for(channelId: string | undefined): ChannelGateway | undefined {
    const own = this.byChannel.get(channelId ?? '');
    if (own) return own;
    return OWN_CHANNELS.has(channelId ?? '') ? undefined : this.teams;
  }
}
