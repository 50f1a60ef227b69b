// Steps of Art. 7.2(a): necessity, purpose, requirements, and the bottleneck (which mechanism or policy
// gap, and which current documents do not cover it).
import { textStep, type WizardSection } from './wizard-step.js';

export const sectionASection: WizardSection = {
  id: 'a',
  steps: [
    textStep(
      'necessity',
      'a',
      'Vì sao cần đổi mới? Mô tả vấn đề thực tế đang gặp và hậu quả nếu giữ nguyên cách làm hiện nay.',
      'Mỗi năm xã tiếp nhận khoảng 400 hồ sơ giấy phép xây dựng bằng giấy; người dân phải đi lại 3–4 lần, hồ sơ thất lạc, thời gian giải quyết kéo dài gấp đôi quy định.',
    ),
    textStep(
      'purpose',
      'a',
      'Đề xuất nhằm đạt được điều gì?',
      'Rút ngắn thời gian giải quyết hồ sơ xuống còn 7 ngày và để người dân theo dõi hồ sơ trực tuyến.',
    ),
    textStep(
      'requirements',
      'a',
      'Việc thực hiện phải bảo đảm những yêu cầu gì?',
      'Không phát sinh thủ tục mới; bảo mật dữ liệu cá nhân; cán bộ một cửa được tập huấn trước khi áp dụng.',
    ),
    textStep(
      'bottleneck',
      'a',
      'Điểm nghẽn về cơ chế, chính sách là gì: việc nào đang vướng vì chưa có quy định, hoặc quy định hiện hành không phù hợp?',
      'Quy định hiện hành chưa cho phép tiếp nhận bản vẽ thiết kế dạng điện tử có chữ ký số thay cho bản giấy.',
    ),
    textStep(
      'uncoveredDocuments',
      'a',
      'Những văn bản hiện hành nào chưa điều chỉnh nội dung này (nếu biết)?',
      'Nghị định 15/2021/NĐ-CP và Quyết định 12/2022/QĐ-UBND của tỉnh chưa quy định hồ sơ bản vẽ điện tử.',
    ),
  ],
};
