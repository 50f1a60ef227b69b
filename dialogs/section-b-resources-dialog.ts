// Steps of Art. 7.2(b): resources (people; funding amount and source; equipment) and feasibility.
import { formatVND } from '../services/documents/format.js';
import { parseMoney } from '../services/proposals/plan-validation.js';
import { textStep, type WizardSection } from './wizard-step.js';

export const sectionBResourcesSection: WizardSection = {
  id: 'b_resources',
  steps: [
    textStep(
      'resourcesPeople',
      'b_resources',
      'Cần bao nhiêu người, với kỹ năng gì?',
      '2 công chức một cửa, 1 cán bộ công nghệ thông tin hỗ trợ bán thời gian.',
      {
        label: 'Nhân lực',
      },
    ),
    {
      id: 'fundingAmount',
      section: 'b_resources',
      label: 'Kinh phí',
      explain: 'Tổng kinh phí đề nghị. Gõ “không” nếu không cần kinh phí.',
      example: '150 triệu (hoặc 1,2 tỷ; 150.000.000 đ; 150tr)',
      optional: false,
      current: (plan) =>
        plan.fundingAmount === undefined
          ? undefined
          : plan.fundingAmount === '0'
            ? 'không đề nghị kinh phí'
            : formatVND(BigInt(plan.fundingAmount)),
      parse(text) {
        const r = parseMoney(text);
        if (!r.ok) return r;
        return { ok: true, value: r.value === 0n ? { fundingAmount: '0', fundingSource: '' } : { fundingAmount: r.value.toString() } };
      },
    },
    textStep('fundingSource', 'b_resources', 'Kinh phí lấy từ nguồn nào?', 'Kinh phí chi thường xuyên năm 2027 của UBND xã.', {
      applies: (plan) => plan.fundingAmount !== '0',
    }),
    textStep(
      'equipment',
      'b_resources',
      'Cần trang thiết bị, điều kiện làm việc gì?',
      '2 máy quét tài liệu khổ A3, 1 máy tính cấu hình trung bình.',
    ),
    textStep(
      'feasibility',
      'b_resources',
      'Vì sao đề xuất khả thi: điều kiện nào đã có sẵn, rủi ro nào và cách xử lý?',
      'Hai xã đã có đường truyền và chữ ký số; quy trình không cần sửa văn bản cấp trên; nếu hệ thống lỗi vẫn tiếp nhận song song bản giấy.',
    ),
  ],
};
