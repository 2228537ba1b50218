import { describe, expect, it } from 'vitest';
import { extractIndicators, joinTables, type LogicalTable } from '../../pipeline/annex5/index.js';
import { buildTable, cellBox } from './build.js';
import { D_ROWS_PAGE2, HEADER_A, tableA, tableB, tableC, tableD } from './layouts.js';
import type { Table } from '../../models/table.js';

function logical(...pages: Table[][]): LogicalTable {
  const lt = joinTables(pages.map((tables, i) => ({ page: i + 2, tables })));
  expect(lt).toHaveLength(1);
  return lt[0]!;
}

describe('extractIndicators: layout A (seed 000 styles)', () => {
  const recs = extractIndicators(logical([tableA()]), { fiscalYear: '2022-23', quarter: 4 });

  it('makes one record per indicator row and none for the header', () => {
    expect(recs.map((r) => r.indicatorCode)).toEqual(['1.1.1', '2.1.1', '3.1.1', '4.1.1', '5.1.1', '5.1.2']);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(recs.every((r) => r.page === 2 && r.tableIndex === 0)).toBe(true);
  });

  it('parses values by the row’s unit', () => {
    const [r1, r2, , r4] = recs;
    expect(r1!.unit.value).toBe('date');
    expect(r1!.target).toMatchObject({ raw: '১৬/০৩/২০২৩', value: '2023-03-16', printed: true });
    expect(r1!.q1.value).toBeNull();
    expect(r1!.q2.value).toBe(0);
    expect(r1!.q3.value).toEqual({ count: 1, date: '2023-03-16' });
    expect(r1!.total.value).toBe(1);
    expect(r2!.unit.value).toBe('percent');
    expect(r2!.target.value).toBe(80);
    expect(r4!.unit.value).toBe('count');
    expect(r4!.q1.value).toEqual({ count: 1, date: '2022-09-12' });
    expect(r4!.q3.value).toBeNull();
  });

  it('marks the columns layout A does not print', () => {
    for (const k of ['weight', 'rate', 'score', 'remarks'] as const) {
      expect(recs[0]![k]).toEqual({ raw: null, value: null, confidence: null, bbox: null, printed: false });
    }
  });

  it('keeps each value’s cell box and combines OCR and parse confidence', () => {
    const r3 = recs[2]!;
    expect(r3.target.bbox).toEqual(cellBox(3, 4));
    expect(r3.q4.bbox).toEqual(cellBox(3, 8));
    expect(r3.target.confidence).toBeGreaterThan(0.8);
    expect(r3.target.confidence).toBeLessThanOrEqual(0.92);
  });

  it('carries the activity into a row whose activity span was not detected', () => {
    const last = recs[5]!;
    expect(last.activityCode).toBe('5.1');
    expect(last.activity).toContain('ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন');
    expect(last.indicator).toContain('অর্ধবার্ষিক স্ব-মূল্যায়ন');
  });
});

describe('extractIndicators: rows that are not indicators', () => {
  it('produces nothing for header, numbered, blank and total rows', () => {
    const t = buildTable([...tableD(false).grid, Array(13).fill(''), ['মোট', 'মোট', 'মোট', 'মোট', '৫০', '', '', '', '', '', '', '১১.৬৪', '']]);
    expect(extractIndicators(logical([t]), { fiscalYear: '2024-25' })).toEqual([]);
  });

  it('joins a wrapped line of indicator wording to the indicator above (seed 003)', () => {
    const t = buildTable([
      tableB().grid[0]!,
      ['', '', '৫.১.২] কর্মপরিকল্পনা অর্থ বাসিক স্ব-মূল্যায়ন প্রতিবেদন উদ্ধৃতি', 'তারিখ', '০৪', '১৫/০১/২৩', '১৫/০১/২৩', '-', '-', '-', '১৫/০১/২৩', '১০০%'],
      ['', '', 'কর্তৃপক্ষের নিকট প্রেরিত', '', '', '', '', '', '', '', '', ''],
    ]);
    const recs = extractIndicators(logical([t]), { fiscalYear: '2022-23' });
    expect(recs).toHaveLength(1);
    expect(recs[0]!.indicator).toMatch(/উদ্ধৃতি কর্তৃপক্ষের নিকট প্রেরিত$/);
  });

  it('ignores tables that are not Annex 5', () => {
    const t = buildTable([['ক্র. নং', 'আলোচনার বিষয় ও আলোচনা', 'সিদ্ধান্ত', 'বাস্তবায়নকারী কর্মকর্তা/ কর্মচারী'], ['০১।', 'বিগত সভার কার্য-বিবরণী পাঠ [১.১.১]', 'অনুমোদন', '']]);
    const lt = joinTables([{ page: 5, tables: [t] }]);
    expect(lt[0]!.role).toBe('decisions');
    expect(extractIndicators(lt[0]!)).toEqual([]);
  });
});

describe('extractIndicators: codes', () => {
  it('reads noisy codes: a space inside, a Latin look-alike digit, a lost bracket', () => {
    const t = buildTable([
      HEADER_A,
      ['০৪', '[৪.১] ই-নথির ব্যবহার বৃদ্ধি', '[৪.১. ১] ই-ফাইলে নিষ্পত্তিযোগ্য নথির তালিকা নির্ধারিত', 'তারিখ', '৩১/০৮/২৪', '২৮/০৮/২৪', '-', '-', '-', '২৮/০৮/২৪'],
      ['', '', '[8.১.২] ই-ফাইলে নোট নিষ্পত্তিকৃত', '%', '১০০%', '১০০%', '১০০%', '-', '-', '১০০%'],
      ['০৫', '৫.১] তথ্য বাতায়ন হালনাগাদকরণ', '৫.১.১] তথ্য বাতায়ন হালনাগাদকৃত', 'সংখ্যা', '৪', '১', '১', '-', '-', '২'],
    ]);
    const recs = extractIndicators(logical([t]));
    expect(recs.map((r) => r.indicatorCode)).toEqual(['4.1.1', '4.1.2', '5.1.1']);
    expect(recs.map((r) => r.activityCode)).toEqual(['4.1', '4.1', '5.1']);
  });

  it('derives an unreadable code from its neighbour and says so', () => {
    const t = buildTable([
      HEADER_A,
      ['০৫', '[৫.১] ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন', '[৫.১.১] কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত', 'সংখ্যা', '৪', '১', '১', '১', '১', '৪'],
      ['', '', '[॥.:.২] কর্মপরিকল্পনার অর্ধবার্ষিক প্রতিবেদন পাঠানো', 'তারিখ', '১৫/০১/২৩', '-', '০', '১টি ১৫/১/২৩', '০', '১'],
    ]);
    const recs = extractIndicators(logical([t]));
    expect(recs.map((r) => r.indicatorCode)).toEqual(['5.1.1', '5.1.2']);
    expect(recs[1]!.flags).toEqual([expect.objectContaining({ rule: 'indicator-code', field: 'indicatorCode' })]);
    expect(recs[1]!.target.confidence!).toBeLessThan(recs[0]!.target.confidence!);
  });

  it('recovers an unreadable code from the fiscal year’s catalogue wording', () => {
    const t = buildTable([
      HEADER_A,
      ['০২', '[২.১] ই-নথির ব্যবহার বৃদ্ধি', '[২.১.১] ই-ফাইলে নোট নিষ্পত্তিকৃত', '%', '৮০%', '৮০%', '৮০%', '৮০%', '৮০%', '৮০%'],
      ['০৩', '[৩.১] তথ্য বাতায়ন হালনাগাদকরণ', 'তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত', 'সংখ্যা', '৪', '১', '১', '১', '১', '৪'],
    ]);
    const recs = extractIndicators(logical([t]), { fiscalYear: '2022-23' });
    expect(recs.map((r) => r.indicatorCode)).toEqual(['2.1.1', '3.1.1']);
    expect(recs[1]!.flags[0]!.message).toContain('catalogue');
  });

  it('repairs seed 003’s x.2.y codes only where the catalogue wording agrees', () => {
    const recs = extractIndicators(logical([tableB()]), { fiscalYear: '2022-23' });
    // "৩.১.১] তথ্য বাতায়নের সকল সেবা বন্ধ স্থানোপাদকরণ" is already 3.1.1; "২.১.১]" too
    expect(recs.map((r) => r.indicatorCode)).toEqual(['2.1.1', '3.1.1']);
    const noisy = buildTable([tableB().grid[0]!, ['০২', '২.২] ই-নথি ব্যবহার বৃদ্ধি', '২.২.১] ই-ফাইলে নোট নিষ্পত্তিকৃত', '%', '১০', '৮০%', '২৫%', '২৫%', '১০%', '-', '২০%', '২৫%']]);
    const fixed = extractIndicators(logical([noisy]), { fiscalYear: '2022-23' });
    expect(fixed.map((r) => r.indicatorCode)).toEqual(['2.1.1']);
    expect(fixed[0]!.flags[0]).toMatchObject({ rule: 'indicator-code' });
    // without a catalogue for the year the printed code stands
    expect(extractIndicators(logical([noisy]), { fiscalYear: '2019-20' }).map((r) => r.indicatorCode)).toEqual(['2.2.1']);
  });

  it('repairs a code whose Bangla digits were read as Latin look-alikes when the wording agrees closely', () => {
    // tesseract.js ben+eng on a sample page read "[৪.১.১]" as "[8.5.5]": two digits off
    const row = ['০৪', '[8.5] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজন', '[8.5.5] 8 শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজিত', 'সংখ্যা', '২', '১', '১', '-', '-', '২'];
    const recs = extractIndicators(logical([buildTable([HEADER_A, row])]), { fiscalYear: '2022-23' });
    expect(recs.map((r) => r.indicatorCode)).toEqual(['4.1.1']);
    expect(recs[0]!.flags[0]).toMatchObject({ rule: 'indicator-code' });
    // a wording that is not the catalogue's keeps its printed code, even two digits away
    const other = [...row];
    other[2] = '[8.5.5] সম্পূর্ণ ভিন্ন একটি সূচক যা পরিকল্পনায় নেই';
    expect(extractIndicators(logical([buildTable([HEADER_A, other])]), { fiscalYear: '2022-23' }).map((r) => r.indicatorCode)).toEqual(['8.5.5']);
  });
});

describe('extractIndicators: Latin look-alike digits', () => {
  it('reads a lone 8 as ৪ in a row written in Bangla digits, flagged and less confident', () => {
    const row = ['০৩', '[৩.১] তথ্য বাতায়ন হালনাগাদকরণ', '[৩.১.১] তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত', 'সংখ্যা', '8', '১', '১', '১', '১', '৪'];
    const [rec] = extractIndicators(logical([buildTable([HEADER_A, row])]), { fiscalYear: '2022-23' });
    expect(rec!.target).toMatchObject({ raw: '8', value: 4 });
    expect(rec!.target.confidence!).toBeLessThan(rec!.total.confidence!);
  });

  it('leaves 8 alone where the row is written in Latin digits', () => {
    const row = ['03', '[3.1] তথ্য বাতায়ন হালনাগাদকরণ', '[3.1.1] তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত', 'সংখ্যা', '8', '2', '2', '2', '2', '8'];
    const [rec] = extractIndicators(logical([buildTable([HEADER_A, row])]), { fiscalYear: '2022-23' });
    expect(rec!.target.value).toBe(8);
  });
});

describe('extractIndicators: a plan code on another plan code’s wording', () => {
  it('reads the code whose wording the row has when one digit was misread into another plan code, flagged', () => {
    const misread = [...D_ROWS_PAGE2[1]!];
    misread[2] = misread[2]!.replace('[৫.১.১]', '[৫.১.২]');
    const recs = extractIndicators(logical([tableD(false)], [buildTable([misread, D_ROWS_PAGE2[2]!])]), { fiscalYear: '2024-25', quarter: 2 });
    expect(recs.map((r) => r.indicatorCode)).toEqual(['5.1.1', '5.1.2']);
    expect(recs[0]!.flags.map((f) => f.rule)).toContain('indicator-code');
    expect(recs[1]!.flags.map((f) => f.rule)).not.toContain('indicator-code');
  });
});

describe('extractIndicators: a score whose decimal point was lost', () => {
  const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'কর্মসম্পাদন সূচকের মান', 'বার্ষিক লক্ষ্যমাত্রা', '১ম কোয়ার্টার', '২য় কোয়ার্টার', 'মোট অর্জন', 'অর্জিত মান'];
  const score = (weight: string, printed: string) => {
    const row = ['০৪', '[৪.১] ই-নথির ব্যবহার বৃদ্ধি', '[৪.১.২] ই-ফাইলে নোট নিষ্পত্তিকৃত', '%', weight, '৮০%', '৯০%', '৯৬%', '৯৩%', printed];
    const [rec] = extractIndicators(logical([buildTable([header, row])]), { fiscalYear: '2024-25', quarter: 2 });
    return rec!;
  };

  it('puts the point back where only one placement brings the score under the weight, flagged', () => {
    const rec = score('৮', '৭৪৪');
    expect(rec.score.value).toBe(7.44);
    expect(rec.score.raw).toBe('৭৪৪');
    expect(rec.score.confidence!).toBeLessThanOrEqual(0.5);
    expect(rec.flags.filter((f) => f.rule === 'score').map((f) => f.field)).toEqual(['score']);
    expect(score('৩', '১৫').score.value).toBe(1.5);
  });

  it('leaves a score within its weight, a reading two placements fit, and a reading with a point alone', () => {
    expect(score('৮', '৭.৪৪').score.value).toBe(7.44);
    expect(score('২০', '১৫').score.value).toBe(15);
    // 74.4 and 7.44 are both under 80: nothing is guessed
    expect(score('৮০', '৭৪৪').score.value).toBe(744);
    expect(score('৮', '৯.৫').score.value).toBe(9.5);
  });
});

describe('extractIndicators: header problems', () => {
  const header = ['ক্র.নং', 'কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'কর্মসম্পাদন সূচকের মান', 'বার্ষিক লক্ষ্যমাত্রা', '১ম কোয়ার্টার', '২য় কোয়ার্টার', 'মোট অর্জন', 'অর্জিত মান'];
  const row = ['০৩', '[৩.১] ইনোভেশন শোকেসিং', '[৩.১.১] ইনোভেশন প্রদর্শনী আয়োজিত', 'তারিখ', '৬', '১৫/০৪/২৫', '-', '-', '-', '-'];
  const headerFlags = (h: string[], r: string[]) => {
    const [rec] = extractIndicators(logical([buildTable([h, r])]), { fiscalYear: '2024-25', quarter: 2 });
    return { rec: rec!, fields: rec!.flags.filter((f) => f.rule === 'header').map((f) => f.field) };
  };

  it('names an unreadable label by its place between recognised columns', () => {
    const garbled = header.map((h, i) => (i === 4 || i === 7 ? '~~' : h));
    const { rec, fields } = headerFlags(garbled, row);
    expect(rec.weight).toMatchObject({ raw: '৬', value: 6, printed: true });
    expect(rec.q2.printed).toBe(true);
    expect(fields).toEqual([]);
  });

  it('flags a layout with a score column but no weight column', () => {
    const drop = (xs: string[]) => xs.filter((_, i) => i !== 4);
    const { rec, fields } = headerFlags(drop(header), drop(row));
    expect(rec.weight.printed).toBe(false);
    expect(fields).toEqual(['weight']);
  });
});

describe('extractIndicators: layouts B, C and D', () => {
  it('reads weights and rates of layout B', () => {
    const [r] = extractIndicators(logical([tableB()]), { fiscalYear: '2022-23' });
    expect(r!.weight).toMatchObject({ raw: '১০', value: 10, printed: true });
    expect(r!.total.value).toBe(20);
    expect(r!.rate.value).toBe(25);
    expect(r!.score.printed).toBe(false);
  });

  it('splits seed 004’s row that holds two indicators', () => {
    const recs = extractIndicators(logical([tableC()]), { fiscalYear: '2023-24', quarter: 'H1' });
    expect(recs.map((r) => r.indicatorCode)).toEqual(['2.1.1', '5.1.1', '5.1.2']);
    const [, a, b] = recs;
    expect([a!.weight.value, b!.weight.value]).toEqual([6, 3]);
    expect([a!.score.value, b!.score.value]).toEqual([3, 1.5]);
    expect(a!.row).toBe(b!.row);
    expect(a!.flags.map((f) => f.rule)).toContain('split-row');
    expect(recs[0]!.score.value).toBe(2.5);
    expect(recs[0]!.q3.printed).toBe(false);
  });

  it('reads a D table continued on the next page, each row on its own page', () => {
    const recs = extractIndicators(logical([tableD()], [buildTable(D_ROWS_PAGE2)]), { fiscalYear: '2024-25', quarter: 2 });
    expect(recs.map((r) => [r.indicatorCode, r.page, r.row])).toEqual([
      ['1.1.1', 2, 3],
      ['4.1.1', 2, 4],
      ['4.1.2', 3, 0],
      ['5.1.1', 3, 1],
      ['5.1.2', 3, 2],
    ]);
    // the activity of 4.1.2 is on the previous page (its span crosses the page break)
    expect(recs[2]!.activityCode).toBe('4.1');
    expect(recs[2]!.target.bbox).toEqual(cellBox(0, 5));
    expect(recs[4]!.remarks.value).toEqual({ notApplicable: true });
    expect(recs[1]!.score.value).toBe(2);
    expect(recs[0]!.target.value).toBe('2025-03-09');
  });
});
