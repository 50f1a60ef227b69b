// The default delivery for a Zalo message that Zalo refuses (window closed, not a follower): a proactive
// message in the officer's 1:1 Teams conversation, when the bot has one. Returns false when there is none,
// and the outbox then keeps the message for when the officer writes on Zalo again.
import type { DataSource } from 'typeorm';
import { ChannelAccount } from '../../entities/channel-account.entity.js';
import type { ChannelGateway, StoredReference } from '../../services/notifications/channel-gateway.js';
import type { FallbackDelivery } from '../../services/zalo/zalo-outbox-service.js';
import { logger } from '../../services/platform/logger.js';

export function teamsFallbackDelivery(dataSource: DataSource, teams: ChannelGateway): FallbackDelivery {
  return async (officerId, text) => {
    const accounts = await dataSource
      .getRepository(ChannelAccount)
      .find({ where: { officerId, channel: 'msteams' }, order: { lastSeenAt: 'DESC' } });
    for (const account of accounts) {
      if (!account.conversationReference) continue;
      try {
        await teams.send(account.conversationReference as StoredReference, { type: 'message', text });
        return true;
      } catch (err) {
        logger.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'teams fallback for a zalo message failed');
      }
    }
    return false;
  };
}
