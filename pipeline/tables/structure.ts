import type { Box } from '../../models/geometry.js';

/**
 * One cell of a detected grid, before any OCR. r/c index the finest grid; a merged cell spans rowspan × colspan
 * grid positions because the rules between them are absent.
 */
export interface StructureCell {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  /** page box between the rule centre lines around the cell (axis-aligned hull when the table is slightly skewed) */
  bbox: Box;
}

/**
 * The ruled grid of one table on an upright page. Rule positions are page pixels measured through the table's
 * centre; `slope` carries the residual skew so a rule can be followed across the whole table.
 */
export interface TableStructure {
  bbox: Box;
  nRows: number;
  nCols: number;
  /** y of each horizontal rule at x = centre.x, top to bottom (nRows + 1 values) */
  rowLines: number[];
  /** x of each vertical rule at y = centre.y, left to right (nCols + 1 values) */
  colLines: number[];
  /** dy/dx of the horizontal rules (vertical rules follow x = colLine − slope·(y − centre.y)) */
  slope: number;
  centre: { x: number; y: number };
  /** typical rule thickness in pixels */
  ruleThickness: number;
  /** hRules[i][j]: horizontal rule i is drawn across column j (i in 0..nRows, j in 0..nCols-1) */
  hRules: boolean[][];
  /** vRules[j][i]: vertical rule j is drawn along row i (j in 0..nCols, i in 0..nRows-1) */
  vRules: boolean[][];
  /** cells in row-major order of their top-left grid position; every grid position is covered exactly once */
  cells: StructureCell[];
}
