import fs from 'node:fs';
import { z } from 'zod';

/**
 * One administrative unit. `code` is its BBS geocode at its own level: division "55" (Rangpur),
 * district "77" (Panchagarh, unique in the country), upazila "04" (Atwari, unique only within its district).
 * `parent` is the code of the unit one level up (null for divisions). `bn` is the canonical Bangla name in NFC,
 * as the export prints it ("পঞ্চগড়"); `variants` are other spellings seen in print, OCR or older lists.
 */
export const GazetteerEntrySchema = z.object({
  code: z.string().regex(/^\d{2}$/),
  parent: z.string().regex(/^\d{2}$/).nullable(),
  bn: z.string().min(1),
  en: z.string().min(1),
  variants: z.array(z.string()),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntrySchema>;

export const GazetteerSourceSchema = z.object({
  name: z.string(),
  url: z.string(),
  commit: z.string().nullable(),
  licence: z.string(),
  used: z.string(),
  /** the copyright/licence notice the source's licence asks to keep with copies */
  notice: z.string().optional(),
});

export const GazetteerSchema = z.object({
  about: z.string(),
  /** where the data came from and under which licence: cite these in the README */
  sources: z.array(GazetteerSourceSchema),
  changes: z.string(),
  counts: z.object({ divisions: z.number().int(), districts: z.number().int(), upazilas: z.number().int() }),
  divisions: z.array(GazetteerEntrySchema),
  districts: z.array(GazetteerEntrySchema),
  upazilas: z.array(GazetteerEntrySchema),
});
export type Gazetteer = z.infer<typeof GazetteerSchema>;

export type PlaceLevel = 'division' | 'district' | 'upazila';

let cached: Gazetteer | null = null;

/** The bundled gazetteer (models/gazetteer.json), validated once and cached. */
export function loadGazetteer(): Gazetteer {
  if (!cached) {
    const raw: unknown = JSON.parse(fs.readFileSync(new URL('./gazetteer.json', import.meta.url), 'utf8'));
    cached = GazetteerSchema.parse(raw);
  }
  return cached;
}
