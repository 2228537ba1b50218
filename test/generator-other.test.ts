import { describe, expect, it } from 'vitest';
import { DATE_STYLES } from '../samples/generator/bangla.js';
import { layoutPage, makeDoc, renderPage, Rng, type PageSpec } from '../samples/generator/index.js';
import { budgetPages, circularPages, faqPages, gazettePage, prosePage, type OtherDoc } from '../samples/generator/other/documents.js';
import { familyPlans, FamilyTruthSchema } from '../samples/generator/other/family.js';
import { minutesWithMemo } from '../samples/generator/other/minutes.js';

const doc = (seed: string): OtherDoc => ({ rng: new Rng(seed), font: 'noto-sans', dpi: 100, date: { y: 2023, m: 3, d: 16 }, dateStyle: DATE_STYLES[0]! });
const fits = (p: PageSpec) => layoutPage(p, { dpi: 100, rng: new Rng(0) }).overflowPx === 0;
const texts = (p: PageSpec) => p.blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : b.kind === 'pair' ? [...b.left, ...b.right] : b.kind === 'sign' ? b.lines : []));

describe('generator, second family (documents that are none of the submission kinds)', () => {
  it('plans five PDFs from a seed, the same for the same seed: a FAQ bundle alone, submissions with unrelated pages, none without', () => {
    const a = familyPlans('other-test');
    expect(familyPlans('other-test')).toEqual(a);
    expect(a.map((p) => p.id)).toEqual(['oth_001', 'oth_002', 'oth_003', 'oth_004', 'oth_005']);
    expect(a[0]!.submission).toBeNull();
    expect(a[0]!.parts).toEqual([expect.objectContaining({ kind: 'faq' })]);
    for (const p of a) expect(p.submission === null).toBe(!p.parts.some((x) => x.kind === 'apa' || x.kind === 'minutes_memo'));
    expect(familyPlans('other-test-2')).not.toEqual(a);
  });

  it('lays out every unrelated kind on pages that fit, as section other with its own subtype', () => {
    const pages = [
      ...faqPages(doc('f'), { questions: 30 }),
      ...budgetPages(doc('b'), { year: 2023, rows: 14, landscape: true }),
      ...gazettePage(doc('g')),
      ...circularPages(doc('c')),
      ...prosePage(doc('p')),
    ];
    for (const p of pages) {
      expect(p.section).toBe('other');
      expect(fits(p)).toBe(true);
    }
    expect([...new Set(pages.map((p) => p.subtype))]).toEqual(['faq_table', 'budget_table', 'gazette_page', 'circular', 'prose_page']);
    const faq = pages.filter((p) => p.subtype === 'faq_table');
    expect(faq.length).toBeGreaterThan(1); // a long FAQ runs over pages, its table continued without the header
    const tables = faq.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
    expect(tables[0]).toMatchObject({ role: 'other', nCols: 3, headerRows: 1 });
    expect(tables[0]!.cells.filter((c) => c.header).map((c) => c.text)).toEqual(['ক্রমিক নং', 'প্রশ্ন', 'উত্তর']);
    expect(tables.at(-1)).toMatchObject({ headerRows: 0, continuation: true });
    // a circular has a letter's form (memo line, date, subject) but not the plan's words
    const circular = texts(pages.find((p) => p.subtype === 'circular')!).join('\n');
    expect(circular).toMatch(/স্মারক নং/);
    expect(circular).not.toMatch(/সমবায়|গভর্ন্যান্স/);
  });

  it('minutes that open like a letter: memo line, date and a subject naming the meeting, then the chair', () => {
    const plan = familyPlans('other-test').find((p) => p.id === 'oth_004')!;
    const d = makeDoc(plan.submission!);
    for (const decisionsTable of [false, true]) {
      const pages = minutesWithMemo(d, { decisionsTable });
      expect(pages.every((p) => p.section === 'minutes' && p.subtype === 'minutes_body' && fits(p))).toBe(true);
      const first = pages[0]!.blocks;
      const pair = first.find((b) => b.kind === 'pair');
      expect(pair && pair.kind === 'pair' && pair.left[0]).toMatch(/^স্মারক নং/);
      const subject = first.find((b) => b.kind === 'para' && b.label === 'বিষয়:');
      expect(subject && subject.kind === 'para' && subject.text).toMatch(/কার্যবিবরণী।$/);
      expect(pages.some((p) => p.blocks.some((b) => b.kind === 'table' && b.table.role === 'decisions'))).toBe(decisionsTable);
    }
  });

  it('renders a Gazette page with its truth: section other, the masthead in the text', async () => {
    const r = await renderPage({ page: gazettePage(doc('render'))[0]!, dpi: 100, tier: 'clean', seed: 'g' });
    expect(r.truth).toMatchObject({ section: 'other', subtype: 'gazette_page', tables: [] });
    expect(r.truth.text).toMatch(/বাংলাদেশ গেজেট\nঅতিরিক্ত সংখ্যা/);
  });

  it('the truth schema takes a PDF without a submission (null metadata) and refuses a malformed one', () => {
    const base = { id: 'x', sourcePdf: 'x.pdf', generator: { name: 'g', seed: 's', version: 1 }, annexFormat: null, tier: 'clean', font: 'f', dpi: 100, pageCount: 1, sections: [], pages: [] };
    const none = { ...base, office: { name: null, level: null, upazila: null, district: null, division: null }, fiscalYear: null, quarter: null, submissionDate: null };
    expect(FamilyTruthSchema.safeParse(none).success).toBe(true);
    expect(FamilyTruthSchema.safeParse({ ...none, fiscalYear: '2023' }).success).toBe(false);
  });
});
