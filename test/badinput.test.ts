import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../models/errors.js';
import { openPdf } from '../pipeline/rasterise/index.js';
import { preprocessPage } from '../pipeline/preprocess/index.js';
import { ENCRYPTED_SAMPLE_PASSWORD, HUGE_SIDE, makeManyPages, writeRawPdf } from '../samples/bad/make.js';

const BAD = join(import.meta.dirname, '..', 'samples', 'bad');
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(join(BAD, name)));

/** The InputError `promise` rejects with; fails the test if it resolves or throws anything else. */
async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  const err = e as InputError;
  expect(err.message).not.toContain('\n');
  return err;
}

describe('bad input: whole-file problems give one line naming the file', () => {
  const cases: [file: string, reason: RegExp][] = [
    ['not-a-pdf.pdf', /^not-a-pdf\.pdf: not a PDF: it is a text file$/],
    ['png-named.pdf', /^png-named\.pdf: not a PDF: it is a PNG image$/],
    ['truncated.pdf', /^truncated\.pdf: truncated: .*without its end marker/],
    ['encrypted.pdf', /^encrypted\.pdf: encrypted: the PDF is password-protected/],
    ['zero-pages.pdf', /^zero-pages\.pdf: the PDF has no pages$/],
  ];
  for (const [file, reason] of cases) {
    it(file, async () => {
      const err = await inputError(openPdf(sample(file), file));
      expect(err.message).toMatch(reason);
      expect(err.file).toBe(file);
      expect(err.page).toBeNull();
    });
  }

  it('an empty file', async () => {
    const err = await inputError(openPdf(new Uint8Array(0), 'empty.pdf'));
    expect(err.message).toBe('empty.pdf: not a PDF: the file is empty (0 bytes)');
  });

  it('the encrypted sample really is encrypted: it opens with its password', async () => {
    const doc = await pdfjs.getDocument({ data: sample('encrypted.pdf'), password: ENCRYPTED_SAMPLE_PASSWORD, verbosity: 0 }).promise;
    expect(doc.numPages).toBe(1);
    await doc.destroy();
  });
});

describe('bad input: page problems name the page, the other pages still come out', () => {
  it('a page tree entry that is not a page', async () => {
    const pdf = await openPdf(sample('broken-page.pdf'), 'broken-page.pdf');
    const first = await pdf.rasterise(1);
    expect(first.info.source).toBe('embedded');
    const err = await inputError(pdf.rasterise(2));
    expect(err.message).toMatch(/^broken-page\.pdf page 2: page could not be read: /);
    expect(err.page).toBe(2);
    await pdf.close();
  });

  it('an image too large to decode safely is refused for its page, before any pixels are inflated', async () => {
    const bytes = writeRawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length 4 >>\nstream\nxxxx\nendstream',
      '<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream',
    ]);
    const pdf = await openPdf(bytes, 'giant.pdf');
    const err = await inputError(pdf.rasterise(1));
    expect(err.message).toBe('giant.pdf page 1: embedded image is 30000×30000 px, over the 250 Mpx limit');
    await pdf.close();
  });
});

describe('bad input: handled without error', () => {
  it('a blank scanned page is marked blank', async () => {
    const pdf = await openPdf(sample('blank-page.pdf'), 'blank-page.pdf');
    const raster = await pdf.rasterise(1);
    await pdf.close();
    const prepared = await preprocessPage(raster);
    expect(prepared.info.blank).toBe(true);
  });

  it('a 10,000 × 10,000 px page image is shrunk to the cap, with the factor recorded, and keeps its content', async () => {
    const pdf = await openPdf(sample('huge-image.pdf'), 'huge-image.pdf');
    const raster = await pdf.rasterise(1);
    await pdf.close();
    expect(Math.max(raster.info.width, raster.info.height)).toBe(4961);
    expect(raster.info.scale).toBeCloseTo(4961 / HUGE_SIDE, 4);
    expect(raster.info.dpi).toBeCloseTo((HUGE_SIDE / (842 / 72)) * raster.info.scale!, 0);
    // the black frame drawn 500 px in from the edge survives the shrink
    const at = (fx: number, fy: number): number =>
      raster.image.data[Math.round(fy * raster.image.height) * raster.image.width + Math.round(fx * raster.image.width)]!;
    expect(at(0.0503, 0.5)).toBeLessThan(100);
    expect(at(0.9, 0.5)).toBeGreaterThan(200);
    const prepared = await preprocessPage(raster, { options: { orient: false } });
    expect(prepared.info.blank).toBe(false);
    // ≈424 dpi after the cap is still finer than OCR needs: clean-up brings it to 300 dpi
    expect(prepared.info.scale).toBeCloseTo(300 / raster.info.dpi, 3);
    expect(Math.max(prepared.image.width, prepared.image.height)).toBeLessThanOrEqual(3600);
  });

  it('a 500-page PDF opens and every page rasterises', async () => {
    const bytes = await makeManyPages(500);
    expect(bytes.length).toBeLessThan(120_000);
    const pdf = await openPdf(bytes, 'long.pdf');
    expect(pdf.pageCount).toBe(500);
    let embedded = 0;
    for (let p = 1; p <= pdf.pageCount; p++) {
      const r = await pdf.rasterise(p);
      expect(r.info.page).toBe(p);
      if (r.info.source === 'embedded') embedded++;
    }
    await pdf.close();
    expect(embedded).toBe(500);
  });
});
