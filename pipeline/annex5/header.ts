/**
 * Annex 5 header mapping: which rows are header and which canonical column each printed column is,
 * read from the labels (never from positions), for every layout of the seeds.
 */
import type { Table } from '../../models/table.js';
import { countingOffset } from './counting.js';
import { canonicalText } from '../normalise/index.js';
import { comparisonKey, hasWord } from './fuzzy.js';
import { classifyLabel, columnNumber, isQuarterGroupLabel, looksLikeCode, unitOf, type LabelKind } from './labels.js';
import { COLUMN_KEYS, QUARTER_KEYS, type Annex5Format, type ColumnKey, type ColumnMapping, type HeaderMapping } from './types.js';

/** No layout prints more than four header rows (labels, merged group, sub-labels, numbered row). */
const MAX_HEADER_ROWS = 5;

export type RowKind = 'empty' | 'numbered' | 'label' | 'data';

function cellText(s: string | undefined): string {
  return canonicalText(s ?? '', { singleLine: true });
}

/** Distinct texts of a row, left to right, merged repeats collapsed. */
function distinctCells(row: readonly string[]): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (const raw of row) {
    const t = cellText(raw);
    if (t !== prev && t !== '') out.push(t);
    prev = t;
  }
  return out;
}

/** A unit value (তারিখ, %, সংখ্যা) standing alone in a cell only occurs in data rows. */
export function isUnitValueCell(text: string): boolean {
  const t = cellText(text);
  if (t === '') return false;
  if (t === '%') return true;
  return [...comparisonKey(t)].length <= 7 && unitOf(t) !== null && !hasWord(comparisonKey(t), 'একক');
}

/**
 * The numbered column row of 2023-24/2024-25 layouts: ১ ২ ৩ … , column c printing c+1 (or a constant offset
 * of it). Most numbers must agree, not all: OCR misreads a few ("৯" for "১") and seed 004 lost one.
 */
export function isNumberedRow(row: readonly string[]): boolean {
  // a merged cell repeats its text in every column it covers: it counts once, at its first column
  let nonEmpty = 0;
  let prev: string | null = null;
  const numbers = row.map((raw) => {
    const t = cellText(raw);
    const repeated = t === '' || t === prev;
    prev = t;
    if (repeated) return null;
    nonEmpty++;
    return columnNumber(t);
  });
  const { value: offset, count: agree } = countingOffset(numbers) ?? { value: 0, count: 0 };
  return agree >= 3 && agree >= 0.6 * nonEmpty && offset >= -2 && offset <= 2;
}

export function classifyRow(row: readonly string[]): RowKind {
  const cells = distinctCells(row);
  if (cells.length === 0) return 'empty';
  if (cells.some(looksLikeCode) || row.some(isUnitValueCell)) return 'data';
  if (isNumberedRow(row)) return 'numbered';
  // header labels are short; a long cell is a data row's activity or indicator wording
  const labelled = cells.filter((t) => t.length <= 80 && classifyLabel(t).key !== null).length;
  return labelled >= Math.max(1, 0.5 * cells.length) ? 'label' : 'data';
}

/**
 * The header block: leading label rows, the numbered row, and blank rows among them. A continuation printed
 * without a repeated header starts with data and has 0 header rows.
 */
export function detectHeaderRows(grid: readonly (readonly string[])[]): { headerRows: number; numberedRow: number | null; labelRows: number[] } {
  let headerRows = 0;
  let numberedRow: number | null = null;
  const labelRows: number[] = [];
  for (let r = 0; r < Math.min(grid.length, MAX_HEADER_ROWS); r++) {
    const kind = classifyRow(grid[r] ?? []);
    if (kind === 'data') break;
    if (kind === 'numbered') numberedRow = r;
    if (kind === 'label') {
      // a label row after the numbered row is not header (it would be a data row with unreadable code)
      if (numberedRow !== null) break;
      labelRows.push(r);
    }
    headerRows = r + 1;
  }
  // trailing blank rows belong to the data
  while (headerRows > 0 && classifyRow(grid[headerRows - 1] ?? []) === 'empty' && numberedRow !== headerRows - 1) headerRows--;
  if (labelRows.length === 0 && numberedRow === null) headerRows = 0;
  return { headerRows, numberedRow, labelRows };
}

/** The label texts above column c, top to bottom, merged repeats removed. */
function columnLabels(grid: readonly (readonly string[])[], rows: readonly number[], c: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const t = cellText(grid[r]?.[c]);
    if (t !== '' && t !== out[out.length - 1]) out.push(t);
  }
  return out;
}

const ORDER: Record<ColumnKey, number> = Object.fromEntries(COLUMN_KEYS.map((k, i) => [k, i])) as Record<ColumnKey, number>;

interface Draft {
  col: number;
  labels: string[];
  kind: LabelKind;
  /** under a merged quarter-group header (প্রকৃত অর্জন / কোয়ার্টার ভিত্তিক অর্জন) */
  underGroup: boolean;
}

/**
 * Map a table's header to canonical columns. `inherit` is used for a piece without header rows (a continuation):
 * its columns take the inherited mapping when the column count agrees.
 */
export function mapHeader(table: Pick<Table, 'grid' | 'nCols'>, inherit?: HeaderMapping | null): HeaderMapping {
  const grid = table.grid;
  const nCols = table.nCols || Math.max(0, ...grid.map((r) => r.length));
  const { headerRows, numberedRow, labelRows } = detectHeaderRows(grid);
  if (labelRows.length === 0) {
    if (inherit && inherit.columns.length === nCols) return { ...inherit, headerRows, numberedRow };
    return emptyMapping(nCols, headerRows, numberedRow);
  }

  const drafts: Draft[] = [];
  for (let c = 0; c < nCols; c++) {
    const labels = columnLabels(grid, labelRows, c);
    const leaf = labels[labels.length - 1] ?? '';
    let kind = classifyLabel(leaf);
    if (kind.key === null && labels.length > 1) kind = classifyLabel(labels.join(' '));
    const underGroup = labels.length > 1 && labels.slice(0, -1).some(isQuarterGroupLabel);
    if (underGroup && (kind.key === null || (kind.key === 'total' && !hasWord(comparisonKey(leaf), 'মোট')))) {
      kind = { key: 'quarter', quarter: kind.quarter, confidence: 0.6, reason: 'under quarter group header' };
    }
    drafts.push({ col: c, labels, kind, underGroup });
  }
  markRepeatedGroupLeaves(drafts);

  const columns: ColumnMapping[] = drafts.map((d) => ({
    col: d.col,
    key: d.kind.key === 'quarter' ? null : d.kind.key,
    confidence: d.kind.key === 'quarter' ? 0 : d.kind.confidence,
    labels: d.labels,
    reason: d.kind.reason,
  }));
  numberQuarters(drafts, columns);
  resolveDuplicates(columns);
  fillByOrder(columns);

  const byKey: Partial<Record<ColumnKey, number>> = {};
  for (const m of columns) if (m.key) byKey[m.key] = m.col;
  return { headerRows, numberedRow, columns, byKey, format: detectFormat(byKey), confidence: mappingConfidence(columns, byKey) };
}

function emptyMapping(nCols: number, headerRows: number, numberedRow: number | null): HeaderMapping {
  const columns = Array.from({ length: nCols }, (_, col) => ({ col, key: null, confidence: 0, labels: [], reason: 'no header' }));
  return { headerRows, numberedRow, columns, byKey: {}, format: 'unknown', confidence: 0 };
}

/**
 * When the row under a merged "প্রকৃত অর্জন" lost its quarter labels, the merged text is the leaf of several
 * adjacent columns; those columns are the quarters, in order.
 */
function markRepeatedGroupLeaves(drafts: Draft[]): void {
  let i = 0;
  while (i < drafts.length) {
    const leaf = drafts[i]!.labels[drafts[i]!.labels.length - 1] ?? '';
    let j = i + 1;
    while (j < drafts.length && leaf !== '' && (drafts[j]!.labels[drafts[j]!.labels.length - 1] ?? '') === leaf) j++;
    if (j - i >= 2 && isQuarterGroupLabel(leaf)) {
      for (let k = i; k < j; k++) drafts[k]!.kind = { key: 'quarter', quarter: null, confidence: 0.5, reason: 'merged quarter group without sub-labels' };
    }
    i = j;
  }
}

/**
 * Quarter columns are consecutive and in fiscal order, so the run is numbered by position, anchored on the
 * ordinals the labels print (a noisy "১য়" or a missing ordinal does not break the order).
 */
function numberQuarters(drafts: readonly Draft[], columns: ColumnMapping[]): void {
  const runs: Draft[][] = [];
  for (const d of drafts) {
    if (d.kind.key !== 'quarter') continue;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1]!.col === d.col - 1) last.push(d);
    else runs.push([d]);
  }
  if (runs.length === 0) return;
  const run = runs.reduce((a, b) => (b.length > a.length ? b : a));
  const votes = new Map<number, number>();
  run.forEach((d, i) => {
    if (d.kind.quarter !== null) votes.set(d.kind.quarter - i, (votes.get(d.kind.quarter - i) ?? 0) + 1);
  });
  let offset = 1;
  let best = 0;
  for (const [o, n] of votes) if (n > best || (n === best && o === 1)) [offset, best] = [o, n];
  offset = Math.max(1, Math.min(offset, 5 - run.length));
  run.forEach((d, i) => {
    const q = offset + i;
    const m = columns[d.col]!;
    if (q < 1 || q > 4) return;
    m.key = QUARTER_KEYS[q - 1]!;
    if (d.kind.quarter === q) {
      m.confidence = d.kind.confidence;
      m.reason = `${d.kind.reason}; ordinal ${q}`;
    } else {
      m.confidence = Math.min(d.kind.confidence, d.kind.quarter === null ? 0.7 : 0.5);
      m.reason = `${d.kind.reason}; quarter order${d.kind.quarter === null ? '' : ` (label reads ${d.kind.quarter})`}`;
    }
  });
  // quarter-looking columns outside the main run stay unmapped: a second run is noise, not a fifth quarter
}

/** One column per key: the clearest label wins; of two score columns the weighted one (ওয়েটেড স্কোর). */
function resolveDuplicates(columns: ColumnMapping[]): void {
  const seen = new Map<ColumnKey, ColumnMapping>();
  for (const m of columns) {
    if (!m.key) continue;
    const prev = seen.get(m.key);
    if (!prev) {
      seen.set(m.key, m);
      continue;
    }
    const weighted = (x: ColumnMapping) => (m.key === 'score' && x.labels.some((l) => hasWord(comparisonKey(l), 'ওয়েট')) ? 1 : 0);
    const better = weighted(m) - weighted(prev) || m.confidence - prev.confidence;
    const loser = better > 0 ? prev : m;
    if (better > 0) seen.set(m.key, m);
    loser.reason = `${loser.reason}; duplicate ${loser.key}`;
    loser.key = null;
    loser.confidence = 0;
  }
  // "অর্জিত মান" with its র্জ lost ("অভিত মান") reads as a second মান (weight): a মান column to the right of the
  // achievements is the score earned, never the weight, which the layouts all print before the target
  const achieved = columns.filter((m) => m.key === 'total' || m.key?.startsWith('q')).map((m) => m.col);
  if (!seen.has('score') && achieved.length) {
    const lastAchieved = Math.max(...achieved);
    const lostWeight = columns.find((m) => m.key === null && m.reason.endsWith('duplicate weight') && m.col > lastAchieved);
    if (lostWeight) {
      lostWeight.key = 'score';
      lostWeight.confidence = 0.5;
      lostWeight.reason = `${lostWeight.reason}; a মান column after the achievements is the score`;
    }
  }
}

/**
 * An unreadable label between two mapped columns is the one key that fits between them in the canonical
 * order (seed 003's "শস্য মাত্রা" between the weight and the first quarter is the target).
 */
function fillByOrder(columns: ColumnMapping[]): void {
  const used = new Set(columns.map((m) => m.key).filter((k): k is ColumnKey => k !== null));
  for (let i = 0; i < columns.length; i++) {
    const m = columns[i]!;
    if (m.key !== null) continue;
    const left = columns.slice(0, i).reverse().find((x) => x.key !== null);
    const right = columns.slice(i + 1).find((x) => x.key !== null);
    const lo = left?.key ? ORDER[left.key] : -1;
    const hi = right?.key ? ORDER[right.key] : COLUMN_KEYS.length;
    const gapCols = (right ? right.col : columns.length) - (left ? left.col : -1) - 1;
    let candidates = COLUMN_KEYS.filter((k) => ORDER[k] > lo && ORDER[k] < hi && !used.has(k));
    if (gapCols > 1) {
      // several unreadable labels in a row (narrow "ত্রৈমাসিক" headers OCR as Latin garbage: "১ম Camis ক")
      // between a target or quarter and the total: when quarters are all that fits there, they are the
      // next quarters in order
      if (!right || !candidates.every((k) => k.startsWith('q')) || candidates.length < gapCols) continue;
      candidates.slice(0, gapCols).forEach((k, j) => {
        const g = columns[i + j]!;
        g.key = k;
        g.confidence = 0.4;
        g.reason = `${g.reason}; quarter order between ${left?.key ?? 'start'} and ${right.key}`;
        used.add(k);
      });
      i += gapCols - 1;
      continue;
    }
    // quarters are consecutive: an unlabelled column right after Qn is Qn+1
    if (candidates.length > 1 && candidates.every((k) => k.startsWith('q'))) {
      const next = left?.key?.startsWith('q') ? `q${Number(left.key.slice(1)) + 1}` : right?.key?.startsWith('q') ? `q${Number(right.key.slice(1)) - 1}` : null;
      candidates = candidates.filter((k) => k === next);
    }
    // a trailing unlabelled column is not the remarks column by elimination: too weak to name it
    if (candidates.length === 1 && right) {
      m.key = candidates[0]!;
      m.confidence = 0.4;
      m.reason = `${m.reason}; between ${left?.key ?? 'start'} and ${right?.key ?? 'end'}`;
      used.add(m.key);
    }
  }
}

/** A, B, C or D from the columns the header prints (see Annex5Format). */
export function detectFormat(byKey: Partial<Record<ColumnKey, number>>): Annex5Format {
  if (byKey.indicator === undefined) return 'unknown';
  const weight = byKey.weight !== undefined;
  const rate = byKey.rate !== undefined;
  const score = byKey.score !== undefined;
  if (!weight) return rate || score ? 'unknown' : 'A';
  if (rate && score) return 'C';
  if (rate) return 'B';
  if (score) return 'D';
  return 'unknown';
}

function mappingConfidence(columns: readonly ColumnMapping[], byKey: Partial<Record<ColumnKey, number>>): number {
  const mapped = columns.filter((m) => m.key !== null);
  if (mapped.length === 0) return 0;
  let c = mapped.reduce((s, m) => s + m.confidence, 0) / mapped.length;
  for (const k of ['indicator', 'unit', 'target'] as const) if (byKey[k] === undefined) c *= 0.7;
  if (!QUARTER_KEYS.some((k) => byKey[k] !== undefined)) c *= 0.7;
  return Math.round(c * 1000) / 1000;
}
