/**
 * OCR confusion repair for text known to hold a number or a date. Only the look-alikes Tesseract's ben+eng
 * models actually produce in digit runs are mapped: ASCII 8 for ৪ (four) and ASCII 9 for ৭ (seven) — the
 * Bangla glyphs are drawn like them — and Latin o/O, Greek ο, ° for ০. Applied only when the value
 * otherwise has Bangla digits (an all-ASCII number is taken at face value: offices do print ASCII digits).
 */
import { toAsciiDigits } from './digits.js';
import type { Trace } from './result.js';

const BANGLA_DIGIT = /[০-৯]/;
const ASCII_DIGIT = /[0-9]/;
const ZERO_LOOKALIKE = /(?<=[0-9০-৯])[oOο°]|[oOο°](?=[0-9০-৯])/g;

export interface DigitOptions {
  /** apply look-alike repairs (numeric/date fields only) */
  repair: boolean;
}

/**
 * Convert every digit to ASCII. Mixed Bangla/ASCII digits are accepted and flagged ('mixed-digits'); with
 * repair on, ASCII look-alikes in a value that has Bangla digits become the Bangla digit they resemble ('repaired-digit', once
 * per digit) and zero look-alikes next to digits become 0 ('repaired-letter').
 */
export function digitsToAscii(s: string, options: DigitOptions, trace: Trace): string {
  let out = s;
  if (options.repair) {
    let zeros = 0;
    out = out.replace(ZERO_LOOKALIKE, () => {
      zeros++;
      return '০';
    });
    if (/^[oOο°]$/.test(out.trim())) {
      out = '০';
      zeros++;
    }
    if (zeros > 0) trace.note('repaired-letter', zeros);
  }
  if (BANGLA_DIGIT.test(out) && ASCII_DIGIT.test(out)) {
    trace.note('mixed-digits');
    if (options.repair) {
      let repaired = 0;
      out = out.replace(/[89]/g, (d) => {
        repaired++;
        return d === '8' ? '৪' : '৭';
      });
      if (repaired > 0) trace.note('repaired-digit', repaired);
    }
  }
  return toAsciiDigits(out);
}

/** True when s has at least one digit of either script. */
export function hasDigit(s: string): boolean {
  return /[0-9০-৯]/.test(s);
}
