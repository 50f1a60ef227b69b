// "liên kết Zalo" typed on Teams (or the web): the bot answers with a one-time code to send on Zalo as
// "LIÊN KẾT <mã>". Only in a 1:1 conversation, where nobody else sees the code.
import type { BotApplication } from '../app.js';
import type { AppServices } from '../core/app-services.js';
import { zalo as text } from '../../services/platform/messages/zalo.js';
import { loadZaloConfig } from '../../services/zalo/zalo-config.js';
import { ZaloLinkService } from '../../services/zalo/zalo-link-service.js';
import { isZaloChannel } from './zalo-adapter.js';

export const ZALO_LINK_VERB = 'zalo.linkCode';
const DEFAULT_TTL_MINUTES = 10;

function ttlMinutes(services: AppServices): number {
  try {
    return loadZaloConfig({ ...process.env, ...(services.config as unknown as Record<string, unknown>) }).linkCodeTtlMinutes;
  } catch {
    // A bad Zalo configuration stops the Zalo routes with its own message; the code keeps the default life.
    return DEFAULT_TTL_MINUTES;
  }
}

export function registerZaloLinkFeature(bot: BotApplication, services: AppServices): void {
  const links = new ZaloLinkService(services.dataSource, services.identity);
  bot.commands.register(ZALO_LINK_VERB, async (turn) => {
    if (isZaloChannel(turn.channelId)) return text.alreadyLinked(turn.officer.fullName);
    const conversationType = turn.context.activity.conversation?.conversationType;
    if (conversationType && conversationType !== 'personal') return text.linkCodePersonalOnly;
    const ttl = ttlMinutes(services);
    const code = await links.issue(turn.officer.id, ttl);
    return text.linkCodeIssued(code, ttl);
  });
  bot.commands.registerText({
    keywords: ['liên kết Zalo', 'liên kết tài khoản Zalo', 'mã liên kết Zalo'],
    verb: ZALO_LINK_VERB,
    parse: (rest) => (rest.trim() === '' ? {} : undefined),
  });
}
