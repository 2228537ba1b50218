import crypto from 'node:crypto';
import PQueue from 'p-queue';
import type { OcrEngine } from '../models/ocr.js';
import type { PageResult, SubmissionResult } from '../models/submission.js';
import type { StageError } from '../models/errors.js';
import { InputError } from '../models/errors.js';
import type { Table } from '../models/table.js';
import type { EnginePool } from './ocr/pool.js';
import { toPgm } from './image.js';
import { linesToOriginal, readScale, shrinkForReading } from './ocr/resolution.js';
import { openPdf } from './rasterise/index.js';
import { preprocessPage } from './preprocess/index.js';
import { detectTables, maskTables, readTableCells } from './tables/index.js';
import { assemblePageText, pageLines } from './assemble.js';
import { rereadDoubtfulWords } from './text/reread.js';
import { classifyPages, splitSections } from './classify/index.js';
import { extractSubmissionMeta } from './metadata/index.js';
import { annotateTables, extractSubmissionIndicators } from './annex5/index.js';

export interface RunnerEvents {
  onPageDone?(file: string, page: number, pageCount: number): void;
  onPageCount?(file: string, pageCount: number): void;
}

export interface ProcessOptions {
  pool: EnginePool;
  /** page jobs in flight at once, across files (defaults to the pool size) */
  pageQueue: PQueue;
  events?: RunnerEvents;
  /** refuse PDFs with more pages than this (a 500-page scan is usually a mistake, but can be allowed) */
  maxPages?: number;
}

function now(): number {
  return performance.now();
}

/**
 * One page through the image stages: rasterise → clean up → find tables → OCR the text outside tables →
 * OCR the table cells → reading-order text. Errors are returned on the result, never thrown, so one bad
 * page does not lose the rest of the file.
 */
export async function processPage(
  doc: Awaited<ReturnType<typeof openPdf>>,
  file: string,
  pageNo: number,
  engine: OcrEngine,
): Promise<PageResult> {
  const timings: Record<string, number> = {};
  const errors: StageError[] = [];
  const result: PageResult = {
    page: pageNo,
    raster: null,
    preprocess: null,
    classification: null,
    text: '',
    lines: [],
    meanConf: null,
    tables: [],
    timings,
    errors,
  };
  let stage = 'rasterise';
  try {
    let t = now();
    const raster = await doc.rasterise(pageNo);
    result.raster = raster.info;
    timings.rasterise = now() - t;

    stage = 'preprocess';
    t = now();
    const prepared = await preprocessPage(raster, { engine });
    result.preprocess = prepared.info;
    timings.preprocess = now() - t;
    if (prepared.info.blank) return result;

    const dpi = raster.info.dpi * prepared.info.scale;
    stage = 'tables';
    t = now();
    const structures = detectTables(prepared.image, { dpi });
    timings.tables = now() - t;

    stage = 'ocr';
    t = now();
    const textImage = structures.length ? maskTables(prepared.image, structures) : prepared.image;
    const f = readScale(dpi);
    const read = await engine.recognise({ png: toPgm(await shrinkForReading(textImage, f)), psm: 'auto', dpi: dpi * f });
    const ocr = { ...read, lines: linesToOriginal(read.lines, f) };
    // a doubtful date (a letter's date is the submission date) or a garbled English word is read once more,
    // alone, at full resolution
    const lines = await rereadDoubtfulWords(textImage, ocr.lines, engine, { dpi });
    result.lines = lines;
    timings.ocr = now() - t;

    stage = 'cells';
    t = now();
    const tables: Table[] = [];
    for (const s of structures) tables.push(await readTableCells(prepared.image, s, engine, { dpi }));
    result.tables = tables.map((tb, i) => ({ ...tb, index: i }));
    timings.cells = now() - t;

    const confs = [...lines.flatMap((l) => l.words.map((w) => w.conf)), ...tables.flatMap((tb) => tb.cells.filter((c) => c.conf != null).map((c) => c.conf!))];
    result.meanConf = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : null;
    result.text = assemblePageText(lines, result.tables);
  } catch (e) {
    const msg = e instanceof InputError ? e.reason : e instanceof Error ? e.message : String(e);
    errors.push({ stage, file, page: pageNo, category: e instanceof InputError ? 'input' : 'page', message: msg.split('\n')[0]! });
  }
  return result;
}

/** A file with no pages, or more than --max-pages, is refused as a whole (an InputError naming it). */
export function checkPageCount(file: string, pageCount: number, maxPages?: number): void {
  if (pageCount === 0) throw new InputError(file, null, 'the PDF has no pages');
  if (maxPages && pageCount > maxPages) {
    throw new InputError(file, null, `${pageCount} pages exceeds --max-pages ${maxPages}; split the file or raise the limit`);
  }
}

/** A whole PDF: pages in parallel through the pool, then the document-level stages in order. */
export async function processFile(file: string, bytes: Uint8Array, opts: ProcessOptions): Promise<SubmissionResult> {
  const startedAt = new Date().toISOString();
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const doc = await openPdf(bytes, file); // throws InputError for unreadable files
  try {
    checkPageCount(file, doc.pageCount, opts.maxPages);
    opts.events?.onPageCount?.(file, doc.pageCount);
    const pageNos = Array.from({ length: doc.pageCount }, (_, i) => i + 1);
    const pages = await Promise.all(
      pageNos.map((n) =>
        opts.pageQueue.add(async () => {
          const r = await opts.pool.use((engine) => processPage(doc, file, n, engine));
          opts.events?.onPageDone?.(file, n, doc.pageCount);
          return r;
        }),
      ),
    );

    return finishSubmission(file, sha256, bytes.length, pages, startedAt);
  } finally {
    await doc.close();
  }
}

/** The document-level stages, pure: classify pages, split sections, metadata, Annex 5 indicators. */
export function finishSubmission(file: string, sha256: string, size: number, pages: PageResult[], startedAt: string): SubmissionResult {
  const t0 = now();
  // table roles first: a decisions or attendance table is strong evidence of what its page is
  annotateTables(pages);
  const classified = classifyPages(
    pages.map((p) => ({
      page: p.page,
      lines: pageLines(p.text),
      tables: p.tables.map((t) => ({ nRows: t.nRows, nCols: t.nCols, headerText: (t.grid[0] ?? []).join(' '), role: t.role })),
    })),
  );
  pages.forEach((p, i) => {
    p.classification = classified[i]!;
  });
  const sections = splitSections(pages.map((p) => ({ page: p.page, classification: p.classification! })));
  const meta = extractSubmissionMeta(
    pages.map((p) => ({ page: p.page, section: p.classification!.section, subtype: p.classification!.subtype, lines: pageLines(p.text) })),
  );
  const indicators = extractSubmissionIndicators(pages, meta);
  const docMs = now() - t0;
  const first = pages[0];
  if (first) first.timings.document = docMs;

  const errors = pages.flatMap((p) => p.errors);
  const failedPages = pages.filter((p) => p.errors.length > 0).length;
  return {
    file,
    sha256,
    size,
    pageCount: pages.length,
    status: failedPages === 0 ? 'ok' : failedPages === pages.length ? 'failed' : 'partial',
    pages,
    sections,
    meta,
    indicators,
    errors,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}
