// GET /files/decision/<token>: the head's written decision to proceed (.docx). The token is the signed,
// expiring link of bot/files/file-links.ts, bound to the proposal (its revision field carries the
// decision's revision), so only people given the link by the bot can download it.
import type restify from 'restify';
import { DOCX_CONTENT_TYPE } from '../services/platform/reply.js';
import type { AppServices } from './core/app-services.js';
import { publicBaseUrl, rememberServerAddress, sendFile, sendFileFailure, sendLinkRefused } from './files/signed-file-route.js';
import { createFileToken, verifyFileToken } from './files/file-links.js';
import { renderOverrideDecisionFile } from '../services/decisions/override-document.js';

export const DECISION_FILE_ROUTE = '/files/decision/:token';

export function registerDecisionFileRoutes(server: restify.Server, services: AppServices): void {
  rememberServerAddress(server, services);
  server.get(DECISION_FILE_ROUTE, async (req, res) => {
    const claims = verifyFileToken('decision', String(req.params.token ?? ''));
    if (!claims) return sendLinkRefused(res);
    try {
      const file = await renderOverrideDecisionFile(services.dataSource, claims.proposalId);
      if (!file) return sendLinkRefused(res);
      sendFile(res, { ...file, contentType: DOCX_CONTENT_TYPE });
    } catch (err) {
      sendFileFailure(res, err, 'override decision');
    }
  });
}

export function decisionFileUrl(services: AppServices, proposalId: string, revision: number): string {
  return `${publicBaseUrl(services)}/files/decision/${createFileToken('decision', proposalId, revision)}`;
}

/** For the route registry (bot/routes.ts). */
export const decisionFileRoute = (server: restify.Server, context: { services: AppServices }): void => registerDecisionFileRoutes(server, context.services);
