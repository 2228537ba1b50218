/** Proleptic Gregorian arithmetic on plain {year, month, day} numbers (no Date time zones involved). */

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS[month - 1] ?? 0;
}

/** Years a document can carry; anything else in a date field is an OCR error, not a date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export function isValidYmd(d: Ymd, minYear = MIN_YEAR, maxYear = MAX_YEAR): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= minYear &&
    d.year <= maxYear &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

export function toIso(d: Ymd): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** "2024-01-15" → {2024, 1, 15}; null unless a valid calendar date. */
export function fromIso(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidYmd(d, 1, 9999) ? d : null;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (setUTCFullYear, unlike Date.UTC, does not remap years 0–99). */
export function dayNumber(d: Ymd): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function fromDayNumber(n: number): Ymd {
  const date = new Date(n * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
