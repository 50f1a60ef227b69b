// Calendar dates in Vietnam's time zone, without a time of day.
//
// A LocalDate is a 'YYYY-MM-DD' string read on the Asia/Ho_Chi_Minh calendar. Instants (Date objects,
// epoch milliseconds) are converted through that zone, never through UTC or the server's zone: 00:30 on
// a Monday in Lào Cai is a Monday, even though it is still Sunday in UTC. Arithmetic on LocalDates is
// pure calendar arithmetic (UTC midnight as a neutral carrier), so no zone can shift a date.

import { calendar as calendarMessages } from '../platform/messages/calendar.js';

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has kept UTC+7 without daylight saving since 1975. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** 'YYYY-MM-DD' on the Vietnamese calendar. */
export type LocalDate = string;

/** Anything the calendar functions accept: a LocalDate, 'dd/mm/yyyy', a Date or epoch milliseconds. */
export type DateInput = LocalDate | Date | number;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const DAY_MS = 86_400_000;

const vnDateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

function ymd(y: number, m: number, d: number): LocalDate {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Parses 'YYYY-MM-DD' or the Vietnamese 'dd/mm/yyyy' (also 'd/m/yyyy', with '-' or '.' separators).
 * Returns null when the text is not a real calendar date (31/02/2026, 2026-13-01, ...).
 */
export function parseLocalDate(text: string): LocalDate | null {
  const s = text.trim();
  let m = ISO_RE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? ymd(y, mo, d) : null;
  }
  m = VN_RE.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? ymd(y, mo, d) : null;
  }
  return null;
}

/** The calendar date in Vietnam of an instant. */
export function toLocalDate(instant: Date | number): LocalDate {
  const date = typeof instant === 'number' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError('Thời điểm không hợp lệ');
  // en-CA formats as YYYY-MM-DD.
  return vnDateParts.format(date);
}

/** Normalises any accepted input to a LocalDate; throws a RangeError (Vietnamese message) when invalid. */
export function asLocalDate(input: DateInput): LocalDate {
  if (input instanceof Date || typeof input === 'number') return toLocalDate(input);
  const parsed = parseLocalDate(input);
  if (!parsed) throw new RangeError(calendarMessages.invalidDate(String(input)));
  return parsed;
}

/** Today's date in Vietnam. */
export function todayVN(now: Date = new Date()): LocalDate {
  return toLocalDate(now);
}

function toUtcMs(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): LocalDate {
  const dt = new Date(ms);
  return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** Adds calendar days (negative allowed). */
export function addCalendarDays(date: DateInput, days: number): LocalDate {
  return fromUtcMs(toUtcMs(asLocalDate(date)) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: DateInput): number {
  return new Date(toUtcMs(asLocalDate(date))).getUTCDay();
}

export function isWeekend(date: DateInput): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: DateInput): number {
  return Number(asLocalDate(date).slice(0, 4));
}

export function compareLocalDates(a: DateInput, b: DateInput): number {
  const x = asLocalDate(a);
  const y = asLocalDate(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** 'dd/mm/yyyy', the way due dates are shown to officials. */
export function formatDateVN(date: DateInput): string {
  const [y, m, d] = asLocalDate(date).split('-');
  return `${d}/${m}/${y}`;
}

const WEEKDAYS_VN = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** 'Thứ Hai', ..., 'Chủ nhật'. */
export function weekdayVN(date: DateInput): string {
  return WEEKDAYS_VN[dayOfWeek(date)];
}

/**
 * The date as written in an administrative document's place-date line (Decree 30/2020/NĐ-CP, Appendix I):
 * 'ngày 05 tháng 02 năm 2026', 'ngày 30 tháng 11 năm 2026'. Days below 10 and the months 1 and 2 take a
 * leading zero; other months do not.
 */
export function formatDateLongVN(date: DateInput): string {
  const [y, m, d] = asLocalDate(date).split('-').map(Number);
  const month = m <= 2 ? pad2(m) : String(m);
  return `ngày ${pad2(d)} tháng ${month} năm ${y}`;
}

/**
 * The instant of a local time of day on a date in Vietnam: localTimeToInstant('2026-03-02', '08:00') is
 * 01:00 UTC. Used to schedule reminders at office hours.
 */
export function localTimeToInstant(date: DateInput, time = '00:00'): Date {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`Giờ không hợp lệ: “${time}” (dùng dạng HH:mm)`);
  return new Date(toUtcMs(asLocalDate(date)) + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - VN_OFFSET_MS);
}

/** The first instant of the date in Vietnam. */
export function startOfLocalDay(date: DateInput): Date {
  return localTimeToInstant(date, '00:00');
}

/** The last millisecond of the date in Vietnam (a due date is met until then). */
export function endOfLocalDay(date: DateInput): Date {
  return new Date(startOfLocalDay(date).getTime() + DAY_MS - 1);
}

/** A yearly 'dd/mm' (as in the configuration's annualReport dates) in a given year. */
export function dayMonthInYear(dayMonth: string, year: number): LocalDate {
  const d = parseLocalDate(`${dayMonth.trim()}/${year}`);
  if (!d) throw new RangeError(calendarMessages.invalidDate(`${dayMonth}/${year}`));
  return d;
}
