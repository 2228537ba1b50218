import { describe, expect, it } from 'vitest';
import { classifyLabel, detectHeaderRows, isNumberedRow, mapHeader, quarterOrdinal } from '../../pipeline/annex5/index.js';
import { buildTable } from './build.js';
import { D_HEADER_MERGES, HEADER_A, HEADER_B, HEADER_D_SUB, HEADER_D_TOP, NUMBERED_D, tableA, tableB, tableC, tableD } from './layouts.js';

const keysOf = (t: ReturnType<typeof mapHeader>) => t.columns.map((c) => c.key);

describe('classifyLabel', () => {
  it.each([
    ['ক্র.নং', 'sl'],
    ['ক্রমিক নং', 'sl'],
    ['ক্রমং', 'sl'], // seed 004 OCR
    ['কার্যক্রম', 'activity'],
    ['কর্মসম্পাদন সূচক', 'indicator'],
    ['কর্ম সম্পাদন সূচক', 'indicator'], // seed 003 OCR
    ['একক', 'unit'],
    ['কর্মসম্পাদন সূচকের মান', 'weight'],
    ['কর্মসম্পাদন সূচকের মা', 'weight'], // short মান lost to OCR; the genitive সূচকের still names the weight
    ['বার্ষিক লক্ষ্যমাত্রা', 'target'],
    ['লক্ষ্যমাত্রা ২০২২-২৩', 'target'],
    ['শস্য মাত্রা', 'target'], // seed 003 OCR of লক্ষ্যমাত্রা
    ['মোট অর্জন', 'total'],
    ['০৬ মাসের মোট অর্জন', 'total'], // seed 001
    ['প্রকৃত অর্জন', 'total'],
    ['অর্জনের হার', 'rate'],
    ['মোট অর্জনের হার', 'rate'],
    ['অর্জনের শতাংশ', 'rate'],
    ['%', 'rate'],
    ['অর্জিত মান', 'score'],
    ['প্রাপ্ত নম্বর', 'score'],
    ['প্রাপ্ত মান', 'score'],
    ['খসড়া ক্রোর', 'score'], // seed 004 OCR of খসড়া স্কোর
    ['মন্তব্য', 'remarks'],
    ['১ম ত্রৈমাসিক', 'quarter'],
    ['৪য় ত্রৈমাসিক অর্জন', 'quarter'], // seed 003 OCR of ৪র্থ
    ['২য় কোয়াটার অক্টোবর- ডিসেম্বর/২ ০২৪', 'quarter'],
  ])('%s → %s', (label, key) => {
    expect(classifyLabel(label).key).toBe(key);
  });

  it('leaves unrelated text unmapped', () => {
    expect(classifyLabel('স্বাক্ষর').key).toBeNull();
    expect(classifyLabel('').key).toBeNull();
  });
});

describe('quarterOrdinal', () => {
  it('reads the digit of noisy ordinals and the word forms', () => {
    expect(quarterOrdinal('১য় ত্রৈমাসিক অর্জন')).toBe(1);
    expect(quarterOrdinal('৪য় ত্রৈমাসিক অর্জন')).toBe(4);
    expect(quarterOrdinal('৪র্থ কোয়ার্টার')).toBe(4);
    expect(quarterOrdinal('তৃতীয় ত্রৈমাসিক')).toBe(3);
    expect(quarterOrdinal('১২ মাসের মোট অর্জন')).toBeNull();
    expect(quarterOrdinal('বার্ষিক লক্ষ্যমাত্রা ২০২৩-২৪')).toBeNull();
  });
});

describe('detectHeaderRows', () => {
  it('finds one label row in layout A', () => {
    expect(detectHeaderRows(tableA().grid)).toMatchObject({ headerRows: 1, numberedRow: null });
  });
  it('finds two label rows and the numbered row in layout D', () => {
    expect(detectHeaderRows(tableD().grid)).toMatchObject({ headerRows: 3, numberedRow: 2, labelRows: [0, 1] });
  });
  it('takes seed 004’s partly read numbered row as header', () => {
    expect(detectHeaderRows(tableC().grid)).toMatchObject({ headerRows: 3, numberedRow: 2 });
  });
  it('keeps the numbered row when OCR misread or lost a few of its numbers', () => {
    const noisy = [...NUMBERED_D];
    noisy[0] = '৯';
    noisy[7] = '';
    noisy[11] = 'ss';
    const t = buildTable([HEADER_D_TOP, HEADER_D_SUB, noisy, ...tableD().grid.slice(3)]);
    expect(detectHeaderRows(t.grid)).toMatchObject({ headerRows: 3, numberedRow: 2 });
  });

  it('does not take a row of values for the numbered row', () => {
    const values = ['০৩', '৪', '১', '১', '১', '১', '৪', '৪', '২', '৭৫%'];
    expect(isNumberedRow(values)).toBe(false);
    expect(isNumberedRow(['১.', '২.', '৩.', '৪.', '৫.'])).toBe(true);
  });

  it('finds no header in a continuation that starts with data', () => {
    const t = buildTable([
      ['০৬', '[৬.১] স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন', '[৬.১.১] স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মশালা', 'সংখ্যা', '২', '১', '-', '-', '-', '১'],
    ]);
    expect(detectHeaderRows(t.grid).headerRows).toBe(0);
  });
});

describe('mapHeader', () => {
  it('maps layout A (no weight) by label', () => {
    const m = mapHeader(tableA());
    expect(keysOf(m)).toEqual(['sl', 'activity', 'indicator', 'unit', 'target', 'q1', 'q2', 'q3', 'q4', 'total']);
    expect(m.format).toBe('A');
    expect(m.headerRows).toBe(1);
  });

  it('maps layout B with seed 003’s OCR noise', () => {
    const m = mapHeader(tableB());
    expect(keysOf(m)).toEqual(['sl', 'activity', 'indicator', 'unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate']);
    expect(m.format).toBe('B');
    // "১য়" is not a readable ordinal word, but the digit and the quarter order agree
    expect(m.columns[6]!.confidence).toBeGreaterThan(0.5);
  });

  it('maps layout C: quarters under the merged প্রকৃত অর্জন, the weighted score column wins', () => {
    const m = mapHeader(tableC());
    expect(keysOf(m)).toEqual(['sl', 'activity', 'indicator', 'unit', 'weight', 'target', 'q1', 'q2', 'total', 'rate', null, 'score']);
    expect(m.format).toBe('C');
    expect(m.columns[10]!.reason).toContain('duplicate');
  });

  it('maps layout D: merged quarter group, month-range labels, numbered row', () => {
    const m = mapHeader(tableD());
    expect(keysOf(m)).toEqual(['sl', 'activity', 'indicator', 'unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'score', 'remarks']);
    expect(m.format).toBe('D');
    expect(m.headerRows).toBe(3);
    expect(m.numberedRow).toBe(2);
  });

  it('a second মান column right of the achievements is the score (অর্জিত মান read as "অভিত মান")', () => {
    // own samples, smp_002 p2 (typical scan): the র্জ of অর্জিত lost, leaving a label that only says মান
    const top = [...HEADER_D_TOP];
    top[11] = 'অভিত মান';
    const m = mapHeader(buildTable([top, HEADER_D_SUB, NUMBERED_D], D_HEADER_MERGES));
    expect(keysOf(m)).toEqual(['sl', 'activity', 'indicator', 'unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'score', 'remarks']);
    expect(m.columns[11]!.confidence).toBeLessThan(1);
    // a second মান left of the achievements stays a duplicate: nothing is guessed
    const early = [...HEADER_D_TOP];
    early[5] = 'মান';
    const e = mapHeader(buildTable([early, HEADER_D_SUB, NUMBERED_D], D_HEADER_MERGES));
    expect(e.columns[5]!.key).not.toBe('score');
  });

  it('does not depend on column positions: a reordered header maps by its labels', () => {
    const order = [9, 0, 2, 1, 3, 4, 5, 6, 7, 8];
    const t = buildTable([order.map((i) => HEADER_A[i]!)]);
    expect(keysOf(mapHeader(t))).toEqual(['total', 'sl', 'indicator', 'activity', 'unit', 'target', 'q1', 'q2', 'q3', 'q4']);
  });

  it('numbers quarters by order when the ordinals are unreadable', () => {
    const header = [...HEADER_A];
    header[5] = 'ত্রৈমাসিক';
    header[6] = 'ত্রৈমাসিক';
    header[7] = '৩য় ত্রৈমাসিক';
    header[8] = 'ত্রৈমাসিক';
    const m = mapHeader(buildTable([header]));
    expect(keysOf(m).slice(5, 9)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(m.columns[5]!.confidence).toBeLessThan(m.columns[7]!.confidence);
  });

  it('starts an unnumbered two-column run at Q1 (the half-year self-assessment)', () => {
    const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'লক্ষ্যমাত্রা', 'কোয়ার্টার', 'কোয়ার্টার', 'মোট অর্জন'];
    const m = mapHeader(buildTable([header]));
    expect(keysOf(m).slice(5, 7)).toEqual(['q1', 'q2']);
    expect(m.columns[5]!.reason).toContain('quarter order');
  });

  it('numbers a two-column half-year run from its readable ordinals', () => {
    const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'লক্ষ্যমাত্রা', '৩য় ত্রৈমাসিক', '৪র্থ ত্রৈমাসিক', 'মোট অর্জন'];
    expect(keysOf(mapHeader(buildTable([header]))).slice(5, 7)).toEqual(['q3', 'q4']);
  });

  it('treats the columns of a merged quarter group without sub-labels as the quarters', () => {
    const rows = [
      [...HEADER_D_TOP],
      HEADER_D_SUB.map(() => ''),
      NUMBERED_D,
    ];
    const m = mapHeader(buildTable(rows, [{ r: 0, c: 6, rowspan: 2, colspan: 4 }]));
    expect(keysOf(m).slice(6, 10)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('inherits the mapping for a header-less continuation of the same width', () => {
    const first = mapHeader(tableD());
    const cont = buildTable([['০৫', '[৫.১] তথ্য বাতায়ন হালনাগাদকরণ', '[৫.১.১] তথ্য বাতায়ন হালনাগাদকৃত', 'সংখ্যা', '৬', '৪', '১', '১', '-', '-', '২', '৩', '']]);
    const m = mapHeader(cont, first);
    expect(m.headerRows).toBe(0);
    expect(keysOf(m)).toEqual(keysOf(first));
    expect(mapHeader(cont).format).toBe('unknown');
  });
});

describe('mapHeader: unreadable quarter labels', () => {
  it('numbers a run of garbled labels between the target and the total as the next quarters', () => {
    // narrow "৩য় ত্রৈমাসিক" / "৪র্থ ত্রৈমাসিক" headers as tesseract.js ben+eng read them on a generated page
    const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'বার্ষিক লক্ষ্যমাত্রা', '১ম ত্রৈমাসিক', '২য় ত্রৈমাসিক', 'তয় canis ক', "sdf 'ত্রেমাসিক", 'মোট অর্জন'];
    const row = ['০১', '[১.১] উদ্ভাবন', '[১.১.১] উদ্ভাবনী ধারণা বাস্তবায়িত', 'তারিখ', '১৬/০৩/২০২৩', '-', '-', '১টি ১৬/০৩/২০২৩', '-', '১'];
    const m = mapHeader(buildTable([header, row]));
    expect(keysOf(m).slice(4)).toEqual(['target', 'q1', 'q2', 'q3', 'q4', 'total']);
    expect(m.columns[7]!.confidence).toBeLessThan(m.columns[5]!.confidence);
  });

  it('does not invent quarters where the gap could hold other columns', () => {
    const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'Camis', 'cams ক', 'মোট অর্জন'];
    const m = mapHeader(buildTable([header, ['০১', '[১.১] উদ্ভাবন', '[১.১.১] বাস্তবায়িত', 'তারিখ', '১৬/০৩/২০২৩', '১']]));
    expect(keysOf(m)[3]).not.toBe('q1');
  });
});
