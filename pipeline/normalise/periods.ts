/**
 * Fiscal years and reporting periods. The Bangladesh fiscal year runs July–June: "2022-23" is
 * 1 July 2022 – 30 June 2023; Q1 Jul–Sep, Q2 Oct–Dec, Q3 Jan–Mar, Q4 Apr–Jun; "H1" is the half-year
 * self-assessment (অর্ধবার্ষিক, Jul–Dec) and "annual" the whole year.
 *
 * A period is read from any of the phrasings in the letters and table titles, which usually say it twice:
 * the ordinal (৪র্থ ত্রৈমাসিক, ২য় কোয়ার্টার, ১ম ও ২য় ত্রৈমাসিক, প্রান্তিক), the month range (এপ্রিল হতে জুন, ২০২৩;
 * অক্টোবর/২৪- ডিসেম্বর/২৪; জুলাই/২৩-ডিসেম্বর/২৩), the words অর্ধবার্ষিক / বার্ষিক, and the fiscal year
 * (২০২২-২৩, ২০২২-২০২৩ অর্থবছর). When the phrasings disagree the result is flagged.
 */
import type { NormResult, Period, Quarter } from '../../models/value.js';
import { keySimilarity } from './fuzzy.js';
import { fromIso } from './gregorian.js';
import { lookupMonth } from './months.js';
import { digitsToAscii } from './ocrRepair.js';
import { MAX_VALUE_LENGTH, Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { comparisonKey, canonicalText } from './text.js';
import { tokenize, type Token } from './tokens.js';

/** "2022-23" for the fiscal year that starts in July of startYear. */
export function formatFiscalYear(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The fiscal year an ISO date falls in ("2023-03-16" → "2022-23"). */
export function fiscalYearOf(iso: string): string | null {
  const d = fromIso(iso);
  if (!d) return null;
  return formatFiscalYear(d.month >= 7 ? d.year : d.year - 1);
}

/** The fiscal quarter an ISO date falls in ("2023-03-16" → 3). */
export function quarterOf(iso: string): 1 | 2 | 3 | 4 | null {
  const d = fromIso(iso);
  if (!d) return null;
  return quarterOfMonth(d.month);
}

function quarterOfMonth(month: number): 1 | 2 | 3 | 4 {
  return month >= 7 ? (month <= 9 ? 1 : 2) : month <= 3 ? 3 : 4;
}

export interface FoundFiscalYear {
  fiscalYear: string;
  /** offset in canonicalText(text) */
  index: number;
  text: string;
}

const FY_RE = /(?<![\d/.\-])((?:19|20)\d{2})\s*[-–—/]\s*(\d{4}|\d{2})(?!\d|[/.\-]\d)/g;

function scanFiscalYears(ascii: string, canonical: string): { valid: FoundFiscalYear[]; invalid: number } {
  const valid: FoundFiscalYear[] = [];
  let invalid = 0;
  for (const m of ascii.matchAll(FY_RE)) {
    const start = Number(m[1]);
    const end = m[2]!;
    const expected = end.length === 4 ? start + 1 : (start + 1) % 100;
    if (Number(end) === expected) valid.push({ fiscalYear: formatFiscalYear(start), index: m.index, text: canonical.slice(m.index, m.index + m[0].length) });
    else invalid++;
  }
  return { valid, invalid };
}

/** Every fiscal year printed in the text, in order. */
export function findFiscalYears(text: unknown): FoundFiscalYear[] {
  const canonical = canonicalText(rawString(text));
  return scanFiscalYears(digitsToAscii(canonical, { repair: false }, new Trace()), canonical).valid;
}

/** "২০২২-২৩", "২০২২-২০২৩", "২০২২–২৩ অর্থবছর" → "2022-23". */
export function parseFiscalYear(raw: unknown): NormResult<string | null> {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return trace.note('empty').result(r, null, 'blank');
  const ascii = digitsToAscii(s, { repair: false }, trace);
  const { valid, invalid } = scanFiscalYears(ascii, s);
  const first = valid[0];
  if (!first) {
    if (invalid > 0) trace.note('impossible-fiscal-year');
    return trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, s.length > MAX_VALUE_LENGTH ? s.slice(0, MAX_VALUE_LENGTH) : s, 'text');
  }
  if (valid.some((v) => v.fiscalYear !== first.fiscalYear)) trace.note('multiple-fiscal-years');
  return trace.result(r, first.fiscalYear, 'fiscalYear');
}

export interface PeriodOptions {
  /** fiscal year to use when the text names only the quarter (e.g. from the table title) */
  fiscalYear?: string;
}

/** value is {fiscalYear, quarter} when the fiscal year is known; the parts found are also given separately. */
export type PeriodResult = NormResult<Period | string | null> & { fiscalYear: string | null; quarter: Quarter | null };

const key = comparisonKey;
const QUARTER_STEMS = ['কোয়ার্টার', 'কোয়াটার', 'কোয়ার্টা', 'ত্রৈমাস', 'প্রান্তিক', 'quarter', 'qtr'].map(key);
const ORDINAL_SUFFIX: Record<string, number | null> = {
  [key('ম')]: 1,
  [key('য়')]: null,
  [key('র্থ')]: 4,
  [key('থ')]: 4,
  [key('র্ধ')]: 4,
  st: 1,
  nd: 2,
  rd: 3,
  th: null,
};
const ORDINAL_WORDS: Array<[string, number, boolean]> = [
  [key('প্রথম'), 1, false],
  [key('দ্বিতীয়'), 2, false],
  [key('তৃতীয়'), 3, false],
  [key('চতুর্থ'), 4, false],
  // ৩য় as Tesseract reads it when ৩ merges into য়: "ত্রয় ত্রৈমাসিক" (seed 003).
  [key('ত্রয়'), 3, true],
];
const CHAIN_WORDS = new Set([key('ও'), key('এবং'), 'and']);
const CONNECTOR_WORDS = [key('হতে'), key('থেকে'), 'to', 'till'];
const UNTIL = key('পর্যন্ত');
const HALF_YEAR = key('অর্ধবার্ষিক');
const HALF = key('অর্ধ');
const ANNUAL = key('বার্ষিক');
/** বার্ষিক names the period only before these words (not in বার্ষিক কর্মসম্পাদন চুক্তি / বার্ষিক লক্ষ্যমাত্রা). */
const ANNUAL_REPORT_WORDS = ['মূল্যায়ন', 'স্ব', 'স্বমূল্যায়ন', 'প্রতিবেদন', 'অগ্রগতি', 'অর্জন'].map(key);

function isQuarterWord(word: string): boolean {
  const k = key(word);
  return QUARTER_STEMS.some((stem) => k.startsWith(stem) || (stem.length >= 5 && k.length >= stem.length - 1 && keySimilarity(k.slice(0, stem.length), stem) >= 0.8));
}

interface Ordinal {
  quarter: number;
  next: number;
  fuzzy: boolean;
}

function readOrdinal(tokens: Token[], i: number): Ordinal | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.type === 'num') {
    const n = Number(t.text);
    if (t.text.length > 1 || n < 1 || n > 4) return null;
    const suffix = tokens[i + 1];
    if (suffix && suffix.type === 'word' && !suffix.spaced) {
      const k = key(suffix.text);
      if (k in ORDINAL_SUFFIX) {
        const expected = ORDINAL_SUFFIX[k];
        const fits = expected === null ? n === 2 || n === 3 || k === 'th' : expected === n;
        return { quarter: n, next: i + 2, fuzzy: !fits };
      }
    }
    return { quarter: n, next: i + 1, fuzzy: false };
  }
  if (t.type === 'word') {
    if (/^q$/i.test(t.text)) {
      const num = tokens[i + 1];
      if (num?.type === 'num' && !num.spaced && /^[1-4]$/.test(num.text)) return { quarter: Number(num.text), next: i + 2, fuzzy: false };
    }
    const k = key(t.text);
    const word = ORDINAL_WORDS.find(([w]) => k === w);
    if (word) return { quarter: word[1], next: i + 1, fuzzy: word[2] };
  }
  return null;
}

/** Ordinals that qualify a quarter word: "৪র্থ ত্রৈমাসিক", "১ম ও ২য় ত্রৈমাসিক", "Q3". */
function findOrdinalQuarters(tokens: Token[], trace: Trace): Set<number> {
  const quarters = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const chain: Ordinal[] = [];
    let j = i;
    let ord = readOrdinal(tokens, j);
    while (ord) {
      chain.push(ord);
      j = ord.next;
      const link = tokens[j];
      if (!link) break;
      const isLink = (link.type === 'punct' && /^[,&/]$/.test(link.text)) || (link.type === 'word' && CHAIN_WORDS.has(key(link.text)));
      if (!isLink) break;
      const following = readOrdinal(tokens, j + 1);
      if (!following) break;
      ord = following;
    }
    if (chain.length === 0) continue;
    const after = tokens[j];
    const direct = tokens[i]?.type === 'word' && /^q$/i.test(tokens[i]!.text);
    if (direct || (after?.type === 'word' && isQuarterWord(after.text))) {
      for (const o of chain) {
        quarters.add(o.quarter);
        if (o.fuzzy) trace.note('fuzzy-ordinal');
      }
      i = j;
    }
  }
  return quarters;
}

interface MonthRange {
  from: number;
  to: number;
  /** calendar year of the last month */
  endYear: number | null;
}

function monthAt(tokens: Token[], i: number, trace: Trace): number | null {
  const t = tokens[i];
  if (t?.type !== 'word') return null;
  const m = lookupMonth(t.text, { calendar: 'gregorian' });
  if (!m) return null;
  if (m.match === 'fuzzy') trace.note('fuzzy-month');
  return m.month;
}

const YEAR_SUFFIXES = ['খ্রি', 'খ্রী', 'খ্রিস্টাব্দ', 'খ্রিষ্টাব্দ', 'ইং', 'ত্রি', 'সাল'].map(key);

/** A year after a month ("/২০২৩", ", ২০২৩", "/২৪", "/২ ০২৪"), skipping era suffixes; returns [year, next index]. */
function yearAt(tokens: Token[], i: number, trace: Trace): [number | null, number] {
  let j = i;
  while (tokens[j]?.type === 'punct' && /^[/,.)]$/.test(tokens[j]!.text)) j++;
  const t = tokens[j];
  if (t?.type !== 'num') return [null, i];
  let digits = t.text;
  j++;
  const next = tokens[j];
  if (digits.length < 4 && next?.type === 'num' && digits.length + next.text.length === 4) {
    digits += next.text;
    trace.note('joined-digits');
    j++;
  }
  if (digits.length !== 2 && digits.length !== 4) return [null, i];
  const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  while (tokens[j] && (isYearSuffix(tokens[j]!) || (tokens[j]!.type === 'punct' && /^[:.ঃ)]$/.test(tokens[j]!.text)))) j++;
  return [year, j];
}

function isYearSuffix(t: Token): boolean {
  if (t.type !== 'word') return false;
  const k = key(t.text);
  return YEAR_SUFFIXES.some((s) => k === s);
}

function isConnector(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'punct') return /^[-–—~]$/.test(t.text);
  if (t.type !== 'word') return false;
  const k = key(t.text);
  return CONNECTOR_WORDS.some((c) => k === c || (c.length > 2 && k.endsWith(c)));
}

/** "এপ্রিল-জুন/২০২৩", "এপ্রিল হতে জুন, ২০২৩", "অক্টোবর, ২০২৪ হতে ডিসেম্বর, ২০২৪", "জুলাই/২৩-ডিসেম্বর/২৩". */
function findMonthRanges(tokens: Token[], trace: Trace): MonthRange[] {
  const ranges: MonthRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const local = new Trace();
    const from = monthAt(tokens, i, local);
    if (from === null) continue;
    let [startYear, j] = yearAt(tokens, i + 1, local);
    while (tokens[j]?.type === 'punct' && /^[)]$/.test(tokens[j]!.text)) j++;
    if (!isConnector(tokens[j])) continue;
    j++;
    while (tokens[j]?.type === 'punct' && /^[(]$/.test(tokens[j]!.text)) j++;
    const to = monthAt(tokens, j, local);
    if (to === null) continue;
    let [endYear, k] = yearAt(tokens, j + 1, local);
    if (endYear === null && startYear !== null) endYear = to >= from ? startYear : startYear + 1;
    if (startYear !== null && endYear !== null && startYear !== (to >= from ? endYear : endYear - 1)) local.note('period-conflict');
    if (tokens[k]?.type === 'word' && key(tokens[k]!.text).endsWith(UNTIL)) k++;
    trace.absorb(local);
    ranges.push({ from, to, endYear });
    i = k - 1;
  }
  return ranges;
}

function quarterOfRange(r: MonthRange): Quarter | null {
  if (r.from === 7 && r.to === 6) return 'annual';
  if (r.from === 7 && r.to === 12) return 'H1';
  const q = quarterOfMonth(r.from);
  const span = (r.to - r.from + 12) % 12;
  return span === 2 && quarterOfMonth(r.to) === q && [7, 10, 1, 4].includes(r.from) ? q : null;
}

function fiscalYearOfRange(r: MonthRange): string | null {
  if (r.endYear === null) return null;
  return formatFiscalYear(r.to >= 7 ? r.endYear : r.endYear - 1);
}

/** অর্ধবার্ষিক → H1; বার্ষিক (as the report's period, not বার্ষিক কর্মসম্পাদন চুক্তি) → annual. */
function findPeriodWords(tokens: Token[]): Quarter | null {
  const words = tokens.filter((t) => t.type === 'word');
  for (let i = 0; i < words.length; i++) {
    const k = key(words[i]!.text);
    if (k.includes(HALF_YEAR) || (k === HALF && key(words[i + 1]?.text ?? '').startsWith(ANNUAL))) return 'H1';
    if (/^half/.test(k) && key(words[i + 1]?.text ?? '').startsWith('year')) return 'H1';
  }
  for (let i = 0; i < words.length; i++) {
    const k = key(words[i]!.text);
    const isAnnual = k === ANNUAL || k === 'annual' || k === 'yearly';
    if (!isAnnual) continue;
    const next = key(words[i + 1]?.text ?? '');
    if (words.length <= 2 || ANNUAL_REPORT_WORDS.some((w) => next.startsWith(w))) return 'annual';
  }
  return null;
}

function quarterOfOrdinals(quarters: Set<number>, trace: Trace): Quarter | null {
  if (quarters.size === 0) return null;
  const list = [...quarters].sort();
  if (list.length === 1) return list[0] as 1 | 2 | 3 | 4;
  if (list.join() === '1,2') return 'H1';
  if (list.join() === '1,2,3,4') return 'annual';
  trace.note('multiple-quarters');
  return null;
}

/**
 * Reporting period of a phrase or title: {fiscalYear, quarter}. Any of the phrasings is enough for the
 * quarter; the fiscal year comes from a printed fiscal year, else the month range's years, else options.
 */
export function parsePeriod(raw: unknown, options: PeriodOptions = {}): PeriodResult {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  const fail = (t: Trace): PeriodResult => ({
    ...t.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, s.length > MAX_VALUE_LENGTH ? s.slice(0, MAX_VALUE_LENGTH) : s, 'text'),
    fiscalYear: null,
    quarter: null,
  });
  if (s === '') return { ...trace.note('empty').result(r, null, 'blank'), fiscalYear: null, quarter: null };
  if (s.length > 20_000) return fail(trace.note('too-long'));

  const ascii = digitsToAscii(s, { repair: false }, trace);
  const tokens = tokenize(ascii);
  const ordinalQuarter = quarterOfOrdinals(findOrdinalQuarters(tokens, trace), trace);
  const ranges = findMonthRanges(tokens, trace);
  const range = ranges[0];
  const rangeQuarter = range ? quarterOfRange(range) : null;
  if (range && rangeQuarter === null) trace.note('unknown-period');
  if (ranges.some((x) => quarterOfRange(x) !== rangeQuarter || fiscalYearOfRange(x) !== fiscalYearOfRange(range!))) trace.note('period-conflict');
  const wordQuarter = findPeriodWords(tokens);

  const candidates = [rangeQuarter, ordinalQuarter, wordQuarter].filter((q): q is Quarter => q !== null);
  const quarter = candidates[0] ?? null;
  if (candidates.some((q) => q !== quarter)) trace.note('period-conflict');

  const printed = scanFiscalYears(ascii, s).valid;
  const fromRange = range ? fiscalYearOfRange(range) : null;
  let fiscalYear = printed[0]?.fiscalYear ?? fromRange ?? options.fiscalYear ?? null;
  if (printed.some((p) => p.fiscalYear !== printed[0]!.fiscalYear)) trace.note('multiple-fiscal-years');
  if (printed[0] && fromRange && printed[0].fiscalYear !== fromRange) trace.note('fiscal-year-conflict');
  if (fiscalYear !== null && !/^\d{4}-\d{2}$/.test(fiscalYear)) fiscalYear = null;

  if (quarter === null && fiscalYear === null) return fail(trace);
  if (quarter === null) trace.note('no-quarter');
  if (fiscalYear === null) {
    trace.note('no-fiscal-year');
    return { ...trace.result(r, null, 'period'), fiscalYear: null, quarter };
  }
  return { ...trace.result(r, { fiscalYear, quarter }, 'period'), fiscalYear, quarter };
}
