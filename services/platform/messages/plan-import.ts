// Texts of a plan read from a document or a long message: what was understood, what is missing, bad files.
export const planImport = {
  title: 'Kế hoạch đọc được từ tài liệu',
  fromText: 'tin nhắn',
  source: (name: string) => `Nguồn: ${name}. Chưa có gì được lưu: anh/chị kiểm tra từng mục dưới đây.`,
  found: (label: string) => `✅ ${label}`,
  invalid: (label: string) => `⚠️ ${label} (cần sửa)`,
  suggested: (label: string) => `🤖 ${label} (bản nháp do máy đề xuất, anh/chị kiểm tra)`,
  missing: (label: string) => `❌ ${label}: chưa có trong tài liệu`,
  skipped: (labels: string) => `Không có trong tài liệu (không bắt buộc, để trống): ${labels}.`,
  complete: 'Đã đủ các mục bắt buộc. Bấm “Lưu vào bản nháp” (hoặc gõ “đồng ý”) để lưu, rồi gửi đề xuất.',
  askMissing: (lines: string) =>
    `Còn thiếu hoặc cần sửa:\n${lines}\nAnh/chị trả lời ngay tại đây, mỗi dòng một mục theo thứ tự trên (hoặc ghi “Tên mục: nội dung”). Cũng có thể bấm “Lưu vào bản nháp” để lưu phần đã có và điền tiếp từng bước.`,
  askLine: (n: number, label: string, hint: string) => `${n}. ${label}${hint ? ` (${hint})` : ''}`,
  conditionHint: 'Có/Không, kèm lý do',
  fieldHint: (list: string) => `gõ số hoặc tên: ${list}`,
  editHint: 'Gõ “sửa <mục>” (ví dụ “sửa kinh phí”) để lưu rồi sửa một phần; “hủy” để bỏ, không lưu gì.',
  confirm: 'Lưu vào bản nháp',
  cancel: 'Bỏ, không lưu',
  confirmed: 'Đã lưu vào bản nháp.',
  saved: (n: number) => `Đã lưu ${n} mục từ tài liệu vào bản nháp.`,
  discarded: 'Đã bỏ nội dung đọc từ tài liệu; không có gì được lưu.',
  updated: (n: number) => `Đã cập nhật ${n} mục.`,
  nothingRead: 'Tôi chưa nhận ra mục nào trong câu trả lời. Anh/chị ghi mỗi dòng một mục theo thứ tự, hoặc “Tên mục: nội dung”.',
  // The optional model that reads the parts the headings did not give (LLM_BASE_URL).
  machineFound: (n: number, dropped: number) =>
    `Trợ lý máy đã đề xuất ${n} mục còn thiếu từ nội dung tài liệu, đánh dấu “bản nháp do máy đề xuất”: anh/chị kiểm tra kỹ từng mục, gõ “Tên mục: nội dung” để sửa trước khi lưu.${dropped ? ` ${dropped} mục máy đề xuất chưa đạt yêu cầu nên đã bỏ.` : ''}`,
  machineNothing: (dropped: number) =>
    `Trợ lý máy không tìm thêm được mục nào còn thiếu trong tài liệu${dropped ? ` (${dropped} mục máy đề xuất chưa đạt yêu cầu nên đã bỏ)` : ''}.`,
  machineFailed:
    'Chưa dùng được trợ lý máy để tìm các mục còn thiếu (dịch vụ không trả lời kịp hoặc đang lỗi). Dưới đây là những gì tôi đọc được theo các tiêu đề của tài liệu.',
  machineInvalid:
    'Trợ lý máy trả lời không đúng định dạng nên tôi không dùng. Dưới đây là những gì tôi đọc được theo các tiêu đề của tài liệu.',
  narrativeUnread:
    'Tin nhắn giống một kế hoạch viết thành đoạn văn, nhưng chưa dùng được trợ lý máy để đọc (dịch vụ không trả lời kịp, đang lỗi hoặc trả lời sai định dạng). Chưa có gì được lưu. Anh/chị ghi kế hoạch theo các mục “Sự cần thiết”, “Nội dung”, “Thời gian”, “Kinh phí”, “Tác động” rồi gửi lại, hoặc gõ “tạo đề xuất” để soạn từng bước.',
  stillWaiting:
    'Kế hoạch đọc từ tài liệu vẫn chờ anh/chị (câu vừa rồi không được ghi vào kế hoạch): gõ “đồng ý” để lưu, “sửa <mục>” để sửa một phần, “xem lại” để xem lại, “hủy” để bỏ.',
  stale: 'Nội dung đọc từ tài liệu này không còn chờ xác nhận.',
  // Bad input: nothing is stored.
  tooBig: (limitMb: string) =>
    `Tệp quá lớn: tôi chỉ đọc tệp đến ${limitMb} MB. Anh/chị gửi bản gọn hơn (chỉ phần kế hoạch) hoặc dán nội dung vào tin nhắn.`,
  unsupported: (name: string) =>
    `Tôi chưa đọc được định dạng của tệp “${name}”. Anh/chị gửi tệp .docx, .pdf hoặc .txt, hoặc dán nội dung kế hoạch vào tin nhắn.`,
  unreadable: (name: string) => `Không đọc được tệp “${name}”: tệp bị hỏng hoặc không đúng định dạng. Anh/chị lưu lại rồi gửi lần nữa.`,
  password: (name: string) => `Tệp “${name}” được đặt mật khẩu nên tôi không đọc được. Anh/chị bỏ mật khẩu rồi gửi lại.`,
  scanned: 'Tệp là ảnh quét, chưa đọc được chữ. Anh/chị gửi bản Word (.docx) hoặc PDF có chữ, hoặc dán nội dung vào tin nhắn.',
  notAPlan: (name: string) =>
    `Nội dung “${name}” không giống một kế hoạch đề xuất (không thấy các mục như “Sự cần thiết”, “Nội dung”, “Thời gian”, “Kinh phí”, “Tác động”). Không có gì được lưu. Gõ “tạo đề xuất” để soạn từng bước.`,
  zaloBotNoFiles:
    'Trên kênh Zalo này tôi chỉ đọc được tin nhắn chữ, chưa nhận được tệp, ảnh hay nhãn dán. Để gửi kế hoạch dạng tệp (.docx, .pdf, .txt), anh/chị gửi qua Microsoft Teams hoặc trang web Trợ lý Đổi mới; hoặc dán nội dung kế hoạch vào tin nhắn tại đây.',
  downloadFailed: 'Chưa tải được tệp anh/chị gửi. Anh/chị gửi lại sau ít phút, hoặc dán nội dung vào tin nhắn.',
  untrusted: 'Tôi chỉ nhận tệp gửi trực tiếp trong cuộc trò chuyện; không tải tệp từ đường dẫn khác.',
};
