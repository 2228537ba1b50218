import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/open.js';
import { coverage, flagRows, indicatorRows, listOffices, officeRows, runSelect } from '../../db/analysis.js';
import { catalogueEntryById, loadCatalogueLinks } from '../../models/catalogue-links.js';
import type { SubmissionResult } from '../../models/submission.js';
import { toCsv } from '../../src/exports/csv.js';
import { displayValue, withDigits, type ResultTable } from '../../src/exports/table.js';
import { displayWidth, formatTextTable, truncate } from '../../src/exports/text.js';
import { sheetName, writeXlsx } from '../../src/exports/xlsx.js';
import { INDICATOR_QUERY_FIELDS, catalogueTable, coverageTable, flagsTable, indicatorTable, officeTable, sqlTable } from '../../src/query/tables.js';
import { buildTruthDb } from './truthDb.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-export-'));
let db: Db;
let results: SubmissionResult[];
beforeAll(() => {
  ({ db, results } = buildTruthDb(path.join(tmp, 'truth.sqlite')));
});
afterAll(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const BOM = '\uFEFF';
const links = loadCatalogueLinks();
const data = { terminal: false };

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), to check what Excel would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('CSV', () => {
  it('starts with a UTF-8 BOM, ends lines with CRLF and quotes Bangla names with commas', () => {
    const t = coverageTable(coverage(db), data);
    const csv = toCsv(t);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(t.columns.map((c) => c.header));
    expect(rows).toHaveLength(1 + listOffices(db).length);
    const labels = rows.slice(1).map((r) => r[0]);
    expect(labels.some((l) => l!.includes(','))).toBe(true);
    expect(rows.slice(1).flatMap((r) => r.slice(2, -1)).filter((s) => s !== 'missing').sort()).toEqual(results.map(() => 'submitted'));
    expect(csv.split('\r\n').length).toBe(rows.length + 1);
  });

  it('writes indicator values as the query returned them, blanks as empty cells', () => {
    const rows = indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members }, { fields: INDICATOR_QUERY_FIELDS });
    const parsed = parseCsv(toCsv(indicatorTable(rows, links, data, 'efile-notes')).slice(1));
    const header = parsed[0]!;
    for (const row of rows) {
      const line = parsed.find((p) => p[header.indexOf('file')] === row.file)!;
      for (const f of ['q1', 'q2', 'q3', 'q4', 'total'] as const) {
        const v = row.fields[f]!.value;
        expect(line[header.indexOf(f)]).toBe(v == null ? '' : String(displayValue(v)));
      }
      expect(line[header.indexOf('catalogue')]).toBe('efile-notes');
      expect(line[header.indexOf('unit')]).toBe('%');
    }
  });

  it('prints Bangla digits when asked, but never in file names', () => {
    const t = withDigits(sqlTable(runSelect(db, "SELECT 'smp_001.pdf' AS file, 2023 AS n")), 'bn');
    expect(t.rows).toEqual([['smp_001.pdf', 2023]]);
    const rows = indicatorRows(db, { code: '1.1.1' }, { fields: INDICATOR_QUERY_FIELDS });
    const bn = withDigits(indicatorTable(rows, links, data, 'x'), 'bn');
    const header = bn.columns.map((c) => c.key);
    for (const r of bn.rows) {
      expect(String(r[header.indexOf('fiscalYear')])).toMatch(/^[০-৯]{4}-[০-৯]{2}$/);
      expect(String(r[header.indexOf('file')])).toMatch(/^smp_\d{3}\.pdf$/);
      expect(String(r[header.indexOf('code')])).toBe('১.১.১');
    }
    const csv = toCsv(bn);
    expect(csv).toContain('১.১.১');
    expect(csv).not.toMatch(/,1\.1\.1,/);
  });
});

describe('XLSX', () => {
  it('writes one sheet per query with typed cells, and --append adds a sheet to the same workbook', async () => {
    const file = path.join(tmp, 'report.xlsx');
    const cov = coverageTable(coverage(db), data);
    await writeXlsx(file, [cov]);
    const rows = indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members }, { fields: INDICATOR_QUERY_FIELDS });
    const ind = indicatorTable(rows, links, data, 'efile-notes');
    await writeXlsx(file, [ind], { append: true });
    await writeXlsx(file, [ind], { append: true });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['coverage', 'efile-notes']);
    const ws = wb.getWorksheet('efile-notes')!;
    expect(ws.rowCount).toBe(rows.length + 1);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(ind.columns.map((c) => c.header));
    expect(ws.getRow(1).font?.bold).toBe(true);
    const q1 = header.indexOf('q1') + 1;
    const fileCol = header.indexOf('file') + 1;
    for (let r = 2; r <= ws.rowCount; r++) {
      const src = rows.find((x) => x.file === ws.getRow(r).getCell(fileCol).value)!;
      const v = src.fields.q1!.value;
      // numbers stay numbers so Excel can sum them
      expect(ws.getRow(r).getCell(q1).value).toBe(v);
      if (typeof v === 'number') expect(typeof ws.getRow(r).getCell(q1).value).toBe('number');
    }
    const covSheet = wb.getWorksheet('coverage')!;
    expect(covSheet.rowCount).toBe(cov.rows.length + 1);

    // without --append the file is replaced
    await writeXlsx(file, [cov]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(file);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['coverage']);
  });

  it('writes Bangla digits as text when asked', async () => {
    const file = path.join(tmp, 'bn.xlsx');
    const rows = officeRows(db, { officeKeys: [listOffices(db)[0]!.key] });
    await writeXlsx(file, [withDigits(officeTable(rows, [listOffices(db)[0]!], links, data), 'bn')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const fy = ws.getRow(2).getCell(header.indexOf('fy') + 1).value;
    expect(fy).toMatch(/^[০-৯]{4}-[০-৯]{2}$/);
  });

  it('makes legal, unique sheet names', () => {
    expect(sheetName('a/b:c*d?[e]')).toBe('a-b-c-d--e-');
    expect([...sheetName('x'.repeat(40))]).toHaveLength(31);
    expect(sheetName('office ডুমুরিয়া, খুলনা')).toBe('office ডুমুরিয়া, খুলনা');
  });
});

describe('terminal table', () => {
  it('aligns Bangla columns by what the terminal draws, not by code points', () => {
    // ি (U+09BF) is a spacing sign (one column); ু (U+09C1), the virama and the nukta draw over the letter
    expect(displayWidth('কি')).toBe(2);
    expect(displayWidth('কু')).toBe(1);
    expect(displayWidth('ক্ষ')).toBe(2);
    expect(displayWidth('ডুমুরিয়া')).toBe([...'ডুমুরিয়া'].length - 3);
    const t: ResultTable = {
      name: 't',
      columns: [{ key: 'a', header: 'office' }, { key: 'b', header: 'n' }],
      rows: [
        ['ডুমুরিয়া, খুলনা', 1],
        ['বরিশাল', 10],
      ],
      notes: ['note'],
    };
    const lines = formatTextTable(t).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    // the number column ends at the same drawn column on every row
    const ends = [lines[2]!, lines[3]!].map((l) => displayWidth(l));
    expect(ends[0]).toBe(ends[1]);
    expect(lines[4]).toBe('note');
    expect(truncate('একটি উদ্ভাবনী ধারণা', 6)).toMatch(/…$/);
    expect(displayWidth(truncate('একটি উদ্ভাবনী ধারণা', 6))).toBeLessThanOrEqual(6);
    expect(formatTextTable({ ...t, rows: [], notes: [] })).toContain('(no rows)');
  });

  it('marks corrected values and coverage states compactly', () => {
    const cov = coverageTable(coverage(db), { terminal: true });
    const marks = new Set(cov.rows.flatMap((r) => r.slice(2, -1)));
    expect([...marks].sort()).toEqual(['ok', '·']);
    expect(cov.notes!.join('\n')).toMatch(/expected reports: \d+ submitted/);
    const flags = flagsTable(flagRows(db), { terminal: true });
    expect(flags.rows).toEqual([]);
    expect(catalogueTable(links).rows.length).toBe(links.entries.length);
  });
});

describe('JSON values', () => {
  it('shows every value shape readably', () => {
    expect(displayValue(null)).toBeNull();
    expect(displayValue(75)).toBe(75);
    expect(displayValue('2023-03-03')).toBe('2023-03-03');
    expect(displayValue({ count: 1, date: '2023-03-03' })).toBe('1 (2023-03-03)');
    expect(displayValue({ notApplicable: true })).toBe('n/a');
    expect(displayValue({ fiscalYear: '2022-23', quarter: 2 })).toBe('2022-23 Q2');
  });
});
