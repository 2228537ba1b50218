/**
 * The truth file of a sample submission, in exactly the eval corpus's format (../shared/eval/README.md,
 * "Truth format"), so the official scorer can read it and the pipeline can be measured on samples too.
 */
import { z } from 'zod';
import type { LaidOutTable, PageLayout } from './layout.js';

const FieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.object({ count: z.number(), date: z.string() }),
  z.object({ notApplicable: z.literal(true) }),
]);
const FieldSchema = z.object({ raw: z.string().nullable(), value: FieldValueSchema, printed: z.literal(false).optional() });

export const IndicatorTruthSchema = z.object({
  activityCode: z.string(),
  indicatorCode: z.string(),
  row: z.number().int().nonnegative(),
  activity: z.string(),
  indicator: z.string(),
  unit: FieldSchema,
  weight: FieldSchema,
  target: FieldSchema,
  q1: FieldSchema,
  q2: FieldSchema,
  q3: FieldSchema,
  q4: FieldSchema,
  total: FieldSchema,
  rate: FieldSchema.optional(),
  score: FieldSchema.optional(),
  remarks: FieldSchema.optional(),
});

export const CellTruthSchema = z.object({
  r: z.number().int(),
  c: z.number().int(),
  rowspan: z.number().int().positive(),
  colspan: z.number().int().positive(),
  text: z.string(),
  lines: z.array(z.string()),
  header: z.boolean(),
});

export const TableTruthSchema = z.object({
  role: z.enum(['annex5', 'attendance', 'decisions', 'committee', 'website', 'menu_updates', 'innovation_db', 'other']),
  format: z.enum(['A', 'B', 'C', 'D']).nullable(),
  columnKeys: z.array(z.string()).nullable(),
  continuation: z.boolean(),
  continues: z.boolean(),
  nRows: z.number().int().positive(),
  nCols: z.number().int().positive(),
  headerRows: z.number().int().nonnegative(),
  cells: z.array(CellTruthSchema),
  grid: z.array(z.array(z.string())),
  indicators: z.array(IndicatorTruthSchema).optional(),
});
export type TableTruth = z.infer<typeof TableTruthSchema>;

const SectionSchema = z.enum(['letter', 'minutes', 'annex5', 'certificate', 'other']);

export const ScanTruthSchema = z.object({
  skewDeg: z.number(),
  blur: z.number(),
  noise: z.number(),
  jpegQuality: z.number().int(),
  speckle: z.number(),
  edgeShadow: z.enum(['left', 'right', 'top', 'bottom']).nullable(),
});

export const PageTruthSchema = z.object({
  page: z.number().int().positive(),
  section: SectionSchema,
  subtype: z.string(),
  sectionIndex: z.number().int().nonnegative(),
  orientation: z.enum(['portrait', 'landscape']),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  dpi: z.number().int().positive(),
  tier: z.enum(['clean', 'typical', 'hard']),
  font: z.string(),
  scan: ScanTruthSchema,
  overlays: z.array(z.union([z.object({ type: z.literal('signature'), inTable: z.literal(true).optional() }), z.object({ type: z.literal('seal'), text: z.array(z.string()) })])),
  certificateIndicator: z.string().optional(),
  text: z.string(),
  tables: z.array(TableTruthSchema),
});
export type PageTruth = z.infer<typeof PageTruthSchema>;

export const SubmissionTruthSchema = z.object({
  id: z.string(),
  sourcePdf: z.string(),
  generator: z.object({ name: z.string(), seed: z.string(), version: z.number().int() }),
  office: z.object({
    name: z.string(),
    level: z.enum(['upazila', 'district', 'division']),
    upazila: z.string().nullable(),
    district: z.string().nullable(),
    division: z.string(),
  }),
  fiscalYear: z.string().regex(/^\d{4}-\d{2}$/),
  quarter: z.union([z.number().int().min(1).max(4), z.literal('H1')]),
  submissionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  annexFormat: z.enum(['A', 'B', 'C', 'D']).nullable(),
  tier: z.enum(['clean', 'typical', 'hard']),
  font: z.string(),
  dpi: z.number().int().positive(),
  pageCount: z.number().int().positive(),
  sections: z.array(z.object({ index: z.number().int(), section: SectionSchema, subtype: z.string(), pages: z.array(z.number().int().positive()) })),
  pages: z.array(PageTruthSchema),
});
export type SubmissionTruth = z.infer<typeof SubmissionTruthSchema>;

/** A laid-out table as truth: cells with their visual lines, and the grid with merged text repeated. */
export function tableTruth(t: LaidOutTable): TableTruth {
  const s = t.spec;
  const grid = Array.from({ length: s.nRows }, () => Array<string>(s.nCols).fill(''));
  for (const cell of t.cells) {
    for (let r = cell.r; r < cell.r + cell.rowspan; r++) for (let c = cell.c; c < cell.c + cell.colspan; c++) grid[r]![c] = cell.text;
  }
  const out: TableTruth = {
    role: s.role,
    format: s.format,
    columnKeys: s.columnKeys,
    continuation: s.continuation,
    continues: s.continues,
    nRows: s.nRows,
    nCols: s.nCols,
    headerRows: s.headerRows,
    cells: t.cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, lines: c.lines, header: c.header })),
    grid,
  };
  if (s.indicators) out.indicators = s.indicators;
  return out;
}

/** The page's printed text: its lines in reading order, NFC. */
export function pageText(layout: PageLayout): string {
  return layout.lines.join('\n').normalize('NFC');
}
