import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GreyImage, RasterPage } from '../models/image.js';
import {
  binariseOtsu,
  binariseSauvola,
  normaliseContrast,
  otsuThreshold,
  preprocessPage,
  rotateByShear,
  rotateGrey,
  rotateQuarter,
} from '../pipeline/preprocess/index.js';
import { greyFrom } from '../pipeline/preprocess/grey.js';

const FONTS = 'node_modules/@fontsource/noto-sans-bengali/files/';

beforeAll(() => {
  GlobalFonts.registerFromPath(`${FONTS}noto-sans-bengali-bengali-400-normal.woff2`, 'NSB');
  GlobalFonts.registerFromPath(`${FONTS}noto-sans-bengali-latin-400-normal.woff2`, 'NSBLatin');
});

// wording from the real submissions in ../shared/seeds
const BANGLA_WORDS = (
  'বিষয় ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক ' +
  'বাস্তবায়ন অগ্রগতি প্রমাণক প্রেরণ প্রসঙ্গে। উপর্যুক্ত সূত্রের প্রেক্ষিতে ই-গভর্ন্যান্স উদ্ভাবন কর্মপরিকল্পনা ' +
  'মহোদয়ের সদয় অবগতি প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য করা হলো। যুগ্ম-নিবন্ধক বিভাগীয় সমবায় কার্যালয়, রংপুর স্মারক নং-৬৫০'
).split(' ');
const ENGLISH_WORDS = (
  'The quarterly progress report of the e-Governance and Innovation Action Plan is attached for your kind ' +
  'information and necessary action. Evidence documents, meeting minutes and the website update are enclosed.'
).split(' ');

/** Lines of words drawn from `words` by a seeded generator, filled to `width` pixels: text that never repeats. */
function paragraph(ctx: { measureText(s: string): { width: number } }, words: string[], width: number, count: number): string[] {
  let seed = 17;
  const next = (): string => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return words[(seed >>> 8) % words.length]!;
  };
  return Array.from({ length: count }, () => {
    let line = next();
    for (let word = next(); ctx.measureText(`${line} ${word}`).width < width; word = next()) line += ` ${word}`;
    return line;
  });
}
const CELLS = ['কার্যক্রম', 'কর্মসম্পাদন সূচক', 'লক্ষ্যমাত্রা', '১ম ত্রৈমাসিক', 'মোট অর্জন', 'সংখ্যা', '৮০%', '১৬/০৩/২০২৩'];

/** A synthetic 100-dpi page: paragraphs of `lines`, or a ruled table with Bangla cells. */
function renderPage(kind: 'letter' | 'english' | 'table' | 'one-line'): GreyImage {
  const [w, h] = kind === 'table' ? [1100, 850] : [850, 1100];
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.font = '17px NSB, NSBLatin';
  if (kind === 'table') {
    ctx.fillText('সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা', 80, 70);
    const cols = 6;
    const cw = (w - 160) / cols;
    ctx.lineWidth = 2;
    for (let r = 0; r <= 12; r++) {
      ctx.beginPath();
      ctx.moveTo(80, 110 + r * 52);
      ctx.lineTo(w - 80, 110 + r * 52);
      ctx.stroke();
    }
    for (let c = 0; c <= cols; c++) {
      ctx.beginPath();
      ctx.moveTo(80 + c * cw, 110);
      ctx.lineTo(80 + c * cw, 110 + 12 * 52);
      ctx.stroke();
    }
    for (let r = 0; r < 12; r++) for (let c = 0; c < cols; c++) ctx.fillText(CELLS[(r * 3 + c) % CELLS.length]!, 88 + c * cw, 142 + r * 52);
  } else if (kind === 'one-line') {
    ctx.fillText(paragraph(ctx, BANGLA_WORDS, 500, 1)[0]!, 70, 200);
  } else {
    const lines = paragraph(ctx, kind === 'english' ? ENGLISH_WORDS : BANGLA_WORDS, w - 140, 28);
    lines.forEach((line, i) => ctx.fillText(line, 70, 110 + i * 34));
  }
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const data = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  return { width: w, height: h, data };
}

const raster = (image: GreyImage, dpi = 100): RasterPage => ({
  image,
  info: { page: 1, width: image.width, height: image.height, dpi, source: 'embedded', pdfRotate: 0, filter: null },
});

/** Mean absolute grey difference, `b` resized to `a`'s size. */
async function meanDiff(a: GreyImage, b: GreyImage): Promise<number> {
  const bb = await greyFrom(sharp(b.data, { raw: { width: b.width, height: b.height, channels: 1 } }).resize(a.width, a.height, { fit: 'fill' }));
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d += Math.abs(a.data[i]! - bb.data[i]!);
  return d / a.data.length;
}

describe('preprocessPage: orientation', () => {
  for (const kind of ['letter', 'table'] as const) {
    it(`turns a Bangla ${kind} page upright from 0, 90, 180 and 270 degrees, by the headline cue alone`, async () => {
      const upright = renderPage(kind);
      const upsideDown = rotateQuarter(upright, 180);
      for (const rotation of [0, 90, 180, 270] as const) {
        const prepared = await preprocessPage(raster(rotateQuarter(upright, rotation)));
        expect(prepared.info.rotation, `${kind} at ${rotation}`).toBe(rotation);
        expect(prepared.info.rotationMethod).toBe('projection+headline');
        expect(prepared.info.rotationConfidence).toBeGreaterThan(0.5);
        expect([prepared.image.width, prepared.image.height]).toEqual([upright.width, upright.height]);
        const diff = await meanDiff(upright, prepared.image);
        expect(diff).toBeLessThan(2);
        expect(await meanDiff(upsideDown, prepared.image)).toBeGreaterThan(diff + 5);
      }
    });
  }

  it('asks OSD only when the page has no Bangla headlines to vote, and follows its 0/180 answer', async () => {
    const upright = renderPage('english');
    const asked: GreyImage[] = [];
    // an honest stand-in for Tesseract OSD: it compares what it is shown with the known upright page
    const engine = {
      async detectOrientation(png: Uint8Array) {
        const shown = await greyFrom(sharp(png));
        asked.push(shown);
        if (shown.width !== upright.width) return null;
        const straight = await meanDiff(upright, shown);
        const flipped = await meanDiff(rotateQuarter(upright, 180), shown);
        return { rotation: straight < flipped ? (0 as const) : (180 as const), confidence: 12 };
      },
    };
    for (const rotation of [0, 180, 270] as const) {
      const prepared = await preprocessPage(raster(rotateQuarter(upright, rotation)), { engine });
      expect(prepared.info.rotation, `english at ${rotation}`).toBe(rotation);
      expect(prepared.info.rotationMethod).toBe('projection+osd');
      expect(await meanDiff(upright, prepared.image)).toBeLessThan(2);
    }
    // OSD was always shown the page with its lines horizontal
    expect(asked.map((a) => a.width)).toEqual([upright.width, upright.width, upright.width]);

    // without an engine the line direction still turns the page a quarter, and the method says so
    const alone = await preprocessPage(raster(rotateQuarter(upright, 270)));
    expect(alone.info.rotationMethod).toBe('projection');
    expect([90, 270]).toContain(alone.info.rotation);
    expect(alone.info.rotationConfidence).toBeLessThan(0.2);
    // and a page whose lines already run left–right is taken to be upright
    for (const rotation of [0, 180] as const) {
      const level = await preprocessPage(raster(rotateQuarter(upright, rotation)));
      expect(level.info.rotation).toBe(0);
      expect(level.info.rotationMethod).toBe('projection');
    }

    const before = asked.length;
    await preprocessPage(raster(rotateQuarter(renderPage('letter'), 180)), { engine });
    expect(asked.length).toBe(before);
  });
});

describe('preprocessPage: deskew', () => {
  it('finds and removes a known skew within 0.2°, also on a page that is turned as well', async () => {
    const upright = renderPage('letter');
    // sharp turns clockwise for positive angles; PreprocessInfo reports counter-clockwise skew as positive
    for (const [turn, angle] of [[0, 2.3], [0, -1.7], [0, 0.6], [90, -3.4], [180, 4.2]] as const) {
      const scanned = await rotateGrey(rotateQuarter(upright, turn), angle);
      const prepared = await preprocessPage(raster(scanned));
      expect(prepared.info.rotation, `${turn}° + ${angle}°`).toBe(turn);
      expect(Math.abs(prepared.info.skewDeg - -angle), `${turn}° + ${angle}°: found ${prepared.info.skewDeg}`).toBeLessThan(0.2);
    }
  });

  it('rotates by shears: a horizontal rule comes out at the angle asked, the page keeps its size otherwise', () => {
    const w = 600;
    const h = 400;
    const data = new Uint8Array(w * h).fill(255);
    for (let x = 100; x < 500; x++) data[200 * w + x] = 0;
    const img = { width: w, height: h, data };
    expect(rotateByShear(img, 0)).toBe(img);
    const turned = rotateByShear(img, 3);
    const rad = (3 * Math.PI) / 180;
    expect(turned.width).toBe(Math.ceil(w * Math.cos(rad) + h * Math.sin(rad)));
    expect(turned.height).toBe(Math.ceil(w * Math.sin(rad) + h * Math.cos(rad)));
    // fit y = m·x + c through the rule's pixels: clockwise on screen means descending to the right (y grows)
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let y = 0; y < turned.height; y++) {
      for (let x = 0; x < turned.width; x++) {
        if (turned.data[y * turned.width + x]! > 128) continue;
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      }
    }
    expect(n).toBeGreaterThan(395);
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    expect(Math.atan(slope) / rad).toBeCloseTo(1, 1);
  });

  it('leaves a straight page unrotated and the same size', async () => {
    const upright = renderPage('table');
    const prepared = await preprocessPage(raster(upright));
    expect(prepared.info.skewDeg).toBe(0);
    expect([prepared.image.width, prepared.image.height]).toEqual([upright.width, upright.height]);
  });
});

describe('preprocessPage: blank pages and scale', () => {
  it('calls paper with scanner noise and an edge shadow blank, and a page with one line of text not blank', async () => {
    const w = 850;
    const h = 1100;
    const paper = new Uint8Array(w * h);
    let seed = 11;
    for (let i = 0; i < paper.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      paper[i] = 232 + ((seed >>> 16) % 20);
    }
    // a dark shadow along the right edge and a few specks of dust
    for (let y = 0; y < h; y++) for (let x = w - 20; x < w; x++) paper[y * w + x] = 60 + (x - (w - 20)) * 4;
    for (const [x, y] of [[200, 300], [500, 700], [640, 150]] as const) paper[y * w + x] = 20;
    const blank = await preprocessPage(raster({ width: w, height: h, data: paper }));
    expect(blank.info.blank).toBe(true);
    expect(blank.info.rotationMethod).toBe('none');
    expect(blank.info.rotation).toBe(0);

    const oneLine = await preprocessPage(raster(renderPage('one-line')));
    expect(oneLine.info.blank).toBe(false);
  });

  it('shrinks pages scanned finer than 400 dpi to 300 dpi and records the factor', async () => {
    const page = renderPage('letter');
    // a 100-dpi drawing labelled 600 dpi: only the scaling is under test, so nothing is turned
    const prepared = await preprocessPage(raster(page, 600), { options: { orient: false, deskew: false } });
    expect(prepared.info.scale).toBe(0.5);
    expect([prepared.image.width, prepared.image.height]).toEqual([Math.round(page.width / 2), Math.round(page.height / 2)]);
    const kept = await preprocessPage(raster(page, 300));
    expect(kept.info.scale).toBe(1);
  });
});

describe('preprocessPage: degenerate images', () => {
  it('does not fail on a one-pixel page or a thin strip', async () => {
    for (const [w, h] of [[1, 1], [3, 500], [500, 2]] as const) {
      const prepared = await preprocessPage(raster({ width: w, height: h, data: new Uint8Array(w * h).fill(255) }));
      expect(prepared.info.blank, `${w}×${h}`).toBe(true);
    }
  });
});

describe('binarisation and contrast helpers', () => {
  it('Otsu puts the threshold between paper and ink', () => {
    const img = { width: 100, height: 100, data: new Uint8Array(10_000).map((_, i) => (i % 10 === 0 ? 40 + (i % 7) : 210 + (i % 13))) };
    const t = otsuThreshold(img);
    expect(t).toBeGreaterThanOrEqual(46);
    expect(t).toBeLessThan(210);
    const mask = binariseOtsu(img);
    expect(mask.data.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('Sauvola keeps text inside a scanner shadow as ink and the shadow itself as paper', () => {
    const w = 400;
    const h = 200;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = x < 200 ? 110 + Math.round(x / 4) : 235;
    // strokes: one in the shadow, one on clean paper
    for (let y = 90; y < 96; y++) for (let x = 40; x < 160; x++) data[y * w + x] = 20;
    for (let y = 90; y < 96; y++) for (let x = 240; x < 360; x++) data[y * w + x] = 20;
    const mask = binariseSauvola({ width: w, height: h, data });
    expect(mask.data[92 * w + 100]).toBe(1);
    expect(mask.data[92 * w + 300]).toBe(1);
    let shadowInk = 0;
    for (let y = 0; y < 60; y++) for (let x = 0; x < 200; x++) shadowInk += mask.data[y * w + x]!;
    expect(shadowInk).toBe(0);
    // a global threshold cannot tell the shadow from ink
    const otsu = binariseOtsu({ width: w, height: h, data });
    let otsuShadow = 0;
    for (let y = 0; y < 60; y++) for (let x = 0; x < 200; x++) otsuShadow += otsu.data[y * w + x]!;
    expect(otsuShadow).toBeGreaterThan(1000);
  });

  it('contrast normalisation makes grey paper white and faded ink black, and leaves a blank page alone', () => {
    const data = new Uint8Array(10_000).map((_, i) => (i % 20 === 0 ? 90 : 200));
    const out = normaliseContrast({ width: 100, height: 100, data });
    expect(out.data[0]).toBe(0);
    expect(out.data[1]).toBe(255);
    const flat = { width: 100, height: 100, data: new Uint8Array(10_000).map((_, i) => 230 + (i % 9)) };
    expect(normaliseContrast(flat)).toBe(flat);
  });
});
