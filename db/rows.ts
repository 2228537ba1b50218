import { z } from 'zod';

/**
 * The rows of the project's tables as SQLite returns them (`SELECT *`), validated at the database
 * boundary. One schema per table, used by every reader (export, rebuild, review app).
 */
export const SubmissionRow = z.object({
  id: z.number(),
  sha256: z.string(),
  path: z.string(),
  file_name: z.string(),
  size: z.number(),
  page_count: z.number(),
  status: z.string(),
  meta_json: z.string(),
  sections_json: z.string(),
  started_at: z.string(),
  finished_at: z.string(),
  timings_json: z.string(),
  reviewed_at: z.string().nullable(),
  reviewed_by: z.string().nullable(),
});
export type SubmissionRow = z.infer<typeof SubmissionRow>;

export const PageRow = z.object({
  page: z.number(),
  section: z.string().nullable(),
  subtype: z.string().nullable(),
  confidence: z.number().nullable(),
  evidence_json: z.string().nullable(),
  rotation: z.number().nullable(),
  skew_deg: z.number().nullable(),
  dpi: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  raster_json: z.string().nullable(),
  preprocess_json: z.string().nullable(),
  text: z.string(),
  mean_conf: z.number().nullable(),
  timings_json: z.string(),
});
export type PageRow = z.infer<typeof PageRow>;

export const OcrLineRow = z.object({
  page: z.number(),
  line_no: z.number(),
  text: z.string(),
  conf: z.number().nullable(),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  words_json: z.string(),
});
export type OcrLineRow = z.infer<typeof OcrLineRow>;

export const TableRow = z.object({
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
  row_lines_json: z.string(),
  col_lines_json: z.string(),
  grid_json: z.string().nullable(),
});
export type TableRow = z.infer<typeof TableRow>;

export const CellRow = z.object({
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
export type CellRow = z.infer<typeof CellRow>;

export const IndicatorRow = z.object({
  id: z.number(),
  submission_id: z.number(),
  page: z.number(),
  table_idx: z.number(),
  row: z.number(),
  seq: z.number(),
  indicator_code: z.string(),
  activity_code: z.string().nullable(),
  activity: z.string().nullable(),
  indicator: z.string().nullable(),
  fields_json: z.string(),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const FlagRow = z.object({
  id: z.number(),
  submission_id: z.number(),
  indicator_id: z.number().nullable(),
  page: z.number().nullable(),
  rule: z.string(),
  field: z.string().nullable(),
  message: z.string(),
});
export type FlagRow = z.infer<typeof FlagRow>;
