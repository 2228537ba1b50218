/**
 * The fast, lossless path: a scanned page that is one full-page image gives up its own pixels (the JPEG bytes
 * of a DCTDecode stream are the scanner's JPEG). Everything this module is not sure about — JBIG2, CCITT,
 * masks, Decode arrays, indexed colour, forms, a second image, visible vector content — becomes a
 * `render` plan so that pdfjs draws the page instead.
 */
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  decodePDFRawStream,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import sharp from 'sharp';
import type { GreyImage } from '../../models/image.js';
import { dihedral, greyFrom, scaleGrey, type Axis } from '../preprocess/grey.js';
import { analyseContent, type Matrix } from './content.js';
import { oversizeJbig2Claim } from './jbig2.js';
import { physicalDpi, type DpiSource } from './resolution.js';

export interface EmbeddedPlan {
  kind: 'embedded';
  filter: 'DCTDecode' | 'FlateDecode';
  /** the stream's bytes as stored (still compressed) */
  bytes: Uint8Array;
  width: number;
  height: number;
  colours: 1 | 3;
  bitsPerComponent: 1 | 8 | 16;
  /** Flate PNG predictor (10–15) or 1 for none */
  predictor: number;
  /** a /Decode [1 0] of a grey image: 0 is white (scanners writing 1 = black) */
  invert: boolean;
  /** where the image's left→right and top→bottom axes point on the displayed page */
  colAxis: Axis;
  rowAxis: Axis;
  /** image pixels per inch of the page, along its own axes */
  dpi: number;
  /** the scan's resolution on paper, when the page box is not to be believed (see resolution.ts) */
  physical: { dpi: number; source: DpiSource };
}

export interface RenderPlan {
  kind: 'render';
  reason: string;
  /** resolution of the page's single image when there is one: rendering finer only upsamples the scan */
  nativeDpi: number | null;
  /** that image's resolution on paper (nativeDpi unless the page box is implausible) */
  physical?: { dpi: number; source: DpiSource };
  /**
   * finest resolution of the page's images when they are several or sit in forms (strips, a scan under a
   * stamp or a text layer): drawing the page finer than its scan only upsamples it
   */
  scanDpi?: number | null;
}

export type PagePlan = EmbeddedPlan | RenderPlan;

/** Above this many samples an image is refused rather than inflated into memory. */
export const MAX_IMAGE_PIXELS = 250_000_000;

/** An image refused before any decoding: too large to decode safely, or its data claims far more than it holds. */
export class RefusedImageError extends Error {}

/** The page's /Rotate as pdfjs reads it: multiples of 90 only, normalised to 0–270. */
export function normaliseRotate(deg: number): 0 | 90 | 180 | 270 {
  if (!Number.isFinite(deg) || deg % 90 !== 0) return 0;
  return (((deg % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

function concatContents(doc: PDFDocument, page: PDFPage): Uint8Array | null {
  const contents = page.node.get(PDFName.of('Contents'));
  if (!contents) return new Uint8Array(0);
  const resolved = doc.context.lookup(contents);
  const items: PDFObject[] = resolved instanceof PDFArray ? resolved.asArray() : [contents];
  const parts: Uint8Array[] = [];
  for (const item of items) {
    const stream = doc.context.lookup(item);
    if (!(stream instanceof PDFRawStream)) return null;
    parts.push(decodePDFRawStream(stream).decode(), new Uint8Array([0x0a]));
  }
  return Buffer.concat(parts);
}

function nameOf(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFName ? obj.decodeText() : null;
}

/** Channel count of a colour space we can pass through, or null for Indexed, CMYK, Separation, Lab… */
function simpleColours(doc: PDFDocument, cs: PDFObject | undefined): 1 | 3 | null {
  const obj = cs ? doc.context.lookup(cs) : undefined;
  const name = nameOf(obj);
  if (name === 'DeviceGray' || name === 'CalGray') return 1;
  if (name === 'DeviceRGB' || name === 'CalRGB') return 3;
  if (obj instanceof PDFArray && obj.size() >= 1) {
    const family = nameOf(obj.get(0));
    if (family === 'CalGray') return 1;
    if (family === 'CalRGB') return 3;
    if (family === 'ICCBased') {
      const profile = doc.context.lookup(obj.get(1));
      const n = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
      const channels = n instanceof PDFNumber ? n.asNumber() : null;
      return channels === 1 || channels === 3 ? channels : null;
    }
  }
  return null;
}

function numberIn(dict: PDFDict, key: string): number | null {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : null;
}

/** Map the image's pixel axes through the CTM and the page's /Rotate onto display directions. */
function axesOf(ctm: Matrix, rotate: number): { colAxis: Axis; rowAxis: Axis } | null {
  const [a, b, c, d] = ctm;
  // image column i grows along (a, b) in user space, row j along −(c, d) (row 0 is the top, v = 1);
  // device space has y pointing down, and /Rotate turns the page clockwise: (x, y) → (−y, x)
  let col: [number, number] = [a, -b];
  let row: [number, number] = [-c, d];
  for (let k = 0; k < rotate / 90; k++) {
    col = [-col[1], col[0]];
    row = [-row[1], row[0]];
  }
  const axis = ([x, y]: [number, number]): Axis | null => {
    const len = Math.hypot(x, y);
    if (len === 0) return null;
    if (Math.abs(x) / len > 0.9999) return x > 0 ? '+x' : '-x';
    if (Math.abs(y) / len > 0.9999) return y > 0 ? '+y' : '-y';
    return null; // drawn at an angle: only a renderer can reproduce that
  };
  const colAxis = axis(col);
  const rowAxis = axis(row);
  if (!colAxis || !rowAxis || colAxis[1] === rowAxis[1]) return null;
  return { colAxis, rowAxis };
}

/** Decide how to obtain one page's pixels, from pdf-lib's view of the page (no decoding yet). */
export function planPage(doc: PDFDocument, page: PDFPage): PagePlan {
  const render = (reason: string, nativeDpi: number | null = null): RenderPlan => ({ kind: 'render', reason, nativeDpi });
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  const xdict = xobjects instanceof PDFDict ? xobjects : null;
  const streamOf = (name: string): PDFRawStream | null => {
    const obj = xdict ? doc.context.lookup(xdict.get(PDFName.of(name))) : undefined;
    return obj instanceof PDFRawStream ? obj : null;
  };
  checkImages(doc, page);
  const content = concatContents(doc, page);
  if (!content) return render('unreadable content stream');
  const verdict = analyseContent(content, (name) => {
    const s = streamOf(name);
    return s ? nameOf(s.dict.get(PDFName.of('Subtype'))) === 'Image' : null;
  });
  if (verdict.kind === 'other') return { ...render(verdict.reason), scanDpi: imagesDpi(doc, page) };

  const stream = streamOf(verdict.name)!;
  const dict = stream.dict;
  const width = numberIn(dict, 'Width');
  const height = numberIn(dict, 'Height');
  if (!width || !height || width < 1 || height < 1) return render('image without size');
  const [a, b, c, d, e, f] = verdict.ctm;
  const extentX = Math.hypot(a, b);
  const extentY = Math.hypot(c, d);
  if (extentX === 0 || extentY === 0) return render('degenerate image placement');
  const nativeDpi = ((width / extentX) * 72 + (height / extentY) * 72) / 2;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new RefusedImageError(`embedded image is ${width}×${height} px, over the ${MAX_IMAGE_PIXELS / 1e6} Mpx limit`);
  }

  const rotate = normaliseRotate(page.getRotation().angle);
  const axes = axesOf(verdict.ctm, rotate);
  if (!axes) return render('image drawn at an angle', nativeDpi);
  const box = page.getCropBox();
  const physical = physicalDpi(width, height, extentX, extentY);
  const scan = (reason: string): RenderPlan => ({ ...render(reason, nativeDpi), physical });
  const xs = [e, a + e, c + e, a + c + e];
  const ys = [f, b + f, d + f, b + d + f];
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const overlap =
    Math.max(0, Math.min(x1, box.x + box.width) - Math.max(x0, box.x)) *
    Math.max(0, Math.min(y1, box.y + box.height) - Math.max(y0, box.y));
  const boxArea = box.width * box.height;
  // the image must be the page: covering nearly all of it and not hiding much outside it
  if (overlap < 0.9 * boxArea || (x1 - x0) * (y1 - y0) > 1.1 * boxArea) return render('image does not fill the page', nativeDpi);

  for (const key of ['SMask', 'Mask']) {
    if (dict.get(PDFName.of(key))) return scan(`image has /${key}`);
  }
  // a stencil mask takes its colour from the content stream: pdfjs paints it
  const imageMask = dict.lookup(PDFName.of('ImageMask'));
  if (imageMask instanceof PDFBool && imageMask.asBoolean()) return scan('image mask');

  const filterObj = dict.lookup(PDFName.of('Filter'));
  const filters =
    filterObj instanceof PDFArray ? filterObj.asArray().map((x) => nameOf(doc.context.lookup(x))) : [nameOf(filterObj)];
  const filter = filters.length === 1 ? filters[0] : null;
  if (filter !== 'DCTDecode' && filter !== 'FlateDecode') {
    return scan(`filter ${filters.join('+') || 'none'}`);
  }
  const colours = simpleColours(doc, dict.get(PDFName.of('ColorSpace')));
  if (!colours) return scan('colour space');
  const decode = decodeArray(doc, dict);
  if (decode === null || (decode === 'invert' && colours !== 1)) return scan('image has /Decode');
  const bpc = numberIn(dict, 'BitsPerComponent');
  let predictor = 1;
  if (filter === 'FlateDecode') {
    if (bpc !== 8 && bpc !== 16 && !(bpc === 1 && colours === 1)) return scan(`${bpc} bits per component`);
    const parmsObj = dict.lookup(PDFName.of('DecodeParms'));
    const parms = parmsObj instanceof PDFArray ? doc.context.lookup(parmsObj.get(0)) : parmsObj;
    if (parms instanceof PDFDict) {
      predictor = numberIn(parms, 'Predictor') ?? 1;
      const okPredictor = predictor === 1 || (predictor >= 10 && predictor <= 15);
      const okShape =
        predictor === 1 ||
        ((numberIn(parms, 'Colors') ?? 1) === colours &&
          (numberIn(parms, 'BitsPerComponent') ?? 8) === bpc &&
          (numberIn(parms, 'Columns') ?? 1) === width);
      if (!okPredictor || !okShape) return scan('Flate predictor');
    }
  } else if (bpc !== 8) {
    return scan(`${bpc} bits per component`);
  }
  return {
    kind: 'embedded',
    filter,
    bytes: stream.contents,
    width,
    height,
    colours,
    bitsPerComponent: bpc === 1 ? 1 : bpc === 16 ? 16 : 8,
    predictor,
    invert: decode === 'invert',
    ...axes,
    dpi: nativeDpi,
    physical,
  };
}

/** The image's /Decode array as far as this module handles it: absent or identity, inverted, or anything else (null). */
function decodeArray(doc: PDFDocument, dict: PDFDict): 'identity' | 'invert' | null {
  const obj = dict.lookup(PDFName.of('Decode'));
  if (obj === undefined) return 'identity';
  if (!(obj instanceof PDFArray)) return null;
  const v = obj.asArray().map((x) => {
    const n = doc.context.lookup(x);
    return n instanceof PDFNumber ? n.asNumber() : NaN;
  });
  if (v.length % 2 !== 0 || v.length === 0) return null;
  const pairs = Array.from({ length: v.length / 2 }, (_, i) => [v[2 * i]!, v[2 * i + 1]!]);
  if (pairs.every(([a, b]) => a === 0 && b === 1)) return 'identity';
  if (pairs.every(([a, b]) => a === 1 && b === 0)) return 'invert';
  return null;
}

/** Every image XObject of the page, forms included (depth-limited, each stream once). */
function pageImages(doc: PDFDocument, page: PDFPage): PDFRawStream[] {
  const images: PDFRawStream[] = [];
  const seen = new Set<PDFObject>();
  const visit = (resources: PDFDict | undefined, depth: number): void => {
    const xobjects = resources?.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict) || depth > 4) return;
    for (const ref of xobjects.values()) {
      const obj = doc.context.lookup(ref);
      if (!(obj instanceof PDFRawStream) || seen.has(obj) || seen.size > 500) continue;
      seen.add(obj);
      const subtype = nameOf(obj.dict.lookup(PDFName.of('Subtype')));
      if (subtype === 'Image') images.push(obj);
      else if (subtype === 'Form') {
        const inner = obj.dict.lookup(PDFName.of('Resources'));
        visit(inner instanceof PDFDict ? inner : undefined, depth + 1);
      }
    }
  };
  visit(page.node.Resources(), 0);
  return images;
}

/**
 * Refuse the page (RefusedImageError) when one of its images would make a decoder do far more work than the image
 * is worth: a JBIG2 stream whose page or regions claim more than four times the image's pixels.
 */
function checkImages(doc: PDFDocument, page: PDFPage): void {
  for (const img of pageImages(doc, page)) {
    const filterObj = img.dict.lookup(PDFName.of('Filter'));
    const filters = filterObj instanceof PDFArray ? filterObj.asArray().map((x) => nameOf(doc.context.lookup(x))) : [nameOf(filterObj)];
    if (filters.length !== 1 || filters[0] !== 'JBIG2Decode') continue;
    const w = numberIn(img.dict, 'Width') ?? 0;
    const h = numberIn(img.dict, 'Height') ?? 0;
    const claim = oversizeJbig2Claim(img.contents, w, h);
    if (claim) throw new RefusedImageError(claim);
  }
}

/**
 * The finest resolution among the page's images, forms included (a stamp overlay or a text layer wraps the page in
 * forms; a strip-built page has many images): an image's longer side over the page's longer side. Small pictures
 * (a logo, a signature) come out far below a scan's resolution and are ignored by the caller.
 */
export function imagesDpi(doc: PDFDocument, page: PDFPage): number | null {
  const box = page.getCropBox();
  const longIn = Math.max(box.width, box.height) / 72;
  if (!(longIn > 0)) return null;
  let best: number | null = null;
  for (const img of pageImages(doc, page)) {
    const dpi = Math.max(numberIn(img.dict, 'Width') ?? 0, numberIn(img.dict, 'Height') ?? 0) / longIn;
    if (Number.isFinite(dpi) && (best === null || dpi > best)) best = dpi;
  }
  return best;
}

/** Undo PNG row filters (None/Sub/Up/Average/Paeth), the usual Flate predictor of scanned images. */
function unpredictPng(data: Uint8Array, rowBytes: number, bytesPerPixel: number, rows: number): Uint8Array {
  const out = new Uint8Array(rowBytes * rows);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i] ?? 0;
      const left = i >= bytesPerPixel ? out[dst + i - bytesPerPixel]! : 0;
      const up = r > 0 ? out[dst - rowBytes + i]! : 0;
      const upLeft = r > 0 && i >= bytesPerPixel ? out[dst - rowBytes + i - bytesPerPixel]! : 0;
      let pred = 0;
      if (type === 1) pred = left;
      else if (type === 2) pred = up;
      else if (type === 3) pred = (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[dst + i] = (raw + pred) & 0xff;
    }
  }
  return out;
}

function decodeFlate(plan: EmbeddedPlan): GreyImage {
  const { width, height, colours, bitsPerComponent } = plan;
  const sampleBytes = bitsPerComponent === 16 ? 2 : 1;
  const rowBytes = bitsPerComponent === 1 ? Math.ceil(width / 8) : width * colours * sampleBytes;
  let data: Uint8Array = inflateSync(plan.bytes, { maxOutputLength: (rowBytes + 1) * height + 1024 });
  if (plan.predictor >= 10) data = unpredictPng(data, rowBytes, bitsPerComponent === 1 ? 1 : colours * sampleBytes, height);
  if (data.length < rowBytes * height) throw new Error(`image data is short: ${data.length} of ${rowBytes * height} bytes`);
  // 8-bit grey is already the answer: no copy (a 10,000 px scan is 100 MB)
  if (bitsPerComponent === 8 && colours === 1 && !plan.invert) return { width, height, data: data.subarray(0, width * height) };
  const out = new Uint8Array(width * height);
  if (bitsPerComponent === 1) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    }
  } else if (colours === 1) {
    // 16-bit samples are big-endian: their high byte is the 8-bit value
    for (let i = 0, s = 0; i < out.length; i++, s += sampleBytes) out[i] = data[s]!;
  } else {
    const step = 3 * sampleBytes;
    for (let i = 0, s = 0; i < out.length; i++, s += step) {
      out[i] = (data[s]! * 299 + data[s + sampleBytes]! * 587 + data[s + 2 * sampleBytes]! * 114 + 500) / 1000;
    }
  }
  if (plan.invert) for (let i = 0; i < out.length; i++) out[i] = 255 - out[i]!;
  return { width, height, data: out };
}

/**
 * Decode the plan's image to grey, shrunk so its long side is at most `maxSide`, and laid out as it appears
 * on the page. Returns the shrink factor (1 when none).
 */
export async function decodeEmbedded(plan: EmbeddedPlan, maxSide: number): Promise<{ image: GreyImage; scale: number }> {
  const long = Math.max(plan.width, plan.height);
  const scale = long > maxSide ? maxSide / long : 1;
  let image: GreyImage;
  if (plan.filter === 'DCTDecode') {
    let pipeline = sharp(plan.bytes, { failOn: 'error' });
    if (scale < 1) {
      pipeline = pipeline.resize(Math.round(plan.width * scale), Math.round(plan.height * scale), { fit: 'fill' });
    }
    image = await greyFrom(pipeline);
    if (image.width !== Math.round(plan.width * scale) || image.height !== Math.round(plan.height * scale)) {
      throw new Error(`JPEG is ${image.width}×${image.height}, the PDF says ${plan.width}×${plan.height}`);
    }
    if (plan.invert) image = { ...image, data: image.data.map((v) => 255 - v) };
  } else {
    image = decodeFlate(plan);
    if (scale < 1) image = await scaleGrey(image, scale);
  }
  return { image: dihedral(image, plan.colAxis, plan.rowAxis), scale };
}
