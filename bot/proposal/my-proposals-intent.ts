// "Đề xuất của tôi": the one list of the proposer's plans (drafts, returned, submitted and decided), with
// the status in Vietnamese, who holds it, the due date, the comments of a return, and per plan the actions
// that fit (the verbs are handled by the proposal-wizard feature). Registered once, here.
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { myProposalsCard } from './my-proposals-card.js';
import { wizard } from '../../services/platform/messages/wizard.js';
import { listMyProposals } from '../../services/proposals/my-proposals.js';

export function registerMyProposalsIntent(bot: BotApplication, container: Container): void {
  bot.intents.register('my_proposals', async (turn) => {
    const items = await listMyProposals(container.dataSource, turn.officer.id);
    if (!items.length) {
      await turn.send(wizard.mineEmpty);
      return;
    }
    await turn.send({ card: myProposalsCard(items) });
  });
}
