import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, rebuild } from '../src/ingest.js';
import { exportSubmission, listSubmissionIds } from '../db/queries.js';
import { IngestOptionsSchema } from '../src/config.js';
import { openDb } from '../db/open.js';
import { stats } from '../db/queries.js';
import { FakeEngine } from './helpers/fakeEngine.js';

const BAD = 'samples/bad';
const GOOD = 'samples/pdf/smp_001.pdf';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'apa-ingest-'));
}
function options(db: string, extra: Record<string, unknown> = {}) {
  return IngestOptionsSchema.parse({ db, jobs: 2, ...extra });
}

describe('ingest over a batch with bad files', () => {
  it('reports each bad file in one line naming it, stores the good ones, and goes on', async () => {
    const dir = tmp();
    const db = path.join(dir, 'a.sqlite');
    const inputs = ['not-a-pdf.pdf', 'png-named.pdf', 'truncated.pdf', 'encrypted.pdf', 'zero-pages.pdf', 'blank-page.pdf'].map((f) => path.join(BAD, f));
    const s = await ingest([...inputs, GOOD, path.join(dir, 'missing.pdf')], options(db), () => new FakeEngine());
    const failed = new Map(s.failed.map((f) => [path.basename(f.file), f.message]));
    for (const f of ['not-a-pdf.pdf', 'png-named.pdf', 'truncated.pdf', 'encrypted.pdf', 'zero-pages.pdf', 'missing.pdf']) {
      const msg = failed.get(f);
      expect(msg, f).toBeDefined();
      expect(msg!).toContain(f);
      expect(msg!.split('\n')).toHaveLength(1);
    }
    expect(failed.get('encrypted.pdf')).toMatch(/encrypt|password/i);
    expect(s.stored).toBe(2); // the blank page and the good sample
    const d = openDb(db, { readonly: true });
    const st = stats(d);
    expect(st.submissions).toBe(2);
    expect(st.failures.map((f) => path.basename(f.file)).sort()).toEqual([...failed.keys()].sort());
    const blank = d.prepare("SELECT p.preprocess_json FROM pages p JOIN submissions s ON s.id = p.submission_id WHERE s.file_name = 'blank-page.pdf'").get() as { preprocess_json: string };
    expect(JSON.parse(blank.preprocess_json).blank).toBe(true);
    d.close();
  });

  it('skips files already stored, and --force replaces without duplicating', async () => {
    const db = path.join(tmp(), 'b.sqlite');
    const first = await ingest([GOOD], options(db), () => new FakeEngine());
    expect(first.stored).toBe(1);
    const again = await ingest([GOOD], options(db), () => new FakeEngine());
    expect(again).toMatchObject({ stored: 0, skipped: 1 });
    const forced = await ingest([GOOD], options(db, { force: true }), () => new FakeEngine());
    expect(forced.stored).toBe(1);
    const d = openDb(db, { readonly: true });
    const st = stats(d);
    expect(st.submissions).toBe(1);
    expect(st.pages).toBe(3);
    d.close();
  });

  it('keeps what was stored when the OCR engine crashes on a later file, and records the failed pages', async () => {
    const db = path.join(tmp(), 'c.sqlite');
    await ingest([GOOD], options(db), () => new FakeEngine());
    const crash = await ingest(['samples/pdf/smp_003.pdf'], options(db), () => new FakeEngine({ failOn: () => true }));
    // every page failed in OCR: the file is stored as failed pages with errors naming file and page
    expect(crash.failed).toHaveLength(0);
    const d = openDb(db, { readonly: true });
    const st = stats(d);
    expect(st.submissions).toBe(2);
    expect(st.byStatus).toMatchObject({ ok: 1, failed: 1 });
    expect(st.failures.length).toBeGreaterThan(0);
    expect(st.failures[0]!.message).toMatch(/simulated OCR engine crash/);
    expect(st.failures.every((f) => f.page != null)).toBe(true);
    d.close();
    // a rerun retries the failed file (no --force needed) and replaces it instead of adding a second copy
    const retry = await ingest(['samples/pdf/smp_003.pdf'], options(db), () => new FakeEngine());
    expect(retry).toMatchObject({ stored: 1, skipped: 0 });
    const d2 = openDb(db, { readonly: true });
    expect(stats(d2)).toMatchObject({ submissions: 2, byStatus: { ok: 2 }, failures: [] });
    d2.close();
  });

  it('stores the same content given twice in one batch once, under the first name in order', async () => {
    const dir = tmp();
    fs.copyFileSync(GOOD, path.join(dir, 'a.pdf'));
    fs.copyFileSync(GOOD, path.join(dir, 'b.pdf'));
    const db = path.join(dir, 'dup.sqlite');
    const s = await ingest([dir], options(db), () => new FakeEngine());
    expect(s).toMatchObject({ stored: 1, skipped: 1, failed: [] });
    const d = openDb(db, { readonly: true });
    expect(d.prepare('SELECT file_name FROM submissions').all()).toEqual([{ file_name: 'a.pdf' }]);
    d.close();
  });

  it('refuses a PDF over --max-pages with a message naming the limit', async () => {
    const db = path.join(tmp(), 'd.sqlite');
    const s = await ingest(['samples/pdf/smp_003.pdf'], options(db, { maxPages: 2 }), () => new FakeEngine());
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]!.message).toMatch(/smp_003\.pdf.*exceeds --max-pages 2/);
  });
});

describe('rebuild', () => {
  it('re-runs the document stages over stored OCR without duplicating anything, with the same result', async () => {
    const db = path.join(tmp(), 'e.sqlite');
    await ingest([GOOD], options(db), () => new FakeEngine({ text: 'স্মারক নং: ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬' }));
    const read = () => {
      const d = openDb(db, { readonly: true });
      const out = listSubmissionIds(d).map((id) => exportSubmission(d, id));
      const st = stats(d);
      d.close();
      return { out, st };
    };
    const before = read();
    expect(before.out[0]!.pages.map((p) => p.section)).toEqual(['letter', 'letter', 'letter']);
    expect(rebuild(db)).toMatchObject({ submissions: 1 });
    const after = read();
    expect(after.st).toEqual(before.st);
    expect(after.out.map((o) => ({ ...o, sha256: o.sha256 }))).toEqual(before.out);
  });
});
