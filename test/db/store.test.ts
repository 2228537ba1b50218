import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../db/open.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { findSubmissionBySha, recordFileErrors, startRun, storeSubmission } from '../../db/store.js';
import { cellsToGrid, exportSubmission, stats } from '../../db/queries.js';
import { SubmissionExportSchema } from '../../models/export.js';
import { fakeSubmission } from '../helpers/fixtures.js';

function tmpDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apa-db-')), 'test.sqlite');
}

describe('migrations', () => {
  it('bring a new database to the latest version and are idempotent', () => {
    const db = new Database(':memory:');
    const latest = loadMigrations().at(-1)!.version;
    expect(migrate(db)).toBe(latest);
    expect(migrate(db)).toBe(latest);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['submissions', 'pages', 'ocr_lines', 'tables', 'cells', 'indicators', 'flags', 'errors', 'runs']));
  });

  it('refuse a database newer than the tool', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this tool/);
  });

  it('roll back a failing migration, leaving the previous version', () => {
    const db = new Database(':memory:');
    const ms = [...loadMigrations(), { version: 900, name: '900_bad.sql', sql: 'CREATE TABLE x (a); SELECT * FROM nope;' }];
    expect(() => migrate(db, ms)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
    expect(db.prepare("SELECT COUNT(*) n FROM sqlite_master WHERE name = 'x'").get()).toEqual({ n: 0 });
  });
});

describe('storeSubmission', () => {
  it('stores pages, OCR lines, tables, cells, indicators and flags in one go, and exports them', () => {
    const db = openDb(tmpDb());
    const run = startRun(db, 'test', {});
    const res = fakeSubmission('abc');
    const id = storeSubmission(db, res, run);
    const s = stats(db);
    expect(s.submissions).toBe(1);
    expect(s.pages).toBe(res.pages.length);
    expect(s.tables).toBe(1);
    expect(s.indicators).toBe(1);
    expect(s.flags).toBe(1);
    const out = exportSubmission(db, id);
    expect(SubmissionExportSchema.safeParse(out).success).toBe(true);
    expect(out.id).toBe('sub_abc');
    expect(out.pages[1]!.tables[0]!.grid).toEqual([
      ['ক্র.নং', 'কার্যক্রম'],
      ['০১', '[১.১] উদ্ভাবন'],
      ['০১', 'তারিখ'],
    ]);
    const ind = out.pages[1]!.tables[0]!.indicators[0]!;
    expect(ind.indicatorCode).toBe('1.1.1');
    expect(ind.target.value).toBe('2023-03-16');
    expect(ind.target.bbox).toEqual({ x0: 10, y0: 20, x1: 30, y1: 40 });
    expect(ind.flags.map((f) => f.rule)).toEqual(['total-sum']);
  });

  it('exports the grid the document stage read (repaired Annex 5 text) while the cells keep what OCR read', () => {
    const db = openDb(tmpDb());
    const res = fakeSubmission('grid');
    const table = res.pages[1]!.tables[0]!;
    // the quarter ordinal comes from the header mapping, which only the document stage has
    table.cells[4]!.text = 'তয় কোয়ার্টার';
    table.grid = [
      ['ক্র.নং', 'কার্যক্রম'],
      ['০১', '[১.১] উদ্ভাবন'],
      ['০১', '৩য় কোয়ার্টার'],
    ];
    const id = storeSubmission(db, res, startRun(db, 'test', {}));
    const out = exportSubmission(db, id);
    expect(out.pages[1]!.tables[0]!.grid[2]![1]).toBe('৩য় কোয়ার্টার');
    expect(out.pages[1]!.tables[0]!.cells.find((c) => c.r === 2 && c.c === 1)!.text).toBe('তয় কোয়ার্টার');
  });

  it('replaces, never duplicates, a re-stored file (same sha256)', () => {
    const db = openDb(tmpDb());
    const run = startRun(db, 'test', {});
    storeSubmission(db, fakeSubmission('same'), run);
    storeSubmission(db, fakeSubmission('same'), run);
    const s = stats(db);
    expect(s.submissions).toBe(1);
    expect(s.indicators).toBe(1);
    expect(findSubmissionBySha(db, 'same')).toBeDefined();
  });

  it('leaves nothing half-written when storing fails mid-file', () => {
    const db = openDb(tmpDb());
    const run = startRun(db, 'test', {});
    storeSubmission(db, fakeSubmission('keep'), run);
    const bad = fakeSubmission('bad');
    // a table cell row that violates the (table, r, c) primary key makes the insert fail after pages were written
    bad.pages[1]!.tables[0]!.cells.push({ ...bad.pages[1]!.tables[0]!.cells[0]! });
    expect(() => storeSubmission(db, bad, run)).toThrow();
    const s = stats(db);
    expect(s.submissions).toBe(1);
    expect(s.pages).toBe(2);
    expect(findSubmissionBySha(db, 'bad')).toBeUndefined();
  });

  it('lists files that failed and forgets their errors once they are stored', () => {
    const db = openDb(tmpDb());
    const run = startRun(db, 'test', {});
    recordFileErrors(db, run, 'xyz', [{ stage: 'input', file: 'a.pdf', page: null, category: 'input', message: 'not a PDF' }]);
    expect(stats(db).failures).toEqual([{ file: 'a.pdf', page: null, message: 'not a PDF' }]);
    storeSubmission(db, { ...fakeSubmission('xyz'), file: 'a.pdf' }, run);
    expect(stats(db).failures).toEqual([]);
  });
});

describe('cellsToGrid', () => {
  it('repeats a merged cell in every position it covers', () => {
    expect(
      cellsToGrid(2, 3, [
        { r: 0, c: 0, rowspan: 2, colspan: 1, text: 'A' },
        { r: 0, c: 1, rowspan: 1, colspan: 2, text: 'B' },
        { r: 1, c: 1, rowspan: 1, colspan: 1, text: 'c' },
      ]),
    ).toEqual([
      ['A', 'B', 'B'],
      ['A', 'c', ''],
    ]);
  });
});
