/**
 * Indicator ("[৪.১.২]") and activity ("[৪.১]") codes in Annex 5 cells, with the OCR noise of the seeds:
 * "[৪.১. ২]", "[8.১.২]", a lost opening bracket ("১.২.১] …", seed 003), "[৬.১.১]স্মার্ট" without a space.
 * The normalisation library finds and reads codes; this module decides which ones an Annex 5 cell means.
 */
import { canonicalText, findCodes, parseCode, toBanglaDigits } from '../normalise/index.js';

export interface CodeHit {
  /** ASCII dotted code, "4.1.2" */
  code: string;
  /** offset of the code in the cell's canonical single-line text */
  index: number;
  bracketed: boolean;
  confidence: number;
}

/** Confidence factor for a code printed without any bracket: plausible, but a bare number pair is weaker evidence. */
const BARE = 0.8;

function hitsOf(text: string, level: 2 | 3): CodeHit[] {
  const s = canonicalText(text, { singleLine: true });
  const out: CodeHit[] = [];
  for (const h of findCodes(s, { level })) {
    // A bare code counts only where the cell starts with it and words follow ("৪.১.২ ই-ফাইলে …"); elsewhere
    // a bare dotted number is more likely part of a date or a memo number.
    const atStart = s.slice(0, h.index).trim() === '';
    if (!h.bracketed && !atStart) continue;
    const own = parseCode(s.slice(h.index, h.index + 20), { level });
    const conf = own.value === h.code ? own.confidence : 0.9;
    out.push({ code: h.code, index: h.index, bracketed: h.bracketed, confidence: h.bracketed ? conf : conf * BARE });
  }
  return out;
}

/** Every credible three-part indicator code in the cell, in order. */
export function findIndicatorCodeHits(text: string): CodeHit[] {
  return hitsOf(text, 3);
}

export function findIndicatorCodes(text: string): string[] {
  return findIndicatorCodeHits(text).map((h) => h.code);
}

/** The activity code a cell starts with ("[৪.১] ই-নথির ব্যবহার বৃদ্ধি" → "4.1"), or null. */
export function leadingActivityCode(text: string): CodeHit | null {
  const s = canonicalText(text, { singleLine: true });
  const first = hitsOf(s, 2)[0];
  return first && s.slice(0, first.index).trim() === '' ? first : null;
}

/**
 * The code a cell starts with as printed: a bracketed token ("[৬.১]", "(৫.১.১]", "[ডা" where OCR garbled the
 * figures) or a bare dotted number ("৪.১.১]"). Null when the cell does not start with one.
 */
const LEADING_CODE = /^\s*(?:[[({][^\s\]]{0,8}[\])}]?|[০-৯0-9]{1,2}(?:[.:,][০-৯0-9]{1,2}){1,2}[\])}]?)(?=\s|$)/u;

/**
 * The cell's text with its leading code printed as `code` ("4.1.2" → "[৪.১.২]") when the cell starts with a code
 * that reads otherwise: the record's code was settled from the plan's catalogue or the indicator under an
 * activity, and the grid should say what the record says. A cell that does not start with a code is unchanged.
 */
export function alignLeadingCode(text: string, code: string): string {
  const want = `[${toBanglaDigits(code)}]`;
  const m = LEADING_CODE.exec(text);
  if (!m || m[0].trim() === want) return text;
  return `${want}${text.slice(m[0].length)}`;
}
