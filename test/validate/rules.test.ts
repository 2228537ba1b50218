import { describe, expect, it } from 'vitest';
import type { IndicatorField, IndicatorRecord } from '../../models/indicator.js';
import type { CellValue } from '../../models/value.js';
import {
  blankCells,
  codeInCatalogue,
  countTotalIsSum,
  datesInFiscalYear,
  datesInQuarterColumn,
  expectedRate,
  fiscalYearRange,
  futureQuartersEmpty,
  lowConfidence,
  percentTotalIsMean,
  quarterRange,
  quartersBehindTotal,
  rateMatches,
  scoreMatches,
  uniqueCodes,
  validateIndicators,
  valueFitsUnit,
  weightsSumToTotal,
} from '../../pipeline/validate/index.js';
import { CATALOGUE } from '../../models/catalogue.js';

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
const absent: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };
const f = (value: CellValue, raw = String(value ?? ''), confidence = 0.95): IndicatorField => ({ raw, value, confidence, bbox: box, printed: true });

type Values = Partial<Record<'unit' | 'weight' | 'target' | 'q1' | 'q2' | 'q3' | 'q4' | 'total' | 'rate' | 'score' | 'remarks', CellValue | IndicatorField>>;

function rec(code: string, values: Values): IndicatorRecord {
  const field = (k: keyof Values): IndicatorField => {
    if (!(k in values)) return absent;
    const v = values[k];
    return v !== null && typeof v === 'object' && 'printed' in v ? (v as IndicatorField) : f(v as CellValue);
  };
  return {
    page: 2,
    tableIndex: 0,
    row: 1,
    activityCode: code.split('.').slice(0, 2).join('.'),
    activity: null,
    indicatorCode: code,
    indicator: null,
    unit: field('unit'),
    weight: field('weight'),
    target: field('target'),
    q1: field('q1'),
    q2: field('q2'),
    q3: field('q3'),
    q4: field('q4'),
    total: field('total'),
    rate: field('rate'),
    score: field('score'),
    remarks: field('remarks'),
    flags: [],
  };
}

const rules = (flags: { rule: string; field: string | null }[]) => flags.map((x) => `${x.rule}:${x.field}`);

describe('fiscal periods', () => {
  it('runs July to June, quarters in fiscal order', () => {
    expect(fiscalYearRange('2022-23')).toEqual(['2022-07-01', '2023-06-30']);
    expect(quarterRange('2023-24', 1)).toEqual(['2023-07-01', '2023-09-30']);
    expect(quarterRange('2023-24', 3)).toEqual(['2024-01-01', '2024-03-31']);
    expect(fiscalYearRange('২০২২-২৩')).toBeNull();
  });
});

describe('countTotalIsSum', () => {
  it('accepts a total equal to the sum of counts and {count, date} values', () => {
    const r = rec('5.1.1', { unit: 'count', q1: { count: 1, date: '2022-09-26' }, q2: 1, q3: null, q4: 2, total: 4 });
    expect(countTotalIsSum(r, { quarter: 4 })).toEqual([]);
  });
  it('flags a total that is not the sum, without changing it', () => {
    const r = rec('3.1.1', { unit: 'count', q1: 1, q2: 1, q3: 1, q4: 1, total: 3 });
    const flags = countTotalIsSum(r, { quarter: 4 });
    // every value of the broken sum is flagged: which one OCR misread is for the reviewer to see
    expect(rules(flags)).toEqual(['count-total:total', 'count-total:q1', 'count-total:q2', 'count-total:q3', 'count-total:q4']);
    expect(r.total.value).toBe(3);
  });
  it('sums only the quarters reported so far', () => {
    const r = rec('3.1.1', { unit: 'count', q1: 1, q2: 1, q3: 1, q4: null, total: 2 });
    expect(countTotalIsSum(r, { quarter: 2 })).toEqual([]);
    expect(rules(countTotalIsSum(r, { quarter: 3 }))).toEqual(['count-total:total', 'count-total:q1', 'count-total:q2', 'count-total:q3']);
  });
  it('flags an empty total with reported quarters, and ignores other units', () => {
    expect(rules(countTotalIsSum(rec('3.1.1', { unit: 'count', q1: 2, total: null }), {}))).toEqual(['count-total:total', 'count-total:q1']);
    expect(countTotalIsSum(rec('2.1.1', { unit: 'percent', q1: 80, total: 10 }), {})).toEqual([]);
  });
});

describe('percentTotalIsMean', () => {
  it('accepts the mean, or the latest quarter', () => {
    expect(percentTotalIsMean(rec('2.1.1', { unit: 'percent', q1: 90, q2: 25, total: 58 }), { quarter: 2 })).toEqual([]);
    expect(percentTotalIsMean(rec('2.1.1', { unit: 'percent', q1: 90, q2: 25, total: 25 }), { quarter: 2 })).toEqual([]);
  });
  it('flags anything else', () => {
    expect(rules(percentTotalIsMean(rec('2.1.1', { unit: 'percent', q1: 90, q2: 25, total: 80 }), { quarter: 2 }))).toEqual([
      'percent-total:total',
      'percent-total:q1',
      'percent-total:q2',
    ]);
  });
});

describe('dates', () => {
  it('flags a date outside the fiscal year', () => {
    const r = rec('1.1.1', { unit: 'date', target: '2023-03-16', q3: { count: 1, date: '2023-03-16' }, total: '2023-08-01' });
    expect(rules(datesInFiscalYear(r, { fiscalYear: '2022-23' }))).toEqual(['date-in-fiscal-year:total']);
    expect(datesInFiscalYear(r, {})).toEqual([]);
  });
  it('flags a date in the wrong quarter column', () => {
    const ok = rec('1.1.1', { unit: 'date', q3: '2023-03-20' });
    const wrong = rec('1.1.1', { unit: 'date', q2: { count: 1, date: '2023-03-20' } });
    expect(datesInQuarterColumn(ok, { fiscalYear: '2022-23' })).toEqual([]);
    expect(rules(datesInQuarterColumn(wrong, { fiscalYear: '2022-23' }))).toEqual(['date-in-quarter:q2']);
  });
});

describe('futureQuartersEmpty', () => {
  it('flags values in quarters after the report quarter, accepting blanks, dashes and zeros', () => {
    const r = rec('1.1.1', { unit: 'date', q1: 0, q2: '2024-02-05', q3: 0, q4: null });
    expect(rules(futureQuartersEmpty(r, { quarter: 1 }))).toEqual(['future-quarter:q2']);
    expect(futureQuartersEmpty(r, { quarter: 3 })).toEqual([]);
    expect(rules(futureQuartersEmpty(rec('2.1.1', { unit: 'percent', q3: 80 }), { quarter: 'H1' }))).toEqual(['future-quarter:q3']);
    expect(futureQuartersEmpty(r, {})).toEqual([]);
  });
});

describe('rateMatches and scoreMatches', () => {
  it('computes the expected rate, capped at 100, and for dates on time = 100', () => {
    expect(expectedRate(rec('5.1.1', { unit: 'count', target: 4, total: 3 }))).toBe(75);
    expect(expectedRate(rec('4.1.1', { unit: 'percent', target: 80, total: 85 }))).toBe(100);
    expect(expectedRate(rec('1.1.1', { unit: 'date', target: '2024-03-14', total: '2024-02-05' }))).toBe(100);
    expect(expectedRate(rec('1.1.1', { unit: 'date', target: '2024-03-14', total: '2024-04-05' }))).toBeNull();
  });
  it('flags a rate that is not total / target', () => {
    expect(rateMatches(rec('5.1.1', { unit: 'count', target: 4, total: 3, rate: 75 }), {})).toEqual([]);
    expect(rules(rateMatches(rec('5.1.1', { unit: 'count', target: 4, total: 3, rate: 50 }), {}))).toEqual(['rate:rate', 'rate:total', 'rate:target']);
    expect(rules(rateMatches(rec('5.1.1', { unit: 'count', target: 4, total: 3, rate: null }), {}))).toEqual(['rate:rate', 'rate:total', 'rate:target']);
  });
  it('flags a score that is not weight × rate, or exceeds the weight', () => {
    expect(scoreMatches(rec('5.1.1', { unit: 'count', weight: 6, target: 4, total: 3, rate: 75, score: 4.5 }), {})).toEqual([]);
    // layout D prints no rate: the score follows total / target
    expect(scoreMatches(rec('4.1.2', { unit: 'percent', weight: 8, target: 100, total: 58, score: 4.64 }), {})).toEqual([]);
    expect(rules(scoreMatches(rec('5.1.1', { unit: 'count', weight: 6, target: 4, total: 3, rate: 75, score: 3 }), {}))).toEqual(['score:score', 'score:weight', 'score:rate']);
    // without a printed rate the relation runs through total and target
    expect(rules(scoreMatches(rec('4.1.2', { unit: 'percent', weight: 8, target: 100, total: 58, score: 8 }), {}))).toEqual(['score:score', 'score:weight', 'score:total', 'score:target']);
    expect(rules(scoreMatches(rec('5.1.1', { unit: 'count', weight: 6, target: 4, total: 4, score: 8 }), {}))).toEqual(['score:score', 'score:weight']);
  });
});

describe('codeInCatalogue', () => {
  it('flags codes outside the year’s plan and units that disagree with it', () => {
    expect(codeInCatalogue(rec('4.1.2', { unit: 'percent' }), { fiscalYear: '2024-25' })).toEqual([]);
    expect(rules(codeInCatalogue(rec('4.1.2', { unit: 'percent' }), { fiscalYear: '2023-24' }))).toEqual(['catalogue:indicatorCode']);
    expect(rules(codeInCatalogue(rec('4.1.1', { unit: 'count' }), { fiscalYear: '2024-25' }))).toEqual(['catalogue:unit']);
    expect(codeInCatalogue(rec('9.9.9', {}), { fiscalYear: '2019-20' })).toEqual([]);
  });
  it('flags an indicator printed under another activity', () => {
    const r = { ...rec('3.1.1', { unit: 'count' }), activityCode: '2.1' };
    expect(rules(codeInCatalogue(r, {}))).toEqual(['activity-code:activityCode']);
  });
});

describe('valueFitsUnit', () => {
  it('flags text where the unit wants a number or a date', () => {
    expect(valueFitsUnit(rec('1.1.1', { unit: 'date', target: '2023-03-16', q3: { count: 1, date: '2023-03-16' }, total: 1 }), {})).toEqual([]);
    expect(rules(valueFitsUnit(rec('1.1.1', { unit: 'date', target: 80 }), {}))).toEqual(['value-kind:target']);
    expect(rules(valueFitsUnit(rec('2.1.1', { unit: 'percent', q1: 'আশি', weight: 'দশ' }), {}))).toEqual(['value-kind:weight', 'value-kind:q1']);
    expect(valueFitsUnit(rec('5.1.2', { unit: 'count', remarks: { notApplicable: true }, q1: { notApplicable: true } }), {})).toEqual([]);
  });
});

describe('blankCells', () => {
  it('flags blanks where a value or "-" is always printed, not dashes or future quarters', () => {
    const r = rec('5.1.1', { unit: 'count', weight: f(null, ''), target: f(null, '-'), q1: f(null, ''), q3: f(null, ''), total: f(1, '১') });
    expect(rules(blankCells(r, { quarter: 2 }))).toEqual(['blank-cell:weight', 'blank-cell:q1']);
  });
});

describe('lowConfidence', () => {
  it('flags printed values under the threshold', () => {
    const r = rec('3.1.1', { unit: 'count', target: f(4, '৪', 0.4), q1: f(1, '১', 0.7) });
    expect(rules(lowConfidence(r, {}))).toEqual(['low-confidence:target']);
    expect(rules(lowConfidence(r, { minConfidence: 0.8 }))).toEqual(['low-confidence:target', 'low-confidence:q1']);
  });
});

describe('table rules', () => {
  const full = (weights: number[]) => CATALOGUE['2022-23']!.indicators.map((i, k) => rec(i.code, { unit: i.unit, weight: weights[k] ?? 0 }));

  it('checks that a complete table’s weights add up to the plan total', () => {
    expect(weightsSumToTotal(full([10, 10, 15, 5, 6, 4]), { fiscalYear: '2022-23' }).flat()).toEqual([]);
    const flags = weightsSumToTotal(full([10, 10, 15, 5, 6, 9]), { fiscalYear: '2022-23' });
    expect(flags.every((fl) => rules(fl).join() === 'weights-sum:weight')).toBe(true);
    // a table missing indicators is not summed
    expect(weightsSumToTotal(full([10, 10, 15, 5, 6, 9]).slice(1), { fiscalYear: '2022-23' }).flat()).toEqual([]);
  });

  it('flags a code that occurs twice in one table', () => {
    const flags = uniqueCodes([rec('1.1.1', {}), rec('2.1.1', {}), rec('1.1.1', {})], {});
    expect(flags.map((fl) => fl.length)).toEqual([1, 0, 1]);
  });
});

describe('validateIndicators', () => {
  it('appends every rule’s flags and keeps values and earlier flags', () => {
    const r = { ...rec('3.1.1', { unit: 'count', q1: 1, q2: 1, total: 5 }), flags: [{ rule: 'indicator-code', field: 'indicatorCode', message: 'derived' }] };
    const [out] = validateIndicators([r], { fiscalYear: '2022-23', quarter: 2 });
    expect(rules(out!.flags)).toEqual(['indicator-code:indicatorCode', 'count-total:total', 'count-total:q1', 'count-total:q2']);
    expect(out!.total.value).toBe(5);
    expect(r.flags).toHaveLength(1);
  });
});

describe('quartersBehindTotal', () => {
  const ctx = { fiscalYear: '2024-25', quarter: 2 as const };
  it('flags the quarters that add up to a total another relation doubts', () => {
    // truth: q1 ০, q2 ০১, total ০১, score ১.৫ of weight ৩; q2 and the total both read ০৬
    const r = rec('5.1.1', { unit: 'count', weight: 3, target: 2, q1: 0, q2: 6, total: 6, score: 1.5 });
    const flags = scoreMatches(r, ctx);
    expect(rules(flags)).toContain('score:total');
    expect(rules(quartersBehindTotal(r, flags, ctx))).toEqual(['total-quarters:q2']);
    // validateIndicators runs it after the other rules
    const [out] = validateIndicators([r], ctx);
    expect(rules(out!.flags)).toContain('total-quarters:q2');
  });

  it('flags nothing when the total is not doubted, or when the total and its quarters already disagree', () => {
    const ok = rec('5.1.1', { unit: 'count', weight: 3, target: 2, q1: 0, q2: 1, total: 1, score: 1.5 });
    expect(quartersBehindTotal(ok, scoreMatches(ok, ctx), ctx)).toEqual([]);
    const apart = rec('5.1.1', { unit: 'count', weight: 3, target: 2, q1: 0, q2: 1, total: 6, score: 1.5 });
    const flags = [...countTotalIsSum(apart, ctx), ...scoreMatches(apart, ctx)];
    expect(quartersBehindTotal(apart, flags, ctx)).toEqual([]);
  });

  it('for dates, only the quarter printing the total’s date', () => {
    const r = rec('1.1.1', { unit: 'date', target: '2024-09-30', q1: '2024-08-28', q2: '2013-10-05', total: '2013-10-05' });
    const flags = datesInFiscalYear(r, ctx);
    expect(rules(quartersBehindTotal(r, flags, ctx))).toEqual([]); // q2 has its own flag already
    const r2 = rec('1.1.1', { unit: 'date', weight: 5, target: '2024-09-30', q1: '2024-08-28', total: '2024-08-28', score: 2 });
    expect(rules(quartersBehindTotal(r2, scoreMatches(r2, ctx), ctx))).toEqual(['total-quarters:q1']);
  });
});
