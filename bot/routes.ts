// HTTP routes beside /api/messages: downloads, channel webhooks, web pages, metrics. One line per feature;
// each takes what it serves from the container.
import type restify from 'restify';
import type { Container } from './container.js';
import { zaloRoute } from './zalo/zalo-routes.js';
import { metricsRoute } from './http/metrics-route.js';
import { fileRoutes } from './files/file-routes.js';
import { webRoutes } from './web/web-routes.js';
import { campaignDelivery } from './campaigns/campaign-delivery-route.js';

export interface RouteContext {
  container: Container;
  /** The JSON body parser with the server's size limit, for routes that want a parsed body. */
  jsonBody: restify.RequestHandler[];
  /** Work to finish on shutdown (after HTTP stops, before the lock and database close): workers, pollers. */
  onClose: (hook: () => Promise<void>) => void;
}

export type RouteRegistration = (server: restify.Server, context: RouteContext) => void | Promise<void>;

export const defaultRoutes: RouteRegistration[] = [metricsRoute, fileRoutes, zaloRoute, webRoutes, campaignDelivery];
