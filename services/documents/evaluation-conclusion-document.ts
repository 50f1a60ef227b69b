// The conclusion of the evaluation of a proposal's results (Decree 73/2023/NĐ-CP): the outcome agreed by
// the collective leadership, the objective and subjective causes (Art. 11.4, verified), the tally, and
// then either the encouragement chosen (Art. 10, secondary) or the protection that applies (Art. 11.1–11.3,
// verified). Protection is written only for those Art. 2 covers (leaders and managers, verified); for
// anyone else the conclusion says the decree's protection does not apply to them directly. A proposal
// not carried out by the policy, or with an act Art. 6 prohibits, carries no protection (Art. 4.2, 6).
import type { DateInput } from '../calendar/local-date.js';
import { renderDocx, type AdministrativeDocument, type DocumentBlock } from './decree30-document.js';
import {
  DECREE_73,
  dateVN,
  headerFor,
  orDefault,
  tallySentence,
  type AgencyInput,
  type IssueInput,
  type ProposalRef,
  type SignerInput,
  type TallyInput,
} from './document-parts.js';

export const EVALUATION_OUTCOMES = ['completed', 'not_completed_pure_motive', 'not_completed_with_damage', 'not_by_policy'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export interface OutcomeRule {
  /** The outcome as written in the conclusion. */
  label: string;
  /** The provision that applies (Art. 11 for the protected outcomes; Art. 4.2 and 6 when none applies). */
  provision: string;
  /** What it means for the officer. */
  protection: string;
  /** Whether the outcome carries a protection of Art. 11. */
  protects: boolean;
}

/** Art. 11 (verified): each evaluation outcome and the protection it carries. */
export const OUTCOME_RULES: Record<EvaluationOutcome, OutcomeRule> = {
  completed: {
    label: 'Hoàn thành đề xuất',
    provision: `khoản 1 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ không bị xem xét xử lý trách nhiệm đối với việc thực hiện đề xuất.',
    protects: true,
  },
  not_completed_pure_motive: {
    label:
      'Không hoàn thành hoặc hoàn thành một phần đề xuất, nhưng đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung',
    provision: `khoản 2 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ được loại trừ trách nhiệm đối với kết quả thực hiện đề xuất.',
    protects: true,
  },
  not_completed_with_damage: {
    label:
      'Không hoàn thành hoặc hoàn thành một phần đề xuất, có gây thiệt hại, nhưng đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung',
    provision: `khoản 3 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ được xem xét loại trừ, miễn hoặc giảm nhẹ trách nhiệm theo quy định của pháp luật.',
    protects: true,
  },
  not_by_policy: {
    label: 'Đề xuất không được thực hiện đúng chủ trương, quy định (vượt thẩm quyền đã được phê duyệt) hoặc có hành vi bị nghiêm cấm',
    provision: `khoản 2 Điều 4 và Điều 6 ${DECREE_73}`,
    protection:
      'Không áp dụng các biện pháp bảo vệ tại Điều 11: việc bảo vệ chỉ áp dụng với đề xuất được cơ quan xem xét, quyết định trong phạm vi thẩm quyền và được thực hiện đúng chủ trương, quy định. Việc xem xét trách nhiệm (nếu có) thực hiện theo quy định của pháp luật.',
    protects: false,
  },
};

/** Art. 2 (verified): the decree covers leaders and managers; what a conclusion says to anyone else. */
export const NOT_COVERED_PROTECTION =
  'Đồng chí không giữ chức vụ lãnh đạo, quản lý nên không thuộc đối tượng áp dụng của Nghị định (Điều 2); các biện pháp bảo vệ tại Điều 11 không áp dụng trực tiếp. Kết quả đánh giá được ghi nhận, động viên theo chủ trương của tỉnh về lan tỏa tinh thần đổi mới, sáng tạo đến toàn thể cán bộ; việc áp dụng Quy định số 32-QĐ/TU của Tỉnh ủy Lào Cai cần đối chiếu văn bản chính thức.';

export interface RecognitionInput {
  /** The option's label from the workflow configuration (recognitionOptions). */
  label: string;
  /** e.g. "Điều 10 Nghị định 73/2023/NĐ-CP". */
  basis: string;
}

export interface EvaluationConclusionInput {
  agency: AgencyInput;
  issue?: IssueInput;
  signer: SignerInput;
  proposal: ProposalRef & {
    /** When the plan was approved (or decided in writing). */
    approvedDate?: DateInput;
    start?: DateInput;
    end?: DateInput;
  };
  /** The implementer's written report. */
  reportDate?: DateInput;
  meeting: TallyInput & { date: DateInput; chairedBy?: string };
  outcome: EvaluationOutcome;
  /** Results achieved (kết quả đạt được). */
  results: string;
  objectiveCauses: string;
  subjectiveCauses: string;
  /** Damage, for the third outcome. */
  damage?: string;
  /** Whether the proposer is a leader or manager (Art. 2); default true. */
  proposerCovered?: boolean;
  /** For a completed proposal: the encouragement chosen. */
  recognitions?: RecognitionInput[];
  /** Further recommendations (kiến nghị, đề xuất), optional. */
  recommendations?: string;
  recipients?: string[];
}

export function evaluationConclusionDocument(input: EvaluationConclusionInput): AdministrativeDocument {
  const p = input.proposal;
  const rule = OUTCOME_RULES[input.outcome];
  if (!rule) throw new RangeError(`Kết quả đánh giá không hợp lệ: ${String(input.outcome)}`);
  const who = `đồng chí ${p.proposer.name}, ${p.proposer.position}, ${p.proposer.unit}`;
  const period = p.start && p.end ? ` (thời gian thực hiện từ ngày ${dateVN(p.start)} đến ngày ${dateVN(p.end)})` : '';
  const approved = p.approvedDate ? `, được phê duyệt ngày ${dateVN(p.approvedDate)}` : '';
  const report = input.reportDate ? ` và báo cáo kết quả thực hiện ngày ${dateVN(input.reportDate)}` : '';
  const chaired = input.meeting.chairedBy?.trim() ? ` do ${input.meeting.chairedBy.trim()} chủ trì` : '';

  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Ngày ${dateVN(input.meeting.date)}, tập thể lãnh đạo ${input.agency.name} họp${chaired} đánh giá kết quả thực hiện đề xuất đổi mới, sáng tạo “${p.title}” (mã ${p.code}) của ${who}${approved}${period}, theo ${DECREE_73}. Trên cơ sở Kế hoạch đề xuất${report}, tập thể lãnh đạo kết luận như sau:`,
    },
    { type: 'heading', level: 1, text: 'I. Kết quả thực hiện đề xuất' },
    { type: 'paragraph', text: input.results },
    ...(input.outcome === 'not_completed_with_damage' || (input.outcome === 'not_by_policy' && input.damage?.trim())
      ? [
          {
            type: 'paragraph' as const,
            text: [{ text: 'Thiệt hại: ', italic: true }, { text: orDefault(input.damage, 'Chưa xác định cụ thể.') }],
          },
        ]
      : []),
    { type: 'heading', level: 1, text: 'II. Nguyên nhân' },
    { type: 'heading', level: 2, text: '1. Nguyên nhân khách quan' },
    { type: 'paragraph', text: orDefault(input.objectiveCauses, 'Không có.') },
    { type: 'heading', level: 2, text: '2. Nguyên nhân chủ quan' },
    { type: 'paragraph', text: orDefault(input.subjectiveCauses, 'Không có.') },
    { type: 'heading', level: 1, text: 'III. Kết quả đánh giá' },
    { type: 'paragraph', text: `Kết quả biểu quyết của tập thể lãnh đạo: ${tallySentence(input.meeting)}.` },
    {
      type: 'paragraph',
      text: [{ text: 'Kết luận: ', bold: true }, { text: `${rule.label}.` }],
    },
  ];

  const covered = input.proposerCovered !== false;
  const protection = !rule.protects
    ? `Căn cứ ${rule.provision}: ${rule.protection}`
    : covered
      ? input.outcome === 'completed'
        ? `Bảo vệ (${rule.provision}): ${rule.protection}`
        : `Áp dụng ${rule.provision}: ${rule.protection}`
      : NOT_COVERED_PROTECTION;
  if (input.outcome === 'completed') {
    blocks.push({ type: 'heading', level: 1, text: 'IV. Khuyến khích và bảo vệ cán bộ' });
    blocks.push({ type: 'paragraph', text: protection });
    if (input.recognitions?.length) {
      blocks.push({ type: 'paragraph', text: 'Hình thức khuyến khích, ghi nhận:' });
      blocks.push({ type: 'bullets', items: input.recognitions.map((r) => `${r.label} (căn cứ ${r.basis});`) });
    } else {
      blocks.push({ type: 'paragraph', text: 'Hình thức khuyến khích, ghi nhận: người đứng đầu xem xét, quyết định theo quy định.' });
    }
  } else {
    blocks.push({ type: 'heading', level: 1, text: 'IV. Bảo vệ cán bộ' });
    blocks.push({ type: 'paragraph', text: protection });
  }

  blocks.push({ type: 'heading', level: 1, text: 'V. Kiến nghị, đề xuất' });
  blocks.push({ type: 'paragraph', text: orDefault(input.recommendations, 'Không có.') });

  return {
    header: headerFor(input.agency, input.issue ?? {}, 'KL'),
    title: 'Kết luận',
    subtitle: 'Đánh giá kết quả thực hiện đề xuất đổi mới, sáng tạo',
    blocks,
    signature: input.signer,
    recipients: input.recipients ?? [
      `${who.replace(/^đồng chí/, 'Đồng chí')};`,
      ...(input.agency.superiorAgency ? [`${input.agency.superiorAgency} (để báo cáo);`] : []),
      `Lưu: VT, hồ sơ đề xuất ${p.code}.`,
    ],
  };
}

export async function renderEvaluationConclusionDocx(input: EvaluationConclusionInput): Promise<Buffer> {
  return renderDocx(evaluationConclusionDocument(input));
}
