import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SectionKind, SectionSubtype } from '../../models/section.js';
import { SubmissionMetaSchema } from '../../models/submission.js';
import { extractSubmissionMeta, splitBundle } from '../../pipeline/metadata/submission.js';

/**
 * The project's own generated samples (samples/truth, written by the sample generator): the metadata read
 * from each sample's printed page text must equal the metadata the generator printed. Page text here is the
 * generator's, so this checks the extraction logic, not OCR.
 */
interface SampleTruth {
  id: string;
  office: { level: string | null; division: string | null; district: string | null; upazila: string | null };
  fiscalYear: string;
  quarter: number | string;
  submissionDate: string;
  pages: { page: number; section: SectionKind; subtype: SectionSubtype; text: string }[];
}

const dir = path.resolve(import.meta.dirname, '../../samples/truth');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.truth.json')) : [];
const samples = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SampleTruth);
const pagesOf = (s: SampleTruth) => s.pages.map((p) => ({ page: p.page, section: p.section, subtype: p.subtype, lines: p.text.split('\n') }));

describe('submission metadata of the generated samples', () => {
  it('there are samples to check', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  for (const s of samples) {
    it(`${s.id}: office, fiscal year, quarter and (with a cover letter) submission date`, () => {
      const meta = extractSubmissionMeta(pagesOf(s));
      expect(SubmissionMetaSchema.safeParse(meta).success).toBe(true);
      expect({ level: meta.office.level, division: meta.office.division, district: meta.office.district, upazila: meta.office.upazila }).toEqual({
        level: s.office.level,
        division: s.office.division,
        district: s.office.district,
        upazila: s.office.upazila,
      });
      expect(meta.fiscalYear).toBe(s.fiscalYear);
      expect(meta.quarter).toBe(s.quarter);
      if (s.pages.some((p) => p.subtype === 'cover_letter')) expect(meta.submissionDate).toBe(s.submissionDate);
      expect(splitBundle(pagesOf(s)).isBundle).toBe(false);
    });
  }
});
