import type { NeutralCard } from '../../services/platform/reply.js';
import { core, obstacles } from '../../services/platform/messages/index.js';

export const MENU_VERBS = {
  newProposal: 'menu.newProposal',
  myProposals: 'menu.myProposals',
  myTasks: 'menu.myTasks',
  /** Registered by bot/obstacles/ (the short "báo vướng mắc" dialog). */
  obstacle: 'menu.obstacle',
  help: 'menu.help',
} as const;

export function menuCard(): NeutralCard {
  return {
    title: core.menuTitle,
    body: [core.menuIntro],
    actions: [
      { title: core.menuNewProposal, verb: MENU_VERBS.newProposal, command: 'tạo đề xuất', style: 'positive' },
      { title: core.menuMyProposals, verb: MENU_VERBS.myProposals, command: 'đề xuất của tôi' },
      { title: core.menuMyTasks, verb: MENU_VERBS.myTasks, command: 'việc chờ tôi' },
      { title: obstacles.menuButton, verb: MENU_VERBS.obstacle, command: 'báo vướng mắc' },
      { title: core.menuHelp, verb: MENU_VERBS.help, command: 'hướng dẫn' },
    ],
  };
}
