// The head's written decision to carry out a proposal the collective leadership did not pass (Decree
// 73/2023/NĐ-CP Art. 8.1, verified: the head may decide to proceed when judging it necessary and feasible,
// in writing, and answers for it before the superior agency and the law).
import type { DateInput } from '../calendar/local-date.js';
import { renderDocx, upperVN, type AdministrativeDocument, type DocumentBlock } from './decree30-document.js';
import {
  DECREE_73,
  DECREE_73_FULL,
  dateVN,
  headerFor,
  tallySentence,
  type AgencyInput,
  type IssueInput,
  type ProposalRef,
  type SignerInput,
  type TallyInput,
} from './document-parts.js';
import { formatVND } from './format.js';

export interface OverrideDecisionInput {
  agency: AgencyInput;
  issue?: IssueInput;
  /** The authority line: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ...". */
  authority: string;
  /** The head's title as used in the articles, e.g. "Giám đốc Sở Khoa học và Công nghệ". */
  headTitle: string;
  signer: SignerInput;
  proposal: ProposalRef & {
    /** When the plan was received. */
    receivedDate: DateInput;
    start?: DateInput;
    end?: DateInput;
    fundingAmount?: number | null;
    fundingSource?: string;
  };
  vote: TallyInput & {
    /** The day of the meeting or the closing of the vote. */
    date: DateInput;
    /** How the head voted (decides a tie under Art. 8.1). */
    headInFavour?: boolean;
  };
  /** Why the head judges the proposal necessary and feasible. */
  reasons: string;
  /** Who carries it out and what they must do (Điều 2). */
  implementers: string;
  /** Other bases, e.g. the decision setting out the agency's functions ("Căn cứ ..." is added). */
  additionalBases?: string[];
  /** Who executes the decision (Điều 3), e.g. "Chánh Văn phòng Sở". */
  executors?: string[];
  recipients?: string[];
}

function basis(text: string): DocumentBlock {
  const t = text
    .trim()
    .replace(/^Căn cứ\s+/i, '')
    .replace(/[;.]\s*$/, '');
  return { type: 'paragraph', italic: true, text: `Căn cứ ${t};` };
}

export function overrideDecisionDocument(input: OverrideDecisionInput): AdministrativeDocument {
  const p = input.proposal;
  const who = `đồng chí ${p.proposer.name}, ${p.proposer.position}, ${p.proposer.unit}`;
  const timeline = p.start && p.end ? ` Thời gian thực hiện: từ ngày ${dateVN(p.start)} đến ngày ${dateVN(p.end)}.` : '';
  const funding =
    p.fundingAmount && p.fundingAmount > 0
      ? ` Kinh phí: ${formatVND(p.fundingAmount)}${p.fundingSource?.trim() ? ` (${p.fundingSource.trim()})` : ''}.`
      : '';
  const headVote =
    input.vote.headInFavour === undefined ? '' : `; người đứng đầu biểu quyết ${input.vote.headInFavour ? 'tán thành' : 'không tán thành'}`;
  const executors = input.executors?.length ? input.executors.join(', ') : `Các bộ phận thuộc ${input.agency.name}`;

  const blocks: DocumentBlock[] = [
    { type: 'paragraph', align: 'center', bold: true, text: upperVN(input.authority) },
    basis(DECREE_73_FULL),
    ...(input.additionalBases ?? []).map(basis),
    basis(`Kế hoạch đề xuất đổi mới, sáng tạo mã ${p.code} “${p.title}” của ${who}, nhận ngày ${dateVN(p.receivedDate)}`),
    basis(
      `kết quả biểu quyết của tập thể lãnh đạo ngày ${dateVN(input.vote.date)}: ${tallySentence(input.vote)}${headVote}; đề xuất chưa được thông qua theo khoản 1 Điều 8 ${DECREE_73}`,
    ),
    {
      type: 'paragraph',
      italic: true,
      text: `Xét thấy việc thực hiện đề xuất là cần thiết và khả thi: ${input.reasons.trim().replace(/[.;]\s*$/, '')}.`,
    },
    { type: 'paragraph', align: 'center', bold: true, text: 'QUYẾT ĐỊNH:' },
    {
      type: 'paragraph',
      text: [
        { text: 'Điều 1. ', bold: true },
        {
          text: `Triển khai thực hiện đề xuất đổi mới, sáng tạo “${p.title}” (mã ${p.code}) do ${who} đề xuất, theo Kế hoạch kèm theo.${timeline}${funding}`,
        },
      ],
    },
    {
      type: 'paragraph',
      text: [
        { text: 'Điều 2. ', bold: true },
        {
          text: `${input.headTitle} quyết định triển khai thực hiện đề xuất khi tập thể lãnh đạo chưa thông qua, theo khoản 1 Điều 8 ${DECREE_73}, và chịu trách nhiệm trước cơ quan cấp trên và trước pháp luật về quyết định này. ${input.implementers.trim().replace(/[.;]\s*$/, '')}; bảo đảm điều kiện, theo dõi tiến độ, kịp thời tháo gỡ khó khăn, vướng mắc và báo cáo kết quả theo quy định.`,
        },
      ],
    },
    {
      type: 'paragraph',
      text: [
        { text: 'Điều 3. ', bold: true },
        {
          text: `Quyết định này có hiệu lực kể từ ngày ký. ${executors}, ${who} và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.`,
        },
      ],
    },
  ];

  return {
    header: headerFor(input.agency, input.issue ?? {}, 'QĐ'),
    title: 'Quyết định',
    subtitle: 'Về việc triển khai thực hiện đề xuất đổi mới, sáng tạo',
    blocks,
    signature: input.signer,
    recipients: input.recipients ?? [
      'Như Điều 3;',
      ...(input.agency.superiorAgency ? [`${input.agency.superiorAgency} (để báo cáo);`] : []),
      `Lưu: VT, hồ sơ đề xuất ${p.code}.`,
    ],
  };
}

export async function renderOverrideDecisionDocx(input: OverrideDecisionInput): Promise<Buffer> {
  return renderDocx(overrideDecisionDocument(input));
}
