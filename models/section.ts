import { z } from 'zod';

/**
 * What a page is. Values as the eval truth and the export use them.
 * - letter: a letter with স্মারক নং / তারিখ / বিষয় / সূত্র (cover letter, notice নোটিশ, office order অফিস আদেশ)
 * - minutes: a meeting's কার্যবিবরণী (minutes body) or its উপস্থিতি attendance sheet
 * - annex5: the সংযোজনী ৫ indicator table; header has কার্যক্রম, কর্মসম্পাদন সূচক, একক, লক্ষ্যমাত্রা …
 * - certificate: a প্রত্যয়নপত্র certifying one indicator's evidence
 * - other: cover pages, website-update tables, innovation database tables
 */
export const SectionKindSchema = z.enum(['letter', 'minutes', 'annex5', 'certificate', 'other']);
export type SectionKind = z.infer<typeof SectionKindSchema>;

export const SectionSubtypeSchema = z.enum([
  'cover_letter',
  'notice',
  'office_order',
  'attendance',
  'minutes_body',
  'annex5',
  'certificate',
  'cover_page',
  'website_update_table',
  'innovation_db_table',
  'unknown',
]);
export type SectionSubtype = z.infer<typeof SectionSubtypeSchema>;

export const ClassificationSchema = z.object({
  section: SectionKindSchema,
  subtype: SectionSubtypeSchema,
  /** 0–1 */
  confidence: z.number().min(0).max(1),
  /** the evidence: matched cues and their weights, for the reviewer */
  evidence: z.array(z.string()),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const SectionSpanSchema = z.object({
  index: z.number().int().nonnegative(),
  section: SectionKindSchema,
  subtype: SectionSubtypeSchema,
  pages: z.array(z.number().int().positive()),
});
export type SectionSpan = z.infer<typeof SectionSpanSchema>;
