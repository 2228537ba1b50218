import { z } from 'zod';
import type { Db } from './open.js';
import {
  CellRow as CellRowSchema,
  IndicatorRow as IndicatorRowSchema,
  PageRow as PageRowSchema,
  SubmissionRow as SubmissionRowSchema,
  TableRow as TableRowSchema,
} from './rows.js';
import type { CellRow, TableRow } from './rows.js';
import { cellsToGrid } from '../pipeline/tables/grid-text.js';
import { repairAnnexText } from '../pipeline/annex5/lexicon.js';
import { SubmissionExportSchema, type SubmissionExport, type ExportIndicator } from '../models/export.js';
import { SubmissionMetaSchema } from '../models/submission.js';
import { IndicatorFieldSchema, ValidationFlagSchema, INDICATOR_VALUE_FIELDS, type IndicatorField } from '../models/indicator.js';
import { SectionKindSchema, SectionSpanSchema, SectionSubtypeSchema } from '../models/section.js';
import { splitSections } from '../pipeline/classify/index.js';
import { plausibleRecord, submissionDateProblem } from '../pipeline/validate/plausible.js';
import {
  applyFieldCorrection,
  applyMetaCorrections,
  applyPageCorrection,
  currentCorrections,
  indicatorOccurrences,
  type Correction,
} from './corrections.js';






export function listSubmissionIds(db: Db): number[] {
  return (db.prepare('SELECT id FROM submissions ORDER BY file_name, id').all() as { id: number }[]).map((r) => r.id);
}

export { cellsToGrid };

/**
 * The grid a stored table is exported with: the document stage's grid (spelling-repaired Annex 5 text) where it
 * was stored, with reviewers' cell fixes laid over it as written; else, for tables stored before the grid was,
 * the cells' text, Annex 5 wording repaired.
 */
function tableGrid(t: TableRow, cells: CellRow[], fixed: (c: CellRow) => boolean): string[][] {
  const stored = t.grid_json ? z.array(z.array(z.string())).safeParse(JSON.parse(t.grid_json)) : null;
  if (!stored?.success || stored.data.length !== t.n_rows || stored.data.some((r) => r.length !== t.n_cols)) {
    return cellsToGrid(t.n_rows, t.n_cols, cells, (text, c) => (t.role === 'annex5' && !fixed(c) ? repairAnnexText(text) : text));
  }
  const grid = stored.data;
  const overlay = cellsToGrid(t.n_rows, t.n_cols, cells.filter(fixed));
  for (const c of cells.filter(fixed)) {
    for (let r = c.r; r < Math.min(t.n_rows, c.r + c.rowspan); r++) {
      for (let k = c.c; k < Math.min(t.n_cols, c.c + c.colspan); k++) grid[r]![k] = overlay[r]![k]!;
    }
  }
  return grid;
}

/** How a human correction is shown on an exported indicator field (added beside the field's own keys). */
export interface ExportCorrectionMark {
  /** the value or text differs from what OCR read; false when a reviewer confirmed the OCR value */
  corrected: boolean;
  correction: { who: string; at: string; reason: string | null; ocrRaw: string | null; ocrValue: unknown };
}

/** The export plus the review state; corrected indicator fields also carry an {@link ExportCorrectionMark}. */
export type ReviewedExport = SubmissionExport & {
  review: { reviewedAt: string | null; reviewedBy: string | null; corrections: number };
};

/**
 * Build the export JSON of one stored submission (the shape ../shared/eval/score.mjs reads), with human
 * corrections applied (db/corrections.ts): a corrected indicator field has the reviewer's `raw` and `value`
 * (confidence 1) plus `corrected` and `correction` {who, at, reason, ocrRaw, ocrValue}; the table cell it came
 * from shows the corrected text; corrected metadata has provenance source "correction by …"; corrected page
 * sections are used for pages and section spans.
 */
export function exportSubmission(db: Db, submissionId: number): ReviewedExport {
  const s = SubmissionRowSchema.parse(db.prepare('SELECT * FROM submissions WHERE id = ?').get(submissionId));
  const cur = currentCorrections(db, s.sha256);
  const { meta } = applyMetaCorrections(SubmissionMetaSchema.parse(JSON.parse(s.meta_json)), cur);
  const pages = z.array(PageRowSchema).parse(db.prepare('SELECT * FROM pages WHERE submission_id = ? ORDER BY page').all(submissionId));
  const tables = z.array(TableRowSchema).parse(db.prepare('SELECT * FROM tables WHERE submission_id = ? ORDER BY page, idx').all(submissionId));
  const cellStmt = db.prepare('SELECT * FROM cells WHERE table_id = ? ORDER BY r, c');
  const inds = z.array(IndicatorRowSchema).parse(db.prepare('SELECT * FROM indicators WHERE submission_id = ? ORDER BY seq').all(submissionId));
  const occurrences = indicatorOccurrences(inds.map((i) => i.indicator_code));
  const flagStmt = db.prepare('SELECT rule, field, message FROM flags WHERE indicator_id = ?');
  const errors = db
    .prepare('SELECT page, stage, message FROM errors WHERE submission_id = ? ORDER BY page')
    .all(submissionId) as { page: number | null; stage: string; message: string }[];

  const indByTable = new Map<string, ExportIndicator[]>();
  // marks are added after the schema check, which would strip keys it does not know
  const marks = new Map<string, ExportCorrectionMark>();
  // corrected cell text, by page, table and box, so the table grid shows what the reviewer read
  const cellFixes = new Map<string, string>();
  const boxKey = (page: number, tableIdx: number, b: { x0: number; y0: number; x1: number; y1: number }) => `${page}#${tableIdx}#${b.x0},${b.y0},${b.x1},${b.y1}`;
  inds.forEach((i, n) => {
    const f = z.record(z.string(), IndicatorFieldSchema).parse(JSON.parse(i.fields_json));
    const key = `${i.page}#${i.table_idx}`;
    const list = indByTable.get(key) ?? [];
    const field = (k: (typeof INDICATOR_VALUE_FIELDS)[number]): IndicatorField => {
      const ocr = f[k] ?? { raw: null, value: null, confidence: null, bbox: null, printed: false };
      const c: Correction | undefined = cur.indicator(i.indicator_code, occurrences[n]!, k);
      if (!c) return ocr;
      const now = applyFieldCorrection(ocr, c);
      marks.set(`${key}#${list.length}#${k}`, {
        corrected: now.corrected,
        correction: { who: c.who, at: c.at, reason: c.reason, ocrRaw: ocr.raw, ocrValue: ocr.value },
      });
      if (now.corrected && ocr.bbox) cellFixes.set(boxKey(i.page, i.table_idx, ocr.bbox), now.raw ?? '');
      return { raw: now.raw, value: now.value, confidence: now.confidence, bbox: now.bbox, printed: now.printed };
    };
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
    // what a reviewer typed or an older version stored passes the same check as OCR: no impossible value leaves
    list.push(plausibleRecord(rec, { fiscalYear: meta.fiscalYear }));
    indByTable.set(key, list);
  });

  const pageSections = pages.map((p) => {
    const ocr = { section: SectionKindSchema.nullable().catch(null).parse(p.section), subtype: SectionSubtypeSchema.nullable().catch(null).parse(p.subtype) };
    return { page: p.page, ocr, ...applyPageCorrection(p.page, ocr, cur) };
  });
  const storedSections = z.array(SectionSpanSchema).parse(JSON.parse(s.sections_json));
  const sections = pageSections.some((p) => p.correction)
    ? splitSections(
        pageSections.flatMap((p) =>
          p.section && p.subtype
            ? [{ page: p.page, classification: { section: p.section, subtype: p.subtype, confidence: 1, evidence: p.correction ? ['corrected'] : [] } }]
            : [],
        ),
      )
    : storedSections;

  const dateProblem = submissionDateProblem(meta.submissionDate, meta.fiscalYear, meta.quarter);
  const out: SubmissionExport = {
    id: s.file_name.replace(/\.pdf$/i, ''),
    sourcePdf: s.file_name,
    sha256: s.sha256,
    status: s.status,
    pageCount: s.page_count,
    office: meta.office,
    fiscalYear: meta.fiscalYear,
    quarter: meta.quarter,
    submissionDate: dateProblem === null ? meta.submissionDate : null,
    annexFormat: meta.annexFormat,
    metadata: dateProblem === null ? meta.provenance : { ...meta.provenance, submissionDate: { page: null, ...meta.provenance.submissionDate, value: null, confidence: 0, source: `not a possible submission date: ${dateProblem}` } },
    sections,
    pages: pages.map((p, pi) => ({
      page: p.page,
      section: pageSections[pi]!.section,
      subtype: pageSections[pi]!.subtype,
      confidence: pageSections[pi]!.correction ? 1 : p.confidence,
      rotation: p.rotation,
      skewDeg: p.skew_deg,
      dpi: p.dpi,
      meanConf: p.mean_conf,
      text: p.text,
      tables: tables
        .filter((t) => t.page === p.page)
        .map((t) => {
          const cells = z
            .array(CellRowSchema)
            .parse(cellStmt.all(t.id))
            .map((c) => {
              const fixed = cellFixes.get(boxKey(t.page, t.idx, c));
              return fixed === undefined ? c : { ...c, text: fixed };
            });
          return {
            index: t.idx,
            role: t.role,
            bbox: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 },
            nRows: t.n_rows,
            nCols: t.n_cols,
            grid: tableGrid(t, cells, (c) => cellFixes.has(boxKey(t.page, t.idx, c))),
            cells: cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: c.conf, bbox: { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 } })),
            indicators: indByTable.get(`${t.page}#${t.idx}`) ?? [],
          };
        }),
    })),
    errors,
  };
  const parsed = SubmissionExportSchema.parse(out);
  for (const p of parsed.pages) {
    for (const t of p.tables) {
      t.indicators.forEach((rec, n) => {
        for (const k of INDICATOR_VALUE_FIELDS) {
          const mark = marks.get(`${p.page}#${t.index}#${n}#${k}`);
          if (mark) Object.assign(rec[k], mark);
        }
      });
    }
  }
  return Object.assign(parsed, {
    review: { reviewedAt: s.reviewed_at ?? null, reviewedBy: s.reviewed_by ?? null, corrections: cur.all.length },
  });
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
