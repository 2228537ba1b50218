import { describe, expect, it } from 'vitest';
import { DATE_STYLES } from '../samples/generator/bangla.js';
import { layoutPage, Rng, UPAZILA_OFFICES, type PageSpec, type TableSpec } from '../samples/generator/index.js';
import { activityPage, contactPage, englishPage, mobile, type MixedDoc } from '../samples/generator/mixed/documents.js';
import { mixedPlans } from '../samples/generator/mixed/family.js';
import { buildFamilySubmission } from '../samples/generator/other/family.js';

const doc = (seed: string): MixedDoc => ({ rng: new Rng(seed), font: 'hind', dpi: 100, office: UPAZILA_OFFICES[3]!, date: { y: 2024, m: 2, d: 10 }, dateStyle: DATE_STYLES[0]! });
const fits = (p: PageSpec) => layoutPage(p, { dpi: 100, rng: new Rng(0) }).overflowPx === 0;
const tableOf = (pages: PageSpec[]): TableSpec => pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])))[0]!;
const BANGLA = /[\u0980-\u09ff]/u;
const LATIN = /[A-Za-z]/u;

describe('generator, mixed-script family', () => {
  it('plans four PDFs of mixed pages from a seed, the same for the same seed, each with an office', () => {
    const a = mixedPlans('mixed-test');
    expect(mixedPlans('mixed-test')).toEqual(a);
    expect(mixedPlans('mixed-test-2')).not.toEqual(a);
    expect(a.map((p) => p.id)).toEqual(['mix_001', 'mix_002', 'mix_003', 'mix_004']);
    for (const p of a) expect(p.submission?.office).toBeTruthy();
    const kinds = new Set(a.flatMap((p) => p.parts.flatMap((x) => (x.kind === 'mixed' ? [x.page] : []))));
    expect([...kinds].sort()).toEqual(['activity', 'contact', 'english']);
  });

  it('activity table: Bangla activity names carrying English system names, Bangla counts and dates, web addresses', () => {
    const pages = activityPage(doc('a'), { rows: 9 });
    expect(pages.every(fits)).toBe(true);
    const t = tableOf(pages);
    const col = (c: number) => t.cells.filter((x) => x.c === c && !x.header).map((x) => x.text);
    for (const name of col(1)) expect(BANGLA.test(name) && LATIN.test(name)).toBe(true);
    for (const n of col(3)) expect(n).toMatch(/^[০-৯]+(টি|%)?$/u);
    for (const d of col(4)) expect(d).not.toMatch(/[0-9]/u);
    for (const l of col(5)) expect(l).toMatch(/^(https?:\/\/|www\.)[a-z0-9./+-]+\/?$/u);
  });

  it('contact list: an English header row, ASCII office codes, mobile numbers and e-mail addresses', () => {
    const pages = contactPage(doc('c'), { rows: 6 });
    expect(pages.every(fits)).toBe(true);
    const t = tableOf(pages);
    expect(t.cells.filter((x) => x.header).map((x) => x.text)).toEqual(['SL', 'Name', 'Designation', 'Office Code', 'Mobile', 'E-mail']);
    const body = t.cells.filter((x) => !x.header);
    for (const x of body.filter((x) => x.c === 3)) expect(x.text).toMatch(/^47\.61\.\d{4}$/u);
    for (const x of body.filter((x) => x.c === 4)) expect(x.text).toMatch(/^(\+88)?01[3-9]\d{2}-?\d{6}$/u);
    for (const x of body.filter((x) => x.c === 5)) expect(x.text).toMatch(/^[a-z0-9.]+@[a-z.]+$/u);
    for (const x of body.filter((x) => x.c === 1)) expect(BANGLA.test(x.text)).toBe(true);
  });

  it('one table wholly in English, ASCII figures', () => {
    const pages = englishPage(doc('e'), { rows: 8 });
    expect(pages.every(fits)).toBe(true);
    const t = tableOf(pages);
    for (const x of t.cells) expect(BANGLA.test(x.text)).toBe(false);
    expect(t.cells.filter((x) => x.c === 4 && !x.header).every((x) => /^\d+$/u.test(x.text))).toBe(true);
  });

  it('mobile numbers are ASCII digits in the shapes offices print', () => {
    const rng = new Rng('m');
    for (let i = 0; i < 200; i++) expect(mobile(rng)).toMatch(/^(\+88)?01[3-9]\d{2}-?\d{6}$/u);
  });

  it('the truth records every cell exactly as printed: cell text in the page text, English and addresses intact', async () => {
    const plan = mixedPlans('mixed-test').find((p) => p.id === 'mix_002')!;
    const built = await buildFamilySubmission({ ...plan, dpi: 100 });
    expect(built.truth.generator.name).toContain('family mixed');
    for (const page of built.truth.pages) {
      expect(page.section).toBe('other');
      for (const t of page.tables) for (const c of t.cells) for (const line of c.lines) expect(page.text).toContain(line);
    }
    const cells = built.truth.pages.flatMap((p) => p.tables.flatMap((t) => t.cells.map((c) => c.text)));
    expect(cells.some((c) => /e-Nothi|Zoom|Google Meet|GRS|NESS|iBAS\+\+|SPS|e-file/u.test(c))).toBe(true);
  });
});
