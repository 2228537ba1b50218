/**
 * Bangla renderings of numbers, dates and periods as they are typed in the submissions
 * (১৬/০৩/২০২৩, ১৫/১/২৩, ১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ, ১ মাঘ ১৪৩০ বঙ্গাব্দ, ৪র্থ ত্রৈমাসিক (এপ্রিল/২৩-জুন/২৩)).
 */
import { toBanglaDigits } from '../../pipeline/normalise/digits.js';

export const bn = (v: string | number): string => toBanglaDigits(v);

/** A calendar date without time zone trouble. */
export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

const DAY_MS = 86_400_000;
const toUtc = (t: Ymd): number => Date.UTC(t.y, t.m - 1, t.d);
const fromUtc = (ms: number): Ymd => {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
};

export function addDays(t: Ymd, n: number): Ymd {
  return fromUtc(toUtc(t) + n * DAY_MS);
}
export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}
export function compareYmd(a: Ymd, b: Ymd): number {
  return toUtc(a) - toUtc(b);
}
export function isoDate(t: Ymd): string {
  return `${t.y}-${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')}`;
}

export const MONTHS = ['জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর', 'নভেম্বর', 'ডিসেম্বর'] as const;
export const WEEKDAYS = ['রবিবার', 'সোমবার', 'মঙ্গলবার', 'বুধবার', 'বৃহস্পতিবার', 'শুক্রবার', 'শনিবার'] as const;
export const ORDINALS = ['১ম', '২য়', '৩য়', '৪র্থ'] as const;

export function weekday(t: Ymd): string {
  return WEEKDAYS[new Date(toUtc(t)).getUTCDay()]!;
}
export function monthName(m: number): string {
  return MONTHS[m - 1]!;
}

/** How a numeric date is typed: separator, zero padding, 2- or 4-digit year. */
export interface DateStyle {
  sep: '/' | '-' | '.';
  pad: boolean;
  year4: boolean;
}
export const DATE_STYLES: readonly DateStyle[] = [
  { sep: '/', pad: true, year4: true }, // ১৬/০৩/২০২৩
  { sep: '/', pad: true, year4: false }, // ১৬/০৩/২৩
  { sep: '/', pad: false, year4: false }, // ১৫/১/২৩
  { sep: '-', pad: true, year4: true }, // ১৬-০৩-২০২৩
  { sep: '.', pad: true, year4: true }, // ১৬.০৩.২০২৩
];

export function numericDate(t: Ymd, s: DateStyle = { sep: '/', pad: true, year4: true }): string {
  const p = (n: number) => (s.pad ? String(n).padStart(2, '0') : String(n));
  const y = s.year4 ? String(t.y) : String(t.y % 100).padStart(2, '0');
  return bn(`${p(t.d)}${s.sep}${p(t.m)}${s.sep}${y}`);
}

/** ১৫ জানুয়ারি ২০২৪ */
export function longDate(t: Ymd): string {
  return `${bn(t.d)} ${monthName(t.m)} ${bn(t.y)}`;
}

const BN_MONTHS = ['বৈশাখ', 'জ্যৈষ্ঠ', 'আষাঢ়', 'শ্রাবণ', 'ভাদ্র', 'আশ্বিন', 'কার্তিক', 'অগ্রহায়ণ', 'পৌষ', 'মাঘ', 'ফাল্গুন', 'চৈত্র'] as const;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Bangla calendar date under the 2019 revision (বৈশাখ–আশ্বিন 31 days, ফাল্গুন 29/30 with the Gregorian
 * leap year, the rest 30; ১ বৈশাখ = 14 April). The revision holds from ১ বৈশাখ ১৪২৬ (14 Apr 2019),
 * which covers every fiscal year the generator writes; earlier dates are refused rather than guessed.
 */
export function banglaCalendar(t: Ymd): { day: number; month: string; year: number } {
  if (compareYmd(t, { y: 2019, m: 4, d: 14 }) < 0) throw new Error(`Bangla calendar before 14 Apr 2019 not supported: ${isoDate(t)}`);
  const startYear = compareYmd(t, { y: t.y, m: 4, d: 14 }) >= 0 ? t.y : t.y - 1;
  let left = daysBetween({ y: startYear, m: 4, d: 14 }, t);
  const lengths = [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, isLeap(startYear + 1) ? 30 : 29, 30];
  let mi = 0;
  while (left >= lengths[mi]!) {
    left -= lengths[mi]!;
    mi++;
  }
  return { day: left + 1, month: BN_MONTHS[mi]!, year: startYear - 593 };
}

/** ১ মাঘ ১৪৩০ বঙ্গাব্দ */
export function banglaCalendarLine(t: Ymd): string {
  const b = banglaCalendar(t);
  return `${bn(b.day)} ${b.month} ${bn(b.year)} বঙ্গাব্দ`;
}

/** Fiscal year "2022-23" → its first day (1 July). */
export function fyStart(fy: string): Ymd {
  return { y: Number(fy.slice(0, 4)), m: 7, d: 1 };
}
/** "২০২২-২৩" or "২০২২-২০২৩" */
export function fyLabel(fy: string, long: boolean): string {
  const y = Number(fy.slice(0, 4));
  return bn(long ? `${y}-${y + 1}` : `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
}

/** First and last day of quarter q (1-4) of a fiscal year. */
export function quarterRange(fy: string, q: number): { from: Ymd; to: Ymd } {
  const s = fyStart(fy);
  const fromM = ((s.m - 1 + (q - 1) * 3) % 12) + 1;
  const fromY = s.y + (fromM < s.m ? 1 : 0);
  const from = { y: fromY, m: fromM, d: 1 };
  const next = fromM + 3 > 12 ? { y: fromY + 1, m: fromM + 3 - 12, d: 1 } : { y: fromY, m: fromM + 3, d: 1 };
  return { from, to: addDays(next, -1) };
}

/** The ways the quarter's months are named in subjects and headers. */
export function quarterPeriod(fy: string, q: number, style: 'slash' | 'range' | 'hote'): string {
  const { from, to } = quarterRange(fy, q);
  const a = monthName(from.m);
  const b = monthName(to.m);
  if (style === 'slash') return `${a}/${bn(String(from.y % 100))}-${b}/${bn(String(to.y % 100))}`; // এপ্রিল/২৩-জুন/২৩
  if (style === 'range') return `${a}-${b}, ${bn(to.y)}`; // এপ্রিল-জুন, ২০২৩
  return `${a} হতে ${b}, ${bn(to.y)}`; // এপ্রিল হতে জুন, ২০২৩
}

/** Decimal with Bangla digits, no trailing zeros: 4.5 → ৪.৫, 2.25 → ২.২৫, 10 → ১০ */
export function bnDecimal(x: number, maxDigits = 2): string {
  const s = x.toFixed(maxDigits).replace(/\.?0+$/, '');
  return bn(s);
}

/** 3 → "০৩" when padded */
export function bnInt(n: number, pad: boolean): string {
  return bn(pad ? String(n).padStart(2, '0') : String(n));
}
