// The .xlsx annex of the annual report: the totals per reporting unit, and the list of every proposal of the
// year streamed from a server-side cursor (xlsx-stream.ts), so memory stays bounded whatever the number.
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { formatDateVN, toLocalDate } from '../calendar/local-date.js';
import { OUTCOME_RULES } from '../documents/evaluation-conclusion-document.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import type { AnnualFigures, UnitFigures } from './annual-report-figures.js';
import { memberUnitIds, scopeFilter, yearBounds, type UnitTree } from './annual-report-scope.js';
import { CAMPAIGN_COLUMNS } from './annual-campaign-figures.js';
import { PROVISION_TEXT } from './annual-report-document.js';
import type { SubmissionStatus } from './annual-report-submissions.js';
import type { XlsxCell } from './spreadsheet-ml.js';
import { writeXlsx } from './xlsx-stream.js';

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
