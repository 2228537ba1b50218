/**
 * A review database built from the committed samples WITHOUT OCR: each page goes through the real rasterise,
 * preprocess and ruled-table detection (so every stored box refers to the same upright image the server
 * renders), the detected cells get the truth's text instead of OCR output, and the real document stages
 * (classification, metadata, Annex 5 extraction, validation) run over that. `misreads` plant OCR-like errors
 * in chosen indicator cells, so the reviewer has flagged values to fix.
 *
 * The page geometry (the slow part, ~15 s for the three samples) is cached in the OS temp folder, keyed by the
 * inputs and the source of the stages that produce it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openDb, type Db } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import { cellsToGrid } from '../../db/queries.js';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { preprocessPage } from '../../pipeline/preprocess/index.js';
import { detectTables } from '../../pipeline/tables/index.js';
import { finishSubmission } from '../../pipeline/runner.js';
import { PreprocessInfoSchema, RasterInfoSchema } from '../../models/image.js';
import type { PageResult } from '../../models/submission.js';
import type { Table, TableCell } from '../../models/table.js';
import type { Box } from '../../models/geometry.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_IDS = ['smp_001', 'smp_002', 'smp_003'] as const;
export type SampleId = (typeof SAMPLE_IDS)[number];

export const pdfPath = (id: string): string => path.join(ROOT, 'samples/pdf', `${id}.pdf`);

const TruthCell = z.object({ r: z.number(), c: z.number(), rowspan: z.number(), colspan: z.number(), text: z.string() });
const TruthIndicator = z.object({ indicatorCode: z.string(), row: z.number() });
const TruthTable = z.object({
  role: z.string(),
  nRows: z.number(),
  nCols: z.number(),
  columnKeys: z.array(z.string()).nullish(),
  cells: z.array(TruthCell),
  indicators: z.array(TruthIndicator).nullish(),
});
const TruthPage = z.object({ page: z.number(), text: z.string(), tables: z.array(TruthTable) });
const Truth = z.object({ id: z.string(), pages: z.array(TruthPage) });
export type TruthDoc = z.infer<typeof Truth>;

export function readTruth(id: string): TruthDoc {
  return Truth.parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'samples/truth', `${id}.truth.json`), 'utf8')));
}

/** What the image stages found on a page, without any text. */
const PageGeometry = z.object({
  page: z.number(),
  raster: RasterInfoSchema,
  preprocess: PreprocessInfoSchema,
  tables: z.array(
    z.object({
      bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }),
      nRows: z.number(),
      nCols: z.number(),
      rowLines: z.array(z.number()),
      colLines: z.array(z.number()),
      cells: z.array(z.object({ r: z.number(), c: z.number(), rowspan: z.number(), colspan: z.number(), bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }) })),
    }),
  ),
});
type PageGeometry = z.infer<typeof PageGeometry>;

function sourceHash(id: string): string {
  const h = crypto.createHash('sha256');
  h.update(fs.readFileSync(pdfPath(id)));
  h.update(fs.readFileSync(path.join(ROOT, 'samples/truth', `${id}.truth.json`)));
  for (const dir of ['pipeline/rasterise', 'pipeline/preprocess', 'pipeline/tables']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).sort()) h.update(fs.readFileSync(path.join(ROOT, dir, f)));
  }
  h.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  return h.digest('hex').slice(0, 16);
}

async function measureGeometry(id: string, truth: TruthDoc): Promise<PageGeometry[]> {
  const doc = await openPdf(new Uint8Array(fs.readFileSync(pdfPath(id))), pdfPath(id));
  try {
    const out: PageGeometry[] = [];
    for (let p = 1; p <= doc.pageCount; p++) {
      const raster = await doc.rasterise(p);
      const prepared = await preprocessPage(raster);
      const wantsTables = (truth.pages[p - 1]?.tables.length ?? 0) > 0;
      const structures = wantsTables ? detectTables(prepared.image, { dpi: raster.info.dpi * prepared.info.scale }) : [];
      out.push({
        page: p,
        raster: raster.info,
        preprocess: prepared.info,
        tables: structures.map((s) => ({ bbox: s.bbox, nRows: s.nRows, nCols: s.nCols, rowLines: s.rowLines, colLines: s.colLines, cells: s.cells })),
      });
    }
    return out;
  } finally {
    await doc.close();
  }
}

async function geometry(id: string, truth: TruthDoc): Promise<PageGeometry[]> {
  const file = path.join(os.tmpdir(), `apa-review-geometry-${id}-${sourceHash(id)}.json`);
  if (fs.existsSync(file)) {
    const cached = z.array(PageGeometry).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (cached.success) return cached.data;
  }
  const g = await measureGeometry(id, truth);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(g));
  fs.renameSync(tmp, file); // atomic: a parallel test worker never reads half a file
  return g;
}

/** An OCR-like error planted in one indicator cell: `text` replaces the printed text, read with `conf` (0–100). */
export interface Misread {
  id: SampleId;
  indicatorCode: string;
  field: string;
  text: string;
  conf: number;
}

/** Evenly split boxes, for a table the detector saw with another grid than the truth's (never on the samples). */
function gridBox(bbox: Box, nRows: number, nCols: number, c: z.infer<typeof TruthCell>): Box {
  const w = (bbox.x1 - bbox.x0) / nCols;
  const h = (bbox.y1 - bbox.y0) / nRows;
  return { x0: bbox.x0 + c.c * w, y0: bbox.y0 + c.r * h, x1: bbox.x0 + (c.c + c.colspan) * w, y1: bbox.y0 + (c.r + c.rowspan) * h };
}

function buildTable(index: number, t: z.infer<typeof TruthTable>, g: PageGeometry['tables'][number] | undefined, page: PageGeometry, plant: Map<string, Misread>): Table {
  const bbox = g?.bbox ?? { x0: 0, y0: 0, x1: page.preprocess.width, y1: page.preprocess.height };
  const sameGrid = g && g.nRows === t.nRows && g.nCols === t.nCols;
  const boxAt = new Map((sameGrid ? g.cells : []).map((c) => [`${c.r},${c.c}`, c.bbox]));
  const cells: TableCell[] = t.cells.map((c) => {
    const m = plant.get(`${c.r},${c.c}`);
    const text = m ? m.text : c.text;
    return {
      r: c.r,
      c: c.c,
      rowspan: c.rowspan,
      colspan: c.colspan,
      text,
      conf: text === '' ? null : (m?.conf ?? 93),
      bbox: boxAt.get(`${c.r},${c.c}`) ?? gridBox(bbox, t.nRows, t.nCols, c),
    };
  });
  return {
    index,
    bbox,
    nRows: t.nRows,
    nCols: t.nCols,
    role: 'unknown', // the document stages decide roles, as after OCR
    cells,
    grid: cellsToGrid(t.nRows, t.nCols, cells),
    rowLines: g?.rowLines ?? [],
    colLines: g?.colLines ?? [],
  };
}

/** Page results as the image stages + a perfect OCR would give them (with the planted misreads). */
export async function truthPages(id: SampleId, misreads: readonly Misread[] = []): Promise<PageResult[]> {
  const truth = readTruth(id);
  const geo = await geometry(id, truth);
  return geo.map((g) => {
    const tp = truth.pages[g.page - 1]!;
    const tables = tp.tables.map((t, k) => {
      const plant = new Map<string, Misread>();
      for (const m of misreads.filter((x) => x.id === id)) {
        const ind = t.indicators?.find((i) => i.indicatorCode === m.indicatorCode);
        const col = t.columnKeys?.indexOf(m.field) ?? -1;
        if (ind && col >= 0) plant.set(`${ind.row},${col}`, m);
      }
      return buildTable(k, t, g.tables[k], g, plant);
    });
    return {
      page: g.page,
      raster: g.raster,
      preprocess: g.preprocess,
      classification: null,
      text: tp.text,
      lines: [],
      meanConf: 93,
      tables,
      timings: {},
      errors: [],
    };
  });
}

/** Store the samples (all by default) into `db`; returns submission ids by sample id. */
export async function storeTruthSamples(db: Db, opts: { ids?: readonly SampleId[]; misreads?: readonly Misread[] } = {}): Promise<Map<SampleId, number>> {
  const run = startRun(db, 'truthDb', {});
  const ids = new Map<SampleId, number>();
  for (const id of opts.ids ?? SAMPLE_IDS) {
    const file = pdfPath(id);
    const bytes = fs.readFileSync(file);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const res = finishSubmission(file, sha, bytes.length, await truthPages(id, opts.misreads), new Date().toISOString());
    ids.set(id, storeSubmission(db, res, run));
  }
  return ids;
}

/** A fresh database file in a temp folder holding the samples; `dispose` closes it and removes the folder. */
export async function buildTruthDb(
  opts: { ids?: readonly SampleId[]; misreads?: readonly Misread[] } = {},
): Promise<{ file: string; db: Db; ids: Map<SampleId, number>; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-review-'));
  const file = path.join(dir, 'review.sqlite');
  const db = openDb(file);
  const ids = await storeTruthSamples(db, opts);
  const dispose = () => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { file, db, ids, dispose };
}
