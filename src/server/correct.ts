/**
 * The review app's writes. A reviewer types what the scan shows; it is parsed the way OCR text is (Bangla or
 * ASCII digits, dates, "১টি ১২/০৯/২২", "প্রযোজ্য নয়" …) and appended as a correction row keyed so that it
 * survives re-ingest (db/corrections.ts). Typing the value that is already there records a confirmation.
 * Who made it is never typed: it is the caller the server authenticated (auth.ts), passed in as an Actor.
 * An admin's revert (revertCorrection) is itself a correction, appended the same way.
 */
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import {
  addCorrection,
  applyFieldCorrection,
  applyOrder,
  correctionKey,
  fieldHistory,
  getCorrection,
  listCorrections,
  type Actor,
  applyMetaCorrections,
  applyPageCorrection,
  currentCorrections,
  getMetaField,
  indicatorOccurrences,
  META_VALUE_SCHEMAS,
  MetaFieldSchema,
  type Correction,
  type MetaField,
} from '../../db/corrections.js';
import { IndicatorFieldSchema, INDICATOR_VALUE_FIELDS, type IndicatorField } from '../../models/indicator.js';
import { SubmissionMetaSchema } from '../../models/submission.js';
import { SectionKindSchema, SectionSubtypeSchema, type SectionKind, type SectionSubtype } from '../../models/section.js';
import type { NormResult } from '../../models/value.js';
import { canonicalText, parseCellValue, parseDate, parseFiscalYear, toAsciiDigits } from '../../pipeline/normalise/index.js';
import { fieldView, getSubmissionRow, hintFor, type FieldView } from './review.js';

/** A request the data does not allow (unknown record, unreadable value, a revert of what no longer applies): 404, 409 or 422. */
export class CorrectionError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

const Reason = z.string().trim().max(500).optional();
/** Typed text: one line, bounded; blank means "the cell is empty". */
const Typed = z.string().max(500).refine((s) => !/[\n\r]/.test(s), 'one line only');

export const IndicatorCorrectionSchema = z.object({
  target: z.literal('indicator'),
  indicatorId: z.number().int().positive(),
  field: z.enum(INDICATOR_VALUE_FIELDS),
  raw: Typed,
  reason: Reason,
}).strict();
export const MetaCorrectionSchema = z.object({ target: z.literal('meta'), field: MetaFieldSchema, raw: Typed, reason: Reason }).strict();

/** Which section each subtype belongs to (models/section.ts); 'unknown' may sit in any section. */
export const SUBTYPE_SECTION: Record<SectionSubtype, SectionKind | null> = {
  cover_letter: 'letter',
  notice: 'letter',
  office_order: 'letter',
  attendance: 'minutes',
  minutes_body: 'minutes',
  annex5: 'annex5',
  certificate: 'certificate',
  cover_page: 'other',
  website_update_table: 'other',
  innovation_db_table: 'other',
  unknown: null,
};

export const PageCorrectionSchema = z
  .object({ target: z.literal('page'), page: z.number().int().positive(), section: SectionKindSchema, subtype: SectionSubtypeSchema, reason: Reason })
  .strict()
  .refine((p) => SUBTYPE_SECTION[p.subtype] === null || SUBTYPE_SECTION[p.subtype] === p.section, { message: 'subtype does not belong to that section', path: ['subtype'] });

export const CorrectionRequestSchema = z.discriminatedUnion('target', [IndicatorCorrectionSchema, MetaCorrectionSchema, PageCorrectionSchema]);
export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;

export type CorrectionResult =
  | { target: 'indicator'; correction: Correction; field: FieldView; parse: Pick<NormResult, 'flags' | 'confidence' | 'kind'> }
  | { target: 'meta'; correction: Correction; field: MetaField; value: unknown }
  | { target: 'page'; correction: Correction; page: number; section: string | null; subtype: string | null };

export function applyCorrection(db: Db, submissionId: number, req: CorrectionRequest, actor: Actor): CorrectionResult {
  const s = getSubmissionRow(db, submissionId);
  if (!s) throw new CorrectionError(404, `no submission ${submissionId}`);
  // read and write in one transaction: the "old" value recorded is the one the new row supersedes
  return db.transaction((): CorrectionResult => {
    switch (req.target) {
      case 'indicator':
        return correctIndicator(db, s.id, s.sha256, req, actor);
      case 'meta':
        return correctMeta(db, s.sha256, s.meta_json, req, actor);
      case 'page':
        return correctPage(db, s.id, s.sha256, req, actor);
    }
  })();
}

const by = (a: Actor) => ({ who: a.name, userId: a.userId, via: a.via });

function correctIndicator(db: Db, submissionId: number, sha256: string, req: z.infer<typeof IndicatorCorrectionSchema>, actor: Actor): CorrectionResult {
  const row = db.prepare('SELECT seq, indicator_code, fields_json FROM indicators WHERE id = ? AND submission_id = ?').get(req.indicatorId, submissionId) as
    | { seq: number; indicator_code: string; fields_json: string }
    | undefined;
  if (!row) throw new CorrectionError(404, `no indicator record ${req.indicatorId} in submission ${submissionId}`);
  const codes = (db.prepare('SELECT indicator_code FROM indicators WHERE submission_id = ? AND seq <= ? ORDER BY seq').all(submissionId, row.seq) as { indicator_code: string }[]).map(
    (r) => r.indicator_code,
  );
  const occurrence = indicatorOccurrences(codes).at(-1)!;
  const fields = z.record(z.string(), IndicatorFieldSchema).parse(JSON.parse(row.fields_json));
  const absent: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };
  const cur = currentCorrections(db, sha256);
  const now = (k: (typeof INDICATOR_VALUE_FIELDS)[number]) => applyFieldCorrection(fields[k] ?? absent, cur.indicator(row.indicator_code, occurrence, k));
  const before = now(req.field);
  const hint = hintFor(req.field, now('unit').value);
  const raw = canonicalText(req.raw, { singleLine: true });
  const norm = parseCellValue(raw, hint);
  const correction = addCorrection(db, {
    sha256,
    target: 'indicator',
    indicatorCode: row.indicator_code,
    occurrence,
    field: req.field,
    oldRaw: before.raw,
    oldValue: before.value,
    newRaw: raw,
    newValue: norm.value,
    ...by(actor),
    reason: req.reason || null,
  });
  const ocr = fields[req.field] ?? absent;
  return {
    target: 'indicator',
    correction,
    field: fieldView(ocr, applyFieldCorrection(ocr, correction), hint),
    parse: { flags: norm.flags, confidence: norm.confidence, kind: norm.kind },
  };
}

const LEVELS: Record<string, 'upazila' | 'district' | 'division'> = {
  upazila: 'upazila',
  উপজেলা: 'upazila',
  district: 'district',
  জেলা: 'district',
  division: 'division',
  বিভাগ: 'division',
  বিভাগীয়: 'division',
};

/** The typed text as the metadata field's value; throws when it cannot be one. */
export function parseMetaValue(field: MetaField, typed: string): unknown {
  const s = canonicalText(typed, { singleLine: true });
  if (s === '') return null;
  const bad = (what: string): never => {
    throw new CorrectionError(422, `"${typed}" is not ${what}`);
  };
  let value: unknown;
  switch (field) {
    case 'fiscalYear': {
      const r = parseFiscalYear(s);
      value = r.kind === 'fiscalYear' ? r.value : bad('a fiscal year such as ২০২৩-২৪ or 2023-24');
      break;
    }
    case 'quarter': {
      const a = toAsciiDigits(s).trim();
      if (/^[1-4]$/.test(a)) value = Number(a);
      else if (/^h1$/i.test(a)) value = 'H1';
      else if (/^annual$|^বার্ষিক$/i.test(a)) value = 'annual';
      else bad('a quarter: 1–4, H1 or annual');
      break;
    }
    case 'submissionDate': {
      const r = parseDate(s);
      value = r.kind === 'date' && typeof r.value === 'string' ? r.value : bad('a date such as ০৩/০৭/২০২৩');
      break;
    }
    case 'annexFormat':
      value = /^[a-z]$/i.test(s) ? s.toUpperCase() : bad('an Annex 5 format letter (A–D)');
      break;
    case 'office.level':
      value = LEVELS[s.toLowerCase()] ?? bad('upazila, district or division');
      break;
    default:
      value = s;
  }
  const ok = META_VALUE_SCHEMAS[field].safeParse(value);
  if (!ok.success) bad(`a valid ${field}`);
  return value;
}

function correctMeta(db: Db, sha256: string, metaJson: string, req: z.infer<typeof MetaCorrectionSchema>, actor: Actor): CorrectionResult {
  const value = parseMetaValue(req.field, req.raw);
  const before = getMetaField(applyMetaCorrections(SubmissionMetaSchema.parse(JSON.parse(metaJson)), currentCorrections(db, sha256)).meta, req.field);
  const correction = addCorrection(db, {
    sha256,
    target: 'meta',
    field: req.field,
    oldRaw: before == null ? null : String(before),
    oldValue: before ?? null,
    newRaw: canonicalText(req.raw, { singleLine: true }),
    newValue: value,
    ...by(actor),
    reason: req.reason || null,
  });
  return { target: 'meta', correction, field: req.field, value };
}

function correctPage(db: Db, submissionId: number, sha256: string, req: z.infer<typeof PageCorrectionSchema>, actor: Actor): CorrectionResult {
  const p = db.prepare('SELECT section, subtype FROM pages WHERE submission_id = ? AND page = ?').get(submissionId, req.page) as
    | { section: string | null; subtype: string | null }
    | undefined;
  if (!p) throw new CorrectionError(404, `submission ${submissionId} has no page ${req.page}`);
  const ocr = { section: SectionKindSchema.nullable().catch(null).parse(p.section), subtype: SectionSubtypeSchema.nullable().catch(null).parse(p.subtype) };
  const before = applyPageCorrection(req.page, ocr, currentCorrections(db, sha256));
  const correction = addCorrection(db, {
    sha256,
    target: 'page',
    page: req.page,
    field: 'section',
    oldRaw: before.section && before.subtype ? `${before.section}/${before.subtype}` : null,
    oldValue: before.section ? { section: before.section, subtype: before.subtype } : null,
    newRaw: `${req.section}/${req.subtype}`,
    newValue: { section: req.section, subtype: req.subtype },
    ...by(actor),
    reason: req.reason || null,
  });
  return { target: 'page', correction, page: req.page, section: req.section, subtype: req.subtype };
}

// ----------------------------------------------------------------------------------------------- revert

export const RevertRequestSchema = z.object({ reason: Reason }).strict();

/**
 * Undo correction `id`: its field goes back to what it showed before that correction, i.e. the correction
 * below it (db/corrections.ts fieldHistory) or, when there is none, what OCR read; then no correction applies
 * to the field any more, its flags are open again and re-ingesting shows the new OCR reading. Only what the
 * field shows now can be reverted: its latest row, or the correction that row restored (a revert row that
 * brought back an earlier value stands for that earlier correction). Anything else is a 409 naming the row to
 * revert instead.
 */
export function revertCorrection(db: Db, id: number, actor: Actor, reason: string | null): { correction: Correction; reverted: Correction } {
  return db.transaction(() => {
    const c = getCorrection(db, id);
    if (!c) throw new CorrectionError(404, `no correction ${id}`);
    const s = db.prepare('SELECT id, meta_json FROM submissions WHERE sha256 = ?').get(c.sha256) as { id: number; meta_json: string } | undefined;
    if (!s) throw new CorrectionError(409, `correction ${id} belongs to a file no longer stored`);
    const rows = applyOrder(listCorrections(db, c.sha256).filter((x) => correctionKey(x) === correctionKey(c)));
    const latest = rows.at(-1)!;
    const { stack, shows } = fieldHistory(rows);
    const shown = latest.restoresOcr ? null : shows.get(latest.id);
    if (!shown) throw new CorrectionError(409, `correction ${id} no longer applies: its field shows the OCR value`);
    if (c.id !== latest.id && c.id !== shown.id) {
      throw new CorrectionError(409, `correction ${id} no longer applies: its field shows correction ${latest.id}${latest.id !== shown.id ? ` (the value of correction ${shown.id})` : ''}; revert that one`);
    }
    const below = stack.filter((x) => x.id !== shown.id).at(-1);
    const restored = below ? { raw: below.newRaw, value: below.newValue } : ocrValue(db, s.id, s.meta_json, c);
    const correction = addCorrection(db, {
      sha256: c.sha256,
      target: c.target,
      indicatorCode: c.indicatorCode,
      occurrence: c.occurrence,
      page: c.page,
      field: c.field,
      oldRaw: latest.newRaw,
      oldValue: latest.newValue,
      newRaw: restored.raw,
      newValue: restored.value,
      ...by(actor),
      reason,
      revertOf: shown.id,
      restoresOcr: !below,
    });
    return { correction, reverted: shown };
  })();
}

/** What OCR read for a correction's field in the stored run of its file (shown in the history of a revert). */
function ocrValue(db: Db, submissionId: number, metaJson: string, c: Correction): { raw: string | null; value: unknown } {
  if (c.target === 'indicator') {
    const r = db.prepare('SELECT fields_json FROM indicators WHERE submission_id = ? AND indicator_code = ? AND occurrence = ?').get(submissionId, c.indicatorCode, c.occurrence) as
      | { fields_json: string }
      | undefined;
    const f = r ? z.record(z.string(), IndicatorFieldSchema).parse(JSON.parse(r.fields_json))[c.field] : undefined;
    return { raw: f?.raw ?? null, value: f?.value ?? null };
  }
  if (c.target === 'meta') {
    const v = getMetaField(SubmissionMetaSchema.parse(JSON.parse(metaJson)), c.field as MetaField);
    return { raw: v == null ? null : String(v), value: v ?? null };
  }
  const p = db.prepare('SELECT section, subtype FROM pages WHERE submission_id = ? AND page = ?').get(submissionId, c.page) as { section: string | null; subtype: string | null } | undefined;
  return { raw: p?.section && p.subtype ? `${p.section}/${p.subtype}` : null, value: p?.section ? { section: p.section, subtype: p.subtype } : null };
}
