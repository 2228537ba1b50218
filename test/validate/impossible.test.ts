import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import { exportSubmission } from '../../db/queries.js';
import type { PageResult } from '../../models/submission.js';
import { toBanglaDigits } from '../../pipeline/normalise/index.js';
import { finishSubmission } from '../../pipeline/runner.js';
import { plausibleField, plausibleRecord, valueProblem } from '../../pipeline/validate/plausible.js';
import { tableDateWindow } from '../../pipeline/normalise/ranges.js';
import { applyCorrection } from '../../src/server/correct.js';
import { submissionIndicators } from '../../src/server/review.js';
import { buildTable } from '../annex5/build.js';
import { HEADER_A, HEADER_B } from '../annex5/layouts.js';
import type { IndicatorField, ValidationFlag } from '../../models/indicator.js';

// The contract, stated here without the product's own range code: a date value is a real calendar day in the
// plan's fiscal year ± 92 days (a submission date: from the start of the reported quarter to a year after its
// end); percents 0–100, counts whole 0–999, rates 0–500, weights and scores 0–50, nothing negative.
const DAY = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
function realDay(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(utc(iso));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
}
const FY_FROM = utc('2022-07-01') - 92 * DAY;
const FY_TO = utc('2023-06-30') + 92 * DAY;
const inPlanYear = (iso: string) => realDay(iso) && utc(iso) >= FY_FROM && utc(iso) <= FY_TO;

const bn = (n: number, pad = 0) => toBanglaDigits(String(n).padStart(pad, '0'));
const numericDate = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1000, max: 2999 })), fc.constantFrom('/', '-', '.'))
  .map(([d, m, y, sep]) => `${bn(d, 2)}${sep}${bn(m, 2)}${sep}${bn(y, 2)}`);
const BANGLA_MONTHS = ['বৈশাখ', 'আষাঢ়', 'পৌষ', 'চৈত্র', 'মাঘ'];
const banglaDate = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(...BANGLA_MONTHS), fc.integer({ min: 1300, max: 1700 }))
  .map(([d, m, y]) => `${bn(d)} ${m} ${bn(y)} বঙ্গাব্দ`);
const cellText = fc.oneof(
  numericDate,
  banglaDate,
  fc.tuple(fc.integer({ min: 0, max: 2000 }), numericDate).map(([n, d]) => `${bn(n, 2)}টি ${d}`),
  fc.integer({ min: 0, max: 20_000 }).map((n) => `${bn(n)}%`),
  fc.integer({ min: 0, max: 5000 }).map((n) => bn(n)),
  fc.integer({ min: 0, max: 99_999 }).map((n) => toBanglaDigits((n / 100).toFixed(2))),
  fc.string({ unit: fc.constantFrom(...'০১২৩৪৫৬৭৮৯/%-.টি ,abc৳'.split('')), maxLength: 14 }),
  fc.constantFrom('-', '', 'প্রযোজ্য নয়', '১টি', '৮০%', '১৬/০৩/২০২৩'),
);
const unitText = fc.constantFrom('তারিখ', '%', 'সংখ্যা', 'সংখা', '');
const CODES = ['১.১.১', '২.১.১', '৩.১.১', '৪.১.১', '৫.১.১', '৫.১.২'];

function letterPage(dateText: string): PageResult {
  const lines = [
    'গণপ্রজাতন্ত্রী বাংলাদেশ সরকার',
    'উপজেলা সমবায় কার্যালয়',
    'আটোয়ারী, পঞ্চগড়।',
    'স্মারক নং : ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬',
    `তারিখ : ${dateText} খ্রি.।`,
    'বিষয় : ২০২২-২০২৩ অর্থ বছরের ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।',
    'উপর্যুক্ত বিষয়ের প্রেক্ষিতে অগ্রগতি প্রতিবেদন ও প্রমাণক এতদসঙ্গে প্রেরণ করা হলো।',
  ];
  return { page: 1, raster: null, preprocess: null, classification: null, text: lines.join('\n'), lines: [], meanConf: 90, tables: [], timings: {}, errors: [] };
}

function annexPage(rows: { unit: string; values: string[] }[], withWeights: boolean): PageResult {
  const header = withWeights ? HEADER_B : HEADER_A;
  const table = buildTable([
    header,
    ...rows.map((r, i) => [bn(i + 1, 2), `[${CODES[i]!.slice(0, 3)}] কার্যক্রম`, `[${CODES[i]}] কর্মসম্পাদন সূচক`, r.unit, ...r.values.slice(0, header.length - 4)]),
  ]);
  const title = ['সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২৩', 'আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়'];
  const text = [...title, ...table.grid.map((r) => r.join('\t'))].join('\n');
  return { page: 2, raster: null, preprocess: null, classification: null, text, lines: [], meanConf: 90, tables: [table], timings: {}, errors: [] };
}

const FIELDS = ['weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score'] as const;

function expectPossible(key: (typeof FIELDS)[number], unit: unknown, f: IndicatorField) {
  const v = f.value;
  if (v === null) return;
  if (typeof v === 'object' && 'notApplicable' in v) return;
  const where = `${key} ${JSON.stringify(v)} from "${f.raw}" (unit ${String(unit)})`;
  if (key === 'weight' || key === 'score' || key === 'rate') {
    expect(typeof v, where).toBe('number');
    expect(v as number, where).toBeGreaterThanOrEqual(0);
    expect(v as number, where).toBeLessThanOrEqual(key === 'rate' ? 500 : 50);
    return;
  }
  if (typeof v === 'number') {
    expect(v, where).toBeGreaterThanOrEqual(0);
    expect(v, where).toBeLessThanOrEqual(unit === 'percent' ? 100 : 999);
    if (unit === 'count' || unit === 'date') expect(Number.isInteger(v), where).toBe(true);
    return;
  }
  if (typeof v === 'string') {
    expect(inPlanYear(v), where).toBe(true);
    return;
  }
  expect('count' in v && 'date' in v, where).toBe(true);
  const cd = v as { count: number; date: string };
  expect(Number.isInteger(cd.count) && cd.count >= 0 && cd.count <= 999, where).toBe(true);
  expect(inPlanYear(cd.date), where).toBe(true);
}

describe('no export ever holds an impossible value (fast-check, through the document stages, the database and the export)', () => {
  const db = openDb(':memory:');
  const run = startRun(db, 'test', {});
  let n = 0;

  it('random cell texts and letter dates: every exported value is a possible one, impossible ones keep their text', () => {
    const row = fc.record({ unit: unitText, values: fc.array(cellText, { minLength: 8, maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: CODES.length }), fc.boolean(), numericDate, (rows, weights, letterDate) => {
        const sha = `prop${n++}`;
        const res = finishSubmission(`p/${sha}.pdf`, sha, 1, [letterPage(letterDate), annexPage(rows, weights)], new Date().toISOString());
        const id = storeSubmission(db, res, run);
        const exp = exportSubmission(db, id);
        expect(exp.fiscalYear).toBe('2022-23');
        if (exp.submissionDate !== null) {
          // Q4 of 2022-23 starts on 2023-04-01; a year after it ends is 2024-06-30
          expect(realDay(exp.submissionDate) && exp.submissionDate >= '2023-04-01' && exp.submissionDate <= '2024-06-30', exp.submissionDate).toBe(true);
        }
        const recs = exp.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators));
        expect(recs.length).toBe(rows.length);
        for (const rec of recs) {
          for (const k of FIELDS) {
            expectPossible(k, rec.unit.value, rec[k]);
            // what was printed is never lost: a value taken out keeps its text and says why
            if (rec[k].printed && rec[k].value === null && (rec[k].raw ?? '').trim() !== '' && rec.flags.some((f) => f.rule === 'impossible-value' && f.field === k)) {
              expect(rec[k].raw).not.toBe('');
              expect(rec[k].confidence ?? 0).toBeLessThanOrEqual(0.1);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a reviewer typing any text into any field still exports only possible values', () => {
    const res = finishSubmission('p/corr.pdf', 'corr', 1, [letterPage('২৬/০৬/২০২৩'), annexPage([{ unit: 'সংখ্যা', values: ['৪', '১', '১', '১', '১', '৪', '-', '-'] }, { unit: 'তারিখ', values: ['১৬/০৩/২০২৩', '-', '-', '১৬/০৩/২০২৩', '-', '১৬/০৩/২০২৩', '-', '-'] }], false)], new Date().toISOString());
    const id = storeSubmission(db, res, run);
    const recs = submissionIndicators(db, id)!;
    expect(recs.length).toBe(2);
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.constantFrom('target', 'q1', 'q2', 'q3', 'q4', 'total'), cellText, (i, field, typed) => {
        applyCorrection(db, id, { target: 'indicator', indicatorId: recs[i]!.id, field, raw: typed || '-' }, { name: 'prop', userId: null, via: 'local' });
        const exp = exportSubmission(db, id);
        for (const rec of exp.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators))) for (const k of FIELDS) expectPossible(k, rec.unit.value, rec[k]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('plausibleField / plausibleRecord', () => {
  const window = tableDateWindow('2022-23');
  const field = (raw: string, value: IndicatorField['value']): IndicatorField => ({ raw, value, confidence: 0.9, bbox: null, printed: true });

  it('takes out a date of another era, a date outside the plan year, a percent over 100 and unread text, keeping the text', () => {
    const far = plausibleField('q2', field('২২/০৫/২০৮৭', '2087-05-22'), 'date', window);
    expect(far.field).toMatchObject({ raw: '২২/০৫/২০৮৭', value: null, confidence: 0.1 });
    expect(far.flag?.message).toMatch(/outside fiscal year 2022-23/);
    expect(plausibleField('total', field('৭৫০০%', 7500), 'percent', window).field.value).toBeNull();
    expect(plausibleField('q1', field('১৬/৫৩/২৩৬৩', '১৬/৫৩/২৩৬৩'), 'date', window).flag?.message).toMatch(/not a date/);
    expect(plausibleField('q1', field('১টি ১২/০৯/২০৩৫', { count: 1, date: '2035-09-12' }), 'count', window).field.value).toBeNull();
    expect(plausibleField('q1', field('১.৫', 1.5), 'count', window).flag?.message).toMatch(/not a whole count/);
  });

  it('keeps what is possible: a date just after the year ends, over-achievement, a blank, not applicable', () => {
    expect(plausibleField('total', field('১৫/০৭/২০২৩', '2023-07-15'), 'date', window).flag).toBeNull();
    expect(plausibleField('rate', field('১২০%', 120), 'count', window).flag).toBeNull();
    expect(plausibleField('q3', field('', null), 'count', window).flag).toBeNull();
    expect(plausibleField('q3', field('প্রযোজ্য নয়', { notApplicable: true }), 'count', window).flag).toBeNull();
    expect(plausibleField('remarks', field('যেকোনো লেখা', 'যেকোনো লেখা'), null, window).flag).toBeNull();
    expect(valueProblem('score', 7.5, 'date', window)).toBeNull();
  });

  it('flags a record once, however often it passes the check', () => {
    const f = (raw: string, value: IndicatorField['value']) => field(raw, value);
    const none: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };
    const rec = {
      page: 2, tableIndex: 0, row: 1, activityCode: '1.1', activity: null, indicatorCode: '1.1.1', indicator: null,
      unit: f('তারিখ', 'date'), weight: none, target: f('১৬/০৩/২০৯৩', '2093-03-16'), q1: none, q2: none, q3: none, q4: none,
      total: f('১', 1), rate: none, score: none, remarks: none, flags: [] as ValidationFlag[],
    };
    const once = plausibleRecord(rec, { fiscalYear: '2022-23' });
    const twice = plausibleRecord(once, { fiscalYear: '2022-23' });
    expect(once.target.value).toBeNull();
    expect(twice.flags.filter((x) => x.rule === 'impossible-value')).toHaveLength(1);
    expect(plausibleRecord(rec, { fiscalYear: null }).target.value).toBeNull(); // 2093 is outside the documents' era too
  });
});
