/**
 * Analyst queries over the views of migration 003 (current_submissions, v_indicator_values, v_flags, v_submission_flags). Every value
 * returned is the CURRENT one — the latest human correction of that field if there is one, else what OCR
 * read — and says which (`corrected`). Filters take office keys (current_submissions.office_key); turning names
 * typed in Bangla or English into keys is src/query/resolve.ts's job.
 */
import { z } from 'zod';
import type { Db } from './open.js';
import { BoxSchema, type Box } from '../models/geometry.js';
import { CellValueSchema, type CellValue } from '../models/value.js';
import { INDICATOR_VALUE_FIELDS, type IndicatorValueField } from '../models/indicator.js';

// ------------------------------------------------------------------------------------------------ offices

/** An office as the database knows it: one place (or, when the place is unknown, one printed name). */
export interface OfficeRef {
  key: string;
  /** the printed name most of its submissions carry */
  name: string | null;
  level: string | null;
  division: string | null;
  district: string | null;
  upazila: string | null;
  submissions: number;
}

const OfficeGroupRow = z.object({
  office_key: z.string(),
  office_name: z.string().nullable(),
  office_level: z.string().nullable(),
  division: z.string().nullable(),
  district: z.string().nullable(),
  upazila: z.string().nullable(),
  n: z.number(),
});

/** Every office with at least one stored submission, ordered by division, district, level, upazila. */
export function listOffices(db: Db): OfficeRef[] {
  const rows = z.array(OfficeGroupRow).parse(
    db
      .prepare(
        `SELECT office_key, office_name, office_level, division, district, upazila, COUNT(*) AS n
           FROM current_submissions GROUP BY 1, 2, 3, 4, 5, 6`,
      )
      .all(),
  );
  const byKey = new Map<string, { ref: OfficeRef; bestNameCount: number }>();
  for (const r of rows) {
    const seen = byKey.get(r.office_key);
    if (!seen) {
      byKey.set(r.office_key, {
        ref: { key: r.office_key, name: r.office_name, level: r.office_level, division: r.division, district: r.district, upazila: r.upazila, submissions: r.n },
        bestNameCount: r.n,
      });
      continue;
    }
    seen.ref.submissions += r.n;
    if (r.n > seen.bestNameCount) {
      seen.ref.name = r.office_name;
      seen.bestNameCount = r.n;
    }
  }
  const levelRank = (l: string | null): number => (l === 'division' ? 0 : l === 'district' ? 1 : l === 'upazila' ? 2 : 3);
  return [...byKey.values()]
    .map((v) => v.ref)
    .sort(
      (a, b) =>
        cmp(a.division, b.division) || cmp(a.district, b.district) || levelRank(a.level) - levelRank(b.level) || cmp(a.upazila, b.upazila) || cmp(a.name, b.name),
    );
}

/** The periods an office has stored reports for (current metadata; those without a year or quarter left out), oldest first. */
export function reportPeriods(db: Db, officeKey: string): CoveragePeriod[] {
  const rows = db
    .prepare('SELECT DISTINCT fiscal_year AS fiscalYear, quarter FROM current_submissions WHERE office_key = ? AND fiscal_year IS NOT NULL AND quarter IS NOT NULL')
    .all(officeKey) as CoveragePeriod[];
  return rows.sort((a, b) => cmp(a.fiscalYear, b.fiscalYear) || rank(a.quarter) - rank(b.quarter));
}

/** The fiscal years of the stored submissions (current metadata), oldest first. */
export function listFiscalYears(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT fiscal_year AS fy FROM current_submissions WHERE fiscal_year IS NOT NULL ORDER BY 1').all() as { fy: string }[]).map((r) => r.fy);
}

const collator = new Intl.Collator('bn');

/** Bangla collation, unknown last. */
function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return collator.compare(a, b);
}

/** Short place label: "ডুমুরিয়া, খুলনা" for an upazila office, "বরিশাল" for a district office. */
export function officeLabel(o: Pick<OfficeRef, 'name' | 'level' | 'division' | 'district' | 'upazila'>): string {
  if (o.level === 'upazila' && o.upazila) return o.district ? `${o.upazila}, ${o.district}` : o.upazila;
  if (o.level === 'district' && o.district) return o.district;
  if (o.level === 'division' && o.division) return o.division;
  return o.name ?? o.upazila ?? o.district ?? o.division ?? '?';
}

// ------------------------------------------------------------------------------------------------ filters

export interface ScopeFilter {
  /** office keys; absent = every office */
  officeKeys?: readonly string[];
  /** "2022-23"…; absent = every year */
  fiscalYears?: readonly string[];
  /** report periods "1"–"4", "H1", "annual"; absent = every period */
  quarters?: readonly string[];
}

function scopeSql(f: ScopeFilter, alias: string): { where: string[]; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (f.officeKeys) {
    where.push(`${alias}.office_key IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.officeKeys));
  }
  if (f.fiscalYears) {
    where.push(`${alias}.fiscal_year IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.fiscalYears));
  }
  if (f.quarters) {
    where.push(`${alias}.quarter IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(f.quarters));
  }
  return { where, params };
}

const isScoped = (f: ScopeFilter): boolean => f.officeKeys != null || f.fiscalYears != null || f.quarters != null;

/** Ids (and fiscal years) of the submissions a filter admits. */
function scopedSubmissions(db: Db, f: ScopeFilter): { id: number; fiscalYear: string | null }[] {
  const scope = scopeSql(f, 'v');
  return db
    .prepare(`SELECT submission_id AS id, fiscal_year AS fiscalYear FROM current_submissions v ${scope.where.length ? `WHERE ${scope.where.join(' AND ')}` : ''}`)
    .all(...scope.params) as { id: number; fiscalYear: string | null }[];
}

/** What every result row carries about its submission. */
interface SubmissionMeta {
  id: number;
  file: string;
  path: string;
  officeKey: string;
  officeName: string | null;
  level: string | null;
  division: string | null;
  district: string | null;
  upazila: string | null;
  fiscalYear: string | null;
  quarter: string | null;
  submissionDate: string | null;
}

/** current_submissions columns, as SQLite returns them (a trusted, typed table: not re-validated per row) */
const MetaRow = z.object({
  submission_id: z.number(),
  file: z.string(),
  path: z.string(),
  office_key: z.string(),
  office_name: z.string().nullable(),
  office_level: z.string().nullable(),
  division: z.string().nullable(),
  district: z.string().nullable(),
  upazila: z.string().nullable(),
  fiscal_year: z.string().nullable(),
  quarter: z.string().nullable(),
  submission_date: z.string().nullable(),
});

function submissionMeta(db: Db, ids: Iterable<number>): Map<number, SubmissionMeta> {
  const rows = db
    .prepare(
      `SELECT submission_id, file, path, office_key, office_name, office_level, division, district, upazila, fiscal_year, quarter, submission_date
         FROM current_submissions WHERE submission_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify([...new Set(ids)])) as z.infer<typeof MetaRow>[];
  return new Map(
    rows.map((r) => [
      r.submission_id,
      {
        id: r.submission_id,
        file: r.file,
        path: r.path,
        officeKey: r.office_key,
        officeName: r.office_name,
        level: r.office_level,
        division: r.division,
        district: r.district,
        upazila: r.upazila,
        fiscalYear: r.fiscal_year,
        quarter: r.quarter,
        submissionDate: r.submission_date,
      },
    ]),
  );
}

/** Position of each submission in result order: compared once per submission, not once per row. */
function submissionOrder(meta: Map<number, SubmissionMeta>): Map<number, number> {
  const sorted = [...meta.values()].sort(compareMeta);
  return new Map(sorted.map((m, k) => [m.id, k]));
}

const LEVEL_RANK: Record<string, number> = { division: 0, district: 1, upazila: 2 };

/** Result order: by place (division, district, the district's own office before its upazilas), then period and file. */
function compareMeta(a: SubmissionMeta, b: SubmissionMeta): number {
  return (
    cmp(a.division, b.division) ||
    cmp(a.district, b.district) ||
    (LEVEL_RANK[a.level ?? ''] ?? 3) - (LEVEL_RANK[b.level ?? ''] ?? 3) ||
    cmp(a.upazila, b.upazila) ||
    cmp(a.officeKey, b.officeKey) ||
    cmp(a.fiscalYear, b.fiscalYear) ||
    rank(a.quarter ?? '') - rank(b.quarter ?? '') ||
    cmp(a.file, b.file)
  );
}

// ----------------------------------------------------------------------------------------------- coverage

/** submitted: a report is stored and has no open flag; flagged: stored with open flags; missing: none stored. */
export type CoverageState = 'submitted' | 'flagged' | 'missing';

export interface CoveragePeriod {
  fiscalYear: string;
  /** "1"–"4", or "H1"/"annual" when such reports exist */
  quarter: string;
}

export interface CoverageCell extends CoveragePeriod {
  officeKey: string;
  state: CoverageState;
  submissions: number;
  openFlags: number;
  files: string[];
  /** with `{ reports: true }`: each stored report of the cell, in the order of `files` */
  reports?: CoverageReport[];
}

/** One stored report behind a coverage cell: what a link to the review view and its hover need. */
export interface CoverageReport {
  submissionId: number;
  file: string;
  openFlags: number;
  /** a person corrected its metadata (office, period, date) */
  metaCorrected: boolean;
  reviewed: boolean;
}

export interface Coverage {
  offices: OfficeRef[];
  periods: CoveragePeriod[];
  /** offices × periods, office-major, in the order of `offices` and `periods` */
  cells: CoverageCell[];
  summary: { expected: number; submitted: number; flagged: number; missing: number };
  /** stored submissions whose fiscal year or quarter is unknown (they cannot be placed in the matrix) */
  unplaced: { file: string; officeKey: string; fiscalYear: string | null; quarter: string | null }[];
}

const CoverageCellsRow = z.object({ office_key: z.string(), cells: z.string() });
type CellTuple = [string | null, string | null, number, number, string, string?];

/**
 * A cell's reports from "id,openFlags,metaCorrected,reviewed" items (space-separated) and its file names
 * (newline-separated), both aggregated over the same rows in the same order; sorted as `files` is.
 */
function coverageReports(items: string, files: string): CoverageReport[] {
  const names = files.split('\n');
  return items
    .split(' ')
    .map((item, k) => {
      const [id, open, meta, reviewed] = item.split(',').map(Number);
      return { submissionId: id!, file: names[k]!, openFlags: open!, metaCorrected: meta === 1, reviewed: reviewed === 1 };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.submissionId - b.submissionId));
}

const QUARTER_ORDER = ['1', '2', '3', '4', 'H1', 'annual'];
const QUARTERS = ['1', '2', '3', '4'];

/**
 * Office × fiscal year × quarter. Expected reports are every quarter of every fiscal year in scope (the
 * years asked for, else those any office reported) for every office in scope; H1 and annual columns are
 * added only for years where such a report was stored, and nobody is "missing" those. `reports: true` adds
 * each cell's stored reports (submission id, open flags, corrected metadata), for links to the review view.
 */
export function coverage(db: Db, filter: ScopeFilter = {}, opts: { reports?: boolean; offices?: readonly OfficeRef[] } = {}): Coverage {
  // `offices`: listOffices(db) when the caller has just read it (to resolve names), so it is not read twice
  const officeAll = [...(opts.offices ?? listOffices(db))];
  const offices = filter.officeKeys ? officeAll.filter((o) => filter.officeKeys!.includes(o.key)) : officeAll;
  const scope = scopeSql({ officeKeys: filter.officeKeys }, 's');
  // one row per office with its cells as JSON: 500 rows cross into JavaScript instead of 24,000
  // a report's open flags as v_submission_flags counts them
  const open = 'CASE WHEN s.reviewed_at IS NULL THEN s.flags - COALESCE(c.n, 0) ELSE 0 END';
  const rows = (
    db
      .prepare(
        `WITH cell AS (
           SELECT s.office_key, s.fiscal_year, s.quarter, COUNT(*) AS n,
                  SUM(${open}) AS open_flags,
                  group_concat(s.file, char(10)) AS files
                  ${opts.reports ? `, group_concat(s.submission_id || ',' || (${open}) || ',' || s.meta_corrected || ',' || (s.reviewed_at IS NOT NULL), ' ') AS reports` : ''}
             FROM current_submissions s LEFT JOIN v_closed_flags c ON c.submission_id = s.submission_id
            ${scope.where.length ? `WHERE ${scope.where.join(' AND ')}` : ''}
            GROUP BY 1, 2, 3)
         SELECT office_key, json_group_array(json_array(fiscal_year, quarter, n, open_flags, files${opts.reports ? ', reports' : ''})) AS cells
           FROM cell GROUP BY office_key`,
      )
      .all(...scope.params) as z.infer<typeof CoverageCellsRow>[]
  );
  // per office: its stored cells keyed by "year|quarter" (a few dozen), so building the matrix is one lookup a cell
  const byOffice = new Map<string, Map<string, { n: number; open: number; files: string; reports?: CoverageReport[] }>>();
  const unplaced: Coverage['unplaced'] = [];
  const yearsSeen = new Set<string>();
  const extraQuarters = new Map<string, Set<string>>();
  for (const r of rows) {
    const mine = new Map<string, { n: number; open: number; files: string; reports?: CoverageReport[] }>();
    byOffice.set(r.office_key, mine);
    for (const [fy, q, n, open, files, reports] of JSON.parse(r.cells) as CellTuple[]) {
      if (fy == null || q == null) {
        for (const file of files.split('\n')) unplaced.push({ file, officeKey: r.office_key, fiscalYear: fy, quarter: q });
        continue;
      }
      yearsSeen.add(fy);
      if (!QUARTERS.includes(q)) extraQuarters.set(fy, (extraQuarters.get(fy) ?? new Set()).add(q));
      mine.set(`${fy}|${q}`, {
        n,
        open,
        files,
        ...(reports != null ? { reports: coverageReports(reports, files) } : {}),
      });
    }
  }
  const years = filter.fiscalYears ? [...filter.fiscalYears].sort() : [...yearsSeen].sort();
  const periods: CoveragePeriod[] = years.flatMap((fy) =>
    [...QUARTERS, ...[...(extraQuarters.get(fy) ?? [])].sort((a, b) => rank(a) - rank(b))].map((quarter) => ({ fiscalYear: fy, quarter })),
  );
  const periodKeys = periods.map((p) => `${p.fiscalYear}|${p.quarter}`);
  const optional = periods.map((p) => !QUARTERS.includes(p.quarter));
  const cells: CoverageCell[] = [];
  const summary = { expected: 0, submitted: 0, flagged: 0, missing: 0 };
  for (const o of offices) {
    const mine = byOffice.get(o.key);
    for (let k = 0; k < periods.length; k++) {
      const p = periods[k]!;
      const r = mine?.get(periodKeys[k]!);
      const state: CoverageState = !r ? 'missing' : r.open > 0 ? 'flagged' : 'submitted';
      if (!optional[k] || r) {
        summary.expected++;
        summary[state]++;
      }
      cells.push({
        officeKey: o.key,
        fiscalYear: p.fiscalYear,
        quarter: p.quarter,
        state,
        submissions: r ? r.n : 0,
        openFlags: r ? r.open : 0,
        files: !r ? [] : r.n === 1 ? [r.files] : r.files.split('\n').sort(),
        ...(opts.reports ? { reports: r?.reports ?? [] } : {}),
      });
    }
  }
  return { offices, periods, cells, summary, unplaced: filter.officeKeys ? unplaced.filter((u) => filter.officeKeys!.includes(u.officeKey)) : unplaced };
}

/** Sort key of a report period: 1, 2, 3, 4, H1, annual, anything else. */
export function quarterRank(q: string): number {
  return rank(q);
}

function rank(q: string): number {
  const i = QUARTER_ORDER.indexOf(q);
  return i < 0 ? QUARTER_ORDER.length : i;
}

// --------------------------------------------------------------------------------------------- indicators

export interface FieldValue {
  value: CellValue;
  raw: string | null;
  /** 0–1; 1 once a person corrected the value */
  confidence: number | null;
  /** the cell on the page image (OCR provenance; a correction does not move it) */
  bbox: Box | null;
  corrected: boolean;
}

export interface IndicatorRow extends Omit<SubmissionMeta, 'id' | 'path'> {
  indicatorId: number;
  submissionId: number;
  page: number;
  row: number;
  code: string;
  occurrence: number;
  activity: string | null;
  indicator: string | null;
  fields: Partial<Record<IndicatorValueField, FieldValue>>;
  /** names of the fields whose value comes from a correction */
  corrected: IndicatorValueField[];
  flags: number;
  /** with `openFlags: true`: the record's flags still open (v_flags state 'open') */
  openFlags?: OpenFlag[];
}

/** A validation flag still open on a record; `field` null (or not a value field) = the whole record. */
export interface OpenFlag {
  field: string | null;
  rule: string;
  message: string;
}

/** Which indicator records: a code in any year, or (fiscal year, code) pairs such as a catalogue entry's. */
export type IndicatorSelector = { code: string } | { members: readonly { fiscalYear: string; code: string }[] };

export interface IndicatorQuery extends ScopeFilter {
  /** fields to read; default every field */
  fields?: readonly IndicatorValueField[];
  /** also read each record's open flags (IndicatorRow.openFlags) */
  openFlags?: boolean;
}

interface IndicatorDbRow {
  id: number;
  submission_id: number;
  page: number;
  row: number;
  seq: number;
  occurrence: number;
  indicator_code: string;
  activity: string | null;
  indicator: string | null;
  /** JSON array of the requested fields' stored objects, in request order */
  fields: string;
  /** JSON object field → {raw, value, who, at} of current corrections, or null */
  fixes: string | null;
  n_flags: number;
}

// Hot path (24,000 rows × 11 fields): plain checks instead of schema parsing, which costs more than the query.
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (isObj(v)) {
    if (v.notApplicable === true) return { notApplicable: true };
    if (typeof v.count === 'number' && typeof v.date === 'string') return { count: v.count, date: v.date };
    if (typeof v.fiscalYear === 'string') {
      const q = v.quarter;
      return { fiscalYear: v.fiscalYear, quarter: q === 1 || q === 2 || q === 3 || q === 4 || q === 'H1' || q === 'annual' ? q : null };
    }
  }
  // anything else a correction may hold is shown as its JSON text rather than dropped
  return JSON.stringify(v);
}

function asBox(v: unknown): Box | null {
  if (!isObj(v)) return null;
  const { x0, y0, x1, y1 } = v;
  return typeof x0 === 'number' && typeof y0 === 'number' && typeof x1 === 'number' && typeof y1 === 'number' ? { x0, y0, x1, y1 } : null;
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The indicator records of `where`, each field's current value merged exactly as v_indicator_values does:
 * a current correction of the field replaces raw and value and sets confidence 1; the box stays the OCR
 * cell's. Reading the fields once per row as one JSON array (rather than five view columns per field)
 * keeps large answers fast.
 */
function readIndicators(db: Db, where: string, params: unknown[], fields: readonly IndicatorValueField[]): IndicatorDbRow[] {
  const paths = fields.map((f) => `'$.${f}'`).join(', ');
  // json_extract of one path returns that value, of several an array: always ask for an array
  const extract = fields.length === 1 ? `json_array(json_extract(i.fields_json, ${paths}))` : `json_extract(i.fields_json, ${paths})`;
  return db
    .prepare(
      `SELECT i.id, i.submission_id, i.page, i.row, i.seq, i.occurrence, i.indicator_code, i.activity, i.indicator,
              ${extract} AS fields, f.fixes,
              (SELECT COUNT(*) FROM flags fl WHERE fl.indicator_id = i.id) AS n_flags
         FROM indicators i
         JOIN current_submissions s ON s.submission_id = i.submission_id
         LEFT JOIN v_indicator_fixes f ON f.sha256 = s.sha256 AND f.indicator_code = i.indicator_code AND f.occurrence = i.occurrence
        WHERE ${where}`,
    )
    .all(...params) as IndicatorDbRow[];
}

/**
 * The open flags (v_flags state 'open') of these records, by indicator id: one query, entering v_flags by the
 * flags' ids (the flags index on indicator_id), so only the few flagged records are looked at.
 */
function openFlagsOf(db: Db, indicatorIds: readonly number[]): Map<number, OpenFlag[]> {
  const rows = db
    .prepare(
      `SELECT indicator_id, field, rule, message FROM v_flags
        WHERE state = 'open' AND flag_id IN (SELECT id FROM flags WHERE indicator_id IN (SELECT value FROM json_each(?)))
        ORDER BY flag_id`,
    )
    .all(JSON.stringify(indicatorIds)) as { indicator_id: number; field: string | null; rule: string; message: string }[];
  const out = new Map<number, OpenFlag[]>();
  for (const r of rows) {
    let list = out.get(r.indicator_id);
    if (!list) out.set(r.indicator_id, (list = []));
    list.push({ field: r.field, rule: r.rule, message: r.message });
  }
  return out;
}

function toIndicatorRows(db: Db, rows: IndicatorDbRow[], fields: readonly IndicatorValueField[], withFlags = false): IndicatorRow[] {
  const meta = submissionMeta(
    db,
    rows.map((r) => r.submission_id),
  );
  const open = withFlags ? openFlagsOf(db, rows.map((r) => r.id)) : null;
  const out = rows.map((r) => {
    const m = meta.get(r.submission_id)!;
    const stored = JSON.parse(r.fields) as unknown[];
    const fixes = r.fixes ? (JSON.parse(r.fixes) as Record<string, unknown>) : null;
    const row: IndicatorRow = {
      indicatorId: r.id,
      submissionId: r.submission_id,
      file: m.file,
      page: r.page,
      row: r.row,
      officeKey: m.officeKey,
      officeName: m.officeName,
      level: m.level,
      division: m.division,
      district: m.district,
      upazila: m.upazila,
      fiscalYear: m.fiscalYear,
      quarter: m.quarter,
      submissionDate: m.submissionDate,
      code: r.indicator_code,
      occurrence: r.occurrence,
      activity: r.activity,
      indicator: r.indicator,
      fields: {},
      corrected: [],
      flags: r.n_flags,
      ...(open ? { openFlags: open.get(r.id) ?? [] } : {}),
    };
    fields.forEach((f, k) => {
      const s = isObj(stored[k]) ? stored[k] : {};
      const fix = fixes && isObj(fixes[f]) ? fixes[f] : null;
      row.fields[f] = fix
        ? { value: asCellValue(fix.value), raw: asString(fix.raw), confidence: 1, bbox: asBox(s.bbox), corrected: true }
        : { value: asCellValue(s.value), raw: asString(s.raw), confidence: typeof s.confidence === 'number' ? s.confidence : null, bbox: asBox(s.bbox), corrected: false };
      if (fix) row.corrected.push(f);
    });
    return { row, order: 0, seq: r.seq, id: r.submission_id };
  });
  const order = submissionOrder(meta);
  for (const x of out) x.order = order.get(x.id)!;
  out.sort((a, b) => a.order - b.order || a.seq - b.seq);
  return out.map((x) => x.row);
}

/**
 * One row per indicator record matching the selector, with the office, period and provenance of each:
 * "how did these offices do on 4.1.2" is one row per office and reported period.
 */
export function indicatorRows(db: Db, selector: IndicatorSelector, q: IndicatorQuery = {}): IndicatorRow[] {
  const fields = q.fields ?? INDICATOR_VALUE_FIELDS;
  const rows: IndicatorDbRow[] = [];
  if ('code' in selector && !isScoped(q)) {
    rows.push(...readIndicators(db, 'i.indicator_code = ?', [selector.code], fields));
  } else {
    // the submissions in scope first (a few thousand ids at most), then their records through the
    // (submission_id, indicator_code) index: filters on office and year never scan the million records
    const members = 'code' in selector ? null : selector.members;
    const years = members ? [...new Set(members.map((m) => m.fiscalYear))] : null;
    const subs = scopedSubmissions(db, {
      ...q,
      ...(years ? { fiscalYears: q.fiscalYears ? q.fiscalYears.filter((y) => years.includes(y)) : years } : {}),
    });
    const codes = 'code' in selector ? [{ code: selector.code, years: null as string[] | null }] : groupCodes(selector.members);
    // (submission, code) pairs in one statement: each statement materialises the corrections once
    const pairs = codes.flatMap((c) => subs.filter((s) => !c.years || (s.fiscalYear != null && c.years.includes(s.fiscalYear))).map((s) => [s.id, c.code]));
    if (pairs.length) {
      rows.push(...readIndicators(db, '(i.submission_id, i.indicator_code) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))', [JSON.stringify(pairs)], fields));
    }
  }
  return toIndicatorRows(db, rows, fields, q.openFlags);
}

function groupCodes(members: readonly { fiscalYear: string; code: string }[]): { code: string; years: string[] }[] {
  const by = new Map<string, string[]>();
  for (const m of members) by.set(m.code, [...(by.get(m.code) ?? []), m.fiscalYear]);
  return [...by].map(([code, years]) => ({ code, years }));
}

/** Every indicator record of the given offices, all periods (or the years asked for). */
export function officeRows(db: Db, q: IndicatorQuery & { officeKeys: readonly string[] }): IndicatorRow[] {
  const fields = q.fields ?? INDICATOR_VALUE_FIELDS;
  const ids = scopedSubmissions(db, q).map((s) => s.id);
  if (ids.length === 0) return [];
  return toIndicatorRows(db, readIndicators(db, 'i.submission_id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)], fields), fields, q.openFlags);
}

// ------------------------------------------------------------------------------------ achievement figures

/** A record's unit, target and total, current (a correction replaces what OCR read), for rates over many offices. */
export interface AchievementFigures {
  submissionId: number;
  officeKey: string;
  file: string;
  page: number;
  code: string;
  occurrence: number;
  unit: CellValue;
  target: CellValue;
  total: CellValue;
  /** which of the three a person corrected */
  corrected: ('unit' | 'target' | 'total')[];
}

const FIGURES = ['unit', 'target', 'total'] as const;

/**
 * Unit, target and total of every record of the submissions in scope, merged with their corrections as
 * readIndicators merges them. The three values come from migration 006's covering index (the expressions
 * below are the index's), so thousands of records are read without parsing their fields_json.
 */
export function achievementFigures(db: Db, q: ScopeFilter): AchievementFigures[] {
  const ids = scopedSubmissions(db, q).map((s) => s.id);
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT i.submission_id, s.office_key, s.file, i.page, i.indicator_code, i.occurrence,
              i.fields_json -> '$.unit.value' AS unit, i.fields_json -> '$.target.value' AS target, i.fields_json -> '$.total.value' AS total,
              f.fixes
         FROM indicators i
         JOIN current_submissions s ON s.submission_id = i.submission_id
         LEFT JOIN v_indicator_fixes f ON f.sha256 = s.sha256 AND f.indicator_code = i.indicator_code AND f.occurrence = i.occurrence
        WHERE i.submission_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as {
    submission_id: number;
    office_key: string;
    file: string;
    page: number;
    indicator_code: string;
    occurrence: number;
    unit: string | null;
    target: string | null;
    total: string | null;
    fixes: string | null;
  }[];
  return rows.map((r) => {
    const fixes = r.fixes ? (JSON.parse(r.fixes) as Record<string, unknown>) : null;
    const out: AchievementFigures = {
      submissionId: r.submission_id,
      officeKey: r.office_key,
      file: r.file,
      page: r.page,
      code: r.indicator_code,
      occurrence: r.occurrence,
      unit: null,
      target: null,
      total: null,
      corrected: [],
    };
    for (const f of FIGURES) {
      const fix = fixes && isObj(fixes[f]) ? fixes[f] : null;
      out[f] = asCellValue(fix ? fix.value : r[f] == null ? null : JSON.parse(r[f]));
      if (fix) out.corrected.push(f);
    }
    return out;
  });
}

// -------------------------------------------------------------------------------------------------- flags

export type FlagState = 'open' | 'corrected' | 'reviewed';

export interface FlagRow {
  flagId: number;
  rule: string;
  field: string | null;
  message: string;
  state: FlagState;
  file: string;
  path: string;
  page: number | null;
  /** the flagged cell on the page image */
  bbox: Box | null;
  confidence: number | null;
  officeKey: string;
  officeName: string | null;
  level: string | null;
  division: string | null;
  district: string | null;
  upazila: string | null;
  fiscalYear: string | null;
  quarter: string | null;
  code: string | null;
  occurrence: number | null;
  row: number | null;
}

/** v_flags columns as SQLite returns them */
const FlagDbRow = z.object({
  flag_id: z.number(),
  submission_id: z.number(),
  rule: z.string(),
  field: z.string().nullable(),
  message: z.string(),
  state: z.enum(['open', 'corrected', 'reviewed']),
  page: z.number().nullable(),
  bbox: z.string().nullable(),
  confidence: z.number().nullable(),
  indicator_code: z.string().nullable(),
  occurrence: z.number().nullable(),
  row: z.number().nullable(),
});

/** Validation flags in the given states (default: open), ordered by office, period, file, page and table row. */
export function flagRows(db: Db, q: ScopeFilter & { states?: readonly FlagState[] } = {}): FlagRow[] {
  const where = ['f.state IN (SELECT value FROM json_each(?))'];
  const params = [JSON.stringify(q.states ?? ['open'])];
  if (isScoped(q)) {
    const ids = scopedSubmissions(db, q).map((s) => s.id);
    if (ids.length === 0) return [];
    where.push('f.submission_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  const rows = db
    .prepare(
      `SELECT flag_id, submission_id, rule, field, message, state, page, bbox, confidence, indicator_code, occurrence, row
         FROM v_flags f WHERE ${where.join(' AND ')}`,
    )
    .all(...params) as z.infer<typeof FlagDbRow>[];
  const meta = submissionMeta(
    db,
    rows.map((r) => r.submission_id),
  );
  const order = submissionOrder(meta);
  return rows
    .sort(
      (a, b) =>
        order.get(a.submission_id)! - order.get(b.submission_id)! || (a.page ?? 0) - (b.page ?? 0) || (a.row ?? 0) - (b.row ?? 0) || a.flag_id - b.flag_id,
    )
    .map((r) => {
      const m = meta.get(r.submission_id)!;
      return {
        flagId: r.flag_id,
        rule: r.rule,
        field: r.field,
        message: r.message,
        state: r.state,
        file: m.file,
        path: m.path,
        page: r.page,
        bbox: r.bbox ? asBox(JSON.parse(r.bbox)) : null,
        confidence: r.confidence,
        officeKey: m.officeKey,
        officeName: m.officeName,
        level: m.level,
        division: m.division,
        district: m.district,
        upazila: m.upazila,
        fiscalYear: m.fiscalYear,
        quarter: m.quarter,
        code: r.indicator_code,
        occurrence: r.occurrence,
        row: r.row,
      };
    });
}

// ---------------------------------------------------------------------------------------------------- sql

/** A statement `query sql` will not run; the message says why. */
export class SqlRefusedError extends Error {}

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

/** Leading whitespace and comments, which may precede the SELECT keyword. */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/**
 * Run one SELECT (or WITH … SELECT) and return its columns and rows. Anything else — a write, PRAGMA,
 * ATTACH, two statements — is refused with SqlRefusedError before it runs; the caller should also have
 * opened the database read-only, so even a statement this check missed could not change it.
 */
export function runSelect(db: Db, sql: string): SqlResult {
  const body = sql.replace(LEADING_TRIVIA, '');
  if (body.trim() === '') throw new SqlRefusedError('empty statement: give one SELECT');
  const keyword = /^[A-Za-z]+/.exec(body)?.[0]?.toUpperCase();
  if (keyword !== 'SELECT' && keyword !== 'WITH' && keyword !== 'VALUES') {
    throw new SqlRefusedError(`only a single SELECT is allowed, not ${keyword ?? JSON.stringify(body.slice(0, 20))}`);
  }
  let stmt;
  try {
    stmt = db.prepare(sql);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/more than one statement/i.test(msg)) throw new SqlRefusedError('only a single statement is allowed: remove everything after the first ";"');
    throw new SqlRefusedError(`SQL error: ${msg}`);
  }
  // WITH … INSERT/UPDATE/DELETE passes the keyword check; SQLite itself knows whether a statement writes
  if (!stmt.readonly || !stmt.reader) throw new SqlRefusedError('only a SELECT is allowed: this statement would change the database');
  const columns = stmt.columns().map((c) => c.name);
  try {
    const rows = stmt.raw(true).all() as unknown[][];
    return { columns, rows };
  } catch (e) {
    throw new SqlRefusedError(`SQL error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
