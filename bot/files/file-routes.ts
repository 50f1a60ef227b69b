// The signed download routes: GET /files/<kind>/<token> for the plan of a submitted revision, the head's
// written decision to proceed, the evaluation conclusion and the yearly report (.docx and .xlsx annex).
// The token (file-links.ts) is bound to the proposal (or unit) and expires, so only people given the link
// by the bot can download; a forged, expired or dangling link gets one answer that reveals nothing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type restify from 'restify';
import { renderOverrideDecisionFile } from '../../services/decisions/override-document.js';
import { renderPlanFile } from '../../services/documents/plan-file.js';
import { renderEvaluationFile } from '../../services/evaluation/evaluation-document.js';
import { DOCX_CONTENT_TYPE } from '../../services/platform/reply.js';
import { AnnualReportError, generateAnnualReport } from '../../services/reports/annual-report-service.js';
import type { RouteRegistration } from '../routes.js';
import { reportClaims } from './download-links.js';
import type { DownloadLinks } from './download-links.js';
import { PLAN_FILE_ROUTE, type FileLinkKind, type PlanLinkClaims } from './file-links.js';
import { sendFile, sendFileFailure, sendLinkRefused } from './signed-file-route.js';

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface File {
  name: string;
  content: Buffer;
  contentType: string;
}

/** One download route: a valid token's claims → the file, or null when it points at nothing. */
function download(server: restify.Server, links: DownloadLinks, kind: FileLinkKind, route: string, what: string, produce: (claims: PlanLinkClaims) => Promise<File | null>): void {
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
  const { dataSource, workflow, links } = container;
  const docx = (file: { name: string; content: Buffer } | null | undefined): File | null => (file ? { ...file, contentType: DOCX_CONTENT_TYPE } : null);

  download(server, links, 'plan', PLAN_FILE_ROUTE, 'plan', async (c) => docx(await renderPlanFile(dataSource, c.proposalId, c.revision, workflow)));
  download(server, links, 'decision', '/files/decision/:token', 'override decision', async (c) => docx(await renderOverrideDecisionFile(dataSource, c.proposalId)));
  download(server, links, 'evaluation', '/files/evaluation/:token', 'evaluation conclusion', async (c) => (c.revision === 0 ? docx(await renderEvaluationFile(dataSource, c.proposalId)) : null));
  download(server, links, 'report', '/files/report/:token', 'yearly report', async (c) => {
    const report = reportClaims(c.revision);
    if (!report) return null;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bao-cao-nam-'));
    try {
      const r = await generateAnnualReport(dataSource, { year: report.year, ...(report.province ? {} : { unitId: c.proposalId }), outDir: dir, config: workflow });
      const file = report.kind === 'docx' ? r.docxPath : r.xlsxPath;
      return { name: path.basename(file), contentType: report.kind === 'docx' ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE, content: await readFile(file) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
};
