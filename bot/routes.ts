// HTTP routes beside /api/messages: downloads, channel webhooks, web pages, metrics. One line per feature.
import type restify from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Database } from '../entities/data-source.js';
import type { BotApplication } from './app.js';
import type { AppConfig } from './config.js';
import type { AppServices } from './core/app-services.js';
import { metricsRoute } from './metrics.js';
import { planFileRoute } from './files/file-routes.js';

export interface RouteContext {
  config: AppConfig;
  db: Database;
  services: AppServices;
  bot: BotApplication;
  adapter: TeamsAdapter;
  /** The JSON body parser with the server's size limit, for routes that want a parsed body. */
  jsonBody: restify.RequestHandler[];
}

export type RouteRegistration = (server: restify.Server, context: RouteContext) => void | Promise<void>;

export const defaultRoutes: RouteRegistration[] = [metricsRoute, planFileRoute];
