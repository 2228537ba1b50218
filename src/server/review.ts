/**
 * The review app's read model: submissions, pages, tables and indicator records as the reviewer sees them,
 * i.e. with every human correction applied (db/corrections.ts) and each flag marked resolved once a reviewer
 * has corrected or confirmed the field it names. All SQL is parameterised; rows are checked with zod.
 */
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import {
  applyFieldCorrection,
  applyMetaCorrections,
  applyPageCorrection,
  currentCorrections,
  getMetaField,
  indicatorOccurrences,
  latestOf,
  listCorrections,
  META_FIELDS,
  type Correction,
  type CurrentCorrections,
  type CurrentField,
  type MetaField,
} from '../../db/corrections.js';
import { IndicatorFieldSchema, INDICATOR_VALUE_FIELDS, type IndicatorField, type IndicatorValueField } from '../../models/indicator.js';
import { SubmissionMetaSchema, type Office, type Quarter } from '../../models/submission.js';
import { SectionKindSchema, SectionSpanSchema, SectionSubtypeSchema, type SectionSpan } from '../../models/section.js';
import { PreprocessInfoSchema, type PreprocessInfo } from '../../models/image.js';
import type { CellHint, CellValue } from '../../models/value.js';
import type { Box } from '../../models/geometry.js';
import { CellRow, FlagRow, IndicatorRow, PageRow, SubmissionRow, TableRow } from '../../db/rows.js';
import { splitSections } from '../../pipeline/classify/index.js';
import { comparisonKey } from '../../pipeline/normalise/index.js';




const box = (r: { x0: number; y0: number; x1: number; y1: number }): Box => ({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 });

// ------------------------------------------------------------------------------------------ shared views

export interface CorrectionView {
  id: number;
  who: string;
  /** how the writer authenticated: 'session', 'token', 'local', null before accounts existed */
  via: string | null;
  at: string;
  reason: string | null;
}

const correctionView = (c: Correction | null | undefined): CorrectionView | null => (c ? { id: c.id, who: c.who, via: c.via, at: c.at, reason: c.reason } : null);

export interface FlagView {
  id: number;
  rule: string;
  field: string | null;
  message: string;
  /** a reviewer has corrected or confirmed the field the flag names */
  resolved: boolean;
}

/**
 * How a typed value of this field is parsed; mirrors the Annex 5 extractor (a row's unit decides its value
 * columns) so a correction is read the way the OCR text was.
 */
export function hintFor(field: IndicatorValueField, unit: CellValue): CellHint {
  switch (field) {
    case 'unit':
      return 'unit';
    case 'weight':
    case 'score':
      return 'number';
    case 'rate':
      return 'percent';
    case 'remarks':
      return 'text';
    default:
      return unit === 'date' || unit === 'percent' || unit === 'count' ? unit : 'auto';
  }
}

const isValueField = (f: string | null): f is IndicatorValueField => f != null && (INDICATOR_VALUE_FIELDS as readonly string[]).includes(f);

const ABSENT: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };

function parseFields(json: string): Record<string, IndicatorField> {
  return z.record(z.string(), IndicatorFieldSchema).parse(JSON.parse(json));
}

/**
 * A flag on a value is resolved when that field has a correction (or confirmation) for this record. A flag on
 * something no correction can change (the record's code, its activity, the page) is resolved by signing the
 * submission off as reviewed.
 */
function isResolved(f: Pick<FlagRow, 'field'>, ind: { code: string; occurrence: number } | undefined, cur: CurrentCorrections, reviewed: boolean): boolean {
  if (!ind || !isValueField(f.field)) return reviewed;
  return cur.indicator(ind.code, ind.occurrence, f.field) !== undefined;
}

// ---------------------------------------------------------------------------------------------- queue

export const QueueFilterSchema = z.object({
  office: z.string().trim().max(200).optional(),
  fy: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  quarter: z.union([z.enum(['1', '2', '3', '4']).transform(Number), z.enum(['H1', 'annual'])]).optional(),
  status: z.enum(['ok', 'partial', 'failed']).optional(),
  review: z.enum(['pending', 'reviewed']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type QueueFilter = z.input<typeof QueueFilterSchema>;

export interface QueueItem {
  id: number;
  fileName: string;
  status: string;
  pageCount: number;
  office: Office;
  fiscalYear: string | null;
  quarter: Quarter | null;
  submissionDate: string | null;
  indicators: number;
  flags: number;
  /** flags no reviewer has dealt with yet: the queue's sort key */
  openFlags: number;
  corrections: number;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

/** Submissions to review: unreviewed first, then most open flags first. Filters apply to corrected metadata. */
export function listQueue(db: Db, filter: z.output<typeof QueueFilterSchema>): QueueItem[] {
  const subs = z.array(SubmissionRow).parse(db.prepare('SELECT * FROM submissions ORDER BY file_name, id').all());
  const inds = z
    .array(IndicatorRow.pick({ id: true, submission_id: true, indicator_code: true, seq: true }))
    .parse(db.prepare('SELECT id, submission_id, indicator_code, seq FROM indicators ORDER BY submission_id, seq').all());
  const flags = z.array(FlagRow).parse(db.prepare('SELECT * FROM flags').all());
  const allCorrections = db.prepare('SELECT sha256 FROM corrections').all() as { sha256: string }[];
  const shasWithCorrections = new Set(allCorrections.map((r) => r.sha256));

  const indsBySub = new Map<number, typeof inds>();
  for (const i of inds) indsBySub.set(i.submission_id, [...(indsBySub.get(i.submission_id) ?? []), i]);
  const flagsBySub = new Map<number, FlagRow[]>();
  for (const f of flags) flagsBySub.set(f.submission_id, [...(flagsBySub.get(f.submission_id) ?? []), f]);

  // offices are matched on the fuzzy comparison key, so ই/ঈ or য়/য় typed either way still match
  const officeKey = filter.office ? comparisonKey(filter.office) || filter.office.toLowerCase() : null;
  const matchesOffice = (text: string) => (comparisonKey(text) || text.toLowerCase()).includes(officeKey!) || text.toLowerCase().includes(filter.office!.toLowerCase());
  const items: QueueItem[] = [];
  for (const s of subs) {
    const cur = shasWithCorrections.has(s.sha256) ? currentCorrections(db, s.sha256) : latestOf([]);
    const { meta } = applyMetaCorrections(SubmissionMetaSchema.parse(JSON.parse(s.meta_json)), cur);
    if (filter.fy && meta.fiscalYear !== filter.fy) continue;
    if (filter.quarter !== undefined && meta.quarter !== filter.quarter) continue;
    if (filter.status && s.status !== filter.status) continue;
    if (filter.review === 'pending' && s.reviewed_at) continue;
    if (filter.review === 'reviewed' && !s.reviewed_at) continue;
    if (officeKey) {
      const o = meta.office;
      const hay = [o.name, o.division, o.district, o.upazila, s.file_name].filter((x): x is string => !!x);
      if (!hay.some(matchesOffice)) continue;
    }
    const sInds = indsBySub.get(s.id) ?? [];
    const occ = indicatorOccurrences(sInds.map((i) => i.indicator_code));
    const byId = new Map(sInds.map((i, n) => [i.id, { code: i.indicator_code, occurrence: occ[n]! }]));
    const sFlags = flagsBySub.get(s.id) ?? [];
    items.push({
      id: s.id,
      fileName: s.file_name,
      status: s.status,
      pageCount: s.page_count,
      office: meta.office,
      fiscalYear: meta.fiscalYear,
      quarter: meta.quarter,
      submissionDate: meta.submissionDate,
      indicators: sInds.length,
      flags: sFlags.length,
      openFlags: sFlags.filter((f) => !isResolved(f, f.indicator_id == null ? undefined : byId.get(f.indicator_id), cur, !!s.reviewed_at)).length,
      corrections: cur.all.length,
      reviewedAt: s.reviewed_at,
      reviewedBy: s.reviewed_by,
    });
  }
  items.sort((a, b) => Number(!!a.reviewedAt) - Number(!!b.reviewedAt) || b.openFlags - a.openFlags || b.flags - a.flags || a.fileName.localeCompare(b.fileName));
  return items.slice(0, filter.limit);
}

// ----------------------------------------------------------------------------------------- submission

export function getSubmissionRow(db: Db, id: number): SubmissionRow | null {
  const r = db.prepare('SELECT * FROM submissions WHERE id = ?').get(id);
  return r ? SubmissionRow.parse(r) : null;
}

export interface MetaFieldView {
  field: MetaField;
  value: unknown;
  ocrValue: unknown;
  /** where OCR read it: page, confidence, source */
  provenance: { page: number | null; confidence: number; source: string } | null;
  correction: CorrectionView | null;
}

export interface SubmissionDetail {
  id: number;
  fileName: string;
  sha256: string;
  status: string;
  pageCount: number;
  ingestedAt: string;
  office: Office;
  fiscalYear: string | null;
  quarter: Quarter | null;
  submissionDate: string | null;
  annexFormat: string | null;
  metaFields: MetaFieldView[];
  review: { reviewedAt: string | null; reviewedBy: string | null };
  counts: { indicators: number; flags: number; openFlags: number; corrections: number };
}

export function submissionDetail(db: Db, id: number): SubmissionDetail | null {
  const s = getSubmissionRow(db, id);
  if (!s) return null;
  const cur = currentCorrections(db, s.sha256);
  const ocrMeta = SubmissionMetaSchema.parse(JSON.parse(s.meta_json));
  const { meta } = applyMetaCorrections(ocrMeta, cur);
  const provKey = (f: MetaField) => (f.startsWith('office.') ? (ocrMeta.provenance[f] ?? ocrMeta.provenance.office) : ocrMeta.provenance[f]);
  const inds = indicatorRecords(db, s, cur);
  const flags = inds.flatMap((i) => i.flags);
  const pageFlags = z.array(FlagRow).parse(db.prepare('SELECT * FROM flags WHERE submission_id = ? AND indicator_id IS NULL').all(id));
  return {
    id: s.id,
    fileName: s.file_name,
    sha256: s.sha256,
    status: s.status,
    pageCount: s.page_count,
    ingestedAt: s.finished_at,
    office: meta.office,
    fiscalYear: meta.fiscalYear,
    quarter: meta.quarter,
    submissionDate: meta.submissionDate,
    annexFormat: meta.annexFormat,
    metaFields: META_FIELDS.map((field) => {
      const p = provKey(field);
      return {
        field,
        value: getMetaField(meta, field),
        ocrValue: getMetaField(ocrMeta, field),
        provenance: p ? { page: p.page, confidence: p.confidence, source: p.source } : null,
        correction: correctionView(cur.meta(field)),
      };
    }),
    review: { reviewedAt: s.reviewed_at, reviewedBy: s.reviewed_by },
    counts: {
      indicators: inds.length,
      flags: flags.length + pageFlags.length,
      openFlags: flags.filter((f) => !f.resolved).length + (s.reviewed_at ? 0 : pageFlags.length),
      corrections: cur.all.length,
    },
  };
}

// ---------------------------------------------------------------------------------------------- pages


export interface PageView {
  page: number;
  section: string | null;
  subtype: string | null;
  ocrSection: string | null;
  ocrSubtype: string | null;
  confidence: number | null;
  correction: CorrectionView | null;
  width: number | null;
  height: number | null;
  rotation: number | null;
  skewDeg: number | null;
  dpi: number | null;
  meanConf: number | null;
  tables: number;
  indicators: number;
  openFlags: number;
}

export function submissionPages(db: Db, id: number): { pages: PageView[]; sections: SectionSpan[] } | null {
  const s = getSubmissionRow(db, id);
  if (!s) return null;
  const cur = currentCorrections(db, s.sha256);
  const rows = z.array(PageRow).parse(db.prepare('SELECT * FROM pages WHERE submission_id = ? ORDER BY page').all(id));
  const tableCounts = new Map(
    (db.prepare('SELECT page, COUNT(*) n FROM tables WHERE submission_id = ? GROUP BY page').all(id) as { page: number; n: number }[]).map((r) => [r.page, r.n]),
  );
  const inds = indicatorRecords(db, s, cur);
  const pages = rows.map((p): PageView => {
    const ocr = { section: SectionKindSchema.nullable().catch(null).parse(p.section), subtype: SectionSubtypeSchema.nullable().catch(null).parse(p.subtype) };
    const now = applyPageCorrection(p.page, ocr, cur);
    const onPage = inds.filter((i) => i.page === p.page);
    return {
      page: p.page,
      section: now.section,
      subtype: now.subtype,
      ocrSection: p.section,
      ocrSubtype: p.subtype,
      confidence: now.correction ? 1 : p.confidence,
      correction: correctionView(now.correction),
      width: p.width,
      height: p.height,
      rotation: p.rotation,
      skewDeg: p.skew_deg,
      dpi: p.dpi,
      meanConf: p.mean_conf,
      tables: tableCounts.get(p.page) ?? 0,
      indicators: onPage.length,
      openFlags: onPage.reduce((n, i) => n + i.flags.filter((f) => !f.resolved).length, 0),
    };
  });
  const stored = z.array(SectionSpanSchema).parse(JSON.parse(s.sections_json));
  const sections = pages.some((p) => p.correction)
    ? splitSections(
        pages.flatMap((p) => {
          const section = SectionKindSchema.safeParse(p.section);
          const subtype = SectionSubtypeSchema.safeParse(p.subtype);
          return section.success && subtype.success ? [{ page: p.page, classification: { section: section.data, subtype: subtype.data, confidence: 1, evidence: [] } }] : [];
        }),
      )
    : stored;
  return { pages, sections };
}

/** What the image route needs to render one page; null when there is no such page. */
export function pageSource(db: Db, id: number, page: number): { sha256: string; path: string; page: number; preprocess: PreprocessInfo | null; width: number | null; height: number | null } | null {
  const r = db
    .prepare('SELECT s.sha256, s.path, p.page, p.preprocess_json, p.width, p.height FROM pages p JOIN submissions s ON s.id = p.submission_id WHERE p.submission_id = ? AND p.page = ?')
    .get(id, page) as { sha256: string; path: string; page: number; preprocess_json: string | null; width: number | null; height: number | null } | undefined;
  if (!r) return null;
  const pre = r.preprocess_json ? PreprocessInfoSchema.safeParse(JSON.parse(r.preprocess_json)) : null;
  return { sha256: r.sha256, path: r.path, page: r.page, preprocess: pre?.success ? pre.data : null, width: r.width, height: r.height };
}

// --------------------------------------------------------------------------------------------- tables


export interface CellView {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  /** OCR text (visual lines joined by \n) */
  text: string;
  /** OCR confidence 0–100 */
  conf: number | null;
  bbox: Box;
  /** the indicator field read from this cell, if any */
  ref: { indicatorId: number; field: IndicatorValueField } | null;
}

export interface TableView {
  index: number;
  role: string;
  bbox: Box;
  nRows: number;
  nCols: number;
  rowLines: number[];
  colLines: number[];
  cells: CellView[];
}

const boxKey = (tableIdx: number, b: Box) => `${tableIdx}#${b.x0},${b.y0},${b.x1},${b.y1}`;

/** A page's tables with cell boxes; a cell an indicator value was read from names that record and field. */
export function pageTables(db: Db, id: number, page: number): TableView[] {
  const rows = z.array(TableRow).parse(db.prepare('SELECT * FROM tables WHERE submission_id = ? AND page = ? ORDER BY idx').all(id, page));
  const inds = z.array(IndicatorRow).parse(db.prepare('SELECT * FROM indicators WHERE submission_id = ? AND page = ? ORDER BY seq').all(id, page));
  const refs = new Map<string, CellView['ref']>();
  for (const i of inds) {
    const f = parseFields(i.fields_json);
    for (const k of INDICATOR_VALUE_FIELDS) {
      const b = f[k]?.bbox;
      if (b) refs.set(boxKey(i.table_idx, b), { indicatorId: i.id, field: k });
    }
  }
  const cellStmt = db.prepare('SELECT * FROM cells WHERE table_id = ? ORDER BY r, c');
  return rows.map((t) => ({
    index: t.idx,
    role: t.role,
    bbox: box(t),
    nRows: t.n_rows,
    nCols: t.n_cols,
    rowLines: z.array(z.number()).parse(JSON.parse(t.row_lines_json)),
    colLines: z.array(z.number()).parse(JSON.parse(t.col_lines_json)),
    cells: z
      .array(CellRow)
      .parse(cellStmt.all(t.id))
      .map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: c.conf, bbox: box(c), ref: refs.get(boxKey(t.idx, box(c))) ?? null })),
  }));
}

// ----------------------------------------------------------------------------------------- indicators

export interface FieldView {
  raw: string | null;
  value: CellValue;
  confidence: number | null;
  bbox: Box | null;
  printed: boolean;
  /** how a typed correction is parsed */
  hint: CellHint;
  ocr: { raw: string | null; value: CellValue; confidence: number | null };
  corrected: boolean;
  correction: CorrectionView | null;
}

export interface IndicatorView {
  id: number;
  seq: number;
  /** 1-based k-th record with this code: the key corrections use */
  occurrence: number;
  page: number;
  tableIndex: number;
  row: number;
  indicatorCode: string;
  activityCode: string | null;
  activity: string | null;
  indicator: string | null;
  fields: Record<IndicatorValueField, FieldView>;
  flags: FlagView[];
}

export function fieldView(ocr: IndicatorField, now: CurrentField, hint: CellHint): FieldView {
  return {
    raw: now.raw,
    value: now.value,
    confidence: now.confidence,
    bbox: now.bbox,
    printed: now.printed,
    hint,
    ocr: { raw: ocr.raw, value: ocr.value, confidence: ocr.confidence },
    corrected: now.corrected,
    correction: correctionView(now.correction),
  };
}

function indicatorView(i: IndicatorRow, occurrence: number, flags: FlagRow[], cur: CurrentCorrections, reviewed: boolean): IndicatorView {
  const f = parseFields(i.fields_json);
  const current = (k: IndicatorValueField) => applyFieldCorrection(f[k] ?? ABSENT, cur.indicator(i.indicator_code, occurrence, k));
  const unit = current('unit');
  const fields = Object.fromEntries(
    INDICATOR_VALUE_FIELDS.map((k) => [k, fieldView(f[k] ?? ABSENT, k === 'unit' ? unit : current(k), hintFor(k, unit.value))]),
  ) as Record<IndicatorValueField, FieldView>;
  const me = { code: i.indicator_code, occurrence };
  return {
    id: i.id,
    seq: i.seq,
    occurrence,
    page: i.page,
    tableIndex: i.table_idx,
    row: i.row,
    indicatorCode: i.indicator_code,
    activityCode: i.activity_code,
    activity: i.activity,
    indicator: i.indicator,
    fields,
    flags: flags.map((fl) => ({ id: fl.id, rule: fl.rule, field: fl.field, message: fl.message, resolved: isResolved(fl, me, cur, reviewed) })),
  };
}

function indicatorRecords(db: Db, s: SubmissionRow, cur: CurrentCorrections): IndicatorView[] {
  const inds = z.array(IndicatorRow).parse(db.prepare('SELECT * FROM indicators WHERE submission_id = ? ORDER BY seq').all(s.id));
  const flags = z.array(FlagRow).parse(db.prepare('SELECT * FROM flags WHERE submission_id = ? AND indicator_id IS NOT NULL ORDER BY id').all(s.id));
  const byInd = new Map<number, FlagRow[]>();
  for (const f of flags) byInd.set(f.indicator_id!, [...(byInd.get(f.indicator_id!) ?? []), f]);
  const occ = indicatorOccurrences(inds.map((i) => i.indicator_code));
  return inds.map((i, n) => indicatorView(i, occ[n]!, byInd.get(i.id) ?? [], cur, !!s.reviewed_at));
}

/** Indicator records of a submission (optionally one page), with current values and flags. */
export function submissionIndicators(db: Db, id: number, page?: number): IndicatorView[] | null {
  const s = getSubmissionRow(db, id);
  if (!s) return null;
  const all = indicatorRecords(db, s, currentCorrections(db, s.sha256));
  return page === undefined ? all : all.filter((i) => i.page === page);
}

export function submissionCorrections(db: Db, id: number): Correction[] | null {
  const s = getSubmissionRow(db, id);
  return s ? listCorrections(db, s.sha256) : null;
}
