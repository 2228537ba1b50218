/**
 * `apa-ocr backup` (src/backup.ts): a consistent copy while ingest writes, refusals that protect the live
 * database, and a copy that finishes even when writers keep changing the database under it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, BackupError, type BackupProgress } from '../src/backup.js';
import { buildCorpus, snapshot, startChild } from '../src/measure/crashHarness.js';
import { openDb } from '../db/open.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-backup-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup while ingest is writing', () => {
  it('every copy is intact, opens, exports, and holds only whole submissions', async () => {
    const corpus = await buildCorpus(path.join(dir, 'corpus'), 'small');
    const live = path.join(dir, 'live.sqlite');
    const child = startChild(['ingest', live, corpus], 40);
    await child.line('ready');
    // the first file stored: from here on, ingest commits a file every so often
    await child.errLine(/^(ok|part)/);
    const copies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = path.join(dir, `copy-${i}.sqlite`);
      const r = await backupDatabase({ db: live, out, force: false });
      expect(r.out).toBe(out);
      expect(r.pages).toBeGreaterThan(0);
      copies.push(out);
      await new Promise((res) => setTimeout(res, 300));
    }
    const end = await child.exited;
    expect([0, 1]).toContain(end.code);
    const final = snapshot(live);
    let stored = 0;
    for (const c of copies) {
      // a single self-contained file: no -wal beside it is needed to read it
      expect(fs.existsSync(`${c}-wal`)).toBe(false);
      const snap = snapshot(c);
      expect(snap.integrity).toBe('ok');
      expect(snap.duplicates).toBe(0);
      // each submission in the copy is exactly as the finished run has it: no half-stored file
      for (const [file, exp] of Object.entries(snap.exports)) expect(exp, file).toEqual(final.exports[file]);
      stored = Math.max(stored, Object.keys(snap.exports).length);
      // and the project opens it like any database
      const db = openDb(c, { readonly: true });
      expect((db.prepare('SELECT COUNT(*) n FROM submissions').get() as { n: number }).n).toBe(Object.keys(snap.exports).length);
      db.close();
    }
    expect(stored).toBeGreaterThan(0);
  });
});

describe('backup refuses what would harm the live database', () => {
  it('the live database, its journal files, a link to it, an existing file without --force, a missing folder', async () => {
    const live = path.join(dir, 'refuse.sqlite');
    openDb(live).close();
    fs.symlinkSync(live, path.join(dir, 'link.sqlite'));
    const before = fs.readFileSync(live);
    const refused = async (out: string, force = false) => {
      const e = await backupDatabase({ db: live, out, force }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, out).toBeInstanceOf(BackupError);
      return (e as Error).message;
    };
    expect(await refused(live, true)).toMatch(/is the live database/);
    expect(await refused(`${live}-wal`, true)).toMatch(/is the live database/);
    expect(await refused(path.join(dir, '.', 'refuse.sqlite'), true)).toMatch(/is the live database/);
    expect(await refused(path.join(dir, 'link.sqlite'), true)).toMatch(/is the live database/);
    const existing = path.join(dir, 'existing.sqlite');
    fs.writeFileSync(existing, 'old backup');
    expect(await refused(existing)).toMatch(/exists; use --force/);
    expect(fs.readFileSync(existing, 'utf8')).toBe('old backup');
    expect(await refused(path.join(dir, 'no-such-folder', 'b.sqlite'))).toMatch(/no such folder/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    // with --force an old backup is replaced
    await backupDatabase({ db: live, out: existing, force: true });
    expect(snapshot(existing).integrity).toBe('ok');
  });
});

describe('backup of a database that keeps changing under it', () => {
  it('reports progress, is restarted by each write, and still finishes with a consistent copy', async () => {
    const live = path.join(dir, 'busy.sqlite');
    const w = new Database(live);
    w.pragma('journal_mode = WAL');
    w.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)');
    const ins = w.prepare('INSERT INTO t (v) VALUES (?)');
    w.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(Buffer.alloc(3000, i % 251));
    })();
    const seen: BackupProgress[] = [];
    const r = await backupDatabase({ db: live, out: path.join(dir, 'busy-copy.sqlite'), force: false }, (p) => {
      seen.push(p);
      // another connection writes between steps, as a running ingest does
      ins.run(Buffer.alloc(3000, 7));
    });
    w.close();
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[0]!.totalPages).toBeGreaterThan(2000);
    expect(r.restarts).toBeGreaterThanOrEqual(1);
    const copy = new Database(r.out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const n = (copy.prepare('SELECT COUNT(*) n FROM t').get() as { n: number }).n;
    copy.close();
    // a snapshot at some moment of the writes: all the first rows, and no more than were ever written
    expect(n).toBeGreaterThanOrEqual(3000);
    expect(n).toBeLessThanOrEqual(3000 + seen.length);
  });
});
