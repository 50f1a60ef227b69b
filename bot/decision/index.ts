// Routing and decisions: a submitted plan is routed to its decider; the decider's card verbs and typed
// commands, the Home Affairs queue, "việc chờ tôi", and the notifications of the decision.
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { registerDecisionActions } from './decision-actions.js';
import { registerDecisionReplies } from './decision-replies.js';
import { DECISION_NOTICE_KINDS, decisionNoticeRenderer } from './decision-notices.js';
import { registerDecisionTypedCommands } from './decision-typed-commands.js';
import { decisionCards } from './decision-view.js';
import { registerHomeAffairsQueue } from './home-affairs-queue.js';
import { registerMyTasksIntent } from './my-tasks-intent.js';

export function registerDecisionFeature(bot: BotApplication, container: Container): void {
  const cards = decisionCards(container);
  container.events.on('submitted', async (event) => {
    await container.decisions.routeSubmitted(event.proposalId, event.actorId);
  });
  registerDecisionActions(bot, container, cards);
  registerDecisionTypedCommands(bot);
  registerDecisionReplies(bot, container, cards);
  registerHomeAffairsQueue(bot, container, cards);
  registerMyTasksIntent(bot, container);
  container.notifier.registerRenderer(DECISION_NOTICE_KINDS, decisionNoticeRenderer(container, cards));
}
