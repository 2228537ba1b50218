import type { Box } from '../../models/geometry.js';
import type { Table, TableCell } from '../../models/table.js';

/** Column width and row height of the fake page grid: cell (r, c) sits at x = 100·c + 50, y = 40·r + 200. */
export const COL_W = 100;
export const ROW_H = 40;

export function cellBox(r: number, c: number, rowspan = 1, colspan = 1): Box {
  return { x0: 50 + c * COL_W, y0: 200 + r * ROW_H, x1: 50 + (c + colspan) * COL_W, y1: 200 + (r + rowspan) * ROW_H };
}

export interface Merge {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
}

/**
 * A Table as table reconstruction emits it: `rows` give each grid position's text, a merged cell's text in
 * its top-left position (the others are ignored); the grid repeats it in every position it covers.
 */
export function buildTable(rows: string[][], merges: Merge[] = [], opts: { index?: number; conf?: number } = {}): Table {
  const nRows = rows.length;
  const nCols = Math.max(...rows.map((r) => r.length));
  const owner: (Merge | null)[][] = Array.from({ length: nRows }, () => Array<Merge | null>(nCols).fill(null));
  for (const m of merges) for (let r = m.r; r < m.r + m.rowspan; r++) for (let c = m.c; c < m.c + m.colspan; c++) owner[r]![c] = m;
  const cells: TableCell[] = [];
  const grid: string[][] = Array.from({ length: nRows }, () => Array<string>(nCols).fill(''));
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const m = owner[r]![c];
      const top = m ? m.r === r && m.c === c : true;
      const text = m ? (rows[m.r]![m.c] ?? '') : (rows[r]![c] ?? '');
      grid[r]![c] = text;
      if (!top) continue;
      cells.push({
        r,
        c,
        rowspan: m?.rowspan ?? 1,
        colspan: m?.colspan ?? 1,
        text,
        conf: text ? (opts.conf ?? 92) : null,
        bbox: cellBox(r, c, m?.rowspan ?? 1, m?.colspan ?? 1),
      });
    }
  }
  return {
    index: opts.index ?? 0,
    bbox: { x0: 50, y0: 200, x1: 50 + nCols * COL_W, y1: 200 + nRows * ROW_H },
    nRows,
    nCols,
    role: 'unknown',
    cells,
    grid,
    rowLines: [],
    colLines: [],
  };
}
