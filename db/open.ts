import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/** Open (creating and migrating if needed) the project database. WAL so readers never block the writer. */
export function openDb(file: string, opts: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !opts.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (opts.readonly && file !== ':memory:' && !fs.existsSync(file)) {
    throw new Error(`${file}: no such database (run ingest first)`);
  }
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
