import { deflateSync } from 'node:zlib';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { GreyImage } from '../models/image.js';
import { openPdf } from '../pipeline/rasterise/index.js';
import { greyFrom, scaleGrey } from '../pipeline/preprocess/grey.js';
import { writeRawPdf } from '../samples/bad/make.js';

/** A 240×320 scan-like image: white paper, a black block in the top-left corner and a grey bar lower down. */
function testPattern(width = 240, height = 320): GreyImage {
  const data = new Uint8Array(width * height).fill(250);
  for (let y = 10; y < 60; y++) for (let x = 10; x < 80; x++) data[y * width + x] = 0;
  for (let y = 200; y < 215; y++) for (let x = 30; x < 200; x++) data[y * width + x] = 120;
  return { width, height, data };
}

async function jpegOf(img: GreyImage): Promise<Uint8Array> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).jpeg({ quality: 90 }).toBuffer();
}

/** Mean ink (0–1) in a region given as fractions of the image. */
function darkness(img: GreyImage, fx0: number, fy0: number, fx1: number, fy1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(fy0 * img.height); y < Math.floor(fy1 * img.height); y++) {
    for (let x = Math.floor(fx0 * img.width); x < Math.floor(fx1 * img.width); x++) {
      sum += 255 - img.data[y * img.width + x]!;
      n++;
    }
  }
  return sum / n / 255;
}

/** Mean absolute difference after bringing `b` to `a`'s size. */
async function meanDiff(a: GreyImage, b: GreyImage): Promise<number> {
  const bb = await greyFrom(
    sharp(b.data, { raw: { width: b.width, height: b.height, channels: 1 } }).resize(a.width, a.height, { fit: 'fill' }),
  );
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d += Math.abs(a.data[i]! - bb.data[i]!);
  return d / a.data.length;
}

const PAGE_W = 595.2;
const PAGE_H = 793.6; // 240×320 px at 29.0 dpi fills this page exactly

/** One page whose content is exactly `content`, with a single image XObject /Im0. */
function pdfWithImage(image: { dict: string; data: Uint8Array }, content: string, pageExtra = ''): Uint8Array {
  const header = new TextEncoder().encode(`<< ${image.dict} /Length ${image.data.length} >>\nstream\n`);
  const footer = new TextEncoder().encode('\nendstream');
  const contentBytes = new TextEncoder().encode(content);
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R ${pageExtra}>>`,
    Buffer.concat([header, image.data, footer]),
    Buffer.concat([new TextEncoder().encode(`<< /Length ${contentBytes.length} >>\nstream\n`), contentBytes, footer]),
  ]);
}

const fill = `q ${PAGE_W} 0 0 ${PAGE_H} 0 0 cm /Im0 Do Q`;

describe('openPdf: embedded image extraction', () => {
  it('takes a full-page DCT image as the JPEG it is, at its own resolution', async () => {
    const pattern = testPattern();
    const jpeg = await jpegOf(pattern);
    const doc = await PDFDocument.create();
    const img = await doc.embedJpg(jpeg);
    doc.addPage([PAGE_W, PAGE_H]).drawImage(img, { x: 0, y: 0, width: PAGE_W, height: PAGE_H });
    const pdf = await openPdf(await doc.save(), 'scan.pdf');
    const page = await pdf.rasterise(1);
    await pdf.close();
    expect(page.info).toMatchObject({ page: 1, width: 240, height: 320, source: 'embedded', filter: 'DCTDecode', pdfRotate: 0 });
    expect(page.info.dpi).toBeCloseTo((240 / PAGE_W) * 72, 1);
    // the very pixels sharp decodes from the JPEG: no re-rendering, no resampling
    const direct = await greyFrom(sharp(jpeg));
    expect(Buffer.from(page.image.data).equals(Buffer.from(direct.data))).toBe(true);
  });

  it('decodes Flate grey and RGB images losslessly, including PNG row predictors and 1-bit scans', async () => {
    const pattern = testPattern();
    const { width: w, height: h } = pattern;
    const grey = pdfWithImage(
      { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, data: deflateSync(pattern.data) },
      fill,
    );
    // PNG "Up" filter on every row, as many PDF writers store scans
    const up = new Uint8Array((w + 1) * h);
    for (let y = 0; y < h; y++) {
      up[y * (w + 1)] = 2;
      for (let x = 0; x < w; x++) up[y * (w + 1) + 1 + x] = (pattern.data[y * w + x]! - (y > 0 ? pattern.data[(y - 1) * w + x]! : 0)) & 0xff;
    }
    const predicted = pdfWithImage(
      {
        dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns ${w} >>`,
        data: deflateSync(up),
      },
      fill,
    );
    const rgbData = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) rgbData.fill(pattern.data[i]!, i * 3, i * 3 + 3);
    const colour = pdfWithImage(
      { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`, data: deflateSync(rgbData) },
      fill,
    );
    for (const [name, bytes] of [['grey', grey], ['predicted', predicted], ['rgb', colour]] as const) {
      const pdf = await openPdf(bytes, `${name}.pdf`);
      const page = await pdf.rasterise(1);
      await pdf.close();
      expect(page.info.source, name).toBe('embedded');
      expect(page.info.filter, name).toBe('FlateDecode');
      expect(Buffer.from(page.image.data).equals(Buffer.from(pattern.data)), name).toBe(true);
    }

    const bits = new Uint8Array(Math.ceil(w / 8) * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (pattern.data[y * w + x]! > 128) bits[y * Math.ceil(w / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
    const bilevel = pdfWithImage(
      { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode`, data: deflateSync(bits) },
      fill,
    );
    const pdf = await openPdf(bilevel, 'bilevel.pdf');
    const page = await pdf.rasterise(1);
    await pdf.close();
    expect(page.info.source).toBe('embedded');
    expect(page.image.data[20 * w + 20]).toBe(0);
    expect(page.image.data[100 * w + 100]).toBe(255);
  });

  it('applies the page /Rotate and the image placement, agreeing with what pdfjs draws', async () => {
    const pattern = testPattern();
    const jpeg = await jpegOf(pattern);
    const image = {
      dict: `/Type /XObject /Subtype /Image /Width 240 /Height 320 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`,
      data: jpeg,
    };
    // [content stream, /Rotate, where the black block (top-left in the image) must appear]
    const cases: [string, number, 'TL' | 'TR' | 'BL' | 'BR'][] = [
      [fill, 0, 'TL'],
      [fill, 90, 'TR'],
      [fill, 180, 'BR'],
      [fill, 270, 'BL'],
      // mirrored left–right by a negative x scale
      [`q -${PAGE_W} 0 0 ${PAGE_H} ${PAGE_W} 0 cm /Im0 Do Q`, 0, 'TR'],
      // upside down by a negative y scale
      [`q ${PAGE_W} 0 0 -${PAGE_H} 0 ${PAGE_H} cm /Im0 Do Q`, 0, 'BL'],
    ];
    for (const [content, rotate, corner] of cases) {
      const bytes = pdfWithImage(image, content, rotate ? `/Rotate ${rotate}` : '');
      const fast = await openPdf(bytes, 'placed.pdf');
      const extracted = await fast.rasterise(1);
      await fast.close();
      const slow = await openPdf(bytes, 'placed.pdf', { extractImages: false, dpi: 30 });
      const rendered = await slow.rasterise(1);
      await slow.close();
      const label = `${content} /Rotate ${rotate}`;
      expect(extracted.info.source, label).toBe('embedded');
      expect(rendered.info.source, label).toBe('rendered');
      expect(extracted.info.pdfRotate, label).toBe(rotate);
      expect([extracted.image.width, extracted.image.height], label).toEqual(rotate % 180 ? [320, 240] : [240, 320]);
      const [fx, fy] = [corner[1] === 'L' ? 0.06 : 0.84, corner[0] === 'T' ? 0.06 : 0.88];
      expect(darkness(extracted.image, fx, fy, fx + 0.1, fy + 0.06), label).toBeGreaterThan(0.9);
      expect(await meanDiff(extracted.image, rendered.image), label).toBeLessThan(12);
    }
  });

  it('keeps extracting when the scan carries an invisible OCR text layer, but renders visible text', async () => {
    const jpeg = await jpegOf(testPattern());
    const image = { dict: `/Type /XObject /Subtype /Image /Width 240 /Height 320 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`, data: jpeg };
    // render mode 3 is invisible text, what scanners and OCR tools lay over the image to make it searchable
    const layer = (mode: number): string => `${fill}\nBT ${mode} Tr /F1 12 Tf 100 700 Td (hidden words) Tj [(more) -250 (words)] TJ ET`;
    const sources: string[] = [];
    for (const mode of [3, 0]) {
      const pdf = await openPdf(pdfWithImage(image, layer(mode)), `layer-${mode}.pdf`, { dpi: 30 });
      sources.push((await pdf.rasterise(1)).info.source);
      await pdf.close();
    }
    expect(sources).toEqual(['embedded', 'rendered']);
  });

  it('draws an image rotated by a non-right angle with pdfjs instead', async () => {
    const jpeg = await jpegOf(testPattern());
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const bytes = pdfWithImage(
      { dict: `/Type /XObject /Subtype /Image /Width 240 /Height 320 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`, data: jpeg },
      `q ${PAGE_W * c} ${PAGE_W * s} ${-PAGE_H * s} ${PAGE_H * c} 100 0 cm /Im0 Do Q`,
    );
    const pdf = await openPdf(bytes, 'tilted.pdf');
    const page = await pdf.rasterise(1);
    await pdf.close();
    expect(page.info.source).toBe('rendered');
    // rendered at the image's own resolution rather than upsampled to 300 dpi (floored at 100)
    expect(page.info.dpi).toBe(100);
  });

  it('undoes a /Decode [1 0] itself (scanners writing 1 = black), and leaves other /Decode arrays to pdfjs, which honours them', async () => {
    const pattern = testPattern();
    const inverted = pattern.data.map((v) => 255 - v);
    const image = (decode: string) => ({
      dict: `/Type /XObject /Subtype /Image /Width 240 /Height 320 /ColorSpace /DeviceGray /BitsPerComponent 8 /Decode ${decode} /Filter /FlateDecode`,
      data: deflateSync(inverted),
    });
    const pdf = await openPdf(pdfWithImage(image('[1 0]'), fill), 'decode.pdf');
    const page = await pdf.rasterise(1);
    await pdf.close();
    expect(page.info.source).toBe('embedded');
    expect(Buffer.from(page.image.data).equals(Buffer.from(pattern.data))).toBe(true);

    // [1 0.5]: white stays white, black comes out mid-grey
    const half = await openPdf(pdfWithImage(image('[1 0.5]'), fill), 'decode-half.pdf');
    const drawn = await half.rasterise(1);
    await half.close();
    expect(drawn.info.source).toBe('rendered');
    expect(drawn.info.filter).toBeNull();
    expect(darkness(drawn.image, 0.05, 0.04, 0.3, 0.17)).toBeGreaterThan(0.4);
    expect(darkness(drawn.image, 0.05, 0.04, 0.3, 0.17)).toBeLessThan(0.6);
    expect(darkness(drawn.image, 0.5, 0.3, 0.9, 0.5)).toBeLessThan(0.1);
  });

  it('renders pages whose scan sits in a form XObject or carries a soft mask', async () => {
    const scan = await PDFDocument.create();
    scan.addPage([PAGE_W, PAGE_H]).drawImage(await scan.embedJpg(await jpegOf(testPattern())), { x: 0, y: 0, width: PAGE_W, height: PAGE_H });
    const nested = await PDFDocument.create();
    const [form] = await nested.embedPdf(await scan.save());
    nested.addPage([PAGE_W, PAGE_H]).drawPage(form!, { x: 0, y: 0, width: PAGE_W, height: PAGE_H });

    const pattern = testPattern();
    const rgba = Buffer.alloc(pattern.width * pattern.height * 4);
    // nearly opaque, so the page looks the same, but the PNG's alpha becomes an /SMask in the PDF
    for (let i = 0; i < pattern.data.length; i++) {
      rgba.fill(pattern.data[i]!, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 250;
    }
    const png = await sharp(rgba, { raw: { width: pattern.width, height: pattern.height, channels: 4 } }).png().toBuffer();
    const masked = await PDFDocument.create();
    masked.addPage([PAGE_W, PAGE_H]).drawImage(await masked.embedPng(png), { x: 0, y: 0, width: PAGE_W, height: PAGE_H });

    for (const [name, doc] of [['form', nested], ['smask', masked]] as const) {
      const pdf = await openPdf(await doc.save(), `${name}.pdf`);
      const page = await pdf.rasterise(1);
      await pdf.close();
      expect(page.info.source, name).toBe('rendered');
      expect(darkness(page.image, 0.06, 0.06, 0.16, 0.12), name).toBeGreaterThan(0.9);
      expect(darkness(page.image, 0.5, 0.3, 0.9, 0.5), name).toBeLessThan(0.1);
    }
  });
});

describe('openPdf: rendering with pdfjs', () => {
  it('renders a vector page at the requested DPI, text and shapes where they were drawn', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.drawRectangle({ x: 50, y: 700, width: 200, height: 80, color: rgb(0, 0, 0) });
    page.drawText('Annex 5 progress report', { x: 50, y: 500, size: 28, font });
    const pdf = await openPdf(await doc.save(), 'vector.pdf', { dpi: 100 });
    const r = await pdf.rasterise(1);
    await pdf.close();
    expect(r.info).toMatchObject({ source: 'rendered', dpi: 100, filter: null, width: Math.round((595 / 72) * 100), height: Math.round((842 / 72) * 100) });
    // the rectangle spans x 50–250 pt, y 62–142 pt from the top
    expect(darkness(r.image, 60 / 595, 70 / 842, 240 / 595, 135 / 842)).toBeGreaterThan(0.95);
    // the text line, 28 pt Helvetica with its baseline 342 pt from the top: some ink, far from solid
    const text = darkness(r.image, 50 / 595, 322 / 842, 330 / 595, 342 / 842);
    expect(text).toBeGreaterThan(0.1);
    expect(text).toBeLessThan(0.7);
    expect(darkness(r.image, 0.1, 0.6, 0.9, 0.9)).toBe(0);
  });

  it('renders a page with several images, and respects /Rotate when rendering', async () => {
    const doc = await PDFDocument.create();
    const a = await doc.embedJpg(await jpegOf(testPattern()));
    const page = doc.addPage([600, 400]);
    page.drawImage(a, { x: 0, y: 0, width: 300, height: 400 });
    page.drawImage(a, { x: 300, y: 0, width: 300, height: 400 });
    page.setRotation(degrees(90));
    const pdf = await openPdf(await doc.save(), 'two-images.pdf', { dpi: 72 });
    const r = await pdf.rasterise(1);
    await pdf.close();
    expect(r.info).toMatchObject({ source: 'rendered', pdfRotate: 90, width: 400, height: 600 });
    // each image's top-left block lands at the top-right after a clockwise quarter turn
    expect(darkness(r.image, 0.8, 0.03, 0.95, 0.12)).toBeGreaterThan(0.5);
    expect(darkness(r.image, 0.8, 0.53, 0.95, 0.62)).toBeGreaterThan(0.5);
    expect(darkness(r.image, 0.05, 0.03, 0.2, 0.12)).toBeLessThan(0.05);
  });

  it('refuses a page box beyond a PDF page\'s 200 inches with a one-line error for that page (fuzzing drew it as a 1000 × 1 px sliver)', async () => {
    const page = (box: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [${box}] /Contents 5 0 R >>`;
    const bytes = writeRawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      page('0 0 99999999999 842'),
      page('0 0 595 842'),
      '<< /Length 23 >>\nstream\n0 g 50 50 200 80 re f\nendstream',
    ]);
    const pdf = await openPdf(bytes, 'long.pdf', { dpi: 50 });
    const err = await pdf.rasterise(1).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe('long.pdf page 1: the page box is 100000000000 × 842 pt, beyond the 200 × 200 in a PDF page can be: the file is damaged');
    expect((await pdf.rasterise(2)).info.width).toBe(Math.round((595 * 50) / 72));
    await pdf.close();
  });

  it('caps the long side, recording the shrink, for a page that would be enormous at the set DPI', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([2000, 1000]).drawRectangle({ x: 0, y: 0, width: 1000, height: 1000, color: rgb(0, 0, 0) });
    const pdf = await openPdf(await doc.save(), 'poster.pdf', { dpi: 300, maxSide: 1200 });
    const r = await pdf.rasterise(1);
    await pdf.close();
    expect(r.info.width).toBe(1200);
    expect(r.info.height).toBe(600);
    expect(r.info.scale).toBeCloseTo(1200 / ((2000 / 72) * 300), 4);
    expect(r.info.dpi).toBeCloseTo(300 * r.info.scale!, 0);
    expect(darkness(await scaleGrey(r.image, 0.25), 0.05, 0.1, 0.45, 0.9)).toBeGreaterThan(0.95);
  });
});
