/**
 * Table cells in the export's value format (../shared/eval/README.md, "value normalisation"): a number
 * (a percentage as its number), an ISO date, {count, date} for "১টি ১২/০৯/২২", null for "-" or a blank cell,
 * {notApplicable: true} for "প্রযোজ্য নয়"; anything else stays the canonical text and is flagged 'unparsed'.
 * The hint says what the column holds (from the row's unit); OCR repairs run only where a number or a date
 * is expected, so free text is never "repaired" into a number.
 */
import type { CellHint, NormResult } from '../../models/value.js';
import { findDates, parseDate } from './dates.js';
import { keySimilarity } from './fuzzy.js';
import { DASHES, parseNumber } from './numbers.js';
import { digitsToAscii, hasDigit } from './ocrRepair.js';
import { toBanglaDigits } from './digits.js';
import { MAX_VALUE_LENGTH, Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { canonicalText, comparisonKey } from './text.js';

const NOT_APPLICABLE = ['প্রযোজ্য নয়', 'প্রযোজ্য নহে', 'অপ্রযোজ্য', 'প্রযোজ্য নেই', 'N/A', 'NA', 'not applicable'].map(comparisonKey);
const NOT_APPLICABLE_MAIN = comparisonKey('প্রযোজ্য নয়');

/** Unit cell (একক) → the unit's name in the truth format. */
const UNITS: Array<[string, 'date' | 'percent' | 'count']> = [
  ['তারিখ', 'date'],
  ['তাং', 'date'],
  ['date', 'date'],
  ['%', 'percent'],
  ['শতাংশ', 'percent'],
  ['শতকরা', 'percent'],
  ['শতকরা হার', 'percent'],
  ['% হার', 'percent'],
  ['হার', 'percent'],
  ['percent', 'percent'],
  ['percentage', 'percent'],
  ['সংখ্যা', 'count'],
  ['সংখ্যা (টি)', 'count'],
  ['টি', 'count'],
  ['জন', 'count'],
  ['number', 'count'],
  ['count', 'count'],
];
const unitKey = (w: string) => comparisonKey(w) || w.replace(/\s+/g, '');
const UNIT_KEYS = UNITS.map(([w, u]) => [unitKey(w), u] as const);

const NUMERIC_HINTS = new Set<CellHint>(['date', 'percent', 'count', 'number']);
const COUNT_DATE_RE = /^(\d{1,3})\s*(?:টি|টা)\s*[,;:(]?\s*(.+?)\s*\)?$/;
/**
 * A percent whose sign was misread, as Tesseract's ben model does on scans (it draws % as ০/০): the sign read as
 * digits after the figure (৭৫% → "৭৫০০", "৭৫%০", "৭৫%%"), as one ০ (৭৫% → "৭৫০", ৫০% → "৫০০%"), or followed by a
 * speck read as a digit ("৯০%৫"); its upper circle and slash also come out as ৪ or ৫ ("৭৫৪০", "৭৫৫০"), its slash
 * as ৭ with its lower circle or none ("৭৫৭", "৭৮৭০", "১০০৭৫"). Each
 * pattern names the figure it would keep; see repairPercent.
 */
const PERCENT_MISREADS: ReadonlyArray<{ re: RegExp; when: 'unparsed-or-over-100' | 'unparsed' | 'over-200' }> = [
  { re: /^([0-9০-৯]{1,3})\s*(?:[০0]{2}|%\s*[০0]|%%)$/, when: 'unparsed-or-over-100' },
  // ৪০/৫০ only after a two-digit figure: "৭৫০" is ৭৫% with one ০, not ৭% with ৫০
  { re: /^([0-9০-৯]{2,3})\s*[৪৫][০0]$/, when: 'unparsed-or-over-100' },
  // the slash read as ৭, with or without the lower circle ("৭৫৭", "৭৮৭০", "১০০৭৪"), after a two-digit figure
  { re: /^([0-9০-৯]{2,3})\s*৭[0-9০-৯]?$/, when: 'unparsed-or-over-100' },
  { re: /^([0-9০-৯]{1,3})\s*%\s*[^\s%]{1,2}$/, when: 'unparsed' },
  { re: /^([0-9০-৯]{1,3})[০0]\s*%?$/, when: 'over-200' },
];

/** Parse one table cell. Never throws; the raw text is always kept in `raw`. */
export interface CellContext {
  /** the years the table's dates fall in (its fiscal year's two): lets a date with a doubled year digit be read */
  expectYears?: readonly number[];
}

export function parseCellValue(raw: unknown, hint: CellHint = 'auto', context: CellContext = {}): NormResult {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return trace.note('blank').result(r, null, 'blank');
  if (DASHES.has(s)) return trace.note('dash').result(r, null, 'dash');
  if (s.length > MAX_VALUE_LENGTH) return trace.note('too-long').note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, s, 'text');

  const na = notApplicable(s, trace);
  if (na) return trace.result(r, { notApplicable: true }, 'notApplicable');
  if (hint === 'unit') return parseUnit(r);

  const repair = NUMERIC_HINTS.has(hint);
  if (hasDigit(s)) {
    const countDate = parseCountDate(s, repair, context);
    if (countDate) return { ...countDate, raw: r };
    const date = parseDate(s, { repair, ...(context.expectYears ? { expectYears: context.expectYears } : {}) });
    if (date.kind === 'date' || date.flags.includes('impossible-date')) {
      const { bangla: _bangla, ...rest } = date;
      return { ...rest, raw: r };
    }
    const num = parseNumber(s, { repair, allowUnitSuffix: false, allowFraction: false, allowWords: false });
    if (hint === 'percent') {
      const fixed = repairPercent(s, num, repair);
      if (fixed) return trace.absorb(fixed).note('repaired-percent').result(r, fixed.value, 'percent');
    }
    if (num.kind === 'number' || num.kind === 'percent' || num.kind === 'count') return { ...num, raw: r };
  } else if (repair) {
    const words = parseNumber(s, { repair, allowWords: true });
    if (words.kind === 'number' || words.kind === 'count') return { ...words, raw: r };
  }

  if (hint === 'text') return trace.result(r, s, 'text');
  if (hasDigit(s)) {
    const dates = findDates(s).length;
    trace.note(dates > 0 ? 'contains-date' : 'contains-number');
    if (dates > 1) trace.note('multiple-dates');
  }
  return trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, s, 'text');
}

/**
 * The percent a misread percent cell most likely holds, when its reading is not a plausible percent and the
 * misreadings that fit it all agree on one figure of at most 100 ("১০০০" could be ১০% or ১০০%: left alone).
 */
function repairPercent(s: string, reading: NormResult, repair: boolean): (NormResult & { value: number }) | null {
  const value = (reading.kind === 'number' || reading.kind === 'percent') && typeof reading.value === 'number' ? reading.value : null;
  const found = new Map<number, NormResult & { value: number }>();
  for (const { re, when } of PERCENT_MISREADS) {
    const applies = when === 'unparsed' ? value === null : when === 'over-200' ? value !== null && value > 200 : value === null || value > 100;
    const m = applies ? re.exec(s) : null;
    if (!m) continue;
    const fixed = parseNumber(`${m[1]}%`, { repair });
    if (fixed.kind === 'percent' && typeof fixed.value === 'number' && fixed.value <= 100) found.set(fixed.value, fixed as NormResult & { value: number });
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

function notApplicable(s: string, trace: Trace): boolean {
  const k = comparisonKey(s);
  if (NOT_APPLICABLE.includes(k)) return true;
  // OCR-noisy "প্রযোজ্য নয়" (one letter lost, added or misread); "প্রযোজ্য" alone (applicable!) must not match.
  if (Math.abs(k.length - NOT_APPLICABLE_MAIN.length) <= 1 && !hasDigit(s) && keySimilarity(k, NOT_APPLICABLE_MAIN) >= 0.8) {
    trace.note('fuzzy-not-applicable');
    return true;
  }
  return false;
}

/** "১টি ১২/০৯/২২", "০১টি, ১৫/১/২৩", "১টি (২৯-১০-২০২৩)" → {count, date}. */
function parseCountDate(s: string, repair: boolean, context: CellContext): NormResult | null {
  const trace = new Trace();
  const ascii = digitsToAscii(s, { repair }, trace);
  const m = COUNT_DATE_RE.exec(ascii);
  if (!m) return null;
  const date = parseDate(m[2], { repair, ...(context.expectYears ? { expectYears: context.expectYears } : {}) });
  if (date.kind !== 'date' || typeof date.value !== 'string') return null;
  trace.absorb(date);
  return trace.result(s, { count: Number(m[1]), date: date.value }, 'countDate');
}

/** The repairs that change what a value cell says (not those that only read it: joined lines, look-alike digits). */
const TEXT_REPAIRS = new Set(['repaired-percent', 'repaired-digit', 'repaired-separator', 'dropped-stray-marks', 'mixed-digits']);

/**
 * A value cell's text as the repaired value prints, in the cell's own style ("৭৫০০" → "৭৫%", "০৫/০২২০২৪" →
 * "০৫/০২/২০২৪", "১টি ০২০৯/২০২১" → "১টি ০২/০৯/২০২১"), or null when parsing repaired nothing that shows. For
 * the grid of a table, so it says what its records say; the cell keeps what OCR read.
 */
export function repairedCellText(raw: string, hint: CellHint, context: CellContext = {}): string | null {
  const v = parseCellValue(raw, hint, context);
  if (!v.flags.some((f) => TEXT_REPAIRS.has(f))) return null;
  const s = canonicalText(raw, { singleLine: true });
  // a Latin digit among Bangla ones ("০1") is the same digit read in the other script
  if (v.flags.includes('mixed-digits') && /[০-৯]/u.test(s) && !/[A-Za-z]/.test(s) && v.kind !== 'text') return toBanglaDigits(s);
  if (/[0-9]/.test(s)) return null; // figures printed in Latin digits: the repairs here are of Bangla readings
  if (v.kind === 'percent' && typeof v.value === 'number') return `${toBanglaDigits(v.value)}%`;
  if (v.kind === 'date' && typeof v.value === 'string') return dateLike(s, v.value);
  if (v.kind === 'countDate' && v.value && typeof v.value === 'object' && 'date' in v.value) {
    const m = /^(\S*?(?:টি|টা))\s*(.+)$/u.exec(s);
    return m ? `${m[1]} ${dateLike(m[2]!, v.value.date)}` : null;
  }
  return null;
}

/** An ISO date printed as `like` prints dates: its separator, day and month padding, two- or four-digit year. */
function dateLike(like: string, iso: string): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const sep = /[/\-.]/.exec(like)?.[0] ?? '/';
  const runs = like.match(/[০-৯]+/gu) ?? [];
  const pad = (v: string, run: string | undefined) => (run !== undefined && [...run].length < 2 ? String(Number(v)) : v);
  const digits = runs.join('').length;
  const year = digits >= 7 ? y : y.slice(2);
  return toBanglaDigits([pad(d, runs[0]), pad(m, runs[1]), year].join(sep));
}

/** The unit cell: তারিখ → "date", % → "percent", সংখ্যা → "count"; anything else flagged text. */
export function parseUnit(raw: unknown): NormResult<string | null> {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return trace.note('blank').result(r, null, 'blank');
  const k = unitKey(s);
  const exact = UNIT_KEYS.find(([u]) => u === k);
  if (exact) return trace.result(r, exact[1], 'unit');
  if (k.length >= 3 && s.length <= 40) {
    let best: (typeof UNIT_KEYS)[number] | null = null;
    let bestScore = 0;
    for (const entry of UNIT_KEYS) {
      if (entry[0].length < 3) continue;
      const score = keySimilarity(k, entry[0]);
      if (score > bestScore) {
        best = entry;
        bestScore = score;
      }
    }
    // Unit words are short and OCR drops ya-phala (সংখ্যা → সংখা, 0.67), so the bar is lower than for labels.
    if (best && bestScore >= 0.65) return trace.note('fuzzy-unit').result(r, best[1], 'unit');
  }
  return trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, s, 'text');
}
