/**
 * The one shape every query result takes on its way out: named columns and rows of plain cells, which the
 * terminal table, CSV, XLSX and JSON writers all read. Bangla digits are a presentation choice made here,
 * once, with the project's one digit map.
 */
import { toBanglaDigits } from '../../pipeline/normalise/index.js';
import type { CellValue } from '../../models/value.js';

export type Cell = string | number | null;

export interface Column {
  key: string;
  header: string;
  /** right-aligned in the terminal, a number cell in XLSX */
  numeric?: boolean;
  /** never re-digited or shortened: file names, paths, SQL results */
  verbatim?: boolean;
  /** the terminal table cuts longer text with "…" */
  maxWidth?: number;
}

export interface ResultTable {
  /** sheet name in XLSX, title above the terminal table */
  name: string;
  columns: Column[];
  rows: Cell[][];
  /** lines printed under the terminal table (legend, hints); not part of CSV/XLSX data */
  notes?: string[];
}

export type Digits = 'ascii' | 'bn';

/**
 * Bangla digits in every cell that is not verbatim; numbers become Bangla-digit text, because no
 * spreadsheet number format prints ০–৯. ASCII leaves the table as it is.
 */
export function withDigits(t: ResultTable, digits: Digits): ResultTable {
  if (digits === 'ascii') return t;
  return {
    ...t,
    rows: t.rows.map((r) =>
      r.map((c, i) => {
        if (c == null || t.columns[i]?.verbatim) return c;
        return toBanglaDigits(String(c));
      }),
    ),
  };
}

/**
 * One normalised cell value as a table cell: numbers stay numbers, {count, date} reads "1 (2023-03-03)",
 * প্রযোজ্য নয় reads "n/a", a period "2022-23 Q2"; blank and "-" are empty.
 */
export function displayValue(v: CellValue): Cell {
  if (v == null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if ('notApplicable' in v) return 'n/a';
  if ('count' in v) return `${v.count} (${v.date})`;
  return v.quarter == null ? v.fiscalYear : `${v.fiscalYear} Q${v.quarter}`;
}

/** The unit as analysts read it: "%" for percent rows. */
export function displayUnit(v: CellValue): Cell {
  if (v === 'percent') return '%';
  return displayValue(v);
}
