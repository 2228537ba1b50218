import { storeIntoOldSchema } from '../helpers/oldSchema.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { Command, CommanderError } from 'commander';
import ExcelJS from 'exceljs';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { openDb } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import type { SubmissionResult } from '../../models/submission.js';
import { registerQueryCommands } from '../../src/query/cli.js';
import { openForQuery } from '../../src/query/open.js';
import { buildTruthDb, loadTruths, truthToSubmission } from './truthDb.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-cli-'));
const dbFile = path.join(tmp, 'truth.sqlite');
let results: SubmissionResult[];
beforeAll(() => {
  const built = buildTruthDb(dbFile);
  results = built.results;
  built.db.close();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Run `apa-ocr query …` in-process, as src/cli.ts wires it (exit override: errors become exit codes). */
async function query(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride().configureOutput({ writeErr: (s) => (err += s), writeOut: (s) => (out += s) });
  registerQueryCommands(program);
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    await program.parseAsync(['node', 'apa-ocr', 'query', ...args]);
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    return { code: 1, out, err: err + String(e) };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

const count = (file: string, table: string): number => {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};

describe('query commands', () => {
  it('coverage as CSV: BOM, header, one line per office', async () => {
    const r = await query('coverage', '--db', dbFile, '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('\uFEFF')).toBe(true);
    const lines = r.out.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^office,level,.*reports$/);
    expect(lines).toHaveLength(1 + new Set(loadTruths().map((t) => t.office.name)).size);
    expect(lines.slice(1).join('\n').match(/submitted/g)).toHaveLength(results.length);
  });

  it('indicator by catalogue id as JSON, with the catalogue id on every row', async () => {
    const r = await query('indicator', 'efile-notes', '--db', dbFile, '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { file: string; catalogue: string; code: string; fields: { total: { value: unknown } } }[];
    expect(rows.map((x) => x.file).sort()).toEqual(results.map((x) => path.basename(x.file)).sort());
    expect(new Set(rows.map((x) => x.catalogue))).toEqual(new Set(['efile-notes']));
    for (const row of rows) {
      const rec = results.find((x) => path.basename(x.file) === row.file)!.indicators.find((i) => i.indicatorCode === row.code)!;
      expect(row.fields.total.value).toEqual(rec.total.value);
    }
  });

  it('indicator by a Bangla-digit code as a table, pointing to the catalogue entry', async () => {
    const r = await query('indicator', '৪.১.২', '--db', dbFile, '--format', 'table', '--fy', '২০২৪-২৫');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4\.1\.2 in 2024-25 is catalogue entry efile-notes/);
    expect(r.out.split('\n')[0]).toMatch(/^office\s+level\s+fy/);
    expect(r.out).toContain('smp_002.pdf');
    const bn = await query('indicator', '4.1.2', '--db', dbFile, '--format', 'csv', '--digits', 'bn');
    expect(bn.out).toContain('২০২৪-২৫');
    expect(bn.out).toContain('smp_002.pdf');
  });

  it('office by English name into an XLSX sheet; xlsx without --out is a usage error', async () => {
    const out = path.join(tmp, 'office.xlsx');
    const r = await query('office', 'Dumuria', '--db', dbFile, '--format', 'xlsx', '--out', out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const dumuria = results.find((x) => x.meta.office.upazila === 'ডুমুরিয়া')!;
    expect(wb.worksheets[0]!.rowCount).toBe(1 + dumuria.indicators.length);
    const bad = await query('office', 'Dumuria', '--db', dbFile, '--format', 'xlsx');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/xlsx needs --out/);
  });

  it('bad input is a usage error (exit 2) with a message, never a crash', async () => {
    const cases: [string[], RegExp][] = [
      [['office', 'Teknaf', '--db', dbFile], /unknown office "Teknaf"/],
      [['indicator', 'no-such-entry', '--db', dbFile], /neither an indicator code.*efile-notes/],
      [['coverage', '--db', dbFile, '--fy', 'next year'], /not a fiscal year/],
      [['coverage', '--db', dbFile, '--district', 'Atlantis'], /unknown district/],
      [['coverage', '--db', dbFile, '--digits', 'roman'], /--digits/],
      [['coverage', '--db', path.join(tmp, 'missing.sqlite')], /no such database/],
      [['sql', 'SELEC 1', '--db', dbFile], /only a single SELECT/],
      [['sql', 'SELECT * FROM nowhere', '--db', dbFile], /no such table: nowhere/],
    ];
    for (const [args, msg] of cases) {
      const r = await query(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(msg);
    }
  });

  it('sql refuses a write and the database is unchanged; a SELECT answers', async () => {
    const before = count(dbFile, 'submissions');
    const r = await query('sql', 'DELETE FROM submissions', '--db', dbFile);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/only a single SELECT is allowed, not DELETE/);
    const r2 = await query('sql', 'SELECT 1; DROP TABLE submissions', '--db', dbFile);
    expect(r2.code).toBe(2);
    expect(count(dbFile, 'submissions')).toBe(before);
    const ok = await query('sql', 'SELECT COUNT(*) AS n FROM v_indicator_values', '--db', dbFile, '--format', 'json');
    expect(JSON.parse(ok.out)).toEqual([{ n: results.reduce((n, x) => n + x.indicators.length, 0) }]);
  });

  it('an empty database answers with empty tables', async () => {
    const empty = path.join(tmp, 'empty.sqlite');
    openDb(empty).close();
    const r = await query('coverage', '--db', empty, '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.out).toContain('(no rows)');
    expect(r.out).toMatch(/0 expected reports/);
    const f = await query('flags', '--db', empty, '--format', 'json');
    expect(JSON.parse(f.out)).toEqual([]);
    const o = await query('office', 'Dumuria', '--db', empty);
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/no submissions/);
  });

  it('the catalogue needs no database', async () => {
    const r = await query('catalogue', '--format', 'json', '--db', path.join(tmp, 'none.sqlite'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).entries.some((e: { id: string }) => e.id === 'efile-notes')).toBe(true);
  });

  it('a database from before the analysis schema is upgraded on first query, then read read-only', () => {
    const file = path.join(tmp, 'old.sqlite');
    const raw = new Database(file);
    migrate(raw, loadMigrations().filter((m) => m.version <= 2));
    storeIntoOldSchema(raw, () => storeSubmission(raw, truthToSubmission(loadTruths()[0]!), startRun(raw, 'old', {})));
    raw.close();
    const db = openForQuery(file);
    expect(db.readonly).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
    expect((db.prepare('SELECT COUNT(*) AS n FROM current_submissions').get() as { n: number }).n).toBe(1);
    expect(() => db.prepare('DELETE FROM submissions').run()).toThrow(/readonly/);
    db.close();
    fs.writeFileSync(path.join(tmp, 'not.sqlite'), 'hello');
    expect(() => openForQuery(path.join(tmp, 'not.sqlite'))).toThrow(/not a database/);
  });
});

describe('the installed command', () => {
  it('exits 2 with the message on stderr for an unknown office', () => {
    const require = createRequire(import.meta.url);
    const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
    const r = spawnSync(process.execPath, [tsx, 'src/cli.ts', 'query', 'office', 'Teknaf', '--db', dbFile], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: unknown office "Teknaf"/);
    expect(r.stdout).toBe('');
  });
});
