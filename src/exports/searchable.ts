/**
 * Searchable PDF of a submission: every original page unchanged, with an invisible OCR text layer laid
 * over it, so the archived scan can be searched and its text selected where it is printed.
 *
 * The text layer is Tesseract's own text-only PDF page (tesseract.js `pdfTextOnly`: GlyphLessFont with a
 * ToUnicode map, no image), drawn over the original page with pdf-lib. Drawing Bangla ourselves with a
 * font would need shaping and a correct ToUnicode map; Tesseract's page has both (stack notes §A2: the
 * text pdftotext reads back equals the OCR text). OCR runs on the page the pipeline OCRs (turned upright,
 * deskewed), so the layer is drawn back with that turn and skew undone.
 */
import fs from 'node:fs';
import { PDFDocument, degrees, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type InitOptions, type Worker } from 'tesseract.js';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { preprocessPage } from '../../pipeline/preprocess/index.js';
import { ensureLangDir } from '../../pipeline/ocr/tessdata.js';
import { parseTsv, TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { toPgm } from '../../pipeline/image.js';
import type { GreyImage, PreprocessInfo, RasterInfo } from '../../models/image.js';

/** One tesseract.js worker that answers with a text-only PDF page. */
export class TextLayerEngine {
  private worker: Worker | null = null;
  private dpi: number | null = null;
  constructor(private readonly langs = 'ben+eng') {}

  private async getWorker(): Promise<Worker> {
    if (!this.worker) {
      const langPath = ensureLangDir(this.langs.split('+'));
      this.worker = await createWorker(
        this.langs.split('+'),
        OEM.LSTM_ONLY,
        { langPath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} },
        // keeps Tesseract's notices off stdout (see pipeline/ocr/tesseract.ts)
        { debug_file: '/dev/null' } as Partial<InitOptions>,
      );
      await this.worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '1' });
    }
    return this.worker;
  }

  /** OCR a page image; returns Tesseract's one-page text-only PDF and the number of words in it. */
  async textPage(image: GreyImage, dpi: number, title: string): Promise<{ pdf: Uint8Array; words: number }> {
    const w = await this.getWorker();
    const d = Math.max(70, Math.round(dpi));
    if (d !== this.dpi) {
      await w.setParameters({ user_defined_dpi: String(d) });
      this.dpi = d;
    }
    const { data } = await w.recognize(Buffer.from(toPgm(image)), { pdfTitle: title, pdfTextOnly: true }, { pdf: true, tsv: true, text: false });
    if (!data.pdf) throw new Error('tesseract.js returned no PDF');
    const words = parseTsv(data.tsv ?? '').reduce((n, l) => n + l.words.length, 0);
    return { pdf: Uint8Array.from(data.pdf), words };
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

/** Where the OCR page goes on the original page: pdf-lib drawPage arguments. */
export interface LayerPlacement {
  x: number;
  y: number;
  width: number;
  height: number;
  /** counter-clockwise degrees */
  rotate: number;
}

/**
 * Place the OCR'd image (upright and deskewed, `prep.width` × `prep.height` px) over a page whose crop box
 * is `box` and whose /Rotate is `raster.pdfRotate`. The raster is the page as a viewer shows it; clean-up
 * turned it back by `prep.rotation` (clockwise) and removed `prep.skewDeg` (counter-clockwise text) about
 * the centre, so in the page's own coordinates the OCR page is turned counter-clockwise by
 * skew − rotation + /Rotate and centred on the box.
 */
export function placeLayer(
  box: { x: number; y: number; width: number; height: number },
  raster: Pick<RasterInfo, 'width' | 'height' | 'pdfRotate'>,
  prep: Pick<PreprocessInfo, 'rotation' | 'skewDeg' | 'scale' | 'width' | 'height'>,
): LayerPlacement {
  const sideways = raster.pdfRotate % 180 !== 0;
  const shownWidth = sideways ? box.height : box.width;
  // points per pixel of the cleaned-up image
  const k = shownWidth / (raster.width * prep.scale);
  const width = prep.width * k;
  const height = prep.height * k;
  const rotate = prep.skewDeg - prep.rotation + raster.pdfRotate;
  const t = (rotate * Math.PI) / 180;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // drawPage turns about its (x, y) corner: choose the corner that puts the centre on the box's centre
  const x = cx - (Math.cos(t) * width) / 2 + (Math.sin(t) * height) / 2;
  const y = cy - (Math.sin(t) * width) / 2 - (Math.cos(t) * height) / 2;
  return { x, y, width, height, rotate };
}

export interface SearchableOptions {
  engine?: TextLayerEngine;
  /** pages to include (1-based); default all */
  pages?: number[];
  onPage?: (page: number, total: number) => void;
}

export interface SearchableResult {
  pdf: Uint8Array;
  pages: number;
  words: number;
}

async function loadOriginal(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.isEncrypted ? null : doc;
  } catch {
    return null;
  }
}

/** Page image → new PDF page at the raster's resolution, for originals pdf-lib cannot copy. */
async function imagePage(out: PDFDocument, image: GreyImage, dpi: number): Promise<PDFPage> {
  const jpeg = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  const img = await out.embedJpg(jpeg);
  const page = out.addPage([(image.width * 72) / dpi, (image.height * 72) / dpi]);
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return page;
}

/**
 * The searchable PDF of one submission's PDF bytes. `file` names the PDF in messages. OCRs every page
 * (seconds per page): for archiving, not for tests beyond one small page.
 */
export async function searchablePdf(bytes: Uint8Array, file: string, opts: SearchableOptions = {}): Promise<SearchableResult> {
  const engine = opts.engine ?? new TextLayerEngine();
  const osd = new TesseractEngine();
  const opened = await openPdf(bytes, file);
  const original = await loadOriginal(bytes);
  const usable = original && original.getPageCount() === opened.pageCount ? original : null;
  const out = await PDFDocument.create();
  out.setTitle(file.split(/[\\/]/).pop() ?? file);
  out.setProducer('apa-ocr (tesseract.js text layer, pdf-lib)');
  const pages = opts.pages ?? Array.from({ length: opened.pageCount }, (_, i) => i + 1);
  let words = 0;
  try {
    for (const n of pages) {
      opts.onPage?.(n, opened.pageCount);
      const raster = await opened.rasterise(n);
      const prepared = await preprocessPage(raster, { engine: osd });
      const layer = await engine.textPage(prepared.image, raster.info.dpi * prepared.info.scale, `${file} p${n}`);
      words += layer.words;
      let page: PDFPage;
      let box: { x: number; y: number; width: number; height: number };
      let info: Pick<RasterInfo, 'width' | 'height' | 'pdfRotate'> = raster.info;
      if (usable) {
        [page] = (await out.copyPages(usable, [n - 1])) as [PDFPage];
        out.addPage(page);
        box = page.getCropBox();
      } else {
        page = await imagePage(out, raster.image, raster.info.dpi);
        box = { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() };
        info = { ...raster.info, pdfRotate: 0 };
      }
      const [embedded] = await out.embedPdf(layer.pdf, [0]);
      const at = placeLayer(box, info, prepared.info);
      page.drawPage(embedded!, { x: at.x, y: at.y, width: at.width, height: at.height, rotate: degrees(at.rotate) });
    }
  } finally {
    await opened.close();
    await osd.close();
    if (!opts.engine) await engine.close();
  }
  return { pdf: await out.save(), pages: pages.length, words };
}

export async function writeSearchablePdf(inPath: string, outPath: string, opts: SearchableOptions = {}): Promise<{ pages: number; words: number }> {
  const bytes = new Uint8Array(fs.readFileSync(inPath));
  const r = await searchablePdf(bytes, inPath, opts);
  fs.writeFileSync(outPath, r.pdf);
  return { pages: r.pages, words: r.words };
}
