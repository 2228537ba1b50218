/**
 * What a value printed in these documents can possibly be: the calendar window a date must fall in and the
 * range of each kind of figure. A reading outside them is an OCR error (a month 53, a year 2363, ৭৫% read as
 * ৭৫০০), never a value: the pipeline keeps its printed text and stores no value (pipeline/validate/plausible.ts).
 *
 * Dates. An Annex 5 date (target or achievement) belongs to the plan's fiscal year; the seeds' 34 table dates
 * and the eval set's 27 all fall inside it, but offices do print a target set just before the year starts or an
 * achievement dated in the weeks after it ends (a Q4 activity finished in July), so the window is the fiscal
 * year with a quarter's margin on each side. A submission is sent after its period starts (seed 000 sends its
 * Q4 report on 26 June, inside the quarter) and within a year of its end. Without a known fiscal year a date
 * must at least lie in the era of these documents (e-Governance plans began in 2019; the window is wide).
 *
 * Figures (from the seeds' tables and the catalogue, models/catalogue.ts): the only percent indicator is the
 * share of notes disposed in e-file (0–100 %); counts are trainings, workshops and portal updates (seeds print
 * 0–8 a year; a portal can be updated weekly), whole numbers; weights and scores are marks out of the plan's 50;
 * the achievement rate may exceed 100 % (4 workshops on a target of 2 is 200 %), but not five-fold.
 */
import { dayNumber, fromDayNumber, fromIso, toIso } from './gregorian.js';

export interface Range {
  min: number;
  max: number;
  integer?: boolean;
}

export const VALUE_RANGES = {
  /** a percent row's target, quarters and total: a share */
  percent: { min: 0, max: 100 },
  /** অর্জনের শতাংশ: achievement over target */
  rate: { min: 0, max: 500 },
  /** a count row's target, quarters and total */
  count: { min: 0, max: 999, integer: true },
  /** a weight (মান) and a score: marks out of the plan's total */
  weight: { min: 0, max: 50 },
  score: { min: 0, max: 50 },
  /** a figure in a row whose unit could not be read: the widest of the above */
  any: { min: 0, max: 999 },
} as const satisfies Record<string, Range>;

/** Days before the fiscal year starts and after it ends in which a table date is still accepted. */
export const FISCAL_YEAR_MARGIN_DAYS = 92;
/** Dates any document of this archive can carry when nothing narrower is known. */
export const DOCUMENT_ERA = { from: '2000-01-01', to: '2049-12-31' } as const;

export interface DateWindow {
  from: string;
  to: string;
  /** what the window is, for messages: "fiscal year 2022-23 ± 92 days" */
  label: string;
}

const QUARTER_MONTHS: Record<string, [number, number]> = { '1': [7, 9], '2': [10, 12], '3': [1, 3], '4': [4, 6], H1: [7, 12], annual: [7, 6] };

/** First and last day of a reporting period ("2022-23", 4 → 2023-04-01 … 2023-06-30); null quarter = the year. */
export function periodBounds(fiscalYear: string, quarter: number | string | null): { start: string; end: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(fiscalYear);
  if (!m) return null;
  const y1 = Number(m[1]);
  const [from, to] = QUARTER_MONTHS[String(quarter ?? 'annual')] ?? [7, 6];
  const yearOf = (month: number): number => (month >= 7 ? y1 : y1 + 1);
  const last = new Date(Date.UTC(yearOf(to), to, 0)).getUTCDate();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { start: `${yearOf(from)}-${pad(from)}-01`, end: `${yearOf(to)}-${pad(to)}-${pad(last)}` };
}

function shift(iso: string, days: number): string {
  return toIso(fromDayNumber(dayNumber(fromIso(iso)!) + days));
}

const ERA: DateWindow = { ...DOCUMENT_ERA, label: `${DOCUMENT_ERA.from.slice(0, 4)}–${DOCUMENT_ERA.to.slice(0, 4)}` };

/** The window an Annex 5 date of this fiscal year must fall in; the document era when the year is unknown. */
export function tableDateWindow(fiscalYear: string | null | undefined): DateWindow {
  const b = fiscalYear ? periodBounds(fiscalYear, null) : null;
  if (!b) return ERA;
  return { from: shift(b.start, -FISCAL_YEAR_MARGIN_DAYS), to: shift(b.end, FISCAL_YEAR_MARGIN_DAYS), label: `fiscal year ${fiscalYear} ± ${FISCAL_YEAR_MARGIN_DAYS} days` };
}

/** The window a submission date must fall in: from the start of the reported period to a year after its end. */
export function submissionDateWindow(fiscalYear: string | null | undefined, quarter: number | string | null | undefined): DateWindow {
  const b = fiscalYear ? periodBounds(fiscalYear, quarter ?? null) : null;
  if (!b) return ERA;
  return { from: b.start, to: shift(b.end, 365), label: `${fiscalYear}${quarter ? ` ${quarter}` : ''} period start to a year after its end` };
}

/** Why an ISO date string is not a value inside the window, or null when it is one. */
export function dateProblem(iso: string, window: DateWindow): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return `"${iso}" is not a date`;
  if (!fromIso(iso)) {
    const month = Number(m[2]);
    return month < 1 || month > 12 ? `${iso} has no month ${month}` : `${iso} is not a day of the calendar`;
  }
  if (iso < window.from || iso > window.to) return `${iso} is outside ${window.label} (${window.from} – ${window.to})`;
  return null;
}

/** Why a number is not a value of this range, or null when it is one. */
export function numberProblem(x: number, range: Range, what: string): string | null {
  if (!Number.isFinite(x)) return `${x} is not a ${what}`;
  if (x < range.min || x > range.max) return `${fmt(x)} is outside the possible ${what} range ${range.min}–${range.max}`;
  if (range.integer && !Number.isInteger(x)) return `${fmt(x)} is not a whole ${what}`;
  return null;
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
