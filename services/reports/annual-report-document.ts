// The annual report as a Decree 30 administrative document (rendered by decree30-document.ts): the
// narrative parts, the tables of figures, the obstacles, the submissions of the units for the province.
import { formatDateVN } from '../calendar/local-date.js';
import type { AdministrativeDocument, DocumentBlock } from '../documents/decree30-document.js';
import { DECREE_73_FULL, headerFor } from '../documents/document-parts.js';
import { OUTCOME_RULES } from '../documents/evaluation-conclusion-document.js';
import type { WorkflowConfig } from '../workflow/workflow-config.js';
import type { AnnualFigures, UnitFigures } from './annual-report-figures.js';
import { campaignBlocks } from './annual-campaign-figures.js';
import type { Narrative } from './annual-report-narrative.js';
import type { SubmissionStatus } from './annual-report-submissions.js';

export const PROVISION_TEXT: Record<string, string> = {
  '11.1': 'khoản 1 Điều 11',
  '11.2': 'khoản 2 Điều 11',
  '11.3': 'khoản 3 Điều 11',
};

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
