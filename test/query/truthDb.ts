/**
 * A database built from samples/truth without OCR: each truth file becomes the SubmissionResult the
 * pipeline would produce if it read the scan perfectly, stored with the real storeSubmission. Validation
 * flags come from the real rules run over the truth values, so the flags query has genuine input.
 * Cell boxes are synthetic (column × 100 px, row × 50 px) but deterministic, so provenance can be checked.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openDb, type Db } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import { INDICATOR_VALUE_FIELDS, type IndicatorField, type IndicatorRecord } from '../../models/indicator.js';
import { CellValueSchema } from '../../models/value.js';
import { SectionSpanSchema } from '../../models/section.js';
import { OfficeSchema, QuarterSchema, type SubmissionResult } from '../../models/submission.js';
import { TableRoleSchema, type Table } from '../../models/table.js';
import { validateIndicators } from '../../pipeline/validate/index.js';

export const SAMPLES = path.resolve(import.meta.dirname, '../../samples');

const TruthField = z.object({ raw: z.string().nullable(), value: CellValueSchema, printed: z.boolean().optional() });
const TruthIndicator = z
  .object({
    activityCode: z.string().nullable(),
    indicatorCode: z.string(),
    row: z.number(),
    activity: z.string().nullable(),
    indicator: z.string().nullable(),
  })
  .catchall(z.unknown());
const TruthTable = z.object({
  role: z.string(),
  columnKeys: z.array(z.string()).nullish(),
  continuation: z.boolean().nullish(),
  nRows: z.number(),
  nCols: z.number(),
  cells: z.array(z.object({ r: z.number(), c: z.number(), rowspan: z.number(), colspan: z.number(), text: z.string() })),
  grid: z.array(z.array(z.string())),
  indicators: z.array(TruthIndicator).optional(),
});
const TruthPage = z.object({ page: z.number(), section: z.string(), subtype: z.string(), text: z.string(), tables: z.array(TruthTable) });
export const TruthSchema = z.object({
  id: z.string(),
  sourcePdf: z.string(),
  office: OfficeSchema,
  fiscalYear: z.string().nullable(),
  quarter: QuarterSchema.nullable(),
  submissionDate: z.string().nullable(),
  annexFormat: z.string().nullable(),
  pageCount: z.number(),
  sections: z.array(SectionSpanSchema),
  pages: z.array(TruthPage),
});
export type Truth = z.infer<typeof TruthSchema>;

export function loadTruths(dir = path.join(SAMPLES, 'truth')): Truth[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => TruthSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
}

const ABSENT: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };

/** The synthetic cell box of a table position. */
export function truthBox(r: number, c: number): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: c * 100, y0: r * 50, x1: c * 100 + 100, y1: r * 50 + 50 };
}

/** Changes a test makes to a record before validation, e.g. to plant an inconsistency the rules flag. */
export type RecordEdit = (rec: IndicatorRecord, truth: Truth) => IndicatorRecord;

export function truthToSubmission(t: Truth, edit?: RecordEdit): SubmissionResult {
  const pdf = path.join(SAMPLES, 'pdf', t.sourcePdf);
  const bytes = fs.existsSync(pdf) ? fs.readFileSync(pdf) : Buffer.from(JSON.stringify(t));
  const indicators: IndicatorRecord[] = [];
  // records of one logical table (a table continued on the next page joins its predecessor) validate together
  const groups: IndicatorRecord[][] = [];
  const pages = t.pages.map((p) => {
    const tables: Table[] = p.tables.map((tb, index) => {
      const role = TableRoleSchema.catch('unknown').parse(tb.role);
      const recs = (tb.indicators ?? []).map((ind): IndicatorRecord => {
        const field = (key: string): IndicatorField => {
          const f = TruthField.safeParse(ind[key]);
          if (!f.success || f.data.printed === false) return ABSENT;
          const col = tb.columnKeys?.indexOf(key) ?? -1;
          return { raw: f.data.raw, value: f.data.value, confidence: 1, bbox: col >= 0 ? truthBox(ind.row, col) : null, printed: true };
        };
        const rec = {
          page: p.page,
          tableIndex: index,
          row: ind.row,
          activityCode: ind.activityCode,
          activity: ind.activity,
          indicatorCode: ind.indicatorCode,
          indicator: ind.indicator,
          flags: [],
        } as Omit<IndicatorRecord, (typeof INDICATOR_VALUE_FIELDS)[number]>;
        const full = { ...rec, ...Object.fromEntries(INDICATOR_VALUE_FIELDS.map((k) => [k, field(k)])) } as IndicatorRecord;
        return edit ? edit(full, t) : full;
      });
      if (recs.length) {
        if (tb.continuation && groups.length) groups[groups.length - 1]!.push(...recs);
        else groups.push(recs);
      }
      return {
        index,
        bbox: { x0: 0, y0: 0, x1: tb.nCols * 100, y1: tb.nRows * 50 },
        nRows: tb.nRows,
        nCols: tb.nCols,
        role,
        cells: tb.cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: 100, bbox: truthBox(c.r, c.c) })),
        grid: tb.grid,
        rowLines: [],
        colLines: [],
      };
    });
    return {
      page: p.page,
      raster: null,
      preprocess: null,
      classification: { section: p.section, subtype: p.subtype, confidence: 1, evidence: ['truth'] },
      text: p.text,
      lines: [],
      meanConf: null,
      tables,
      timings: {},
      errors: [],
    } as SubmissionResult['pages'][number];
  });
  for (const g of groups) indicators.push(...validateIndicators(g, { fiscalYear: t.fiscalYear, quarter: t.quarter }));
  return {
    file: `samples/pdf/${t.sourcePdf}`,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    pageCount: t.pageCount,
    status: 'ok',
    pages,
    sections: t.sections,
    meta: {
      office: t.office,
      fiscalYear: t.fiscalYear,
      quarter: t.quarter,
      submissionDate: t.submissionDate,
      annexFormat: t.annexFormat,
      provenance: {},
    },
    indicators,
    errors: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  };
}

/** A migrated database (file or ':memory:') holding every sample's truth. */
export function buildTruthDb(file = ':memory:', opts: { truths?: Truth[]; edit?: RecordEdit } = {}): { db: Db; results: SubmissionResult[] } {
  const db = openDb(file);
  const run = startRun(db, 'truth', {});
  const results = (opts.truths ?? loadTruths()).map((t) => truthToSubmission(t, opts.edit));
  for (const r of results) storeSubmission(db, r, run);
  return { db, results };
}
