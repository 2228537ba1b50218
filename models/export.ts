import { z } from 'zod';
import { BoxSchema } from './geometry.js';
import { IndicatorRecordSchema } from './indicator.js';
import { MetaProvenanceSchema, OfficeSchema, QuarterSchema } from './submission.js';
import { SectionSpanSchema } from './section.js';

/**
 * The JSON export of one submission: the eval truth's shape (../shared/eval/README.md), so that
 * `score.mjs` reads it unchanged, plus provenance (boxes, confidences, flags) for every value.
 */
export const ExportIndicatorSchema = IndicatorRecordSchema.omit({ tableIndex: true });
export type ExportIndicator = z.infer<typeof ExportIndicatorSchema>;

export const ExportCellSchema = z.object({
  r: z.number().int(),
  c: z.number().int(),
  rowspan: z.number().int(),
  colspan: z.number().int(),
  text: z.string(),
  conf: z.number().nullable(),
  bbox: BoxSchema,
});

export const ExportTableSchema = z.object({
  index: z.number().int(),
  role: z.string(),
  bbox: BoxSchema,
  nRows: z.number().int(),
  nCols: z.number().int(),
  grid: z.array(z.array(z.string())),
  cells: z.array(ExportCellSchema),
  indicators: z.array(ExportIndicatorSchema),
});

export const ExportPageSchema = z.object({
  page: z.number().int().positive(),
  section: z.string().nullable(),
  subtype: z.string().nullable(),
  confidence: z.number().nullable(),
  rotation: z.number().nullable(),
  skewDeg: z.number().nullable(),
  dpi: z.number().nullable(),
  meanConf: z.number().nullable(),
  text: z.string(),
  tables: z.array(ExportTableSchema),
});

export const SubmissionExportSchema = z.object({
  id: z.string(),
  sourcePdf: z.string(),
  sha256: z.string(),
  status: z.string(),
  pageCount: z.number().int(),
  office: OfficeSchema,
  fiscalYear: z.string().nullable(),
  quarter: QuarterSchema.nullable(),
  submissionDate: z.string().nullable(),
  annexFormat: z.string().nullable(),
  metadata: z.record(z.string(), MetaProvenanceSchema),
  sections: z.array(SectionSpanSchema),
  pages: z.array(ExportPageSchema),
  errors: z.array(z.object({ page: z.number().nullable(), stage: z.string(), message: z.string() })),
});
export type SubmissionExport = z.infer<typeof SubmissionExportSchema>;
