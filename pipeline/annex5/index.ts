/**
 * Annex 5 stage: table roles, header mapping, joining continued tables, indicator records, validation.
 * `annex5Indicators` is the whole stage over one submission's tables.
 */
import { cellsToGrid } from '../tables/grid-text.js';
import { repairAnnexText, repairQuarterOrdinal, snapHeaderLabel, unifyRephs } from './lexicon.js';
import { alignLeadingCode } from './codes.js';
import { repairSerials } from './serials.js';
import { countingOffset } from './counting.js';
import { canonicalText, repairedCellText, toAsciiDigits, toBanglaDigits, type CellContext } from '../normalise/index.js';
import { INDICATOR_VALUE_FIELDS, type IndicatorRecord } from '../../models/indicator.js';
import type { PageResult, SubmissionMeta } from '../../models/submission.js';
import type { TableRole } from '../../models/table.js';
import { unitOf as recordUnit, validateIndicators } from '../validate/index.js';
import { DECIMAL_LOST, VALUE_KEYS, extractIndicators, fiscalYears, hintFor, type ExtractContext } from './extract.js';
import { joinTables } from './join.js';
import type { LogicalTable, PageTables } from './types.js';

export * from './types.js';
export { classifyTableRole, type RoleResult, type RoleContext } from './role.js';
export { mapHeader, detectHeaderRows, detectFormat, classifyRow, isNumberedRow } from './header.js';
export { classifyLabel, quarterOrdinal, unitOf } from './labels.js';
export { findIndicatorCodes, leadingActivityCode } from './codes.js';
export { joinTables } from './join.js';
export { extractIndicators, type ExtractContext } from './extract.js';

export interface Annex5Result {
  tables: LogicalTable[];
  /** indicator records of every Annex 5 table, validated, in page order */
  indicators: IndicatorRecord[];
  /** the role of every page table, for the export's tables[].role */
  roles: Array<{ page: number; tableIndex: number; role: TableRole; logicalIndex: number }>;
}

export function annex5Indicators(pages: readonly PageTables[], ctx: ExtractContext = {}): Annex5Result {
  const tables = joinTables(pages);
  const indicators: IndicatorRecord[] = [];
  const roles: Annex5Result['roles'] = [];
  tables.forEach((lt, logicalIndex) => {
    for (const p of lt.parts) roles.push({ page: p.page, tableIndex: p.tableIndex, role: lt.role, logicalIndex });
    if (lt.role !== 'annex5') return;
    indicators.push(...validateIndicators(extractIndicators(lt, ctx), { fiscalYear: ctx.fiscalYear ?? null, quarter: ctx.quarter ?? null }));
  });
  return { tables, indicators, roles };
}

function pageTables(pages: readonly Pick<PageResult, 'page' | 'text' | 'tables'>[]): PageTables[] {
  return pages.filter((p) => p.tables.length > 0).map((p) => ({ page: p.page, text: p.text, tables: p.tables }));
}

/** Set every page table's role (a header-less continuation takes the role of the table it continues). */
export function annotateTables(pages: readonly Pick<PageResult, 'page' | 'text' | 'tables'>[]): void {
  const { roles, tables } = annex5Indicators(pageTables(pages), {});
  const byKey = new Map(roles.map((r) => [`${r.page}#${r.tableIndex}`, r.role]));
  for (const p of pages) {
    for (const t of p.tables) {
      t.role = byKey.get(`${p.page}#${t.index}`) ?? t.role;
      // Annex 5 wording is the plan's vocabulary: its grid (what indicators are read from) is spelling-repaired
      if (t.role === 'annex5') {
        t.grid = cellsToGrid(t.nRows, t.nCols, t.cells, repairAnnexText);
        unifyRephs(t.grid);
      }
    }
  }
  for (const lt of tables) {
    if (lt.role !== 'annex5') continue;
    for (const part of lt.parts) {
      const m = part.mapping;
      if (!m) continue;
      const grid = part.table.grid;
      if (m.byKey.sl !== undefined) repairSerials(grid, m.byKey.sl, part.headerRows);
      for (let r = 0; r < part.headerRows; r++) {
        if (r !== m.numberedRow) grid[r] = grid[r]!.map(snapHeaderLabel);
      }
      m.columns.forEach((col) => {
        // quarter header labels get the ordinal of the quarter their column was mapped to
        const q = col.key && /^q[1-4]$/.test(col.key) ? (Number(col.key[1]) as 1 | 2 | 3 | 4) : null;
        for (let r = 0; q && r < part.headerRows; r++) {
          if (grid[r]?.[col.col] !== undefined) grid[r]![col.col] = repairQuarterOrdinal(grid[r]![col.col]!, q);
        }
        // a lone figure in the column-number row or a value column prints without a full stop: OCR's speck
        // ("১." for ১); the serial column keeps its printed "০২."
        if (!col.key || !VALUE_COLUMNS.has(col.key)) return;
        for (let r = 0; r < grid.length; r++) {
          if (r < part.headerRows && r !== m.numberedRow) continue;
          const t = grid[r]?.[col.col];
          if (t && /^[০-৯]+\.$/u.test(t)) grid[r]![col.col] = t.slice(0, -1);
        }
      });
      if (m.numberedRow !== null && part.headerRows > m.numberedRow) {
        const row = grid[m.numberedRow]!;
        splitMergedNumbers(row);
        fillColumnNumbers(row);
        row.forEach((t, c) => {
          if (/^[০-৯]+\.$/u.test(t)) row[c] = t.slice(0, -1);
        });
      }
    }
  }
}

/**
 * The column-number row ("১ ২ … ১৩") with two numbers in one merged cell ("৪ । ৫"): a rule between them was
 * lost on the scan, so the cell spans their columns. When the cell holds as many consecutive numbers as it
 * spans columns, each column gets its own.
 */
export function splitMergedNumbers(row: string[]): void {
  for (let c = 0; c < row.length; ) {
    let end = c + 1;
    while (end < row.length && row[end] === row[c]) end++;
    const span = end - c;
    const numbers = (toAsciiDigits(row[c] ?? '').match(/\d+/g) ?? []).map(Number);
    if (span >= 2 && numbers.length === span && numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)) {
      for (let i = 0; i < span; i++) row[c + i] = toBanglaDigits(numbers[i]!);
    }
    c = end;
  }
}

/**
 * The column-number row counts its columns (১ … ১৩). When most cells agree with one count, a cell read as
 * nothing between two that agree, or as a stray mark or letter ("[" for ৫) beside one that does, is the count's
 * number at its place.
 */
export function fillColumnNumbers(row: string[]): void {
  const read = row.map((t) => {
    const a = toAsciiDigits(t.trim());
    return /^\d{1,2}$/.test(a) ? Number(a) : null;
  });
  const { value: off, count: agree } = countingOffset(read) ?? { value: 0, count: 0 };
  const filled = row.filter((t) => t.trim()).length;
  if (agree < 3 || agree * 2 <= filled) return;
  const ok = (c: number) => c >= 0 && c < row.length && read[c] === c + off;
  row.forEach((t, c) => {
    if (ok(c) || c + off < 1) return;
    const junk = t.trim() !== '' && !/[০-৯0-9]/u.test(t) && [...t.trim()].length <= 2;
    if ((t.trim() === '' && ok(c - 1) && ok(c + 1)) || (junk && (ok(c - 1) || ok(c + 1)))) row[c] = toBanglaDigits(c + off);
  });
}

/** Columns holding figures (weights, targets, achievements, rates, scores): every value field but unit and remarks. */
const VALUE_COLUMNS: ReadonlySet<string> = new Set(INDICATOR_VALUE_FIELDS.filter((k) => k !== 'unit' && k !== 'remarks'));

/**
 * The validated indicator records of a submission, read with its fiscal year and quarter. The Annex 5 grids'
 * codes and repaired values are set to what the records settled (see alignGrid).
 */
export function extractSubmissionIndicators(
  pages: readonly Pick<PageResult, 'page' | 'text' | 'tables'>[],
  meta: Pick<SubmissionMeta, 'fiscalYear' | 'quarter'>,
): IndicatorRecord[] {
  const { tables, indicators } = annex5Indicators(pageTables(pages), { fiscalYear: meta.fiscalYear, quarter: meta.quarter });
  const years = fiscalYears(meta.fiscalYear);
  alignGrid(tables, indicators, years ? { expectYears: years } : {});
  return indicators;
}

/**
 * The Annex 5 grids say what their records say; the cells keep what OCR read.
 *  - A code OCR misread in an indicator or activity cell ("[৬.১]" for [১.১.১], "[১.১.২]" for [১.১.১]) is set,
 *    in the grid and in the record's text, to the code the record settled on: from the plan's wording (flagged
 *    indicator-code) or from the indicator an activity holds (flagged activity-code). Codes guessed from their
 *    neighbours (previous + 1) are not written into the grid.
 *  - A value the normalisation library repaired ("৭৫০০" → 75%, "০৫/০২২০২৪" → 2024-02-05) is printed in the
 *    cell's own style ("৭৫%", "০৫/০২/২০২৪"), as is a score whose decimal point was put back.
 * Rows holding two indicators are left as read.
 */
function alignGrid(tables: readonly LogicalTable[], indicators: IndicatorRecord[], context: CellContext): void {
  const parts = new Map(tables.filter((lt) => lt.role === 'annex5').flatMap((lt) => lt.parts.map((p) => [`${p.page}#${p.tableIndex}`, p] as const)));
  for (const rec of indicators) {
    const part = parts.get(`${rec.page}#${rec.tableIndex}`);
    const m = part?.mapping;
    const row = part?.table.grid[rec.row];
    if (!m || !row || rec.flags.some((f) => f.rule === 'split-row')) continue;
    for (const key of VALUE_KEYS) {
      const col = m.byKey[key];
      const text = col === undefined ? undefined : row[col];
      if (!text || key === 'remarks') continue;
      const restored = key === 'score' && rec.flags.some((f) => f.rule === 'score' && f.message.endsWith(DECIMAL_LOST));
      const fixed = restored && typeof rec.score.value === 'number' ? toBanglaDigits(rec.score.value) : repairedCellText(text, hintFor(key, recordUnit(rec)), context);
      if (fixed) row[col!] = fixed;
    }
    // a code guessed from its neighbours (previous + 1) is the record's guess, not something read: not printed
    if (rec.flags.some((f) => f.rule === 'indicator-code' && /previous code|first indicator/.test(f.message))) continue;
    const ind = m.byKey.indicator;
    if (ind !== undefined && row[ind]) {
      row[ind] = alignLeadingCode(row[ind]!, rec.indicatorCode);
      if (rec.indicator) rec.indicator = alignLeadingCode(rec.indicator, rec.indicatorCode);
    }
    const act = m.byKey.activity;
    if (act !== undefined && row[act] && rec.activityCode) {
      const before = row[act]!;
      const after = alignLeadingCode(before, rec.activityCode);
      if (after === before) continue;
      // an activity cell spans its indicators' rows: every position it covers says the same
      part!.table.grid.forEach((r) => {
        if (r[act] === before) r[act] = after;
      });
      if (rec.activity === before || (rec.activity && canonicalText(rec.activity, { singleLine: true }) === canonicalText(before, { singleLine: true }))) rec.activity = after;
    }
  }
}
