/**
 * What archive scanners and multifunction printers really write, made small: one crop of the project's own
 * sample smp_001 page 1 (letterhead, memo number, dates, subject: truth lines 0–9) in every encoding a
 * scanner or a PDF tool puts in a submission, each with the plain grey JPEG page it must read as well as
 * (its "twin"). `manifest.ts` lists every page with its format and twin; `test/scanners.test.ts` checks each
 * rasterises to its twin's pixels and `npm run measure -- scanners` OCRs both and compares.
 *
 *   npx tsx samples/scanners/make.ts            # rewrites samples/scanners/*.pdf
 *
 * Needs Debian's libtiff-tools (tiff2pdf), img2pdf, imagemagick (convert), libopenjp2-tools (opj_compress),
 * ghostscript, qpdf, jbig2dec (to check the JBIG2 encoder) and tesseract-ocr (the foreign OCR text layer). It is
 * not part of the quick start: the fixtures are committed. Tool versions differ in the bytes they write, so a
 * rerun may change files without changing what they contain.
 *
 * The crop goes through the background suppression MFPs apply by default (paper at 224 and lighter becomes
 * white): without it the paper grain of the sample would make every lossless fixture ten times larger.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb, setTextRenderingMode, StandardFonts, TextRenderingMode } from 'pdf-lib';
import sharp from 'sharp';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { writeRawPdf } from '../bad/make.js';
import { jbig2File, jbig2PageSegments } from './jbig2.js';
import { vectorPdf } from './vector.js';
import { CROP, FIXTURE_MANIFEST, type FixturePage } from './manifest.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const WORK = join(ROOT, '.tmp', 'scanners-work');
const w = (name: string): string => join(WORK, name);
const out = (name: string): string => join(HERE, name);

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd: WORK, encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
function stream(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);
}
const pt = (px: number, dpi: number): string => ((px * 72) / dpi).toFixed(2);

/** A one-image page: the image fills a page sized to its resolution. */
function imagePage(image: { dict: string; data: Uint8Array; width: number; height: number }, dpi: number, before = '0 g\n'): Uint8Array {
  const W = pt(image.width, dpi);
  const H = pt(image.height, dpi);
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`,
    stream(`/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} ${image.dict}`, image.data),
    stream('', latin1(`${before}q ${W} 0 0 ${H} 0 0 cm /Im0 Do Q`)),
  ]);
}

interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An MFP's "normal" JPEG setting; also keeps the whole set under 1 MB. */
const JPEG_QUALITY = 65;

const pngOf = (g: Grey, dpi: number): Promise<Buffer> =>
  sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } }).withMetadata({ density: dpi }).png().toBuffer();
const jpegOf = (g: Grey, dpi: number): Promise<Buffer> =>
  sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } }).withMetadata({ density: dpi }).jpeg({ quality: JPEG_QUALITY }).toBuffer();

/** 1 = black, one byte per pixel, as scanners threshold in bilevel mode (a fixed 50 % cut). */
const bilevel = (g: Grey): Uint8Array => g.data.map((v) => (v < 128 ? 1 : 0));

function packBits(bits: Uint8Array, width: number, height: number, black: 0 | 1): Uint8Array {
  const row = Math.ceil(width / 8);
  const out = new Uint8Array(row * height).fill(black ? 0 : 0xff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!bits[y * width + x]) continue;
      if (black) out[y * row + (x >> 3)]! |= 0x80 >> (x & 7);
      else out[y * row + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  return out;
}

/** Ink of a grey pixel as a four-colour separation: rich black (some C, M, Y under K) on slightly yellow paper. */
function cmykOf(g: Grey, inverted: boolean): Uint8Array {
  const outp = new Uint8Array(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) {
    const ink = 255 - g.data[i]!;
    const sep = [0.45 * ink, 0.4 * ink, Math.min(255, 0.4 * ink + 6), 0.85 * ink];
    for (let k = 0; k < 4; k++) outp[i * 4 + k] = inverted ? 255 - Math.round(sep[k]!) : Math.round(sep[k]!);
  }
  return outp;
}

async function sampleCrop(): Promise<{ crop300: Grey; crop200: Grey }> {
  const pdf = await openPdf(new Uint8Array(readFileSync(join(ROOT, 'samples', 'pdf', `${CROP.sample}.pdf`))), `${CROP.sample}.pdf`);
  const page = await pdf.rasterise(CROP.page);
  await pdf.close();
  if (page.info.dpi !== 300) throw new Error(`expected the 300 dpi sample, got ${page.info.dpi}`);
  const { x, y, width, height } = CROP.box;
  const data = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      // background suppression: 224 and lighter is paper
      data[r * width + c] = Math.min(255, Math.round((page.image.data[(y + r) * page.image.width + x + c]! * 255) / 224));
    }
  }
  const crop300 = { width, height, data };
  const w200 = Math.round((width * 2) / 3);
  const h200 = Math.round((height * 2) / 3);
  const small = await sharp(data, { raw: { width, height, channels: 1 } }).resize(w200, h200, { kernel: 'lanczos3' }).extractChannel(0).raw().toBuffer();
  return { crop300, crop200: { width: w200, height: h200, data: new Uint8Array(small) } };
}

/** A round seal and a signature as vector paths, plus an invisible text line and a garbled (Bijoy-encoded) one. */
async function stampOverlay(widthPt: number, heightPt: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('apa-ocr samples/scanners');
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const page = doc.addPage([widthPt, heightPt]);
  // the crop is blank left of the letterhead: the seal and the initials go there, not over text
  page.drawEllipse({ x: 62, y: heightPt - 45, xScale: 30, yScale: 30, borderColor: rgb(0.75, 0.1, 0.15), borderWidth: 2, opacity: 0.9 });
  page.drawEllipse({ x: 62, y: heightPt - 45, xScale: 22, yScale: 22, borderColor: rgb(0.75, 0.1, 0.15), borderWidth: 0.8 });
  page.drawSvgPath('M 0 0 C 10 -14 18 8 28 -4 S 40 -12 52 2 C 58 8 66 -10 80 -2', {
    x: 20,
    y: heightPt - 100,
    borderColor: rgb(0.1, 0.15, 0.6),
    borderWidth: 1.4,
  });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
  page.drawText('TEXT-LAYER-LEAK Dc‡Rjv mgevq Kvh©vjq', { x: 120, y: heightPt - 60, size: 10, font });
  return doc.save({ useObjectStreams: false });
}

/** A text layer drawn visibly but under the scan (what some tools do instead of render mode 3). */
async function underlayText(widthPt: number, heightPt: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('apa-ocr samples/scanners');
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const page = doc.addPage([widthPt, heightPt]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 6; i++) {
    page.drawText('UNDERLAY-LEAK Dc‡Rjv mgevq Kvh©vjq, Wzgyiqv, Lyjbv', { x: 40, y: heightPt - 30 - i * 28, size: 14, font });
  }
  return doc.save({ useObjectStreams: false });
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const { crop300, crop200 } = await sampleCrop();
  writeFileSync(w('crop300.png'), await pngOf(crop300, 300));
  writeFileSync(w('crop200.png'), await pngOf(crop200, 200));
  const bits = bilevel(crop300);

  // twins: the plain grey JPEG page each fixture must read as well as
  writeFileSync(w('twin300.jpg'), await jpegOf(crop300, 300));
  writeFileSync(w('twin200.jpg'), await jpegOf(crop200, 200));
  run('img2pdf', ['--imgsize', '300dpix300dpi', '-o', out('twin-300.pdf'), 'twin300.jpg']);
  run('img2pdf', ['--imgsize', '200dpix200dpi', '-o', out('twin-200.pdf'), 'twin200.jpg']);

  // CCITT Group 4, as TIFF-to-PDF tools wrap a bilevel scan
  const pbm = Buffer.concat([latin1(`P4\n${crop300.width} ${crop300.height}\n`), packBits(bits, crop300.width, crop300.height, 1)]);
  writeFileSync(w('bilevel.pbm'), pbm);
  run('convert', ['bilevel.pbm', '-units', 'PixelsPerInch', '-density', '300', '-compress', 'Group4', 'g4.tif']);
  run('tiff2pdf', ['-o', 'g4-300.pdf', 'g4.tif']);
  // the same TIFF without a resolution unit: tiff2pdf makes a page 7 pt wide (the scan "is" 21,600 dpi)
  run('convert', ['bilevel.pbm', '-units', 'Undefined', '-density', '300', '-compress', 'Group4', 'g4-nounit.tif']);
  run('tiff2pdf', ['-o', 'g4-nounit.pdf', 'g4-nounit.tif']);
  run('qpdf', ['--empty', '--pages', 'g4-300.pdf', 'g4-nounit.pdf', '--', out('ccitt-g4.pdf')]);

  // JBIG2 generic region, checked bit for bit through Debian's jbig2dec
  const segments = jbig2PageSegments(bits, crop300.width, crop300.height, 300);
  writeFileSync(w('page.jb2'), jbig2File(segments));
  run('jbig2dec', ['-t', 'pbm', '-o', 'jbig2dec.pbm', 'page.jb2']);
  if (!readFileSync(w('jbig2dec.pbm')).equals(pbm)) throw new Error('jbig2dec does not decode our JBIG2 stream to the bitmap it encodes');
  const jbig2 = { dict: '/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode', data: segments, width: crop300.width, height: crop300.height };
  writeFileSync(w('jbig2-300.pdf'), imagePage(jbig2, 300));
  // page 2: one image pixel per point, as phone apps and some converters size pages (a "72 dpi" scan)
  writeFileSync(w('jbig2-72.pdf'), imagePage(jbig2, 72));
  run('qpdf', ['--empty', '--pages', 'jbig2-300.pdf', 'jbig2-72.pdf', '--', out('jbig2.pdf')]);

  // 1-bit Flate three ways: img2pdf's PNG-predicted bitmap, an image mask, and 1 = black with a /Decode array
  run('convert', ['bilevel.pbm', '-units', 'PixelsPerInch', '-density', '300', 'png:bilevel.png']);
  run('img2pdf', ['--imgsize', '300dpix300dpi', '-o', 'flate-img2pdf.pdf', 'bilevel.png']);
  const ones = deflateSync(packBits(bits, crop300.width, crop300.height, 1));
  writeFileSync(
    w('flate-mask.pdf'),
    imagePage({ dict: '/ImageMask true /Decode [1 0] /Filter /FlateDecode', data: ones, width: crop300.width, height: crop300.height }, 300, '0.1 0.1 0.1 rg\n'),
  );
  writeFileSync(
    w('flate-decode.pdf'),
    imagePage({ dict: '/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode', data: ones, width: crop300.width, height: crop300.height }, 300),
  );
  run('qpdf', ['--empty', '--pages', 'flate-img2pdf.pdf', 'flate-mask.pdf', 'flate-decode.pdf', '--', out('flate-1bit.pdf')]);

  // 16-bit grey (the low byte repeats the high one: the source is an 8-bit scan)
  run('convert', ['crop200.png', '-depth', '16', '-define', 'png:bit-depth=16', '-define', 'png:color-type=0', 'grey16.png']);
  run('img2pdf', ['--imgsize', '200dpix200dpi', '-o', out('grey16.pdf'), 'grey16.png']);

  // CMYK JPEG as ImageMagick writes it (Adobe-inverted; img2pdf adds the /Decode that undoes it)
  writeFileSync(w('sep.cmyk'), cmykOf(crop200, false));
  run('convert', ['-size', `${crop200.width}x${crop200.height}`, '-depth', '8', 'cmyk:sep.cmyk', '-units', 'PixelsPerInch', '-density', '200', '-quality', String(JPEG_QUALITY), 'cmyk.jpg']);
  run('img2pdf', ['--imgsize', '200dpix200dpi', '-o', out('cmyk-jpeg.pdf'), 'cmyk.jpg']);

  // YCCK JPEG as Adobe applications write it: inverted CMYK, colour-transformed by the DCT encoder
  writeFileSync(w('inverted.cmyk'), cmykOf(crop200, true));
  writeFileSync(
    w('ycck.ps'),
    `/src (inverted.cmyk) (r) file def\n` +
      `/dst (ycck.jpg) (w) file << /Columns ${crop200.width} /Rows ${crop200.height} /Colors 4 /ColorTransform 1 /QFactor 1.2 >> /DCTEncode filter def\n` +
      `/buf 65536 string def\n{ src buf readstring exch dst exch writestring not { exit } if } loop\ndst closefile quit\n`,
  );
  run('gs', ['-q', '-dNOSAFER', '-dNODISPLAY', '-dBATCH', 'ycck.ps']);
  const ycck = readFileSync(w('ycck.jpg'));
  const adobe = ycck.indexOf(Buffer.from('Adobe'));
  if (adobe < 0 || ycck[adobe + 11] !== 2) throw new Error('ghostscript did not write an Adobe YCCK marker (transform 2)');
  writeFileSync(
    out('ycck-jpeg.pdf'),
    imagePage({ dict: '/ColorSpace /DeviceCMYK /BitsPerComponent 8 /Decode [1 0 1 0 1 0 1 0] /Filter /DCTDecode', data: ycck, width: crop200.width, height: crop200.height }, 200),
  );

  // JPEG 2000 of a colour scan (paper slightly warm)
  const rgbPx = new Uint8Array(crop200.data.length * 3);
  crop200.data.forEach((v, i) => rgbPx.set([v, Math.round(v * 0.98), Math.round(v * 0.94)], i * 3));
  const tinted = await sharp(rgbPx, { raw: { width: crop200.width, height: crop200.height, channels: 3 } }).png().toBuffer();
  writeFileSync(w('colour200.png'), tinted);
  run('opj_compress', ['-i', 'colour200.png', '-o', 'scan.jp2', '-r', '30']);
  run('img2pdf', ['--imgsize', '200dpix200dpi', '-o', out('jpeg2000.pdf'), 'scan.jp2']);

  // a page built of horizontal JPEG strips, as some MFPs write it
  {
    const doc = await PDFDocument.create();
    doc.setProducer('apa-ocr samples/scanners');
    doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
    doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
    const W = (crop200.width * 72) / 200;
    const H = (crop200.height * 72) / 200;
    const page = doc.addPage([W, H]);
    const strips = 8;
    const rows = Math.ceil(crop200.height / strips);
    for (let top = 0; top < crop200.height; top += rows) {
      const h = Math.min(rows, crop200.height - top);
      const strip = await sharp(crop200.data, { raw: { width: crop200.width, height: crop200.height, channels: 1 } })
        .extract({ left: 0, top, width: crop200.width, height: h })
        .jpeg({ quality: JPEG_QUALITY })
        .toBuffer();
      const img = await doc.embedJpg(strip);
      page.drawImage(img, { x: 0, y: H - ((top + h) * 72) / 200, width: W, height: (h * 72) / 200 });
    }
    writeFileSync(out('strips.pdf'), await doc.save({ useObjectStreams: false }));
  }

  // another tool's OCR layer (native Tesseract, English only: garbage for Bangla) under both pages; page 1 has a
  // vector seal, signature and invisible marker text over the scan, page 2 a visible text layer under it
  run('tesseract', ['twin200.jpg', 'tess', '-l', 'eng', '--dpi', '200', 'pdf']);
  const Wpt = (crop200.width * 72) / 200;
  const Hpt = (crop200.height * 72) / 200;
  writeFileSync(w('stamp.pdf'), await stampOverlay(Wpt, Hpt));
  writeFileSync(w('underlay.pdf'), await underlayText(Wpt, Hpt));
  // both pages share the one image object
  run('qpdf', ['--empty', '--pages', 'tess.pdf', '1,1', '--', 'tess2.pdf']);
  run('qpdf', ['tess2.pdf', '--overlay', 'stamp.pdf', '--to=1', '--', '--underlay', 'underlay.pdf', '--to=2', '--', out('overlay.pdf')]);

  // a bundle of a word-processor page (vector Bangla text with its own text layer), a G4 scan and a Flate scan
  writeFileSync(w('vector.pdf'), vectorPdf());
  run('qpdf', ['--empty', '--pages', 'vector.pdf', 'g4-300.pdf', 'flate-img2pdf.pdf', '--', out('mixed-bundle.pdf')]);

  // every output is a valid PDF, and the set stays small
  let total = 0;
  const files = [...new Set(FIXTURE_MANIFEST.flatMap((f: FixturePage) => [f.file, f.twin.file]))];
  for (const f of files) {
    run('qpdf', ['--check', out(f)]);
    total += readFileSync(out(f)).length;
  }
  console.log(`${files.length} files, ${(total / 1024).toFixed(0)} KB`);
  if (total > 1_000_000) throw new Error('the scanner fixtures must stay under 1 MB');
}

await main();
