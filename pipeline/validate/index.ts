/**
 * Consistency rules over Annex 5 indicator records. A rule never changes a value: it returns flags
 * {rule, field, message} so a reviewer can find the record and check the scan. Each rule is a pure function;
 * `validateIndicators` runs them all over the records of ONE logical table (weights and duplicates are
 * table-level checks).
 */
import { catalogueFor } from '../../models/catalogue.js';
import type { IndicatorField, IndicatorRecord, ValidationFlag } from '../../models/indicator.js';
import type { CellValue, Quarter } from '../../models/value.js';
import { plausibleRecord } from './plausible.js';

export { plausibleField, plausibleRecord, valueProblem, recordUnit, submissionDateProblem, IMPOSSIBLE_RULE, type PlausibilityContext } from './plausible.js';

export interface ValidationContext {
  /** "2023-24" */
  fiscalYear?: string | null;
  /** the report's quarter: 1–4, "H1" (= up to Q2), "annual" (= up to Q4) */
  quarter?: Quarter | null;
  /** below this field confidence a value is flagged for review (default 0.6) */
  minConfidence?: number;
}

export type RecordRule = (rec: IndicatorRecord, ctx: ValidationContext) => ValidationFlag[];
/** A table rule returns one flag list per record, in the records' order. */
export type TableRule = (recs: readonly IndicatorRecord[], ctx: ValidationContext) => ValidationFlag[][];

const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
type QKey = (typeof QUARTERS)[number];
const DATED_FIELDS = ['target', 'q1', 'q2', 'q3', 'q4', 'total'] as const;
const CONFIDENCE_FIELDS = ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score'] as const;

// ---------------------------------------------------------------------------------------------- values

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function isDate(v: CellValue): v is string {
  return typeof v === 'string' && ISO.test(v);
}

function isCountDate(v: CellValue): v is { count: number; date: string } {
  return typeof v === 'object' && v !== null && 'count' in v && 'date' in v;
}

/** The number a value counts: 3, or 1 for "১টি ১২/০৯/২২"; null for dates, text, blanks. */
export function countOf(v: CellValue): number | null {
  if (typeof v === 'number') return v;
  if (isCountDate(v)) return v.count;
  return null;
}

/** The dates a value carries: "2023-03-20", or the date of {count, date}. */
export function datesOf(v: CellValue): string[] {
  if (isDate(v)) return [v];
  if (isCountDate(v)) return [v.date];
  return [];
}

export function unitOf(rec: IndicatorRecord): 'date' | 'percent' | 'count' | null {
  const u = rec.unit.value;
  return u === 'date' || u === 'percent' || u === 'count' ? u : null;
}

function printedValue(f: IndicatorField): CellValue {
  return f.printed ? f.value : null;
}

/** Empty for the purpose of "not reported yet": blank, "-", প্রযোজ্য নয়, or a zero. */
function isEmptyReport(v: CellValue): boolean {
  if (v === null) return true;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'object' && 'notApplicable' in v) return true;
  return false;
}

// ------------------------------------------------------------------------------------- fiscal periods

/** [first day, last day] of a fiscal year "2022-23": 1 July 2022 – 30 June 2023. */
export function fiscalYearRange(fiscalYear: string): [string, string] | null {
  const m = /^(\d{4})-(\d{2}|\d{4})$/.exec(fiscalYear);
  if (!m) return null;
  const y = Number(m[1]);
  return [`${y}-07-01`, `${y + 1}-06-30`];
}

/** [first day, last day] of quarter q of a fiscal year: Q1 Jul–Sep, Q2 Oct–Dec, Q3 Jan–Mar, Q4 Apr–Jun. */
export function quarterRange(fiscalYear: string, q: 1 | 2 | 3 | 4): [string, string] | null {
  const fy = fiscalYearRange(fiscalYear);
  if (!fy) return null;
  const y = Number(fiscalYear.slice(0, 4));
  const ranges: Record<1 | 2 | 3 | 4, [string, string]> = {
    1: [`${y}-07-01`, `${y}-09-30`],
    2: [`${y}-10-01`, `${y}-12-31`],
    3: [`${y + 1}-01-01`, `${y + 1}-03-31`],
    4: [`${y + 1}-04-01`, `${y + 1}-06-30`],
  };
  return ranges[q];
}

/** The last quarter a report covers: its quarter, 2 for the half-year "H1", 4 for an annual report. */
export function lastReportedQuarter(q: Quarter | null | undefined): 1 | 2 | 3 | 4 | null {
  if (q === 'H1') return 2;
  if (q === 'annual') return 4;
  return typeof q === 'number' ? (q as 1 | 2 | 3 | 4) : null;
}

function reportedQuarters(ctx: ValidationContext): QKey[] {
  const last = lastReportedQuarter(ctx.quarter);
  return last === null ? [...QUARTERS] : QUARTERS.slice(0, last);
}

function flag(rule: string, field: string | null, message: string): ValidationFlag {
  return { rule, field, message };
}

/**
 * One broken relation flags every value in it, the first named field first: which of them OCR misread is for
 * the reviewer to see on the scan ("৯" for "১" in a quarter shows up as a total that is not the sum).
 */
function relation(rule: string, fields: readonly string[], message: string): ValidationFlag[] {
  return [...new Set(fields)].map((f) => flag(rule, f, message));
}

function filled(rec: IndicatorRecord, keys: readonly (keyof IndicatorRecord & string)[]): string[] {
  return keys.filter((k) => {
    const f = rec[k as 'target'];
    return f.printed && f.value !== null;
  });
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

// ---------------------------------------------------------------------------------------- record rules

/** count rows: the total is the sum of the quarters reported so far. */
export const countTotalIsSum: RecordRule = (rec, ctx) => {
  if (unitOf(rec) !== 'count' || !rec.total.printed) return [];
  const qs = reportedQuarters(ctx).filter((q) => rec[q].printed).map((q) => countOf(rec[q].value));
  const total = countOf(rec.total.value);
  const sum = qs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const parts = ['total', ...filled(rec, reportedQuarters(ctx))];
  if (total === null) {
    return sum > 0 ? relation('count-total', parts, `total is empty but the quarters add up to ${fmt(sum)}`) : [];
  }
  if (Math.abs(total - sum) > 0.01) return relation('count-total', parts, `total ${fmt(total)} ≠ sum of quarters ${fmt(sum)}`);
  return [];
};

/** percent rows: the total is the mean of the reported quarters (some offices print the latest quarter's). */
export const percentTotalIsMean: RecordRule = (rec, ctx) => {
  if (unitOf(rec) !== 'percent' || !rec.total.printed) return [];
  const qs = reportedQuarters(ctx)
    .map((q) => printedValue(rec[q]))
    .map((v) => (typeof v === 'number' ? v : null))
    .filter((x): x is number => x !== null);
  const total = typeof rec.total.value === 'number' ? rec.total.value : null;
  const parts = ['total', ...filled(rec, reportedQuarters(ctx))];
  if (qs.length === 0) return total !== null && total > 0 ? [flag('percent-total', 'total', `total ${fmt(total)}% without any quarter value`)] : [];
  if (total === null) return relation('percent-total', parts, `total is empty but quarters report ${qs.map(fmt).join(', ')}%`);
  const mean = qs.reduce((s, x) => s + x, 0) / qs.length;
  const last = qs[qs.length - 1]!;
  if (Math.abs(total - mean) <= 1 || Math.abs(total - last) <= 0.5) return [];
  return relation('percent-total', parts, `total ${fmt(total)}% is neither the quarters' mean ${fmt(mean)}% nor the latest ${fmt(last)}%`);
};

/** Every date printed in the row lies inside the fiscal year. */
export const datesInFiscalYear: RecordRule = (rec, ctx) => {
  const fy = ctx.fiscalYear ? fiscalYearRange(ctx.fiscalYear) : null;
  if (!fy) return [];
  const out: ValidationFlag[] = [];
  for (const k of DATED_FIELDS) {
    for (const d of datesOf(printedValue(rec[k]))) {
      if (d < fy[0] || d > fy[1]) out.push(flag('date-in-fiscal-year', k, `${d} is outside fiscal year ${ctx.fiscalYear} (${fy[0]} – ${fy[1]})`));
    }
  }
  return out;
};

/** A date in a quarter column lies inside that quarter (a Q3 column reports January–March). */
export const datesInQuarterColumn: RecordRule = (rec, ctx) => {
  if (!ctx.fiscalYear) return [];
  const out: ValidationFlag[] = [];
  QUARTERS.forEach((k, i) => {
    const range = quarterRange(ctx.fiscalYear!, (i + 1) as 1 | 2 | 3 | 4);
    if (!range) return;
    for (const d of datesOf(printedValue(rec[k]))) {
      if (d < range[0] || d > range[1]) out.push(flag('date-in-quarter', k, `${d} is not in quarter ${i + 1} (${range[0]} – ${range[1]})`));
    }
  });
  return out;
};

/** Quarters after the report's quarter are not reported yet. */
export const futureQuartersEmpty: RecordRule = (rec, ctx) => {
  const last = lastReportedQuarter(ctx.quarter);
  if (last === null) return [];
  const out: ValidationFlag[] = [];
  for (const k of QUARTERS.slice(last)) {
    const f = rec[k];
    if (f.printed && !isEmptyReport(f.value)) out.push(flag('future-quarter', k, `${k} has "${f.raw}" but the report covers quarters up to ${last}`));
  }
  return out;
};

/** The achievement rate the row's own numbers give, in percent (capped at 100), or null when undefined. */
export function expectedRate(rec: IndicatorRecord): number | null {
  return achievementRate(unitOf(rec), rec.target.value, rec.total.value);
}

/**
 * The achievement rate of a total against its target, in percent (capped at 100): count and percent
 * rows total ÷ target, a date row 100 when achieved on or before the target date; 0 when nothing was
 * achieved; null when undefined (no target, a late date, values that are not numbers or dates).
 */
export function achievementRate(unit: 'date' | 'percent' | 'count' | null, target: CellValue, total: CellValue): number | null {
  if (unit === 'date') {
    const t = datesOf(target)[0];
    const a = datesOf(total)[0];
    if (t && a) return a <= t ? 100 : null; // late delivery is graded by the plan's scale, not checked here
    return total === null ? 0 : null;
  }
  const t = countOf(target);
  const a = countOf(total);
  if (a === null) return total === null ? 0 : null;
  if (t === null || t <= 0) return null;
  return Math.min(100, (a / t) * 100);
}

/** rate ≈ total / target. */
export const rateMatches: RecordRule = (rec) => {
  if (!rec.rate.printed) return [];
  const rate = typeof rec.rate.value === 'number' ? rec.rate.value : null;
  const expected = expectedRate(rec);
  if (expected === null) return [];
  const parts = ['rate', ...filled(rec, ['total', 'target'])];
  if (rate === null) return expected > 0 ? relation('rate', parts, `rate is empty; total/target gives ${fmt(expected)}%`) : [];
  const uncapped = countOf(rec.total.value) !== null && (countOf(rec.target.value) ?? 0) > 0 ? (countOf(rec.total.value)! / countOf(rec.target.value)!) * 100 : expected;
  if (Math.abs(rate - expected) <= 1 || Math.abs(rate - uncapped) <= 1) return [];
  return relation('rate', parts, `rate ${fmt(rate)}% but total/target gives ${fmt(expected)}%`);
};

/** score ≈ weight × rate (the printed rate, else total/target). */
export const scoreMatches: RecordRule = (rec) => {
  if (!rec.score.printed || !rec.weight.printed) return [];
  const weight = typeof rec.weight.value === 'number' ? rec.weight.value : null;
  const score = typeof rec.score.value === 'number' ? rec.score.value : null;
  if (weight === null) return [];
  const printedRate = rec.rate.printed && typeof rec.rate.value === 'number';
  const rate = printedRate ? (rec.rate.value as number) : expectedRate(rec);
  if (score !== null && score > weight + 1e-9) return relation('score', ['score', 'weight'], `score ${fmt(score)} exceeds the weight ${fmt(weight)}`);
  if (rate === null) return [];
  const parts = ['score', 'weight', ...(printedRate ? ['rate'] : filled(rec, ['total', 'target']))];
  const expected = (weight * rate) / 100;
  if (score === null) return expected > 0 ? relation('score', parts, `score is empty; weight × rate gives ${fmt(expected)}`) : [];
  if (Math.abs(score - expected) <= Math.max(0.05, 0.01 * weight)) return [];
  return relation('score', parts, `score ${fmt(score)} but weight ${fmt(weight)} × rate ${fmt(rate)}% = ${fmt(expected)}`);
};

/** The code is one of the fiscal year's plan; its unit and activity agree with the plan. */
export const codeInCatalogue: RecordRule = (rec, ctx) => {
  const out: ValidationFlag[] = [];
  const prefix = rec.indicatorCode.split('.').slice(0, 2).join('.');
  if (rec.activityCode && rec.activityCode !== prefix) {
    out.push(flag('activity-code', 'activityCode', `indicator ${rec.indicatorCode} sits under activity ${rec.activityCode}`));
  }
  const cat = catalogueFor(ctx.fiscalYear ?? null);
  if (!cat) return out;
  const entry = cat.indicators.find((i) => i.code === rec.indicatorCode);
  if (!entry) {
    out.push(flag('catalogue', 'indicatorCode', `${rec.indicatorCode} is not an indicator of the ${cat.fiscalYear} plan`));
    return out;
  }
  const unit = unitOf(rec);
  if (unit !== null && unit !== entry.unit) out.push(flag('catalogue', 'unit', `unit ${unit} but the ${cat.fiscalYear} plan measures ${rec.indicatorCode} as ${entry.unit}`));
  return out;
};

/** A value whose kind does not fit the row's unit: text where a number was expected, a date in a percent row. */
export const valueFitsUnit: RecordRule = (rec) => {
  const unit = unitOf(rec);
  const out: ValidationFlag[] = [];
  const check = (k: keyof IndicatorRecord & string, ok: (v: CellValue) => boolean, what: string) => {
    const f = rec[k as 'target'];
    if (!f.printed || f.value === null) return;
    if (typeof f.value === 'object' && 'notApplicable' in f.value) return;
    if (!ok(f.value)) out.push(flag('value-kind', k, `"${f.raw}" is not ${what}`));
  };
  const num = (v: CellValue) => typeof v === 'number';
  check('weight', num, 'a number');
  check('score', num, 'a number');
  check('rate', num, 'a percentage');
  if (unit === 'date') {
    check('target', isDate, 'a date');
    for (const k of [...QUARTERS, 'total'] as const) check(k, (v) => isDate(v) || isCountDate(v) || num(v), 'a date or a count');
  } else if (unit === 'percent' || unit === 'count') {
    for (const k of ['target', ...QUARTERS, 'total'] as const) check(k, (v) => num(v) || (unit === 'count' && isCountDate(v)), unit === 'percent' ? 'a percentage' : 'a count');
  }
  return out;
};

/**
 * A blank cell where the layout always prints something (a weight, a target, a reported quarter, the total):
 * offices write "-" or "০" for nothing achieved, so a blank is more likely text the OCR did not see.
 */
export const blankCells: RecordRule = (rec, ctx) => {
  const out: ValidationFlag[] = [];
  for (const k of ['weight', 'target', ...reportedQuarters(ctx), 'total'] as const) {
    const f = rec[k];
    if (f.printed && (f.raw ?? '').trim() === '') out.push(flag('blank-cell', k, `${k} is blank; the layout prints a value or "-" here`));
  }
  return out;
};

/** Values the OCR and the normaliser were unsure of. */
export const lowConfidence: RecordRule = (rec, ctx) => {
  const min = ctx.minConfidence ?? 0.6;
  const out: ValidationFlag[] = [];
  for (const k of CONFIDENCE_FIELDS) {
    const c = rec[k].confidence;
    if (rec[k].printed && c !== null && c < min) out.push(flag('low-confidence', k, `confidence ${fmt(c)} < ${min} for "${rec[k].raw}"`));
  }
  return out;
};

// ----------------------------------------------------------------------------------------- table rules

/** The weights of a complete table add up to the plan's total (50). */
export const weightsSumToTotal: TableRule = (recs, ctx) => {
  const none = recs.map(() => [] as ValidationFlag[]);
  const cat = catalogueFor(ctx.fiscalYear ?? null);
  const weighted = recs.filter((r) => r.weight.printed);
  if (!cat || weighted.length === 0) return none;
  // only a table with every indicator of the plan can be summed; a partial one is caught by other rules
  const codes = new Set(recs.map((r) => r.indicatorCode));
  if (!cat.indicators.every((i) => codes.has(i.code))) return none;
  const sum = weighted.reduce((s, r) => s + (typeof r.weight.value === 'number' ? r.weight.value : 0), 0);
  if (Math.abs(sum - cat.weightTotal) <= 0.01) return none;
  return recs.map((r) =>
    r.weight.printed ? [flag('weights-sum', 'weight', `weights add up to ${fmt(sum)}, the ${cat.fiscalYear} plan totals ${cat.weightTotal}`)] : [],
  );
};

/** An indicator code appears once per table. */
export const uniqueCodes: TableRule = (recs) => {
  const count = new Map<string, number>();
  for (const r of recs) count.set(r.indicatorCode, (count.get(r.indicatorCode) ?? 0) + 1);
  return recs.map((r) =>
    (count.get(r.indicatorCode) ?? 0) > 1 ? [flag('duplicate-code', 'indicatorCode', `${r.indicatorCode} occurs ${count.get(r.indicatorCode)} times in this table`)] : [],
  );
};

export const RECORD_RULES: ReadonlyArray<RecordRule> = [
  countTotalIsSum,
  percentTotalIsMean,
  datesInFiscalYear,
  datesInQuarterColumn,
  futureQuartersEmpty,
  rateMatches,
  scoreMatches,
  codeInCatalogue,
  valueFitsUnit,
  blankCells,
  lowConfidence,
];
export const TABLE_RULES: ReadonlyArray<TableRule> = [weightsSumToTotal, uniqueCodes];

/** Rules that read the flags the other rules raised on the same record. */
export type DerivedRule = (rec: IndicatorRecord, flags: readonly ValidationFlag[], ctx: ValidationContext) => ValidationFlag[];

/** The rules that tie the total to its quarters: when they hold, the quarters stand or fall with the total. */
const TOTAL_OF_QUARTERS = new Set(['count-total', 'percent-total']);

/**
 * A total another relation doubts (rate, score, dates) while its quarters add up to it (or, for dates, print
 * the same date): the quarters are as doubtful, since a misread quarter carries its total with it ("০১" read
 * "০৬" in both q2 and the total, caught only by the score). They are flagged too, naming the total's flag.
 */
export const quartersBehindTotal: DerivedRule = (rec, flags, ctx) => {
  const doubt = flags.find((f) => f.field === 'total' && !TOTAL_OF_QUARTERS.has(f.rule) && f.rule !== 'low-confidence');
  if (!doubt || flags.some((f) => f.field === 'total' && TOTAL_OF_QUARTERS.has(f.rule))) return [];
  const unit = unitOf(rec);
  const totalDates = datesOf(printedValue(rec.total));
  const quarters = reportedQuarters(ctx).filter((q) => {
    const v = printedValue(rec[q]);
    if (isEmptyReport(v)) return false;
    if (unit === 'date') return datesOf(v).some((d) => totalDates.includes(d));
    return unit === 'count' || unit === 'percent';
  });
  return quarters
    .filter((q) => !flags.some((f) => f.field === q && f.rule !== 'low-confidence'))
    .map((q) => flag('total-quarters', q, `${q} makes up the total, which fails the ${doubt.rule} check: ${doubt.message}`));
};

export const DERIVED_RULES: ReadonlyArray<DerivedRule> = [quartersBehindTotal];

/**
 * Every rule over the records of one logical table; returns new records with the flags appended. The rules
 * judge what was read; then every impossible value (a month 53, a year far outside the plan's, a percent of
 * 7500) is taken out of the record, its printed text kept (plausible.ts): the only change validation makes.
 */
export function validateIndicators(recs: readonly IndicatorRecord[], ctx: ValidationContext = {}): IndicatorRecord[] {
  const tableFlags = TABLE_RULES.map((rule) => rule(recs, ctx));
  return recs.map((rec, i) => {
    const flags = [...rec.flags];
    for (const rule of RECORD_RULES) flags.push(...rule(rec, ctx));
    for (const t of tableFlags) flags.push(...(t[i] ?? []));
    for (const rule of DERIVED_RULES) flags.push(...rule(rec, flags, ctx));
    return plausibleRecord({ ...rec, flags }, { fiscalYear: ctx.fiscalYear ?? null });
  });
}
