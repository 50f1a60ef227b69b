// Steps of Art. 7.2(c): positive and negative impacts (optional) and the expected, preferably
// measurable, results.
import { textStep, type WizardSection } from './wizard-step.js';

export const sectionCSection: WizardSection = {
  id: 'c',
  steps: [
    textStep(
      'positiveImpacts',
      'c',
      'Đề xuất mang lại tác động tích cực gì?',
      'Người dân đi lại ít hơn, giảm chi phí; hồ sơ được lưu trữ an toàn, tra cứu nhanh.',
    ),
    textStep(
      'negativeImpacts',
      'c',
      'Có tác động tiêu cực hoặc rủi ro nào không?',
      'Giai đoạn đầu cán bộ phải làm song song hồ sơ giấy và điện tử.',
    ),
    textStep(
      'expectedResults',
      'c',
      'Kết quả dự kiến đạt được trên thực tế; nên có con số đo được.',
      '90% hồ sơ được tiếp nhận điện tử; thời gian giải quyết trung bình giảm từ 15 xuống 7 ngày.',
    ),
  ],
};
