/**
 * Migration 005 (named reviewers) upgrades a database written at schema version 4 without losing or changing a
 * row: corrections keep their who and values (written before accounts existed: no account, no `via`), the
 * current value of every field stays what it was, and a reviewed mark already set enters the review history.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { startRun, storeSubmission } from '../../db/store.js';
import { currentCorrections, listCorrections, listReviewMarks } from '../../db/corrections.js';
import { exportSubmission } from '../../db/queries.js';
import { fakeSubmission } from '../helpers/fixtures.js';

const count = (db: Database.Database, t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;

describe('migration 005', () => {
  it('upgrades a version-4 database with corrections and a reviewed mark, losing nothing', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apa-m5-')), 'v4.sqlite');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    expect(migrate(raw, loadMigrations().filter((m) => m.version <= 4))).toBe(4);
    const run = startRun(raw, 'v4', {});
    const a = fakeSubmission('a');
    const b = fakeSubmission('b');
    const aid = storeSubmission(raw, a, run);
    storeSubmission(raw, b, run);
    const code = a.indicators[0]!.indicatorCode;
    const ins = raw.prepare(
      'INSERT INTO corrections (sha256, target, indicator_code, occurrence, page, field, old_raw, old_value_json, new_raw, new_value_json, who, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    ins.run(a.sha256, 'indicator', code, 1, null, 'q1', '৭', '7', '১', '1', 'Old Reviewer', '2025-01-01T00:00:00.000Z', 'misread');
    ins.run(a.sha256, 'indicator', code, 1, null, 'q1', '১', '1', '২', '2', 'Other Reviewer', '2025-01-02T00:00:00.000Z', null);
    ins.run(a.sha256, 'meta', null, null, null, 'quarter', null, 'null', '৩', '3', 'Old Reviewer', '2025-01-01T00:00:00.000Z', null);
    raw.prepare("UPDATE submissions SET reviewed_at = '2025-01-03T00:00:00.000Z', reviewed_by = 'Old Reviewer' WHERE id = ?").run(aid);

    const tables = ['runs', 'submissions', 'pages', 'ocr_lines', 'tables', 'cells', 'indicators', 'flags', 'errors', 'corrections', 'current_submissions'];
    const before = Object.fromEntries(tables.map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
    const currentBefore = raw.prepare('SELECT id, sha256, field, new_raw, who FROM v_current_corrections ORDER BY id').all();
    const valuesBefore = raw.prepare('SELECT indicator_id, q1, q1_raw, q1_corrected FROM v_indicator_values ORDER BY indicator_id').all();
    expect(before.corrections!.length).toBe(3);

    expect(migrate(raw)).toBe(loadMigrations().at(-1)!.version);
    expect(raw.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    // every old row is still there, unchanged (corrections gained columns, empty for old rows)
    for (const t of tables.filter((x) => x !== 'corrections')) expect({ t, rows: raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() }).toEqual({ t, rows: before[t] });
    const after = raw.prepare('SELECT * FROM corrections ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map(({ user_id, via, revert_of, restores_ocr, ...old }) => ({ old, added: { user_id, via, revert_of, restores_ocr } }))).toEqual(
      (before.corrections as Record<string, unknown>[]).map((old) => ({ old, added: { user_id: null, via: null, revert_of: null, restores_ocr: 0 } })),
    );
    expect(raw.prepare('SELECT id, sha256, field, new_raw, who FROM v_current_corrections ORDER BY id').all()).toEqual(currentBefore);
    expect(raw.prepare('SELECT indicator_id, q1, q1_raw, q1_corrected FROM v_indicator_values ORDER BY indicator_id').all()).toEqual(valuesBefore);
    expect(listCorrections(raw, a.sha256).map((c) => [c.who, c.via, c.userId])).toEqual([
      ['Old Reviewer', null, null],
      ['Other Reviewer', null, null],
      ['Old Reviewer', null, null],
    ]);
    expect(currentCorrections(raw, a.sha256).indicator(code, 1, 'q1')?.newRaw).toBe('২');
    // the mark set before the upgrade is the first entry of the file's review history
    expect(listReviewMarks(raw, a.sha256)).toEqual([{ id: 1, sha256: a.sha256, reviewed: true, who: 'Old Reviewer', userId: null, via: null, at: '2025-01-03T00:00:00.000Z' }]);
    expect(listReviewMarks(raw, b.sha256)).toEqual([]);
    for (const t of ['users', 'sessions', 'account_events']) expect(count(raw, t)).toBe(0);

    // storing the same file again (ingest --force, rebuild) keeps its mark and its corrections
    const again = storeSubmission(raw, a, startRun(raw, 'v5', { force: true }));
    expect(again).not.toBe(aid);
    const exp = exportSubmission(raw, again);
    expect(exp.review).toMatchObject({ reviewedAt: '2025-01-03T00:00:00.000Z', reviewedBy: 'Old Reviewer', corrections: 3 });
    expect(raw.prepare('SELECT reviewed_at FROM v_submissions WHERE submission_id = ?').get(again)).toEqual({ reviewed_at: '2025-01-03T00:00:00.000Z' });
    expect(count(raw, 'review_marks')).toBe(1);
    raw.close();
  });
});
