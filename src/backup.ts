/**
 * `apa-ocr backup`: a consistent copy of the database while ingest or the review server keeps writing to it,
 * through SQLite's online backup API (better-sqlite3's `db.backup`). The copy is written beside its destination
 * under a temporary name, checked, made a self-contained single file (rollback journal, no -wal needed), and
 * only then renamed into place: an interrupted backup never leaves a half-written file under the backup's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

export const BackupOptionsSchema = z.object({
  db: z.string().min(1),
  out: z.string().min(1),
  /** replace an existing backup file (never the live database) */
  force: z.boolean().default(false),
});
export type BackupOptions = z.infer<typeof BackupOptionsSchema>;

export class BackupError extends Error {}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
  /** times a writer changed the database under the copy, which made SQLite start it again */
  restarts: number;
}

export interface BackupResult {
  out: string;
  pages: number;
  bytes: number;
  restarts: number;
  ms: number;
}

/** Pages copied per step: small enough for a progress line per few MB, large enough not to crawl. */
const PAGES_PER_STEP = 1024;
/**
 * After this many restarts the rest is copied in one step: that step holds a read snapshot (in WAL mode writers
 * go on meanwhile) and cannot be restarted, so a busy writer cannot keep a backup from ever finishing.
 */
const MAX_RESTARTS = 3;

const realOrResolved = (p: string): string => {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    // not there yet: resolve its folder, which must exist
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
};

/** Refuse anything that would write over the live database or its journal files. */
function checkTarget(db: string, out: string, force: boolean): void {
  if (!fs.existsSync(db)) throw new BackupError(`${db}: no such database`);
  const live = realOrResolved(db);
  const target = realOrResolved(out);
  const liveFiles = [live, `${live}-wal`, `${live}-shm`, `${live}-journal`];
  if (liveFiles.includes(target)) throw new BackupError(`${out} is the live database (or one of its journal files): choose another file`);
  if (fs.existsSync(out) && fs.statSync(out).ino === fs.statSync(db).ino && fs.statSync(out).dev === fs.statSync(db).dev) {
    throw new BackupError(`${out} is the live database (a link to it): choose another file`);
  }
  if (!fs.existsSync(path.dirname(path.resolve(out)))) throw new BackupError(`${path.dirname(out)}: no such folder`);
  if (fs.existsSync(out) && !force) throw new BackupError(`${out} exists; use --force to replace it`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new BackupError(`${out} is a folder; give a file name`);
}

/**
 * Copy `db` to `out` while other processes may be writing to it. `onProgress` is called after every step of
 * {@link PAGES_PER_STEP} pages.
 */
export async function backupDatabase(opts: BackupOptions, onProgress?: (p: BackupProgress) => void): Promise<BackupResult> {
  const t0 = performance.now();
  checkTarget(opts.db, opts.out, opts.force);
  const outAbs = path.resolve(opts.out);
  const tmp = path.join(path.dirname(outAbs), `.${path.basename(outAbs)}.partial-${process.pid}`);
  for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });

  // a read-only connection: the backup can never change the live database, whatever goes wrong
  const src = new Database(opts.db, { readonly: true, fileMustExist: true });
  src.pragma('busy_timeout = 10000');
  let restarts = 0;
  let lastRemaining = Infinity;
  let total = 0;
  try {
    await src.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        total = totalPages;
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        onProgress?.({ totalPages, remainingPages, restarts });
        return restarts >= MAX_RESTARTS ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
  } catch (e) {
    for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
    throw new BackupError(`backup of ${opts.db} failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    src.close();
  }

  // the copy carries the source's WAL flag; a backup is easier to move and restore as one file
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (check.join('') !== 'ok') throw new BackupError(`the copy of ${opts.db} fails its integrity check: ${check.slice(0, 3).join('; ')}`);
    total = copy.pragma('page_count', { simple: true }) as number;
  } catch (e) {
    copy.close();
    for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
    throw e;
  }
  copy.close();
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, outAbs);
  // the rename itself must survive a power cut
  try {
    const dir = fs.openSync(path.dirname(outAbs), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // some file systems cannot open a folder for fsync; the data itself is synced
  }
  return { out: outAbs, pages: total, bytes: fs.statSync(outAbs).size, restarts, ms: performance.now() - t0 };
}
