import type Database from 'better-sqlite3';

/**
 * Run `store` (today's storeSubmission) against a database kept at an older schema version, so upgrade tests
 * can fill an old database with data: the columns later migrations added are there only while it runs, and are
 * dropped after, leaving the old schema's tables exactly as the old tool wrote them.
 */
export function storeIntoOldSchema(db: Database.Database, store: () => void): void {
  const has = (db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('tables') WHERE name = 'grid_json'").get() as { n: number }).n > 0;
  if (!has) db.exec('ALTER TABLE tables ADD COLUMN grid_json TEXT');
  try {
    store();
  } finally {
    if (!has) db.exec('ALTER TABLE tables DROP COLUMN grid_json');
  }
}
