import { joinVisualLines } from '../text/lines.js';

/**
 * Expand cells into the nRows × nCols grid, a merged cell's text repeated in every position it covers.
 * A cell's visual lines are joined into its logical text (a word or date broken by the cell's width is
 * rejoined), as the eval truth's grid is written. The table stage, the database loader and the export all build
 * grids here, so a fresh ingest and a rebuild from stored OCR read the same cell text.
 */
export function cellsToGrid(nRows: number, nCols: number, cells: { r: number; c: number; rowspan: number; colspan: number; text: string }[]): string[][] {
  const grid = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => ''));
  for (const cell of cells) {
    const text = joinVisualLines(cell.text.split('\n'));
    for (let r = cell.r; r < Math.min(nRows, cell.r + cell.rowspan); r++) {
      for (let c = cell.c; c < Math.min(nCols, cell.c + cell.colspan); c++) grid[r]![c] = text;
    }
  }
  return grid;
}
