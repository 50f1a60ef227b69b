// The features of the bot, registered on the one application by the composition root. Each feature adds
// its card verbs, typed commands, intents and notification renderers; none of them knows which channel a
// turn came from, and none depends on another being registered first.
import type { BotApplication } from './app.js';
import type { Container } from './container.js';
import { registerProposalFeature } from './proposal/index.js';
import { registerDecisionFeature } from './decision/index.js';
import { registerImplementationFeature } from './implementation/index.js';
import { registerEvaluationFeature } from './evaluation/index.js';
import { registerAnnualReportFeature } from './annual-report/index.js';
import { registerCampaignFeature } from './campaigns/index.js';
import { registerKnowledgeFeature } from './knowledge/index.js';
import { registerZaloLinkFeature } from './zalo/zalo-link-feature.js';
import { registerFileConsent } from './teams/file-consent.js';
import { registerObstacleFeature } from './obstacles/index.js';
import { registerPlanImportFeature } from './plan-import/index.js';
import { registerLibraryFeature } from './library/index.js';

export type Feature = (bot: BotApplication, container: Container) => void;

export const ALL_FEATURES: Feature[] = [
  registerProposalFeature,
  registerDecisionFeature,
  registerImplementationFeature,
  registerEvaluationFeature,
  registerAnnualReportFeature,
  registerCampaignFeature,
  registerObstacleFeature,
  registerZaloLinkFeature,
  registerKnowledgeFeature,
  registerFileConsent,
  registerPlanImportFeature,
  registerLibraryFeature,
];

export function registerFeatures(bot: BotApplication, container: Container, features: Feature[] = ALL_FEATURES): void {
  for (const feature of features) feature(bot, container);
}
