import { z } from 'zod';
import { PreprocessInfoSchema, RasterInfoSchema } from './image.js';
import { OcrLineSchema } from './ocr.js';
import { ClassificationSchema, SectionSpanSchema } from './section.js';
import { TableSchema } from './table.js';
import { IndicatorRecordSchema } from './indicator.js';
import { StageErrorSchema } from './errors.js';

export const QuarterSchema = z.union([z.number().int().min(1).max(4), z.literal('H1'), z.literal('annual')]);
export type Quarter = z.infer<typeof QuarterSchema>;

export const OfficeLevelSchema = z.enum(['upazila', 'district', 'division']);

export const OfficeSchema = z.object({
  name: z.string().nullable(),
  level: OfficeLevelSchema.nullable(),
  division: z.string().nullable(),
  district: z.string().nullable(),
  upazila: z.string().nullable(),
});
export type Office = z.infer<typeof OfficeSchema>;

/** Where a metadata value came from, so a reviewer can check it against the scan. */
export const MetaProvenanceSchema = z.object({
  value: z.unknown(),
  page: z.number().int().positive().nullable(),
  confidence: z.number().min(0).max(1),
  source: z.string(),
});
export type MetaProvenance = z.infer<typeof MetaProvenanceSchema>;

/** Everything the pipeline learns about one page. Each stage fills its own slot. */
export const PageResultSchema = z.object({
  page: z.number().int().positive(),
  raster: RasterInfoSchema.nullable(),
  preprocess: PreprocessInfoSchema.nullable(),
  classification: ClassificationSchema.nullable(),
  /** page text in reading order: text blocks top to bottom, tables row by row, cells joined by TAB */
  text: z.string(),
  lines: z.array(OcrLineSchema),
  meanConf: z.number().nullable(),
  tables: z.array(TableSchema),
  timings: z.record(z.string(), z.number()),
  errors: z.array(StageErrorSchema),
});
export type PageResult = z.infer<typeof PageResultSchema>;

export const SubmissionMetaSchema = z.object({
  office: OfficeSchema,
  fiscalYear: z.string().nullable(),
  quarter: QuarterSchema.nullable(),
  submissionDate: z.string().nullable(),
  annexFormat: z.string().nullable(),
  /** per field: where it was read and how sure we are */
  provenance: z.record(z.string(), MetaProvenanceSchema),
});
export type SubmissionMeta = z.infer<typeof SubmissionMetaSchema>;

export const SubmissionStatusSchema = z.enum(['ok', 'partial', 'failed']);

/** The result of one PDF through the whole pipeline; what the single writer stores. */
export const SubmissionResultSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  pageCount: z.number().int().nonnegative(),
  status: SubmissionStatusSchema,
  pages: z.array(PageResultSchema),
  sections: z.array(SectionSpanSchema),
  meta: SubmissionMetaSchema,
  indicators: z.array(IndicatorRecordSchema),
  errors: z.array(StageErrorSchema),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export type SubmissionResult = z.infer<typeof SubmissionResultSchema>;
