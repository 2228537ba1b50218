import type { OcrLine } from '../models/ocr.js';
import type { Table } from '../models/table.js';

/**
 * Rebuild a page's text in reading order, as a person reads it and as the eval truth is written:
 * text lines top to bottom, and each table in its place, row by row, its cells left to right joined by
 * TAB (a merged cell only in the first row it covers), a cell's own lines joined by a space.
 */
export function assemblePageText(lines: OcrLine[], tables: Table[]): string {
  type Item = { y: number; x: number; text: string };
  const items: Item[] = lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => ({ y: l.bbox.y0, x: l.bbox.x0, text: l.text.trim() }));
  for (const t of tables) {
    const rows: string[] = [];
    for (let r = 0; r < t.nRows; r++) {
      const cells = t.cells.filter((c) => c.r === r).sort((a, b) => a.c - b.c);
      if (cells.length === 0) continue;
      rows.push(cells.map((c) => c.text.replace(/\s*\n\s*/g, ' ').trim()).join('\t'));
    }
    items.push({ y: t.bbox.y0, x: t.bbox.x0, text: rows.join('\n') });
  }
  // lines whose tops are within a few pixels are one visual row: keep left before right
  items.sort((a, b) => (Math.abs(a.y - b.y) < 8 ? a.x - b.x : a.y - b.y));
  return items.map((i) => i.text).join('\n');
}

/** The page's reading-order text as lines, for classification and metadata extraction. */
export function pageLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
