import { z } from 'zod';

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
  z.object({ fiscalYear: z.string(), quarter: z.union([z.number().int().min(1).max(4), z.literal('H1'), z.literal('annual')]).nullable() }),
]);
export type CellValue = z.infer<typeof CellValueSchema>;

/** Result of every normalisation: the raw input is always kept beside the value. */
export const NormResultSchema = z.object({
  raw: z.string(),
  value: CellValueSchema,
  /** 0–1; lowered by every repair the normaliser had to make */
  confidence: z.number().min(0).max(1),
  /** machine-readable reasons, e.g. "unparsed", "repaired-digit", "impossible-date" */
  flags: z.array(z.string()),
});
export type NormResult<V extends CellValue = CellValue> = Omit<z.infer<typeof NormResultSchema>, 'value'> & { value: V };
