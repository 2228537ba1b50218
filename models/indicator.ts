import { z } from 'zod';
import { BoxSchema } from './geometry.js';
import { CellValueSchema } from './value.js';

/** One field of an indicator: what was printed, what it means, how sure we are, and where it is on the page. */
export const IndicatorFieldSchema = z.object({
  raw: z.string().nullable(),
  value: CellValueSchema,
  /** 0–1, OCR confidence combined with the normaliser's */
  confidence: z.number().min(0).max(1).nullable(),
  /** the cell's box on the page (provenance); null when the column is absent in this format */
  bbox: BoxSchema.nullable(),
  /** false when this format has no such column */
  printed: z.boolean(),
});
export type IndicatorField = z.infer<typeof IndicatorFieldSchema>;

export const INDICATOR_VALUE_FIELDS = [
  'unit',
  'weight',
  'target',
  'q1',
  'q2',
  'q3',
  'q4',
  'total',
  'rate',
  'score',
  'remarks',
] as const;
export type IndicatorValueField = (typeof INDICATOR_VALUE_FIELDS)[number];

export const ValidationFlagSchema = z.object({
  rule: z.string(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ValidationFlag = z.infer<typeof ValidationFlagSchema>;

/** One row of an Annex 5 table: the indicator and its values, each traceable to its page and cell. */
export const IndicatorRecordSchema = z.object({
  page: z.number().int().positive(),
  tableIndex: z.number().int().nonnegative(),
  row: z.number().int().nonnegative(),
  activityCode: z.string().nullable(),
  activity: z.string().nullable(),
  /** ASCII dotted code, e.g. "4.1.2" */
  indicatorCode: z.string(),
  indicator: z.string().nullable(),
  unit: IndicatorFieldSchema,
  weight: IndicatorFieldSchema,
  target: IndicatorFieldSchema,
  q1: IndicatorFieldSchema,
  q2: IndicatorFieldSchema,
  q3: IndicatorFieldSchema,
  q4: IndicatorFieldSchema,
  total: IndicatorFieldSchema,
  rate: IndicatorFieldSchema,
  score: IndicatorFieldSchema,
  remarks: IndicatorFieldSchema,
  flags: z.array(ValidationFlagSchema),
});
export type IndicatorRecord = z.infer<typeof IndicatorRecordSchema>;
