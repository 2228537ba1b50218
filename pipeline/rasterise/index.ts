/**
 * PDF → page images. A scanned page that is one full-page image yields that image's own pixels
 * (no re-rendering, the scan's own DPI); any other page is drawn by pdfjs at a set DPI.
 * Every page comes out as 8-bit grey, upright as a viewer shows it, and no larger than the pixel cap.
 * No file I/O here: the caller reads the file and passes its bytes and its name (for messages).
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { InputError } from '../../models/errors.js';
import type { RasterPage } from '../../models/image.js';
import { decodeEmbedded, normaliseRotate, RefusedImageError, planPage, type PagePlan } from './embedded.js';
import { loadPdfjs, pdfjsErrorName, renderPage, type PdfjsDocument, type PdfjsPage } from './render.js';

export interface RasteriseOptions {
  /** resolution for pages pdfjs draws (vector pages, several images); @default 300 */
  dpi?: number;
  /**
   * longest side in pixels any page image may have; bigger pages are shrunk and the factor recorded.
   * Tesseract's WASM memory only grows, so one 10,000 px page would bloat a worker for good.
   * @default 4961 (A4 at ≈420 dpi)
   */
  maxSide?: number;
  /** take a scanned page's own image when it is the whole page; false always renders @default true */
  extractImages?: boolean;
}

export const DEFAULT_DPI = 300;
export const DEFAULT_MAX_SIDE = 4961;

export interface OpenedPdf {
  readonly file: string;
  readonly pageCount: number;
  /** one page (1-based) as grey pixels; throws {@link InputError} naming file and page when it cannot be drawn */
  rasterise(pageNo: number): Promise<RasterPage>;
  close(): Promise<void>;
}

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** What a file that is not a PDF most likely is, for the error message. */
function describeNonPdf(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty (0 bytes)';
  const head = ascii(bytes.subarray(0, 8));
  if (head.startsWith('\x89PNG')) return 'it is a PNG image';
  if (head.startsWith('\xff\xd8\xff')) return 'it is a JPEG image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'it is a TIFF image';
  if (head.startsWith('PK\x03\x04')) return 'it is a ZIP archive (e.g. .docx/.xlsx)';
  if (head.startsWith('\xd0\xcf\x11\xe0')) return 'it is an old Office document (.doc/.xls)';
  const sample = bytes.subarray(0, 512);
  const printable = sample.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128).length;
  if (printable / sample.length > 0.95) return 'it is a text file';
  return 'no %PDF header';
}

function findAscii(bytes: Uint8Array, needle: string, from: number, to: number): boolean {
  const n = Array.from(needle, (c) => c.charCodeAt(0));
  for (let i = Math.max(0, from); i + n.length <= Math.min(bytes.length, to); i++) {
    let ok = true;
    for (let k = 0; k < n.length && ok; k++) ok = bytes[i + k] === n[k];
    if (ok) return true;
  }
  return false;
}

async function openPdfjs(bytes: Uint8Array, file: string): Promise<PdfjsDocument> {
  try {
    return await loadPdfjs(bytes);
  } catch (e) {
    const name = pdfjsErrorName(e);
    const detail = messageOf(e);
    if (name === 'PasswordException') {
      throw new InputError(file, null, 'encrypted: the PDF is password-protected; ask the office for a copy without a password');
    }
    if (!findAscii(bytes, '%%EOF', bytes.length - 2048, bytes.length)) {
      throw new InputError(file, null, `truncated: the PDF ends after ${bytes.length} bytes without its end marker; re-download or re-export it`);
    }
    throw new InputError(file, null, `corrupt PDF: ${detail || name}`);
  }
}

/** pdf-lib's page list, when it agrees with pdfjs; otherwise null and every page is rendered. */
async function openPdfLib(bytes: Uint8Array): Promise<{ pages: PDFPage[]; doc: PDFDocument } | null> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    // encrypted streams (a PDF with an empty user password) are ciphertext to pdf-lib: pdfjs must decrypt
    if (doc.isEncrypted) return null;
    return { doc, pages: doc.getPages() };
  } catch {
    return null;
  }
}

/**
 * Open a PDF held in memory. `file` is only used in messages.
 * Throws {@link InputError} for a file that is not a PDF, truncated, corrupt, encrypted or has no pages.
 */
export async function openPdf(bytes: Uint8Array, file: string, opts: RasteriseOptions = {}): Promise<OpenedPdf> {
  const dpi = opts.dpi ?? DEFAULT_DPI;
  const maxSide = opts.maxSide ?? DEFAULT_MAX_SIDE;
  if (!findAscii(bytes, '%PDF-', 0, 1024)) throw new InputError(file, null, `not a PDF: ${describeNonPdf(bytes)}`);

  const pdfjsDoc = await openPdfjs(bytes, file);
  const lib = opts.extractImages === false ? null : await openPdfLib(bytes);
  // pdfjs invents a page for an empty page tree; pdf-lib reads /Kids literally
  if (pdfjsDoc.numPages === 0 || lib?.pages.length === 0) {
    await pdfjsDoc.destroy();
    throw new InputError(file, null, 'the PDF has no pages');
  }
  const pageCount = pdfjsDoc.numPages;
  const libPages = lib && lib.pages.length === pageCount ? lib : null;

  async function rasterise(pageNo: number): Promise<RasterPage> {
    if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > pageCount) {
      throw new RangeError(`${file}: page ${pageNo} is outside 1–${pageCount}`);
    }
    let page: PdfjsPage;
    try {
      page = await pdfjsDoc.getPage(pageNo);
    } catch (e) {
      throw new InputError(file, pageNo, `page could not be read: ${messageOf(e)}`);
    }
    let plan: PagePlan = { kind: 'render', reason: 'pdf-lib could not read the document', nativeDpi: null };
    let pdfRotate = 0;
    const libPage = libPages?.pages[pageNo - 1];
    // pdf-lib and pdfjs walk a damaged page tree differently: only trust pdf-lib for the very same page object
    if (libPages && libPage && libPage.ref.objectNumber === page.ref?.num && libPage.ref.generationNumber === page.ref.gen) {
      try {
        pdfRotate = normaliseRotate(libPage.getRotation().angle);
        plan = planPage(libPages.doc, libPage);
      } catch (e) {
        if (e instanceof RefusedImageError) throw new InputError(file, pageNo, e.message);
        plan = { kind: 'render', reason: `pdf-lib: ${messageOf(e)}`, nativeDpi: null };
      }
    }
    if (plan.kind === 'embedded') {
      try {
        const { image, scale } = await decodeEmbedded(plan, maxSide);
        return {
          image,
          info: {
            page: pageNo,
            width: image.width,
            height: image.height,
            dpi: round1(plan.physical.dpi * scale),
            ...(plan.physical.source !== 'page' ? { dpiSource: plan.physical.source } : {}),
            source: 'embedded',
            pdfRotate,
            filter: plan.filter,
            ...(scale < 1 ? { scale } : {}),
          },
        };
      } catch {
        // a stream sharp or zlib rejects may still be drawable by pdfjs's own decoders
      }
    }
    const box = pageBoxProblem(page.view, page.userUnit);
    if (box) throw new InputError(file, pageNo, box);
    const native = plan.kind === 'embedded' ? { nativeDpi: plan.dpi, physical: plan.physical } : plan;
    const renderDpi = chooseRenderDpi(plan.kind === 'render' ? plan : { nativeDpi: plan.dpi, physical: plan.physical }, dpi);
    try {
      const r = await renderPage(pdfjsDoc, page, renderDpi, maxSide);
      // a lone scan drawn by pdfjs is as fine on paper as the scan is, whatever its page box says
      const physical = native.nativeDpi && native.physical ? native.physical : null;
      const paperDpi = physical ? (physical.dpi / native.nativeDpi!) * r.dpi : r.dpi;
      return {
        image: r.image,
        info: {
          page: pageNo,
          width: r.image.width,
          height: r.image.height,
          dpi: round1(paperDpi),
          ...(physical && physical.source !== 'page' ? { dpiSource: physical.source } : {}),
          source: 'rendered',
          pdfRotate: normaliseRotate(r.rotate),
          filter: null,
          ...(r.scale < 1 ? { scale: r.scale } : {}),
        },
      };
    } catch (e) {
      throw new InputError(file, pageNo, `page could not be rendered: ${messageOf(e)}`);
    }
  }

  return {
    file,
    pageCount,
    rasterise,
    close: () => pdfjsDoc.destroy(),
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** PDF 32000 §C.2 and Annex C: a page is at most 14,400 units a side (200 in at the default unit). */
const MAX_PAGE_UNITS = 14_400;

/**
 * Why a page box cannot be drawn, or null: one side beyond a PDF page's 200 inches (a damaged /MediaBox such as
 * [0 0 99999999999 842] came out of pdfjs as a 1000 × 1 px sliver at 0 dpi, found by `npm run fuzz`) or none at all.
 */
export function pageBoxProblem(view: readonly number[], userUnit = 1): string | null {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const w = Math.abs(x1 - x0);
  const h = Math.abs(y1 - y0);
  const limit = MAX_PAGE_UNITS * Math.max(1, userUnit);
  if (!Number.isFinite(w) || !Number.isFinite(h) || w > limit || h > limit) {
    return `the page box is ${+w.toPrecision(6)} × ${+h.toPrecision(6)} pt, beyond the 200 × 200 in a PDF page can be: the file is damaged`;
  }
  if (w < 1 || h < 1) return `the page box is ${+w.toPrecision(6)} × ${+h.toPrecision(6)} pt: there is nothing to draw`;
  return null;
}

/** Bounds on the resolution a page with a scan among other content is drawn at (see {@link chooseRenderDpi}). */
export const SCAN_RENDER_DPI = { min: 200, max: 400 } as const;

/**
 * The resolution pdfjs draws a page at. A lone scan image pdfjs must decode (CCITT, JBIG2, JPEG 2000, CMYK, a
 * mask) is drawn at its own resolution, pixel for pixel; a page whose scan comes in strips or under a stamp or
 * a text layer at its scan's resolution, kept within {@link SCAN_RENDER_DPI} so vector text beside a coarse scan
 * stays legible and a 1200 dpi scan does not become a 14,000 px page; anything else at `dpi`.
 */
export function chooseRenderDpi(plan: Pick<Extract<PagePlan, { kind: 'render' }>, 'nativeDpi' | 'scanDpi' | 'physical'>, dpi: number): number {
  // a page box that misstates the scan (72 "dpi", a 7 pt page) still gives its pixels one for one
  if (plan.nativeDpi && plan.physical && plan.physical.source !== 'page') return plan.nativeDpi;
  if (plan.nativeDpi) return Math.max(100, plan.nativeDpi);
  // pictures far coarser than any scan (a logo, a signature) say nothing about the page
  if (plan.scanDpi && plan.scanDpi >= 100) return Math.min(SCAN_RENDER_DPI.max, Math.max(SCAN_RENDER_DPI.min, plan.scanDpi));
  return dpi;
}

/** pdfjs rejects with plain objects as well as Errors; messages are kept to one line. */
function messageOf(e: unknown): string {
  const msg = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
  return msg.replace(/\s+/g, ' ').trim();
}

export type { PagePlan } from './embedded.js';
