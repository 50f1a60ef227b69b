// Working days for the time limits of Decree 73/2023/NĐ-CP ("trong thời hạn 07 ngày làm việc").
//
// A working day is Monday to Friday, less:
//  - the public holidays of the Labour Code 2019 (Art. 112) that `date-holidays` knows for VN (type
//    'public' only: Tết Dương lịch, Tết Nguyên đán over 5 days from giao thừa, Giỗ Tổ Hùng Vương, 30/4,
//    1/5, Quốc khánh 2/9). Observances (3/2, 8/3, Phật đản, ...) are working days;
//  - the days off the Government announces for the year (the full Tết break, the second National Day
//    holiday, compensatory days off), listed per year in config/workflow.yaml → calendar.years;
//  and plus the Saturdays the Government turns into working days (hoán đổi ngày làm việc), listed in the
//  same place under `workingDays`.
//
// A year the configuration does not list still works: public holidays from date-holidays and, by the
// Labour Code 2019 Art. 111.3, a holiday that falls on a Saturday or Sunday moves to the next working day.
// The year is then flagged (calendarWarnings) because the announced schedule (second National Day day,
// swaps) is missing and deadlines may be off by a day or two.
//
// Counting convention (Vietnamese administrative practice): "within N working days of receiving" means
// the day of receipt is not counted; the deadline is the N-th working day after it, inclusive. A plan
// received on Friday 13/02/2026 with 7 working days is due on Tuesday 03/03/2026 (the Tết break 14–22/02
// is skipped).
import type Holidays from 'date-holidays';
import { logger } from '../platform/logger.js';
import { calendar as calendarMessages } from '../platform/messages/calendar.js';
import {
  addCalendarDays,
  asLocalDate,
  compareLocalDates,
  formatDateVN,
  isWeekend,
  weekdayVN,
  yearOf,
  type DateInput,
  type LocalDate,
} from './local-date.js';

export * from './local-date.js';

/** A dated entry of the per-year calendar. */
export interface CalendarDayEntry {
  date: LocalDate;
  note?: string;
}

/** One year of the schedule the Government (Bộ Nội vụ) announces. */
export interface CalendarYearConfig {
  /** Weekdays off besides the statutory holidays: the rest of the Tết break, the second 2/9 day, compensatory days. */
  extraDaysOff: CalendarDayEntry[];
  /** Saturdays/Sundays that are worked in exchange for a day off (hoán đổi ngày làm việc). */
  workingDays: CalendarDayEntry[];
  /** True once checked against the official announcement; false for a projected schedule. */
  confirmed: boolean;
  /** The announcement the schedule comes from (number, date), or how it was projected. */
  source?: string;
}

export interface CalendarConfig {
  /** Labour Code Art. 111.3 compensatory day for holidays on a weekend, applied only to years not configured. */
  autoCompensationForUnconfiguredYears: boolean;
  years: Record<string, CalendarYearConfig>;
}

export type DayKind = 'working' | 'weekend' | 'public_holiday' | 'announced_day_off' | 'compensatory_day_off' | 'make_up_working_day';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** Holiday name or the note from the configuration, when there is one. */
  name?: string;
}

export interface Deadline {
  /** The receipt day (not counted). */
  from: LocalDate;
  due: LocalDate;
  /** 'dd/mm/yyyy'. */
  display: string;
  /** 'Thứ Ba'. */
  weekday: string;
  /** Non-empty when a year involved is not configured or not confirmed. */
  warnings: string[];
}

interface YearTable {
  daysOff: Map<LocalDate, { kind: DayKind; name?: string }>;
  workingDays: Map<LocalDate, string | undefined>;
  configured: boolean;
}

/** How far addWorkingDays may walk before giving up (a misconfiguration listing every day as off). */
const MAX_SCAN_DAYS = 3660;

export class WorkingCalendar {
  private holidayRules?: Holidays;
  private readonly tables = new Map<number, YearTable>();
  private readonly warned = new Set<number>();

  constructor(private readonly config: CalendarConfig) {}

  /**
   * date-holidays holds every country's rules (about 18 MB resident): required on the first date
   * computed, not by every process at start. A synchronous require keeps the calendar synchronous.
   */
  private holidays(): Holidays {
    if (!this.holidayRules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, as said above
      const HolidayRules = require('date-holidays') as typeof Holidays;
      this.holidayRules = new HolidayRules('VN', { timezone: 'Asia/Ho_Chi_Minh' });
    }
    return this.holidayRules;
  }

  /** The statutory public holidays date-holidays knows for the year, expanded over their length. */
  publicHolidays(year: number): CalendarDayEntry[] {
    const out: CalendarDayEntry[] = [];
    for (const h of this.holidays().getHolidays(year, 'vi')) {
      if (h.type !== 'public') continue;
      const first = h.date.slice(0, 10);
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = 0; i < days; i++) {
        // date-holidays gives Tết as one 5-day holiday named after its first day (giao thừa).
        const name = i > 0 && /^Giao thừa/i.test(h.name) ? 'Tết Nguyên đán' : h.name;
        out.push({ date: addCalendarDays(first, i), note: name });
      }
    }
    return out.sort((a, b) => compareLocalDates(a.date, b.date));
  }

  private table(year: number): YearTable {
    let t = this.tables.get(year);
    if (t) return t;
    const yearConfig = this.config.years[String(year)];
    const daysOff = new Map<LocalDate, { kind: DayKind; name?: string }>();
    const workingDays = new Map<LocalDate, string | undefined>();
    const publicDays = this.publicHolidays(year);
    for (const h of publicDays) if (!daysOff.has(h.date)) daysOff.set(h.date, { kind: 'public_holiday', name: h.note });

    if (yearConfig) {
      for (const e of yearConfig.extraDaysOff) {
        if (!daysOff.has(e.date)) daysOff.set(e.date, { kind: 'announced_day_off', name: e.note });
      }
      for (const e of yearConfig.workingDays) workingDays.set(e.date, e.note);
    } else if (this.config.autoCompensationForUnconfiguredYears) {
      for (const h of publicDays) {
        if (!isWeekend(h.date)) continue;
        let d = addCalendarDays(h.date, 1);
        while (isWeekend(d) || daysOff.has(d)) d = addCalendarDays(d, 1);
        // Compensation stays inside the year's table; a day that spills into January is rare (no
        // statutory holiday in late December) and is simply not carried over.
        if (yearOf(d) === year) daysOff.set(d, { kind: 'compensatory_day_off', name: `Nghỉ bù ${h.note ?? ''}`.trim() });
      }
    }
    t = { daysOff, workingDays, configured: Boolean(yearConfig) };
    this.tables.set(year, t);
    if (!yearConfig && !this.warned.has(year)) {
      this.warned.add(year);
      logger.warn({ year }, 'working-day calendar: the announced days off for this year are not configured');
    }
    return t;
  }

  /** Whether the date is a working day, with the reason. */
  dayInfo(input: DateInput): DayInfo {
    const date = asLocalDate(input);
    const t = this.table(yearOf(date));
    if (t.workingDays.has(date)) {
      return { date, working: true, kind: 'make_up_working_day', name: t.workingDays.get(date) };
    }
    const off = t.daysOff.get(date);
    if (off) return { date, working: false, kind: off.kind, name: off.name };
    if (isWeekend(date)) return { date, working: false, kind: 'weekend' };
    return { date, working: true, kind: 'working' };
  }

  isWorkingDay(input: DateInput): boolean {
    return this.dayInfo(input).working;
  }

  /**
   * The n-th working day after `start` (the start day itself is never counted). n = 0 returns start
   * unchanged; a negative n counts backwards (addWorkingDays(due, -2) = two working days before the due
   * date, used for reminders).
   */
  addWorkingDays(start: DateInput, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError('Số ngày làm việc phải là số nguyên');
    let d = asLocalDate(start);
    const step = n >= 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let scanned = 0;
    while (remaining > 0) {
      d = addCalendarDays(d, step);
      if (this.isWorkingDay(d)) remaining--;
      if (++scanned > MAX_SCAN_DAYS) throw new RangeError('Lịch ngày làm việc không có đủ ngày làm việc (kiểm tra cấu hình lịch)');
    }
    return d;
  }

  /**
   * Working days in the half-open range (a, b]: a itself is not counted, b is. The inverse of
   * addWorkingDays: workingDaysBetween(a, addWorkingDays(a, n)) === n. Negative when b is before a.
   */
  workingDaysBetween(a: DateInput, b: DateInput): number {
    const from = asLocalDate(a);
    const to = asLocalDate(b);
    const cmp = compareLocalDates(from, to);
    if (cmp === 0) return 0;
    if (cmp > 0) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }

  /**
   * The due date of a time limit of n working days counted from a receipt (an instant or a date), with
   * the calendar warnings of the years it touches: what a card or a reminder needs.
   */
  deadline(received: DateInput, n: number): Deadline {
    const from = asLocalDate(received);
    const due = this.addWorkingDays(from, n);
    return { from, due, display: formatDateVN(due), weekday: weekdayVN(due), warnings: this.calendarWarningsBetween(from, due) };
  }

  /** The first working day strictly after the date. */
  nextWorkingDay(input: DateInput): LocalDate {
    return this.addWorkingDays(input, 1);
  }

  /** The date itself when it is a working day, otherwise the next one. */
  sameOrNextWorkingDay(input: DateInput): LocalDate {
    const d = asLocalDate(input);
    return this.isWorkingDay(d) ? d : this.nextWorkingDay(d);
  }

  /** Every non-working weekday of the year with its reason (for a calendar view or a check). */
  daysOff(year: number): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = `${year}-01-01`; yearOf(d) === year; d = addCalendarDays(d, 1)) {
      const info = this.dayInfo(d);
      if (!info.working && info.kind !== 'weekend') out.push(info);
      else if (info.kind === 'make_up_working_day') out.push(info);
    }
    return out;
  }

  isYearConfigured(year: number): boolean {
    return Boolean(this.config.years[String(year)]);
  }

  /**
   * What a user of a deadline in this year should know, in Vietnamese; empty when the year's schedule is
   * configured and confirmed against the official announcement.
   */
  calendarWarnings(year: number): string[] {
    const yc = this.config.years[String(year)];
    if (!yc) return [calendarMessages.yearNotConfigured(year)];
    if (!yc.confirmed) return [calendarMessages.yearNotConfirmed(year)];
    return [];
  }

  /** The warnings for every year a period touches (a deadline computed across New Year). */
  calendarWarningsBetween(a: DateInput, b: DateInput): string[] {
    const [y1, y2] = [yearOf(a), yearOf(b)].sort((x, y) => x - y);
    const out: string[] = [];
    for (let y = y1; y <= y2; y++) out.push(...this.calendarWarnings(y));
    return out;
  }
}
