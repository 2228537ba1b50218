/**
 * A synthetic database the size of a national archive, for the query benchmark: by default 500 offices
 * (every upazila of the gazetteer's first districts plus their district offices) × 12 fiscal years × 4
 * quarters × ~41.7 indicators = 1,000,000 indicator records, with validation flags on ~3 % of them and a
 * few thousand human corrections. Rows are written with the same columns and JSON shapes the pipeline
 * stores (db/store.ts), straight through SQL because building a SubmissionResult per row would make the
 * run take minutes. Deterministic: the same options give the same database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Db } from '../../db/open.js';
import { loadGazetteer } from '../../models/gazetteer.js';
import { INDICATOR_VALUE_FIELDS } from '../../models/indicator.js';
import { toBanglaDigits } from '../../pipeline/normalise/index.js';

export interface SyntheticOptions {
  offices?: number;
  /** first fiscal year's start, e.g. 2013 → 2013-14 */
  firstYear?: number;
  years?: number;
  /** indicator records in the whole database; spread evenly over the submissions */
  records?: number;
  /** share of records with validation flags */
  flagRate?: number;
  corrections?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SynthOffice {
  level: 'upazila' | 'district';
  name: string;
  division: string;
  district: string;
  upazila: string | null;
  geocode: string;
}

/** Offices from the gazetteer, district by district: the district office, then its upazila offices. */
export function syntheticOffices(n: number): SynthOffice[] {
  const g = loadGazetteer();
  const divisions = new Map(g.divisions.map((d) => [d.code, d]));
  const out: SynthOffice[] = [];
  for (const d of g.districts) {
    const division = divisions.get(d.parent ?? '')!;
    out.push({ level: 'district', name: `জেলা সমবায় কার্যালয়, ${d.bn}`, division: division.bn, district: d.bn, upazila: null, geocode: `${d.code}00` });
    for (const u of g.upazilas.filter((x) => x.parent === d.code)) {
      out.push({ level: 'upazila', name: `উপজেলা সমবায় কার্যালয়, ${u.bn}, ${d.bn}`, division: division.bn, district: d.bn, upazila: u.bn, geocode: `${d.code}${u.code}` });
    }
    if (out.length >= n) break;
  }
  return out.slice(0, n);
}

const UNITS = ['date', 'percent', 'count'] as const;
const UNIT_RAW = { date: 'তারিখ', percent: '%', count: 'সংখ্যা' } as const;

/** 40+ codes per report: k.1.j for activities 1–10 and indicators 1–5, which covers every catalogued code. */
function codesFor(n: number): string[] {
  const codes: string[] = [];
  for (let j = 1; codes.length < n; j++) for (let k = 1; k <= 10 && codes.length < n; k++) codes.push(`${k}.1.${j}`);
  return codes.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export interface SyntheticSummary {
  submissions: number;
  indicators: number;
  flags: number;
  corrections: number;
  seconds: number;
}

/** Write the synthetic database to `file` (replacing it). */
export function makeSyntheticDb(file: string, opts: SyntheticOptions = {}): SyntheticSummary {
  const t0 = performance.now();
  const nOffices = opts.offices ?? 500;
  const firstYear = opts.firstYear ?? 2013;
  const nYears = opts.years ?? 12;
  const records = opts.records ?? 1_000_000;
  const flagRate = opts.flagRate ?? 0.03;
  const nCorrections = opts.corrections ?? 2000;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const db: Db = openDb(file);
  db.pragma('synchronous = OFF');
  const offices = syntheticOffices(nOffices);
  const nSubs = offices.length * nYears * 4;
  const base = Math.floor(records / nSubs);
  const extra = records - base * nSubs;
  const rand = rng(20240601);

  const runId = Number(db.prepare("INSERT INTO runs (started_at, tool_version, options_json) VALUES ('2026-01-01T00:00:00Z', 'synthetic', '{}')").run().lastInsertRowid);
  const insSub = db.prepare(
    `INSERT INTO submissions (sha256, path, file_name, size, page_count, status, run_id, fiscal_year, quarter, submission_date,
       annex_format, office_level, office_name, division, district, upazila, meta_json, sections_json, started_at, finished_at, timings_json)
     VALUES (?, ?, ?, 100000, 4, 'ok', ?, ?, ?, ?, 'D', ?, ?, ?, ?, ?, ?, '[]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '{}')`,
  );
  const insInd = db.prepare(
    `INSERT INTO indicators (submission_id, page, table_idx, row, seq, indicator_code, activity_code, activity, indicator, fields_json)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insFlag = db.prepare('INSERT INTO flags (submission_id, indicator_id, page, rule, field, message) VALUES (?, ?, ?, ?, ?, ?)');
  let subNo = 0;
  let indicators = 0;
  let flags = 0;
  const correctable: { sha: string; code: string }[] = [];

  const writeOffice = db.transaction((o: SynthOffice) => {
    for (let y = 0; y < nYears; y++) {
      const fy = `${firstYear + y}-${String((firstYear + y + 1) % 100).padStart(2, '0')}`;
      for (let q = 1; q <= 4; q++) {
        const n = base + (subNo < extra ? 1 : 0);
        const sha = `synthetic-${String(subNo).padStart(8, '0')}`;
        const month = [10, 1, 4, 7][q - 1]!;
        const year = firstYear + y + (q === 1 ? 0 : 1);
        const date = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}`;
        const meta = { office: { name: o.name, level: o.level, division: o.division, district: o.district, upazila: o.upazila }, fiscalYear: fy, quarter: q, submissionDate: date, annexFormat: 'D', provenance: {} };
        const sid = Number(
          insSub.run(sha, `archive/${o.geocode}/${fy}-Q${q}.pdf`, `${o.geocode}_${fy}_Q${q}.pdf`, runId, fy, String(q), date, o.level, o.name, o.division, o.district, o.upazila, JSON.stringify(meta)).lastInsertRowid,
        );
        codesFor(n).forEach((code, seq) => {
          const unit = UNITS[seq % 3]!;
          const fields: Record<string, unknown> = {};
          const col = (c: number) => ({ x0: 100 * c, y0: 60 * seq + 200, x1: 100 * c + 100, y1: 60 * seq + 260 });
          const num = (v: number) => ({ raw: toBanglaDigits(String(v)), value: v, confidence: 0.7 + rand() * 0.3, bbox: col(5), printed: true });
          INDICATOR_VALUE_FIELDS.forEach((f, c) => {
            if (f === 'unit') fields[f] = { raw: UNIT_RAW[unit], value: unit, confidence: 0.95, bbox: col(c), printed: true };
            else if (f === 'remarks') fields[f] = { raw: null, value: null, confidence: null, bbox: col(c), printed: true };
            else if (['q1', 'q2', 'q3', 'q4'].includes(f) && Number(f.slice(1)) > q) fields[f] = { raw: '', value: null, confidence: 0.9, bbox: col(c), printed: true };
            else if (unit === 'date' && f !== 'weight' && f !== 'rate' && f !== 'score') fields[f] = { ...num(0), raw: toBanglaDigits(date), value: date, bbox: col(c) };
            else fields[f] = { ...num(unit === 'percent' ? Math.floor(50 + rand() * 50) : Math.floor(rand() * 5)), bbox: col(c) };
          });
          const iid = Number(
            insInd.run(sid, 2 + Math.floor(seq / 20), seq + 1, seq, code, code.split('.').slice(0, 2).join('.'), `[${toBanglaDigits(code.split('.').slice(0, 2).join('.'))}] কার্যক্রম`, `[${toBanglaDigits(code)}] সূচক`, JSON.stringify(fields)).lastInsertRowid,
          );
          indicators++;
          if (rand() < flagRate) {
            insFlag.run(sid, iid, 2 + Math.floor(seq / 20), 'count-total', 'total', 'total ≠ sum of quarters');
            flags++;
            if (rand() < 0.5) {
              insFlag.run(sid, iid, 2 + Math.floor(seq / 20), 'low-confidence', 'q1', 'confidence 0.4 < 0.6');
              flags++;
            }
            if (correctable.length < nCorrections) correctable.push({ sha, code });
          }
        });
        subNo++;
      }
    }
  });
  offices.forEach((o, i) => {
    writeOffice(o);
    opts.onProgress?.(i + 1, offices.length);
  });

  const insCorr = db.prepare(
    `INSERT INTO corrections (sha256, target, indicator_code, occurrence, field, old_raw, old_value_json, new_raw, new_value_json, who, at, reason)
     VALUES (?, 'indicator', ?, 1, 'total', NULL, NULL, ?, ?, 'bench', '2026-02-01T00:00:00Z', 'synthetic')`,
  );
  db.transaction(() => {
    correctable.forEach((c, i) => insCorr.run(c.sha, c.code, toBanglaDigits(String(i % 5)), JSON.stringify(i % 5)));
  })();
  db.exec('ANALYZE');
  db.close();
  return { submissions: nSubs, indicators, flags, corrections: correctable.length, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The benchmark database at `file`, made first when it is missing (or `rebuild`): the query and dashboard
 * benchmarks share it.
 */
export function ensureSyntheticDb(file: string, opts: { rebuild?: boolean } = {}): void {
  if (!opts.rebuild && fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  process.stderr.write(`making ${file} …\n`);
  const s = makeSyntheticDb(file, { onProgress: (i, n) => i % 25 === 0 && process.stderr.write(`\r  ${i}/${n} offices`) });
  process.stderr.write(`\r${s.submissions} submissions, ${s.indicators} indicator records, ${s.flags} flags, ${s.corrections} corrections in ${s.seconds.toFixed(0)} s\n`);
}
