/**
 * The project's one Bangla digit map. Every other module converts digits through these functions.
 */
export const BANGLA_DIGITS = '০১২৩৪৫৬৭৮৯';

/** ০-৯ → 0-9; everything else unchanged. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
}

/** 0-9 → ০-৯; everything else unchanged. Accepts numbers for convenience. */
export function toBanglaDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => BANGLA_DIGITS[d.charCodeAt(0) - 48]!);
}

export function isBanglaDigit(ch: string): boolean {
  return ch.length === 1 && ch >= '০' && ch <= '৯';
}
