/// <reference path="../../node_modules/date-bengali-revised/types/index.d.ts" />
import { getDate } from 'bangla-calendar';
import CalendarBengaliRevised from 'date-bengali-revised';
import { describe, expect, it } from 'vitest';
import {
  banglaMonthLengths,
  banglaToGregorian,
  gregorianToBangla,
  isValidBanglaDate,
  parseBanglaCalendarDate,
  toAsciiDigits,
} from '../../pipeline/normalise/index.js';

/** bangla-calendar (calculationMethod 'BD', 2019 rules) reads the JS Date in local time; local midnight is safe. */
function oracle2019(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return toAsciiDigits(getDate(new Date(y, m - 1, d), { format: 'DD/MM/YYYY', calculationMethod: 'BD' }));
}
const pad = (n: number) => String(n).padStart(2, '0');

describe('Bangla calendar: every day of 1420–1440 BS against the oracles', () => {
  it('agrees with bangla-calendar (2019 rules, ≥1426) and date-bengali-revised (1987 rules, <1426) both ways', () => {
    let days = 0;
    const mismatches: string[] = [];
    for (let year = 1420; year <= 1440; year++) {
      const lengths = banglaMonthLengths(year);
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= lengths[month - 1]!; day++) {
          days++;
          const iso = banglaToGregorian({ year, month, day });
          if (!iso) {
            mismatches.push(`${year}-${month}-${day}: no Gregorian date`);
            continue;
          }
          const back = gregorianToBangla(iso);
          if (back?.year !== year || back.month !== month || back.day !== day) mismatches.push(`${iso}: round trip gave ${JSON.stringify(back)}`);
          const [gy, gm, gd] = iso.split('-').map(Number) as [number, number, number];
          if (year >= 1426) {
            const expected = `${pad(day)}/${pad(month)}/${year}`;
            const got = oracle2019(iso);
            if (got !== expected) mismatches.push(`${iso}: bangla-calendar ${got}, ours ${expected}`);
          } else {
            const fromG = new CalendarBengaliRevised().fromGregorian(gy, gm, gd) as unknown as { year: number; month: number; day: number };
            if (fromG.year !== year || fromG.month !== month || fromG.day !== day) mismatches.push(`${iso}: date-bengali-revised ${JSON.stringify(fromG)}`);
            const toG = new (CalendarBengaliRevised as unknown as new (y: number, m: number, d: number) => CalendarBengaliRevised)(year, month, day).toGregorian();
            if (toG.year !== gy || toG.month !== gm || toG.day !== gd) mismatches.push(`${year}-${month}-${day}: date-bengali-revised → ${JSON.stringify(toG)}, ours ${iso}`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // 21 years of 365/366 days: the loop really covered every day.
    expect(days).toBe(7670);
  });

  it('the Gregorian days of 1420–1440 BS are contiguous: 14 Apr 2013 … 13 Apr 2034', () => {
    expect(banglaToGregorian({ year: 1420, month: 1, day: 1 })).toBe('2013-04-14');
    expect(banglaToGregorian({ year: 1440, month: 12, day: 30 })).toBe('2034-04-13');
  });
});

describe('Bangla calendar: the anchors of the 2019 revision and the 1987 rules', () => {
  it.each([
    ['2023-12-16', { year: 1430, month: 9, day: 1 }], // বিজয় দিবস = ১ পৌষ
    ['2024-02-21', { year: 1430, month: 11, day: 8 }], // ২১ ফেব্রুয়ারি = ৮ ফাল্গুন
    ['2024-03-26', { year: 1430, month: 12, day: 12 }], // স্বাধীনতা দিবস = ১২ চৈত্র
    ['2019-04-14', { year: 1426, month: 1, day: 1 }],
    ['2024-03-14', { year: 1430, month: 11, day: 30 }], // ফাল্গুন 30 days in a Gregorian leap year
    ['2023-03-14', { year: 1429, month: 11, day: 29 }], // ফাল্গুন 29 days otherwise
    ['2023-03-15', { year: 1429, month: 12, day: 1 }],
    ['2018-12-16', { year: 1425, month: 9, day: 2 }], // 1987 rules: ২ পৌষ
    ['2016-03-14', { year: 1422, month: 11, day: 31 }], // 1987 rules: ফাল্গুন 31 in a leap year
  ])('%s is %o', (iso, bangla) => {
    expect(gregorianToBangla(iso)).toEqual(bangla);
    expect(banglaToGregorian(bangla)).toBe(iso);
  });

  it('month lengths follow the rule set of the year', () => {
    expect(banglaMonthLengths(1430)).toEqual([31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30]);
    expect(banglaMonthLengths(1429)).toEqual([31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 29, 30]);
    expect(banglaMonthLengths(1422)).toEqual([31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 31, 30]);
    expect(banglaMonthLengths(1425)).toEqual([31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30, 30]);
  });

  it('rejects days that do not exist instead of rolling over', () => {
    expect(banglaToGregorian({ year: 1429, month: 11, day: 30 })).toBeNull();
    expect(banglaToGregorian({ year: 1425, month: 6, day: 31 })).toBeNull(); // আশ্বিন had 30 days before 2019
    expect(banglaToGregorian({ year: 1430, month: 13, day: 1 })).toBeNull();
    expect(isValidBanglaDate({ year: 1430, month: 6, day: 31 })).toBe(true);
    expect(gregorianToBangla('2023-02-30')).toBeNull();
    expect(gregorianToBangla('not a date')).toBeNull();
  });

  it('can convert with the other rule set on request (for letters written to the old rules)', () => {
    expect(banglaToGregorian({ year: 1430, month: 10, day: 1 }, { rules: '1987' })).toBe('2024-01-14');
    expect(gregorianToBangla('2023-12-16', { rules: '1987' })).toEqual({ year: 1430, month: 9, day: 2 });
  });
});

describe('parseBanglaCalendarDate', () => {
  it('reads the Bangla date line of a letter (seed 004_c20b99b83d327ae3.txt)', () => {
    const r = parseBanglaCalendarDate('১ মাঘ ১৪৩০ বঙ্গাব্দ');
    expect(r.value).toBe('2024-01-15');
    expect(r.bangla).toEqual({ year: 1430, month: 10, day: 1 });
    expect(r.flags).toContain('bangla-calendar');
  });

  it('reads spelling variants and the numeric form', () => {
    expect(parseBanglaCalendarDate('২ জৈষ্ঠ ১৪৩১ বঙ্গাব্দ').bangla).toEqual({ year: 1431, month: 2, day: 2 });
    expect(parseBanglaCalendarDate('১৪/০৯/১৪৩০ বঙ্গাব্দ').value).toBe(gregorianOf(1430, 9, 14));
  });

  it('flags a Gregorian date given where a Bangla one was expected', () => {
    expect(parseBanglaCalendarDate('১৫ জানুয়ারি ২০২৪').flags).toContain('not-bangla-calendar');
  });

  it('rejects ৩১ ফাল্গুন ১৪৩০ (only 30 days in 2019 rules) as impossible', () => {
    const r = parseBanglaCalendarDate('৩১ ফাল্গুন ১৪৩০ বঙ্গাব্দ');
    expect(r.flags).toContain('impossible-date');
    expect(r.bangla).toBeNull();
  });
});

function gregorianOf(year: number, month: number, day: number): string {
  return banglaToGregorian({ year, month, day })!;
}
