/**
 * Impossible values are never stored as values. An indicator field whose reading is not a real calendar date
 * inside the window the plan's fiscal year allows, or a figure outside the range its kind can take, keeps its
 * printed text (`raw`) but no `value`; its confidence drops to the normaliser's IMPOSSIBLE_CONFIDENCE and the
 * record is flagged `impossible-value`, so a reviewer finds it. Text the normaliser could not read in a figure
 * column (anything but the remarks) is no value either. The windows and ranges are pipeline/normalise/ranges.ts.
 *
 * Used by the validation stage (every record before it is stored) and by the export (every field as exported,
 * reviewer corrections included), so no export holds an impossible value whatever the database holds.
 */
import type { IndicatorField, IndicatorRecord, IndicatorValueField, ValidationFlag } from '../../models/indicator.js';
import type { CellValue } from '../../models/value.js';
import { IMPOSSIBLE_CONFIDENCE } from '../normalise/index.js';
import { VALUE_RANGES, dateProblem, numberProblem, submissionDateWindow, tableDateWindow, type DateWindow, type Range } from '../normalise/ranges.js';

export const IMPOSSIBLE_RULE = 'impossible-value';

export interface PlausibilityContext {
  /** "2023-24": dates must fall in this fiscal year (± the margin); unknown → the document era */
  fiscalYear?: string | null;
}

type Unit = 'date' | 'percent' | 'count' | null;
const QUANTITY_FIELDS = new Set<IndicatorValueField>(['target', 'q1', 'q2', 'q3', 'q4', 'total']);

/** The unit a record's unit field says, if it is one of the three. */
export function recordUnit(rec: Pick<IndicatorRecord, 'unit'>): Unit {
  const u = rec.unit.value;
  return u === 'date' || u === 'percent' || u === 'count' ? u : null;
}

function quantityRange(unit: Unit): { range: Range; what: string } {
  if (unit === 'percent') return { range: VALUE_RANGES.percent, what: 'percentage' };
  // a date row prints counts too ("১" achieved); a count row's figures are counts
  if (unit === 'count' || unit === 'date') return { range: VALUE_RANGES.count, what: 'count' };
  return { range: VALUE_RANGES.any, what: 'figure' };
}

/** Why `value` cannot be what field `key` of a row of this unit holds, or null when it can. */
export function valueProblem(key: IndicatorValueField, value: CellValue, unit: Unit, window: DateWindow): string | null {
  if (value === null || key === 'unit' || key === 'remarks') return null;
  if (typeof value === 'object' && 'notApplicable' in value) return null;
  const numeric = (x: CellValue, range: Range, what: string): string | null => (typeof x === 'number' ? numberProblem(x, range, what) : `"${describe(x)}" is not a ${what}`);
  if (key === 'weight') return numeric(value, VALUE_RANGES.weight, 'weight');
  if (key === 'score') return numeric(value, VALUE_RANGES.score, 'score');
  if (key === 'rate') return numeric(value, VALUE_RANGES.rate, 'achievement rate');
  if (!QUANTITY_FIELDS.has(key)) return null;
  const { range, what } = quantityRange(unit);
  if (typeof value === 'number') return numberProblem(value, range, what);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateProblem(value, window) : `"${value}" is not a ${unit === 'date' ? 'date' : what}`;
  if ('count' in value && 'date' in value) return numberProblem(value.count, VALUE_RANGES.count, 'count') ?? dateProblem(value.date, window);
  return `"${describe(value)}" is not a ${what}`;
}

function describe(v: CellValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The field as it may be stored: unchanged, or without its value (raw kept) and at the impossible confidence. */
export function plausibleField(
  key: IndicatorValueField,
  field: IndicatorField,
  unit: Unit,
  window: DateWindow,
): { field: IndicatorField; flag: ValidationFlag | null } {
  if (!field.printed) return { field, flag: null };
  const why = valueProblem(key, field.value, unit, window);
  if (why === null) return { field, flag: null };
  const confidence = Math.min(field.confidence ?? IMPOSSIBLE_CONFIDENCE, IMPOSSIBLE_CONFIDENCE);
  return {
    field: { ...field, value: null, confidence },
    flag: { rule: IMPOSSIBLE_RULE, field: key, message: `kept as printed, no value: ${why}` },
  };
}

const GUARDED: readonly IndicatorValueField[] = ['weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score'];

/** A record with every impossible value taken out (raw kept) and flagged. */
export function plausibleRecord<R extends IndicatorRecord | Omit<IndicatorRecord, 'tableIndex'>>(rec: R, ctx: PlausibilityContext): R {
  const window = tableDateWindow(ctx.fiscalYear);
  const unit = recordUnit(rec);
  let out: R = rec;
  const flags: ValidationFlag[] = [];
  for (const key of GUARDED) {
    const r = plausibleField(key, rec[key], unit, window);
    if (!r.flag) continue;
    out = { ...out, [key]: r.field };
    // a stored record already carries the flag (re-exported, re-validated): say it once
    if (!rec.flags.some((f) => f.rule === IMPOSSIBLE_RULE && f.field === key)) flags.push(r.flag);
  }
  return flags.length || out !== rec ? { ...out, flags: [...out.flags, ...flags] } : rec;
}

/** Why a submission date is impossible for its period (misread year, not a calendar day), or null. */
export function submissionDateProblem(date: string | null, fiscalYear: string | null | undefined, quarter: number | string | null | undefined): string | null {
  return date === null ? null : dateProblem(date, submissionDateWindow(fiscalYear, quarter));
}
