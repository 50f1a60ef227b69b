// Texts of the yearly report (the province's task 2: each agency reports before 30/11 to the Provincial
// People's Committee through the Department of Home Affairs): the report card, its narrative parts, the
// submission and its tracking, the reminders, the CLI.
//
// Typed commands (every channel; with or without diacritics):
//   BÁO CÁO NĂM [năm]                   báo cáo năm của đơn vị (người đứng đầu) hoặc của tỉnh (Sở Nội vụ)
//   TUYÊN TRUYỀN <năm> <nội dung> • ĐÀO TẠO <năm> <nội dung> • KIẾN NGHỊ <năm> <nội dung>
//   TẠO BÁO CÁO NĂM [năm] • NỘP BÁO CÁO NĂM [năm] • TÌNH HÌNH BÁO CÁO NĂM [năm]

export const annualReport = {
  reportTitle: (unit: string, year: number) => `Báo cáo năm ${year}: ${unit}`,
  provinceTitle: (year: number) => `Báo cáo năm ${year} của tỉnh (Sở Nội vụ tổng hợp)`,
  reportIntro: (due: string) =>
    `Hằng năm, trước ngày ${due}, cơ quan, đơn vị báo cáo UBND tỉnh (qua Sở Nội vụ) kết quả khuyến khích, bảo vệ cán bộ năng động, sáng tạo. Số liệu được tính tự động từ cơ sở dữ liệu; đơn vị bổ sung phần tuyên truyền, đào tạo và kiến nghị trước khi tạo báo cáo.`,
  reportNotAllowed:
    'Báo cáo năm do người đứng đầu cơ quan, đơn vị (cơ quan sử dụng cán bộ) lập; báo cáo toàn tỉnh do Sở Nội vụ tổng hợp. Anh/chị chưa có vai trò này trong danh bạ.',
  factReceived: 'Kế hoạch tiếp nhận',
  factApproved: 'Được phê duyệt',
  factRejected: 'Không thông qua',
  factInProgress: 'Đang triển khai',
  factCompleted: 'Hoàn thành',
  factSubmitted: 'Đã nộp',
  factSubmissions: 'Đơn vị đã nộp',
  notSubmitted: 'Chưa nộp',
  disseminationHeading: 'Tuyên truyền, phổ biến',
  trainingHeading: 'Đào tạo, bồi dưỡng',
  recommendationsHeading: 'Kiến nghị, đề xuất',
  missingHeading: 'Đơn vị chưa nộp',
  notWritten: '(chưa cập nhật)',
  actionSaveNarrative: 'Lưu nội dung',
  actionGenerate: 'Tạo báo cáo',
  actionSubmit: 'Nộp báo cáo',
  actionTracking: 'Tình hình nộp báo cáo',
  narrativeSaved: 'Đã lưu nội dung báo cáo.',
  narrativeNothing: 'Chưa có nội dung nào để lưu.',
  generated: (docx: string, xlsx: string, rows: number) =>
    `Đã tạo báo cáo năm.\nBáo cáo (.docx): ${docx}\nPhụ lục (.xlsx, ${rows} đề xuất): ${xlsx}`,
  submitted: (year: number) => `Đã ghi nhận đơn vị nộp báo cáo năm ${year}; Sở Nội vụ được thông báo.`,
  alreadySubmitted: (year: number, at: string) => `Đơn vị đã nộp báo cáo năm ${year} ngày ${at}.`,
  trackingLine: (name: string, at: string | null) => `• ${name}: ${at ? `đã nộp ngày ${at}` : 'chưa nộp'}`,
  trackingSummary: (done: number, all: number) => `${done}/${all} cơ quan, đơn vị đã nộp báo cáo năm.`,
  unitReminderNotice: (year: number, due: string) =>
    `Nhắc việc: đơn vị chưa nộp báo cáo năm ${year} về kết quả khuyến khích, bảo vệ cán bộ năng động, sáng tạo (hạn trước ngày ${due}). Gõ “BÁO CÁO NĂM ${year}” để cập nhật nội dung và tạo báo cáo.`,
  homeAffairsReminderNotice: (year: number, missing: string[], all: number) =>
    missing.length
      ? `Báo cáo năm ${year}: còn ${missing.length}/${all} cơ quan, đơn vị chưa nộp: ${missing.join('; ')}.`
      : `Báo cáo năm ${year}: tất cả ${all} cơ quan, đơn vị đã nộp.`,
  submittedNotice: (unit: string, year: number) => `${unit} đã nộp báo cáo năm ${year}.`,
  invalidYear: 'Năm báo cáo không hợp lệ.',

  // CLI
  cliWritten: (docx: string, xlsx: string, rows: number, ms: number) =>
    `Đã ghi:\n  ${docx}\n  ${xlsx} (${rows} đề xuất)\nThời gian: ${ms} ms`,
  cliTotals: (received: number, approved: number, rejected: number, inProgress: number, completed: number) =>
    `Tiếp nhận ${received}, phê duyệt ${approved}, không thông qua ${rejected}, đang triển khai ${inProgress}, hoàn thành ${completed}.`,
};
