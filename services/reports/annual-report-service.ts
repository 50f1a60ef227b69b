// The yearly report of a unit or of the province generated as two files: the Decree 30 .docx
// (annual-report-document.ts) and the .xlsx annex (annual-report-annex.ts), written at once. The narrative
// parts are annual-report-narrative.ts, the submissions annual-report-submissions.ts.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { todayVN } from '../calendar/local-date.js';
import { renderDocx } from '../documents/decree30-document.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import { computeAnnualFigures, type AnnualFigures } from './annual-report-figures.js';
import type { ReportScope } from './annual-report-scope.js';
import { obstacleReportBlocks } from '../obstacles/obstacle-report-section.js';
import { writeAnnex } from './annual-report-annex.js';
import { annualReportDocument } from './annual-report-document.js';
import { getNarrative } from './annual-report-narrative.js';
import { checkYear, resolveScope } from './annual-report-scope.js';
import { submissionStatus } from './annual-report-submissions.js';

export interface GenerateOptions {
  year: number;
  /** A unit code; absent → the province (issued by the Department of Home Affairs). */
  unitCode?: string;
  unitId?: string;
  outDir: string;
  /** The report's date (YYYY-MM-DD); default today in Vietnam. */
  date?: string;
  config: WorkflowConfig;
}

export interface GeneratedReport {
  docxPath: string;
  xlsxPath: string;
  figures: AnnualFigures;
  annexRows: number;
  /** Milliseconds per phase: the SQL figures (and scope, narrative, submissions), the .docx, the .xlsx annex (the last two run at once). */
  timings: { figuresMs: number; docxMs: number; annexMs: number };
}

export function reportFileBase(scope: ReportScope, year: number): string {
  const who = scope.kind === 'province' ? 'tinh' : scope.issuer.code.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `bao-cao-nam-${year}-${who}`;
}

/** Who signs: the head (or acting head) of the issuing unit. */
export async function signerOf(
  source: DataSource | EntityManager,
  unitId: string,
  config: WorkflowConfig,
): Promise<{ name: string; position: string } | null> {
  const head = await new RoutingService(source, config).headOf(unitId);
  if (!head) return null;
  const o: Officer = head.officer;
  return { name: o.fullName, position: head.acting ? `Q. ${o.positionTitle}` : o.positionTitle };
}

/** Computes the figures and writes `<base>.docx` and `<base>-phu-luc.xlsx` into outDir. */
export async function generateAnnualReport(ds: DataSource, options: GenerateOptions): Promise<GeneratedReport> {
  const config = options.config;
  checkYear(options.year);
  const started = performance.now();
  const { tree, scope } = await resolveScope(
    ds,
    { ...(options.unitCode ? { unitCode: options.unitCode } : {}), ...(options.unitId ? { unitId: options.unitId } : {}) },
    config,
  );
  const figures = await computeAnnualFigures(ds, tree, scope, options.year);
  const narrative = await getNarrative(ds, scope.issuer.id, options.year);
  const submissions = scope.kind === 'province' ? await submissionStatus(ds, options.year, config) : undefined;
  const parent = scope.issuer.parentId ? tree.units.get(scope.issuer.parentId) : undefined;
  const date = options.date ?? todayVN();
  const model = annualReportDocument({
    figures,
    narrative,
    date,
    signer: await signerOf(ds, scope.issuer.id, config),
    parentName: parent?.name ?? null,
    ...(submissions ? { submissions } : {}),
    config,
    obstacleBlocks: await obstacleReportBlocks(ds, tree, scope, options.year, config),
  });
  await mkdir(options.outDir, { recursive: true });
  const base = reportFileBase(scope, options.year);
  const docxPath = path.join(options.outDir, `${base}.docx`);
  const xlsxPath = path.join(options.outDir, `${base}-phu-luc.xlsx`);
  // The .docx is rendered in this process while the annex mostly waits for PostgreSQL: both at once.
  const figuresDone = performance.now();
  const timings = { figuresMs: Math.round(figuresDone - started), docxMs: 0, annexMs: 0 };
  const writeDocx = async () => {
    const docx = await renderDocx(model);
    await new Promise<void>((resolve, reject) => {
      const s = createWriteStream(docxPath);
      s.on('error', reject);
      s.end(docx, () => resolve());
    });
    timings.docxMs = Math.round(performance.now() - figuresDone);
  };
  const annex = async () => {
    const rows = await writeAnnex(ds, tree, figures, xlsxPath, config, submissions);
    timings.annexMs = Math.round(performance.now() - figuresDone);
    return rows;
  };
  const [, annexRows] = await Promise.all([writeDocx(), annex()]);
  return { docxPath, xlsxPath, figures, annexRows, timings };
}
