// The signed download routes: GET /files/<kind>/<token> for the plan of a submitted revision, the head's
// written decision to proceed, the evaluation conclusion and the yearly report (.docx and .xlsx annex).
// The token (file-links.ts) is bound to the proposal (or unit) and expires, so only people given the link
// by the bot can download; a forged, expired or dangling link gets one answer that reveals nothing.
import type restify from 'restify';
import { AnnualReportError } from '../../services/reports/annual-report-scope.js';
import type { RouteRegistration } from '../routes.js';
import type { DownloadLinks } from './download-links.js';
import { PLAN_FILE_ROUTE, type FileLinkKind } from './file-links.js';
import { signedFileProducers, type FileProducer } from './signed-files.js';
import { sendFile, sendFileFailure, sendLinkRefused } from './signed-file-route.js';

/** One download route: a valid token's claims → the file, or null when it points at nothing. */
function download(
  server: restify.Server,
  links: DownloadLinks,
  kind: FileLinkKind,
  route: string,
  what: string,
  produce: FileProducer,
): void {
  server.get(route, async (req, res) => {
    const claims = links.verify(kind, String(req.params.token ?? ''));
    if (!claims) return sendLinkRefused(res);
    try {
      const file = await produce(claims);
      if (!file) return sendLinkRefused(res);
      sendFile(res, file);
    } catch (err) {
      if (err instanceof AnnualReportError) return sendLinkRefused(res);
      sendFileFailure(res, err, what);
    }
  });
}

export const fileRoutes: RouteRegistration = (server, { container }) => {
  const produce = signedFileProducers(container);
  download(server, container.links, 'plan', PLAN_FILE_ROUTE, 'plan', produce.plan);
  download(server, container.links, 'decision', '/files/decision/:token', 'override decision', produce.decision);
  download(server, container.links, 'evaluation', '/files/evaluation/:token', 'evaluation conclusion', produce.evaluation);
  download(server, container.links, 'report', '/files/report/:token', 'yearly report', produce.report);
};
