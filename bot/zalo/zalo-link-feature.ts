// "liên kết Zalo" typed on Teams (or the web): the bot answers with a one-time code to send on Zalo as
// "LIÊN KẾT <mã>". Only in a 1:1 conversation, where nobody else sees the code.
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { zalo as text } from '../../services/platform/messages/zalo.js';
import { ZaloLinkService } from '../../services/zalo/zalo-link-service.js';
import { isZaloChannel } from './zalo-adapter.js';

export const ZALO_LINK_VERB = 'zalo.linkCode';
export function registerZaloLinkFeature(bot: BotApplication, container: Container): void {
  const links = new ZaloLinkService(container.dataSource, container.identity);
  bot.commands.register(
    ZALO_LINK_VERB,
    async (turn) => {
      if (isZaloChannel(turn.channelId)) return text.alreadyLinked(turn.officer.fullName);
      const conversationType = turn.context.activity.conversation?.conversationType;
      if (conversationType && conversationType !== 'personal') return text.linkCodePersonalOnly;
      const ttl = container.configuration.zalo.linkCodeTtlMinutes;
      const code = await links.issue(turn.officer.id, ttl);
      return text.linkCodeIssued(code, ttl);
    },
    'own',
  );
  bot.commands.registerText({
    keywords: ['liên kết Zalo', 'liên kết tài khoản Zalo', 'mã liên kết Zalo'],
    verb: ZALO_LINK_VERB,
    parse: (rest) => (rest.trim() === '' ? {} : undefined),
  });
}
