// The built-in per-year schedule of announced days off, used when config/workflow.yaml is absent.
// Keep it identical to the `calendar.years` section of config/workflow.yaml (a test compares them).
// Entries are in the configuration's input form: a date, or a range {from, to}, with a note.

export interface CalendarEntryInput {
  date?: string;
  from?: string;
  to?: string;
  note?: string;
}

export interface CalendarYearInput {
  confirmed: boolean;
  source?: string;
  extraDaysOff: (string | CalendarEntryInput)[];
  workingDays: (string | CalendarEntryInput)[];
}

export const ANNOUNCED_CALENDAR_YEARS: Record<string, CalendarYearInput> = {
  '2025': {
    confirmed: true,
    source: 'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch, Quốc khánh và hoán đổi ngày làm việc dịp 30/4–1/5 năm 2025',
    extraDaysOff: [
      { from: '2025-01-25', to: '2025-02-02', note: 'Nghỉ Tết Nguyên đán Ất Tỵ (25/01–02/02/2025)' },
      { date: '2025-05-02', note: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)' },
      { date: '2025-09-01', note: 'Ngày nghỉ thứ hai dịp Quốc khánh (30/8–02/9/2025)' },
    ],
    workingDays: [{ date: '2025-04-26', note: 'Làm việc bù cho thứ Sáu 02/5/2025' }],
  },
  '2026': {
    confirmed: false,
    source:
      'Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch); ý kiến Thủ tướng tháng 10/2025 về Tết Âm lịch và Quốc khánh 2026; chưa có ngày làm bù cho thứ Hai 31/8/2026',
    extraDaysOff: [
      { date: '2026-01-02', note: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' },
      { from: '2026-02-14', to: '2026-02-22', note: 'Nghỉ Tết Nguyên đán Bính Ngọ (14/02–22/02/2026)' },
      { date: '2026-04-27', note: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch trùng Chủ nhật 26/4/2026)' },
      { date: '2026-08-31', note: 'Nghỉ dịp Quốc khánh (29/8–02/9/2026), hoán đổi: cần bổ sung ngày làm bù' },
      { date: '2026-09-01', note: 'Ngày nghỉ thứ hai dịp Quốc khánh' },
    ],
    workingDays: [{ date: '2026-01-10', note: 'Làm việc bù cho thứ Sáu 02/01/2026' }],
  },
  '2027': {
    confirmed: false,
    source: 'Lịch dự kiến theo Bộ luật Lao động 2019 (Điều 111.3, 112), chưa có thông báo của Chính phủ: phải thay bằng lịch chính thức',
    extraDaysOff: [
      { from: '2027-02-10', to: '2027-02-11', note: 'Nghỉ bù Tết Nguyên đán Đinh Mùi (mùng 1, mùng 2 trùng thứ Bảy, Chủ nhật) — dự kiến' },
      { date: '2027-05-03', note: 'Nghỉ bù Quốc tế Lao động (1/5 trùng thứ Bảy) — dự kiến' },
      { date: '2027-09-03', note: 'Ngày nghỉ thứ hai dịp Quốc khánh — dự kiến' },
    ],
    workingDays: [],
  },
};
