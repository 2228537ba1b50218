/**
 * Printed values of Annex 5 cells and their normalised meaning, generated together so that the truth's
 * `value` is exactly what the printed `raw` means (eval value normalisation: ৮০% → 80, ১৫/১/২৩ →
 * 2023-01-15, ১টি ১২/০৯/২২ → {count, date}, ১টি → 1, - or blank → null, প্রযোজ্য নয় → {notApplicable}).
 */
import { toAsciiDigits } from '../../pipeline/normalise/digits.js';
import { bn, bnDecimal, bnInt, isoDate, numericDate, type DateStyle, type Ymd } from './bangla.js';
import type { Field, FieldValue } from './model.js';

export type Val =
  | { k: 'blank' }
  | { k: 'dash' }
  | { k: 'na' }
  | { k: 'int'; n: number; pad: boolean; suffix: boolean }
  | { k: 'pct'; n: number }
  | { k: 'date'; d: Ymd; style: DateStyle }
  | { k: 'countDate'; n: number; d: Ymd; style: DateStyle }
  | { k: 'dec'; x: number };

export const BLANK: Val = { k: 'blank' };
export const DASH: Val = { k: 'dash' };
export const NA: Val = { k: 'na' };

export function raw(v: Val): string {
  switch (v.k) {
    case 'blank':
      return '';
    case 'dash':
      return '-';
    case 'na':
      return 'প্রযোজ্য নয়';
    case 'int':
      return bnInt(v.n, v.pad) + (v.suffix && v.n > 0 ? 'টি' : '');
    case 'pct':
      return `${bn(v.n)}%`;
    case 'date':
      return numericDate(v.d, v.style);
    case 'countDate':
      return `${bn(v.n)}টি ${numericDate(v.d, v.style)}`;
    case 'dec':
      return bnDecimal(v.x);
  }
}

export function value(v: Val): FieldValue {
  switch (v.k) {
    case 'blank':
    case 'dash':
      return null;
    case 'na':
      return { notApplicable: true };
    case 'int':
      return v.n;
    case 'pct':
      return v.n;
    case 'date':
      return isoDate(v.d);
    case 'countDate':
      return { count: v.n, date: isoDate(v.d) };
    case 'dec':
      // the printed number, not the unrounded one
      return Number(toAsciiDigits(bnDecimal(v.x)));
  }
}

export function field(v: Val): Field {
  return { raw: raw(v), value: value(v) };
}

export const NOT_PRINTED: Field = { raw: null, value: null, printed: false };

/** Count of a value (0 for dash/blank), for totals. */
export function countOf(v: Val): number {
  return v.k === 'int' || v.k === 'countDate' ? v.n : 0;
}
