import { describe, expect, it } from 'vitest';
import { joinTables } from '../../pipeline/annex5/index.js';
import { buildTable } from './build.js';
import { D_HEADER_MERGES, D_ROWS_PAGE2, HEADER_D_SUB, HEADER_D_TOP, NUMBERED_D, tableA, tableD } from './layouts.js';

const DECISIONS_HEADER = ['ক্র. নং', 'আলোচনার বিষয় ও আলোচনা', 'সিদ্ধান্ত', 'বাস্তবায়নকারী কর্মকর্তা/ কর্মচারী'];
const decisionRow = (n: string) => [n, 'কর্ম পরিকল্পনার [২.১] ই-নথির ব্যবহার বৃদ্ধি সংক্রান্ত বিষয়ে আলোচনা করা হয়।', 'সভায় ই-নথি লাইভে দেয়ার সিদ্ধান্ত গৃহীত হয়।', 'উপজেলা সমবায় অফিসার'];

describe('joinTables', () => {
  it('joins a continuation printed without a repeated header and inherits the mapping', () => {
    const lt = joinTables([
      { page: 2, tables: [tableD()] },
      { page: 3, tables: [buildTable(D_ROWS_PAGE2)] },
    ]);
    expect(lt).toHaveLength(1);
    expect(lt[0]!.role).toBe('annex5');
    expect(lt[0]!.format).toBe('D');
    expect(lt[0]!.parts.map((p) => [p.page, p.headerRows])).toEqual([
      [2, 3],
      [3, 0],
    ]);
    expect(lt[0]!.parts[1]!.mapping?.byKey.score).toBe(11);
  });

  it('joins a continuation that repeats the header', () => {
    const page2 = buildTable([HEADER_D_TOP, HEADER_D_SUB, NUMBERED_D, ...D_ROWS_PAGE2], D_HEADER_MERGES);
    const lt = joinTables([
      { page: 2, tables: [tableD()] },
      { page: 3, tables: [page2] },
    ]);
    expect(lt).toHaveLength(1);
    expect(lt[0]!.parts.map((p) => p.headerRows)).toEqual([3, 3]);
  });

  it('keeps a second complete table that restarts at [১.১.১] separate', () => {
    const lt = joinTables([
      { page: 2, tables: [tableD()] },
      { page: 3, tables: [tableD()] },
    ]);
    expect(lt).toHaveLength(2);
  });

  it('does not join tables of different width, or tables not at the page break', () => {
    expect(joinTables([{ page: 2, tables: [tableD()] }, { page: 3, tables: [tableA()] }])).toHaveLength(2);
    // the continuation must be the first table of the next page
    const other = buildTable([DECISIONS_HEADER, decisionRow('০১।')], [], { index: 0 });
    const cont = buildTable(D_ROWS_PAGE2, [], { index: 1 });
    expect(joinTables([{ page: 2, tables: [tableD()] }, { page: 3, tables: [other, cont] }])).toHaveLength(3);
    // and the pages must be consecutive
    expect(joinTables([{ page: 2, tables: [tableD()] }, { page: 4, tables: [buildTable(D_ROWS_PAGE2)] }])).toHaveLength(2);
  });

  it('joins a decisions table continued with or without its header, when the serials carry on', () => {
    const first = buildTable([DECISIONS_HEADER, decisionRow('০১।'), decisionRow('০২।')]);
    const withHeader = buildTable([DECISIONS_HEADER, decisionRow('০৩।')]);
    const without = buildTable([decisionRow('০৩।'), decisionRow('০৪।')]);
    const restart = buildTable([DECISIONS_HEADER, decisionRow('০১।')]);
    for (const cont of [withHeader, without]) {
      const lt = joinTables([{ page: 6, tables: [first] }, { page: 7, tables: [cont] }]);
      expect(lt).toHaveLength(1);
      expect(lt[0]!.role).toBe('decisions');
    }
    expect(joinTables([{ page: 6, tables: [first] }, { page: 7, tables: [restart] }])).toHaveLength(2);
  });

  it('starts a new table when the next page’s first table is headed as another kind', () => {
    // attendance sheet then the decisions table of the minutes: same width, adjacent pages, different headers
    const attendance = buildTable([
      ['ক্র. নং', 'নাম, পদবী ও কর্মস্থল', 'কমিটিতে পদবী', 'উপস্থিতির স্বাক্ষর'],
      ['০১।', 'জনাব মো: ফারুক হোসেন উপজেলা সমবায় অফিসার', 'আহ্বায়ক', ''],
    ]);
    const lt = joinTables([
      { page: 4, tables: [attendance] },
      { page: 5, tables: [buildTable([DECISIONS_HEADER, decisionRow('০১।')])] },
    ]);
    expect(lt.map((t) => t.role)).toEqual(['attendance', 'decisions']);
  });

  it('orders pieces by page whatever order the pages arrive in', () => {
    const lt = joinTables([
      { page: 3, tables: [buildTable(D_ROWS_PAGE2)] },
      { page: 2, tables: [tableD()] },
    ]);
    expect(lt).toHaveLength(1);
    expect(lt[0]!.parts.map((p) => p.page)).toEqual([2, 3]);
  });
});
