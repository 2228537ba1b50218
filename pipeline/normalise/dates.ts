/**
 * Dates in every style the reports print: ১৬/০৩/২০২৩, ১৫/০১/২৩, ৩১/৮/২৪, ২৫-০৩-২০২৫, ৯.৫.২০২৪,
 * ১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ, ১৫ই জানুয়ারি, ২০২৪, ১৬ ফেব্রুয়ারী ২০২৩, English month names, the era suffixes
 * খ্রি:/খ্রিঃ/খ্রি./খ্রিস্টাব্দ/ইং, and Bangla calendar dates (১ মাঘ ১৪৩০ বঙ্গাব্দ) converted to Gregorian.
 * Day-month-year order throughout (Bangladesh); two-digit years are 20yy. An impossible date (৩১/০৪,
 * month 13) is returned as text flagged 'impossible-date', never moved to a nearby valid day.
 */
import type { BanglaDate } from '../../models/value.js';
import { banglaToGregorian, formatBanglaDate, gregorianToBangla, MAX_BANGLA_YEAR, MIN_BANGLA_YEAR, type BanglaDateResult } from './banglaCalendar.js';
import { toBanglaDigits } from './digits.js';
import { dayNumber, fromIso, isValidYmd, toIso, type Ymd } from './gregorian.js';
import { ENGLISH_MONTHS, GREGORIAN_MONTHS_BN, lookupMonth, monthSpellings, type MonthMatch } from './months.js';
import { digitsToAscii } from './ocrRepair.js';
import { IMPOSSIBLE_CONFIDENCE, MAX_VALUE_LENGTH, Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { canonicalText, escapeRegExp } from './text.js';

export interface DateOptions {
  /** OCR repairs for a field known to hold a date (look-alike digits, misread separators) */
  repair?: boolean;
  /** ISO date near which a date printed without its year (৩১/১১) is placed; without it such dates stay unparsed */
  referenceDate?: string;
  /**
   * The years the date is expected in (a fiscal year's two years). With repair on, a year read with one
   * digit doubled ("২০১২৪", "২২০২১": Tesseract's ben model repeats a stroke of ২) becomes the one year in this
   * range that dropping a single digit gives; several or none leave the date unparsed. A year read with one
   * wrong digit ("২০১৩" in 2023-24) becomes the one expected year a single substitution gives.
   */
  expectYears?: readonly number[];
}

export type DateResult = BanglaDateResult;

const c = (s: string) => canonicalText(s);
const alt = (words: string[]) => words.map(c).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

const LABEL_RE = new RegExp(`^(?:${alt(['তারিখ', 'তাং', 'তাঃ'])}|dated|date|dt)\\s*[:ঃ\\-.,=]*\\s*`, 'i');
const TRAILING_PUNCT_RE = /[\s.,।:;ঃ)\]!]+$/;
const ERA_RE = new RegExp(
  `\\s*(?:${alt(['খ্রিস্টাব্দ', 'খ্রিষ্টাব্দ', 'খ্রীস্টাব্দ', 'খ্রীষ্টাব্দ', 'খৃষ্টাব্দ', 'খ্রি', 'খ্রী', 'খৃ', 'ইংরেজি', 'ইং', 'সাল', 'ত্রি'])}|a\\.?d)$`,
  'i',
);
const BANGLA_ERA_RE = new RegExp(`\\s*(?:${alt(['বঙ্গাব্দ', 'বাংলা', 'বাং', 'সন', 'ব'])})$`);
const DATE_WORD_SUFFIX_RE = new RegExp(`\\s*(?:${alt(['তারিখের', 'তারিখে', 'তারিখ'])})$`);
const ORDINAL = alt(['লা', 'রা', 'ঠা', 'ই', 'শে']) + '|st|nd|rd|th';
const MONTH_TOKEN = '([^\\d\\s,/\\-.]+)';

const NUMERIC_RE = /^(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*([/\-.])\s*(\d{4}|\d{2})$/;
const NAMED_DMY_RE = new RegExp(`^(\\d{1,2})\\s*(?:${ORDINAL})?[\\s,/\\-.]*${MONTH_TOKEN}[\\s,/\\-.]*(\\d{4}|\\d{2})$`, 'i');
const NAMED_MDY_RE = new RegExp(`^${MONTH_TOKEN}[\\s.]*(\\d{1,2})(?:${ORDINAL})?[\\s,]+(\\d{4})$`, 'i');
const MONTH_YEAR_RE = new RegExp(`^${MONTH_TOKEN}[\\s,/\\-.]*(\\d{4}|\\d{2})$`);
// Without a year only the slash form is a date (৩১/১১); "৭.৫" is a number and "১০-১৫" a range.
const NUMERIC_DM_RE = /^(\d{1,2})\s*\/\s*(\d{1,2})$/;
const NAMED_DM_RE = new RegExp(`^(\\d{1,2})\\s*(?:${ORDINAL})?[\\s,\\-]*${MONTH_TOKEN}$`, 'i');

/** What the date grammar found, before validation. */
interface DateParts {
  day: number;
  month: number;
  year: number | null;
  calendar: 'gregorian' | 'bangla';
}

/** Parse one date (a cell, or the text after "তারিখ:"). Value: ISO date, null for blank/dash, else flagged text. */
export function parseDate(raw: unknown, options: DateOptions = {}): DateResult {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return { ...trace.note('empty').result(r, null, 'blank'), bangla: null };
  if (/^[-–—_]+$/.test(s)) return { ...trace.result(r, null, 'dash'), bangla: null };
  if (s.length > MAX_VALUE_LENGTH) return unparsedDate(trace.note('too-long'), r, s);

  const { text, banglaEra } = stripDateAffixes(s);
  const ascii = digitsToAscii(text, { repair: options.repair ?? false }, trace);
  const parts = readDateParts(ascii, options.repair ?? false, trace, options.expectYears);
  if (parts === 'month-only') return unparsedDate(trace.note('month-only'), r, s);
  if (!parts) return unparsedDate(trace, r, s);
  return resolveParts(parts, banglaEra, options, trace, r, s);
}

function unparsedDate(trace: Trace, raw: string, text: string): DateResult {
  return { ...trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(raw, text, 'text'), bangla: null };
}

function impossible(trace: Trace, raw: string, text: string): DateResult {
  return { ...trace.note('impossible-date').capConfidence(IMPOSSIBLE_CONFIDENCE).result(raw, text, 'text'), bangla: null };
}

/** Remove "তারিখ:" labels and era suffixes (খ্রি:, খ্রিস্টাব্দ, ইং, বঙ্গাব্দ) and trailing punctuation. */
function stripDateAffixes(s: string): { text: string; banglaEra: boolean } {
  // a stray quote before the figure is a speck of the scan (\'০৯/০৩/২০২৫), never part of a date
  let t = s.replace(LABEL_RE, '').replace(/^[(\['"‘’“”`]+/, '');
  let banglaEra = false;
  for (let i = 0; i < 8; i++) {
    const before = t;
    t = t.replace(TRAILING_PUNCT_RE, '').replace(DATE_WORD_SUFFIX_RE, '').replace(ERA_RE, '');
    const bangla = t.replace(BANGLA_ERA_RE, '');
    if (bangla !== t && /[0-9০-৯]\s*$/.test(bangla)) {
      banglaEra = true;
      t = bangla;
    }
    if (t === before) break;
  }
  return { text: t.trim(), banglaEra };
}

/** dd/mm and the year run together ("০৫/০২২০২৪") or day and month run together ("০২০৯/২০২১"): a lost separator */
const LOST_SEPARATOR_RES: ReadonlyArray<[RegExp, string]> = [
  [/^(\d{1,2})\s*([/\-.])\s*(\d{2})(\d{4})$/, '$1$2$3$2$4'],
  [/^(\d{2})(\d{2})\s*([/\-.])\s*(\d{4})$/, '$1$3$2$3$4'],
];
const TRAILING_NOISE_RE = /^(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4})\s*[^\d\s/\-.]{1,3}$/u;
const DOUBLED_YEAR_RE = /^(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*)(\d{5})$/;

function readDateParts(ascii: string, repair: boolean, trace: Trace, expectYears?: readonly number[]): DateParts | 'month-only' | null {
  let t = ascii;
  if (repair) {
    const fixed = t.replace(/(?<=\d)\s*[|।\\,]\s*(?=\d)/g, '/');
    if (fixed !== t) {
      trace.note('repaired-separator');
      t = fixed;
    }
  }
  const direct = readDatePartsExact(t, trace);
  if (direct && direct !== 'month-only' && repair) return yearMisread(direct, trace, expectYears);
  if (direct) return direct;
  // A date wrapped in a narrow cell: "২৮/০৮/২ ৪".
  const joined = t.replace(/(?<=\d)\s+(?=\d)/g, '');
  if (joined !== t) {
    const again = readDatePartsExact(joined, trace);
    if (again && again !== 'month-only') {
      trace.note('joined-digits');
      return again;
    }
  }
  if (repair) {
    // the repairs read the figure whole, as a narrow cell wraps it ("২০১২\n৪")
    const repaired = repairDateParts(joined, trace, expectYears);
    if (repaired) {
      if (joined !== t) trace.note('joined-digits');
      return repaired;
    }
  }
  return direct;
}

/**
 * A four-digit year outside the expected years that one substituted digit puts inside them ("২০১৩" for 2023:
 * ১ and ২ are the ben model's commonest swap) is that year, when exactly one expected year is that near. The
 * last digit can never be told (২০২১ is one digit from both 2023 and 2024), so only a misread tens or
 * hundreds digit is repaired; the date is flagged either way.
 */
function yearMisread(parts: DateParts, trace: Trace, expectYears?: readonly number[]): DateParts {
  if (!expectYears?.length || parts.year === null || parts.calendar !== 'gregorian' || expectYears.includes(parts.year)) return parts;
  const y = String(parts.year);
  if (y.length !== 4) return parts;
  const near = expectYears.filter((e) => {
    const w = String(e);
    return w.length === 4 && [...w].filter((d, i) => d !== y[i]).length === 1;
  });
  if (near.length !== 1) return parts;
  trace.note('repaired-digit');
  return { ...parts, year: near[0]! };
}

/** The OCR repairs of a numeric date that did not read as it stands (repair mode only). */
function repairDateParts(t: string, trace: Trace, expectYears?: readonly number[]): DateParts | null {
  for (const [re, to] of LOST_SEPARATOR_RES) {
    if (!re.test(t)) continue;
    const again = readDatePartsExact(t.replace(re, to), trace);
    if (again && again !== 'month-only' && again.month >= 1 && again.month <= 12) {
      trace.note('repaired-separator');
      return again;
    }
  }
  // a whole date followed by a letter or two of noise ("২৮/০২/২০২৪পা"): the noise is dropped, flagged
  const trailing = TRAILING_NOISE_RE.exec(t);
  if (trailing) {
    const again = readDatePartsExact(trailing[1]!, trace);
    if (again && again !== 'month-only') {
      trace.note('dropped-stray-marks');
      return again;
    }
  }
  const stray = strayTwo(t);
  if (stray) {
    const again = readDatePartsExact(stray, trace);
    if (again && again !== 'month-only') {
      trace.note('repaired-digit');
      return again;
    }
  }
  const doubled = DOUBLED_YEAR_RE.exec(t);
  if (doubled && expectYears?.length) {
    const y = doubled[2]!;
    const years = new Set<string>();
    for (let i = 0; i < y.length; i++) {
      const cand = y.slice(0, i) + y.slice(i + 1);
      if (expectYears.includes(Number(cand))) years.add(cand);
    }
    if (years.size === 1) {
      const again = readDatePartsExact(doubled[1]! + [...years][0]!, trace);
      if (again && again !== 'month-only') {
        trace.note('repaired-digit');
        return again;
      }
    }
  }
  return null;
}

const THREE_DIGIT_FIELD_RE = /^(\d{1,3})\s*([/\-.])\s*(\d{1,3})\s*([/\-.])\s*(\d{4}|\d{2})\s*[^\d\s/\-.]{0,3}$/u;

/**
 * A day or month read with three digits, one of them a ২ the ben model split off a neighbouring stroke or the
 * separator ("০৯/০২১/২০২৫" for ০৯/০১/২০২৫, "১২/২১২/২০২৪" for ১২/১২/২০২৪): the field without that ২, when exactly one
 * such deletion leaves a possible day or month. The date with the field repaired (a letter or two of noise after
 * it dropped, as "খ্র:" for খ্রি:), or null.
 */
function strayTwo(t: string): string | null {
  const m = THREE_DIGIT_FIELD_RE.exec(t);
  if (!m || (m[1]!.length < 3 && m[3]!.length < 3)) return null;
  const fix = (field: string, max: number): string | null => {
    if (field.length < 3) return field;
    const options = new Set<string>();
    for (let i = 0; i < field.length; i++) {
      if (field[i] !== '2') continue;
      const rest = field.slice(0, i) + field.slice(i + 1);
      if (Number(rest) >= 1 && Number(rest) <= max) options.add(rest);
    }
    return options.size === 1 ? [...options][0]! : null;
  };
  const day = fix(m[1]!, 31);
  const month = fix(m[3]!, 12);
  return day && month ? `${day}${m[2]}${month}${m[4]}${m[5]}` : null;
}

function readDatePartsExact(t: string, trace: Trace): DateParts | 'month-only' | null {
  let m: RegExpExecArray | null;
  if ((m = NUMERIC_RE.exec(t))) {
    if (m[2] !== m[4]) trace.note('mixed-separators');
    const year = fullYear(m[5]!);
    const calendar = year >= MIN_BANGLA_YEAR && year <= MAX_BANGLA_YEAR ? 'bangla' : 'gregorian';
    return { day: Number(m[1]), month: Number(m[3]), year, calendar };
  }
  if ((m = NAMED_DMY_RE.exec(t))) {
    const month = monthOf(m[2]!, trace);
    if (month) return { day: Number(m[1]), month: month.month, year: fullYear(m[3]!), calendar: month.calendar };
  }
  if ((m = NAMED_MDY_RE.exec(t))) {
    const month = monthOf(m[1]!, trace);
    if (month) return { day: Number(m[2]), month: month.month, year: fullYear(m[3]!), calendar: month.calendar };
  }
  if ((m = MONTH_YEAR_RE.exec(t)) && monthOf(m[1]!, new Trace())) return 'month-only';
  if ((m = NUMERIC_DM_RE.exec(t))) return { day: Number(m[1]), month: Number(m[2]), year: null, calendar: 'gregorian' };
  if ((m = NAMED_DM_RE.exec(t))) {
    const month = monthOf(m[2]!, trace);
    if (month) return { day: Number(m[1]), month: month.month, year: null, calendar: month.calendar };
  }
  return null;
}

function monthOf(word: string, trace: Trace): MonthMatch | null {
  const found = lookupMonth(word);
  if (found?.match === 'fuzzy') trace.note('fuzzy-month');
  return found;
}

function fullYear(digits: string): number {
  const y = Number(digits);
  return digits.length === 2 ? 2000 + y : y;
}

function resolveParts(parts: DateParts, banglaEra: boolean, options: DateOptions, trace: Trace, raw: string, text: string): DateResult {
  const calendar = banglaEra ? 'bangla' : parts.calendar;
  if (calendar === 'bangla') {
    trace.note('bangla-calendar');
    if (parts.year === null || parts.year < MIN_BANGLA_YEAR) return impossible(trace, raw, text);
    const bangla: BanglaDate = { year: parts.year, month: parts.month, day: parts.day };
    const iso = banglaToGregorian(bangla);
    if (!iso) return impossible(trace, raw, text);
    return { ...trace.result(raw, iso, 'date'), bangla };
  }
  if (parts.year === null) {
    const inferred = inferYear(parts, options.referenceDate);
    if (!inferred) {
      return unparsedDate(trace.note('no-year'), raw, text);
    }
    trace.note('inferred-year');
    return { ...trace.result(raw, toIso(inferred), 'date'), bangla: null };
  }
  const ymd: Ymd = { year: parts.year, month: parts.month, day: parts.day };
  if (!isValidYmd(ymd)) return impossible(trace, raw, text);
  return { ...trace.result(raw, toIso(ymd), 'date'), bangla: null };
}

/** The year that puts day/month closest to the reference date (a signature date near the submission). */
function inferYear(parts: DateParts, referenceDate: string | undefined): Ymd | null {
  const ref = referenceDate ? fromIso(referenceDate) : null;
  if (!ref) return null;
  let best: Ymd | null = null;
  let bestGap = Infinity;
  for (const year of [ref.year - 1, ref.year, ref.year + 1]) {
    const candidate = { year, month: parts.month, day: parts.day };
    if (!isValidYmd(candidate)) continue;
    const gap = Math.abs(dayNumber(candidate) - dayNumber(ref));
    if (gap < bestGap) {
      best = candidate;
      bestGap = gap;
    }
  }
  return best;
}

/** Parse a Bangla calendar date ("১ মাঘ ১৪৩০ বঙ্গাব্দ", "১৪/০৯/১৪৩০ বঙ্গাব্দ"); value is the Gregorian ISO date. */
export function parseBanglaCalendarDate(raw: unknown, options: DateOptions = {}): BanglaDateResult {
  const result = parseDate(raw, options);
  if (result.kind === 'date' && result.bangla === null) return { ...result, flags: [...result.flags, 'not-bangla-calendar'] };
  return result;
}

export interface FoundDate {
  iso: string;
  calendar: 'gregorian' | 'bangla';
  bangla: BanglaDate | null;
  /** offset and length in canonicalText(text) */
  index: number;
  length: number;
  text: string;
  confidence: number;
  flags: string[];
}

const GREGORIAN_NAMES = alt(monthSpellings('gregorian').map((m) => m.text));
const BANGLA_NAMES = alt(monthSpellings('bangla').map((m) => m.text));
const ERA_TAIL = `(?:\\s*(?:${alt(['খ্রিস্টাব্দ', 'খ্রিষ্টাব্দ', 'খ্রি', 'ইং', 'বঙ্গাব্দ', 'বাং'])}))?`;
const FIND_PATTERNS: RegExp[] = [
  new RegExp(`(?<![\\d./])\\d{1,2}\\s?([/.\\-])\\s?\\d{1,2}\\s?[/.\\-]\\s?(?:\\d{4}|\\d{2})(?!\\d|[/.\\-]\\d)${ERA_TAIL}`, 'g'),
  new RegExp(`(?<!\\d)\\d{1,2}\\s*(?:${ORDINAL})?\\s*[,\\-]?\\s*(?:${GREGORIAN_NAMES}|${BANGLA_NAMES})\\s*[,\\-/]?\\s*\\d{4}(?!\\d)${ERA_TAIL}`, 'gi'),
  new RegExp(`(?:${GREGORIAN_NAMES})\\s*\\d{1,2}(?:${ORDINAL})?\\s*,\\s*\\d{4}(?!\\d)`, 'gi'),
];

/** Every date in running text (letter headers, minutes), in order of appearance. */
export function findDates(text: unknown): FoundDate[] {
  const canonical = canonicalText(rawString(text));
  if (canonical.length > 200_000) return [];
  const ascii = digitsToAscii(canonical, { repair: false }, new Trace());
  const found: FoundDate[] = [];
  for (const pattern of FIND_PATTERNS) {
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(ascii))) {
      const start = m.index;
      const matched = canonical.slice(start, start + m[0].length);
      const parsed = parseDate(matched);
      const overlaps = found.some((f) => start < f.index + f.length && f.index < start + m![0].length);
      if (parsed.kind === 'date' && typeof parsed.value === 'string' && !overlaps) {
        found.push({
          iso: parsed.value,
          calendar: parsed.bangla ? 'bangla' : 'gregorian',
          bangla: parsed.bangla,
          index: start,
          length: m[0].length,
          text: matched,
          confidence: parsed.confidence,
          flags: parsed.flags,
        });
      } else if (m[0].length > 1) {
        pattern.lastIndex = start + 1;
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Printed date styles, for round-trip tests and the sample generator. */
export const DATE_STYLES = [
  'dd/mm/yyyy',
  'd/m/yy',
  'dd/mm/yy',
  'dd-mm-yyyy',
  'd.m.yyyy',
  'dd/mm/yyyy খ্রি.',
  'dd-mm-yyyy খ্রিঃ',
  'd month yyyy খ্রিস্টাব্দ',
  'dth month, yyyy',
  'd month yyyy (English)',
  'month d, yyyy (English)',
  'bangla calendar',
] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

/** The day's Bangla ordinal suffix: ১লা, ২রা, ৩রা, ৪ঠা, ৫ই … ১৮ই, ১৯শে … ৩১শে. */
export function banglaOrdinalSuffix(day: number): string {
  if (day === 1) return 'লা';
  if (day === 2 || day === 3) return 'রা';
  if (day === 4) return 'ঠা';
  if (day <= 18) return 'ই';
  return 'শে';
}

/** Print an ISO date in one of the styles the reports use (Bangla digits); null for an invalid date. */
export function formatDate(iso: string, style: DateStyle): string | null {
  const d = fromIso(iso);
  if (!d) return null;
  const bn = (n: number, width = 0) => toBanglaDigits(String(n).padStart(width, '0'));
  const yy = bn(d.year % 100, 2);
  const monthBn = GREGORIAN_MONTHS_BN[d.month - 1]!;
  switch (style) {
    case 'dd/mm/yyyy':
      return `${bn(d.day, 2)}/${bn(d.month, 2)}/${bn(d.year)}`;
    case 'd/m/yy':
      return `${bn(d.day)}/${bn(d.month)}/${yy}`;
    case 'dd/mm/yy':
      return `${bn(d.day, 2)}/${bn(d.month, 2)}/${yy}`;
    case 'dd-mm-yyyy':
      return `${bn(d.day, 2)}-${bn(d.month, 2)}-${bn(d.year)}`;
    case 'd.m.yyyy':
      return `${bn(d.day)}.${bn(d.month)}.${bn(d.year)}`;
    case 'dd/mm/yyyy খ্রি.':
      return `${bn(d.day, 2)}/${bn(d.month, 2)}/${bn(d.year)}খ্রি.`;
    case 'dd-mm-yyyy খ্রিঃ':
      return `${bn(d.day, 2)}-${bn(d.month, 2)}-${bn(d.year)}খ্রিঃ`;
    case 'd month yyyy খ্রিস্টাব্দ':
      return `${bn(d.day)} ${monthBn} ${bn(d.year)} খ্রিস্টাব্দ`;
    case 'dth month, yyyy':
      return `${bn(d.day)}${banglaOrdinalSuffix(d.day)} ${monthBn}, ${bn(d.year)}`;
    case 'd month yyyy (English)':
      return `${d.day} ${ENGLISH_MONTHS[d.month - 1]} ${d.year}`;
    case 'month d, yyyy (English)':
      return `${ENGLISH_MONTHS[d.month - 1]} ${d.day}, ${d.year}`;
    case 'bangla calendar': {
      const b = gregorianToBangla(d);
      return b ? formatBanglaDate(b) : null;
    }
  }
}
