// The web channel's parts that live as long as the process: the conversation hub and adapter, sessions,
// and the signed one-time decision links. Built by the composition root; bot/web/web-routes.ts serves them.
import type { Database } from '../../entities/data-source.js';
import { createDecisionLinkMinter, DecisionLinkService, type DecisionLinkMinter } from '../../services/web-links/decision-link-service.js';
import { web as t } from '../../services/platform/messages/web.js';
import type { DownloadLinks } from '../files/download-links.js';
import { SessionStore } from './session-store.js';
import { WebAdapter } from './web-adapter.js';
import { WebConversationHub } from './web-conversation-hub.js';
import { InProcessEventBus, PgNotifyEventBus } from './web-event-bus.js';
import { WebEventLog } from './web-event-log.js';
import type { WebConfig } from './web-config.js';

export interface WebFace {
  config: WebConfig;
  adapter: WebAdapter;
  hub: WebConversationHub;
  links: DecisionLinkService;
  sessions: SessionStore;
  /** Mints a signed decision link and returns the URL to send. */
  mintDecisionLink: DecisionLinkMinter;
  /** Mints a link and returns the whole Vietnamese message that carries it (text channels, e.g. Zalo). */
  decisionLinkMessage(request: Parameters<DecisionLinkMinter>[0] & { code: string }): Promise<string>;
}

export function createWebFace(config: WebConfig, db: Database, addresses: DownloadLinks): WebFace {
  const dataSource = db.dataSource;
  // Events are stored either way; across processes they are announced with LISTEN/NOTIFY (PGlite is one process).
  const bus = db.kind === 'postgres' ? new PgNotifyEventBus(dataSource, db.pgOptions) : new InProcessEventBus();
  const hub = new WebConversationHub(new WebEventLog(dataSource), bus);
  const links = new DecisionLinkService(dataSource, { ttlHours: config.linkTtlHours });
  const mintDecisionLink: DecisionLinkMinter = (request) =>
    createDecisionLinkMinter(links, config.publicBaseUrl ?? addresses.base())(request);
  return {
    config,
    adapter: new WebAdapter(hub),
    hub,
    links,
    sessions: new SessionStore(dataSource, config.sessionHours, config.demo),
    mintDecisionLink,
    decisionLinkMessage: async ({ code, ...request }) =>
      t.linkNotice(code, await mintDecisionLink(request), request.ttlHours ?? config.linkTtlHours, request.scope),
  };
}
