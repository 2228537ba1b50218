/**
 * Activity ("[১.১]" → "1.1") and indicator ("[১.১.২]" → "1.1.2") codes of the e-governance action plan,
 * with the noise of the scans: "[১.১. ২]", "(১.১.২)", "[৪.১.২ ]", "১.১.২", a lost bracket ("১.২] …"),
 * a comma for a dot, look-alike digits ("[8.১.২]"), a page suffix ("২.১.১/১").
 */
import type { NormResult } from '../../models/value.js';
import { digitsToAscii } from './ocrRepair.js';
import { MAX_VALUE_LENGTH, Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { canonicalText } from './text.js';

export type CodeResult = NormResult<string | null> & {
  /** 2 for an activity code, 3 for an indicator code */
  level: 2 | 3 | null;
  /** the text after the code ("[১.১.১] একটি উদ্ভাবনী …" → "একটি উদ্ভাবনী …") */
  rest: string;
};

export interface CodeOptions {
  /** accept only this many parts */
  level?: 2 | 3;
}

// A part is 1–2 digits without a leading zero: "১৫.০১.২৩" is a date, "৯.৫.২০২৪" too.
const PART = '([1-9]\\d?)';
const SEP = '\\s*([.,])\\s*';
const CODE_RE = new RegExp(
  `(?<![\\d.,])([\\[({]?)\\s*${PART}${SEP}${PART}(?:${SEP}${PART})?(?!\\s*[.,]?\\s*\\d)\\s*\\.?\\s*([\\])}]?)`,
  'g',
);

/** The first activity/indicator code in the text ("[১.১.২] …" → "1.1.2"); bracketed codes win over bare ones. */
export function parseCode(raw: unknown, options: CodeOptions = {}): CodeResult {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  if (s === '') return { ...trace.note('empty').result(r, null, 'blank'), level: null, rest: '' };
  const text = s.length > 4 * MAX_VALUE_LENGTH ? s.slice(0, 4 * MAX_VALUE_LENGTH) : s;
  const ascii = digitsToAscii(text, { repair: true }, trace);
  const hits = findCodeMatches(ascii).filter((h) => options.level === undefined || h.level === options.level);
  const hit = hits.find((h) => h.bracketed) ?? hits[0];
  if (!hit) {
    return { ...trace.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, text, 'text'), level: null, rest: text };
  }
  if (hit.spaces) trace.note('code-spaces');
  if (hit.comma) trace.note('code-comma');
  if (hit.index > 0 && text.slice(0, hit.index).trim() !== '') trace.note('code-not-at-start');
  let rest = text.slice(hit.index + hit.length);
  const suffix = /^\s*\/\s*\d+/.exec(digitsToAscii(rest, { repair: false }, new Trace()));
  if (suffix) {
    trace.note('code-suffix');
    rest = rest.slice(suffix[0].length);
  }
  return { ...trace.result(r, hit.code, 'code'), level: hit.level, rest: rest.trim() };
}

interface CodeMatch {
  code: string;
  level: 2 | 3;
  index: number;
  length: number;
  bracketed: boolean;
  spaces: boolean;
  comma: boolean;
}

function findCodeMatches(ascii: string): CodeMatch[] {
  const out: CodeMatch[] = [];
  for (const m of ascii.matchAll(CODE_RE)) {
    const parts = [m[2], m[4], m[6]].filter((p): p is string => p !== undefined);
    const seps = [m[3], m[5]].filter((p): p is string => p !== undefined);
    const inner = m[0].replace(/^[\[({]\s*/, '').replace(/\s*\.?\s*[\])}]$/, '');
    out.push({
      code: parts.join('.'),
      level: parts.length === 3 ? 3 : 2,
      index: m.index,
      length: m[0].length,
      bracketed: Boolean(m[1] || m[7]),
      spaces: /\d\s+[.,]|[.,]\s+\d/.test(inner),
      comma: seps.some((x) => x !== '.'),
    });
  }
  return out;
}

/** Every code in running text ("সূচক [৫.১.২] …", "সূচকনং- ১.১.১ এবং সূচকনং- ৩.১.১"), in order. */
export function findCodes(text: unknown, options: CodeOptions = {}): Array<{ code: string; level: 2 | 3; index: number; bracketed: boolean }> {
  const s = canonicalText(rawString(text), { singleLine: true });
  const ascii = digitsToAscii(s, { repair: true }, new Trace());
  return findCodeMatches(ascii)
    .filter((h) => options.level === undefined || h.level === options.level)
    .map(({ code, level, index, bracketed }) => ({ code, level, index, bracketed }));
}
