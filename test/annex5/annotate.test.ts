import { describe, expect, it } from 'vitest';
import { annotateTables, extractSubmissionIndicators, fillColumnNumbers, splitMergedNumbers } from '../../pipeline/annex5/index.js';
import { alignLeadingCode } from '../../pipeline/annex5/codes.js';
import { buildTable } from './build.js';
import { D_HEADER_MERGES, D_ROWS_PAGE1, D_ROWS_PAGE2, HEADER_D_SUB, HEADER_D_TOP, NUMBERED_D } from './layouts.js';

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

describe('extractSubmissionIndicators: grid codes follow the records', () => {
  it('writes the settled indicator and activity codes over misread ones, in the grid and the record, not in the cells', () => {
    const row = [...D_ROWS_PAGE1[0]!];
    row[1] = row[1]!.replace('[১.১]', '[৬.১]');
    row[2] = row[2]!.replace('[১.১.১]', '[৬.১]'); // a level-2 reading of the indicator code: derived from the wording
    const table = buildTable([HEADER_D_TOP, HEADER_D_SUB, NUMBERED_D, row, D_ROWS_PAGE1[1]!], D_HEADER_MERGES);
    const page = { page: 2, text: '', tables: [table] };
    annotateTables([page]);
    const [first, second] = extractSubmissionIndicators([page], { fiscalYear: '2024-25', quarter: 2 });
    expect(first!.indicatorCode).toBe('1.1.1');
    expect(first!.activityCode).toBe('1.1');
    expect(first!.flags.map((f) => f.rule)).toEqual(expect.arrayContaining(['indicator-code', 'activity-code']));
    expect(table.grid[3]![2]).toMatch(/^\[১\.১\.১\] সেবা\/অফিস/);
    expect(table.grid[3]![1]).toMatch(/^\[১\.১\] সেবা সহজিকরণ/);
    expect(first!.indicator).toMatch(/^\[১\.১\.১\]/);
    expect(table.cells.find((c) => c.r === 3 && c.c === 2)!.text).toMatch(/^\[৬\.১\]/);
    // a row read right is untouched
    expect(second!.flags.map((f) => f.rule)).not.toContain('activity-code');
    expect(table.grid[4]![2]).toBe(D_ROWS_PAGE1[1]![2]);
  });

  it('keeps a printed activity code when the plan does not know the indicator', () => {
    const row = [...D_ROWS_PAGE1[1]!];
    row[2] = row[2]!.replace('[৪.১.১]', '[৯.৯.১]');
    const table = buildTable([HEADER_D_TOP, HEADER_D_SUB, NUMBERED_D, row], D_HEADER_MERGES);
    const page = { page: 2, text: '', tables: [table] };
    annotateTables([page]);
    const [rec] = extractSubmissionIndicators([page], { fiscalYear: '2024-25', quarter: 2 });
    expect(rec!.activityCode).toBe('4.1');
    expect(table.grid[3]![1]).toBe(D_ROWS_PAGE1[1]![1]);
  });
});

describe('extractSubmissionIndicators: repaired values in the grid', () => {
  it('prints values the normalisation library repaired in the cell’s style, and a restored score', () => {
    const dateRow = [...D_ROWS_PAGE1[1]!];
    dateRow[6] = '২৮/০৮২০২৪'; // q1: a lost separator
    const percentRow = [...D_ROWS_PAGE2[0]!];
    percentRow[0] = '০৪';
    percentRow[1] = '[৪.১] ই-নথির ব্যবহার বৃদ্ধি';
    percentRow[5] = '১০০%০'; // target: a speck after the sign
    percentRow[11] = '৭৪৪'; // score: the decimal point of ৭.৪৪ lost (weight ৮)
    const table = buildTable([HEADER_D_TOP, HEADER_D_SUB, NUMBERED_D, dateRow, percentRow], D_HEADER_MERGES);
    const page = { page: 2, text: '', tables: [table] };
    annotateTables([page]);
    const [d, p] = extractSubmissionIndicators([page], { fiscalYear: '2024-25', quarter: 2 });
    expect(d!.q1.value).toBe('2024-08-28');
    expect(table.grid[3]![6]).toBe('২৮/০৮/২০২৪');
    expect(p!.target.value).toBe(100);
    expect(table.grid[4]![5]).toBe('১০০%');
    expect(p!.score.value).toBe(7.44);
    expect(table.grid[4]![11]).toBe('৭.৪৪');
    // values read as printed are untouched, and the cells keep the OCR text
    expect(table.grid[3]![5]).toBe(D_ROWS_PAGE1[1]![5]);
    expect(table.cells.find((c) => c.r === 4 && c.c === 5)!.text).toBe('১০০%০');
  });
});

describe('alignLeadingCode', () => {
  it('sets the code a cell starts with, however OCR garbled it', () => {
    expect(alignLeadingCode('[৬.১] সেবা', '1.1.1')).toBe('[১.১.১] সেবা');
    expect(alignLeadingCode('(৫.১.১] তথ্য', '5.1.1')).toBe('[৫.১.১] তথ্য');
    expect(alignLeadingCode('[ডা স্মার্ট বাংলাদেশ', '6.1')).toBe('[৬.১] স্মার্ট বাংলাদেশ');
    expect(alignLeadingCode('৪.১.১] ই-ফাইলে', '4.1.1')).toBe('[৪.১.১] ই-ফাইলে');
    expect(alignLeadingCode('[8.5.5] ই-ফাইলে', '4.1.1')).toBe('[৪.১.১] ই-ফাইলে');
  });

  it('leaves a right code and a cell that does not start with a code', () => {
    expect(alignLeadingCode('[৪.১.১] ই-ফাইলে', '4.1.1')).toBe('[৪.১.১] ই-ফাইলে');
    expect(alignLeadingCode('সেবা/অফিস ব্যবস্থাপনা ১.১.১] সহজিকরণ', '1.1.1')).toBe('সেবা/অফিস ব্যবস্থাপনা ১.১.১] সহজিকরণ');
    expect(alignLeadingCode('ই-ফাইলে নোট', '4.1.2')).toBe('ই-ফাইলে নোট');
    expect(alignLeadingCode('২৮/০৮/২৪', '4.1.2')).toBe('২৮/০৮/২৪');
  });
});

describe('splitMergedNumbers', () => {
  it('gives each column its number when a lost rule merged two column numbers', () => {
    const row = ['১', '২', '৩', '৪ । ৫', '৪ । ৫', '৬'];
    splitMergedNumbers(row);
    expect(row).toEqual(['১', '২', '৩', '৪', '৫', '৬']);
  });

  it('leaves cells whose numbers do not fit the span', () => {
    for (const original of [
      ['১', '২ ৪', '২ ৪', '৫'],
      ['১', '২', '২', '৩'],
      ['১', '২ ৩ ৪', '২ ৩ ৪', '৫'],
    ]) {
      const row = [...original];
      splitMergedNumbers(row);
      expect(row).toEqual(original);
    }
  });
});

describe('fillColumnNumbers', () => {
  it('fills a column number read as nothing between two that agree, or as a stray mark beside one', () => {
    const row = ['১', '২', '৩', '৪', '[', '৬', '', '', '৯'];
    fillColumnNumbers(row);
    // ৭ sits between ৬ and an empty cell: only ৫ (a mark beside ৪) is set, ৮ is not bracketed either
    expect(row).toEqual(['১', '২', '৩', '৪', '৫', '৬', '', '', '৯']);
    const one = ['১', '২', '', '৪', '৫'];
    fillColumnNumbers(one);
    expect(one).toEqual(['১', '২', '৩', '৪', '৫']);
  });

  it('leaves a row that does not count its columns, and words', () => {
    for (const original of [
      ['১', '', '৭', 'মোট'],
      ['', 'কার্যক্রম', '', ''],
      ['১', '২', '৩', 'মান'],
    ]) {
      const row = [...original];
      fillColumnNumbers(row);
      expect(row).toEqual(original);
    }
  });
});
