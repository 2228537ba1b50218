import { z } from 'zod';
import type { Db } from './open.js';
import { joinVisualLines } from '../pipeline/text/lines.js';
import { SubmissionExportSchema, type SubmissionExport, type ExportIndicator } from '../models/export.js';
import { SubmissionMetaSchema } from '../models/submission.js';
import { SectionSpanSchema } from '../models/section.js';
import { IndicatorFieldSchema, ValidationFlagSchema } from '../models/indicator.js';

const SubmissionRowSchema = z.object({
  id: z.number(),
  sha256: z.string(),
  path: z.string(),
  file_name: z.string(),
  page_count: z.number(),
  status: z.string(),
  meta_json: z.string(),
  sections_json: z.string(),
});

const PageRowSchema = z.object({
  page: z.number(),
  section: z.string().nullable(),
  subtype: z.string().nullable(),
  confidence: z.number().nullable(),
  rotation: z.number().nullable(),
  skew_deg: z.number().nullable(),
  dpi: z.number().nullable(),
  mean_conf: z.number().nullable(),
  text: z.string(),
});

const TableRowSchema = z.object({
  id: z.number(),
  page: z.number(),
  idx: z.number(),
  role: z.string(),
  n_rows: z.number(),
  n_cols: z.number(),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});

const CellRowSchema = z.object({
  r: z.number(),
  c: z.number(),
  rowspan: z.number(),
  colspan: z.number(),
  text: z.string(),
  conf: z.number().nullable(),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});

const IndicatorRowSchema = z.object({
  id: z.number(),
  page: z.number(),
  table_idx: z.number(),
  row: z.number(),
  indicator_code: z.string(),
  activity_code: z.string().nullable(),
  activity: z.string().nullable(),
  indicator: z.string().nullable(),
  fields_json: z.string(),
});

export function listSubmissionIds(db: Db): number[] {
  return (db.prepare('SELECT id FROM submissions ORDER BY file_name, id').all() as { id: number }[]).map((r) => r.id);
}

/**
 * Expand cells into the nRows × nCols grid, a merged cell's text repeated in every position it covers.
 * A cell's visual lines are joined into its logical text (a word or date broken by the cell's width is
 * rejoined), as the eval truth's grid is written.
 */
export function cellsToGrid(nRows: number, nCols: number, cells: { r: number; c: number; rowspan: number; colspan: number; text: string }[]): string[][] {
  const grid = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => ''));
  for (const cell of cells) {
    const text = joinVisualLines(cell.text.split('\n'));
    for (let r = cell.r; r < Math.min(nRows, cell.r + cell.rowspan); r++) {
      for (let c = cell.c; c < Math.min(nCols, cell.c + cell.colspan); c++) grid[r]![c] = text;
    }
  }
  return grid;
}

/** Build the export JSON of one stored submission (the shape ../shared/eval/score.mjs reads). */
export function exportSubmission(db: Db, submissionId: number): SubmissionExport {
  const s = SubmissionRowSchema.parse(db.prepare('SELECT * FROM submissions WHERE id = ?').get(submissionId));
  const meta = SubmissionMetaSchema.parse(JSON.parse(s.meta_json));
  const pages = z.array(PageRowSchema).parse(db.prepare('SELECT * FROM pages WHERE submission_id = ? ORDER BY page').all(submissionId));
  const tables = z.array(TableRowSchema).parse(db.prepare('SELECT * FROM tables WHERE submission_id = ? ORDER BY page, idx').all(submissionId));
  const cellStmt = db.prepare('SELECT * FROM cells WHERE table_id = ? ORDER BY r, c');
  const inds = z.array(IndicatorRowSchema).parse(db.prepare('SELECT * FROM indicators WHERE submission_id = ? ORDER BY seq').all(submissionId));
  const flagStmt = db.prepare('SELECT rule, field, message FROM flags WHERE indicator_id = ?');
  const errors = db
    .prepare('SELECT page, stage, message FROM errors WHERE submission_id = ? ORDER BY page')
    .all(submissionId) as { page: number | null; stage: string; message: string }[];

  const indByTable = new Map<string, ExportIndicator[]>();
  for (const i of inds) {
    const f = z.record(z.string(), IndicatorFieldSchema).parse(JSON.parse(i.fields_json));
    const field = (k: string) => f[k] ?? { raw: null, value: null, confidence: null, bbox: null, printed: false };
    const rec: ExportIndicator = {
      indicatorCode: i.indicator_code,
      activityCode: i.activity_code,
      activity: i.activity,
      indicator: i.indicator,
      page: i.page,
      row: i.row,
      unit: field('unit'),
      weight: field('weight'),
      target: field('target'),
      q1: field('q1'),
      q2: field('q2'),
      q3: field('q3'),
      q4: field('q4'),
      total: field('total'),
      rate: field('rate'),
      score: field('score'),
      remarks: field('remarks'),
      flags: z.array(ValidationFlagSchema).parse(flagStmt.all(i.id)),
    };
    const key = `${i.page}#${i.table_idx}`;
    indByTable.set(key, [...(indByTable.get(key) ?? []), rec]);
  }

  const out: SubmissionExport = {
    id: s.file_name.replace(/\.pdf$/i, ''),
    sourcePdf: s.file_name,
    sha256: s.sha256,
    status: s.status,
    pageCount: s.page_count,
    office: meta.office,
    fiscalYear: meta.fiscalYear,
    quarter: meta.quarter,
    submissionDate: meta.submissionDate,
    annexFormat: meta.annexFormat,
    metadata: meta.provenance,
    sections: z.array(SectionSpanSchema).parse(JSON.parse(s.sections_json)),
    pages: pages.map((p) => ({
      page: p.page,
      section: p.section,
      subtype: p.subtype,
      confidence: p.confidence,
      rotation: p.rotation,
      skewDeg: p.skew_deg,
      dpi: p.dpi,
      meanConf: p.mean_conf,
      text: p.text,
      tables: tables
        .filter((t) => t.page === p.page)
        .map((t) => {
          const cells = z.array(CellRowSchema).parse(cellStmt.all(t.id));
          return {
            index: t.idx,
            role: t.role,
            bbox: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 },
            nRows: t.n_rows,
            nCols: t.n_cols,
            grid: cellsToGrid(t.n_rows, t.n_cols, cells),
            cells: cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: c.conf, bbox: { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 } })),
            indicators: indByTable.get(`${t.page}#${t.idx}`) ?? [],
          };
        }),
    })),
    errors,
  };
  return SubmissionExportSchema.parse(out);
}

export interface Stats {
  submissions: number;
  byStatus: Record<string, number>;
  pages: number;
  pagesBySection: Record<string, number>;
  tables: number;
  indicators: number;
  flags: number;
  failures: { file: string; page: number | null; message: string }[];
}

export function stats(db: Db): Stats {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const byStatus = Object.fromEntries(
    (db.prepare('SELECT status, COUNT(*) n FROM submissions GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
  );
  const pagesBySection = Object.fromEntries(
    (db.prepare("SELECT COALESCE(section, 'unclassified') s, COUNT(*) n FROM pages GROUP BY 1 ORDER BY 1").all() as { s: string; n: number }[]).map((r) => [r.s, r.n]),
  );
  // failures: files that never got stored (latest message per file), plus page errors of stored files
  const failures = db
    .prepare(
      `SELECT file, page, message FROM errors e
        WHERE submission_id IS NULL AND id = (SELECT MAX(id) FROM errors e2 WHERE e2.file = e.file AND e2.submission_id IS NULL)
          AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.path = e.file)
       UNION ALL
       SELECT file, page, message FROM errors WHERE submission_id IS NOT NULL
       ORDER BY file, page`,
    )
    .all() as { file: string; page: number | null; message: string }[];
  return {
    submissions: count('SELECT COUNT(*) n FROM submissions'),
    byStatus,
    pages: count('SELECT COUNT(*) n FROM pages'),
    pagesBySection,
    tables: count('SELECT COUNT(*) n FROM tables'),
    indicators: count('SELECT COUNT(*) n FROM indicators'),
    flags: count('SELECT COUNT(*) n FROM flags'),
    failures,
  };
}
