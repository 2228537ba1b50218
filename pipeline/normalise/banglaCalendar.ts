/**
 * The Bangla calendar as used in Bangladesh, both ways.
 *
 * Every year starts on 1 বৈশাখ = 14 April (year Y BS begins in Gregorian year Y + 593).
 * - 2019 revision (notified October 2019, in force for all of 1426 BS and after, i.e. from 14 April 2019):
 *   বৈশাখ–আশ্বিন 31 days, কার্তিক–মাঘ and চৈত্র 30, ফাল্গুন 29 or 30 when its Gregorian year (the one its
 *   February falls in) is a leap year. Hence 16 December = ১ পৌষ, 21 February = ৮ ফাল্গুন, 26 March = ১২ চৈত্র.
 * - 1987 rules (before 1426 BS): বৈশাখ–ভাদ্র 31 days, the other seven 30, ফাল্গুন 31 in a leap year
 *   (16 December = ২ পৌষ, 21 February = ৯ ফাল্গুন).
 * Both rule sets start the year on the same day, so the year of a date never depends on the rules.
 */
import type { BanglaDate, NormResult } from '../../models/value.js';
import { toBanglaDigits } from './digits.js';
import { dayNumber, fromDayNumber, fromIso, isLeapYear, toIso, type Ymd } from './gregorian.js';
import { BANGLA_MONTHS } from './months.js';

export type CalendarRules = '2019' | '1987';

/** First Bangla year under the 2019 revision. */
export const REVISION_2019_FROM_YEAR = 1426;
/** Bangla year Y begins on 14 April of Gregorian year Y + BANGLA_YEAR_OFFSET. */
export const BANGLA_YEAR_OFFSET = 593;
/** Range we convert: the archive and the foreseeable future; outside it a date is an OCR error. */
export const MIN_BANGLA_YEAR = 1300;
export const MAX_BANGLA_YEAR = 1600;

export interface CalendarOptions {
  /** force a rule set; default: the rules in force on that date */
  rules?: CalendarRules;
}

export function rulesFor(banglaYear: number): CalendarRules {
  return banglaYear >= REVISION_2019_FROM_YEAR ? '2019' : '1987';
}

/** Lengths of the twelve months of Bangla year `year`. */
export function banglaMonthLengths(year: number, rules: CalendarRules = rulesFor(year)): number[] {
  // ফাল্গুন falls in February of the Gregorian year after the one in which the Bangla year began.
  const leap = isLeapYear(year + BANGLA_YEAR_OFFSET + 1);
  if (rules === '2019') return [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, leap ? 30 : 29, 30];
  return [31, 31, 31, 31, 31, 30, 30, 30, 30, 30, leap ? 31 : 30, 30];
}

function newYearDay(banglaYear: number): number {
  return dayNumber({ year: banglaYear + BANGLA_YEAR_OFFSET, month: 4, day: 14 });
}

function toYmd(date: string | Ymd): Ymd | null {
  if (typeof date === 'string') return fromIso(date);
  if (date && typeof date === 'object' && Number.isInteger(date.year) && Number.isInteger(date.month) && Number.isInteger(date.day)) {
    const iso = toIso(date);
    return fromIso(iso);
  }
  return null;
}

/** Gregorian date (ISO string or {year, month, day}) → Bangla date; null for an invalid or out-of-range date. */
export function gregorianToBangla(date: string | Ymd, options: CalendarOptions = {}): BanglaDate | null {
  const g = toYmd(date);
  if (!g) return null;
  const beforeNewYear = g.month < 4 || (g.month === 4 && g.day < 14);
  const year = g.year - BANGLA_YEAR_OFFSET - (beforeNewYear ? 1 : 0);
  if (year < MIN_BANGLA_YEAR || year > MAX_BANGLA_YEAR) return null;
  let offset = dayNumber(g) - newYearDay(year);
  const lengths = banglaMonthLengths(year, options.rules ?? rulesFor(year));
  for (let i = 0; i < 12; i++) {
    const len = lengths[i]!;
    if (offset < len) return { year, month: i + 1, day: offset + 1 };
    offset -= len;
  }
  return null; // unreachable: the months sum to the year's length
}

/** Bangla date → ISO Gregorian date; null when the day does not exist in that month under those rules. */
export function banglaToGregorian(date: BanglaDate, options: CalendarOptions = {}): string | null {
  if (!isValidBanglaDate(date, options)) return null;
  const lengths = banglaMonthLengths(date.year, options.rules ?? rulesFor(date.year));
  let offset = date.day - 1;
  for (let i = 0; i < date.month - 1; i++) offset += lengths[i]!;
  return toIso(fromDayNumber(newYearDay(date.year) + offset));
}

export function isValidBanglaDate(date: BanglaDate, options: CalendarOptions = {}): boolean {
  if (!date || typeof date !== 'object') return false;
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger)) return false;
  if (year < MIN_BANGLA_YEAR || year > MAX_BANGLA_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= banglaMonthLengths(year, options.rules ?? rulesFor(year))[month - 1]!;
}

/** "১ মাঘ ১৪৩০ বঙ্গাব্দ" — the style letters print under the Gregorian date. */
export function formatBanglaDate(date: BanglaDate, suffix = ' বঙ্গাব্দ'): string {
  return `${toBanglaDigits(date.day)} ${BANGLA_MONTHS[date.month - 1] ?? '?'} ${toBanglaDigits(date.year)}${suffix}`;
}

/** Result of parsing a Bangla calendar date: value is the Gregorian ISO date, `bangla` the date as printed. */
export type BanglaDateResult = NormResult<string | null> & { bangla: BanglaDate | null };
