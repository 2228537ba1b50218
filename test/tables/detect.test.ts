import { describe, expect, it } from 'vitest';
import { detectTables, maskTables } from '../../pipeline/tables/detect.js';
import { flankInk, type Segment } from '../../pipeline/tables/rules.js';
import type { TableStructure } from '../../pipeline/tables/structure.js';
import { drawPage, gridLines, type Merge, type TableSpec } from './draw.js';
import { annexC, plain } from './specs.js';

const DPI = 150;

function spansOf(t: TableStructure): Merge[] {
  return t.cells
    .filter((c) => c.rowspan > 1 || c.colspan > 1)
    .map(({ r, c, rowspan, colspan }) => ({ r, c, rowspan, colspan }))
    .sort((a, b) => a.r - b.r || a.c - b.c);
}

/** Rows, columns, spans exactly; rule positions and merged-cell boxes within tol px. */
function expectMatches(found: TableStructure | undefined, spec: TableSpec, tol = 3) {
  expect(found).toBeDefined();
  const t = found!;
  const [rows, cols] = gridLines(spec);
  expect(t.nRows).toBe(spec.rowHeights.length);
  expect(t.nCols).toBe(spec.colWidths.length);
  t.rowLines.forEach((y, i) => expect(Math.abs(y - rows[i]!)).toBeLessThanOrEqual(tol));
  t.colLines.forEach((x, j) => expect(Math.abs(x - cols[j]!)).toBeLessThanOrEqual(tol));
  const want = [...(spec.merges ?? [])].sort((a, b) => a.r - b.r || a.c - b.c);
  expect(spansOf(t)).toEqual(want);
  // every grid position is covered exactly once
  const covered = new Map<string, number>();
  for (const c of t.cells) {
    for (let r = c.r; r < c.r + c.rowspan; r++) {
      for (let k = c.c; k < c.c + c.colspan; k++) covered.set(`${r},${k}`, (covered.get(`${r},${k}`) ?? 0) + 1);
    }
  }
  expect(covered.size).toBe(t.nRows * t.nCols);
  expect([...covered.values()].every((n) => n === 1)).toBe(true);
  for (const m of want) {
    const cell = t.cells.find((c) => c.r === m.r && c.c === m.c)!;
    const box = { x0: cols[m.c]!, y0: rows[m.r]!, x1: cols[m.c + m.colspan]!, y1: rows[m.r + m.rowspan]! };
    expect(Math.abs(cell.bbox.x0 - box.x0)).toBeLessThanOrEqual(tol + 2);
    expect(Math.abs(cell.bbox.y0 - box.y0)).toBeLessThanOrEqual(tol + 2);
    expect(Math.abs(cell.bbox.x1 - box.x1)).toBeLessThanOrEqual(tol + 2);
    expect(Math.abs(cell.bbox.y1 - box.y1)).toBeLessThanOrEqual(tol + 2);
  }
}

describe('detectTables', () => {
  it('finds a plain ruled grid with its rule positions', () => {
    const img = drawPage({ width: 900, height: 600, tables: [plain] });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], plain);
    const b = tables[0]!.bbox;
    for (const [got, want] of [[b.x0, 100], [b.y0, 150], [b.x1, 830], [b.y1, 420]] as const) expect(Math.abs(got - want)).toBeLessThanOrEqual(2);
  });

  it('recovers a merged header (colspan), header rowspans and an activity cell spanning indicator rows', () => {
    const img = drawPage({ width: 1754, height: 1240, tables: [annexC], fontPx: 18 });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], annexC);
    // the rule under the merged header is drawn only across the quarter columns
    expect(tables[0]!.hRules[1]!.map((x, j) => (x ? j : -1)).filter((j) => j >= 0)).toEqual([6, 7, 8, 9]);
  });

  it('recovers spans at 300 dpi, where text is twice as large relative to the thresholds', () => {
    const big: TableSpec = {
      ...annexC,
      x: 80,
      y: 200,
      colWidths: annexC.colWidths.map((w) => w * 2),
      rowHeights: annexC.rowHeights.map((h) => h * 2),
      lineWidth: 4,
    };
    const img = drawPage({ width: 3400, height: 1400, tables: [big], fontPx: 36 });
    const tables = detectTables(img, { dpi: 300 });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], big, 4);
  });

  it('tolerates broken and faint rules', () => {
    // gaps of 4 px at 150 dpi (0.7 mm), the size of toner drop-outs in a worn print
    const broken: TableSpec = { ...annexC, dashes: [40, 4] };
    const faint: TableSpec = { ...annexC, ruleGrey: 175, lineWidth: 1 };
    for (const spec of [broken, faint]) {
      const tables = detectTables(drawPage({ width: 1754, height: 1240, tables: [spec], paper: 235, fontPx: 18 }), { dpi: DPI });
      expect(tables).toHaveLength(1);
      expectMatches(tables[0], spec);
    }
  });

  it('a rule with a long stretch lost mid-way is still a rule, not a merge, when it reaches both crossing rules', () => {
    // hard scans drop 40–60% of a faint rule between two crossings (own samples, smp_002 p3 and smp_003 p1)
    const [rows, cols] = gridLines(annexC);
    const vGap: [number, number, number, number] = [cols[4]! - 4, rows[3]! + 25, 8, 40]; // 40 of 95 px
    const hGap: [number, number, number, number] = [cols[1]! + 45, rows[3]! - 4, 90, 8]; // 90 of 190 px
    const img = drawPage({ width: 1754, height: 1240, tables: [annexC], erase: [vGap, hGap], fontPx: 18 });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], annexC);
  });

  it('a rule cut short at one end is still a rule when it runs most of the way from the other', () => {
    // the generator's worn rules stop short of a crossing (held-out samples: a merge of two figure cells)
    const [rows, cols] = gridLines(annexC);
    const h = rows[4]! - rows[3]!;
    const cut: [number, number, number, number] = [cols[4]! - 4, rows[4]! - Math.round(h * 0.4), 8, Math.round(h * 0.4)];
    const img = drawPage({ width: 1754, height: 1240, tables: [annexC], erase: [cut], fontPx: 18 });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], annexC);
  });

  it('a bold text line lying where a rule is missing is not taken for a rule cut short', () => {
    // an activity spanning rows 5–6 whose bold name runs unbroken from the cell's left edge across the missing
    // rule, its letters hanging below the headline (held-out samples, hard tier)
    const [rows, cols] = gridLines(annexC);
    const y = rows[6]!;
    const x0 = cols[1]! + 4;
    const w = Math.round((cols[2]! - cols[1]!) * 0.7);
    const headline: [number, number, number, number] = [x0, y - 1, w, 3];
    const letters: [number, number, number, number][] = [];
    for (let x = x0, k = 0; x < x0 + w; x += 3, k++) letters.push([x, y + 3 + (k % 3) * 3, 2, 3]);
    const img = drawPage({ width: 1754, height: 1240, tables: [annexC], ink: [headline, ...letters], fontPx: 18 });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], annexC);
  });

  it('ignores a seal drawn over cells and rules', () => {
    const img = drawPage({
      width: 900,
      height: 600,
      tables: [plain],
      seal: { cx: 560, cy: 330, r: 85, text: 'উপজেলা সমবায় কার্যালয়' },
    });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], plain);
  });

  it('reads a landscape-width table with thirteen columns and speckle noise', () => {
    // the same physical row heights at 200 dpi, and wider columns
    const wide: TableSpec = {
      ...annexC,
      x: 40,
      colWidths: annexC.colWidths.map((w) => Math.round(w * 1.2)),
      rowHeights: annexC.rowHeights.map((h) => Math.round((h * 200) / 150)),
    };
    const img = drawPage({ width: 2339, height: 1653, tables: [wide], paper: 225, speckle: 0.002, fontPx: 20 });
    const tables = detectTables(img, { dpi: 200 });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], wide);
  });

  it('separates two tables on one page, top to bottom', () => {
    const second: TableSpec = { ...plain, y: 560, colWidths: [80, 200, 200], rowHeights: [50, 60, 60], text: {} };
    const img = drawPage({ width: 900, height: 900, tables: [plain, second], lines: [[100, 500, 'সিদ্ধান্তসমূহ:', 24]] });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(2);
    expectMatches(tables[0], plain);
    expectMatches(tables[1], second);
  });

  it.each([0.3, -0.3])('handles residual skew of %s°', (skewDeg) => {
    const img = drawPage({ width: 1754, height: 1240, tables: [annexC], skewDeg, fontPx: 18 });
    const tables = detectTables(img, { dpi: DPI });
    expect(tables).toHaveLength(1);
    expectMatches(tables[0], annexC);
    // the rule slope is reported so cells can follow it: positive skew turns content counter-clockwise
    expect(Math.sign(tables[0]!.slope)).toBe(-Math.sign(skewDeg));
  });

  it('finds no table in running text with an underlined heading', () => {
    const img = drawPage({
      width: 1240,
      height: 900,
      tables: [],
      lines: [
        [450, 120, 'প্রত্যয়নপত্র', 40, true],
        [100, 220, 'এই মর্মে প্রত্যয়ন করা যাচ্ছে যে, উপজেলা সমবায় কার্যালয়, ফুলবাড়ী, দিনাজপুর', 28],
        [100, 270, 'ই-নথিতে নোট নিষ্পত্তির হার ৮০% অর্জিত হয়েছে।', 28],
        [100, 400, '______________________', 28],
      ],
    });
    expect(detectTables(img, { dpi: DPI })).toEqual([]);
  });
});

describe('maskTables', () => {
  it('whites out table regions and keeps the text around them', () => {
    const img = drawPage({ width: 900, height: 600, tables: [plain], lines: [[100, 80, 'স্থান: সভাকক্ষ', 26]] });
    const tables = detectTables(img, { dpi: DPI });
    const masked = maskTables(img, tables);
    let inkInside = 0;
    let inkAbove = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        if (masked.data[y * img.width + x]! >= 128) continue;
        if (y >= 140 && y <= 430 && x >= 90 && x <= 840) inkInside++;
        if (y < 100) inkAbove++;
      }
    }
    expect(inkInside).toBe(0);
    expect(inkAbove).toBeGreaterThan(100);
    // the input is not modified
    expect(img.data.some((v, i) => v !== masked.data[i])).toBe(true);
  });
});

describe('flankInk', () => {
  const W = 200;
  const H = 60;
  const seg: Segment = { orient: 'h', a0: 20, a1: 180, pos: 30, mid: 100, slope: 0, thickness: 3, p0: 29, p1: 31 };
  const page = (draw: (set: (x: number, y: number) => void) => void) => {
    const ink = new Uint8Array(W * H);
    const set = (x: number, y: number) => (ink[y * W + x] = 1);
    for (let x = 20; x <= 180; x++) for (let y = 29; y <= 31; y++) set(x, y);
    draw(set);
    return ink;
  };

  it('is white on both sides of a rule, also of a double frame’s rule', () => {
    expect(flankInk(seg, page(() => {}), W, H, 5)).toEqual({ above: 0, below: 0 });
    const double = page((set) => {
      for (let x = 20; x <= 180; x++) set(x, 36);
    });
    expect(flankInk(seg, double, W, H, 5)).toEqual({ above: 0, below: 0 });
  });

  it('sees the letters hanging below a headline', () => {
    // a stem every 6 px, 2 px wide, and a bowl between: letters under the মাত্রা
    const headline = page((set) => {
      for (let x = 20; x <= 180; x++) if (x % 6 < 3) for (let y = 33; y < 45; y++) set(x, y);
    });
    const f = flankInk(seg, headline, W, H, 5);
    expect(f.below).toBeGreaterThan(0.4);
    expect(f.above).toBe(0);
  });
});
