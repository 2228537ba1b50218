import { describe, expect, it, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { ingest } from '../src/ingest.js';
import { exportJson } from '../src/export.js';
import { IngestOptionsSchema } from '../src/config.js';
import { SubmissionExportSchema, type SubmissionExport } from '../models/export.js';

// One real run of the whole pipeline (tesseract.js OCR included) over one clean sample submission,
// checked against the truth its generator wrote. The only OCR-heavy test in the suite.
const PDF = 'samples/pdf/smp_001.pdf';
const truth = JSON.parse(fs.readFileSync('samples/truth/smp_001.truth.json', 'utf8')) as {
  fiscalYear: string;
  quarter: number;
  office: { district: string; upazila: string };
  pages: { page: number; section: string; text: string; tables: { indicators?: { indicatorCode: string; target: { value: unknown }; total: { value: unknown } }[] }[] }[];
};
const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

let exported: SubmissionExport;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-e2e-'));
  const db = path.join(dir, 'e2e.sqlite');
  const s = await ingest([PDF], IngestOptionsSchema.parse({ db, jobs: 2 }));
  expect(s.stored).toBe(1);
  const files = exportJson({ db, out: path.join(dir, 'out'), format: 'json' });
  expect(files.map((f) => path.basename(f))).toEqual(['smp_001.json']);
  exported = SubmissionExportSchema.parse(JSON.parse(fs.readFileSync(files[0]!, 'utf8')));
}, 300_000);

describe('end to end on a clean sample', () => {
  it('classifies every page as its truth says', () => {
    expect(exported.pages.map((p) => p.section)).toEqual(truth.pages.map((p) => p.section));
  });

  it('reads the page text with a low character error rate', () => {
    for (const tp of truth.pages) {
      const got = norm(exported.pages.find((p) => p.page === tp.page)!.text);
      const want = norm(tp.text);
      const cer = distance(got, want) / want.length;
      expect(cer, `page ${tp.page}`).toBeLessThan(0.1);
    }
  });

  it('finds the submission metadata', () => {
    expect(exported.fiscalYear).toBe(truth.fiscalYear);
    expect(exported.quarter).toBe(truth.quarter);
    expect(exported.office.district).toBe(truth.office.district);
    expect(exported.office.upazila).toBe(truth.office.upazila);
  });

  it('extracts the Annex 5 indicators with their values and cell boxes, and no spurious ones', () => {
    const want = truth.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators ?? []));
    const got = exported.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators));
    const codes = new Set(want.map((w) => w.indicatorCode));
    expect(got.filter((g) => !codes.has(g.indicatorCode))).toEqual([]);
    const matched = want.filter((w) => got.some((g) => g.indicatorCode === w.indicatorCode));
    expect(matched.length).toBeGreaterThanOrEqual(want.length - 1);
    let right = 0;
    for (const w of matched) {
      const g = got.find((x) => x.indicatorCode === w.indicatorCode)!;
      if (JSON.stringify(g.target.value) === JSON.stringify(w.target.value)) right++;
      if (JSON.stringify(g.total.value) === JSON.stringify(w.total.value)) right++;
      expect(g.target.bbox).not.toBeNull();
      expect(g.page).toBeGreaterThan(0);
    }
    expect(right / (2 * matched.length)).toBeGreaterThanOrEqual(0.8);
  });
});
