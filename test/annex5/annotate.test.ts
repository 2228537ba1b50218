import { describe, expect, it } from 'vitest';
import { annotateTables } from '../../pipeline/annex5/index.js';
import { buildTable } from './build.js';
import { D_HEADER_MERGES, D_ROWS_PAGE1, HEADER_D_SUB, HEADER_D_TOP, NUMBERED_D } from './layouts.js';

describe('annotateTables: the Annex 5 grid the document stage reads', () => {
  it('sets quarter ordinals from the mapping, drops specks after lone figures in value columns, keeps the serial style', () => {
    const sub = [...HEADER_D_SUB];
    sub[8] = 'তয় কোয়াটার জানুয়ারি- মার্চ/২০২৫'; // OCR of ৩য়
    const numbered = [...NUMBERED_D];
    numbered[0] = '১.';
    const row = [...D_ROWS_PAGE1[1]!];
    row[0] = '০৪.'; // a serial printed with its dot stays
    row[4] = '২.'; // the weight: a speck
    const table = buildTable([HEADER_D_TOP, sub, numbered, D_ROWS_PAGE1[0]!, row], D_HEADER_MERGES);
    // the table stage's cells carry what OCR read; annotateTables rebuilds the grid from them
    const page = { page: 2, text: '', tables: [table] };
    annotateTables([page]);
    expect(table.role).toBe('annex5');
    expect(table.grid[1]![8]).toBe('৩য় কোয়াটার জানুয়ারি-মার্চ/২০২৫');
    expect(table.grid[2]![0]).toBe('১');
    expect(table.grid[4]![4]).toBe('২');
    expect(table.grid[4]![0]).toBe('০৪.');
    // the cells keep the OCR text
    expect(table.cells.find((c) => c.r === 4 && c.c === 4)!.text).toBe('২.');
  });
});
