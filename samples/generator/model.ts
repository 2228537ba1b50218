/**
 * The layout model: what a page says, before it is set in a font at a resolution. One model feeds both the
 * drawing and the truth text, so the truth cannot drift from the pixels.
 */
import type { FontId } from './fonts.js';

export type Align = 'left' | 'center' | 'right';
export type Orientation = 'portrait' | 'landscape';
export type Section = 'letter' | 'minutes' | 'annex5' | 'certificate' | 'other';
export type Subtype =
  | 'cover_letter'
  | 'notice'
  | 'office_order'
  | 'attendance'
  | 'minutes_body'
  | 'annex5'
  | 'certificate'
  | 'website_update_table'
  | 'innovation_db_table'
  | 'cover_page'
  // documents that are none of the submission's kinds (other/documents.ts)
  | 'faq_table'
  | 'budget_table'
  | 'gazette_page'
  | 'prose_page'
  | 'circular'
  // pages in mixed script (mixed/documents.ts)
  | 'egov_activity_table'
  | 'contact_table'
  | 'english_table';
/** 'other': a table of a document that is none of the submission's kinds (FAQ, budget; samples/generator/other/) */
export type TableRole = 'annex5' | 'attendance' | 'decisions' | 'committee' | 'website' | 'menu_updates' | 'innovation_db' | 'other';
export type AnnexFormat = 'A' | 'B' | 'C' | 'D';

export interface TextStyle {
  /** points */
  size: number;
  bold?: boolean;
  align?: Align;
  underline?: boolean;
  /** line pitch as a multiple of the font size; default 1.55 (Bangla marks reach far above and below) */
  leading?: number;
}

/** Horizontal band of the text area a block is set in, as fractions of the text width. */
export interface Band {
  from: number;
  to: number;
}

/** A paragraph: wrapped at the band's width; an optional hanging label ("বিষয়:") sits left of every line. */
export interface ParaBlock {
  kind: 'para';
  text: string;
  style: TextStyle;
  band?: Band;
  label?: string;
  /** first-line indent in mm */
  indentMm?: number;
  spaceBeforeMm?: number;
  spaceAfterMm?: number;
  /** never starts a page alone: the paginator carries the end of the table before it along */
  keepWithPrevious?: boolean;
}

/** Left lines and right lines on the same band of height (স্মারক নং … | তারিখ …). */
export interface PairBlock {
  kind: 'pair';
  left: string[];
  right: string[];
  style: TextStyle;
  spaceAfterMm?: number;
}

/** Signature block: lines centred in a column at the right; a signature (and maybe a seal) is drawn over it. */
export interface SignBlock {
  kind: 'sign';
  lines: string[];
  style: TextStyle;
  band?: Band;
  signature: boolean;
  /** text of the round seal stamped beside the signature (outer arc, lower arc, centre), or null */
  seal: string[] | null;
  spaceBeforeMm?: number;
  spaceAfterMm?: number;
  keepWithPrevious?: boolean;
}

export interface RuleBlock {
  kind: 'rule';
  spaceAfterMm?: number;
}

export interface SpaceBlock {
  kind: 'space';
  mm: number;
}

export interface TableBlock {
  kind: 'table';
  table: TableSpec;
  spaceBeforeMm?: number;
  spaceAfterMm?: number;
}

export type Block = ParaBlock | PairBlock | SignBlock | RuleBlock | SpaceBlock | TableBlock;

export interface CellSpec {
  r: number;
  c: number;
  rowspan?: number;
  colspan?: number;
  /** logical text; "\n" is an explicit line break */
  text: string;
  header?: boolean;
  align?: Align;
  bold?: boolean;
  /** a handwritten signature is drawn in this cell (attendance sheets) */
  signature?: boolean;
}

export type FieldKey = 'unit' | 'weight' | 'target' | 'q1' | 'q2' | 'q3' | 'q4' | 'total' | 'rate' | 'score' | 'remarks';
export type FieldValue = string | number | null | { count: number; date: string } | { notApplicable: true };
export interface Field {
  raw: string | null;
  value: FieldValue;
  /** false when the format has no such column */
  printed?: false;
}

export interface IndicatorTruth {
  activityCode: string;
  indicatorCode: string;
  row: number;
  activity: string;
  indicator: string;
  unit: Field;
  weight: Field;
  target: Field;
  q1: Field;
  q2: Field;
  q3: Field;
  q4: Field;
  total: Field;
  rate?: Field;
  score?: Field;
  remarks?: Field;
}

export interface TableSpec {
  role: TableRole;
  format: AnnexFormat | null;
  columnKeys: string[] | null;
  continuation: boolean;
  continues: boolean;
  nRows: number;
  nCols: number;
  headerRows: number;
  /** relative column widths */
  colWidths: number[];
  /** fraction of the text width the table takes (centred); default 1 */
  widthFrac?: number;
  cells: CellSpec[];
  /** points */
  fontSize: number;
  indicators?: IndicatorTruth[];
  /** ruling: pixel width at 300 dpi and how many segments come out faint or broken */
  rule?: { widthPx300: number; faint: number; broken: number };
}

export interface PageSpec {
  section: Section;
  subtype: Subtype;
  orientation: Orientation;
  font: FontId;
  blocks: Block[];
  certificateIndicator?: string;
  /** margins in mm: top, right, bottom, left */
  margins?: [number, number, number, number];
  /** paper size in mm when not A4 (small test images) */
  sizeMm?: { w: number; h: number };
}
