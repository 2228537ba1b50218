/**
 * Numbers as printed in the reports: Bangla, ASCII or mixed digits; decimal point "." (OCR: "," "·");
 * Indian (১,২৫,০০০) or Western grouping; percentages (৮০%, ৮০ %, ৮০ শতাংশ); counts with a classifier
 * (১টি, ০২টি, ২ টি, ৩ জন, ৫ বার); a figure with its words in brackets ("০২(দুই)"); taka amounts ("৫০,০০০/-").
 */
import type { NormResult, ValueKind } from '../../models/value.js';
import { parseNumberWords } from './numberWords.js';
import { digitsToAscii } from './ocrRepair.js';
import { MAX_VALUE_LENGTH, Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { canonicalText } from './text.js';

export interface NumberOptions {
  /** OCR look-alike repairs (ASCII 8/9 among Bangla digits, o for ০, "%" read as "০/০"); numeric fields only */
  repair?: boolean;
  /** accept a trailing unit word (৩০দিন → 30, flagged 'unit-suffix'); default true */
  allowUnitSuffix?: boolean;
  /** accept a fraction (৩/৪ → 0.75, flagged 'fraction'); default true */
  allowFraction?: boolean;
  /** accept number words alone (একটি → 1, flagged 'number-words'); default true */
  allowWords?: boolean;
}

export const DASHES = new Set(['-', '–', '—', '−', '--', '---', '_']);
/** Words after a figure that make it a count (ক্লাসিফায়ার). */
const CLASSIFIERS = ['টি', 'টা', 'জন', 'বার', 'খানা', 'খানি'];
/** Units that may follow a figure without changing its value. */
const UNIT_WORDS = ['দিন', 'মাস', 'বছর', 'ঘণ্টা', 'ঘন্টা', 'মিনিট', 'পাতা', 'পৃষ্ঠা', 'কপি', 'সেট', 'সংখ্যা', 'নং'];
const PERCENT_WORDS = ['শতাংশ', 'শতকরা', 'ভাগ'];

const alternation = (words: string[]) =>
  words
    .map((w) => canonicalText(w))
    .sort((a, b) => b.length - a.length)
    .join('|');
const CLASSIFIER_RE = new RegExp(`^(.*?\\d)\\s*(${alternation(CLASSIFIERS)})$`);
const UNIT_RE = new RegExp(`^(.*?\\d)\\s*(${alternation(UNIT_WORDS)})$`);
const PERCENT_RE = new RegExp(`^(.*?\\d)\\s*(?:%|٪|％|${alternation(PERCENT_WORDS)})$`);
const CURRENCY_RE = new RegExp(`^(.*?\\d)\\s*(?:/-?|/=)?\\s*(?:${alternation(['টাকা', 'টাকা মাত্র'])}|tk\\.?|taka)?\\s*(?:/-?|/=)?$`, 'i');
/** "%" as Tesseract reads it when the glyph breaks: o/o, o\o, ০/০, 0/0 (the first circle may merge into the figure). */
const BROKEN_PERCENT_RE = /^(.*?[0-9০-৯])\s*[oOο০0°]\s*[/\\]\s*[oOο০0°]$/;

interface Parsed {
  value: number;
  kind: ValueKind;
}

/**
 * Parse a number, percentage or count. The value is the number (a percentage as its number: ৮০% → 80);
 * `kind` says which. Anything else returns the canonical text flagged 'unparsed' (never a guess).
 */
export function parseNumber(raw: unknown, options: NumberOptions = {}): NormResult<number | string | null> {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return trace.note('empty').result(r, null, 'blank');
  if (DASHES.has(s)) return trace.result(r, null, 'dash');
  if (s.length > MAX_VALUE_LENGTH) return unparsed(trace.note('too-long'), r, s);
  const parsed = parseNumberText(s, options, trace);
  if (parsed === null) return unparsed(trace, r, s);
  return trace.result(r, parsed.value, parsed.kind);
}

function unparsed(trace: Trace, raw: string, text: string): NormResult<string> {
  return trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(raw, text, 'text');
}

/** The number in canonical single-line text s, or null; repairs are recorded on trace. */
export function parseNumberText(s: string, options: NumberOptions, trace: Trace): Parsed | null {
  const repair = options.repair ?? false;
  let t = s.replace(/^[(\[]\s*(.*?)\s*[)\]]$/, '$1').replace(/[\s.।,:;]+$/, '').trim();
  let kind: ValueKind = 'number';

  if (repair) {
    const broken = BROKEN_PERCENT_RE.exec(t);
    if (broken) {
      t = `${broken[1]}%`;
      trace.note('repaired-percent');
    }
  }
  t = digitsToAscii(t, { repair }, trace);

  // "০২(দুই) জন": the words must agree with the figure, then they are dropped.
  let words: string | null = null;
  t = t.replace(/\s*\/?\s*\(([^()\d]*)\)\s*/, (_m, w: string) => {
    words = w;
    return ' ';
  }).trim();

  let m: RegExpExecArray | null;
  if ((m = PERCENT_RE.exec(t))) {
    kind = 'percent';
    t = m[1]!.trim();
  } else if ((m = CLASSIFIER_RE.exec(t))) {
    kind = 'count';
    t = m[1]!.trim();
  } else if ((m = UNIT_RE.exec(t))) {
    if (options.allowUnitSuffix === false) return null;
    trace.note('unit-suffix');
    t = m[1]!.trim();
  } else if ((m = CURRENCY_RE.exec(t)) && m[1] !== t) {
    t = m[1]!.trim();
  }

  let value = parseFigure(t, repair, trace);
  if (value === null) {
    if (/^\d+\s*\/\s*\d+$/.test(t)) {
      if (options.allowFraction === false) {
        trace.note('fraction');
        return null;
      }
      const [n, d] = t.split('/').map((x) => Number(x.trim()));
      if (!d) return null;
      trace.note('fraction');
      value = n! / d;
    } else if (/^\d+\s*[-–—]\s*\d+$/.test(t)) {
      trace.note('range');
      return null;
    } else if (!/\d/.test(t) && options.allowWords !== false) {
      const fromWords = parseNumberWords(t);
      if (fromWords === null) return null;
      trace.note('number-words');
      if (kind === 'number' && /(টি|টা|জন)$/.test(t)) kind = 'count';
      return { value: fromWords, kind };
    } else return null;
  }
  if (words !== null) {
    const fromWords = parseNumberWords(words);
    if (fromWords !== null && fromWords !== value) trace.note('words-disagree');
  }
  return { value, kind };
}

/**
 * A bare figure: optional sign, digits with optional grouping commas and one decimal separator.
 * A comma followed by one or two final digits is an OCR decimal comma ('decimal-comma').
 */
function parseFigure(text: string, repair: boolean, trace: Trace): number | null {
  let t = text;
  if (repair && /^\d[\d\s]*\d$/.test(t) && /\s/.test(t)) {
    t = t.replace(/\s+/g, '');
    trace.note('joined-digits');
  }
  const m = /^([+\-−]?)\s*(\d[\d,]*?)(?:([.·٫,])(\d+))?$/.exec(t) ?? /^([+\-−]?)()([.·٫])(\d+)$/.exec(t);
  if (!m) return null;
  const sign = m[1] ? -1 : 1;
  let intPart = m[2] ?? '';
  let sep = m[3];
  let frac = m[4];
  if (sep === ',' && frac !== undefined) {
    // "১,২৫০" is grouping, "৪,৬৪" an OCR decimal comma.
    if (frac.length === 3 && isGrouped(`${intPart},${frac}`)) {
      intPart = `${intPart},${frac}`;
      sep = undefined;
      frac = undefined;
    } else if (!intPart.includes(',') && frac.length <= 2) {
      trace.note('decimal-comma');
    } else return null;
  }
  if (intPart.includes(',')) {
    if (!isGrouped(intPart)) return null;
    intPart = intPart.replace(/,/g, '');
  }
  if (sep === '·' || sep === '٫') trace.note('decimal-middot');
  const value = sign * Number(`${intPart || '0'}${frac !== undefined ? `.${frac}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

/** Indian (১২,৩৪,৫৬৭) or Western (1,234,567) digit grouping. */
function isGrouped(s: string): boolean {
  return /^\d{1,2}(,\d{2})*,\d{3}$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s);
}
