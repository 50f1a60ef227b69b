import type { NeutralCard } from '../../services/platform/reply.js';
import { core } from '../../services/platform/messages/index.js';

export const MENU_VERBS = {
  newProposal: 'menu.newProposal',
  myProposals: 'menu.myProposals',
  myTasks: 'menu.myTasks',
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
      { title: core.menuHelp, verb: MENU_VERBS.help, command: 'hướng dẫn' },
    ],
  };
}
