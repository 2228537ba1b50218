import { stringify } from 'csv-stringify/sync';
import type { ResultTable } from './table.js';

/**
 * CSV with a UTF-8 byte-order mark: without it Excel reads the file as the ANSI code page and Bangla turns
 * to mojibake. CRLF line ends as RFC 4180 and Excel expect; empty cells for blanks.
 */
export function toCsv(t: ResultTable): string {
  return stringify(
    t.rows.map((r) => r.map((c) => (c == null ? '' : c))),
    { bom: true, header: true, columns: t.columns.map((c, i) => ({ key: String(i), header: c.header })), record_delimiter: 'windows', cast: { number: (n) => String(n) } },
  );
}
