/**
 * pdfjs-dist (legacy build, the one that runs under Node 20) opening documents and drawing pages into
 * @napi-rs/canvas: the path for vector pages, pages with several images and images we cannot decode.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

// loaded on first use: a second of start-up that `stats`, `query`, `rebuild` and a server that renders no page
// never need
let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
const pdfjsLib = () => {
  absorbPdfjsRejections();
  return (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
};

let absorbing = false;
/**
 * pdfjs 5.6 leaves some of its own promises without a handler when a damaged cross-reference table sends it into
 * recovery ("Bad (uncompressed) XRef entry", found by `npm run fuzz`): the document still opens and its pages
 * still come out, but Node ends the whole process on the stray rejection, and a batch with it. Rejections raised
 * inside pdfjs are absorbed; any other unhandled rejection still ends the process, unless something else (a test
 * runner) listens for them.
 */
function absorbPdfjsRejections(): void {
  if (absorbing) return;
  absorbing = true;
  process.on('unhandledRejection', (reason) => {
    if (isPdfjsError(reason)) return;
    if (process.listenerCount('unhandledRejection') > 1) return;
    throw reason;
  });
}

/** An error pdfjs raised: its stack is in pdfjs-dist (pdfjs's exception classes are built by a closure in its worker). */
export function isPdfjsError(e: unknown): boolean {
  const stack = e && typeof e === 'object' && 'stack' in e ? String(e.stack) : '';
  return /[\\/]pdfjs-dist[\\/]/.test(stack);
}
import type { GreyImage } from '../../models/image.js';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

// pdfjs resolves these as directory prefixes, so each needs its trailing slash
const ASSETS = {
  wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
  standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
};

export type PdfjsDocument = PDFDocumentProxy;
export type PdfjsPage = PDFPageProxy;

/** Largest image pdfjs will decode while drawing (pixels); bigger ones are skipped, not allowed to exhaust memory. */
const MAX_RENDER_IMAGE_PIXELS = 250_000_000;

/** Open with pdfjs. It takes ownership of the buffer it is given (and refuses Node Buffers), so it gets a plain copy. */
export async function loadPdfjs(bytes: Uint8Array): Promise<PdfjsDocument> {
  const pdfjs = await pdfjsLib();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...ASSETS,
    cMapPacked: true,
    verbosity: 0,
    isEvalSupported: false,
    maxImageSize: MAX_RENDER_IMAGE_PIXELS,
  });
  return task.promise;
}

/** pdfjs's error classes travel as plain objects with a name; this is how callers tell them apart. */
export function pdfjsErrorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

/**
 * An image pdfjs would paint with a size that is not whole pixels, as a sentence (or null). pdfjs 5.6 loops for ever
 * drawing an RGB image 1.5 px wide (putBinaryImageData counts a fractional row length down with `j--` and never
 * reaches 0); a damaged `/Width 1.5.5` did that (found by `npm run fuzz`). The operator list says every image's size
 * before anything is drawn; it costs a fraction of the drawing, which is a fraction of the page's OCR.
 */
export function unpaintableImage(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): string | null {
  const imageOps = new Set(Object.entries(OPS).filter(([name]) => /Image/.test(name)).map(([, v]) => v));
  const sizes = (x: unknown, depth: number, out: [unknown, unknown][]): void => {
    if (!x || typeof x !== 'object' || depth > 2) return;
    if (Array.isArray(x)) {
      for (const y of x.slice(0, 64)) sizes(y, depth + 1, out);
      return;
    }
    if ('width' in x && 'height' in x) out.push([x.width, x.height]);
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (!imageOps.has(ops.fnArray[i]!)) continue;
    const args = ops.argsArray[i];
    const found: [unknown, unknown][] = [];
    // paintImageXObject carries [id, width, height]; the inline and mask forms carry image objects
    if (Array.isArray(args) && typeof args[0] === 'string' && typeof args[1] === 'number') found.push([args[1], args[2]]);
    sizes(args, 0, found);
    for (const [w, h] of found) {
      const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
      if (!whole(w) || !whole(h)) return `an image on the page is ${String(w)} × ${String(h)} px, not whole pixels: the file is damaged`;
    }
  }
  return null;
}

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(c: CanvasAndContext): void;
}

/**
 * Draw the page at `dpi` (shrunk so its long side is at most `maxSide`) and return it as grey.
 * The viewport includes the page's /Rotate, so the pixels come out as a viewer shows the page.
 */
export async function renderPage(
  doc: PdfjsDocument,
  page: PdfjsPage,
  dpi: number,
  maxSide: number,
): Promise<{ image: GreyImage; dpi: number; scale: number; rotate: number }> {
  try {
    const natural = page.getViewport({ scale: dpi / 72 });
    const long = Math.max(natural.width, natural.height);
    const scale = long > maxSide ? maxSide / long : 1;
    const viewport = scale < 1 ? page.getViewport({ scale: (dpi * scale) / 72 }) : natural;
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    const damaged = unpaintableImage(await page.getOperatorList(), (await pdfjsLib()).OPS);
    if (damaged) throw new Error(damaged);
    const factory = doc.canvasFactory as CanvasFactory;
    const target = factory.create(width, height);
    try {
      target.context.fillStyle = '#ffffff';
      target.context.fillRect(0, 0, width, height);
      await page.render({
        canvas: target.canvas as never,
        canvasContext: target.context as never,
        viewport,
        background: 'white',
      }).promise;
      const rgba = target.context.getImageData(0, 0, width, height).data;
      const grey = new Uint8Array(width * height);
      for (let i = 0, s = 0; i < grey.length; i++, s += 4) {
        // premultiplied-free RGBA over white: uncovered (transparent) pixels are paper
        const a = rgba[s + 3]!;
        const y = (rgba[s]! * 299 + rgba[s + 1]! * 587 + rgba[s + 2]! * 114) / 1000;
        grey[i] = Math.round((y * a + 255 * (255 - a)) / 255);
      }
      return { image: { width, height, data: grey }, dpi: dpi * scale, scale, rotate: page.rotate };
    } finally {
      factory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}
