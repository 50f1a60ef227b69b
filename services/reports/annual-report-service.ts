// The yearly report of a unit or of the province: the narrative parts the unit writes (stored per unit and
// year), the Decree 30 .docx, the .xlsx annex (one row per proposal, streamed; totals per unit), and the
// submission status that the Department of Home Affairs tracks.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { AnnualReport } from '../../entities/annual-report.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { formatDateVN, todayVN, toLocalDate } from '../calendar/local-date.js';
import { renderDocx, type AdministrativeDocument, type DocumentBlock } from '../documents/decree30-document.js';
import { DECREE_73_FULL, headerFor } from '../documents/document-parts.js';
import { OUTCOME_RULES } from '../documents/evaluation-conclusion-document.js';
import { RoutingService } from '../routing/routing-service.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import {
  computeAnnualFigures,
  loadUnitTree,
  memberUnitIds,
  provinceScope,
  scopeFilter,
  unitScope,
  unitsThatReport,
  yearBounds,
  type AnnualFigures,
  type ReportScope,
  type ReportUnit,
  type UnitFigures,
  type UnitTree,
} from './annual-report-figures.js';
import { writeXlsx, type XlsxCell } from './xlsx-stream.js';
import { CAMPAIGN_COLUMNS, campaignBlocks } from './annual-campaign-figures.js';
import { obstacleReportBlocks } from '../obstacles/obstacle-report-section.js';

export const NARRATIVE_PARTS = ['dissemination', 'training', 'recommendations'] as const;
export type NarrativePart = (typeof NARRATIVE_PARTS)[number];
export const NARRATIVE_MAX_LENGTH = 8000;
/**
 * Rows per FETCH of the annex cursor. Small enough that a page dies young in V8's new space (at 10,000 the
 * rows of a page outlived scavenges and piled up in the old generation: +45 MB more at 100,000 rows).
 */
export const ANNEX_PAGE_SIZE = 1_000;
/**
 * Deflate level of the annex: 1, the fastest. On the 100,000-row list (58 MB of XML) level 6 took 2.3× as
 * long (5.3 s against 2.3 s on the loaded 2-core bench machine, in zlib's thread pool) for a file 21% smaller
 * (5.1 MB against 6.5 MB): the annex is written once and sent once, so speed wins. No compression at all
 * would need the sizes before the data (or stored entries with a data descriptor, which some readers refuse).
 */
export const ANNEX_DEFLATE_LEVEL = 1;

export const STATUS_LABELS_VN: Record<string, string> = {
  submitted: 'Đã gửi, đang chuyển',
  routing_failed: 'Chờ Sở Nội vụ xác định người xem xét',
  in_intake: 'Sở Nội vụ đang tiếp nhận',
  under_review: 'Đang xem xét',
  party_consultation: 'Đang xin ý kiến cấp ủy',
  voting: 'Đang biểu quyết',
  returned: 'Trả lại để bổ sung',
  approved: 'Đã phê duyệt, chờ giao thực hiện',
  approved_by_override: 'Người đứng đầu quyết định thực hiện, chờ giao thực hiện',
  rejected: 'Không được thông qua',
  implementing: 'Đang triển khai',
  paused: 'Tạm dừng',
  stopped: 'Đã dừng',
  completion_reported: 'Đã báo cáo hoàn thành, chờ đánh giá',
  evaluating: 'Đang đánh giá',
  evaluated: 'Đã đánh giá, chờ ghi nhận khuyến khích',
  closed: 'Đã kết thúc',
  withdrawn: 'Đã rút',
};

const PROVISION_TEXT: Record<string, string> = {
  '11.1': 'khoản 1 Điều 11',
  '11.2': 'khoản 2 Điều 11',
  '11.3': 'khoản 3 Điều 11',
};

export interface Narrative {
  dissemination: string | null;
  training: string | null;
  recommendations: string | null;
  documentNumber: string | null;
  submittedAt: Date | null;
}

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

export class AnnualReportError extends Error {
  constructor(
    readonly code: 'unknown_unit' | 'not_reporting_unit' | 'no_home_affairs' | 'invalid_year',
    message: string,
  ) {
    super(message);
    this.name = 'AnnualReportError';
  }
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2023 || year > 2100)
    throw new AnnualReportError('invalid_year', `Năm báo cáo không hợp lệ: ${year} (từ 2023, năm Nghị định 73/2023/NĐ-CP có hiệu lực).`);
}

/** Resolves the scope: a unit by code or id (its employing unit and the employing units below it), or the province. */
export async function resolveScope(
  source: DataSource | EntityManager,
  options: { unitCode?: string; unitId?: string },
  config: WorkflowConfig,
): Promise<{ tree: UnitTree; scope: ReportScope }> {
  const tree = await loadUnitTree(source, config);
  if (!options.unitCode && !options.unitId) {
    const scope = provinceScope(tree);
    if (!scope) throw new AnnualReportError('no_home_affairs', 'Danh bạ chưa có Sở Nội vụ (đơn vị tổng hợp báo cáo của tỉnh).');
    return { tree, scope };
  }
  const unit = options.unitId
    ? tree.units.get(options.unitId)
    : [...tree.units.values()].find((u) => u.code.toLowerCase() === options.unitCode!.trim().toLowerCase());
  if (!unit) throw new AnnualReportError('unknown_unit', `Không tìm thấy đơn vị có mã “${options.unitCode ?? options.unitId}”.`);
  const reporting = tree.reportingUnitOf.get(unit.id);
  if (reporting !== unit.id) {
    const parent = reporting ? tree.units.get(reporting) : undefined;
    throw new AnnualReportError(
      'not_reporting_unit',
      `${unit.name} không tự lập báo cáo năm${parent ? `: báo cáo do ${parent.name} (mã ${parent.code}) lập` : ''}.`,
    );
  }
  return { tree, scope: unitScope(tree, unit) };
}

// ---- narrative and submission ------------------------------------------------------------------------

export async function getNarrative(source: DataSource | EntityManager, unitId: string, year: number): Promise<Narrative> {
  const row = await source.getRepository(AnnualReport).findOne({ where: { unitId, year } });
  return {
    dissemination: row?.dissemination ?? null,
    training: row?.training ?? null,
    recommendations: row?.recommendations ?? null,
    documentNumber: row?.documentNumber ?? null,
    submittedAt: row?.submittedAt ?? null,
  };
}

/** Stores one narrative part (upsert per unit and year). */
export async function setNarrative(
  source: DataSource | EntityManager,
  unitId: string,
  year: number,
  part: NarrativePart | 'documentNumber',
  text: string,
  officerId: string | null,
): Promise<void> {
  checkYear(year);
  const value = text.trim().slice(0, part === 'documentNumber' ? 32 : NARRATIVE_MAX_LENGTH) || null;
  const column = {
    dissemination: 'dissemination',
    training: 'training',
    recommendations: 'recommendations',
    documentNumber: 'document_number',
  }[part];
  await source.query(
    `INSERT INTO annual_report (unit_id, year, ${column}, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (unit_id, year) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [unitId, year, value, officerId],
  );
}

/** Marks the unit's report as submitted (idempotent: the first submission time stays). Returns whether it is new. */
export async function markSubmitted(
  source: DataSource | EntityManager,
  unitId: string,
  year: number,
  officerId: string | null,
): Promise<boolean> {
  checkYear(year);
  const rows = (await source.query(
    `INSERT INTO annual_report (unit_id, year, submitted_at, submitted_by, updated_by) VALUES ($1, $2, now(), $3, $3)
     ON CONFLICT (unit_id, year) DO UPDATE SET submitted_at = now(), submitted_by = EXCLUDED.submitted_by, updated_at = now()
       WHERE annual_report.submitted_at IS NULL
     RETURNING id`,
    [unitId, year, officerId],
  )) as { id: string }[];
  return rows.length > 0;
}

export interface SubmissionStatus {
  unit: ReportUnit;
  submittedAt: Date | null;
}

/** Every unit that must report, with its submission time for the year. */
export async function submissionStatus(
  source: DataSource | EntityManager,
  year: number,
  config: WorkflowConfig,
): Promise<SubmissionStatus[]> {
  const tree = await loadUnitTree(source, config);
  const rows = (await source.query(`SELECT unit_id, submitted_at FROM annual_report WHERE year = $1 AND submitted_at IS NOT NULL`, [
    year,
  ])) as { unit_id: string; submitted_at: Date }[];
  const byUnit = new Map(rows.map((r) => [r.unit_id, new Date(r.submitted_at)]));
  return unitsThatReport(tree, config).map((unit) => ({ unit, submittedAt: byUnit.get(unit.id) ?? null }));
}

// ---- the document ------------------------------------------------------------------------------------

function n(x: number): string {
  return x.toLocaleString('vi-VN');
}

function planRows(f: UnitFigures): string[][] {
  const p = f.plans;
  return [
    ['1', 'Kế hoạch đề xuất tiếp nhận trong năm', n(p.received)],
    ['2', 'Được phê duyệt (tập thể lãnh đạo thông qua hoặc người đứng đầu quyết định bằng văn bản)', n(p.approved)],
    ['', 'Trong đó: người đứng đầu quyết định thực hiện khi tập thể không thông qua (khoản 1 Điều 8)', n(p.approvedByOverride)],
    ['3', 'Không được thông qua', n(p.rejected)],
    ['4', 'Đang xem xét (chưa có quyết định)', n(p.underConsideration)],
    ['5', 'Đang triển khai (kể cả chờ giao thực hiện, tạm dừng)', n(p.inProgress)],
    ['6', 'Đã báo cáo hoàn thành, đang đánh giá', n(p.underEvaluation)],
    ['7', 'Đã đánh giá: hoàn thành', n(p.completed)],
    ['8', 'Đã đánh giá: không hoàn thành hoặc hoàn thành một phần', n(p.notCompleted)],
    ['9', 'Đã đánh giá: không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm (không được bảo vệ)', n(p.notByPolicy)],
    ['10', 'Dừng thực hiện', n(p.stopped)],
    ['11', 'Người đề xuất rút', n(p.withdrawn)],
  ];
}

function narrativeOr(text: string | null | undefined): string {
  return text?.trim() ? text.trim() : 'Đơn vị chưa cập nhật nội dung này.';
}

export interface DocumentContext {
  figures: AnnualFigures;
  narrative: Narrative;
  date: string;
  signer: { name: string; position: string } | null;
  parentName: string | null;
  submissions?: SubmissionStatus[];
  config: WorkflowConfig;
  /** Obstacle reports of the officials in scope (services/obstacles/obstacle-report-section.ts). */
  obstacleBlocks?: DocumentBlock[];
}

export function annualReportDocument(ctx: DocumentContext): AdministrativeDocument {
  const { figures, narrative, config } = ctx;
  const { scope, total, year } = figures;
  const issuer = scope.issuer;
  const province = scope.kind === 'province';
  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Thực hiện ${DECREE_73_FULL} và chỉ đạo của Ủy ban nhân dân tỉnh Lào Cai về việc báo cáo hằng năm (trước ngày ${config.annualReport.dueDate}), ${province ? 'Sở Nội vụ tổng hợp, báo cáo' : `${issuer.name} báo cáo`} kết quả thực hiện năm ${year} như sau:`,
    },
    {
      type: 'paragraph',
      italic: true,
      text: `Số liệu lấy từ cơ sở dữ liệu của Trợ lý Đổi mới ngày ${formatDateVN(ctx.date)}: kế hoạch đề xuất tính theo ngày tiếp nhận trong năm ${year} và trạng thái tại ngày lập báo cáo; kết quả đánh giá, khuyến khích, bảo vệ và khó khăn, vướng mắc tính theo ngày ghi nhận trong năm.`,
    },
    { type: 'heading', level: 1, text: 'I. Công tác tuyên truyền, phổ biến và đào tạo, bồi dưỡng' },
    { type: 'heading', level: 2, text: '1. Tuyên truyền, phổ biến Nghị định số 73/2023/NĐ-CP và Quy định số 32-QĐ/TU' },
    { type: 'paragraph', text: narrativeOr(narrative.dissemination) },
    ...campaignBlocks(figures.campaigns, scope),
    { type: 'heading', level: 2, text: '2. Đào tạo, bồi dưỡng về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, trí tuệ nhân tạo' },
    { type: 'paragraph', text: narrativeOr(narrative.training) },
    { type: 'heading', level: 1, text: 'II. Kết quả tiếp nhận, xem xét và triển khai kế hoạch đề xuất đổi mới, sáng tạo' },
    { type: 'table', columns: ['TT', 'Chỉ tiêu', 'Số lượng'], widths: [1, 8, 2], rows: planRows(total) },
    { type: 'heading', level: 1, text: 'III. Kết quả đánh giá kết quả thực hiện đề xuất' },
    {
      type: 'table',
      columns: ['TT', 'Kết quả đánh giá', 'Số đề xuất'],
      widths: [1, 8, 2],
      rows: [
        ['1', OUTCOME_RULES.completed.label, n(total.evaluations.completed)],
        ['2', OUTCOME_RULES.not_completed_pure_motive.label, n(total.evaluations.notCompletedPureMotive)],
        ['3', OUTCOME_RULES.not_completed_with_damage.label, n(total.evaluations.notCompletedWithDamage)],
        ['4', OUTCOME_RULES.not_by_policy.label, n(total.evaluations.notByPolicy)],
      ],
    },
    { type: 'heading', level: 1, text: 'IV. Khuyến khích và bảo vệ cán bộ' },
    { type: 'heading', level: 2, text: `1. Khuyến khích (Điều 10): ${n(total.recognitionCases)} trường hợp được ghi nhận` },
    {
      type: 'table',
      columns: ['TT', 'Hình thức', 'Số lượt'],
      widths: [1, 8, 2],
      rows: config.recognitionOptions.map((o, i) => [String(i + 1), o.label, n(total.recognitions[o.code] ?? 0)]),
    },
    {
      type: 'paragraph',
      italic: true,
      text: 'Các hình thức khuyến khích lấy theo danh mục cấu hình, căn cứ Điều 10 Nghị định số 73/2023/NĐ-CP theo bản diễn giải: cần đối chiếu văn bản chính thức.',
    },
    { type: 'heading', level: 2, text: '2. Bảo vệ (Điều 11)' },
    {
      type: 'table',
      columns: ['Căn cứ', 'Nội dung bảo vệ', 'Số trường hợp'],
      widths: [2, 7, 2],
      rows: (['11.1', '11.2', '11.3'] as const).map((k) => {
        const rule =
          k === '11.1'
            ? OUTCOME_RULES.completed
            : k === '11.2'
              ? OUTCOME_RULES.not_completed_pure_motive
              : OUTCOME_RULES.not_completed_with_damage;
        return [PROVISION_TEXT[k]!, rule.protection, n(total.protections[k] ?? 0)];
      }),
    },
    { type: 'heading', level: 1, text: 'V. Khó khăn, vướng mắc và kiến nghị, đề xuất' },
    { type: 'heading', level: 2, text: `1. Khó khăn, vướng mắc trong triển khai đề xuất: ${n(total.obstacles)} lượt báo cáo` },
  ];
  if (figures.obstacleItems.length) {
    blocks.push({
      type: 'bullets',
      items: figures.obstacleItems.map(
        (o) =>
          `${o.code}${province && o.unitName ? ` (${o.unitName})` : ''}, ngày ${formatDateVN(o.reportedOn)}: ${o.text.replace(/\s+/g, ' ').trim()}`,
      ),
    });
    if (total.obstacles > figures.obstacleItems.length)
      blocks.push({
        type: 'paragraph',
        italic: true,
        text: `(Nêu ${figures.obstacleItems.length} vướng mắc gần nhất; danh sách đầy đủ trong cơ sở dữ liệu.)`,
      });
  } else {
    blocks.push({ type: 'paragraph', text: 'Không có báo cáo vướng mắc trong năm.' });
  }
  if (ctx.obstacleBlocks?.length) blocks.push(...ctx.obstacleBlocks);
  blocks.push(
    { type: 'heading', level: 2, text: `${ctx.obstacleBlocks?.length ? '3' : '2'}. Kiến nghị, đề xuất` },
    { type: 'paragraph', text: narrativeOr(narrative.recommendations) },
  );
  if (province && ctx.submissions) {
    const done = ctx.submissions.filter((s) => s.submittedAt);
    const missing = ctx.submissions.filter((s) => !s.submittedAt);
    blocks.push(
      { type: 'heading', level: 1, text: 'VI. Tình hình gửi báo cáo của các cơ quan, đơn vị' },
      { type: 'paragraph', text: `${n(done.length)}/${n(ctx.submissions.length)} cơ quan, đơn vị đã gửi báo cáo năm ${year}.` },
    );
    if (missing.length) blocks.push({ type: 'paragraph', text: `Chưa gửi: ${missing.map((s) => s.unit.name).join('; ')}.` });
  }
  if (scope.reportingUnits.length > 1) {
    blocks.push({
      type: 'paragraph',
      italic: true,
      text: `Số liệu chi tiết theo từng đề xuất và tổng hợp theo ${n(scope.reportingUnits.length)} cơ quan, đơn vị tại Phụ lục (tệp Excel kèm theo).`,
    });
  } else {
    blocks.push({ type: 'paragraph', italic: true, text: 'Danh sách từng đề xuất tại Phụ lục (tệp Excel kèm theo).' });
  }
  const title = `Kết quả thực hiện việc khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung năm ${year}`;
  const signer = ctx.signer ?? { name: '', position: 'Thủ trưởng cơ quan' };
  return {
    header: headerFor(
      {
        name: issuer.name,
        ...(ctx.parentName ? { superiorAgency: ctx.parentName } : {}),
        ...(/^[A-Z0-9]{2,12}$/.test(issuer.code) ? { code: issuer.code } : {}),
      },
      { date: ctx.date, ...(narrative.documentNumber ? { number: narrative.documentNumber } : {}) },
      'BC',
    ),
    title: 'Báo cáo',
    subtitle: title,
    blocks,
    signature: { position: signer.position.toLocaleUpperCase('vi'), name: signer.name || ' ' },
    recipients: province
      ? ['Ủy ban nhân dân tỉnh (để báo cáo);', 'Các cơ quan, đơn vị;', 'Lưu: VT.']
      : ['Ủy ban nhân dân tỉnh (qua Sở Nội vụ);', 'Lưu: VT.'],
  };
}

// ---- the annex ---------------------------------------------------------------------------------------

const TOTAL_COLUMNS: { header: string; width: number; get: (f: UnitFigures) => number }[] = [
  { header: 'Tiếp nhận', width: 11, get: (f) => f.plans.received },
  { header: 'Phê duyệt', width: 11, get: (f) => f.plans.approved },
  { header: 'Trong đó: quyết định khi tập thể không thông qua', width: 16, get: (f) => f.plans.approvedByOverride },
  { header: 'Không thông qua', width: 11, get: (f) => f.plans.rejected },
  { header: 'Đang xem xét', width: 11, get: (f) => f.plans.underConsideration },
  { header: 'Đang triển khai', width: 11, get: (f) => f.plans.inProgress },
  { header: 'Đang đánh giá', width: 11, get: (f) => f.plans.underEvaluation },
  { header: 'Hoàn thành', width: 11, get: (f) => f.plans.completed },
  { header: 'Không/một phần hoàn thành', width: 14, get: (f) => f.plans.notCompleted },
  { header: 'Không đúng chủ trương, quy định', width: 14, get: (f) => f.plans.notByPolicy },
  { header: 'Dừng', width: 8, get: (f) => f.plans.stopped },
  { header: 'Đánh giá trong năm: hoàn thành', width: 14, get: (f) => f.evaluations.completed },
  { header: 'Đánh giá: khoản 2 Điều 11', width: 14, get: (f) => f.evaluations.notCompletedPureMotive },
  { header: 'Đánh giá: khoản 3 Điều 11', width: 14, get: (f) => f.evaluations.notCompletedWithDamage },
  { header: 'Đánh giá: không được bảo vệ (kết quả 4)', width: 14, get: (f) => f.evaluations.notByPolicy },
  { header: 'Được khuyến khích', width: 12, get: (f) => f.recognitionCases },
  { header: 'Vướng mắc', width: 10, get: (f) => f.obstacles },
];

interface AnnexRow {
  code: string;
  title: string | null;
  unit_id: string;
  field: string | null;
  status: string;
  full_name: string;
  submitted_on: string;
  outcome: string | null;
  provision: string | null;
  /** The labels of the recognition forms, joined in SQL. */
  recognitions: string | null;
}

export const ANNEX_SHEETS = { totals: 'Tổng hợp theo đơn vị', list: 'Danh sách đề xuất' } as const;
export const ANNEX_LIST_COLUMNS = [
  'STT',
  'Mã đề xuất',
  'Tên đề xuất',
  'Đơn vị',
  'Lĩnh vực',
  'Người đề xuất',
  'Ngày tiếp nhận',
  'Trạng thái',
  'Kết quả đánh giá',
  'Căn cứ bảo vệ',
  'Hình thức khuyến khích',
];

/**
 * Writes the annex: the totals sheet (one row per reporting unit and the total) and the list sheet (one row
 * per proposal), through the streaming writer of xlsx-stream.ts. The list is read through a server-side
 * cursor ordered by the proposal code, each page fetched only when the file has taken the rows before it
 * (the next page is prefetched while one is written), so memory stays bounded whatever the number of
 * proposals.
 * Returns the number of proposal rows.
 */
export async function writeAnnex(
  source: DataSource | EntityManager,
  tree: UnitTree,
  figures: AnnualFigures,
  target: string | Writable,
  config: WorkflowConfig,
  submissions?: SubmissionStatus[],
  pageSize: number = ANNEX_PAGE_SIZE,
): Promise<number> {
  const submittedAt = new Map((submissions ?? []).map((s) => [s.unit.id, s.submittedAt]));
  const totalRows: XlsxCell[][] = figures.scope.reportingUnits.map((u) => {
    const f = figures.perUnit.get(u.id)!;
    const s = submittedAt.get(u.id);
    const campaign = figures.campaigns.perUnit.get(u.id)!;
    return [
      u.code,
      u.name,
      ...TOTAL_COLUMNS.map((c) => c.get(f)),
      ...CAMPAIGN_COLUMNS.map((c) => c.get(campaign)),
      ...(submissions ? [s ? formatDateVN(toLocalDate(s)) : 'Chưa gửi'] : []),
    ];
  });
  totalRows.push([
    '',
    'Tổng cộng',
    ...TOTAL_COLUMNS.map((c) => c.get(figures.total)),
    ...CAMPAIGN_COLUMNS.map((c) => c.get(figures.campaigns.total)),
  ]);

  const units = memberUnitIds(tree, figures.scope);
  const unitFilter = scopeFilter(tree, figures.scope, units);
  const { start, end } = yearBounds(figures.year);
  const limit = Math.max(1, Math.floor(pageSize));
  // One query read through a server-side cursor, FETCH by FETCH, in a read-only transaction: planned once,
  // one snapshot for the whole list, and only `pageSize` rows in memory at a time (the next FETCH is sent
  // while a page is written). Ordered by the proposal code (unique index: a fast-start plan).
  const unitNames = new Map<string, string>();
  for (const [unitId, reportId] of tree.reportingUnitOf) unitNames.set(unitId, tree.units.get(reportId)?.name ?? '');
  const fieldNames = new Map(config.fields.map((f) => [f.code, f.label]));
  let count = 0;
  async function* listRows(): AsyncGenerator<XlsxCell[][]> {
    if (!units.length) return;
    const outer = (source as EntityManager).queryRunner;
    const shared = outer && !outer.isReleased && outer.isTransactionActive ? outer : null;
    const runner = shared ?? ('createQueryRunner' in source ? source : source.connection).createQueryRunner();
    const cursor = `annex_${randomUUID().replace(/-/g, '')}`;
    let pending: Promise<AnnexRow[]> | null = null;
    try {
      if (!shared) {
        await runner.connect();
        await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      }
      await runner.query(
        `DECLARE ${cursor} NO SCROLL CURSOR FOR
         SELECT p.code, p.title, p.unit_id, p.field, p.status, o.full_name,
                to_char(p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') AS submitted_on,
                e.outcome, e.provision,
                (SELECT string_agg(r.value->>'label', '; ' ORDER BY r.n) FROM jsonb_array_elements(e.recognitions) WITH ORDINALITY AS r(value, n)) AS recognitions
           FROM proposal p
           JOIN officer o ON o.id = p.proposer_id
           LEFT JOIN evaluation e ON e.proposal_id = p.id AND e.state = 'passed'
          WHERE p.submitted_at >= $1 AND p.submitted_at < $2 AND ($3::uuid[] IS NULL OR p.unit_id = ANY($3)) AND p.status <> 'draft'
          ORDER BY p.code`,
        [start, end, unitFilter],
      );
      const fetch = () => runner.query(`FETCH ${limit} FROM ${cursor}`) as Promise<AnnexRow[]>;
      pending = fetch();
      while (pending) {
        const rows: AnnexRow[] = await pending;
        pending = rows.length === limit ? fetch() : null;
        // A fetch that is not awaited (the writing failed) must not surface as an unhandled rejection.
        pending?.catch(() => undefined);
        const batch: XlsxCell[][] = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i]!;
          count++;
          batch[i] = [
            count,
            r.code,
            r.title,
            unitNames.get(r.unit_id),
            r.field ? (fieldNames.get(r.field) ?? r.field) : null,
            r.full_name,
            r.submitted_on,
            STATUS_LABELS_VN[r.status] ?? r.status,
            r.outcome ? (OUTCOME_RULES[r.outcome as keyof typeof OUTCOME_RULES]?.label ?? r.outcome) : null,
            r.provision ? (PROVISION_TEXT[r.provision] ?? r.provision) : null,
            r.recognitions,
          ];
        }
        yield batch;
      }
    } finally {
      await pending?.catch(() => undefined);
      if (shared) await runner.query(`CLOSE ${cursor}`).catch(() => undefined);
      else {
        await runner.query('COMMIT').catch(() => undefined);
        await runner.release();
      }
    }
  }
  await writeXlsx(
    target,
    [
      {
        name: ANNEX_SHEETS.totals,
        columns: [
          { header: 'Mã đơn vị', width: 14 },
          { header: 'Tên đơn vị', width: 40 },
          ...TOTAL_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
          ...CAMPAIGN_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
          ...(submissions ? [{ header: 'Ngày gửi báo cáo', width: 14 }] : []),
        ],
        rows: [totalRows],
      },
      {
        name: ANNEX_SHEETS.list,
        columns: [8, 16, 50, 36, 22, 28, 14, 30, 40, 18, 50].map((width, i) => ({ header: ANNEX_LIST_COLUMNS[i]!, width })),
        rows: listRows(),
      },
    ],
    { level: ANNEX_DEFLATE_LEVEL, creator: 'Trợ lý Đổi mới' },
  );
  return count;
}

// ---- generation --------------------------------------------------------------------------------------

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
