import { z } from 'zod';

/** Bangladesh fiscal-year quarter (Q1 Jul–Sep … Q4 Apr–Jun), "H1" for the half-year self-assessment (Jul–Dec), "annual". */
export const QuarterSchema = z.union([z.number().int().min(1).max(4), z.literal('H1'), z.literal('annual')]);
export type Quarter = z.infer<typeof QuarterSchema>;

/** A reporting period: fiscal year as "2022-23" plus the quarter (null when only the year is known). */
export const PeriodSchema = z.object({ fiscalYear: z.string(), quarter: QuarterSchema.nullable() });
export type Period = z.infer<typeof PeriodSchema>;

/**
 * A cell value in the export's value format (../shared/eval/README.md "value normalisation"):
 * number; percent as number; ISO date string; {count, date} for "১টি ১২/০৯/২২"; null for "-" or blank;
 * {notApplicable: true} for "প্রযোজ্য নয়"; anything else stays the (canonicalised) text and is flagged.
 */
export const CellValueSchema = z.union([
  z.number(),
  z.string(),
  z.null(),
  z.object({ count: z.number(), date: z.string() }),
  z.object({ notApplicable: z.literal(true) }),
  PeriodSchema,
]);
export type CellValue = z.infer<typeof CellValueSchema>;

/**
 * What a normalised value turned out to be, so callers can check it against the column's unit
 * (e.g. a "%" row whose cell parsed as a date).
 */
export const ValueKindSchema = z.enum([
  'blank',
  'dash',
  'notApplicable',
  'number',
  'percent',
  'count',
  'date',
  'countDate',
  'period',
  'fiscalYear',
  'code',
  'memo',
  'unit',
  'text',
]);
export type ValueKind = z.infer<typeof ValueKindSchema>;

/** Result of every normalisation: the raw input is always kept beside the value. */
export const NormResultSchema = z.object({
  raw: z.string(),
  value: CellValueSchema,
  /** 0–1; lowered by every repair the normaliser had to make */
  confidence: z.number().min(0).max(1),
  /** machine-readable reasons, e.g. "unparsed", "repaired-digit", "impossible-date" */
  flags: z.array(z.string()),
  kind: ValueKindSchema.optional(),
});
export type NormResult<V extends CellValue = CellValue> = Omit<z.infer<typeof NormResultSchema>, 'value'> & { value: V };

/**
 * What the caller expects in a cell, usually derived from the row's unit (একক): 'date' for তারিখ rows,
 * 'percent' for %, 'count' for সংখ্যা, 'number' for weights and scores, 'text' for remarks, 'unit' for the
 * unit cell itself. OCR repairs (look-alike digits, misread "%") are only applied where a number is expected.
 */
export const CellHintSchema = z.enum(['auto', 'date', 'percent', 'count', 'number', 'text', 'unit']);
export type CellHint = z.infer<typeof CellHintSchema>;

/** A date of the Bangla (Bangladesh) calendar: month 1 = বৈশাখ … 12 = চৈত্র. */
export const BanglaDateSchema = z.object({
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
});
export type BanglaDate = z.infer<typeof BanglaDateSchema>;

/**
 * The parts of a government memo (স্মারক) number such as ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬:
 * ministry 47 . department 61 . BBS geocode 7704 (district 77, upazila 04) . office 000 . subject 05 .
 * file 003 . year 22 - serial 156. Parts the scan lost are null.
 */
export const MemoNumberPartsSchema = z.object({
  ministry: z.string().nullable(),
  department: z.string().nullable(),
  /** "47.61" when both are known */
  ministryCode: z.string().nullable(),
  geocode: z
    .object({
      code: z.string(),
      district: z.string(),
      upazila: z.string(),
      /** '0000' marks a division/HQ office, 'dd00' a district office */
      level: z.enum(['upazila', 'district', 'none']),
    })
    .nullable(),
  office: z.string().nullable(),
  subject: z.string().nullable(),
  file: z.string().nullable(),
  /** "05.003": subject and file number together identify the নথি */
  fileCode: z.string().nullable(),
  /** four-digit year of the file, e.g. 2022 from "২২" */
  year: z.number().int().nullable(),
  serial: z.number().int().nullable(),
});
export type MemoNumberParts = z.infer<typeof MemoNumberPartsSchema>;
