import { INDICATOR_VALUE_FIELDS } from '../../models/indicator.js';
import type { Table, TableRole } from '../../models/table.js';

/**
 * The canonical Annex 5 columns. Every layout prints a subset of them under its own labels:
 * sl ক্র.নং · activity কার্যক্রম · indicator কর্মসম্পাদন সূচক · unit একক · weight কর্মসম্পাদন সূচকের মান ·
 * target বার্ষিক লক্ষ্যমাত্রা · q1..q4 ১ম…৪র্থ ত্রৈমাসিক/কোয়ার্টার · total মোট/প্রকৃত অর্জন ·
 * rate অর্জনের হার/শতাংশ · score অর্জিত মান/স্কোর · remarks মন্তব্য
 */
export const COLUMN_KEYS = ['sl', 'activity', 'indicator', ...INDICATOR_VALUE_FIELDS] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const QUARTER_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;
export type QuarterKey = (typeof QUARTER_KEYS)[number];

/**
 * The four Annex 5 layouts of the seeds:
 * - A: 2022-23 progress report without weights (…লক্ষ্যমাত্রা, ১ম…৪র্থ ত্রৈমাসিক, মোট অর্জন)
 * - B: with weights and % achieved (…সূচকের মান, …ত্রৈমাসিক অর্জন, প্রকৃত অর্জন, অর্জনের শতাংশ)
 * - C: 2023-24 self-assessment: merged "প্রকৃত অর্জন" over the quarters, মোট অর্জনের হার and a score column
 * - D: 2024-25: weights, merged "কোয়ার্টার ভিত্তিক অর্জন", অর্জিত মান, মন্তব্য and a numbered row ১…১৩
 */
export type Annex5Format = 'A' | 'B' | 'C' | 'D' | 'unknown';

export interface ColumnMapping {
  col: number;
  key: ColumnKey | null;
  /** 0–1: how clearly the header label names this key */
  confidence: number;
  /** the header texts above this column, top to bottom, merged repeats removed */
  labels: string[];
  /** why the key was chosen, for the reviewer ("label:মোট অর্জন", "quarter-order", "between weight and q1") */
  reason: string;
}

export interface HeaderMapping {
  /** rows 0..headerRows-1 of the table are header (labels and the numbered row) */
  headerRows: number;
  /** index of the numbered column row (১ ২ ৩ …) inside the header, null when absent */
  numberedRow: number | null;
  columns: ColumnMapping[];
  /** column index of each key found */
  byKey: Partial<Record<ColumnKey, number>>;
  format: Annex5Format;
  /** mean confidence of the mapped columns, lowered when core keys are missing */
  confidence: number;
}

/** One page's piece of a logical table. */
export interface TablePart {
  page: number;
  tableIndex: number;
  table: Table;
  /** rows of this piece that are header (0 for a continuation printed without a repeated header) */
  headerRows: number;
  /** the mapping that applies to this piece: its own header's, or the inherited one for a header-less continuation */
  mapping: HeaderMapping | null;
}

/** A table as the author wrote it: one or more page pieces joined across page breaks. */
export interface LogicalTable {
  role: TableRole;
  roleConfidence: number;
  format: Annex5Format;
  mapping: HeaderMapping | null;
  parts: TablePart[];
}

/** Tables of one page in reading order, as table reconstruction emits them. */
export interface PageTables {
  page: number;
  tables: Table[];
  /** page text around the tables, optional; helps tell the website-update page from a certificate's menu table */
  text?: string;
}
