/**
 * Indicator records from a logical Annex 5 table: one record per data row that carries a credible indicator
 * code, every value with its raw text, normalised value, confidence and cell box. Header rows, the numbered
 * row, blank rows and the মোট (total) row produce nothing.
 */
import { catalogueFor, type CatalogueIndicator } from '../../models/catalogue.js';
import type { Box } from '../../models/geometry.js';
import type { IndicatorField, IndicatorRecord, ValidationFlag } from '../../models/indicator.js';
import type { Table, TableCell } from '../../models/table.js';
import type { CellHint, NormResult, Quarter } from '../../models/value.js';
import { canonicalText, parseCellValue, parseCode, parseUnit, similarity, toAsciiDigits, type CellContext } from '../normalise/index.js';
import { findIndicatorCodeHits, leadingActivityCode, type CodeHit } from './codes.js';
import { comparisonKey, hasWord } from './fuzzy.js';
import { unitOf } from './labels.js';
import type { ColumnKey, HeaderMapping, LogicalTable, TablePart } from './types.js';
import { COLUMN_KEYS } from './types.js';
import { expectedRate, fiscalYearRange } from '../validate/index.js';

export interface ExtractContext {
  /** "2023-24"; enables the catalogue for recovering unreadable codes */
  fiscalYear?: string | null;
  quarter?: Quarter | null;
}

type Unit = 'date' | 'percent' | 'count';
export const VALUE_KEYS = ['weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score', 'remarks'] as const;
export type ValueKey = (typeof VALUE_KEYS)[number];

/** Field given for a column the layout does not print. */
const NOT_PRINTED: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };

/** Below this share of a catalogue wording, an unreadable code is not recovered from the text. */
const CATALOGUE_MATCH = 0.75;
/** Confidence multiplier for everything in a row whose code had to be derived. */
const DERIVED_CODE_CONFIDENCE = 0.5;

/** The cell covering each grid position, for boxes and OCR confidence of merged cells. */
function cellIndex(table: Table): (r: number, c: number) => TableCell | null {
  const at = new Map<string, TableCell>();
  for (const cell of table.cells) {
    for (let r = cell.r; r < cell.r + cell.rowspan; r++) for (let c = cell.c; c < cell.c + cell.colspan; c++) at.set(`${r},${c}`, cell);
  }
  return (r, c) => at.get(`${r},${c}`) ?? null;
}

interface RowCell {
  text: string;
  cell: TableCell | null;
}

interface RowView {
  part: TablePart;
  r: number;
  get(key: ColumnKey): RowCell | null;
}

function rowView(part: TablePart, mapping: HeaderMapping, r: number, cellAt: (r: number, c: number) => TableCell | null): RowView {
  return {
    part,
    r,
    get(key) {
      const c = mapping.byKey[key];
      if (c === undefined) return null;
      const text = canonicalText(part.table.grid[r]?.[c] ?? '', { singleLine: true });
      return { text, cell: cellAt(r, c) };
    },
  };
}

function ocrConfidence(cell: TableCell | null): number {
  return cell?.conf == null ? 1 : Math.max(0, Math.min(1, cell.conf / 100));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function field(rc: RowCell, norm: NormResult, extra = 1): IndicatorField {
  return {
    raw: rc.text,
    value: norm.value,
    confidence: round(ocrConfidence(rc.cell) * norm.confidence * extra),
    bbox: rc.cell ? rc.cell.bbox : null,
    printed: true,
  };
}

/**
 * Tesseract's ben+eng reads the Bangla digits ৪ and ৭ as the Latin 8 and 9 they are drawn like; in a row
 * written in Bangla digits with no other Latin digit, a numeric cell's lone 8s and 9s are those look-alikes
 * ("8" in a weight column is ৪). The repair is flagged and lowers confidence, so a reviewer sees it.
 */
function parseInRow(text: string, hint: CellHint, banglaRow: boolean, context: CellContext): NormResult {
  const direct = parseCellValue(text, hint, context);
  if (!banglaRow || hint === 'text' || hint === 'auto' || !/[89]/.test(text) || /[০-৯]/.test(text)) return direct;
  const swapped = parseCellValue(text.replace(/8/g, '৪').replace(/9/g, '৭'), hint, context);
  if (swapped.flags.includes('unparsed')) return direct;
  return { ...swapped, raw: text, confidence: swapped.confidence * 0.7, flags: [...swapped.flags, 'repaired-digit'] };
}

/** How a value column is parsed, following the row's unit: dates for তারিখ rows, percents for %, counts for সংখ্যা. */
export function hintFor(key: ValueKey, unit: Unit | null): CellHint {
  switch (key) {
    case 'weight':
    case 'score':
      return 'number';
    case 'rate':
      return 'percent';
    case 'remarks':
      return 'text';
    default:
      return unit ?? 'auto';
  }
}

/** A row that is the table's মোট / সর্বমোট line. */
function isTotalRow(row: RowView): boolean {
  for (const k of ['sl', 'activity', 'indicator'] as const) {
    const t = row.get(k)?.text ?? '';
    if (t && [...comparisonKey(t)].length <= 8 && hasWord(comparisonKey(t), 'মোট')) return true;
  }
  return false;
}

/** A row without a readable code that is nevertheless an indicator: a unit, or indicator wording with values. */
function looksLikeDataRow(row: RowView): boolean {
  if (unitOf(row.get('unit')?.text ?? '') !== null) return true;
  const indicator = comparisonKey(row.get('indicator')?.text ?? '');
  const filled = VALUE_KEYS.filter((k) => k !== 'remarks' && (row.get(k)?.text ?? '') !== '').length;
  return [...indicator].length >= 8 && filled >= 2;
}

/**
 * A row holding nothing but the tail of the previous indicator's wording (seed 003: "কর্তৃপক্ষের নিকট প্রেরিত"
 * on a line of its own, cut off by a row rule) belongs to that indicator.
 */
function appendWrappedText(row: RowView, prev: IndicatorRecord | undefined): void {
  if (!prev) return;
  const text = row.get('indicator')?.text ?? '';
  if (text === '') return;
  const others = (['sl', 'unit', ...VALUE_KEYS] as const).some((k) => (row.get(k)?.text ?? '') !== '');
  if (others) return;
  prev.indicator = prev.indicator ? `${prev.indicator} ${text}` : text;
}

interface Carry {
  activity: string | null;
  activityCode: string | null;
  lastCode: string | null;
  /** the indicator codes of the fiscal year's plan (empty when the year or its plan is unknown) */
  readonly catalogueCodes: ReadonlySet<string>;
  /** what every value cell of the table is read with (the fiscal year's two years, for dates) */
  readonly cellContext: CellContext;
}

/** "2023-24" → [2023, 2024]: the years an Annex 5 table's dates fall in. */
export function fiscalYears(fy: string | null | undefined): number[] | undefined {
  const range = fy ? fiscalYearRange(fy) : null;
  return range ? range.map((iso) => Number(iso.slice(0, 4))) : undefined;
}

function bumpLast(code: string): string {
  const p = code.split('.');
  p[p.length - 1] = String(Number(p[p.length - 1]) + 1);
  return p.join('.');
}

/** The indicator's wording without its code, for comparison with the catalogue. */
function wording(indicatorText: string): string {
  const c = parseCode(indicatorText, { level: 3 });
  return c.level === 3 ? c.rest : indicatorText;
}

/**
 * A code for a data row whose code is unreadable: the catalogue wording it matches (same fiscal year), else
 * the previous code in the same activity + 1, else the first code of the activity.
 */
function deriveCode(indicatorText: string, activityCode: string | null, carry: Carry, catalogue: CatalogueIndicator[], used: Set<string>): { code: string; how: string } | null {
  let best: { c: CatalogueIndicator; s: number } | null = null;
  for (const c of catalogue) {
    if (used.has(c.code)) continue;
    const s = similarity(wording(indicatorText), c.indicator);
    if (!best || s > best.s) best = { c, s };
  }
  if (best && best.s >= CATALOGUE_MATCH) return { code: best.c.code, how: `catalogue wording (${Math.round(best.s * 100)}% similar)` };
  if (carry.lastCode && (!activityCode || carry.lastCode.startsWith(`${activityCode}.`))) {
    return { code: bumpLast(carry.lastCode), how: `previous code ${carry.lastCode} + 1` };
  }
  if (activityCode) return { code: `${activityCode}.1`, how: `first indicator of activity ${activityCode}` };
  return null;
}

/** How well a row's wording must fit another plan code's, and how much better than its printed code's. */
const SWAPPED_CODE_MATCH = 0.85;
const SWAPPED_CODE_MARGIN = 0.25;

/**
 * A code printed as x.2.y where the catalogue has x.1.y (seed 003 reads every "[১.১" as "১.২"), or with
 * Bangla digits read as Latin look-alikes ("[৪.১.১]" → "[8.5.5]"): when the wording matches a catalogue
 * entry that the code does not name, that entry's code is meant. The more digits differ, the closer the
 * wording must be.
 */
function repairAgainstCatalogue(code: string, indicatorText: string, catalogue: CatalogueIndicator[], used: Set<string>): CatalogueIndicator | null {
  if (catalogue.length === 0) return null;
  const parts = code.split('.');
  const printed = catalogue.find((c) => c.code === code);
  if (printed) {
    // a plan code whose wording is not this row's, one digit from the code whose wording it is ("[৫.১.২]" on
    // the row of 5.1.1's words): a misread digit, when the other wording fits far better
    const own = similarity(wording(indicatorText), printed.indicator);
    const other = catalogue
      .filter((c) => c !== printed && !used.has(c.code) && c.code.split('.').filter((x, i) => x !== parts[i]).length === 1)
      .map((c) => ({ c, s: similarity(wording(indicatorText), c.indicator) }))
      .sort((a, b) => b.s - a.s)[0];
    return other && other.s >= SWAPPED_CODE_MATCH && other.s >= own + SWAPPED_CODE_MARGIN ? other.c : null;
  }
  let best: { c: CatalogueIndicator; s: number } | null = null;
  for (const c of catalogue) {
    if (used.has(c.code)) continue;
    const cp = c.code.split('.');
    const diff = cp.filter((x, i) => x !== parts[i]).length + Math.abs(cp.length - parts.length);
    const need = diff <= 1 ? 0.6 : 0.8;
    const s = similarity(wording(indicatorText), c.indicator);
    if (s >= need && (!best || s > best.s)) best = { c, s };
  }
  return best ? best.c : null;
}

/**
 * One cell holding several indicators (seed 004: "[৫.১.১] … [৫.১.২] …" with units "সংখ্যা সংখ্যা" and
 * weights "৬ ৩") because the rule between two rows was not found: split each column's words evenly.
 */
function splitCell(text: string, n: number): string[] | null {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length === n) return words;
  return null;
}

/**
 * Columns the header should have printed but that no label was found for: every layout prints a unit, a
 * target, a total and a run of quarters starting at Q1; a layout with a rate or a score also prints weights.
 */
export function missingColumns(mapping: HeaderMapping): ColumnKey[] {
  const has = (k: ColumnKey) => mapping.byKey[k] !== undefined;
  const out: ColumnKey[] = (['unit', 'target', 'total'] as const).filter((k) => !has(k));
  if ((has('rate') || has('score')) && !has('weight')) out.push('weight');
  const quarters = (['q1', 'q2', 'q3', 'q4'] as const).map(has);
  const last = quarters.lastIndexOf(true);
  for (let i = 0; i < last; i++) if (!quarters[i]) out.push(`q${i + 1}` as ColumnKey);
  return out;
}

export function extractIndicators(lt: LogicalTable, ctx: ExtractContext = {}): IndicatorRecord[] {
  if (lt.role !== 'annex5') return [];
  const catalogue = catalogueFor(ctx.fiscalYear ?? null)?.indicators ?? [];
  const records: IndicatorRecord[] = [];
  const used = new Set<string>();
  const years = fiscalYears(ctx.fiscalYear);
  const carry: Carry = {
    activity: null,
    activityCode: null,
    lastCode: null,
    catalogueCodes: new Set(catalogue.map((c) => c.code)),
    cellContext: years ? { expectYears: years } : {},
  };

  for (const part of lt.parts) {
    const mapping = part.mapping;
    if (!mapping || mapping.byKey.indicator === undefined) continue;
    const headerFlags: ValidationFlag[] = missingColumns(mapping).map((k) => ({
      rule: 'header',
      field: k,
      message: `no ${k} column was recognised in the header; its values are missing from this record`,
    }));
    const cellAt = cellIndex(part.table);
    const first = records.length;
    for (let r = part.headerRows; r < part.table.grid.length; r++) {
      const row = rowView(part, mapping, r, cellAt);
      const indicatorCell = row.get('indicator')!;
      const hits = findIndicatorCodeHits(indicatorCell.text);
      if (hits.length === 0 && (isTotalRow(row) || !looksLikeDataRow(row))) {
        appendWrappedText(row, records[records.length - 1]);
        continue;
      }

      // activity: the (possibly row-spanning) activity cell, else the one above when the span was not detected
      const act = row.get('activity');
      const actText = act?.text ?? '';
      if (actText !== '') {
        const hit = leadingActivityCode(actText);
        carry.activity = actText;
        carry.activityCode = hit?.code ?? null;
      }

      if (hits.length >= 2) {
        records.push(...splitRow(row, hits, carry, used));
        continue;
      }
      const flags: ValidationFlag[] = [];
      let code: string;
      let extra = 1;
      const hit = hits[0];
      if (hit) {
        code = hit.code;
        const repaired = repairAgainstCatalogue(code, indicatorCell.text, catalogue, used);
        if (repaired) {
          flags.push({ rule: 'indicator-code', field: 'indicatorCode', message: `printed code reads ${code}; the ${ctx.fiscalYear} plan has this wording as ${repaired.code}` });
          code = repaired.code;
        }
      } else {
        const derived = deriveCode(indicatorCell.text, carry.activityCode, carry, catalogue, used);
        if (!derived) continue;
        code = derived.code;
        extra = DERIVED_CODE_CONFIDENCE;
        flags.push({ rule: 'indicator-code', field: 'indicatorCode', message: `code unreadable; derived from ${derived.how}` });
      }
      records.push(buildRecord(row, code, indicatorCell, carry, flags, extra));
      used.add(code);
      carry.lastCode = code;
    }
    for (const rec of records.slice(first)) rec.flags.unshift(...headerFlags);
  }
  return records;
}

function buildRecord(row: RowView, code: string, indicatorCell: RowCell, carry: Carry, flags: ValidationFlag[], extra: number, override?: Partial<Record<ColumnKey, RowCell>>): IndicatorRecord {
  const get = (k: ColumnKey): RowCell | null => override?.[k] ?? row.get(k);
  // an indicator [x.y.z] sits under activity [x.y]: when the plan has the indicator, a printed activity code
  // that disagrees was misread
  const parent = code.split('.').slice(0, 2).join('.');
  const activityCode =
    carry.activityCode && (code.startsWith(`${carry.activityCode}.`) || !carry.catalogueCodes.has(code)) ? carry.activityCode : parent;
  if (carry.activityCode && activityCode !== carry.activityCode) {
    flags.push({ rule: 'activity-code', field: 'activityCode', message: `activity code reads ${carry.activityCode}; its indicator ${code} belongs to activity ${parent}` });
  }
  const unitCell = get('unit');
  const { unit, unitField } = readUnit(unitCell, get, flags, extra);
  const rowText = COLUMN_KEYS.map((k) => get(k)?.text ?? '').join(' ');
  const banglaRow = (rowText.match(/[০-৯]/g)?.length ?? 0) >= 3 && !/[0-7]/.test(rowText);
  const values = Object.fromEntries(
    VALUE_KEYS.map((k) => {
      const rc = get(k);
      if (!rc) return [k, NOT_PRINTED];
      return [k, field(rc, parseInRow(rc.text, hintFor(k, unit), banglaRow, carry.cellContext), extra)];
    }),
  ) as Record<ValueKey, IndicatorField>;
  const rec: IndicatorRecord = {
    page: row.part.page,
    tableIndex: row.part.tableIndex,
    row: row.r,
    activityCode,
    activity: carry.activity,
    indicatorCode: code,
    indicator: indicatorCell.text || null,
    unit: unitField,
    ...values,
    flags,
  };
  const rate = typeof rec.rate.value === 'number' ? rec.rate.value : expectedRate(rec);
  const restored = restoreScoreDecimal(rec.score, rec.weight, rate);
  if (restored) {
    flags.push({ rule: 'score', field: 'score', message: `score read "${rec.score.raw}", more than the weight ${rec.weight.value}; read as ${restored.value}, its ${DECIMAL_LOST}` });
    rec.score = restored;
  }
  return rec;
}

/** The words of the flag on a score whose decimal point was put back (the grid prints the restored figure). */
export const DECIMAL_LOST = 'decimal point lost';
/** How much a score whose decimal point was put back is trusted, relative to its reading. */
const RESTORED_DECIMAL_CONFIDENCE = 0.5;

/**
 * A score printed with a decimal point that OCR lost ("৭.৪৪" → "৭৪৪", "১.৫" → "১৫": the dot is a speck): a
 * score is at most its weight, so a whole-number reading over the weight is the one placement of the point that
 * brings it under the weight, or of two such the one weight × rate gives. Otherwise the reading is left for
 * validation to flag.
 */
function restoreScoreDecimal(score: IndicatorField, weight: IndicatorField, rate: number | null): IndicatorField | null {
  const w = weight.value;
  if (typeof score.value !== 'number' || typeof w !== 'number' || w <= 0 || score.value <= w) return null;
  const digits = toAsciiDigits(score.raw ?? '').trim();
  if (!/^\d{2,4}$/.test(digits)) return null;
  let fits = [1, 2, 3].filter((k) => k < digits.length).map((k) => Number(digits) / 10 ** k).filter((v) => v <= w);
  // two placements under the weight ("২৪৮" of 25: 24.8 or 2.48): the one weight × rate gives, if one does
  if (fits.length > 1 && rate !== null) fits = fits.filter((v) => Math.abs(v - (w * rate) / 100) <= Math.max(0.05, 0.02 * w));
  if (fits.length !== 1) return null;
  return { ...score, value: fits[0]!, confidence: round((score.confidence ?? 1) * RESTORED_DECIMAL_CONFIDENCE) };
}

/** The unit from the একক cell; when unreadable, from the shape of the target (a date, a percent, a number). */
function readUnit(unitCell: RowCell | null, get: (k: ColumnKey) => RowCell | null, flags: ValidationFlag[], extra: number): { unit: Unit | null; unitField: IndicatorField } {
  if (!unitCell) return { unit: null, unitField: NOT_PRINTED };
  const norm = parseUnit(unitCell.text);
  const printed = unitOf(unitCell.text);
  if (printed) {
    const conf = norm.value === printed ? norm.confidence : 0.9;
    return { unit: printed, unitField: { raw: unitCell.text, value: printed, confidence: round(ocrConfidence(unitCell.cell) * conf * extra), bbox: unitCell.cell?.bbox ?? null, printed: true } };
  }
  const target = get('target')?.text ?? '';
  const t = parseCellValue(target, 'auto');
  const inferred: Unit | null =
    target.includes('%') ? 'percent' : typeof t.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(t.value) ? 'date' : typeof t.value === 'number' ? 'count' : null;
  if (inferred) flags.push({ rule: 'unit', field: 'unit', message: `unit "${unitCell.text}" unreadable; ${inferred} inferred from the target "${target}"` });
  return {
    unit: inferred,
    unitField: { raw: unitCell.text, value: inferred, confidence: round(0.4 * extra), bbox: unitCell.cell?.bbox ?? null, printed: true },
  };
}

function splitRow(row: RowView, hits: CodeHit[], carry: Carry, used: Set<string>): IndicatorRecord[] {
  const n = hits.length;
  const indicatorCell = row.get('indicator')!;
  const text = indicatorCell.text;
  const pieces = hits.map((h, i) => text.slice(h.index, i + 1 < n ? hits[i + 1]!.index : undefined).trim());
  const out: IndicatorRecord[] = [];
  hits.forEach((h, i) => {
    const override: Partial<Record<ColumnKey, RowCell>> = {};
    for (const k of ['unit', ...VALUE_KEYS] as const) {
      const rc = row.get(k);
      if (!rc) continue;
      const split = splitCell(rc.text, n);
      // a value that is not split n ways belongs to the first indicator only (the second's was not printed apart)
      override[k] = { text: split ? split[i]! : i === 0 ? rc.text : '', cell: rc.cell };
    }
    const flags: ValidationFlag[] = [
      { rule: 'split-row', field: null, message: `one table row held ${n} indicators (${hits.map((x) => x.code).join(', ')}); values split by words` },
    ];
    out.push(buildRecord(row, h.code, { text: pieces[i]!, cell: indicatorCell.cell }, carry, flags, 0.6, override));
    used.add(h.code);
    carry.lastCode = h.code;
  });
  return out;
}
