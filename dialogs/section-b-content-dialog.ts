// Steps of Art. 7.2(b), first part: content, tasks and solutions; scope; who carries it out.
import { textStep, type WizardSection } from './wizard-step.js';

export const sectionBContentSection: WizardSection = {
  id: 'b_content',
  steps: [
    textStep(
      'content',
      'b_content',
      'Nội dung, nhiệm vụ và giải pháp: anh/chị sẽ làm những việc gì, theo cách nào?',
      '1) Xây dựng quy trình tiếp nhận hồ sơ điện tử; 2) tập huấn cán bộ một cửa; 3) thí điểm 6 tháng tại 2 xã; 4) đánh giá và đề xuất nhân rộng.',
    ),
    textStep(
      'scope',
      'b_content',
      'Phạm vi thực hiện: ở đâu, với đối tượng nào?',
      'Thí điểm tại UBND xã Bảo Hà và xã Phong Hải, áp dụng cho hồ sơ nhà ở riêng lẻ.',
    ),
    textStep(
      'implementers',
      'b_content',
      'Ai thực hiện: người chủ trì và người phối hợp?',
      'Tôi chủ trì; phối hợp: công chức địa chính – xây dựng 2 xã và Trung tâm Phục vụ hành chính công tỉnh.',
    ),
  ],
};
