// GET /files/plan/<token>: the plan document of a submitted proposal, for the signed link the bot gives
// the proposer (see file-links.ts). The integrator calls registerFileRoutes(server, services) once when
// the restify server is created.
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { DOCX_CONTENT_TYPE } from '../core/reply.js';
import type { AppServices } from '../core/app-services.js';
import { logger } from '../logger.js';
import { getWorkflowConfig } from '../../services/workflow/workflow-config.js';
import { createPlanToken, planFilePath, PLAN_FILE_ROUTE, verifyPlanToken } from './file-links.js';
import { renderPlanFile } from './plan-document.js';

const baseUrls = new WeakMap<AppServices, () => string | undefined>();

export function registerFileRoutes(server: restify.Server, services: AppServices): void {
  baseUrls.set(services, () => {
    const address = server.server.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  });
  server.get(PLAN_FILE_ROUTE, async (req, res) => {
    const claims = verifyPlanToken(String(req.params.token ?? ''));
    if (!claims) {
      res.status(404);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Đường dẫn không hợp lệ hoặc đã hết hạn.');
      return;
    }
    try {
      const file = await renderPlanFile(services.dataSource, claims.proposalId, claims.revision, getWorkflowConfig());
      if (!file) {
        res.status(404);
        res.end();
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
      logger.error({ err }, 'plan document failed');
      res.status(500);
      res.end();
    }
  });
}

/** The public URL of a plan's document: PUBLIC_BASE_URL, or the address the server listens on. */
export function planFileUrl(services: AppServices, proposalId: string, revision: number): string {
  const base = (services.config.PUBLIC_BASE_URL ?? baseUrls.get(services)?.() ?? `http://127.0.0.1:${services.config.PORT}`).replace(/\/+$/, '');
  return `${base}${planFilePath(createPlanToken(proposalId, revision))}`;
}

/** The plan download route for the route registry (bot/routes.ts). */
export const planFileRoute = (server: restify.Server, context: { services: AppServices }): void => registerFileRoutes(server, context.services);
