// GET /files/decision/<token>: the head's written decision to proceed (.docx). The token is the signed,
// expiring link of bot/files/file-links.ts, bound to the proposal (its revision field carries the
// decision's revision), so only people given the link by the bot can download it.
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { DOCX_CONTENT_TYPE } from './core/reply.js';
import type { AppServices } from './core/app-services.js';
import { logger } from './logger.js';
import { createPlanToken, verifyPlanToken } from './files/file-links.js';
import { renderOverrideDecisionFile } from '../services/decisions/override-document.js';

export const DECISION_FILE_ROUTE = '/files/decision/:token';
const baseUrls = new WeakMap<AppServices, () => string | undefined>();

export function registerDecisionFileRoutes(server: restify.Server, services: AppServices): void {
  baseUrls.set(services, () => {
    const address = server.server.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  });
  server.get(DECISION_FILE_ROUTE, async (req, res) => {
    const claims = verifyPlanToken(String(req.params.token ?? ''));
    try {
      const file = claims ? await renderOverrideDecisionFile(services.dataSource, claims.proposalId) : null;
      if (!file) {
        res.status(404);
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Đường dẫn không hợp lệ hoặc đã hết hạn.');
        return;
      }
      res.writeHead(200, {
        'content-type': DOCX_CONTENT_TYPE,
        'content-length': file.content.length,
        'content-disposition': `attachment; filename="${file.name}"`,
        'cache-control': 'private, no-store',
      });
      res.end(file.content);
    } catch (err) {
      logger.error({ err }, 'override decision document failed');
      res.status(500);
      res.end();
    }
  });
}

export function decisionFileUrl(services: AppServices, proposalId: string, revision: number): string {
  const base = (services.config.PUBLIC_BASE_URL ?? baseUrls.get(services)?.() ?? `http://127.0.0.1:${services.config.PORT}`).replace(/\/+$/, '');
  return `${base}/files/decision/${createPlanToken(proposalId, revision)}`;
}

/** For the route registry (bot/routes.ts). */
export const decisionFileRoute = (server: restify.Server, context: { services: AppServices }): void => registerDecisionFileRoutes(server, context.services);
