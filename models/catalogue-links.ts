import fs from 'node:fs';
import { z } from 'zod';
import { CatalogueUnitSchema } from './catalogue.js';

/**
 * The indicator catalogue across fiscal years: one entry per activity the plan measures, whatever code and
 * wording it has in each year. 2022-23 [২.১.১], 2023-24 [৪.১.১] and 2024-25 [৪.১.২] are all
 * "ই-ফাইলে নোট নিষ্পত্তিকৃত" (entry `efile-notes`), so "the same indicator over three years" is one query.
 *
 * The links are proposed by src/query/linkCatalogue.ts (fuzzy match of the normalised indicator wording,
 * same unit, at most one code per year per entry) and reviewed by a person before being committed in
 * catalogue-links.json; ids and English labels are the reviewer's. A code that matched nothing stays an
 * entry of its own and is listed in `unlinked`.
 */
export const CatalogueMemberSchema = z.object({
  fiscalYear: z.string(),
  /** ASCII dotted code in that year's plan */
  code: z.string(),
  /** the wording in that year's plan (models/catalogue.ts) */
  indicator: z.string(),
  /** similarity to the entry when it was linked; null for the entry's first member */
  score: z.number().min(0).max(1).nullable(),
});
export type CatalogueMember = z.infer<typeof CatalogueMemberSchema>;

export const CatalogueEntrySchema = z.object({
  /** stable slug analysts type: `query indicator efile-notes` */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** short English description for tables and sheet names */
  label: z.string(),
  unit: CatalogueUnitSchema,
  members: z.array(CatalogueMemberSchema).min(1),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

export const CatalogueLinksSchema = z.object({
  about: z.string(),
  method: z.object({ similarity: z.string(), threshold: z.number() }),
  review: z.string(),
  entries: z.array(CatalogueEntrySchema),
  /** "2022-23 4.1.1": codes linked to no other year */
  unlinked: z.array(z.string()),
});
export type CatalogueLinks = z.infer<typeof CatalogueLinksSchema>;

let cached: CatalogueLinks | null = null;

/** The committed, reviewed links (models/catalogue-links.json), validated once. */
export function loadCatalogueLinks(): CatalogueLinks {
  if (!cached) {
    const raw: unknown = JSON.parse(fs.readFileSync(new URL('./catalogue-links.json', import.meta.url), 'utf8'));
    cached = CatalogueLinksSchema.parse(raw);
  }
  return cached;
}

export function catalogueEntryById(id: string, links: CatalogueLinks = loadCatalogueLinks()): CatalogueEntry | null {
  return links.entries.find((e) => e.id === id.trim().toLowerCase()) ?? null;
}

/** The entry a year's code belongs to, or null when the year or code is not catalogued. */
export function catalogueEntryFor(fiscalYear: string | null, code: string, links: CatalogueLinks = loadCatalogueLinks()): CatalogueEntry | null {
  if (!fiscalYear) return null;
  return links.entries.find((e) => e.members.some((m) => m.fiscalYear === fiscalYear && m.code === code)) ?? null;
}
