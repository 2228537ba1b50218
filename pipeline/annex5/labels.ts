/**
 * Header vocabulary of the Annex 5 table: which words name which canonical column, as printed in the seeds
 * (OCR variants included), and the quarter ordinals.
 */
import { parseUnit, toAsciiDigits } from '../normalise/index.js';
import { comparisonKey, hasAnyWord, hasWord } from './fuzzy.js';
import type { ColumnKey } from './types.js';

/**
 * Words naming a quarter column: ত্রৈমাসিক (2022-23), কোয়ার্টার/কোয়াটার (2023-24, 2024-25), প্রান্তিক.
 * ত্রেমাসিক is ত্রৈমাসিক with its ৈ read as ে, the commonest loss on scans: with it listed, a second misread
 * letter ("ব্রেমাসিক") still matches within the fuzzy threshold.
 */
export const QUARTER_WORDS = ['ত্রৈমাসিক', 'ত্রেমাসিক', 'ত্রৈমাস', 'কোয়ার্টার', 'কোয়াটার', 'প্রান্তিক', 'quarter'] as const;

/** Merged group headers printed above the quarter columns: "প্রকৃত অর্জন" (C), "কোয়ার্টার ভিত্তিক অর্জন" (D). */
const GROUP_WORDS = ['ভিত্তিক', 'প্রকৃত'] as const;

const WORDS = {
  remarks: ['মন্তব্য', 'remarks'],
  // খসড়া স্কোর / ওয়েটেড খসড়া স্কোর (seed 004 reads them "খসড়া ক্রোর"); প্রাপ্ত নম্বর
  score: ['স্কোর', 'নম্বর', 'খসড়া', 'score'],
  scoreMan: ['অর্জিতমান', 'প্রাপ্তমান', 'অর্জিতনম্বর'],
  rate: ['হার', 'শতাংশ', 'শতকরা', 'rate'],
  // "সূচকের" is the weight's genitive (কর্মসম্পাদন সূচকের মান): it survives when OCR loses the short মান
  weight: ['মান', 'ওয়েট', 'সূচকের', 'weight'],
  // seed 003 reads লক্ষ্যমাত্রা as "শস্য মাত্রা": মাত্রা alone still names the target
  target: ['লক্ষ্যমাত্রা', 'লক্ষমাত্রা', 'লক্ষ্য', 'মাত্রা', 'target'],
  total: ['অর্জন', 'total', 'achievement'],
  unit: ['একক', 'unit'],
  indicator: ['সূচক', 'indicator'],
  activity: ['কার্যক্রম', 'কাৰ্যক্ৰম', 'activity'],
  sl: ['নং', 'ক্রমিক', 'sl', 'no'],
} as const;

/**
 * The header labels of the Annex 5 layouts as printed (seeds 000–004), for the spelling repair of header cells
 * (lexicon.ts); the classification above works on the shorter WORDS.
 */
export const HEADER_LABELS: readonly string[] = [
  'ক্রমিক নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'কর্মসম্পাদন সূচকের মান', 'একক', 'বার্ষিক লক্ষ্যমাত্রা', 'লক্ষ্যমাত্রা',
  'প্রথম দ্বিতীয় তৃতীয় চতুর্থ ত্রৈমাসিক অর্জন', 'কোয়ার্টার ভিত্তিক অর্জন', 'কোয়াটার', 'প্রকৃত অর্জন', 'মোট অর্জন',
  'অর্জনের হার', 'অর্জনের শতাংশ', 'অর্জিত স্কোর', 'অর্জিত মান', 'মন্তব্য', 'সংখ্যা', 'তারিখ', 'প্রযোজ্য নয়',
  'খসড়া স্কোর', 'ওয়েটেড', 'জুলাই-সেপ্টেম্বর', 'অক্টোবর-ডিসেম্বর', 'জানুয়ারি-মার্চ', 'এপ্রিল-জুন', 'মাসের',
];

/**
 * Whole header cells as Annex 5 layouts print them (seeds 000–004 and their variants), for snapping a header
 * cell OCR garbled as a whole ("অভিত মান", "ক্রু.নং"). Quarter labels are left to the ordinal repair, which
 * knows the column's quarter.
 */
export const HEADER_CELL_LABELS: readonly string[] = [
  'ক্র.নং', 'ক্র. নং', 'ক্রঃ নং', 'ক্র : নং', 'ক্রমিক নং', 'ক্রমিকনং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক',
  'কর্মসম্পাদন সূচকের মান', 'একক', 'বার্ষিক লক্ষ্যমাত্রা', 'বার্ষিক লক্ষ্য মাত্রা', 'লক্ষ্যমাত্রা', 'প্রকৃত অর্জন', 'মোট অর্জন', 'মোট অর্জনের হার',
  'অর্জনের শতাংশ', 'অর্জিত স্কোর', 'অর্জিত মান', 'মন্তব্য', 'কোয়ার্টার ভিত্তিক অর্জন', 'কোয়াটার ভিত্তিক অর্জন',
];

const ORDINAL_WORDS: ReadonlyArray<[string, 1 | 2 | 3 | 4]> = [
  ['প্রথম', 1],
  ['দ্বিতীয়', 2],
  ['তৃতীয়', 3],
  ['চতুর্থ', 4],
];

/**
 * The quarter an ordinal in the label names: ১ম/২য়/৩য়/৪র্থ (any suffix, since OCR turns ১ম into ১য় and
 * ৪র্থ into ৪য় — the digit is the reliable part) or প্রথম…চতুর্থ. Null when none is printed.
 */
export function quarterOrdinal(label: string): 1 | 2 | 3 | 4 | null {
  const a = toAsciiDigits(label);
  const m = /(?:^|[^0-9])([1-4])\s*(?:ম|য়|য়|য|র্থ|থ|র|st|nd|rd|th)/u.exec(a);
  if (m) return Number(m[1]) as 1 | 2 | 3 | 4;
  const key = comparisonKey(label);
  for (const [w, q] of ORDINAL_WORDS) if (hasWord(key, w)) return q;
  return null;
}

/**
 * The quarter a month range in the label names ("জুলাই-সেপ্টেম্বর/২০২৪" → 1): the Bangladesh fiscal year runs
 * July–June, so the first month of the range decides.
 */
const QUARTER_MONTHS: ReadonlyArray<[string, 1 | 2 | 3 | 4]> = [
  ['জুলাই', 1],
  ['সেপ্টেম্বর', 1],
  ['অক্টোবর', 2],
  ['ডিসেম্বর', 2],
  ['জানুয়ারি', 3],
  ['মার্চ', 3],
  ['এপ্রিল', 4],
  ['জুন', 4],
];
export function quarterFromMonths(label: string): 1 | 2 | 3 | 4 | null {
  const key = comparisonKey(label);
  let best: { q: 1 | 2 | 3 | 4; at: number } | null = null;
  for (const [month, q] of QUARTER_MONTHS) {
    const mk = comparisonKey(month);
    const at = key.indexOf(mk);
    // "জুন" is inside "জুনাই" (seed 001's OCR of জুলাই): the earliest match names the range's start
    if (at >= 0 && (best === null || at < best.at)) best = { q, at };
  }
  return best?.q ?? null;
}

export interface LabelKind {
  /** 'quarter' stands for one of q1..q4; the header mapper numbers the run of quarter columns */
  key: Exclude<ColumnKey, 'q1' | 'q2' | 'q3' | 'q4'> | 'quarter' | null;
  /** 1–4 when the label itself names the quarter */
  quarter: 1 | 2 | 3 | 4 | null;
  confidence: number;
  reason: string;
}

/** True when the label is the merged group header over the quarter columns. */
export function isQuarterGroupLabel(label: string): boolean {
  const key = comparisonKey(label);
  return hasAnyWord(key, GROUP_WORDS) && hasWord(key, 'অর্জন') && !hasWord(key, 'মোট');
}

/**
 * What one header label names. The order of the tests is the point: longer, more specific phrases win over
 * the words they contain ("মোট অর্জনের হার" is the rate, not the total; "কর্মসম্পাদন সূচকের মান" the weight,
 * not the indicator; "অর্জিত মান" the score, not the weight; "১ম ত্রৈমাসিক অর্জন" a quarter, not the total).
 */
export function classifyLabel(label: string): LabelKind {
  const cached = labelCache.get(label);
  if (cached) return cached;
  const kind = classifyLabelUncached(label);
  if (labelCache.size >= 5000) labelCache.clear();
  labelCache.set(label, kind);
  return kind;
}

/** The same header labels recur on every page and in every submission of a batch. */
const labelCache = new Map<string, LabelKind>();

function classifyLabelUncached(label: string): LabelKind {
  const key = comparisonKey(label);
  const raw = label;
  if (!key && !raw.includes('%')) return { key: null, quarter: null, confidence: 0, reason: 'empty' };
  const hit = (k: LabelKind['key'], confidence: number, reason: string, quarter: 1 | 2 | 3 | 4 | null = null): LabelKind => ({
    key: k,
    quarter,
    confidence,
    reason,
  });

  if (hasAnyWord(key, WORDS.remarks)) return hit('remarks', 1, 'label:মন্তব্য');

  const hasTotalWord = hasWord(key, 'মোট');
  const ordinal = quarterOrdinal(label);
  const months = quarterFromMonths(label);
  const quarterWord = hasAnyWord(key, QUARTER_WORDS);
  if (!hasTotalWord && (quarterWord || ordinal !== null)) {
    const q = ordinal ?? months;
    return hit('quarter', quarterWord ? 1 : 0.7, quarterWord ? 'label:quarter' : 'label:ordinal', q);
  }

  if (hasAnyWord(key, WORDS.score) || hasAnyWord(key, WORDS.scoreMan)) return hit('score', 1, 'label:score');
  if (hasAnyWord(key, WORDS.rate) || raw.includes('%')) return hit('rate', 1, 'label:rate');
  if (hasAnyWord(key, WORDS.weight)) return hit('weight', 1, 'label:weight');
  if (hasAnyWord(key, WORDS.target)) return hit('target', 1, 'label:target');
  if (hasAnyWord(key, WORDS.total) || hasTotalWord) return hit('total', hasWord(key, 'অর্জন') ? 1 : 0.7, 'label:total');
  if (hasAnyWord(key, WORDS.unit)) return hit('unit', 1, 'label:একক');
  if (hasAnyWord(key, WORDS.indicator)) return hit('indicator', 1, 'label:সূচক');
  if (hasAnyWord(key, WORDS.activity)) return hit('activity', 1, 'label:কার্যক্রম');
  // ক্র.নং, ক্রমিক নং, ক্রঃ নং, and OCR's "ক্রমং" / "ক্রমি কনং": a short label starting with ক্র
  if (hasAnyWord(key, WORDS.sl) || (key.startsWith(comparisonKey('ক্র')) && [...key].length <= 8)) {
    return hit('sl', 1, 'label:ক্র.নং');
  }
  if (months !== null && !hasTotalWord) return hit('quarter', 0.6, 'label:months', months);
  return { key: null, quarter: null, confidence: 0, reason: 'unrecognised' };
}

/** A cell that is a column number of the numbered row: "১", "১০", "৫.", "৭।". */
export function columnNumber(text: string): number | null {
  const a = toAsciiDigits(text).trim().replace(/[.।)\]]$/u, '').trim();
  if (!/^\d{1,2}$/.test(a)) return null;
  return Number(a);
}

/**
 * True when a cell looks like an indicator or activity code ("[৪.১.২]", "১.২.১]", "(৩.১)") — header rows never
 * contain one, data rows almost always do.
 */
export function looksLikeCode(text: string): boolean {
  const a = toAsciiDigits(text);
  return /[[({]\s*\d{1,2}\s*[.,।]\s*\d{1,2}/u.test(a) || /^\s*\d{1,2}\s*[.,।]\s*\d{1,2}\s*[.,।]\s*\d{1,2}\s*[\])}]/u.test(a);
}

/** The unit a unit cell names: তারিখ → date, % / শতাংশ → percent, সংখ্যা → count (the normaliser's reading). */
export function unitOf(text: string): 'date' | 'percent' | 'count' | null {
  const u = parseUnit(text).value;
  if (u === 'date' || u === 'percent' || u === 'count') return u;
  // "%." or "% " with OCR specks around the sign
  return /%|٪/.test(text) && [...comparisonKey(text)].length === 0 ? 'percent' : null;
}
