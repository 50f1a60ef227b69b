// The Department of Home Affairs' queue ("HÀNG ĐỢI"): plans that could not be routed, with a button to
// route each again once the directory is fixed ("CHUYỂN LẠI <mã>"), and messages not delivered.
import { decisions as t } from '../../services/platform/messages/index.js';
import { undeliveredForHomeAffairs } from '../../services/decisions/home-affairs-queue.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import type { DecisionCards } from './decision-view.js';

export const HOME_AFFAIRS_VERBS = { queue: 'decision.queue', reroute: 'decision.reroute' } as const;

export function registerHomeAffairsQueue(bot: BotApplication, container: Container, cards: DecisionCards): void {
  const { decisions, identity, dataSource } = container;
  const c = bot.commands;
  const onlyHomeAffairs = async (turn: CoreTurn) => ((await identity.inHomeAffairs(turn.officer)) ? undefined : t.queueOnlyHomeAffairs);

  c.register(
    HOME_AFFAIRS_VERBS.queue,
    async () => {
      const queue = await decisions.routingQueue();
      const failed = await undeliveredForHomeAffairs(dataSource, 30);
      if (!queue.length && !failed.length) return { title: t.queueTitle, body: [t.queueEmpty] };
      return {
        title: t.queueTitle,
        sections: [
          ...(queue.length
            ? [{ heading: t.queueRoutingHeading, text: queue.map((q) => `${q.code ?? t.noCode} – ${q.title ?? t.untitled}`).join('\n') }]
            : []),
          ...(failed.length
            ? [
                {
                  heading: t.queueOutboxHeading,
                  text: failed.map((f) => t.queueOutboxLine(f.officerName, f.code, f.attempts, f.lastError)).join('\n'),
                },
              ]
            : []),
        ],
        actions: queue.slice(0, 5).map((q) => ({
          title: `CHUYỂN LẠI ${q.code}`,
          verb: HOME_AFFAIRS_VERBS.reroute,
          data: { proposalId: q.id },
          command: `CHUYỂN LẠI ${q.code}`,
        })),
      };
    },
    onlyHomeAffairs,
  );

  c.register(
    HOME_AFFAIRS_VERBS.reroute,
    async (turn, data) => {
      const id = await cards.resolve(data);
      const view = id ? await decisions.view(id) : null;
      if (!view || !id) return { title: t.refusal.not_found };
      const code = view.proposal.code ?? '';
      const r = await decisions.reroute(id, { officerId: turn.officer.id, channel: turn.channelId });
      return { title: r.ok ? t.rerouted(code) : t.rerouteFailed(code) };
    },
    onlyHomeAffairs,
  );

  c.registerText({ keywords: ['HÀNG ĐỢI'], verb: HOME_AFFAIRS_VERBS.queue, parse: () => ({}) });
  c.registerText({
    keywords: ['CHUYỂN LẠI'],
    verb: HOME_AFFAIRS_VERBS.reroute,
    parse: (rest) => {
      const code = rest.trim().split(/\s+/)[0];
      return code ? { code } : undefined;
    },
  });
}
