/**
 * Page images for the review app, rendered on demand from the ORIGINAL PDF and turned upright exactly as
 * ingest did, so every stored box (cells, indicator fields) lands on the pixels it was read from.
 * Rendering costs about a second a page: results are kept in a byte-bounded LRU, renders are serialised
 * (the machine's cores belong to OCR too), and concurrent requests for one page share one render.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import sharp, { type Sharp } from 'sharp';
import type { GreyImage, PreprocessInfo, RasterPage } from '../../models/image.js';
import type { Box } from '../../models/geometry.js';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { measureLevels, normaliseContrast, preprocessPage, rotateByShear, rotateQuarter, scaleGrey } from '../../pipeline/preprocess/index.js';
import { LruCache } from './lru.js';

/** A page's source as the database knows it; the path is never taken from a request. */
export interface PageSource {
  sha256: string;
  /** `submissions.path`: as given to ingest, absolute or relative to where ingest ran */
  path: string;
  page: number;
  /** what clean-up did to the page at ingest (`pages.preprocess_json`), replayed here */
  preprocess: PreprocessInfo | null;
}

/** The original PDF cannot serve this page; `status` is the HTTP status to answer with. */
export class SourceError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Redo clean-up's pixel steps with the rotation, skew and scale ingest decided, instead of deciding again:
 * ingest may have asked Tesseract's orientation detector, which the server does not run. The steps and their
 * order mirror `preprocessPage` (test/server/pageImages.test.ts checks the two agree).
 */
export async function uprightPage(raster: RasterPage, stored: PreprocessInfo | null): Promise<GreyImage> {
  if (!stored) return (await preprocessPage(raster)).image;
  const src = raster.image;
  let image = stored.scale === 1 ? src : await scaleGrey(src, stored.scale);
  image = normaliseContrast(image, measureLevels(src, 7));
  image = rotateQuarter(image, (360 - stored.rotation) % 360);
  return rotateByShear(image, stored.skewDeg);
}

export interface PageImagesOptions {
  /** folders a relative `submissions.path` is tried against, in order @default [process.cwd()] */
  baseDirs?: string[];
  /** bytes of decoded page images kept @default 256 MiB (about 30 A4 pages at 300 dpi) */
  maxBytes?: number;
}

export interface CropOptions {
  /** pixels of context around the box @default 12 */
  pad?: number;
}

export class PageImages {
  private readonly grey: LruCache<string, GreyImage>;
  private readonly jpegs: LruCache<string, Buffer>;
  private readonly inflight = new Map<string, Promise<GreyImage>>();
  private readonly verified = new Map<string, string>();
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly baseDirs: string[];

  constructor(opts: PageImagesOptions = {}) {
    const maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
    this.grey = new LruCache(maxBytes, (img) => img.data.byteLength);
    this.jpegs = new LruCache(Math.max(1, Math.floor(maxBytes / 8)), (b) => b.byteLength);
    this.baseDirs = opts.baseDirs ?? [process.cwd()];
  }

  /** The stored path, resolved and checked to still hold the very file that was ingested. */
  private readSource(src: PageSource): Buffer {
    const candidates = path.isAbsolute(src.path) ? [src.path] : this.baseDirs.map((d) => path.resolve(d, src.path));
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) throw new SourceError(404, `the original PDF ${src.path} is not there any more; restore it to show its pages`);
    const bytes = fs.readFileSync(file);
    const stat = fs.statSync(file);
    const stamp = `${file}|${stat.size}|${stat.mtimeMs}`;
    if (this.verified.get(stamp) !== src.sha256) {
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      if (sha !== src.sha256) throw new SourceError(409, `${src.path} has changed since it was ingested; its boxes would not match (re-ingest it)`);
      this.verified.set(stamp, sha);
    }
    return bytes;
  }

  private async render(src: PageSource): Promise<GreyImage> {
    const bytes = this.readSource(src);
    const doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), src.path);
    try {
      if (src.page > doc.pageCount) throw new SourceError(422, `${src.path} has ${doc.pageCount} pages, not ${src.page}`);
      return await uprightPage(await doc.rasterise(src.page), src.preprocess);
    } finally {
      await doc.close();
    }
  }

  /** The upright page as grey pixels, in the coordinates of every stored box. */
  async page(src: PageSource): Promise<GreyImage> {
    const key = `${src.sha256}#${src.page}`;
    const hit = this.grey.get(key);
    if (hit) return hit;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.queue
        .add(() => this.render(src))
        .then((img) => {
          this.grey.set(key, img);
          return img;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  /** The page as a JPEG (grey, full resolution: the browser scales it, boxes use its pixel grid). */
  async jpeg(src: PageSource): Promise<Buffer> {
    const key = `${src.sha256}#${src.page}`;
    const hit = this.jpegs.get(key);
    if (hit) return hit;
    const img = await this.page(src);
    const out = await sharpGrey(img).jpeg({ quality: 80 }).toBuffer();
    this.jpegs.set(key, out);
    return out;
  }

  /** A PNG of one box of the page with some context, clamped to the page. */
  async crop(src: PageSource, box: Box, opts: CropOptions = {}): Promise<Buffer> {
    const img = await this.page(src);
    const pad = opts.pad ?? 12;
    const left = clamp(Math.floor(Math.min(box.x0, box.x1) - pad), 0, img.width - 1);
    const top = clamp(Math.floor(Math.min(box.y0, box.y1) - pad), 0, img.height - 1);
    const right = clamp(Math.ceil(Math.max(box.x0, box.x1) + pad), left + 1, img.width);
    const bottom = clamp(Math.ceil(Math.max(box.y0, box.y1) + pad), top + 1, img.height);
    return sharpGrey(img)
      .extract({ left, top, width: right - left, height: bottom - top })
      .png({ compressionLevel: 6 })
      .toBuffer();
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

function sharpGrey(img: GreyImage): Sharp {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 1 } });
}
