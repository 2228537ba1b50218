/**
 * XLSX through exceljs (MIT, maintained; the `xlsx` package on npm is frozen with known CVEs). One sheet
 * per query: a workbook can collect several queries, and writing a query into an existing workbook
 * replaces only the sheet of the same name.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { displayWidth } from './text.js';
import type { ResultTable } from './table.js';

/** Excel's rules: ≤ 31 characters, none of []:*?/\ , unique in the workbook (case-insensitive). */
export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim() || 'query';
  return [...clean].slice(0, 31).join('');
}

/** Add `t` as a sheet (replacing a sheet of the same name): bold frozen header, filters, fitted widths. */
export function addSheet(wb: ExcelJS.Workbook, t: ResultTable): ExcelJS.Worksheet {
  const name = sheetName(t.name);
  const old = wb.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: Math.min(60, Math.max(6, displayWidth(c.header), ...t.rows.slice(0, 500).map((r) => displayWidth(String(r[i] ?? '')))) + 2),
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map((c) => (c == null ? null : c)));
  if (t.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, t.rows.length + 1), column: t.columns.length } };
  return ws;
}

/** A workbook holding the given query results, one sheet each. */
export function workbookOf(tables: readonly ResultTable[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'apa-ocr';
  for (const t of tables) addSheet(wb, t);
  return wb;
}

/**
 * Write the tables to `file`. With `append` and an existing file, its other sheets are kept, so
 * `query coverage … --out r.xlsx` then `query flags … --out r.xlsx --append` gives one workbook.
 */
export async function writeXlsx(file: string, tables: readonly ResultTable[], opts: { append?: boolean } = {}): Promise<void> {
  let wb: ExcelJS.Workbook;
  if (opts.append && fs.existsSync(file)) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const t of tables) addSheet(wb, t);
  } else wb = workbookOf(tables);
  await wb.xlsx.writeFile(file);
}
