import { joinVisualLines } from '../text/lines.js';

/**
 * Expand cells into the nRows × nCols grid, a merged cell's text repeated in every position it covers.
 * A cell's visual lines are joined into its logical text (a word or date broken by the cell's width is
 * rejoined), as the eval truth's grid is written. The table stage, the database loader and the export all build
 * grids here, so a fresh ingest and a rebuild from stored OCR read the same cell text.
 */
export function cellsToGrid<C extends { r: number; c: number; rowspan: number; colspan: number; text: string }>(
  nRows: number,
  nCols: number,
  cells: readonly C[],
  /** a spelling repair of the joined text (Annex 5 tables), given the cell it comes from */
  repair?: (text: string, cell: C) => string,
): string[][] {
  const grid = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => ''));
  for (const cell of cells) {
    const joined = joinVisualLines(cell.text.split('\n'));
    const text = repair ? repair(joined, cell) : joined;
    for (let r = cell.r; r < Math.min(nRows, cell.r + cell.rowspan); r++) {
      for (let c = cell.c; c < Math.min(nCols, cell.c + cell.colspan); c++) grid[r]![c] = text;
    }
  }
  return grid;
}
