// Texts about working days and due dates (services/calendar/working-days.ts).
export const calendar = {
  yearNotConfigured: (year: number) =>
    `Lịch nghỉ năm ${year} do Chính phủ công bố (nghỉ Tết Nguyên đán, ngày nghỉ thứ hai dịp Quốc khánh, ngày nghỉ bù, ngày làm việc hoán đổi) chưa được cấu hình: hạn xử lý chỉ tính theo ngày lễ theo Bộ luật Lao động và có thể lệch so với lịch chính thức.`,
  yearNotConfirmed: (year: number) =>
    `Lịch nghỉ năm ${year} trong cấu hình là lịch dự kiến, chưa được đối chiếu với thông báo chính thức của Chính phủ/Bộ Nội vụ.`,
  /** "Hạn xử lý: 03/03/2026 (Thứ Ba)". */
  dueDate: (date: string, weekday: string) => `Hạn xử lý: ${date} (${weekday})`,
  countingRule: (n: number) =>
    `Thời hạn ${String(n).padStart(2, '0')} ngày làm việc tính từ ngày làm việc tiếp theo sau ngày nhận, không tính thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ theo thông báo của Chính phủ.`,
  invalidDate: (input: string) => `Ngày không hợp lệ: “${input}” (dùng dạng dd/mm/yyyy hoặc YYYY-MM-DD)`,
};
