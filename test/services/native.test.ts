/**
 * The native engine against the real `tesseract` (Debian tesseract-ocr, installed by .ci/run): a small crop of a
 * sample scan read by it and by tesseract.js with the same models must give much the same words in the same
 * places (full-image coordinates). Without the binary this fails with prepareEngine's line saying what to install.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { preprocessPage } from '../../pipeline/preprocess/index.js';
import { toPgm } from '../../pipeline/image.js';
import { prepareEngine } from '../../pipeline/ocr/factory.js';
import { NativeTesseractEngine } from '../../pipeline/ocr/native.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import type { OcrResult } from '../../models/ocr.js';

let pgm: Uint8Array;
const wasm = new TesseractEngine();
const native = new NativeTesseractEngine();

beforeAll(async () => {
  expect(prepareEngine('native')).toMatch(/^native tesseract [45]\./);
  const file = 'samples/pdf/smp_001.pdf';
  const doc = await openPdf(new Uint8Array(fs.readFileSync(file)), file);
  pgm = toPgm((await preprocessPage(await doc.rasterise(1), {})).image);
  await doc.close();
});

afterAll(async () => {
  await wasm.close();
  await native.close();
});

const words = (r: OcrResult) => r.lines.flatMap((l) => l.words);

describe('native tesseract', () => {
  it('reads a crop of a sample letter as tesseract.js does, boxes in page coordinates', async () => {
    // the letterhead: office name, place, web address (top of the page, across its middle)
    const rect = { left: 500, top: 60, width: 1500, height: 420 };
    const req = { png: pgm, psm: 'block' as const, dpi: 300, rect };
    const [n, w] = [await native.recognise(req), await wasm.recognise(req)];
    const nw = words(n);
    const ww = words(w);
    expect(nw.length).toBeGreaterThanOrEqual(4);
    const shared = nw.filter((a) => ww.some((b) => b.text === a.text));
    expect(shared.length / Math.max(nw.length, ww.length)).toBeGreaterThanOrEqual(0.7);
    for (const a of shared) {
      expect(a.bbox.x0).toBeGreaterThanOrEqual(rect.left);
      expect(a.bbox.y0).toBeGreaterThanOrEqual(rect.top);
      const b = ww.find((x) => x.text === a.text)!;
      expect(Math.abs(a.bbox.x0 - b.bbox.x0) + Math.abs(a.bbox.y1 - b.bbox.y1)).toBeLessThanOrEqual(12);
    }
    expect(n.text).toMatch(/সমবায়/);
  });

  it('honours the whitelist: a Bangla-only reading has no Latin letters', async () => {
    const rect = { left: 500, top: 60, width: 1500, height: 420 };
    const r = await native.recognise({ png: pgm, psm: 'block', dpi: 300, rect, charset: 'অআইউএওকখগঘচছজঝটঠডঢণতথদধনপফবভমযরলশষসহ়ািীুূেৈোৌ্ংঃঁৎয়ড়ঢ় ,.' });
    expect(r.text).not.toMatch(/[A-Za-z]/);
    expect(r.text).toMatch(/সমবায়/);
  });
});
