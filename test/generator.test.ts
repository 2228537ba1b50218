import fs from 'node:fs';
import path from 'node:path';
import { getDate } from 'bangla-calendar';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toBanglaDigits } from '../pipeline/normalise/digits.js';
import { addDays, banglaCalendar, isoDate, quarterRange } from '../samples/generator/bangla.js';
import {
  annexData,
  annexTable,
  drawAnnexStyle,
  FONT_IDS,
  layoutPage,
  PageOverflowError,
  renderPage,
  renderTableImage,
  Rng,
  SubmissionTruthSchema,
  type CellSpec,
  type PageSpec,
  type TableSpec,
} from '../samples/generator/index.js';
import { paginate } from '../samples/generator/paginate.js';
import { aksaras, wrapParagraph } from '../samples/generator/wrap.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');

/** Bangla combining marks (vowel signs, virama, nukta, signs) that may never start a line or a cluster. */
const MARK = /^[\u0981-\u0983\u09BC\u09BE-\u09CD\u09D7\u09E2\u09E3\u200C\u200D]/;

function smallTable(): TableSpec {
  const cells: CellSpec[] = [
    { r: 0, c: 0, text: 'ক্র.নং', header: true },
    { r: 0, c: 1, text: 'কার্যক্রম', header: true },
    { r: 0, c: 2, colspan: 2, text: 'প্রকৃত অর্জন', header: true },
    { r: 1, c: 0, rowspan: 2, text: '০১', align: 'center' },
    { r: 1, c: 1, rowspan: 2, text: '[১.১] একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন' },
    { r: 1, c: 2, text: '৮০%' },
    { r: 1, c: 3, text: '১টি ১২/০৯/২২' },
    { r: 2, c: 2, text: '-' },
    // (2,3) left out on purpose: the layout must fill it with an empty cell
  ];
  return { role: 'annex5', format: null, columnKeys: null, continuation: false, continues: false, nRows: 3, nCols: 4, headerRows: 1, colWidths: [1, 3, 1.5, 2], cells, fontSize: 10 };
}

function smallPage(font: PageSpec['font'] = 'noto-sans'): PageSpec {
  return {
    section: 'certificate',
    subtype: 'certificate',
    orientation: 'portrait',
    font,
    certificateIndicator: '1.1.1',
    blocks: [
      { kind: 'para', text: 'গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', style: { size: 12, align: 'center' } },
      { kind: 'para', text: 'www.cooperative.boda.panchagarh.gov.bd', style: { size: 10.5, align: 'center' } },
      { kind: 'pair', left: ['স্মারক নং: ৪৭.৬১.৭৭২৫.০০০.০৫.০০৩.২২-১৫৬'], right: ['তারিখ: ২৬/০৬/২০২৩খ্রি:'], style: { size: 11 } },
      { kind: 'para', label: 'বিষয়:', text: 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২৩ এর ৪র্থ ত্রৈমাসিক অগ্রগতি প্রতিবেদন ও প্রমাণক প্রেরণ প্রসঙ্গে।', style: { size: 11.5 } },
      { kind: 'table', table: smallTable() },
      { kind: 'sign', lines: ['মো: রফিকুল ইসলাম', 'উপজেলা সমবায় অফিসার', 'বোদা, পঞ্চগড়।'], style: { size: 11 }, signature: true, seal: ['উপজেলা সমবায় কার্যালয়', 'বোদা, পঞ্চগড়', 'সমবায়'] },
    ],
  };
}

const CLEAN_SCAN = { skewDeg: 0, blur: 0, noise: 0, speckle: 0, edgeShadow: null } as const;

describe('line breaking', () => {
  it('cuts words only between aksaras, never before a vowel sign or after a virama', () => {
    for (const w of ['ক্ষেত্রসমূহের', 'কর্মসম্পাদন', 'ত্রৈমাসিক', 'উদ্ভাবনী', 'র‍্যাব', 'হালনাগাদকৃত']) {
      const parts = aksaras(w);
      expect(parts.join('')).toBe(w);
      for (const p of parts) expect(p).not.toMatch(MARK);
      for (const p of parts.slice(0, -1)) expect(p.endsWith('\u09CD')).toBe(false);
    }
    expect(aksaras('ক্ষেত্র')).toEqual(['ক্ষে', 'ত্র']);
  });

  it('wraps greedily at spaces and after "/", keeping every character', () => {
    const measure = (s: string) => s.length * 10;
    const text = 'সেবা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে উদ্ভাবনী ধারণা বাস্তবায়িত';
    const lines = wrapParagraph(text, 140, measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l).not.toMatch(MARK);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    // "সহজিকরণ/" ends a line: the break after the slash was used
    expect(lines.some((l) => l.endsWith('/'))).toBe(true);
    // a word wider than the line is cut, not overflowed
    for (const l of wrapParagraph('ডিজিটাইজেশনের', 50, measure)) expect(measure(l)).toBeLessThanOrEqual(50);
  });
});

describe('Bangla calendar (2019 revision)', () => {
  it('agrees with the bangla-calendar package day by day over two fiscal years', () => {
    let d = { y: 2023, m: 7, d: 1 };
    for (let i = 0; i < 731; i++, d = addDays(d, 1)) {
      const b = banglaCalendar(d);
      // the package starts the Bangla day at sunrise; 06:00 keeps it on the civil date
      const want = getDate(new Date(d.y, d.m - 1, d.d, 6), { format: 'D MMMM, YYYY', calculationMethod: 'BD' }).normalize('NFC');
      expect(`${toBanglaDigits(b.day)} ${b.month}, ${toBanglaDigits(b.year)}`.normalize('NFC'), isoDate(d)).toBe(want);
    }
  });

  it('knows the fiscal quarters', () => {
    expect(quarterRange('2024-25', 2)).toEqual({ from: { y: 2024, m: 10, d: 1 }, to: { y: 2024, m: 12, d: 31 } });
    expect(quarterRange('2022-23', 3).to).toEqual({ y: 2023, m: 3, d: 31 });
  });
});

describe('renderPage', () => {
  it('writes exactly the lines it draws, tables row by row with merged cells repeated in the grid', async () => {
    const r = await renderPage({ page: smallPage(), dpi: 100, tier: 'clean', seed: 't1', scan: CLEAN_SCAN, rotation: 0, seals: true });
    const lines = r.truth.text.split('\n');
    expect(lines[0]).toBe('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার');
    expect(lines).toContain('www.cooperative.boda.panchagarh.gov.bd');
    // the pair: left line, then right line
    const memo = lines.findIndex((l) => l.startsWith('স্মারক নং'));
    expect(lines[memo + 1]).toBe('তারিখ: ২৬/০৬/২০২৩খ্রি:');
    expect(lines.some((l) => l.startsWith('বিষয়: ই-গভর্ন্যান্স'))).toBe(true);
    // a table row line: cells starting in that row, left to right, TAB-separated
    expect(lines).toContain('ক্র.নং\tকার্যক্রম\tপ্রকৃত অর্জন');
    expect(lines.at(-1)).toBe('বোদা, পঞ্চগড়।');
    expect(r.truth.text).toBe(r.truth.text.normalize('NFC'));

    const t = r.truth.tables[0]!;
    expect(t.grid).toHaveLength(3);
    expect(t.grid[0]).toEqual(['ক্র.নং', 'কার্যক্রম', 'প্রকৃত অর্জন', 'প্রকৃত অর্জন']);
    expect(t.grid[2]![0]).toBe('০১');
    expect(t.grid[2]![1]).toBe(t.grid[1]![1]);
    expect(t.grid[2]![3]).toBe('');
    const covered = t.cells.reduce((a, c) => a + c.rowspan * c.colspan, 0);
    expect(covered).toBe(t.nRows * t.nCols);
    const activity = t.cells.find((c) => c.r === 1 && c.c === 1)!;
    expect(activity.lines.length).toBeGreaterThan(1);
    expect(lines.find((l) => l.startsWith('০১\t'))).toContain(activity.lines.join(' '));

    expect(r.truth.overlays).toEqual([{ type: 'signature' }, { type: 'seal', text: ['উপজেলা সমবায় কার্যালয়', 'বোদা, পঞ্চগড়', 'সমবায়'] }]);
    expect(r.truth.certificateIndicator).toBe('1.1.1');
  });

  it('puts ink where the layout put text and none in empty cells', async () => {
    const r = await renderPage({ page: smallPage(), dpi: 100, tier: 'clean', seed: 't2', scan: CLEAN_SCAN, rotation: 0, seals: false });
    const { data, info } = await sharp(r.png!).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([827, 1169]);
    const dark = (b: { x0: number; y0: number; x1: number; y1: number }, inset: number) => {
      let n = 0;
      for (let y = Math.ceil(b.y0 + inset); y < b.y1 - inset; y++) for (let x = Math.ceil(b.x0 + inset); x < b.x1 - inset; x++) if (data[(y * info.width + x) * info.channels]! < 128) n++;
      return n;
    };
    for (const cell of r.layout.tables[0]!.cells) {
      if (cell.text) expect(dark(cell.box, 3), cell.text).toBeGreaterThan(cell.text === '-' ? 0 : 10);
      else expect(dark(cell.box, 3)).toBe(0);
    }
  });

  it('is deterministic for a seed and turns rotated pages', async () => {
    const a = await renderPage({ page: smallPage('tiro'), dpi: 80, tier: 'hard', seed: 'same', rotation: 0 });
    const b = await renderPage({ page: smallPage('tiro'), dpi: 80, tier: 'hard', seed: 'same', rotation: 0 });
    expect(a.png!.equals(b.png!)).toBe(true);
    expect(a.truth).toEqual(b.truth);
    const c = await renderPage({ page: smallPage('tiro'), dpi: 80, tier: 'hard', seed: 'other', rotation: 0 });
    expect(c.png!.equals(a.png!)).toBe(false);
    const turned = await renderPage({ page: smallPage('tiro'), dpi: 80, tier: 'hard', seed: 'same', rotation: 90 });
    expect([turned.width, turned.height]).toEqual([a.height, a.width]);
    expect(turned.truth.rotation).toBe(90);
    expect(turned.truth.text).toBe(a.truth.text);
  });

  it('refuses a page whose content runs off the paper', async () => {
    const page = smallPage();
    page.blocks = Array.from({ length: 60 }, () => page.blocks[3]!);
    await expect(renderPage({ page, dpi: 60, tier: 'clean', seed: 'x' })).rejects.toBeInstanceOf(PageOverflowError);
  });
});

describe('Annex 5 tables', () => {
  const shapes = { A: [10, 1, 4], B: [12, 2, 4], C: [13, 3, 4], D: [13, 3, 4] } as const;
  const years = { A: '2022-23', B: '2021-22', C: '2023-24', D: '2024-25' } as const;

  for (const format of ['A', 'B', 'C', 'D'] as const) {
    it(`format ${format}: columns, header rows, spans and indicator records`, () => {
      const rng = new Rng(`annex-${format}`);
      const style = { ...drawAnnexStyle(rng, { sep: '/', pad: true, year4: true }), numberedRow: false };
      const data = annexData(rng, years[format], format, 4, 'upazila', style);
      const t = annexTable(data, 0, data.groups.length, { header: true, fontSize: 9 });
      const [nCols, headerRows] = shapes[format];
      expect(t.nCols).toBe(nCols);
      expect(t.headerRows).toBe(headerRows);
      expect(t.columnKeys).toHaveLength(nCols);
      const nIndicators = data.groups.flat().length;
      expect(t.indicators).toHaveLength(nIndicators);
      // every activity with several indicators spans them in the sl and activity columns
      for (const g of data.groups.filter((g) => g.length > 1)) {
        const cell = t.cells.find((c) => c.c === 1 && c.text.includes(g[0]!.activity.text));
        expect(cell?.rowspan).toBe(g.length);
      }
      for (const rec of t.indicators!) {
        const row = t.cells.filter((c) => c.r === rec.row);
        expect(row.find((c) => c.c === 2)?.text).toBe(rec.indicator);
        // a printed field is the text of its cell; null values only for '-' or blank
        t.columnKeys!.forEach((key, c) => {
          const f = (rec as unknown as Record<string, { raw: string | null; value: unknown } | string | undefined>)[key];
          if (!f || typeof f === 'string' || key === 'unit') return;
          expect(row.find((cell) => cell.c === c)?.text).toBe(f.raw);
          expect(f.value === null).toBe(f.raw === '' || f.raw === '-');
        });
        if (format === 'A') expect(rec.weight).toEqual({ raw: null, value: null, printed: false });
        else expect(rec.weight.raw).not.toBeNull();
      }
      const hasTotal = format === 'C' || format === 'D';
      expect(t.cells.some((c) => c.text === 'মোট')).toBe(hasTotal);
    });
  }

  it('splits a long table between activities over pages, the মোট row on the last', () => {
    const rng = new Rng('split');
    const data = annexData(rng, '2024-25', 'D', 2, 'upazila', drawAnnexStyle(rng, { sep: '/', pad: true, year4: true }));
    const template = (blocks: PageSpec['blocks']): PageSpec => ({ section: 'annex5', subtype: 'annex5', orientation: 'landscape', font: 'hind', blocks });
    const pages = paginate(
      [{ kind: 'splitTable', groups: data.groups.length, build: (from, to, first) => annexTable(data, from, to, { header: first, fontSize: 11 }) }],
      template,
      100,
    );
    expect(pages.length).toBeGreaterThan(1);
    const tables = pages.map((p) => (p.blocks[0] as { table: TableSpec }).table);
    expect(tables[0]!.continues).toBe(true);
    expect(tables.at(-1)!.continuation).toBe(true);
    expect(tables.at(-1)!.headerRows).toBe(0);
    expect(tables.flatMap((t) => t.indicators!.map((i) => i.indicatorCode))).toEqual(data.groups.flat().map((r) => r.def.code));
    expect(tables.at(-1)!.cells.some((c) => c.text === 'মোট')).toBe(true);
    expect(tables[0]!.cells.some((c) => c.text === 'মোট')).toBe(false);
    for (const p of pages) expect(layoutPage(p, { dpi: 100, rng: new Rng(1) }).overflowPx).toBe(0);
  });
});

describe('renderTableImage', () => {
  it('returns cell boxes inside the image and a grid with merged text repeated', async () => {
    const spec = smallTable();
    const img = await renderTableImage({ nRows: spec.nRows, nCols: spec.nCols, cells: spec.cells, headerRows: 1, dpi: 120, skewDeg: 1, noise: 0.2, seal: true, font: FONT_IDS[1] });
    const meta = await sharp(img.png).metadata();
    expect([meta.width, meta.height]).toEqual([img.width, img.height]);
    expect(img.cells).toHaveLength(9); // 8 given + the empty (2,3) filled in
    for (const c of img.cells) {
      expect(c.box.x0).toBeGreaterThanOrEqual(0);
      expect(c.box.y0).toBeGreaterThanOrEqual(0);
      expect(c.box.x1).toBeLessThanOrEqual(img.width);
      expect(c.box.y1).toBeLessThanOrEqual(img.height);
    }
    expect(img.grid[0]![2]).toBe(img.grid[0]![3]);
    expect(img.rowLines).toHaveLength(4);
    expect(img.colLines).toHaveLength(5);
    expect(img.overlays).toEqual([{ type: 'seal', text: expect.any(Array) }]);
  });
});

describe('committed samples', () => {
  const truthDir = path.join(SAMPLES, 'truth');
  const files = fs.existsSync(truthDir) ? fs.readdirSync(truthDir).filter((f) => f.endsWith('.truth.json')) : [];

  it('exist: a few submissions under 5 MB in all', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const size = fs.readdirSync(path.join(SAMPLES, 'pdf')).reduce((a, f) => a + fs.statSync(path.join(SAMPLES, 'pdf', f)).size, 0);
    expect(size).toBeLessThan(5 * 1024 * 1024);
  });

  it('have valid truth matching their PDFs page for page', async () => {
    for (const f of files) {
      const truth = SubmissionTruthSchema.parse(JSON.parse(fs.readFileSync(path.join(truthDir, f), 'utf8')));
      const pdf = await PDFDocument.load(fs.readFileSync(path.join(SAMPLES, 'pdf', truth.sourcePdf)));
      expect(pdf.getPageCount(), f).toBe(truth.pageCount);
      expect(truth.pages).toHaveLength(truth.pageCount);
      truth.pages.forEach((p, i) => {
        expect(p.page).toBe(i + 1);
        const { width, height } = pdf.getPage(i).getSize();
        const landscapeStored = (p.orientation === 'landscape') !== (p.rotation === 90 || p.rotation === 270);
        expect(width > height, `${f} p${p.page}`).toBe(landscapeStored);
        for (const t of p.tables) {
          expect(t.grid).toHaveLength(t.nRows);
          for (const row of t.grid) expect(row).toHaveLength(t.nCols);
        }
      });
      expect(truth.sections.flatMap((s) => s.pages)).toEqual(truth.pages.map((p) => p.page));
    }
  });
});
