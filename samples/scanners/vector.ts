/**
 * The vector page of the mixed bundle: the sample cover letter as the generator laid it out, drawn as text in
 * its embedded font (what a word processor's PDF export is), cropped to the scanner fixtures' crop. The same
 * drawing onto a canvas is what that page must rasterise to (test/scanners.test.ts).
 */
import { createCanvas, PDFDocument as CanvasPdf } from '@napi-rs/canvas';
import type { GreyImage } from '../../models/image.js';
import { layoutPage } from '../generator/layout.js';
import { DEFAULT_SEED, samplePlans } from '../generator/plans.js';
import { Rng } from '../generator/prng.js';
import { makeDoc, sectionPages } from '../generator/submission.js';
import { CROP } from './manifest.js';

function layout() {
  const plan = samplePlans(DEFAULT_SEED).find((p) => p.id === CROP.sample)!;
  const spec = sectionPages(makeDoc(plan), plan.sections[0]!, plan)[CROP.page - 1]!;
  return { dpi: plan.dpi, layout: layoutPage(spec, { dpi: plan.dpi, rng: new Rng(`${plan.seed}:page${CROP.page}`).fork('layout') }) };
}

/** Draw the crop's text with `scale` page pixels per output unit. */
function draw(ctx: ReturnType<CanvasPdf['beginPage']>, scale: number): void {
  const { layout: l } = layout();
  ctx.scale(scale, scale);
  ctx.translate(-CROP.box.x, -CROP.box.y);
  ctx.fillStyle = '#000';
  for (const op of l.ops) {
    if (op.t !== 'text') continue;
    ctx.font = op.font;
    ctx.fillText(op.text, op.x, op.y);
  }
}

/** One PDF page, in points, of the crop's text (Skia's PDF backend embeds the font subsets). */
export function vectorPdf(): Buffer {
  const s = 72 / layout().dpi;
  const doc = new CanvasPdf({ title: 'apa-ocr scanner fixture: vector page', creator: 'apa-ocr samples/scanners', producer: 'Skia/PDF' });
  draw(doc.beginPage(CROP.box.width * s, CROP.box.height * s), s);
  doc.endPage();
  return doc.close();
}

/** The same text drawn into pixels at the sample's own resolution (300 dpi), on white. */
export function vectorRaster(): GreyImage {
  const { width, height } = CROP.box;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  draw(ctx, 1);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  return { width, height, data };
}
