/**
 * A database for the dashboard tests, built without OCR (test/query/truthDb.ts): the three sample truths plus
 * copies of them filed by other offices and periods, with chosen e-file-notes figures, so the coverage matrix
 * has gaps, the indicator has several offices over two years and an office has district and division peers.
 *
 * efile-notes (target / achievement, %):
 *   Khulna division, Khulna district, 2022-23 Q4: ডুমুরিয়া 80/70 (smp_001 as printed), বটিয়াঘাটা 80/50,
 *     পাইকগাছা 80/90, the district office 80/76; ডুমুরিয়া also 2022-23 Q2 80/60 and 2023-24 Q3 90/78 (code 4.1.1).
 *   Khulna division, Jashore district, 2022-23 Q4: অভয়নগর 80/40, its quarters left disagreeing (flagged).
 *   Sylhet division: শ্রীমঙ্গল 2024-25 Q2 75/70 (smp_002), কমলগঞ্জ 2024-25 Q2 75/60 (code 4.1.2).
 *   Barishal division: the district office 2023-24 Q3 90/78 (smp_003).
 */
import type { Db } from '../../db/open.js';
import type { IndicatorRecord } from '../../models/indicator.js';
import { toBanglaDigits } from '../../pipeline/normalise/index.js';
import { buildTruthDb, loadTruths, type Truth } from '../query/truthDb.js';

type Office = Truth['office'];

const upazila = (upazila: string, district: string, division: string): Office => ({
  name: `উপজেলা সমবায় কার্যালয়, ${upazila}, ${district}`,
  level: 'upazila',
  upazila,
  district,
  division,
});

interface Copy {
  id: string;
  from: 'smp_001' | 'smp_002' | 'smp_003';
  office?: Office;
  fiscalYear?: string;
  quarter?: 1 | 2 | 3 | 4;
  /** efile-notes target and total (percent); the report's latest quarter prints the total too, unless `inconsistent` */
  efile?: [number, number];
  /** leave the quarters as copied, so the total disagrees with them and validation flags it */
  inconsistent?: boolean;
}

export const DUMURIA = upazila('ডুমুরিয়া', 'খুলনা', 'খুলনা');

export const COPIES: Copy[] = [
  { id: 'dash_dumuria_q2', from: 'smp_001', quarter: 2, efile: [80, 60] },
  { id: 'dash_dumuria_2324', from: 'smp_003', office: DUMURIA },
  { id: 'dash_batiaghata', from: 'smp_001', office: upazila('বটিয়াঘাটা', 'খুলনা', 'খুলনা'), efile: [80, 50] },
  { id: 'dash_paikgachha', from: 'smp_001', office: upazila('পাইকগাছা', 'খুলনা', 'খুলনা'), efile: [80, 90] },
  { id: 'dash_khulna_district', from: 'smp_001', office: { name: 'জেলা সমবায় কার্যালয়, খুলনা', level: 'district', upazila: null, district: 'খুলনা', division: 'খুলনা' }, efile: [80, 76] },
  { id: 'dash_abhaynagar', from: 'smp_001', office: upazila('অভয়নগর', 'যশোর', 'খুলনা'), efile: [80, 40], inconsistent: true },
  { id: 'dash_kamalganj', from: 'smp_002', office: upazila('কমলগঞ্জ', 'মৌলভীবাজার', 'সিলেট'), efile: [75, 60] },
];

/** efile-notes' code in each year (models/catalogue-links.json) */
const EFILE_CODE: Record<string, string> = { '2022-23': '2.1.1', '2023-24': '4.1.1', '2024-25': '4.1.2' };

function setPercent(f: IndicatorRecord['total'], v: number): IndicatorRecord['total'] {
  return { ...f, raw: `${toBanglaDigits(String(v))}%`, value: v };
}

export function dashboardTruths(): Truth[] {
  const base = new Map(loadTruths().map((t) => [t.id, t]));
  const copies = COPIES.map((c): Truth => {
    const t = structuredClone(base.get(c.from)!);
    return { ...t, id: c.id, sourcePdf: `${c.id}.pdf`, office: c.office ?? t.office, fiscalYear: c.fiscalYear ?? t.fiscalYear, quarter: c.quarter ?? t.quarter };
  });
  return [...base.values(), ...copies];
}

/** The copies' e-file figures, planted before validation (so flags follow from them as after OCR). */
export function plantEfile(rec: IndicatorRecord, t: Truth): IndicatorRecord {
  const c = COPIES.find((x) => x.id === t.id);
  if (!c?.efile || rec.indicatorCode !== EFILE_CODE[t.fiscalYear ?? '']) return rec;
  const latest = `q${t.quarter}` as 'q1' | 'q2' | 'q3' | 'q4';
  return {
    ...rec,
    target: setPercent(rec.target, c.efile[0]),
    total: setPercent(rec.total, c.efile[1]),
    ...(c.inconsistent || typeof t.quarter !== 'number' ? {} : { [latest]: setPercent(rec[latest], c.efile[1]) }),
  };
}

/** The dashboard database (a file, for the browser test's server, or ':memory:'). */
export function buildDashboardDb(file = ':memory:') {
  return buildTruthDb(file, { truths: dashboardTruths(), edit: plantEfile });
}

/**
 * Achievement rates straight from the analysis view, for checking the dashboard: one per record of the
 * period in `division`, computed from its current target and total (total ÷ target capped at 100; a date
 * 100 when on or before the target, 0 when nothing was achieved).
 */
export function sqlRates(db: Db, division: string, fiscalYear: string, quarter: string) {
  const rows = db
    .prepare(
      'SELECT office_key, district, indicator_code, unit, target_json, total_json FROM v_indicator_values WHERE division = ? AND fiscal_year = ? AND quarter = ?',
    )
    .all(division, fiscalYear, quarter) as { office_key: string; district: string; indicator_code: string; unit: string; target_json: string | null; total_json: string | null }[];
  const count = (x: unknown): number | null => (typeof x === 'number' ? x : x && typeof x === 'object' && 'count' in x ? (x as { count: number }).count : null);
  return rows.map((r) => {
    const t: unknown = JSON.parse(r.target_json ?? 'null');
    const a: unknown = JSON.parse(r.total_json ?? 'null');
    let rate: number | null;
    if (a == null) rate = 0;
    else if (r.unit === 'date') rate = typeof t === 'string' && typeof a === 'string' ? (a <= t ? 100 : null) : null;
    else rate = count(t) && count(a) != null ? Math.min(100, (count(a)! / count(t)!) * 100) : null;
    return { officeKey: r.office_key, district: r.district, code: r.indicator_code, rate: rate == null ? null : Math.round(rate * 10) / 10 };
  });
}

/** The median as the dashboard states it: of rates rounded to 0.1, the mean of the middle two for an even count. */
export function median(xs: readonly number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
}
