// The officer's side of the wizard as data: [what the officer types, what the bot must answer].
import assert from 'node:assert/strict';
import { allText, type TestUser } from './bot-harness.js';

export const NEXT_YEAR = new Date().getFullYear() + 1;
export const MANAGER = 'tp.qlkh@test.invalid';
export const STAFF = 'cv.qlkh@test.invalid';

export type Script = [string, RegExp][];

/** Card text escapes markdown characters ("150\\.000"); assertions read it as the officer sees it. */
export function plain(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
}

export async function run(user: TestUser, script: Script): Promise<void> {
  for (const [said, expected] of script) {
    const text = plain(allText(await user.say(said)));
    assert.match(text, expected, `after «${said}» the bot said:\n${text}`);
  }
}

/** A whole plan, answered step by step (title → self-check), ending on the review card. */
export const FULL_PLAN: Script = [
  ['tạo đề xuất', /Bước 1\/25 · Tên và lĩnh vực · Tên đề xuất[\s\S]*Ví dụ:/],
  ['Số hóa hồ sơ cấp phép xây dựng tại xã', /Bước 2\/25[\s\S]*Lĩnh vực[\s\S]*2\. Chuyển đổi số/],
  ['chuyen doi so', /Bước 3\/25[\s\S]*Sự cần thiết/],
  ['Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.', /Bước 4\/25[\s\S]*Mục đích/],
  ['Rút ngắn thời gian cấp phép xây dựng.', /Bước 5\/25[\s\S]*Yêu cầu/],
  ['Không phát sinh thủ tục mới cho người dân.', /Bước 6\/25[\s\S]*Điểm nghẽn/],
  ['Chưa có quy định tiếp nhận bản vẽ điện tử có chữ ký số.', /Bước 7\/25[\s\S]*Văn bản hiện hành/],
  ['bo qua', /Bước 8\/25[\s\S]*Nội dung, nhiệm vụ, giải pháp/],
  ['Xây dựng quy trình điện tử, tập huấn cán bộ, thí điểm 6 tháng tại 2 xã.', /Bước 9\/25[\s\S]*Phạm vi/],
  ['Hai xã Bảo Hà và Phong Hải', /Bước 10\/25[\s\S]*Người thực hiện/],
  ['Tôi chủ trì, công chức địa chính phối hợp', /Bước 11\/25[\s\S]*Ngày bắt đầu/],
  [`01/03/${NEXT_YEAR}`, /Bước 12\/25[\s\S]*Ngày kết thúc/],
  [`31/12/${NEXT_YEAR}`, /Bước 13\/25[\s\S]*Các mốc/],
  [`30/06/${NEXT_YEAR}: ban hành quy trình; 30/09/${NEXT_YEAR}: kết thúc thí điểm`, /Bước 14\/25[\s\S]*Nhân lực/],
  ['2 công chức một cửa', /Bước 15\/25[\s\S]*Kinh phí/],
  ['150 triệu', /Bước 16\/25[\s\S]*Nguồn kinh phí/],
  ['Chi thường xuyên của xã', /Bước 17\/25[\s\S]*Trang thiết bị/],
  ['bỏ qua', /Bước 18\/25[\s\S]*Tính khả thi/],
  ['Hai xã đã có đường truyền và chữ ký số, không cần sửa văn bản cấp trên.', /Bước 19\/25[\s\S]*Tác động tích cực/],
  ['Người dân đi lại ít hơn, hồ sơ lưu trữ an toàn.', /Bước 20\/25[\s\S]*Tác động tiêu cực/],
  ['bỏ qua', /Bước 21\/25[\s\S]*Kết quả dự kiến/],
  ['90% hồ sơ được tiếp nhận điện tử, thời gian giảm từ 15 xuống 7 ngày.', /Bước 22\/25[\s\S]*Điều kiện 1/],
  ['Có, vì chưa có quy định cho hồ sơ điện tử', /Bước 23\/25[\s\S]*Điều kiện 2/],
  ['có, người dân được lợi', /Bước 24\/25[\s\S]*Điều kiện 3/],
  ['Có - hồ sơ tồn đọng nhiều', /Bước 25\/25[\s\S]*Điều kiện 4/],
  ['Có, ứng dụng công nghệ thông tin', /Xem lại kế hoạch đề xuất[\s\S]*150\.000\.000 đồng[\s\S]*Gửi đề xuất/],
];
