import { storeIntoOldSchema } from '../helpers/oldSchema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../db/open.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { startRun, storeSubmission } from '../../db/store.js';
import {
  SqlRefusedError,
  coverage,
  flagRows,
  indicatorRows,
  listOffices,
  officeLabel,
  officeRows,
  runSelect,
  type IndicatorRow,
} from '../../db/analysis.js';
import { catalogueEntryById } from '../../models/catalogue-links.js';
import { INDICATOR_VALUE_FIELDS, type IndicatorRecord } from '../../models/indicator.js';
import type { SubmissionResult } from '../../models/submission.js';
import { UnknownNameError, resolveDistrictOffices, resolveOffices } from '../../src/query/resolve.js';
import { buildTruthDb, loadTruths, truthBox, truthToSubmission, type Truth } from './truthDb.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-query-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const truths = loadTruths();
/** the file whose count indicator gets a planted total that is not the sum of its quarters */
const PLANTED_FILE = 'smp_003.pdf';
const PLANTED_CODE = '5.1.1';

/** Plant one inconsistency the validation rules flag: a count total raised by 7. */
function plant(rec: IndicatorRecord, t: Truth): IndicatorRecord {
  if (t.sourcePdf !== PLANTED_FILE || rec.indicatorCode !== PLANTED_CODE) return rec;
  const total = typeof rec.total.value === 'number' ? rec.total.value + 7 : 7;
  return { ...rec, total: { ...rec.total, raw: String(total), value: total } };
}

function build(name: string): { db: Db; results: SubmissionResult[] } {
  return buildTruthDb(path.join(tmp, `${name}.sqlite`), { edit: plant });
}

const fileOf = (r: SubmissionResult): string => path.basename(r.file);
const count = (db: Db, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Every truth record, with its file and fiscal year, for deriving what the queries must return. */
function truthRecords(results: SubmissionResult[]): { file: string; fy: string | null; rec: IndicatorRecord }[] {
  return results.flatMap((r) => r.indicators.map((rec) => ({ file: fileOf(r), fy: r.meta.fiscalYear, rec })));
}

function expectSameValues(row: IndicatorRow, rec: IndicatorRecord, fields: readonly (typeof INDICATOR_VALUE_FIELDS)[number][]): void {
  for (const f of fields) {
    const got = row.fields[f]!;
    expect({ f, value: got.value, raw: got.raw }).toEqual({ f, value: rec[f].printed ? rec[f].value : null, raw: rec[f].printed ? rec[f].raw : null });
    expect(got.bbox).toEqual(rec[f].bbox);
    expect(got.corrected).toBe(false);
  }
}

describe('migration to the analysis schema', () => {
  it('upgrades a database made at schema version 2, with data and corrections in it, without losing a row', () => {
    const file = path.join(tmp, 'v2.sqlite');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    expect(migrate(raw, loadMigrations().filter((m) => m.version <= 2))).toBe(2);
    const run = startRun(raw, 'v2', {});
    const results = truths.map((t) => truthToSubmission(t, plant));
    // a file with the same code twice, so occurrence numbering is exercised
    const dup = truthToSubmission(truths[0]!);
    const twice = { ...dup, sha256: 'dup'.padEnd(64, '0'), file: 'samples/pdf/dup.pdf', indicators: [...dup.indicators, { ...dup.indicators[1]!, row: 99 }] };
    storeIntoOldSchema(raw, () => {
      for (const r of results) storeSubmission(raw, r, run);
      storeSubmission(raw, twice, run);
    });
    const sha = results[0]!.sha256;
    const code = results[0]!.indicators[1]!.indicatorCode;
    raw
      .prepare("INSERT INTO corrections (sha256, target, indicator_code, occurrence, field, new_raw, new_value_json, who, at) VALUES (?, 'indicator', ?, 1, 'q1', '৯৯', '99', 'old tool', '2025-01-01T00:00:00Z')")
      .run(sha, code);
    raw.prepare("INSERT INTO corrections (sha256, target, field, new_raw, new_value_json, who, at) VALUES (?, 'meta', 'quarter', '৩', '3', 'old tool', '2025-01-01T00:00:00Z')").run(sha);
    const tables = ['runs', 'submissions', 'pages', 'ocr_lines', 'tables', 'cells', 'indicators', 'flags', 'errors', 'corrections'];
    const before = Object.fromEntries(tables.map((t) => [t, count(raw, t)]));
    const fieldsBefore = raw.prepare('SELECT id, fields_json FROM indicators ORDER BY id').all();
    expect(before.indicators).toBeGreaterThan(0);
    expect(before.flags).toBeGreaterThan(0);

    const latest = migrate(raw);
    expect(latest).toBe(loadMigrations().at(-1)!.version);
    expect(latest).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(tables.map((t) => [t, count(raw, t)]))).toEqual(before);
    expect(raw.prepare('SELECT id, fields_json FROM indicators ORDER BY id').all()).toEqual(fieldsBefore);

    // occurrence backfilled as the k-th record with that code in seq order
    const occ = raw
      .prepare(
        `SELECT occurrence, ROW_NUMBER() OVER (PARTITION BY submission_id, indicator_code ORDER BY seq) AS k FROM indicators`,
      )
      .all() as { occurrence: number; k: number }[];
    expect(occ.length).toBe(before.indicators);
    expect(occ.every((r) => r.occurrence === r.k)).toBe(true);
    expect(occ.some((r) => r.k === 2)).toBe(true);
    expect(count(raw, 'current_submissions')).toBe(before.submissions);
    expect(count(raw, 'v_indicator_values')).toBe(before.indicators);

    // corrections made before the upgrade apply
    const q1 = raw.prepare('SELECT q1, q1_raw, q1_corrected FROM v_indicator_values WHERE sha256 = ? AND indicator_code = ? AND occurrence = 1').get(sha, code);
    expect(q1).toEqual({ q1: 99, q1_raw: '৯৯', q1_corrected: 1 });
    expect(raw.prepare('SELECT quarter, meta_corrected FROM current_submissions WHERE sha256 = ?').get(sha)).toEqual({ quarter: '3', meta_corrected: 1 });

    // the store keeps working after the upgrade, and the derived table follows it
    const again = truthToSubmission(truths[1]!);
    storeSubmission(raw, { ...again, sha256: 'new'.padEnd(64, '0'), file: 'samples/pdf/new.pdf' }, run);
    expect(count(raw, 'current_submissions')).toBe(before.submissions! + 1);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM indicators WHERE occurrence IS NULL").get()).toEqual({ n: 0 });
    raw.close();
  });
});

describe('queries on the sample truth database', () => {
  let db: Db;
  let results: SubmissionResult[];
  beforeAll(() => {
    ({ db, results } = build('queries'));
  });
  afterAll(() => db.close());

  it('lists each office once, by place, with its submissions', () => {
    const offices = listOffices(db);
    expect(offices).toHaveLength(new Set(truths.map((t) => `${t.office.level}/${t.office.district}/${t.office.upazila}`)).size);
    for (const t of truths) {
      const o = offices.find((x) => x.district === t.office.district && x.upazila === t.office.upazila && x.level === t.office.level);
      expect(o?.name).toBe(t.office.name);
      expect(o?.submissions).toBe(1);
    }
    expect(officeLabel(offices.find((o) => o.level === 'district')!)).toBe(truths.find((t) => t.office.level === 'district')!.office.district);
  });

  it('coverage marks each office × quarter submitted, flagged or missing', () => {
    const c = coverage(db);
    const years = [...new Set(truths.map((t) => t.fiscalYear!))].sort();
    expect(c.periods).toEqual(years.flatMap((fiscalYear) => ['1', '2', '3', '4'].map((quarter) => ({ fiscalYear, quarter }))));
    expect(c.cells).toHaveLength(c.offices.length * c.periods.length);
    for (const t of truths) {
      const office = c.offices.find((o) => o.name === t.office.name)!;
      const mine = c.cells.filter((x) => x.officeKey === office.key);
      const cell = mine.find((x) => x.fiscalYear === t.fiscalYear && x.quarter === String(t.quarter))!;
      expect(cell.state).toBe(t.sourcePdf === PLANTED_FILE ? 'flagged' : 'submitted');
      expect(cell.files).toEqual([t.sourcePdf]);
      expect(mine.filter((x) => x !== cell).every((x) => x.state === 'missing' && x.submissions === 0)).toBe(true);
    }
    const planted = results.find((r) => fileOf(r) === PLANTED_FILE)!;
    const flagged = c.cells.find((x) => x.state === 'flagged')!;
    expect(flagged.openFlags).toBe(planted.indicators.reduce((n, r) => n + r.flags.length, 0));
    expect(c.summary).toEqual({ expected: c.cells.length, submitted: truths.length - 1, flagged: 1, missing: c.cells.length - truths.length });
    expect(c.unplaced).toEqual([]);
  });

  it('coverage narrows to the fiscal years and offices asked for', () => {
    const fy = truths[0]!.fiscalYear!;
    const c = coverage(db, { fiscalYears: [fy] });
    expect(c.periods.map((p) => p.fiscalYear)).toEqual([fy, fy, fy, fy]);
    expect(c.summary.submitted + c.summary.flagged).toBe(truths.filter((t) => t.fiscalYear === fy).length);
    const one = listOffices(db)[0]!;
    const c1 = coverage(db, { officeKeys: [one.key] });
    expect(c1.offices).toEqual([one]);
    expect(c1.summary.submitted + c1.summary.flagged).toBe(1);
  });

  it('returns every record of a code, in every year, with the values and cell boxes that were stored', () => {
    const all = truthRecords(results);
    const codes = [...new Set(all.map((x) => x.rec.indicatorCode))];
    expect(codes.length).toBeGreaterThan(5);
    for (const code of codes) {
      const rows = indicatorRows(db, { code });
      const expected = all.filter((x) => x.rec.indicatorCode === code);
      expect(rows.map((r) => r.file).sort()).toEqual(expected.map((x) => x.file).sort());
      for (const x of expected) {
        const row = rows.find((r) => r.file === x.file && r.row === x.rec.row)!;
        expect(row.fiscalYear).toBe(x.fy);
        expect(row.page).toBe(x.rec.page);
        expect(row.flags).toBe(x.rec.flags.length);
        expectSameValues(row, x.rec, INDICATOR_VALUE_FIELDS);
      }
    }
  });

  it('follows a catalogue entry across years whatever its code is there', () => {
    const entry = catalogueEntryById('efile-notes')!;
    const rows = indicatorRows(db, { members: entry.members }, { fields: ['unit', 'q1', 'q2', 'q3', 'q4', 'total'] });
    const expected = truthRecords(results).filter((x) => entry.members.some((m) => m.fiscalYear === x.fy && m.code === x.rec.indicatorCode));
    // every sample year has this indicator, each under another code
    expect(new Set(expected.map((x) => x.rec.indicatorCode)).size).toBe(expected.length);
    expect(rows).toHaveLength(expected.length);
    for (const x of expected) {
      const row = rows.find((r) => r.file === x.file)!;
      expect(row.code).toBe(x.rec.indicatorCode);
      expect(row.fields.unit!.value).toBe('percent');
      expectSameValues(row, x.rec, ['q1', 'q2', 'q3', 'q4', 'total']);
      expect(row.fields.weight).toBeUndefined();
    }
    // the same code in another year is another indicator and is not returned
    const wrongYear = indicatorRows(db, { members: [{ fiscalYear: '2022-23', code: entry.members.find((m) => m.fiscalYear === '2024-25')!.code }] });
    expect(wrongYear.every((r) => r.fiscalYear === '2022-23')).toBe(true);
    expect(wrongYear.map((r) => r.fields.total?.value)).not.toContain(rows.find((r) => r.fiscalYear === '2024-25')?.fields.total?.value ?? 'none');
  });

  it('filters by district and fiscal year given in English or Bangla', () => {
    const offices = listOffices(db);
    const district = truths.find((t) => t.office.level === 'district')!;
    const barishal = resolveDistrictOffices(offices, 'Barisal');
    expect(barishal.map((o) => o.district)).toEqual([district.office.district]);
    const rows = indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members }, { officeKeys: barishal.map((o) => o.key) });
    expect(rows.map((r) => r.file)).toEqual([district.sourcePdf]);
    const moulvi = resolveDistrictOffices(offices, 'মৌলভী বাজার');
    expect(moulvi.map((o) => o.district)).toEqual([truths.find((t) => t.office.district === 'মৌলভীবাজার')!.office.district]);
    const fy = truths[0]!.fiscalYear!;
    const byYear = indicatorRows(db, { code: '1.1.1' }, { fiscalYears: [fy] });
    expect(byYear.map((r) => r.file)).toEqual(truths.filter((t) => t.fiscalYear === fy).map((t) => t.sourcePdf));
    expect(indicatorRows(db, { code: '1.1.1' }, { fiscalYears: ['2030-31'] })).toEqual([]);
    // a district with no office in the database is a valid place, just without rows
    expect(resolveDistrictOffices(offices, 'কক্সবাজার')).toEqual([]);
  });

  it('office query: every record of one office, found by its Bangla or English place name', () => {
    const offices = listOffices(db);
    for (const t of truths) {
      const name = t.office.upazila ?? t.office.district!;
      const hits = resolveOffices(offices, name);
      expect(hits.map((h) => h.name)).toEqual([t.office.name]);
      const rows = officeRows(db, { officeKeys: hits.map((h) => h.key) });
      const r = results.find((x) => fileOf(x) === t.sourcePdf)!;
      expect(rows).toHaveLength(r.indicators.length);
      rows.forEach((row, k) => expectSameValues(row, r.indicators[k]!, INDICATOR_VALUE_FIELDS));
    }
    expect(resolveOffices(offices, 'Dumuria').map((o) => o.upazila)).toEqual(['ডুমুরিয়া']);
    expect(resolveOffices(offices, 'Srimangal').map((o) => o.upazila)).toEqual(['শ্রীমঙ্গল']);
    expect(resolveOffices(offices, 'জেলা সমবায় কার্যালয়, বরিশাল').map((o) => o.level)).toEqual(['district']);
    expect(resolveOffices(offices, 'উপজেলা সমবায় কার্যালয়, ডুমুরিয়া, খুলনা').map((o) => o.upazila)).toEqual(['ডুমুরিয়া']);
    const fy = truths[0]!.fiscalYear!;
    const first = resolveOffices(offices, truths[0]!.office.upazila!);
    expect(officeRows(db, { officeKeys: first.map((o) => o.key), fiscalYears: ['2030-31'] })).toEqual([]);
    expect(officeRows(db, { officeKeys: first.map((o) => o.key), fiscalYears: [fy] }).length).toBeGreaterThan(0);
  });

  it('refuses an office it does not know, saying what it has', () => {
    const offices = listOffices(db);
    expect(() => resolveOffices(offices, 'Teknaf')).toThrow(UnknownNameError);
    expect(() => resolveOffices(offices, 'Teknaf')).toThrow(/unknown office "Teknaf".*closest offices/);
    expect(() => resolveOffices(offices, 'qwertyuiop')).toThrow(/unknown office/);
    expect(() => resolveOffices(offices, '   ')).toThrow(/empty/);
    // a district whose own office did not report, though one of its upazilas did
    const upazilaOnly = truths.find((t) => t.office.level === 'upazila' && !truths.some((u) => u.office.level === 'district' && u.office.district === t.office.district))!;
    expect(() => resolveOffices(offices, upazilaOnly.office.district!)).toThrow(new RegExp(`offices within it: ${upazilaOnly.office.upazila}`));
    expect(() => resolveDistrictOffices(offices, 'Atlantis')).toThrow(/unknown district/);
  });

  it('lists open flags with file, page and the flagged cell', () => {
    const planted = results.find((r) => fileOf(r) === PLANTED_FILE)!;
    const expected = planted.indicators.flatMap((rec) => rec.flags.map((f) => ({ rec, f })));
    expect(expected.length).toBeGreaterThan(1);
    expect(results.filter((r) => r !== planted).every((r) => r.indicators.every((i) => i.flags.length === 0))).toBe(true);
    const rows = flagRows(db);
    expect(rows).toHaveLength(expected.length);
    for (const { rec, f } of expected) {
      const row = rows.find((r) => r.code === rec.indicatorCode && r.field === f.field && r.rule === f.rule)!;
      expect(row).toMatchObject({ file: PLANTED_FILE, page: rec.page, row: rec.row, message: f.message, state: 'open', fiscalYear: planted.meta.fiscalYear });
      expect(row.bbox).toEqual(rec[f.field as 'total'].bbox);
    }
    expect(rows.find((r) => r.field === 'total')!.bbox).toEqual(truthBox(rows.find((r) => r.field === 'total')!.row!, truths.find((t) => t.sourcePdf === PLANTED_FILE)!.pages.flatMap((p) => p.tables).find((t) => t.role === 'annex5')!.columnKeys!.indexOf('total')));
    const other = listOffices(db).find((o) => o.district !== planted.meta.office.district)!;
    expect(flagRows(db, { officeKeys: [other.key] })).toEqual([]);
  });

  it('answers SQL on the views, and says what is wrong with a bad statement', () => {
    const res = runSelect(db, '-- indicators per file\nSELECT file, COUNT(*) AS n FROM v_indicator_values GROUP BY file ORDER BY file;');
    expect(res.columns).toEqual(['file', 'n']);
    expect(res.rows).toEqual(results.map((r) => [fileOf(r), r.indicators.length]).sort());
    expect(runSelect(db, 'WITH t AS (SELECT 1 AS x) SELECT x FROM t').rows).toEqual([[1]]);
    expect(() => runSelect(db, 'SELEC * FROM submissions')).toThrow(SqlRefusedError);
    expect(() => runSelect(db, 'SELECT * FROM no_such_table')).toThrow(/SQL error: no such table/);
    expect(() => runSelect(db, 'SELECT (1')).toThrow(/SQL error/);
    expect(() => runSelect(db, '')).toThrow(/empty statement/);
  });

  it('refuses every write in sql and leaves the database as it was', () => {
    const before = ['submissions', 'indicators', 'flags', 'corrections'].map((t) => count(db, t));
    const version = db.pragma('user_version', { simple: true });
    const writes = [
      'DELETE FROM submissions',
      "INSERT INTO corrections (sha256, target, field, new_value_json, who, at) VALUES ('x', 'meta', 'quarter', '1', 'me', 'now')",
      "UPDATE indicators SET indicator_code = 'x'",
      'DROP TABLE flags',
      'PRAGMA user_version = 99',
      "ATTACH DATABASE ':memory:' AS other",
      'SELECT 1; DELETE FROM submissions',
      'WITH doomed AS (SELECT id FROM submissions) DELETE FROM submissions WHERE id IN (SELECT id FROM doomed)',
      '/* looks harmless */ VACUUM',
      'CREATE TABLE x (a)',
    ];
    for (const w of writes) expect(() => runSelect(db, w), w).toThrow(SqlRefusedError);
    expect(['submissions', 'indicators', 'flags', 'corrections'].map((t) => count(db, t))).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 });
  });
});

describe('corrections in queries', () => {
  let db: Db;
  let results: SubmissionResult[];
  beforeAll(() => {
    ({ db, results } = build('corrections'));
  });
  afterAll(() => db.close());

  const correct = (sha: string, code: string, field: string, raw: string, value: unknown, at: string): void => {
    db.prepare(
      "INSERT INTO corrections (sha256, target, indicator_code, occurrence, field, new_raw, new_value_json, who, at) VALUES (?, 'indicator', ?, 1, ?, ?, ?, 'reviewer', ?)",
    ).run(sha, code, field, raw, JSON.stringify(value), at);
  };

  it('reports the latest correction of a field as its current value and says so; other fields stay OCR', () => {
    const r = results[0]!;
    const rec = r.indicators.find((i) => i.unit.value === 'percent')!;
    correct(r.sha256, rec.indicatorCode, 'q2', '৫০%', 50, '2026-03-01T10:00:00Z');
    correct(r.sha256, rec.indicatorCode, 'q2', '৫৫%', 55, '2026-03-02T10:00:00Z');
    // an older correction entered later does not win
    correct(r.sha256, rec.indicatorCode, 'q2', '৪০%', 40, '2026-02-01T10:00:00Z');
    const row = indicatorRows(db, { code: rec.indicatorCode }).find((x) => x.file === fileOf(r))!;
    expect(row.fields.q2).toEqual({ value: 55, raw: '৫৫%', confidence: 1, bbox: rec.q2.bbox, corrected: true });
    expect(row.corrected).toEqual(['q2']);
    expect(row.fields.q1).toMatchObject({ value: rec.q1.value, corrected: false });
    // the view analysts query with SQL agrees with the query functions
    const v = db.prepare('SELECT q2, q2_raw, q2_corrected, q1_corrected, corrected FROM v_indicator_values WHERE indicator_id = ?').get(row.indicatorId);
    expect(v).toEqual({ q2: 55, q2_raw: '৫৫%', q2_corrected: 1, q1_corrected: 0, corrected: 1 });
  });

  it('a correction of the flagged field closes that flag; review closes them all', () => {
    const planted = results.find((r) => fileOf(r) === PLANTED_FILE)!;
    const rec = planted.indicators.find((i) => i.indicatorCode === PLANTED_CODE)!;
    const open = flagRows(db).length;
    const onTotal = rec.flags.filter((f) => f.field === 'total').length;
    expect(onTotal).toBeGreaterThan(0);
    correct(planted.sha256, PLANTED_CODE, 'total', '২', 2, '2026-03-03T00:00:00Z');
    expect(flagRows(db)).toHaveLength(open - onTotal);
    const all = flagRows(db, { states: ['open', 'corrected', 'reviewed'] });
    expect(all).toHaveLength(open);
    expect(all.filter((f) => f.state === 'corrected').map((f) => f.field)).toEqual(Array(onTotal).fill('total'));
    const cellOf = () => coverage(db).cells.find((c) => c.files.includes(PLANTED_FILE))!;
    expect(cellOf()).toMatchObject({ state: 'flagged', openFlags: open - onTotal });
    db.prepare("UPDATE submissions SET reviewed_at = '2026-03-04T00:00:00Z', reviewed_by = 'reviewer' WHERE sha256 = ?").run(planted.sha256);
    expect(flagRows(db)).toEqual([]);
    expect(flagRows(db, { states: ['reviewed'] })).toHaveLength(open);
    expect(cellOf()).toMatchObject({ state: 'submitted', openFlags: 0 });
  });

  it('a metadata correction moves the submission in coverage and in filters', () => {
    const r = results[1]!;
    const before = coverage(db).cells.find((c) => c.files.includes(fileOf(r)))!;
    const q = before.quarter === '1' ? 2 : 1;
    db.prepare("INSERT INTO corrections (sha256, target, field, new_raw, new_value_json, who, at) VALUES (?, 'meta', 'quarter', ?, ?, 'reviewer', '2026-03-05T00:00:00Z')").run(
      r.sha256,
      String(q),
      JSON.stringify(q),
    );
    const after = coverage(db).cells.find((c) => c.files.includes(fileOf(r)))!;
    expect(after.quarter).toBe(String(q));
    expect(after.fiscalYear).toBe(before.fiscalYear);
    expect(coverage(db).cells.find((c) => c.officeKey === before.officeKey && c.fiscalYear === before.fiscalYear && c.quarter === before.quarter)!.state).toBe('missing');
    expect(indicatorRows(db, { code: r.indicators[0]!.indicatorCode }).find((x) => x.file === fileOf(r))!.quarter).toBe(String(q));
    // undoing it (deleting the correction) restores the OCR value
    db.prepare("DELETE FROM corrections WHERE sha256 = ? AND target = 'meta'").run(r.sha256);
    expect(coverage(db).cells.find((c) => c.files.includes(fileOf(r)))!.quarter).toBe(before.quarter);
  });

  it('a correction survives re-storing the file (re-ingest with --force)', () => {
    const r = results[0]!;
    const code = r.indicators.find((i) => i.unit.value === 'percent')!.indicatorCode;
    storeSubmission(db, r, startRun(db, 'again', {}));
    const row = indicatorRows(db, { code }).find((x) => x.file === fileOf(r))!;
    expect(row.fields.q2).toMatchObject({ value: 55, corrected: true });
  });
});

describe('an empty database', () => {
  it('answers every query with nothing, and names no office', () => {
    const db = openDb(path.join(tmp, 'empty.sqlite'));
    const c = coverage(db);
    expect(c).toEqual({ offices: [], periods: [], cells: [], summary: { expected: 0, submitted: 0, flagged: 0, missing: 0 }, unplaced: [] });
    expect(coverage(db, { fiscalYears: ['2023-24'] }).cells).toEqual([]);
    expect(indicatorRows(db, { code: '4.1.2' })).toEqual([]);
    expect(indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members })).toEqual([]);
    expect(flagRows(db)).toEqual([]);
    expect(listOffices(db)).toEqual([]);
    expect(() => resolveOffices(listOffices(db), 'Dumuria')).toThrow(/no submissions/);
    expect(runSelect(db, 'SELECT COUNT(*) FROM v_indicator_values').rows).toEqual([[0]]);
    db.close();
  });
});
