import { z } from 'zod';
import type { Db } from './open.js';
import type { PageResult } from '../models/submission.js';
import { OcrWordSchema } from '../models/ocr.js';
import { PreprocessInfoSchema, RasterInfoSchema } from '../models/image.js';
import { TableRoleSchema, type Table } from '../models/table.js';
import { cellsToGrid } from '../pipeline/tables/grid-text.js';
import { CellRow, OcrLineRow as LineRow, PageRow, TableRow } from './rows.js';


/**
 * The page-stage results of a stored submission, as the runner produced them (OCR lines, tables with
 * cells), so the document stages can run again without OCR. Classification is left empty.
 */
export function loadPageResults(db: Db, submissionId: number, file: string): PageResult[] {
  const pages = z.array(PageRow).parse(db.prepare('SELECT * FROM pages WHERE submission_id = ? ORDER BY page').all(submissionId));
  const lines = z.array(LineRow).parse(db.prepare('SELECT * FROM ocr_lines WHERE submission_id = ? ORDER BY page, line_no').all(submissionId));
  const tables = z.array(TableRow).parse(db.prepare('SELECT * FROM tables WHERE submission_id = ? ORDER BY page, idx').all(submissionId));
  const cellStmt = db.prepare('SELECT * FROM cells WHERE table_id = ? ORDER BY r, c');
  const errors = db.prepare('SELECT page, stage, category, message FROM errors WHERE submission_id = ?').all(submissionId) as { page: number | null; stage: string; category: 'input' | 'page' | 'internal'; message: string }[];
  return pages.map((p) => ({
    page: p.page,
    raster: p.raster_json ? RasterInfoSchema.parse(JSON.parse(p.raster_json)) : null,
    preprocess: p.preprocess_json ? PreprocessInfoSchema.parse(JSON.parse(p.preprocess_json)) : null,
    classification: null,
    text: p.text,
    lines: lines
      .filter((l) => l.page === p.page)
      .map((l) => ({ text: l.text, conf: l.conf ?? 0, bbox: { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 }, words: z.array(OcrWordSchema).parse(JSON.parse(l.words_json)) })),
    meanConf: p.mean_conf,
    tables: tables
      .filter((t) => t.page === p.page)
      .map((t): Table => {
        const cells = z.array(CellRow).parse(cellStmt.all(t.id)).map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: c.conf, bbox: { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 } }));
        return {
          index: t.idx,
          bbox: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 },
          nRows: t.n_rows,
          nCols: t.n_cols,
          role: TableRoleSchema.catch('unknown').parse(t.role),
          cells,
          grid: cellsToGrid(t.n_rows, t.n_cols, cells),
          rowLines: z.array(z.number()).parse(JSON.parse(t.row_lines_json)),
          colLines: z.array(z.number()).parse(JSON.parse(t.col_lines_json)),
        };
      }),
    timings: z.record(z.string(), z.number()).parse(JSON.parse(p.timings_json)),
    errors: errors.filter((e) => e.page === p.page).map((e) => ({ ...e, file, page: p.page })),
  }));
}
