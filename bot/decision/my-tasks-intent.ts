// "Việc chờ tôi": the decisions and votes waiting for this officer, with their due dates.
import { decisions as t } from '../../services/platform/messages/index.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { DECISION_VERBS } from './decision-card.js';

export function registerMyTasksIntent(bot: BotApplication, container: Container): void {
  bot.intents.register('my_tasks', async (turn) => {
    const tasks = await container.decisions.tasksFor(turn.officer.id);
    if (!tasks.length) return turn.send(t.tasksEmpty);
    await turn.send({
      card: {
        title: t.tasksTitle,
        body: tasks.map((x) => t.taskLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, t.taskRole[x.role] ?? x.role, t.due(x.dueDate))),
        actions: tasks.slice(0, 5).map((x) => ({ title: x.proposal.code ?? t.noCode, verb: DECISION_VERBS.refresh, data: { proposalId: x.proposal.id } })),
      },
    });
  });
  // What waits for the person, for the greeting and the menu.
  bot.intents.registerWaiting(async (turn) =>
    (await container.decisions.tasksFor(turn.officer.id)).map((x) => t.taskLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, t.taskRole[x.role] ?? x.role, t.due(x.dueDate))),
  );
}
