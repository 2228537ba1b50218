/**
 * The date block of a letter, which often prints the day in both calendars on two lines:
 *   ১ মাঘ ১৪৩০ বঙ্গাব্দ
 *   ১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ
 * Both are read, the Bangla date converted with the rules in force on it, and compared. A letter written
 * with the pre-2019 rules after the revision (or the reverse) disagrees by a day or two: that case is
 * flagged 'calendar-rule-mismatch' rather than 'dates-disagree'.
 */
import type { BanglaDate, NormResult } from '../../models/value.js';
import { banglaToGregorian, rulesFor } from './banglaCalendar.js';
import { findDates, type FoundDate } from './dates.js';
import { Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';

export interface PrintedBanglaDate extends BanglaDate {
  /** the Gregorian date it denotes */
  iso: string;
  /** the text as printed */
  raw: string;
}

export type LetterDatesResult = NormResult<string | null> & {
  /** ISO date of the Gregorian line */
  gregorian: string | null;
  bangla: PrintedBanglaDate | null;
  /** null when only one of the two dates was found */
  agree: boolean | null;
};

/**
 * Read the dates of a letter's date block. Accepts the two lines separately, as an array of lines, or as one
 * text; value is the Gregorian date (else the converted Bangla date).
 */
export function parseLetterDates(first: string | readonly string[], second?: string): LetterDatesResult {
  const input: unknown = first;
  const lines = Array.isArray(input) ? input.map(rawString) : [rawString(input)];
  if (second !== undefined) lines.push(rawString(second));
  const raw = lines.join('\n');
  const trace = new Trace();
  const found = findDates(raw);
  const banglaFound = found.find((f) => f.calendar === 'bangla');
  const gregorianFound = found.find((f) => f.calendar === 'gregorian');
  const bangla = banglaFound ? toPrinted(banglaFound) : null;
  const gregorian = gregorianFound?.iso ?? null;
  for (const f of [banglaFound, gregorianFound]) if (f) trace.absorb(f);

  if (!bangla && !gregorian) {
    return { ...trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(raw, raw.trim(), 'text'), gregorian: null, bangla: null, agree: null };
  }
  let agree: boolean | null = null;
  if (bangla && gregorian) {
    agree = bangla.iso === gregorian;
    if (!agree) {
      const otherRules = rulesFor(bangla.year) === '2019' ? '1987' : '2019';
      const underOther = banglaToGregorian(bangla, { rules: otherRules });
      trace.note(underOther === gregorian ? 'calendar-rule-mismatch' : 'dates-disagree');
    }
  } else trace.note(bangla ? 'only-bangla-date' : 'only-gregorian-date');
  return { ...trace.result(raw, gregorian ?? bangla!.iso, 'date'), gregorian, bangla, agree };
}

function toPrinted(f: FoundDate): PrintedBanglaDate | null {
  if (!f.bangla) return null;
  return { ...f.bangla, iso: f.iso, raw: f.text };
}
