// The innovation proposal plan (Decree 73/2023/NĐ-CP Art. 7.1–7.2): "KẾ HOẠCH / Đề xuất đổi mới, sáng
// tạo" with sections (a) necessity, purpose, requirements and the bottleneck, (b) content, scope, people,
// timeline, resources, feasibility, (c) impacts and expected results, and the self-check against the four
// conditions of Art. 5 as an annex. Takes plain data so it does not depend on the Proposal entity.
import { asLocalDate, type DateInput } from '../calendar/local-date.js';
import { renderDocx, renderDocumentText, type AdministrativeDocument, type DocumentBlock } from './decree30-document.js';
import {
  ARTICLE_5_CONDITIONS,
  DECREE_73,
  dateVN,
  headerFor,
  orDefault,
  type AgencyInput,
  type IssueInput,
  type PersonInput,
} from './document-parts.js';
import { formatVND } from './format.js';

export interface MilestoneInput {
  /** A day, or the end of a period when `from` is given. */
  date?: DateInput;
  from?: DateInput;
  task: string;
  owner?: string;
  output?: string;
}

export interface SelfCheckInput {
  /** 1–4: the Art. 5 condition. */
  condition: 1 | 2 | 3 | 4;
  met: boolean;
  reason?: string;
}

export interface ProposalPlanInput {
  /** e.g. "ĐX-2026-0001". */
  code: string;
  title: string;
  /** The field's label (lĩnh vực), e.g. "Chuyển đổi số". */
  field: string;
  /** The library entry the plan was started from ("Áp dụng sáng kiến ĐX-… «…» của …"). */
  source?: string;
  proposer: PersonInput;
  /** The employing agency the plan is addressed from (header). */
  agency: AgencyInput;
  issue?: IssueInput;

  /** Art. 7.2(a). */
  necessity: {
    necessity: string;
    purpose?: string;
    requirements?: string;
    /** The bottleneck in mechanisms or policies not yet regulated. */
    bottleneck: string;
    /** The current legal documents that do not yet cover it. */
    uncoveredDocuments?: string;
  };
  /** Art. 7.2(b). */
  content: {
    /** Nội dung, nhiệm vụ, giải pháp. */
    contentAndSolutions: string;
    scope: string;
    /** Đối tượng, người thực hiện. */
    implementers: string;
    timeline: { start: DateInput; end: DateInput; milestones?: MilestoneInput[] };
    resources: {
      people?: string;
      /** Amount in đồng; null/undefined = no funding requested. */
      fundingAmount?: number | null;
      fundingSource?: string;
      equipment?: string;
    };
    feasibility: string;
  };
  /** Art. 7.2(c). */
  impact: {
    positive?: string;
    negative?: string;
    expectedResults: string;
  };
  selfCheck?: SelfCheckInput[];
  /** Who decides (Art. 7.3–7.4): "Giám đốc Sở Khoa học và Công nghệ", "Chủ tịch UBND tỉnh Lào Cai (qua Sở Nội vụ)". */
  addressee?: string;
  /** Default: the addressee (to consider and decide) and the proposal's file. */
  recipients?: string[];
}

function para(text: string): DocumentBlock {
  return { type: 'paragraph', text };
}

/** What the officer did not write stays visibly empty: nothing is written in their name. */
const NOT_GIVEN = '(Người đề xuất không nêu.)';

function sub(heading: string, text: string | undefined, fallback = NOT_GIVEN): DocumentBlock[] {
  return [{ type: 'heading', level: 2, text: heading }, para(orDefault(text, fallback))];
}

function milestoneWhen(m: MilestoneInput): string {
  if (m.from && m.date) return `${dateVN(m.from)} – ${dateVN(m.date)}`;
  if (m.date) return dateVN(m.date);
  if (m.from) return `Từ ${dateVN(m.from)}`;
  return '';
}

/** The document model of the plan. */
export function proposalPlanDocument(input: ProposalPlanInput): AdministrativeDocument {
  const { necessity: a, content: b, impact: c } = input;
  // A plan made before its dates were required (or an imported one) shows the gap, not an error.
  const start = b.timeline?.start ? asLocalDate(b.timeline.start) : null;
  const end = b.timeline?.end ? asLocalDate(b.timeline.end) : null;
  const milestones = b.timeline?.milestones ?? [];
  const funding =
    b.resources.fundingAmount === null || b.resources.fundingAmount === undefined || b.resources.fundingAmount === 0
      ? 'Không đề nghị kinh phí.'
      : `${formatVND(b.resources.fundingAmount)}${b.resources.fundingSource?.trim() ? `; nguồn kinh phí: ${b.resources.fundingSource.trim()}` : ''}.`;

  // One form: a personal proposal addressed to the decider (Decree 30 layout, no agency registry number).
  const decider = input.addressee?.trim() || `Người đứng đầu ${input.agency.name}`;
  const blocks: DocumentBlock[] = [
    { type: 'paragraph', align: 'center', text: `Kính gửi: ${decider}.` } as DocumentBlock,
    {
      type: 'keyValue',
      items: [
        { label: 'Mã đề xuất', value: input.code },
        { label: 'Tên đề xuất', value: input.title },
        { label: 'Lĩnh vực', value: input.field },
        ...(input.source ? [{ label: 'Nguồn sáng kiến', value: input.source }] : []),
        { label: 'Người đề xuất', value: input.proposer.name },
        { label: 'Chức vụ', value: input.proposer.position },
        { label: 'Đơn vị công tác', value: input.proposer.unit },
      ],
    },
    para(
      `Thực hiện ${DECREE_73} ngày 29/9/2023 của Chính phủ quy định về khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung, tôi xây dựng Kế hoạch đề xuất đổi mới, sáng tạo với các nội dung sau:`,
    ),

    { type: 'heading', level: 1, text: 'I. Sự cần thiết, mục đích, yêu cầu' },
    ...sub('1. Sự cần thiết', a.necessity),
    ...sub('2. Mục đích', a.purpose),
    ...sub('3. Yêu cầu', a.requirements),
    ...sub('4. Điểm nghẽn về cơ chế, chính sách chưa được quy định', a.bottleneck),
    ...sub(
      '5. Văn bản quy phạm pháp luật hiện hành chưa điều chỉnh',
      a.uncoveredDocuments,
      'Chưa xác định được văn bản cụ thể của Chính phủ, Thủ tướng Chính phủ, bộ, ngành, địa phương điều chỉnh nội dung này.',
    ),

    { type: 'heading', level: 1, text: 'II. Nội dung, nhiệm vụ, giải pháp' },
    ...sub('1. Nội dung, nhiệm vụ, giải pháp', b.contentAndSolutions),
    ...sub('2. Phạm vi thực hiện', b.scope),
    ...sub('3. Đối tượng, người thực hiện', b.implementers),
    { type: 'heading', level: 2, text: '4. Thời gian thực hiện' },
    para(start && end ? `Từ ngày ${dateVN(start)} đến ngày ${dateVN(end)}.` : NOT_GIVEN),
    ...(milestones.length
      ? [
          {
            type: 'table' as const,
            caption: 'Các mốc thực hiện',
            columns: ['STT', 'Thời gian', 'Nội dung công việc', 'Người thực hiện', 'Sản phẩm'],
            widths: [6, 20, 38, 18, 18],
            rows: milestones.map((m, i) => [String(i + 1), milestoneWhen(m), m.task, m.owner ?? '', m.output ?? '']),
          },
        ]
      : []),
    { type: 'heading', level: 2, text: '5. Nguồn lực bảo đảm thực hiện' },
    { type: 'paragraph', text: [{ text: 'a) Nhân lực: ', italic: true }, { text: orDefault(b.resources.people, NOT_GIVEN) }] },
    { type: 'paragraph', text: [{ text: 'b) Kinh phí: ', italic: true }, { text: funding }] },
    {
      type: 'paragraph',
      text: [{ text: 'c) Trang thiết bị, điều kiện làm việc: ', italic: true }, { text: orDefault(b.resources.equipment, NOT_GIVEN) }],
    },
    ...sub('6. Tính khả thi', b.feasibility),

    { type: 'heading', level: 1, text: 'III. Tác động và kết quả dự kiến' },
    ...sub('1. Tác động tích cực', c.positive),
    ...sub('2. Tác động tiêu cực (nếu có)', c.negative),
    ...sub('3. Kết quả dự kiến đạt được trên thực tiễn', c.expectedResults),

    para(
      `Tôi cam kết các nội dung nêu trên là trung thực, xuất phát từ yêu cầu thực tiễn và vì lợi ích chung; kính đề nghị ${decider} xem xét, quyết định theo quy định của Nghị định số 73/2023/NĐ-CP.`,
    ),
  ];

  const annexes: AdministrativeDocument['annexes'] = [];
  if (input.selfCheck?.length) {
    const byCondition = new Map(input.selfCheck.map((s) => [s.condition, s]));
    annexes.push({
      title: 'Phụ lục',
      subtitle: 'Tự đánh giá đề xuất theo các điều kiện tại Điều 5 Nghị định số 73/2023/NĐ-CP',
      note: `(Kèm theo Kế hoạch đề xuất đổi mới, sáng tạo mã ${input.code})`,
      blocks: [
        {
          type: 'table',
          columns: ['STT', 'Điều kiện', 'Đáp ứng', 'Lý do'],
          widths: [6, 50, 12, 32],
          rows: ARTICLE_5_CONDITIONS.map((text, i) => {
            const s = byCondition.get((i + 1) as 1 | 2 | 3 | 4);
            return [String(i + 1), text, s ? (s.met ? 'Có' : 'Không') : 'Chưa tự đánh giá', s?.reason?.trim() ?? ''];
          }),
        },
        {
          type: 'paragraph',
          italic: true,
          text: 'Ghi chú: nội dung các điều kiện được diễn đạt tóm tắt; đề nghị đối chiếu Điều 5 Nghị định số 73/2023/NĐ-CP (văn bản chính thức).',
        },
      ],
    });
  }

  return {
    header: { ...headerFor(input.agency, input.issue ?? {}, 'KH'), personal: true },
    title: 'Kế hoạch',
    // Trích yếu: what this plan is about, not the same line for every plan.
    subtitle: `Đề xuất đổi mới, sáng tạo: ${input.title}`,
    blocks,
    signature: { position: 'Người đề xuất', name: input.proposer.name },
    recipients: input.recipients ?? [`Như trên (để xem xét, quyết định);`, `Lưu: hồ sơ đề xuất ${input.code}.`],
    annexes,
  };
}

export async function renderProposalPlanDocx(input: ProposalPlanInput): Promise<Buffer> {
  return renderDocx(proposalPlanDocument(input));
}

export function renderProposalPlanText(input: ProposalPlanInput): string {
  return renderDocumentText(proposalPlanDocument(input));
}

/** A file name for the plan: "ke-hoach-DX-2026-0001.docx" (ASCII, safe everywhere). */
export function proposalPlanFileName(code: string): string {
  const ascii = code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-');
  return `ke-hoach-${ascii}.docx`;
}
