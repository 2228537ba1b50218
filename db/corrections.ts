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
 *
 * Who (migration 005): `who` is the name shown; `userId` the account when it came from a login, `via` how the
 * writer authenticated ('session', 'token' for the shared script token, 'local' for the loopback single-user
 * mode; null for rows written before accounts existed). A revert is a correction too: `revertOf` names the row
 * it undid, and `restoresOcr` marks a revert back to the OCR value, after which no correction applies to the field.
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

/** How a writer proved who they are. */
export const ViaSchema = z.enum(['session', 'token', 'local']);
export type Via = z.infer<typeof ViaSchema>;

/** Who changes data: the name recorded, the account (logins only) and how they authenticated. */
export interface Actor {
  name: string;
  userId: number | null;
  via: Via;
}

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
  userId?: number | null;
  via?: Via | null;
  /** a revert: the correction it undoes */
  revertOf?: number | null;
  /** a revert back to the OCR value */
  restoresOcr?: boolean;
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
  userId: number | null;
  via: Via | null;
  revertOf: number | null;
  restoresOcr: boolean;
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
  user_id: z.number().nullable(),
  via: ViaSchema.nullable(),
  revert_of: z.number().nullable(),
  restores_ocr: z.number(),
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
    userId: r.user_id,
    via: r.via,
    revertOf: r.revert_of,
    restoresOcr: r.restores_ocr === 1,
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
         new_raw, new_value_json, who, at, reason, user_id, via, revert_of, restores_ocr)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      c.userId ?? null,
      c.via ?? null,
      c.revertOf ?? null,
      c.restoresOcr ? 1 : 0,
    );
  return fromRow(db.prepare('SELECT * FROM corrections WHERE id = ?').get(Number(r.lastInsertRowid)));
}

export function getCorrection(db: Db, id: number): Correction | null {
  const r = db.prepare('SELECT * FROM corrections WHERE id = ?').get(id);
  return r ? fromRow(r) : null;
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

/** The field a correction sets, as one string: rows with the same key supersede one another. */
export function correctionKey(c: Pick<Correction, 'target' | 'indicatorCode' | 'occurrence' | 'page' | 'field'>): string {
  if (c.target === 'indicator') return `i:${indicatorKey(c.indicatorCode ?? '', c.occurrence ?? 0, c.field)}`;
  if (c.target === 'page') return `p:${c.page}#${c.field}`;
  return `m:${c.field}`;
}

/** Rows in the order they apply: the latest `at` last, ties going to the later row (migration 003's rule). */
export const applyOrder = (all: readonly Correction[]): Correction[] => [...all].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));

/**
 * The latest correction of each field: the latest `at`, ties going to the later row (the rule the analysis
 * views of migration 003 use too). A revert back to the OCR value leaves the field with no correction.
 */
export function latestOf(all: readonly Correction[]): CurrentCorrections {
  const current = new Map<string, Correction>();
  for (const c of applyOrder(all)) {
    if (c.restoresOcr) current.delete(correctionKey(c));
    else current.set(correctionKey(c), c);
  }
  const get = (key: string, want: (c: Correction) => boolean) => {
    const c = current.get(key);
    return c && want(c) ? c : undefined;
  };
  return {
    all,
    indicator: (code, occurrence, field) => get(`i:${indicatorKey(code, occurrence, field)}`, (c) => c.target === 'indicator'),
    meta: (field) => get(`m:${field}`, (c) => c.target === 'meta'),
    page: (p) => get(`p:${p}#section`, (c) => c.target === 'page'),
  };
}

/**
 * How the rows of one field (in apply order) stack up: a correction goes on top; a revert takes the
 * correction it reverts off, and the field then shows the one below it, or the OCR value when none is left.
 * `shows` maps each row to the correction whose value the field showed right after it (a revert row carries
 * a copy of that value, so the latest row alone tells the current value, as the SQL views read it).
 */
export function fieldHistory(rows: readonly Correction[]): { stack: Correction[]; shows: Map<number, Correction | null> } {
  const stack: Correction[] = [];
  const shows = new Map<number, Correction | null>();
  for (const r of rows) {
    if (r.revertOf == null) stack.push(r);
    else {
      const i = stack.findIndex((x) => x.id === r.revertOf);
      if (i >= 0) stack.splice(i, 1);
    }
    shows.set(r.id, stack.at(-1) ?? null);
  }
  return { stack, shows };
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

/** A sign-off or its withdrawal (migration 005), keyed by the file's sha256. */
export interface ReviewMark {
  id: number;
  sha256: string;
  reviewed: boolean;
  who: string;
  userId: number | null;
  via: Via | null;
  at: string;
}

const ReviewMarkRow = z.object({
  id: z.number(),
  sha256: z.string(),
  reviewed: z.number(),
  who: z.string(),
  user_id: z.number().nullable(),
  via: ViaSchema.nullable(),
  at: z.string(),
});

export function listReviewMarks(db: Db, sha256: string): ReviewMark[] {
  return db
    .prepare('SELECT * FROM review_marks WHERE sha256 = ? ORDER BY at, id')
    .all(sha256)
    .map((raw) => {
      const r = ReviewMarkRow.parse(raw);
      return { id: r.id, sha256: r.sha256, reviewed: r.reviewed === 1, who: r.who, userId: r.user_id, via: r.via, at: r.at };
    });
}

/**
 * Mark a submission reviewed by `actor` now, or withdraw the mark; both are kept in review_marks. False when
 * there is no such submission.
 */
export function setReviewed(db: Db, submissionId: number, actor: Actor, reviewed: boolean, at = new Date().toISOString()): boolean {
  return db.transaction(() => {
    const s = db.prepare('SELECT sha256 FROM submissions WHERE id = ?').get(submissionId) as { sha256: string } | undefined;
    if (!s) return false;
    db.prepare('UPDATE submissions SET reviewed_at = ?, reviewed_by = ? WHERE id = ?').run(reviewed ? at : null, reviewed ? actor.name : null, submissionId);
    db.prepare('INSERT INTO review_marks (sha256, reviewed, who, user_id, via, at) VALUES (?, ?, ?, ?, ?, ?)').run(s.sha256, reviewed ? 1 : 0, actor.name, actor.userId, actor.via, at);
    return true;
  })();
}
