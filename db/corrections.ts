/**
 * Human corrections (migration 002): rows are only ever added, never updated, so the history of a value is
 * kept; the current value of a field is its latest correction, or the OCR value when there is none.
 *
 * Keys survive re-ingesting a file (which replaces its submission, indicator and flag rows with new ids):
 * - indicator field: (sha256, indicator_code, occurrence, field), where occurrence is 1-based — the k-th record
 *   with that code in the submission's stored order (`indicators.seq`, page order), i.e. in SQL
 *   `ROW_NUMBER() OVER (PARTITION BY submission_id, indicator_code ORDER BY seq)`;
 * - metadata field: (sha256, field) with field one of {@link META_FIELDS};
 * - page section: (sha256, page, 'section') with value {section, subtype}.
 * Values are stored as JSON in the export's value format (`new_value_json`), beside the text as typed (`new_raw`).
 */
import { z } from 'zod';
import type { Db } from './open.js';
import { CellValueSchema, type CellValue } from '../models/value.js';
import { OfficeLevelSchema, QuarterSchema, type SubmissionMeta } from '../models/submission.js';
import { SectionKindSchema, SectionSubtypeSchema, type SectionKind, type SectionSubtype } from '../models/section.js';
import type { IndicatorField } from '../models/indicator.js';

export const CorrectionTargetSchema = z.enum(['indicator', 'meta', 'page']);
export type CorrectionTarget = z.infer<typeof CorrectionTargetSchema>;

export const META_FIELDS = [
  'fiscalYear',
  'quarter',
  'submissionDate',
  'annexFormat',
  'office.name',
  'office.level',
  'office.division',
  'office.district',
  'office.upazila',
] as const;
export const MetaFieldSchema = z.enum(META_FIELDS);
export type MetaField = z.infer<typeof MetaFieldSchema>;

/** What a metadata field may hold once corrected (null clears it). */
export const META_VALUE_SCHEMAS = {
  fiscalYear: z.string().regex(/^\d{4}-\d{2}$/).nullable(),
  quarter: QuarterSchema.nullable(),
  submissionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  annexFormat: z.string().min(1).max(8).nullable(),
  'office.name': z.string().min(1).max(300).nullable(),
  'office.level': OfficeLevelSchema.nullable(),
  'office.division': z.string().min(1).max(100).nullable(),
  'office.district': z.string().min(1).max(100).nullable(),
  'office.upazila': z.string().min(1).max(100).nullable(),
} as const satisfies Record<MetaField, z.ZodType>;

export const PageSectionValueSchema = z.object({ section: SectionKindSchema, subtype: SectionSubtypeSchema });
export type PageSectionValue = z.infer<typeof PageSectionValueSchema>;

export interface NewCorrection {
  sha256: string;
  target: CorrectionTarget;
  /** indicator corrections only */
  indicatorCode?: string | null;
  /** indicator corrections only: 1-based k-th record with this code */
  occurrence?: number | null;
  /** page corrections only */
  page?: number | null;
  field: string;
  oldRaw: string | null;
  oldValue: unknown;
  newRaw: string | null;
  newValue: unknown;
  who: string;
  reason?: string | null;
  /** ISO time; now when absent */
  at?: string;
}

export interface Correction {
  id: number;
  sha256: string;
  target: CorrectionTarget;
  indicatorCode: string | null;
  occurrence: number | null;
  page: number | null;
  field: string;
  oldRaw: string | null;
  oldValue: unknown;
  newRaw: string | null;
  newValue: unknown;
  who: string;
  at: string;
  reason: string | null;
}

const RowSchema = z.object({
  id: z.number(),
  sha256: z.string(),
  target: CorrectionTargetSchema,
  indicator_code: z.string().nullable(),
  occurrence: z.number().nullable(),
  page: z.number().nullable(),
  field: z.string(),
  old_raw: z.string().nullable(),
  old_value_json: z.string().nullable(),
  new_raw: z.string().nullable(),
  new_value_json: z.string(),
  who: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});

function fromRow(raw: unknown): Correction {
  const r = RowSchema.parse(raw);
  return {
    id: r.id,
    sha256: r.sha256,
    target: r.target,
    indicatorCode: r.indicator_code,
    occurrence: r.occurrence,
    page: r.page,
    field: r.field,
    oldRaw: r.old_raw,
    oldValue: r.old_value_json == null ? null : JSON.parse(r.old_value_json),
    newRaw: r.new_raw,
    newValue: JSON.parse(r.new_value_json),
    who: r.who,
    at: r.at,
    reason: r.reason,
  };
}

/** Append one correction; the key columns a target does not use are stored as NULL. */
export function addCorrection(db: Db, c: NewCorrection): Correction {
  const indicator = c.target === 'indicator';
  if (indicator && (!c.indicatorCode || c.occurrence == null || c.occurrence < 1)) {
    throw new Error('an indicator correction needs the indicator code and its 1-based occurrence');
  }
  if (c.target === 'page' && (c.page == null || c.page < 1)) throw new Error('a page correction needs the page');
  const r = db
    .prepare(
      `INSERT INTO corrections (sha256, target, indicator_code, occurrence, page, field, old_raw, old_value_json,
         new_raw, new_value_json, who, at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.sha256,
      c.target,
      indicator ? c.indicatorCode : null,
      indicator ? c.occurrence : null,
      c.target === 'page' ? c.page : null,
      c.field,
      c.oldRaw,
      JSON.stringify(c.oldValue ?? null),
      c.newRaw,
      JSON.stringify(c.newValue ?? null),
      c.who,
      c.at ?? new Date().toISOString(),
      c.reason ?? null,
    );
  return fromRow(db.prepare('SELECT * FROM corrections WHERE id = ?').get(Number(r.lastInsertRowid)));
}

/** Every correction of a file, oldest first. */
export function listCorrections(db: Db, sha256: string): Correction[] {
  return db.prepare('SELECT * FROM corrections WHERE sha256 = ? ORDER BY id').all(sha256).map(fromRow);
}

export const indicatorKey = (code: string, occurrence: number, field: string): string => `${code}#${occurrence}#${field}`;

/** The latest correction of every corrected field of one file. */
export interface CurrentCorrections {
  readonly all: readonly Correction[];
  indicator(code: string, occurrence: number, field: string): Correction | undefined;
  meta(field: MetaField): Correction | undefined;
  page(page: number): Correction | undefined;
}

export function currentCorrections(db: Db, sha256: string): CurrentCorrections {
  return latestOf(listCorrections(db, sha256));
}

/**
 * The latest correction of each field: the latest `at`, ties going to the later row (the rule the analysis
 * views of migration 003 use too).
 */
export function latestOf(all: readonly Correction[]): CurrentCorrections {
  const ind = new Map<string, Correction>();
  const meta = new Map<string, Correction>();
  const page = new Map<number, Correction>();
  const ordered = [...all].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  for (const c of ordered) {
    if (c.target === 'indicator' && c.indicatorCode != null && c.occurrence != null) ind.set(indicatorKey(c.indicatorCode, c.occurrence, c.field), c);
    else if (c.target === 'meta') meta.set(c.field, c);
    else if (c.target === 'page' && c.page != null && c.field === 'section') page.set(c.page, c);
  }
  return {
    all,
    indicator: (code, occurrence, field) => ind.get(indicatorKey(code, occurrence, field)),
    meta: (field) => meta.get(field),
    page: (p) => page.get(p),
  };
}

/** 1-based occurrence of each record's code, for records in stored (`seq`) order. */
export function indicatorOccurrences(codes: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return codes.map((code) => {
    const k = (seen.get(code) ?? 0) + 1;
    seen.set(code, k);
    return k;
  });
}

/** A field with its latest correction applied; `correction` is the row it came from, if any. */
export interface CurrentField extends IndicatorField {
  correction: Correction | null;
  /** the value or text differs from what OCR read (a correction that confirms the OCR value leaves this false) */
  corrected: boolean;
}

export function applyFieldCorrection(ocr: IndicatorField, c: Correction | undefined): CurrentField {
  if (!c) return { ...ocr, correction: null, corrected: false };
  const value = CellValueSchema.catch(null).parse(c.newValue) as CellValue;
  const corrected = c.newRaw !== ocr.raw || JSON.stringify(value) !== JSON.stringify(ocr.value);
  return { raw: c.newRaw, value, confidence: 1, bbox: ocr.bbox, printed: ocr.printed || corrected, correction: c, corrected };
}

/** Metadata with its latest corrections applied, and the fields that were corrected. */
export function applyMetaCorrections(meta: SubmissionMeta, cur: CurrentCorrections): { meta: SubmissionMeta; corrected: Map<MetaField, Correction> } {
  const out: SubmissionMeta = { ...meta, office: { ...meta.office }, provenance: { ...meta.provenance } };
  const corrected = new Map<MetaField, Correction>();
  for (const field of META_FIELDS) {
    const c = cur.meta(field);
    if (!c) continue;
    const parsed = META_VALUE_SCHEMAS[field].safeParse(c.newValue);
    if (!parsed.success) continue; // a row written by a newer tool with a shape this one does not know
    setMetaField(out, field, parsed.data);
    out.provenance[field] = { value: parsed.data, page: null, confidence: 1, source: `correction by ${c.who} at ${c.at}` };
    corrected.set(field, c);
  }
  return { meta: out, corrected };
}

export function getMetaField(meta: SubmissionMeta, field: MetaField): unknown {
  if (field.startsWith('office.')) return meta.office[field.slice(7) as keyof SubmissionMeta['office']];
  return meta[field as 'fiscalYear' | 'quarter' | 'submissionDate' | 'annexFormat'];
}

function setMetaField(meta: SubmissionMeta, field: MetaField, value: unknown): void {
  switch (field) {
    case 'fiscalYear':
    case 'submissionDate':
    case 'annexFormat':
      meta[field] = value as string | null;
      return;
    case 'quarter':
      meta.quarter = value as SubmissionMeta['quarter'];
      return;
    case 'office.level':
      meta.office.level = value as SubmissionMeta['office']['level'];
      return;
    default:
      meta.office[field.slice(7) as 'name' | 'division' | 'district' | 'upazila'] = value as string | null;
  }
}

/** A page's section after corrections. */
export function applyPageCorrection(
  page: number,
  ocr: { section: SectionKind | null; subtype: SectionSubtype | null },
  cur: CurrentCorrections,
): { section: SectionKind | null; subtype: SectionSubtype | null; correction: Correction | null } {
  const c = cur.page(page);
  const v = c ? PageSectionValueSchema.safeParse(c.newValue) : null;
  return v?.success ? { ...v.data, correction: c ?? null } : { ...ocr, correction: null };
}

/** Mark a submission reviewed (who and now) or clear the mark (who = null). False when there is no such submission. */
export function setReviewed(db: Db, submissionId: number, who: string | null, at = new Date().toISOString()): boolean {
  const r = db
    .prepare('UPDATE submissions SET reviewed_at = ?, reviewed_by = ? WHERE id = ?')
    .run(who == null ? null : at, who, submissionId);
  return r.changes > 0;
}
