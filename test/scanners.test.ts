/**
 * What scanners write (samples/scanners/, made by its make.ts): every fixture page rasterises upright, at the
 * scan's own resolution, through the path its format needs, to the pixels of its grey JPEG twin. No OCR here:
 * `npm run measure -- scanners` compares the OCR.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GreyImage, RasterPage } from '../models/image.js';
import { openPdf, type OpenedPdf } from '../pipeline/rasterise/index.js';
import { oversizeJbig2Claim } from '../pipeline/rasterise/jbig2.js';
import { jbig2PageSegments } from '../samples/scanners/jbig2.js';
import { FIXTURE_MANIFEST } from '../samples/scanners/manifest.js';
import { vectorRaster } from '../samples/scanners/vector.js';

const DIR = join(import.meta.dirname, '..', 'samples', 'scanners');
const opened = new Map<string, OpenedPdf>();

async function page(file: string, n: number): Promise<RasterPage> {
  let pdf = opened.get(file);
  if (!pdf) {
    pdf = await openPdf(new Uint8Array(readFileSync(join(DIR, file))), file);
    opened.set(file, pdf);
  }
  return pdf.rasterise(n);
}

async function resized(img: GreyImage, width: number, height: number): Promise<Uint8Array> {
  if (img.width === width && img.height === height) return img.data;
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(width, height, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return new Uint8Array(buf);
}

/** Mean absolute grey difference at half the twin's size (scan noise and JPEG ringing average out). */
async function meanDiff(img: GreyImage, ref: GreyImage, box?: { x0: number; y0: number; x1: number; y1: number }): Promise<number> {
  const w = Math.round(ref.width / 2);
  const h = Math.round(ref.height / 2);
  const a = await resized(img, w, h);
  const b = await resized(ref, w, h);
  const [x0, y0, x1, y1] = box ? [box.x0 * w, box.y0 * h, box.x1 * w, box.y1 * h].map(Math.round) as [number, number, number, number] : [0, 0, w, h];
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += Math.abs(a[y * w + x]! - b[y * w + x]!);
  return sum / ((x1 - x0) * (y1 - y0));
}

/** How far each format may stray from its twin: lossy codecs and thresholding differ, the geometry may not. */
const TOLERANCE: Record<string, number> = {
  'ccitt-g4.pdf': 3,
  'jbig2.pdf': 3,
  'flate-1bit.pdf': 3,
  'grey16.pdf': 1,
  'cmyk-jpeg.pdf': 5,
  'ycck-jpeg.pdf': 5,
  'jpeg2000.pdf': 6,
  'strips.pdf': 1,
  'overlay.pdf': 2,
  'mixed-bundle.pdf': 3,
};

beforeAll(async () => {
  // every fixture opens (the twins too)
  for (const f of new Set(FIXTURE_MANIFEST.flatMap((m) => [m.file, m.twin.file]))) await page(f, 1);
});
afterAll(async () => {
  for (const pdf of opened.values()) await pdf.close();
});

describe('scanner formats rasterise to their grey JPEG twin', () => {
  for (const f of FIXTURE_MANIFEST) {
    it(`${f.file} page ${f.page}: ${f.format}`, async () => {
      const got = await page(f.file, f.page);
      const twin = await page(f.twin.file, f.twin.page);
      expect(got.info.source).toBe(f.source);
      // the scan's own resolution, pixel for pixel: no upsampling, whatever the page box says
      expect(got.info.dpi).toBeCloseTo(twin.info.dpi, 0);
      expect(Math.abs(got.image.width - twin.image.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(got.image.height - twin.image.height)).toBeLessThanOrEqual(1);
      const ref = f.format.startsWith('vector page') ? vectorRaster() : twin.image;
      expect(await meanDiff(got.image, ref)).toBeLessThan(TOLERANCE[f.file]!);
    });
  }
});

describe('scanner formats: exact decoding', () => {
  it('CCITT G4, JBIG2 and 1-bit Flate (with or without /Decode [1 0]) decode to the very same bitmap', async () => {
    const ref = (await page('flate-1bit.pdf', 1)).image;
    expect(new Set(ref.data)).toEqual(new Set([0, 255]));
    for (const [file, n] of [['ccitt-g4.pdf', 1], ['ccitt-g4.pdf', 2], ['jbig2.pdf', 1], ['jbig2.pdf', 2], ['flate-1bit.pdf', 3], ['mixed-bundle.pdf', 2]] as const) {
      const img = (await page(file, n)).image;
      expect(Buffer.from(img.data).equals(Buffer.from(ref.data)), `${file} p${n}`).toBe(true);
    }
  });

  it('an image mask is painted in the content stream\'s colour (0.1 grey) where its samples say, paper elsewhere', async () => {
    const ref = (await page('flate-1bit.pdf', 1)).image;
    const mask = (await page('flate-1bit.pdf', 2)).image;
    let wrong = 0;
    for (let i = 0; i < ref.data.length; i++) if (mask.data[i] !== (ref.data[i] === 0 ? 26 : 255)) wrong++;
    expect(wrong).toBe(0);
  });

  it('a page box that misstates the scan (a 7 pt page from tiff2pdf, one point per pixel) gets a plausible resolution', async () => {
    for (const n of [2]) {
      for (const file of ['ccitt-g4.pdf', 'jbig2.pdf']) {
        const r = await page(file, n);
        expect(r.info.dpiSource, file).toBe('assumed');
        expect(r.info.dpi, file).toBe(300);
      }
    }
  });
});

describe('text layers and overlays', () => {
  it('the invisible marker text over page 1 and the visible text under page 2 draw nothing', async () => {
    const twin = (await page('twin-200.pdf', 1)).image;
    const stamped = (await page('overlay.pdf', 1)).image;
    // the marker line: x 120–400 pt, 50–62 pt from the top of a 504 × 204 pt page
    const marker = { x0: 120 / 504, y0: 45 / 204, x1: 400 / 504, y1: 64 / 204 };
    expect(await meanDiff(stamped, twin, marker)).toBeLessThan(1);
    // the seal and signature left of the letterhead are drawn: that is what the page shows
    expect(await meanDiff(stamped, twin, { x0: 0, y0: 0, x1: 100 / 504, y1: 110 / 204 })).toBeGreaterThan(5);
    expect(await meanDiff((await page('overlay.pdf', 2)).image, twin)).toBeLessThan(0.2);
  });
});

describe('JBIG2 segment headers are checked before pdfjs decodes them', () => {
  const bits = new Uint8Array(64 * 16).map((_, i) => ((i % 64) + Math.floor(i / 64)) % 3 === 0 ? 1 : 0);
  const segments = jbig2PageSegments(bits, 64, 16, 300);

  it('a stream whose page and region are the image passes', () => {
    expect(oversizeJbig2Claim(segments, 64, 16)).toBeNull();
  });

  it('a region or page claiming far more pixels than the image is named', () => {
    const region = Uint8Array.from(segments);
    // the generic region's width: segment 1 starts after the 11-byte header and 19-byte page information
    new DataView(region.buffer).setUint32(30 + 11, 2_099_252);
    expect(oversizeJbig2Claim(region, 64, 16)).toBe('its JBIG2 data claims a region of 2099252×16 px in a 64×16 px image: the scan is damaged');
    const page = Uint8Array.from(segments);
    new DataView(page.buffer).setUint32(11 + 4, 100_000);
    expect(oversizeJbig2Claim(page, 64, 16)).toMatch(/claims a page of 64×100000 px/);
  });

  it('a striped page of open height, or headers cut short, are left to pdfjs', () => {
    const striped = Uint8Array.from(segments);
    new DataView(striped.buffer).setUint32(11 + 4, 0xffffffff);
    expect(oversizeJbig2Claim(striped, 64, 16)).toBeNull();
    expect(oversizeJbig2Claim(segments.subarray(0, 20), 64, 16)).toBeNull();
  });
});
