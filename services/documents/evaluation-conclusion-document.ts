// The conclusion of the evaluation of a proposal's results (Decree 73/2023/NĐ-CP): the outcome agreed by
// the collective leadership, the objective and subjective causes (Art. 11.4, verified), the tally, and
// then either the encouragement chosen (Art. 10, secondary) or the protection that applies (Art. 11.1–11.3,
// verified).
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

export const EVALUATION_OUTCOMES = ['completed', 'not_completed_pure_motive', 'not_completed_with_damage'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export interface OutcomeRule {
  /** The outcome as written in the conclusion. */
  label: string;
  /** The provision of Art. 11 that applies. */
  provision: string;
  /** What it means for the officer. */
  protection: string;
}

/** Art. 11 (verified): each evaluation outcome and the protection it carries. */
export const OUTCOME_RULES: Record<EvaluationOutcome, OutcomeRule> = {
  completed: {
    label: 'Hoàn thành đề xuất',
    provision: `khoản 1 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ không bị xem xét xử lý trách nhiệm đối với việc thực hiện đề xuất.',
  },
  not_completed_pure_motive: {
    label:
      'Không hoàn thành hoặc hoàn thành một phần đề xuất, nhưng đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung',
    provision: `khoản 2 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ được loại trừ trách nhiệm đối với kết quả thực hiện đề xuất.',
  },
  not_completed_with_damage: {
    label:
      'Không hoàn thành hoặc hoàn thành một phần đề xuất, có gây thiệt hại, nhưng đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung',
    provision: `khoản 3 Điều 11 ${DECREE_73}`,
    protection: 'Cán bộ được xem xét loại trừ, miễn hoặc giảm nhẹ trách nhiệm theo quy định của pháp luật.',
  },
};

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
      text: `Ngày ${dateVN(input.meeting.date)}, tập thể lãnh đạo ${input.agency.name} họp${chaired} đánh giá kết quả thực hiện đề xuất đổi mới, sáng tạo "${p.title}" (mã ${p.code}) của ${who}${approved}${period}, theo ${DECREE_73}. Trên cơ sở Kế hoạch đề xuất${report}, tập thể lãnh đạo kết luận như sau:`,
    },
    { type: 'heading', level: 1, text: 'I. Kết quả thực hiện đề xuất' },
    { type: 'paragraph', text: input.results },
    ...(input.outcome === 'not_completed_with_damage'
      ? [{ type: 'paragraph' as const, text: [{ text: 'Thiệt hại: ', italic: true }, { text: orDefault(input.damage, 'Chưa xác định cụ thể.') }] }]
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

  if (input.outcome === 'completed') {
    blocks.push({ type: 'heading', level: 1, text: 'IV. Khuyến khích và bảo vệ cán bộ' });
    blocks.push({ type: 'paragraph', text: `Bảo vệ (${rule.provision}): ${rule.protection}` });
    if (input.recognitions?.length) {
      blocks.push({ type: 'paragraph', text: 'Hình thức khuyến khích, ghi nhận:' });
      blocks.push({ type: 'bullets', items: input.recognitions.map((r) => `${r.label} (căn cứ ${r.basis});`) });
    } else {
      blocks.push({ type: 'paragraph', text: 'Hình thức khuyến khích, ghi nhận: người đứng đầu xem xét, quyết định theo quy định.' });
    }
  } else {
    blocks.push({ type: 'heading', level: 1, text: 'IV. Bảo vệ cán bộ' });
    blocks.push({ type: 'paragraph', text: `Áp dụng ${rule.provision}: ${rule.protection}` });
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
