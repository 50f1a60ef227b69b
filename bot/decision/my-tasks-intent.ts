// "Việc chờ tôi": every step waiting for this officer: decisions and votes, then after the approval the
// assignment, progress and completion reports, the evaluation, its ballots and the recognition.
import { decisions as t, lookup } from '../../services/platform/messages/index.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { IMPLEMENTATION_VERBS } from '../implementation/implementation-card.js';
import { DECISION_VERBS } from './decision-card.js';

export function registerMyTasksIntent(bot: BotApplication, container: Container): void {
  bot.intents.register('my_tasks', async (turn) => {
    const decisionTasks = (await container.decisions.tasksFor(turn.officer.id)).map((x) => ({
      proposal: x.proposal,
      role: x.role as string,
      dueDate: x.dueDate,
      verb: DECISION_VERBS.refresh,
    }));
    const afterTasks = (await container.implementation.tasksFor(turn.officer.id)).map((x) => ({
      proposal: x.proposal,
      role: x.step as string,
      dueDate: x.dueDate,
      verb: IMPLEMENTATION_VERBS.refresh,
    }));
    const tasks = [...decisionTasks, ...afterTasks].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    if (!tasks.length) return turn.send(t.tasksEmpty);
    await turn.send({
      card: {
        title: t.tasksTitle,
        body: tasks.map((x) =>
          x.dueDate
            ? t.taskLine(
                x.proposal.code ?? t.noCode,
                x.proposal.title ?? t.untitled,
                lookup(t.taskRole, x.role) ?? x.role,
                t.due(x.dueDate),
              )
            : t.taskLineNoDue(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, lookup(t.taskRole, x.role) ?? x.role),
        ),
        actions: tasks.slice(0, 5).map((x) => ({ title: x.proposal.code ?? t.noCode, verb: x.verb, data: { proposalId: x.proposal.id } })),
      },
    });
  });
  // What waits for the person, for the greeting and the menu.
  bot.intents.registerWaiting(async (turn) =>
    (await container.decisions.tasksFor(turn.officer.id)).map((x) =>
      t.taskLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, lookup(t.taskRole, x.role) ?? x.role, t.due(x.dueDate)),
    ),
  );
}
