// HTTP routes beside /api/messages: downloads, channel webhooks, web pages, metrics. One line per feature.
import type restify from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Database } from '../entities/data-source.js';
import type { BotApplication } from './app.js';
import type { AppConfig } from './config.js';
import type { AppServices } from './core/app-services.js';
import type { ConversationLock } from '../services/state/conversation-lock.js';
import { zaloRoute } from './zalo/zalo-routes.js';
import { metricsRoute } from './http/metrics-route.js';
import { planFileRoute } from './files/file-routes.js';
import { decisionFileRoute } from './decision-files.js';
import { afterDecisionFileRoute } from './after-decision-feature.js';
import { webRoutes } from './web/web-routes.js';

export interface RouteContext {
  config: AppConfig;
  db: Database;
  services: AppServices;
  bot: BotApplication;
  adapter: TeamsAdapter;
  /** The JSON body parser with the server's size limit, for routes that want a parsed body. */
  jsonBody: restify.RequestHandler[];
  /** The per-conversation turn lock of /api/messages, for channels whose turns arrive elsewhere (Zalo). */
  lock: ConversationLock;
  /** Work to finish on shutdown (after HTTP stops, before the lock and database close): workers, pollers. */
  onClose: (hook: () => Promise<void>) => void;
}

export type RouteRegistration = (server: restify.Server, context: RouteContext) => void | Promise<void>;

export const defaultRoutes: RouteRegistration[] = [metricsRoute, planFileRoute, decisionFileRoute, afterDecisionFileRoute, zaloRoute, webRoutes];
