import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../db/open.js';
import { loadMigrations } from '../../db/migrate.js';

/** A database the query commands cannot use; the message says what to do. */
export class QueryDbError extends Error {}

/**
 * Open a database for reading. The analysis views came with schema version 3, so a database an older
 * tool wrote is migrated first (once, on a short write connection; nothing stored is changed); the
 * queries themselves then run on a read-only connection.
 */
export function openForQuery(file: string): Db {
  if (file !== ':memory:' && !fs.existsSync(file)) throw new QueryDbError(`${file}: no such database (run ingest first, or pass --db)`);
  let version: number;
  try {
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
      // a file that is not SQLite fails here rather than in the middle of a query
      probe.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    } finally {
      probe.close();
    }
  } catch (e) {
    throw new QueryDbError(`${file}: not a database this tool can read (${e instanceof Error ? e.message : String(e)})`);
  }
  const latest = loadMigrations().at(-1)?.version ?? 0;
  if (version === 0) throw new QueryDbError(`${file}: not an apa-ocr database (schema version 0); run ingest to create one`);
  if (version < latest) openDb(file).close();
  return openDb(file, { readonly: true });
}
