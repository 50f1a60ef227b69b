// After an approval: implementation (assignment, progress, obstacles, pause/resume/stop, completion), its
// card and notifications. The evaluation and the yearly report have folders of their own.
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { registerAssignByChoice } from './assign-by-choice.js';
import { FOLLOW_UP_NOTICE_KINDS, followUpNoticeRenderer } from './follow-up-notices.js';
import { followUpCards } from './follow-up-view.js';
import { registerImplementationActions } from './implementation-actions.js';

export function registerImplementationFeature(bot: BotApplication, container: Container): void {
  const cards = followUpCards(container);
  registerImplementationActions(bot, container, cards, registerAssignByChoice(bot, container, cards));
  container.notifier.registerRenderer(FOLLOW_UP_NOTICE_KINDS, followUpNoticeRenderer(container, cards));
}
