/**
 * Month names as they are printed and misread: Gregorian months in Bangla (with the ী/ি, ষ/স spelling
 * variants the comparison key folds anyway) and English, and the twelve Bangla calendar months.
 * Abbreviations ("সেপ্টেঃ", "Sept.") match as unique prefixes; OCR misreadings ("জুনাই" for জুলাই) match
 * fuzzily and are flagged by the caller.
 */
import { keySimilarity } from './fuzzy.js';
import { comparisonKey } from './text.js';

export type Calendar = 'gregorian' | 'bangla';

export const GREGORIAN_MONTHS_BN = [
  'জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর', 'নভেম্বর', 'ডিসেম্বর',
] as const;
export const BANGLA_MONTHS = [
  'বৈশাখ', 'জ্যৈষ্ঠ', 'আষাঢ়', 'শ্রাবণ', 'ভাদ্র', 'আশ্বিন', 'কার্তিক', 'অগ্রহায়ণ', 'পৌষ', 'মাঘ', 'ফাল্গুন', 'চৈত্র',
] as const;
export const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const GREGORIAN_VARIANTS: string[][] = [
  ['জানুয়ারী', 'জানুয়ারি', 'জানুআরি'],
  ['ফেব্রুয়ারী', 'ফেব্রুয়ারি', 'ফেব্রুআরি'],
  ['মার্চ্চ'],
  ['এপ্রিল'],
  ['মে'],
  ['জুন'],
  ['জুলাই', 'জুলায়'],
  ['আগষ্ট', 'অগাস্ট', 'অগস্ট', 'আগস্ট'],
  ['সেপ্টেম্বার', 'সেপ্টেমবর'],
  ['অক্টোবার', 'অকটোবর'],
  ['নভেম্বার', 'নবেম্বর'],
  ['ডিসেম্বার', 'ডিসেমবর'],
];
const ENGLISH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const BANGLA_VARIANTS: string[][] = [
  [],
  ['জৈষ্ঠ', 'জ্যেষ্ঠ', 'জৈষ্ঠ্য', 'জ্যৈষ্ঠ্য'],
  ['আষাড়'],
  [],
  [],
  [],
  ['কার্ত্তিক'],
  ['অঘ্রাণ', 'অঘ্রায়ণ'],
  [],
  [],
  ['ফালগুন'],
  ['চৈত্রো'],
];

interface MonthName {
  key: string;
  calendar: Calendar;
  month: number;
  /** only the full names serve as prefix targets for abbreviations */
  full: boolean;
}

const NAMES: MonthName[] = [];
const add = (name: string, calendar: Calendar, month: number, full: boolean) => {
  const key = comparisonKey(name);
  if (key && !NAMES.some((n) => n.key === key && n.calendar === calendar)) NAMES.push({ key, calendar, month, full });
};
GREGORIAN_MONTHS_BN.forEach((n, i) => add(n, 'gregorian', i + 1, true));
ENGLISH_MONTHS.forEach((n, i) => add(n, 'gregorian', i + 1, true));
GREGORIAN_VARIANTS.forEach((vs, i) => vs.forEach((v) => add(v, 'gregorian', i + 1, false)));
ENGLISH_ABBREVIATIONS.forEach((v, i) => add(v, 'gregorian', i + 1, false));
add('sept', 'gregorian', 9, false);
BANGLA_MONTHS.forEach((n, i) => add(n, 'bangla', i + 1, true));
BANGLA_VARIANTS.forEach((vs, i) => vs.forEach((v) => add(v, 'bangla', i + 1, false)));

export interface MonthMatch {
  calendar: Calendar;
  month: number;
  /** 'exact' (a listed spelling), 'prefix' (a printed abbreviation), 'fuzzy' (an OCR misreading) */
  match: 'exact' | 'prefix' | 'fuzzy';
}

export interface MonthLookupOptions {
  /** allow OCR-misread names (similarity ≥ 0.75, keys of at least 4 letters); default true */
  fuzzy?: boolean;
  /** restrict to one calendar */
  calendar?: Calendar;
}

/** The month a word names, or null. */
export function lookupMonth(word: string, options: MonthLookupOptions = {}): MonthMatch | null {
  const key = comparisonKey(word);
  if (key === '') return null;
  const pool = options.calendar ? NAMES.filter((n) => n.calendar === options.calendar) : NAMES;
  const exact = pool.find((n) => n.key === key);
  if (exact) return { calendar: exact.calendar, month: exact.month, match: 'exact' };
  if (key.length >= 3) {
    const prefixed = unique(pool.filter((n) => n.full && n.key.startsWith(key) && n.key.length > key.length));
    if (prefixed) return { calendar: prefixed.calendar, month: prefixed.month, match: 'prefix' };
  }
  if (options.fuzzy === false || key.length < 4) return null;
  let best: MonthName | null = null;
  let bestScore = 0;
  let tie = false;
  for (const n of pool) {
    if (n.key.length < 3) continue;
    const score = keySimilarity(key, n.key);
    if (score > bestScore + 1e-9) {
      best = n;
      bestScore = score;
      tie = false;
    } else if (Math.abs(score - bestScore) <= 1e-9 && best && (best.month !== n.month || best.calendar !== n.calendar)) {
      tie = true;
    }
  }
  if (!best || tie || bestScore < 0.75) return null;
  return { calendar: best.calendar, month: best.month, match: 'fuzzy' };
}

/** The one month all candidates agree on, else null. */
function unique(candidates: MonthName[]): MonthName | null {
  const first = candidates[0];
  if (!first) return null;
  return candidates.every((c) => c.month === first.month && c.calendar === first.calendar) ? first : null;
}

/** Every listed spelling, longest first, canonical — for building search patterns over running text. */
export function monthSpellings(calendar: Calendar): Array<{ text: string; month: number }> {
  const out: Array<{ text: string; month: number }> = [];
  const push = (names: readonly string[], offset = 0) => names.forEach((t, i) => out.push({ text: t, month: i + 1 + offset }));
  if (calendar === 'gregorian') {
    push(GREGORIAN_MONTHS_BN);
    push(ENGLISH_MONTHS);
    GREGORIAN_VARIANTS.forEach((vs, i) => vs.forEach((v) => out.push({ text: v, month: i + 1 })));
  } else {
    push(BANGLA_MONTHS);
    BANGLA_VARIANTS.forEach((vs, i) => vs.forEach((v) => out.push({ text: v, month: i + 1 })));
  }
  return out.sort((a, b) => b.text.length - a.text.length);
}
