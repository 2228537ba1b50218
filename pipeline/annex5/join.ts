/**
 * Tables continued across a page break become one logical table: the piece on the next page is the first
 * table there, has the same columns, and either prints no header (it starts with data) or repeats the
 * header while its numbering carries on. Each piece keeps its page, so every row stays traceable.
 */
import type { Table, TableRole } from '../../models/table.js';
import { canonicalText, similarity, toAsciiDigits } from '../normalise/index.js';
import { mapHeader } from './header.js';
import { findIndicatorCodes } from './codes.js';
import { classifyTableRole } from './role.js';
import type { HeaderMapping, LogicalTable, PageTables, TablePart } from './types.js';

interface Piece {
  page: number;
  tableIndex: number;
  isFirstOnPage: boolean;
  isLastOnPage: boolean;
  table: Table;
  role: TableRole;
  roleConfidence: number;
  mapping: HeaderMapping | null;
}

function rowText(row: readonly string[] | undefined): string {
  return (row ?? []).map((c) => canonicalText(c ?? '', { singleLine: true })).join(' ');
}

/** Serial number printed in the first column of a row ("০৪।" → 4), null when there is none. */
function serialOf(row: readonly string[] | undefined): number | null {
  const a = toAsciiDigits(canonicalText(row?.[0] ?? '', { singleLine: true })).replace(/[.।)]+$/u, '').trim();
  return /^\d{1,3}$/.test(a) ? Number(a) : null;
}

function codeRank(code: string): number {
  return code.split('.').reduce((acc, p) => acc * 100 + Number(p), 0);
}

/** Header rows of a piece: the Annex 5 mapper's count, or for other tables a first row repeating the first piece's. */
function pieceHeaderRows(piece: Piece, first: Piece): number {
  if (first.role === 'annex5') return mapHeader(piece.table).headerRows;
  const sim = similarity(rowText(piece.table.grid[0]), rowText(first.table.grid[0]));
  return sim >= 0.75 ? 1 : 0;
}

/**
 * Does `next` carry on `prev`, or start a new table? A new table restarts its numbering: serial ১ / ০১, or
 * for Annex 5 the plan's first indicator again ([১.১.১]). Anything else (including numbers OCR garbled) is
 * taken as a continuation, since the piece already sits at the page break with the same columns.
 */
function numberingContinues(prev: Piece, prevHeaderRows: number, next: Piece, nextHeaderRows: number): boolean {
  const prevRows = prev.table.grid.slice(prevHeaderRows);
  const nextRows = next.table.grid.slice(nextHeaderRows);
  if (prev.role === 'annex5' || next.role === 'annex5') {
    const lastCode = [...prevRows].reverse().flatMap((r) => r.flatMap((c) => findIndicatorCodes(c ?? '')))[0];
    const firstCode = nextRows.flatMap((r) => r.flatMap((c) => findIndicatorCodes(c ?? '')))[0];
    if (lastCode && firstCode) return !(firstCode.startsWith('1.') && codeRank(firstCode) <= codeRank(lastCode));
  }
  const lastSerial = [...prevRows].reverse().map(serialOf).find((s) => s !== null);
  const firstSerial = nextRows.map(serialOf).find((s) => s !== null);
  if (lastSerial != null && firstSerial != null) return !(firstSerial === 1 && lastSerial >= 1);
  return true;
}

/** True when the piece's first row alone is the header of another kind of table (a new table starts). */
function headedAs(table: Table, role: TableRole): boolean {
  const own = classifyTableRole({ grid: table.grid.slice(0, 1) });
  return own.role !== 'unknown' && own.role !== role;
}

function toPieces(pages: readonly PageTables[]): Piece[] {
  const sorted = [...pages].sort((a, b) => a.page - b.page);
  const out: Piece[] = [];
  for (const p of sorted) {
    const tables = [...p.tables].sort((a, b) => a.index - b.index);
    tables.forEach((table, i) => {
      const role = classifyTableRole(table, p.text === undefined ? {} : { pageText: p.text });
      out.push({
        page: p.page,
        tableIndex: table.index,
        isFirstOnPage: i === 0,
        isLastOnPage: i === tables.length - 1,
        table,
        role: role.role,
        roleConfidence: role.confidence,
        mapping: role.role === 'annex5' ? mapHeader(table) : null,
      });
    });
  }
  return out;
}

/** Join the tables of a submission's pages (in any order) into logical tables, in reading order. */
export function joinTables(pages: readonly PageTables[]): LogicalTable[] {
  const logical: LogicalTable[] = [];
  let open: { lt: LogicalTable; first: Piece; last: Piece; lastHeaderRows: number } | null = null;

  for (const piece of toPieces(pages)) {
    if (open) {
      const { first, last } = open;
      const adjacent = piece.isFirstOnPage && last.isLastOnPage && piece.page === last.page + 1;
      const sameShape = piece.table.nCols === first.table.nCols;
      if (adjacent && sameShape) {
        const headerRows = pieceHeaderRows(piece, first);
        const roleAgrees = piece.role === first.role || piece.role === 'unknown' || (headerRows === 0 && !headedAs(piece.table, first.role));
        if (roleAgrees && numberingContinues(last, open.lastHeaderRows, piece, headerRows)) {
          const inherited = open.lt.mapping;
          const mapping = first.role === 'annex5' ? (headerRows === 0 ? mapHeader(piece.table, inherited) : mapHeader(piece.table)) : null;
          open.lt.parts.push(part(piece, headerRows, mapping && mapping.format === 'unknown' && inherited ? { ...inherited, headerRows } : mapping));
          open.last = piece;
          open.lastHeaderRows = headerRows;
          continue;
        }
      }
    }
    const headerRows = piece.mapping ? piece.mapping.headerRows : piece.role === 'unknown' ? 0 : 1;
    const lt: LogicalTable = {
      role: piece.role,
      roleConfidence: piece.roleConfidence,
      format: piece.mapping?.format ?? 'unknown',
      mapping: piece.mapping,
      parts: [part(piece, headerRows, piece.mapping)],
    };
    logical.push(lt);
    open = { lt, first: piece, last: piece, lastHeaderRows: headerRows };
  }
  return logical;
}

function part(piece: Piece, headerRows: number, mapping: HeaderMapping | null): TablePart {
  return { page: piece.page, tableIndex: piece.tableIndex, table: piece.table, headerRows, mapping };
}
