import assert from 'node:assert/strict';
import {
  WorkingCalendar,
  addCalendarDays,
  dayMonthInYear,
  endOfLocalDay,
  formatDateLongVN,
  formatDateVN,
  localTimeToInstant,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
  weekdayVN,
} from '../services/calendar/working-days.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';

describe('working days (Asia/Ho_Chi_Minh calendar, Vietnamese holidays)', () => {
  const cal = new WorkingCalendar(defaultWorkflowConfig.calendar);

  describe('dates', () => {
    it('parses dd/mm/yyyy and YYYY-MM-DD and rejects impossible dates', () => {
      assert.equal(parseLocalDate('30/11/2026'), '2026-11-30');
      assert.equal(parseLocalDate('1/9/2026'), '2026-09-01');
      assert.equal(parseLocalDate(' 2026-11-30 '), '2026-11-30');
      assert.equal(parseLocalDate('29/02/2028'), '2028-02-29');
      assert.equal(parseLocalDate('29/02/2026'), null);
      assert.equal(parseLocalDate('31/04/2026'), null);
      assert.equal(parseLocalDate('2026-13-01'), null);
      assert.equal(parseLocalDate('ngày mai'), null);
    });

    it('formats dates the Vietnamese way', () => {
      assert.equal(formatDateVN('2026-03-03'), '03/03/2026');
      assert.equal(formatDateVN('5/9/2026'), '05/09/2026');
      assert.equal(formatDateLongVN('2026-11-30'), 'ngày 30 tháng 11 năm 2026');
      assert.equal(formatDateLongVN('2026-02-05'), 'ngày 05 tháng 02 năm 2026');
      assert.equal(formatDateLongVN('2026-03-05'), 'ngày 05 tháng 3 năm 2026');
      assert.equal(weekdayVN('2026-03-02'), 'Thứ Hai');
    });

    it('reads an instant on the Vietnamese calendar, not in UTC', () => {
      // 23:30 UTC on Sunday 01/03/2026 is 06:30 on Monday 02/03/2026 in Vietnam.
      const instant = new Date('2026-03-01T23:30:00Z');
      assert.equal(instant.getUTCDay(), 0);
      assert.equal(toLocalDate(instant), '2026-03-02');
      assert.equal(cal.isWorkingDay(instant), true);
      assert.equal(cal.isWorkingDay('2026-03-01'), false);
      // 00:30 on Monday in Vietnam is still Monday (17:30 UTC on Sunday).
      assert.equal(toLocalDate(new Date('2026-03-01T17:30:00Z')), '2026-03-02');
      // Midnight boundary: 16:59:59Z Friday is Friday 23:59:59 local; 17:00Z is Saturday 00:00 local.
      assert.equal(cal.isWorkingDay(new Date('2026-03-06T16:59:59Z')), true);
      assert.equal(cal.isWorkingDay(new Date('2026-03-06T17:00:00Z')), false);
      // A deadline counted from an instant late on Friday UTC but Saturday in Vietnam starts from Saturday.
      assert.equal(cal.addWorkingDays(new Date('2026-03-06T18:00:00Z'), 1), '2026-03-09');
    });

    it('converts local times of day to instants (UTC+7)', () => {
      assert.equal(localTimeToInstant('2026-03-02', '08:00').toISOString(), '2026-03-02T01:00:00.000Z');
      assert.equal(startOfLocalDay('2026-03-02').toISOString(), '2026-03-01T17:00:00.000Z');
      assert.equal(endOfLocalDay('2026-03-02').toISOString(), '2026-03-02T16:59:59.999Z');
      assert.equal(toLocalDate(endOfLocalDay('2026-03-02')), '2026-03-02');
      assert.equal(toLocalDate(startOfLocalDay('2026-03-02')), '2026-03-02');
      assert.equal(dayMonthInYear('30/11', 2026), '2026-11-30');
      assert.throws(() => localTimeToInstant('2026-03-02', '25:00'), /Giờ không hợp lệ/);
      assert.throws(() => dayMonthInYear('29/02', 2026), /Ngày không hợp lệ/);
    });

    it('rejects an invalid date with a Vietnamese message', () => {
      assert.throws(() => cal.isWorkingDay('31/02/2026'), /Ngày không hợp lệ/);
      assert.throws(() => cal.addWorkingDays('2026-03-02', 1.5), /số nguyên/);
    });
  });

  describe('holidays and announced days off', () => {
    it('skips the whole Tết Bính Ngọ break 14/02–22/02/2026 and counts from the day after receipt', () => {
      for (let d = '2026-02-14'; d <= '2026-02-22'; d = addCalendarDays(d, 1)) {
        assert.equal(cal.isWorkingDay(d), false, d);
      }
      assert.equal(cal.isWorkingDay('2026-02-13'), true);
      assert.equal(cal.isWorkingDay('2026-02-23'), true);
      // Received Friday 13/02/2026: 7 working days → Tuesday 03/03/2026 (23–27/02, 02/03, 03/03).
      assert.equal(cal.addWorkingDays('2026-02-13', 7), '2026-03-03');
      assert.equal(cal.workingDaysBetween('2026-02-13', '2026-03-03'), 7);
      assert.equal(formatDateVN(cal.addWorkingDays('13/02/2026', 7)), '03/03/2026');
    });

    it('counts the Tết Ất Tỵ break 25/01–02/02/2025', () => {
      assert.equal(cal.isWorkingDay('2025-01-24'), true);
      for (const d of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) assert.equal(cal.isWorkingDay(d), false, d);
      assert.equal(cal.nextWorkingDay('2025-01-24'), '2025-02-03');
      // 3 February is a working day: the break was announced in full, no automatic compensation.
      assert.equal(cal.isWorkingDay('2025-02-03'), true);
    });

    it('skips weekends', () => {
      assert.equal(cal.isWorkingDay('2026-03-07'), false);
      assert.equal(cal.isWorkingDay('2026-03-08'), false);
      assert.equal(cal.nextWorkingDay('2026-03-06'), '2026-03-09');
      assert.equal(cal.addWorkingDays('2026-03-02', 7), '2026-03-11');
      assert.equal(cal.workingDaysBetween('2026-03-06', '2026-03-09'), 1);
    });

    it('a deadline spanning Giỗ Tổ (compensatory 27/4) and 30/4–1/5/2026', () => {
      assert.equal(cal.dayInfo('2026-04-27').kind, 'announced_day_off');
      // Received Friday 24/04/2026: 28, 29/4, 4, 5, 6, 7, 8/5 → Friday 08/05/2026.
      assert.equal(cal.addWorkingDays('2026-04-24', 7), '2026-05-08');
      assert.equal(cal.isWorkingDay('2026-04-30'), false);
      assert.equal(cal.isWorkingDay('2026-05-01'), false);
    });

    it('the 2025 swap: Saturday 26/4 is worked and Friday 2/5 is off', () => {
      assert.equal(cal.dayInfo('2025-04-26').kind, 'make_up_working_day');
      assert.equal(cal.isWorkingDay('2025-04-26'), true);
      assert.equal(cal.isWorkingDay('2025-05-02'), false);
      // Received Friday 25/04/2025: Sat 26/4 (1), Mon 28 (2), Tue 29 (3), then 30/4–4/5 off, Mon 5/5 (4).
      assert.equal(cal.addWorkingDays('2025-04-25', 3), '2025-04-29');
      assert.equal(cal.addWorkingDays('2025-04-25', 4), '2025-05-05');
    });

    it('National Day: 2/9 and the second day off announced for the year', () => {
      // 2026: 29/8–2/9 off (31/8 and 1/9 announced, 2/9 statutory).
      for (const d of ['2026-08-31', '2026-09-01', '2026-09-02']) assert.equal(cal.isWorkingDay(d), false, d);
      assert.equal(cal.addWorkingDays('2026-08-28', 2), '2026-09-04');
      // 2025: 30/8–2/9, Monday 1/9 announced.
      assert.equal(cal.nextWorkingDay('2025-08-29'), '2025-09-03');
      // Tết Dương lịch 2026: Friday 2/1 off, worked on Saturday 10/1.
      assert.equal(cal.isWorkingDay('2026-01-02'), false);
      assert.equal(cal.isWorkingDay('2026-01-10'), true);
    });

    it('counts only public holidays: observances are working days', () => {
      assert.equal(cal.isWorkingDay('2026-02-03'), true); // Ngày thành lập Đảng (Tuesday)
      assert.equal(cal.isWorkingDay('2026-11-20'), true); // Ngày Nhà giáo (Friday)
      assert.equal(cal.isWorkingDay('2026-05-19'), true); // Ngày sinh Chủ tịch Hồ Chí Minh (Tuesday)
      assert.equal(cal.dayInfo('2026-09-02').kind, 'public_holiday');
    });

    it('counts backwards for reminders and stays the inverse of workingDaysBetween', () => {
      assert.equal(cal.addWorkingDays('2026-03-03', -2), '2026-02-27');
      assert.equal(cal.addWorkingDays('2026-02-23', -1), '2026-02-13');
      assert.equal(cal.addWorkingDays('2026-03-03', 0), '2026-03-03');
      assert.equal(cal.workingDaysBetween('2026-03-03', '2026-02-13'), -7);
      for (let a = '2025-12-20'; a <= '2026-03-10'; a = addCalendarDays(a, 3)) {
        for (const n of [1, 2, 5, 7, 12]) {
          const due = cal.addWorkingDays(a, n);
          assert.equal(cal.isWorkingDay(due), true, `${a}+${n}`);
          assert.equal(cal.workingDaysBetween(a, due), n, `${a}+${n}`);
          assert.equal(cal.addWorkingDays(due, -n) <= a, true, `${a}+${n}`);
        }
      }
    });
  });

  describe('years', () => {
    it('a year without configuration still works from the statutory holidays and is flagged', () => {
      assert.equal(cal.isYearConfigured(2028), false);
      const warnings = cal.calendarWarnings(2028);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /2028/);
      assert.match(warnings[0], /chưa được cấu hình/);
      // Tết Mậu Thân 2028: giao thừa 25/01 (Tuesday) + 4 days.
      assert.equal(cal.isWorkingDay('2028-01-25'), false);
      assert.equal(cal.isWorkingDay('2028-01-28'), false);
      // 2/9/2028 is a Saturday: compensatory Monday 4/9 (Labour Code Art. 111.3).
      assert.equal(cal.dayInfo('2028-09-04').kind, 'compensatory_day_off');
      assert.equal(cal.addWorkingDays('2028-09-01', 1), '2028-09-05');

      const noAuto = new WorkingCalendar({ ...defaultWorkflowConfig.calendar, autoCompensationForUnconfiguredYears: false });
      assert.equal(noAuto.isWorkingDay('2028-09-04'), true);
    });

    it('a confirmed year has no warning, a projected one says so', () => {
      assert.deepEqual(cal.calendarWarnings(2025), []);
      assert.match(cal.calendarWarnings(2027)[0], /dự kiến/);
      assert.equal(cal.calendarWarningsBetween('2027-12-28', '2028-01-05').length, 2);
    });

    it('lists the days off of a year with their reasons', () => {
      const off = cal.daysOff(2026);
      const tet = off.filter((d) => d.date >= '2026-02-14' && d.date <= '2026-02-22');
      assert.equal(tet.length, 9);
      assert.ok(off.some((d) => d.date === '2026-01-10' && d.kind === 'make_up_working_day'));
    });
  });

  describe('the calendar of the workflow configuration', () => {
    it('is built from the shipped configuration', () => {
      assert.equal(cal.isYearConfigured(2026), true);
      assert.equal(cal.isWorkingDay('2026-02-16'), false);
      assert.equal(cal.addWorkingDays('2026-02-13', 7), '2026-03-03');
      // A plan received at 16:00 on Friday 13/02/2026 (09:00 UTC).
      const d = cal.deadline(new Date('2026-02-13T09:00:00Z'), 7);
      assert.deepEqual(
        { ...d, warnings: d.warnings.length },
        { from: '2026-02-13', due: '2026-03-03', display: '03/03/2026', weekday: 'Thứ Ba', warnings: 1 },
      );
      // 2026 is shipped unconfirmed (the make-up Saturday for 31/8 is missing), so its deadlines are flagged.
      assert.match(d.warnings[0], /dự kiến/);
      // 2025 is confirmed: no warning. Received Friday 24/01/2025 (after 17:00 UTC it is already Saturday).
      assert.deepEqual(cal.deadline(new Date('2025-01-24T09:00:00Z'), 1), {
        from: '2025-01-24',
        due: '2025-02-03',
        display: '03/02/2025',
        weekday: 'Thứ Hai',
        warnings: [],
      });
    });

    it('follows the configuration it is given', () => {
      const other = new WorkingCalendar({ autoCompensationForUnconfiguredYears: true, years: {} });
      // Without the announced 2026 schedule, 2/1 is a working day again, and Tết is only the statutory
      // five days from giao thừa (Monday 16/02 to Friday 20/02), so Friday 13/02 + 1 is still Monday 23/02.
      assert.equal(other.isWorkingDay('2026-01-02'), true);
      assert.equal(other.addWorkingDays('2026-02-13', 1), '2026-02-23');
    });
  });
});
