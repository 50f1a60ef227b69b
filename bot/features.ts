// The features of the bot, registered on the one application. Each feature adds its intents,
// commands and dialogs; none of them knows which channel a turn came from.
import type { BotApplication } from './app.js';
import type { AppServices } from './core/app-services.js';
import { registerZaloLinkFeature } from './zalo/zalo-link-feature.js';
import { registerProposalWizard } from './proposal-wizard-feature.js';
import { registerDecisionFeature } from './decision-feature.js';
import { registerAfterDecisionFeature } from './after-decision-feature.js';
import { registerKnowledgeFeature } from './knowledge-feature.js';
import { registerMyProposalsFeature } from './my-proposals-feature.js';

export function registerFeatures(bot: BotApplication, services: AppServices): void {
  registerProposalWizard(bot, services);
  registerDecisionFeature(bot, services);
  registerMyProposalsFeature(bot, services);
  registerAfterDecisionFeature(bot, services); // after the decision feature: shares its notifier
  registerZaloLinkFeature(bot, services);
  registerKnowledgeFeature(bot, services);
}
