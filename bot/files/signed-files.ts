// What each signed link kind serves: the route (file-routes.ts) and the Teams file-consent upload
// (teams/file-consent.ts) produce the same bytes from the same token, so one signed link is the only
// thing a message has to carry.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderOverrideDecisionFile } from '../../services/decisions/override-document.js';
import { renderPlanFile } from '../../services/documents/plan-file.js';
import { renderEvaluationFile } from '../../services/evaluation/evaluation-document.js';
import { DOCX_CONTENT_TYPE } from '../../services/platform/reply.js';
import { generateAnnualReport } from '../../services/reports/annual-report-service.js';
import type { Container } from '../container.js';
import { reportClaims } from './download-links.js';
import type { DownloadLinks } from './download-links.js';
import type { FileLinkKind, PlanLinkClaims } from './file-links.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SignedFile {
  name: string;
  content: Buffer;
  contentType: string;
}

export type FileProducer = (claims: PlanLinkClaims) => Promise<SignedFile | null>;

export function signedFileProducers(container: Pick<Container, 'dataSource' | 'workflow'>): Record<FileLinkKind, FileProducer> {
  const { dataSource, workflow } = container;
  const docx = (file: { name: string; content: Buffer } | null | undefined): SignedFile | null =>
    file ? { ...file, contentType: DOCX_CONTENT_TYPE } : null;
  return {
    plan: async (c) => docx(await renderPlanFile(dataSource, c.proposalId, c.revision, workflow)),
    decision: async (c) => docx(await renderOverrideDecisionFile(dataSource, c.proposalId)),
    evaluation: async (c) => (c.revision === 0 ? docx(await renderEvaluationFile(dataSource, c.proposalId)) : null),
    report: async (c) => {
      const report = reportClaims(c.revision);
      if (!report) return null;
      const dir = await mkdtemp(path.join(os.tmpdir(), 'bao-cao-nam-'));
      try {
        const r = await generateAnnualReport(dataSource, {
          year: report.year,
          ...(report.province ? {} : { unitId: c.proposalId }),
          outDir: dir,
          config: workflow,
        });
        const file = report.kind === 'docx' ? r.docxPath : r.xlsxPath;
        return {
          name: path.basename(file),
          contentType: report.kind === 'docx' ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
          content: await readFile(file),
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

const KINDS: readonly FileLinkKind[] = ['plan', 'decision', 'evaluation', 'report'];

/** The file a signed link of ours names (any host: only the path and its signature count); null otherwise. */
export async function resolveSignedLink(
  producers: Record<FileLinkKind, FileProducer>,
  links: DownloadLinks,
  link: string,
): Promise<SignedFile | null> {
  let pathname: string;
  try {
    pathname = new URL(link).pathname;
  } catch {
    return null;
  }
  const m = /^\/files\/([a-z]+)\/([^/]+)$/.exec(pathname);
  const kind = m?.[1] as FileLinkKind | undefined;
  if (!m || !kind || !KINDS.includes(kind)) return null;
  const claims = links.verify(kind, decodeURIComponent(m[2]!));
  return claims ? producers[kind](claims) : null;
}
