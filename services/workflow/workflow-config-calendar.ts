// The calendar section of the workflow configuration: per year, the extra days off and the weekend days
// worked in compensation (a date, {date, note} or {from, to, note}), checked against the year and the
// weekdays; the shipped years of announced-days-off.ts are the default.
import { z } from 'zod/v4';
import { ANNOUNCED_CALENDAR_YEARS } from '../calendar/announced-days-off.js';
import { addCalendarDays, dayOfWeek, parseLocalDate, yearOf } from '../calendar/local-date.js';
import type { CalendarConfig, CalendarDayEntry } from '../calendar/working-days.js';

const localDate = z.string({ error: 'phải là ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy' }).transform((s, ctx) => {
  const d = parseLocalDate(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `“${s}” không phải ngày hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy)` });
    return z.NEVER;
  }
  return d;
});

/** A date or a range of dates, with an optional note; normalised to a list of single days. */
const calendarEntry = z.union(
  [
    localDate.transform((date) => [{ date }] as CalendarDayEntry[]),
    z
      .strictObject({ date: localDate, note: z.string().optional() })
      .transform((e) => [{ date: e.date, ...(e.note ? { note: e.note } : {}) }] as CalendarDayEntry[]),
    z
      .strictObject({ from: localDate, to: localDate, note: z.string().optional() })
      .check((c) => {
        if (c.value.to < c.value.from) {
          c.issues.push({ code: 'custom', message: '“to” phải sau hoặc bằng “from”', input: c.value, path: ['to'] });
        } else if (c.value.to > addCalendarDays(c.value.from, 31)) {
          c.issues.push({ code: 'custom', message: 'một khoảng ngày nghỉ không được dài quá 31 ngày', input: c.value, path: ['to'] });
        }
      })
      .transform((e) => {
        const out: CalendarDayEntry[] = [];
        for (let d = e.from; d <= e.to; d = addCalendarDays(d, 1)) out.push({ date: d, ...(e.note ? { note: e.note } : {}) });
        return out;
      }),
  ],
  { error: 'mỗi mục phải là một ngày (YYYY-MM-DD hoặc dd/mm/yyyy), {date, note} hoặc {from, to, note}' },
);

const calendarYear = z
  .strictObject({
    confirmed: z.boolean({ error: 'phải là true hoặc false' }).default(false),
    source: z.string().optional(),
    extraDaysOff: z.array(calendarEntry, { error: 'phải là một danh sách' }).default([]),
    workingDays: z.array(calendarEntry, { error: 'phải là một danh sách' }).default([]),
  })
  .transform((y) => ({
    confirmed: y.confirmed,
    ...(y.source ? { source: y.source } : {}),
    extraDaysOff: y.extraDaysOff.flat(),
    workingDays: y.workingDays.flat(),
  }));

export const calendarSchema = z
  .strictObject({
    autoCompensationForUnconfiguredYears: z.boolean({ error: 'phải là true hoặc false' }).default(true),
    years: z
      .record(z.string().regex(/^\d{4}$/, { error: 'năm phải gồm 4 chữ số' }), calendarYear, {
        error: 'phải là bảng theo năm, ví dụ 2026: {...}',
      })
      .prefault(ANNOUNCED_CALENDAR_YEARS as never),
  })
  .check((c) => {
    for (const [year, yc] of Object.entries(c.value.years)) {
      const off = new Set<string>();
      yc.extraDaysOff.forEach((e, i) => {
        off.add(e.date);
        if (yearOf(e.date) !== Number(year)) {
          c.issues.push({
            code: 'custom',
            input: e.date,
            path: ['years', year, 'extraDaysOff', i],
            message: `ngày ${e.date} không thuộc năm ${year}`,
          });
        }
      });
      yc.workingDays.forEach((e, i) => {
        const p = ['years', year, 'workingDays', i];
        if (yearOf(e.date) !== Number(year)) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày ${e.date} không thuộc năm ${year}` });
        }
        const dow = dayOfWeek(e.date);
        if (dow !== 0 && dow !== 6) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày làm việc bù ${e.date} phải là thứ Bảy hoặc Chủ nhật` });
        }
        if (off.has(e.date)) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày ${e.date} vừa là ngày nghỉ vừa là ngày làm việc bù` });
        }
      });
    }
  });

// Keeps the calendar section assignable to what the working-day calendar takes.
const _calendarCompatible: (c: z.output<typeof calendarSchema>) => CalendarConfig = (c) => c;
void _calendarCompatible;
