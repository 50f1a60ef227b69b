// GET /files/plan/<token>: the plan document of a submitted proposal, for the signed link the bot gives
// the proposer (see file-links.ts). The integrator calls registerFileRoutes(server, services) once when
// the restify server is created.
import type restify from 'restify';
import { DOCX_CONTENT_TYPE } from '../../services/platform/reply.js';
import type { AppServices } from '../core/app-services.js';
import { publicBaseUrl, rememberServerAddress, sendFile, sendFileFailure, sendLinkRefused } from './signed-file-route.js';
import { getWorkflowConfig } from '../../services/workflow/workflow-config.js';
import { createFileToken, planFilePath, PLAN_FILE_ROUTE, verifyFileToken } from './file-links.js';
import { renderPlanFile } from './plan-document.js';

export function registerFileRoutes(server: restify.Server, services: AppServices): void {
  rememberServerAddress(server, services);
  server.get(PLAN_FILE_ROUTE, async (req, res) => {
    const claims = verifyFileToken('plan', String(req.params.token ?? ''));
    if (!claims) return sendLinkRefused(res);
    try {
      const file = await renderPlanFile(services.dataSource, claims.proposalId, claims.revision, getWorkflowConfig());
      if (!file) return sendLinkRefused(res);
      sendFile(res, { ...file, contentType: DOCX_CONTENT_TYPE });
    } catch (err) {
      sendFileFailure(res, err, 'plan');
    }
  });
}

/** The public URL of a plan's document: PUBLIC_BASE_URL, or the address the server listens on. */
export function planFileUrl(services: AppServices, proposalId: string, revision: number): string {
  return `${publicBaseUrl(services)}${planFilePath(createFileToken('plan', proposalId, revision))}`;
}

/** The plan download route for the route registry (bot/routes.ts). */
export const planFileRoute = (server: restify.Server, context: { services: AppServices }): void => registerFileRoutes(server, context.services);
