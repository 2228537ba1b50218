/**
 * The normalisation library as this stage uses it: thin wrappers that turn its NormResults into the plain
 * values the extractors need (an ISO date, a period, the parts of a memo number) with their confidence.
 */
import * as lib from '../normalise/index.js';
import type { MemoNumberParts, Quarter } from '../../models/value.js';

export { toAsciiDigits, comparisonKey, canonicalText, similarity, fuzzyIncludes, findCodes } from '../normalise/index.js';

export interface Scored<T> {
  value: T;
  confidence: number;
  flags: string[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A printed date (either calendar) → ISO Gregorian date, or null. */
export function parseDateIso(s: string): Scored<string> | null {
  const r = lib.parseDate(s);
  return typeof r.value === 'string' && ISO.test(r.value) ? { value: r.value, confidence: r.confidence, flags: r.flags } : null;
}

/**
 * The first date printed anywhere in `text` ("তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।" → 2023-06-26), so labels and
 * OCR debris around the date do not matter. `calendar` limits it to one calendar.
 */
export function findDate(text: string, calendar?: 'gregorian' | 'bangla'): (Scored<string> & { raw: string }) | null {
  const first = lib.findDates(text).find((d) => !calendar || d.calendar === calendar);
  if (first) return { value: first.iso, confidence: first.confidence, flags: first.flags, raw: first.text };
  const whole = calendar ? null : parseDateIso(text);
  return whole ? { ...whole, raw: text.trim() } : null;
}

/**
 * The date printed after a label ("প্রতিবেদন প্রেরণের তারিখ: ০৯/০২১/২০২৫খ্রি:") read with the OCR repairs a date
 * field allows (a stray ২ in the month, a lost separator), for a line findDate found nothing on.
 */
export function findRepairedDate(line: string): (Scored<string> & { raw: string }) | null {
  const sep = line.search(/[:ঃ]/u);
  const rest = (sep >= 0 ? line.slice(sep + 1) : line).trim();
  const r = lib.parseDate(rest, { repair: true });
  return typeof r.value === 'string' && ISO.test(r.value) ? { value: r.value, confidence: r.confidence, flags: r.flags, raw: rest } : null;
}

/** A quarter/half-year/year phrase → {fiscalYear, quarter} (either may be null, not both), or null. */
export function parsePeriodValue(s: string): Scored<{ fiscalYear: string | null; quarter: Quarter | null }> | null {
  const r = lib.parsePeriod(s);
  if (r.fiscalYear === null && r.quarter === null) return null;
  return { value: { fiscalYear: r.fiscalYear, quarter: r.quarter }, confidence: r.confidence, flags: r.flags };
}

/** "২০২২-২০২৩ অর্থ বছর" → "2022-23", or null. */
export function parseFiscalYearValue(s: string): Scored<string> | null {
  const r = lib.parseFiscalYear(s);
  return typeof r.value === 'string' && /^\d{4}-\d{2}$/.test(r.value) ? { value: r.value, confidence: r.confidence, flags: r.flags } : null;
}

/** The parts of a memo number (ministry, BBS geocode, file, year, serial), or null when it is not one. */
export function parseMemoParts(s: string): (Scored<MemoNumberParts> & { canonical: string | null }) | null {
  const r = lib.parseMemoNumber(s);
  if (!r.parts) return null;
  return { value: r.parts, canonical: typeof r.value === 'string' ? r.value : null, confidence: r.confidence, flags: r.flags };
}

/** Gregorian and Bangla-calendar dates printed on a letter's date lines, and whether they agree. */
export interface LetterDates {
  /** ISO date of the Gregorian line */
  gregorian: string | null;
  /** the Bangla-calendar date as printed ("৩০ পৌষ ১৪৩০ বঙ্গাব্দ") */
  bangla: string | null;
  /** the Bangla-calendar date converted to ISO */
  banglaIso: string | null;
  agree: boolean | null;
  confidence: number;
  flags: string[];
}

export function parseLetterDatesValue(lines: readonly string[]): LetterDates {
  const r = lib.parseLetterDates(lines);
  return {
    gregorian: r.gregorian,
    bangla: r.bangla?.raw ?? null,
    banglaIso: r.bangla?.iso ?? null,
    agree: r.agree,
    confidence: r.confidence,
    flags: r.flags,
  };
}

/**
 * A printed date read again with the OCR repairs on, expecting the years of a window known only once the
 * period is settled ("১৪/০৪/২০১৪" in a 2023-24 Q3 report: the tens digit of the year misread → 2024-04-14).
 * The first date of `raw` that this puts inside the window, or null.
 */
export function rereadDateInWindow(raw: string, window: { from: string; to: string }): Scored<string> | null {
  const first = Number(window.from.slice(0, 4));
  const last = Number(window.to.slice(0, 4));
  const years = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  const texts = [...lib.findDates(raw).map((d) => d.text), raw];
  for (const t of texts) {
    const r = lib.parseDate(t, { repair: true, expectYears: years });
    if (typeof r.value === 'string' && ISO.test(r.value) && r.value >= window.from && r.value <= window.to) return { value: r.value, confidence: r.confidence, flags: r.flags };
  }
  return null;
}
