import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { cssFont } from '../../samples/generator/fonts.js';
import { placeLayer, searchablePdf, type LayerPlacement } from '../../src/exports/searchable.js';

/** Where pdf-lib's drawPage puts a pixel (u, v) of the OCR'd image (y down) on the page (PDF points, y up). */
function mapPoint(p: LayerPlacement, img: { width: number; height: number }, u: number, v: number): [number, number] {
  const t = (p.rotate * Math.PI) / 180;
  const lx = (u / img.width) * p.width;
  const ly = (1 - v / img.height) * p.height;
  return [p.x + Math.cos(t) * lx - Math.sin(t) * ly, p.y + Math.sin(t) * lx + Math.cos(t) * ly];
}

const close = (a: [number, number], b: [number, number]): void => {
  expect(a[0]).toBeCloseTo(b[0], 6);
  expect(a[1]).toBeCloseTo(b[1], 6);
};

describe('text layer placement', () => {
  // an A4 portrait page scanned at 150 dpi: 1240 × 1754 px, 0.48 pt per px
  const W = 595.2;
  const H = 841.92;
  const k = W / 1240;
  const box = { x: 0, y: 0, width: W, height: H };
  const raster = { width: 1240, height: 1754, pdfRotate: 0 };
  const prep = (rotation: 0 | 90 | 180 | 270, width: number, height: number, skewDeg = 0) => ({ rotation, skewDeg, scale: 1, width, height });

  it('upright scan: image pixels land where the scan shows them', () => {
    const p = placeLayer(box, raster, prep(0, 1240, 1754));
    close(mapPoint(p, { width: 1240, height: 1754 }, 100, 200), [100 * k, H - 200 * k]);
    close(mapPoint(p, { width: 1240, height: 1754 }, 1240, 1754), [W, 0]);
  });

  it('a scan fed upside down or sideways: the upright OCR goes back to where the text is printed', () => {
    const img = { width: 1240, height: 1754 };
    // 180°: the upright image's (u, v) is the scan's (width − u, height − v)
    close(mapPoint(placeLayer(box, raster, prep(180, 1240, 1754)), img, 100, 200), [W - 100 * k, 200 * k]);
    // a landscape table scanned on a portrait page, turned 90° clockwise: upright image is 1754 × 1240
    const land = { width: 1754, height: 1240 };
    close(mapPoint(placeLayer(box, raster, prep(90, 1754, 1240)), land, 100, 200), [(1240 - 200) * k, H - 100 * k]);
    close(mapPoint(placeLayer(box, raster, prep(270, 1754, 1240)), land, 100, 200), [200 * k, H - (1754 - 100) * k]);
  });

  it('a page with /Rotate 90: the layer is drawn in the page’s own (unrotated) coordinates', () => {
    // media box 842 × 595 (landscape content), shown portrait; the raster is the shown page, OCR turned it back
    const mbox = { x: 0, y: 0, width: H, height: W };
    const p = placeLayer(mbox, { width: 1240, height: 1754, pdfRotate: 90 }, prep(90, 1754, 1240));
    close(mapPoint(p, { width: 1754, height: 1240 }, 100, 200), [100 * k, W - 200 * k]);
  });

  it('deskew turns the layer about the page centre by the skew that was removed', () => {
    const s = 1.5;
    const t = (s * Math.PI) / 180;
    // rotateByShear's canvas grows to hold the turned page
    const w = Math.ceil(1240 * Math.cos(t) + 1754 * Math.sin(t));
    const h = Math.ceil(1240 * Math.sin(t) + 1754 * Math.cos(t));
    const p = placeLayer(box, raster, prep(0, w, h, s));
    close(mapPoint(p, { width: w, height: h }, w / 2, h / 2), [W / 2, H / 2]);
    // a point 500 px right of centre in the upright image sits up along the counter-clockwise skew
    const [x, y] = mapPoint(p, { width: w, height: h }, w / 2 + 500, h / 2);
    expect(x - W / 2).toBeCloseTo(500 * k * Math.cos(t), 6);
    expect(y - H / 2).toBeCloseTo(500 * k * Math.sin(t), 6);
  });

  it('a media box not at the origin shifts the layer with it', () => {
    const p = placeLayer({ x: 10, y: 20, width: W, height: H }, raster, prep(0, 1240, 1754));
    close(mapPoint(p, { width: 1240, height: 1754 }, 0, 1754), [10, 20]);
  });
});

/** A small scanned-looking page: two lines of text as a JPEG, one PDF page at 200 dpi. */
async function smallScan(): Promise<Uint8Array> {
  const canvas = createCanvas(900, 260);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 900, 260);
  ctx.fillStyle = '#000';
  ctx.font = cssFont('noto-sans', 44);
  ctx.fillText('ARCHIVE COPY 2024', 40, 90);
  ctx.fillText('সমবায় কার্যালয়', 40, 190);
  const jpeg = await canvas.encode('jpeg', 90);
  const doc = await PDFDocument.create();
  const img = await doc.embedJpg(jpeg);
  const page = doc.addPage([(900 * 72) / 200, (260 * 72) / 200]);
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return doc.save();
}

describe('searchable PDF (one small page through Tesseract)', () => {
  it('keeps the original page and adds invisible text a PDF reader finds where it is printed', async () => {
    const original = await smallScan();
    const r = await searchablePdf(original, 'small.pdf');
    expect(r.pages).toBe(1);
    expect(r.words).toBeGreaterThanOrEqual(3);

    const doc = await getDocument({ data: r.pdf, verbosity: 0 }).promise;
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const pw = page.view[2]!;
    const ph = page.view[3]!;
    expect(pw).toBeCloseTo((900 * 72) / 200, 1);
    expect(ph).toBeCloseTo((260 * 72) / 200, 1);
    const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [{ str: i.str, transform: i.transform as number[] }] : []));
    const text = items.map((i) => i.str).join(' ');
    expect(text).toMatch(/ARCHIVE/);
    expect(text).toMatch(/2024/);
    // the word sits on the first printed line: left part of the page, upper half (PDF y grows upwards)
    const archive = items.find((i) => i.str.includes('ARCHIVE'))!;
    const [x, y] = [archive.transform[4]!, archive.transform[5]!];
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(pw * 0.3);
    expect(y).toBeGreaterThan(ph * 0.5);
    expect(y).toBeLessThan(ph);
    // the scan itself is still there: one image drawn on the page
    const ops = await page.getOperatorList();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(ops.fnArray.filter((f) => f === OPS.paintImageXObject)).toHaveLength(1);
    await doc.destroy();
  });
});
