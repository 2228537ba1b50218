/**
 * Annex 5 (সংযোজনী ৫) indicator tables in the four layouts of the seeds:
 *  A — 2022-23 without weight: ক্র.নং, কার্যক্রম, কর্মসম্পাদন সূচক, একক, বার্ষিক লক্ষ্যমাত্রা, ১ম..৪র্থ ত্রৈমাসিক, মোট অর্জন;
 *  B — with weight (মান) and % achieved (অর্জনের শতাংশ), a numbered column row;
 *  C — 2023-24 self-assessment: merged "প্রকৃত অর্জন" over the quarters, rate and score, numbered row;
 *  D — 2024-25: merged "কোয়ার্টার ভিত্তিক অর্জন" with quarter months, score and remarks, numbered row ১…১৩.
 * The activity and serial cells span the activity's indicator rows. A long table is cut between activities.
 */
import { addDays, bn, compareYmd, fyLabel, fyStart, monthName, ORDINALS, quarterRange, type DateStyle, type Ymd } from './bangla.js';
import { CATALOGUE, type ActivityDef, type FiscalYear, type IndicatorDef } from './catalogue.js';
import type { AnnexFormat, CellSpec, FieldKey, IndicatorTruth, TableSpec } from './model.js';
import type { OfficeLevel } from './offices.js';
import type { Rng } from './prng.js';
import { BLANK, countOf, DASH, field, NA, NOT_PRINTED, type Val } from './values.js';

export type Quarter = 1 | 2 | 3 | 4 | 'H1';

/** How one office types its numbers: fixed for a whole submission. */
export interface AnnexStyle {
  sl: 'pad' | 'padDanda' | 'padDot' | 'plain';
  countSuffix: boolean;
  pad: boolean;
  date: DateStyle;
  /** what a quarter with nothing achieved shows */
  none: 'dash' | 'zero';
  /** what quarters after the reporting quarter show */
  future: 'blank' | 'dash';
  scoreLabel: 'অর্জিত স্কোর' | 'প্রাপ্ত নম্বর';
  numberedRow: boolean;
}

export function drawAnnexStyle(rng: Rng, date: DateStyle): AnnexStyle {
  return {
    sl: rng.pick(['pad', 'padDanda', 'padDot', 'plain'] as const),
    countSuffix: rng.chance(0.35),
    pad: rng.chance(0.3),
    date,
    none: rng.chance(0.6) ? 'dash' : 'zero',
    future: rng.chance(0.6) ? 'blank' : 'dash',
    scoreLabel: rng.chance(0.5) ? 'অর্জিত স্কোর' : 'প্রাপ্ত নম্বর',
    numberedRow: rng.chance(0.5),
  };
}

interface Column {
  key: string;
  head: string;
  width: number;
  /** the column sits under a merged group header */
  group?: string;
}

function quarterCount(q: Quarter): number {
  return q === 'H1' ? 2 : q;
}

/** Quarter columns a format prints: all four, except a half-yearly B/C report prints the first two. */
function printedQuarters(format: AnnexFormat, q: Quarter): number {
  return q === 'H1' && (format === 'B' || format === 'C') ? 2 : 4;
}

function columns(format: AnnexFormat, fy: FiscalYear, q: Quarter, style: AnnexStyle): Column[] {
  const nq = printedQuarters(format, q);
  const base: Column[] = [
    { key: 'sl', head: format === 'C' ? 'ক্রমিক নং' : 'ক্র.নং', width: 4.6 },
    { key: 'activity', head: 'কার্যক্রম', width: 15 },
    { key: 'indicator', head: 'কর্মসম্পাদন সূচক', width: 19 },
    { key: 'unit', head: 'একক', width: 5.6 },
  ];
  const qs = (head: (i: number) => string, group?: string): Column[] =>
    Array.from({ length: nq }, (_, i) => ({ key: `q${i + 1}`, head: head(i), width: 7.4, ...(group ? { group } : {}) }));
  const weight: Column = { key: 'weight', head: 'কর্মসম্পাদন সূচকের মান', width: 6.6 };
  switch (format) {
    case 'A':
      return [...base, { key: 'target', head: 'বার্ষিক লক্ষ্যমাত্রা', width: 8.5 }, ...qs((i) => `${ORDINALS[i]} ত্রৈমাসিক`), { key: 'total', head: 'মোট অর্জন', width: 7.5 }];
    case 'B':
      return [...base, weight, { key: 'target', head: 'লক্ষ্যমাত্রা', width: 8.5 }, ...qs((i) => `${ORDINALS[i]} ত্রৈমাসিক অর্জন`), { key: 'total', head: 'প্রকৃত অর্জন', width: 7.5 }, { key: 'rate', head: 'অর্জনের শতাংশ', width: 7 }];
    case 'C':
      return [
        ...base,
        weight,
        { key: 'target', head: `বার্ষিক লক্ষ্যমাত্রা ${fyLabel(fy, false)}`, width: 8.5 },
        ...qs((i) => `${ORDINALS[i]} কোয়ার্টার`, 'প্রকৃত অর্জন'),
        { key: 'total', head: 'মোট অর্জন', width: 7.5 },
        { key: 'rate', head: 'মোট অর্জনের হার', width: 7 },
        { key: 'score', head: style.scoreLabel, width: 6.5 },
      ];
    case 'D': {
      const months = bn(String(quarterCount(q) * 3).padStart(2, '0'));
      return [
        ...base,
        weight,
        { key: 'target', head: 'বার্ষিক লক্ষ্যমাত্রা', width: 8.5 },
        ...qs((i) => {
          const r = quarterRange(fy, i + 1);
          return `${ORDINALS[i]} কোয়ার্টার\n${monthName(r.from.m)}-${monthName(r.to.m)}/${bn(r.to.y)}`;
        }, 'কোয়ার্টার ভিত্তিক অর্জন'),
        { key: 'total', head: `${months} মাসের মোট অর্জন`, width: 7.5 },
        { key: 'score', head: 'অর্জিত মান', width: 6.5 },
        { key: 'remarks', head: 'মন্তব্য', width: 7 },
      ];
    }
  }
}

/** One indicator's printed values, keyed by column. */
type RowValues = Partial<Record<FieldKey, Val>>;

function randomDateIn(rng: Rng, from: Ymd, to: Ymd): Ymd {
  const span = Math.round((Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / 86_400_000);
  return addDays(from, rng.int(0, Math.max(0, span)));
}

function indicatorValues(rng: Rng, def: IndicatorDef, fy: FiscalYear, q: Quarter, format: AnnexFormat, level: OfficeLevel, style: AnnexStyle): RowValues {
  const nq = quarterCount(q);
  const printed = printedQuarters(format, q);
  const start = fyStart(fy);
  const int = (n: number): Val => ({ k: 'int', n, pad: style.pad, suffix: style.countSuffix });
  const none: Val = style.none === 'dash' ? DASH : int(0);
  const future = style.future === 'dash' ? DASH : BLANK;
  const v: RowValues = {};
  const quarters: Val[] = [];

  if (format === 'D' && def.notApplicableFor?.includes(level)) {
    v.target = int(rng.pick(def.targets ?? [4]));
    for (let i = 0; i < printed; i++) quarters.push(i < nq ? DASH : future);
    Object.assign(v, { total: DASH, score: DASH, remarks: NA });
  } else if (def.unit === 'date') {
    const target = randomDateIn(rng, addDays(start, 60), addDays(start, 330));
    v.target = { k: 'date', d: target, style: style.date };
    const achieved = rng.chance(0.75) ? randomDateIn(rng, addDays(target, -75), addDays(target, 10)) : null;
    let got: Val = DASH;
    for (let i = 0; i < printed; i++) {
      const r = quarterRange(fy, i + 1);
      if (i >= nq) {
        quarters.push(future);
        continue;
      }
      if (achieved && compareYmd(achieved, r.from) >= 0 && compareYmd(achieved, r.to) <= 0) {
        got = rng.chance(0.3) ? { k: 'countDate', n: 1, d: achieved, style: style.date } : { k: 'date', d: achieved, style: style.date };
        quarters.push(got);
      } else quarters.push(none);
    }
    const total: Val = got.k === 'countDate' ? { k: 'date', d: got.d, style: style.date } : got;
    v.total = total;
    v.rate = total.k === 'date' ? { k: 'pct', n: 100 } : DASH;
    v.score = total.k === 'date' ? { k: 'dec', x: def.weight } : DASH;
  } else if (def.unit === 'percent') {
    const target = rng.pick([70, 75, 80, 80, 90, 100]);
    v.target = { k: 'pct', n: target };
    const got: number[] = [];
    for (let i = 0; i < printed; i++) {
      if (i >= nq) {
        quarters.push(future);
        continue;
      }
      const n = rng.int(9, 20) * 5;
      got.push(n);
      quarters.push({ k: 'pct', n });
    }
    const mean = Math.round(got.reduce((a, b) => a + b, 0) / got.length);
    v.total = { k: 'pct', n: mean };
    const rate = Math.min(100, Math.round((mean / target) * 100));
    v.rate = { k: 'pct', n: rate };
    v.score = { k: 'dec', x: (def.weight * rate) / 100 };
  } else {
    const target = rng.pick(def.targets ?? [4]);
    v.target = int(target);
    let sum = 0;
    for (let i = 0; i < printed; i++) {
      if (i >= nq) {
        quarters.push(future);
        continue;
      }
      const n = rng.chance(target >= 4 ? 0.8 : 0.5) ? rng.int(1, target >= 8 ? 3 : 1) : 0;
      sum += n;
      if (n === 0) quarters.push(none);
      else if (def.dated && n === 1 && rng.chance(0.45)) {
        const r = quarterRange(fy, i + 1);
        quarters.push({ k: 'countDate', n: 1, d: randomDateIn(rng, r.from, addDays(r.to, -3)), style: style.date });
      } else quarters.push(int(n));
    }
    v.total = sum > 0 ? int(sum) : none;
    const rate = Math.min(100, Math.round((sum / target) * 100));
    v.rate = sum > 0 ? { k: 'pct', n: rate } : DASH;
    v.score = sum > 0 ? { k: 'dec', x: (def.weight * rate) / 100 } : DASH;
  }
  quarters.forEach((val, i) => (v[`q${i + 1}` as FieldKey] = val));
  if (format === 'D' && !v.remarks) v.remarks = BLANK;
  return v;
}

function slText(i: number, style: AnnexStyle): string {
  const n = bn(String(i + 1).padStart(2, '0'));
  return style.sl === 'pad' ? n : style.sl === 'padDanda' ? `${n}।` : style.sl === 'padDot' ? `${n}.` : bn(i + 1);
}

const code = (c: string) => `[${bn(c)}]`;

export interface AnnexRow {
  activity: ActivityDef;
  def: IndicatorDef;
  values: RowValues;
}

/** The whole indicator table of a submission, before it is cut into pages. */
export interface AnnexData {
  fy: FiscalYear;
  format: AnnexFormat;
  quarter: Quarter;
  style: AnnexStyle;
  columns: Column[];
  groups: AnnexRow[][];
  /** weight and score sums for the মোট row (C and D) */
  totals: { weight: number; score: number } | null;
}

export function annexData(rng: Rng, fy: FiscalYear, format: AnnexFormat, quarter: Quarter, level: OfficeLevel, style: AnnexStyle): AnnexData {
  const groups = CATALOGUE[fy].map((activity) => activity.indicators.map((def) => ({ activity, def, values: indicatorValues(rng.fork(def.code), def, fy, quarter, format, level, style) })));
  let totals: AnnexData['totals'] = null;
  if (format === 'C' || format === 'D') {
    const rows = groups.flat();
    const weight = rows.reduce((a, r) => a + r.def.weight, 0);
    const score = rows.reduce((a, r) => a + (r.values.score?.k === 'dec' ? Number(r.values.score.x.toFixed(2)) : 0), 0);
    totals = { weight, score };
  }
  return { fy, format, quarter, style, columns: columns(format, fy, quarter, style), groups, totals };
}

/** Table for one page: header (unless a continuation without repeated header), groups [from, to), total row at the end. */
export function annexTable(data: AnnexData, from: number, to: number, opts: { header: boolean; fontSize: number }): TableSpec {
  const cols = data.columns;
  const cells: CellSpec[] = [];
  const hasGroup = cols.some((c) => c.group);
  const numbered = data.format !== 'A' || data.style.numberedRow;
  let r = 0;
  if (opts.header) {
    const span = hasGroup ? 2 : 1;
    for (let ci = 0; ci < cols.length; ci++) {
      const col = cols[ci]!;
      if (col.group) {
        if (cols[ci - 1]?.group !== col.group) {
          const n = cols.filter((c) => c.group === col.group).length;
          cells.push({ r: 0, c: ci, colspan: n, text: col.group, header: true });
        }
        cells.push({ r: 1, c: ci, text: col.head, header: true });
      } else cells.push({ r: 0, c: ci, rowspan: span, text: col.head, header: true });
    }
    r = span;
    if (numbered) {
      cols.forEach((_, ci) => cells.push({ r, c: ci, text: bn(ci + 1), header: true }));
      r++;
    }
  }
  const headerRows = r;
  const indicators: IndicatorTruth[] = [];
  for (let g = from; g < to; g++) {
    const group = data.groups[g]!;
    const first = group[0]!;
    const span = group.length;
    cells.push({ r, c: 0, rowspan: span, text: slText(g, data.style), align: 'center' });
    const activity = `${code(first.activity.code)} ${first.activity.text}`;
    cells.push({ r, c: 1, rowspan: span, text: activity });
    group.forEach((row, k) => {
      const rr = r + k;
      const indicator = `${code(row.def.code)} ${row.def.text}`;
      cells.push({ r: rr, c: 2, text: indicator });
      const unitRaw = row.def.unit === 'date' ? 'তারিখ' : row.def.unit === 'percent' ? '%' : 'সংখ্যা';
      const rec: IndicatorTruth = {
        activityCode: first.activity.code,
        indicatorCode: row.def.code,
        row: rr,
        activity,
        indicator,
        unit: { raw: unitRaw, value: row.def.unit },
        weight: NOT_PRINTED,
        target: NOT_PRINTED,
        q1: NOT_PRINTED,
        q2: NOT_PRINTED,
        q3: NOT_PRINTED,
        q4: NOT_PRINTED,
        total: NOT_PRINTED,
      };
      cols.forEach((col, ci) => {
        if (ci < 3) return;
        let val: Val;
        if (col.key === 'unit') {
          cells.push({ r: rr, c: ci, text: unitRaw, align: 'center' });
          return;
        }
        if (col.key === 'weight') val = { k: 'int', n: row.def.weight, pad: data.style.pad, suffix: false };
        else val = row.values[col.key as FieldKey] ?? BLANK;
        const f = field(val);
        cells.push({ r: rr, c: ci, text: f.raw ?? '', align: 'center' });
        (rec as unknown as Record<string, unknown>)[col.key] = f;
      });
      indicators.push(rec);
    });
    r += span;
  }
  if (to === data.groups.length && data.totals) {
    cells.push({ r, c: 0, colspan: 4, text: 'মোট', align: 'center', bold: true });
    const wi = cols.findIndex((c) => c.key === 'weight');
    const si = cols.findIndex((c) => c.key === 'score');
    cells.push({ r, c: wi, text: bn(data.totals.weight), align: 'center', bold: true });
    cells.push({ r, c: si, text: field({ k: 'dec', x: data.totals.score }).raw ?? '', align: 'center', bold: true });
    r++;
  }
  return {
    role: 'annex5',
    format: data.format,
    columnKeys: cols.map((c) => c.key),
    continuation: from > 0,
    continues: to < data.groups.length,
    nRows: r,
    nCols: cols.length,
    headerRows,
    colWidths: cols.map((c) => c.width),
    cells,
    fontSize: opts.fontSize,
    indicators,
  };
}
