import fs from 'node:fs';
import path from 'node:path';
import type { ExportOptions } from './config.js';
import { openDb } from '../db/open.js';
import { exportSubmission, listSubmissionIds } from '../db/queries.js';

/** Write one `<pdf-name>.json` per stored submission into opts.out. Returns the files written. */
export function exportJson(opts: ExportOptions): string[] {
  const db = openDb(opts.db, { readonly: true });
  try {
    fs.mkdirSync(opts.out, { recursive: true });
    const written: string[] = [];
    for (const id of listSubmissionIds(db)) {
      const doc = exportSubmission(db, id);
      const f = path.join(opts.out, `${doc.id}.json`);
      fs.writeFileSync(f, JSON.stringify(doc, null, 1));
      written.push(f);
    }
    return written;
  } finally {
    db.close();
  }
}
