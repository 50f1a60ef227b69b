// The composition root: builds every part of a bot process from one validated configuration and one
// database, and hands each part what it needs explicitly. bot/main.ts, the CLI, the tests and the bench
// all start here; nothing else constructs services, and nothing is looked up afterwards.
//
// Order: the Teams adapter, the policy answerer and the outsider desk (the identity step asks it about
// people the directory does not know) → the (still empty) application → the Zalo runtime and the web face, which
// run turns through that application → one gateway per channel → the one notifier → the domain
// services → the features, registered on the application.
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { DataSource } from 'typeorm';
import type { Database } from '../entities/data-source.js';
import { IdentityService } from '../services/directory/identity-service.js';
import { DecisionService } from '../services/decisions/decision-service.js';
import { EvaluationService } from '../services/evaluation/evaluation-service.js';
import { ImplementationService } from '../services/implementation/implementation-service.js';
import { CampaignDispatcher } from '../services/campaigns/campaign-dispatcher.js';
import { CampaignProgressService } from '../services/campaigns/campaign-progress.js';
import { CampaignService } from '../services/campaigns/campaign-service.js';
import { DashboardService } from '../services/dashboard/dashboard-service.js';
import { ObstacleService } from '../services/obstacles/obstacle-service.js';
import { createPolicyAnswerer, type PolicyAnswerer } from '../services/knowledge/policy-answerer.js';
import { ChannelGateways } from '../services/notifications/channel-gateway.js';
import { BotNotifier } from '../services/notifications/bot-notifier.js';
import { GraphAppInstaller } from '../services/notifications/graph-installer.js';
import { ProposalAccess } from '../services/proposals/proposal-access.js';
import { ProposalEvents } from '../services/proposals/proposal-events.js';
import { LibraryService } from '../services/library/library-service.js';
import { PlanWriter } from '../services/library/plan-writer.js';
import { PlanExtractor } from '../services/plan-import/plan-extractor.js';
import { RoutingService } from '../services/routing/routing-service.js';
import { AdvisoryConversationLock, InProcessConversationLock, type ConversationLock } from '../services/state/conversation-lock.js';
import { TypeOrmStorage } from '../services/state/typeorm-storage.js';
import type { WorkflowConfig } from '../services/workflow/workflow-config.js';
import type { FallbackDelivery } from '../services/zalo/zalo-outbox-service.js';
import { createBotApplication, type BotApplication } from './app.js';
import type { AppConfig } from './config.js';
import type { Configuration } from './configuration.js';
import { createAdapter } from './core/adapter.js';
import { DownloadLinks } from './files/download-links.js';
import { FileLinkSigner } from './files/file-links.js';
import { registerFeatures, type Feature } from './features.js';
import { buildKnowledgeParts, type KnowledgeParts } from './knowledge/knowledge-parts.js';
import { BotFrameworkTeamsGateway } from './teams/teams-gateway.js';
import { createWebFace, type WebFace } from './web/web-face.js';
import { WebGateway } from './web/web-gateway.js';
import { teamsFallbackDelivery } from './zalo/zalo-fallback.js';
import { ZaloGateway } from './zalo/zalo-gateway.js';
import { ZaloRuntime } from './zalo/zalo-runtime.js';

export interface Container {
  configuration: Configuration;
  /** configuration.app, the section every part reads. */
  config: AppConfig;
  workflow: WorkflowConfig;
  db: Database;
  dataSource: DataSource;
  adapter: TeamsAdapter;
  lock: ConversationLock;
  bot: BotApplication;
  links: DownloadLinks;
  gateways: ChannelGateways;
  notifier: BotNotifier;
  events: ProposalEvents;
  identity: IdentityService;
  /** Who may see which proposal. */
  access: ProposalAccess;
  routing: RoutingService;
  decisions: DecisionService;
  implementation: ImplementationService;
  evaluation: EvaluationService;
  /** Obstacle reports at any time ("báo vướng mắc"). */
  obstacles: ObstacleService;
  answerer: PolicyAnswerer;
  /** The demo's one-time import before the first answer, and the desk where outsiders ask about the law. */
  knowledge: KnowledgeParts;
  /** Dissemination campaigns: starting and receipts, progress, delivery in batches. */
  campaigns: { service: CampaignService; progress: CampaignProgressService; dispatcher: CampaignDispatcher };
  /** The province's library of innovations (issue 18). */
  library: LibraryService;
  /** "viết giúp" in the wizard: only with the answerer's LLM settings (LLM_BASE_URL, LLM_MODEL). */
  writer?: PlanWriter;
  /** Reads the parts a document's headings did not give (optional, the same LLM settings). */
  extractor?: PlanExtractor;
  /** The Zalo channels, when ZALO_* is configured. */
  zalo?: ZaloRuntime;
  /** The web face: the signed decision links always (they serve people chat cannot reach), the web chat
   * and the dashboard when WEB_CHAT_ENABLED (on in demo). */
  web: WebFace;
}

export interface ContainerOptions {
  configuration: Configuration;
  db: Database;
  /** The features to register; default: all of bot/features.ts (tests register fewer). */
  features?: Feature[];
  /** Delivery of a message Zalo refuses; default: the officer's 1:1 Teams conversation. null: none. */
  zaloFallback?: FallbackDelivery | null;
  /** How often the Zalo worker looks for due work (ms); 0: only when kicked. */
  zaloPollMs?: number;
}

export function buildContainer(options: ContainerOptions): Container {
  const { configuration, db } = options;
  const config = configuration.app;
  const workflow = configuration.workflow;
  const dataSource = db.dataSource;

  const identity = new IdentityService(dataSource);
  const adapter = createAdapter(config);
  const access = new ProposalAccess(dataSource, workflow);
  const answerer = createPolicyAnswerer(dataSource, { config: configuration.knowledge });
  const knowledge = buildKnowledgeParts(dataSource, answerer, configuration);
  const bot = createBotApplication({
    adapter,
    storage: new TypeOrmStorage(dataSource),
    config,
    identity,
    access,
    outsiders: knowledge.outsiders,
  });
  const lock: ConversationLock =
    db.kind === 'postgres'
      ? new AdvisoryConversationLock(db.pgOptions, config.TURN_LOCK_POOL_SIZE, { waitMs: config.TURN_LOCK_WAIT_MS })
      : new InProcessConversationLock();
  const links = new DownloadLinks(config.PUBLIC_BASE_URL, config.PORT, new FileLinkSigner(config.FILE_LINK_SECRET));
  const teams = new BotFrameworkTeamsGateway(adapter, config.MICROSOFT_APP_ID ?? '');

  const zaloConfigured = Boolean(configuration.zalo.oa || configuration.zalo.bot);
  const zalo = zaloConfigured
    ? new ZaloRuntime({
        dataSource,
        config: configuration.zalo,
        app: bot.app,
        lock,
        directoryContact: config.DIRECTORY_CONTACT,
        fallback: options.zaloFallback === undefined ? teamsFallbackDelivery(dataSource, teams) : (options.zaloFallback ?? undefined),
        pollMs: options.zaloPollMs,
      })
    : undefined;
  const web = createWebFace(configuration.web, db, links);

  const zaloGateway = zalo ? new ZaloGateway(zalo.adapter) : undefined;
  const gateways = new ChannelGateways(
    {
      zalo_oa: configuration.zalo.oa ? zaloGateway : undefined,
      zalo_bot: configuration.zalo.bot ? zaloGateway : undefined,
      web: configuration.web.enabled ? new WebGateway(web.adapter) : undefined,
    },
    teams,
  );
  const notifier = new BotNotifier(dataSource, gateways, {
    appId: config.MICROSOFT_APP_ID ?? '',
    tenantId: config.MICROSOFT_APP_TENANT_ID ?? undefined,
    graph: configuration.graph ? new GraphAppInstaller(configuration.graph) : null,
    ratePerSecond: configuration.delivery.ratePerSecond,
    ...(zalo?.templates ? { lastResort: zalo.templateByPhone } : {}),
  });
  const campaignDashboards = new DashboardService(dataSource, workflow.dashboard.provinceRoles);
  const dispatcher = new CampaignDispatcher(dataSource, notifier, { concurrency: configuration.delivery.concurrency });

  // Notifications a turn causes leave after it has answered, on every channel.
  const afterTurn = { onTurn: (_context: unknown, next: () => Promise<void>) => notifier.afterTurn(next) };
  adapter.use(afterTurn);
  zalo?.adapter.use(afterTurn);
  web?.adapter.use(afterTurn);

  const container: Container = {
    configuration,
    config,
    workflow,
    db,
    dataSource,
    adapter,
    lock,
    bot,
    links,
    gateways,
    notifier,
    events: new ProposalEvents(),
    identity,
    access,
    routing: new RoutingService(dataSource, workflow),
    decisions: new DecisionService(dataSource, notifier, { config: workflow }),
    implementation: new ImplementationService(dataSource, notifier, { config: workflow }),
    evaluation: new EvaluationService(dataSource, notifier, { config: workflow }),
    obstacles: new ObstacleService(dataSource, notifier, workflow),
    answerer,
    knowledge,
    campaigns: {
      service: new CampaignService(dataSource, campaignDashboards, () => dispatcher.kick()),
      progress: new CampaignProgressService(dataSource, campaignDashboards),
      dispatcher,
    },
    library: new LibraryService(dataSource),
    ...(configuration.knowledge.llm
      ? { writer: new PlanWriter(configuration.knowledge.llm), extractor: new PlanExtractor(configuration.knowledge.llm) }
      : {}),
    ...(zalo ? { zalo } : {}),
    web,
  };
  registerFeatures(bot, container, options.features);
  return container;
}
