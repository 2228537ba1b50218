import { afterAll, describe, expect, it } from 'vitest';
import type { OcrEngine, OcrLine, OcrRequest, OcrResult } from '../../models/ocr.js';
import { TableSchema } from '../../models/table.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { figureVote, isFigureCell, misreadFigures, readTableCells, wordsToLines, type CellStrategy } from '../../pipeline/tables/cells.js';
import { COUNT_CHARSET, FIGURE_CHARSET } from '../../pipeline/ocr/charsets.js';
import { detectTables } from '../../pipeline/tables/detect.js';
import { drawPage, type TableSpec } from './draw.js';

/**
 * Stands in for Tesseract: decodes the PGM it is given, cuts it into horizontal bands of ink (lines) and each band
 * into words at white gaps wider than a letter gap, and names the words in reading order ("w0", "w1", …). Lets
 * the tests check where each piece of text ends up without depending on OCR accuracy.
 */
class BandEngine implements OcrEngine {
  calls = 0;
  readonly requests: OcrRequest[] = [];
  async recognise(req: OcrRequest): Promise<OcrResult> {
    this.calls++;
    this.requests.push(req);
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(req.png.subarray(0, 40)).toString('latin1'));
    if (!m) throw new Error('BandEngine reads PGM only');
    const width = Number(m[1]);
    const height = Number(m[2]);
    const data = req.png.subarray(m[0].length);
    const dark = (x: number, y: number) => data[y * width + x]! < 128;
    const rowDark = (y: number) => {
      for (let x = 0; x < width; x++) if (dark(x, y)) return true;
      return false;
    };
    // bands: runs of inked rows, bridging gaps of a few rows (a vowel sign above the headline)
    const bands: [number, number][] = [];
    for (let y = 0; y < height; y++) {
      if (!rowDark(y)) continue;
      const last = bands[bands.length - 1];
      if (last && y - last[1] <= 4) last[1] = y + 1;
      else bands.push([y, y + 1]);
    }
    const lines: OcrLine[] = [];
    let n = 0;
    for (const [y0, y1] of bands) {
      const words: OcrLine['words'] = [];
      let start = -1;
      let lastInk = -100;
      for (let x = 0; x <= width; x++) {
        let ink = false;
        for (let y = y0; y < y1 && x < width && !ink; y++) ink = dark(x, y);
        if (ink) {
          if (start < 0) start = x;
          lastInk = x;
        } else if (start >= 0 && x - lastInk > 14) {
          words.push({ text: `w${n++}`, conf: 90, bbox: { x0: start, y0, x1: lastInk + 1, y1 } });
          start = -1;
        }
      }
      if (start >= 0) words.push({ text: `w${n++}`, conf: 90, bbox: { x0: start, y0, x1: lastInk + 1, y1 } });
      if (words.length) {
        lines.push({ text: words.map((w) => w.text).join(' '), conf: 90, bbox: { x0: words[0]!.bbox.x0, y0, x1: words[words.length - 1]!.bbox.x1, y1 }, words });
      }
    }
    return { text: lines.map((l) => l.text).join('\n'), lines, meanConf: lines.length ? 90 : null };
  }
  async close(): Promise<void> {}
}

/**
 * A band engine whose restricted (Bangla-only) readings are unsure of one cell's words and whose unrestricted
 * readings say `unrestricted` at `conf`: how a URL cell reads under each.
 */
class TwoReadingsEngine extends BandEngine {
  constructor(private readonly unsureWord: number, private readonly unrestricted: string, private readonly conf: number) {
    super();
  }
  override async recognise(req: OcrRequest): Promise<OcrResult> {
    const res = await super.recognise(req);
    for (const line of res.lines) {
      for (const w of line.words) {
        if (req.charset) {
          if (w.text === `w${this.unsureWord}`) w.conf = 7;
        } else {
          w.text = this.unrestricted;
          w.conf = this.conf;
        }
      }
    }
    return res;
  }
}

/** The word numbers of a cell text, in the order they appear. */
const wordNumbers = (t: string) => [...t.matchAll(/w(\d+)/g)].map((m) => Number(m[1]));

const DPI = 150;
const spec: TableSpec = {
  x: 60,
  y: 60,
  colWidths: [90, 260, 150, 150],
  rowHeights: [50, 50, 90, 60, 60],
  merges: [
    { r: 0, c: 2, rowspan: 1, colspan: 2 },
    { r: 2, c: 0, rowspan: 2, colspan: 1 },
  ],
  text: {
    '0,0': 'ক্রমিক',
    '0,1': 'কার্যক্রম',
    '0,2': 'প্রকৃত অর্জন',
    '1,2': '১ম',
    '1,3': '২য়',
    '2,0': '০১',
    '2,1': 'তথ্য বাতায়ন\nহালনাগাদকরণ',
    '2,2': '-',
    '3,1': 'সংখ্যা',
    '3,2': '১০',
    '4,0': 'মোট',
    '4,3': '৫০',
  },
};

describe('readTableCells (band engine)', () => {
  const img = drawPage({ width: 760, height: 420, tables: [spec], fontPx: 20 });
  const [structure] = detectTables(img, { dpi: DPI });

  it.each<CellStrategy>(['mosaic', 'cells'])('%s: text lands in its cell, in reading order, merged cells repeated', async (strategy) => {
    expect(structure).toBeDefined();
    const engine = new BandEngine();
    const table = await readTableCells(img, structure!, engine, { dpi: DPI, strategy });
    expect(() => TableSchema.parse(table)).not.toThrow();
    expect(table.nRows).toBe(5);
    expect(table.nCols).toBe(4);
    expect(table.role).toBe('unknown');
    const at = (r: number, c: number) => table.grid[r]![c]!;
    // empty cells are recognised without OCR
    for (const [r, c] of [
      [1, 0],
      [1, 1],
      [2, 3],
      [3, 3],
      [4, 1],
      [4, 2],
    ] as const) {
      expect(at(r, c)).toBe('');
    }
    // the lone dash is recognised by its shape
    expect(at(2, 2)).toBe('-');
    // the two-line activity cell keeps both lines, top to bottom; the grid holds them rejoined as one text
    const twoLines = table.cells.find((c) => c.r === 2 && c.c === 1)!;
    expect(twoLines.text.split('\n')).toHaveLength(2);
    expect(at(2, 1)).toBe(twoLines.text.replace('\n', ' '));
    // merged cells: the same text in every position they cover
    expect(at(0, 2)).not.toBe('');
    expect(at(0, 3)).toBe(at(0, 2));
    expect(at(3, 0)).toBe(at(2, 0));
    // every non-empty cell got its own text: no band was shared or lost
    const texts = table.cells.map((c) => c.text).filter((t) => t && t !== '-');
    expect(texts).toHaveLength(11);
    if (strategy === 'mosaic') {
      // one OCR call read the whole table, and the words come back to the cells in reading order
      expect(engine.calls).toBe(1);
      const order = texts.flatMap(wordNumbers);
      expect(order).toEqual(order.map((_, i) => i));
    } else {
      expect(engine.calls).toBe(11);
    }
    const empty = table.cells.find((c) => c.r === 1 && c.c === 0)!;
    expect(empty.conf).toBeNull();
    const filled = table.cells.find((c) => c.r === 2 && c.c === 1)!;
    expect(filled.conf).toBe(90);
    expect(filled.bbox.x0).toBeLessThan(filled.bbox.x1);
  });

  it('reads cells Bangla-only first, and again unrestricted only the cells that reading doubts', async () => {
    // w0 is the header's first word, in cell (0,0)
    const sure = new TwoReadingsEngine(0, 'http://coop.gov.bd/', 85);
    const table = await readTableCells(img, structure!, sure, { dpi: DPI });
    expect(sure.calls).toBe(2);
    expect(sure.requests[0]!.charset).toContain('০');
    expect(sure.requests[0]!.charset).not.toMatch(/[A-Za-z0-9]/);
    expect(sure.requests[1]!.charset).toBeUndefined();
    expect(table.grid[0]![0]).toBe('http://coop.gov.bd/');
    expect(table.grid[0]![1]).toMatch(/^w\d+$/);

    // an unsure Latin guess (a signature, a lone digit) does not replace the Bangla reading
    const unsure = new TwoReadingsEngine(0, 'SO', 40);
    const kept = await readTableCells(img, structure!, unsure, { dpi: DPI });
    expect(unsure.calls).toBe(2);
    expect(kept.grid[0]![0]).toBe('w0');

    // charset null: one unrestricted reading, as before
    const once = new BandEngine();
    await readTableCells(img, structure!, once, { dpi: DPI, charset: null });
    expect(once.calls).toBe(1);
    expect(once.requests[0]!.charset).toBeUndefined();
  });

  it('region: words are assigned to cells by their centre', async () => {
    const rows: TableSpec = {
      x: 60,
      y: 60,
      colWidths: [120, 200, 160],
      rowHeights: [50, 50, 50],
      text: { '0,0': 'ক্রমিক', '0,1': 'কার্যক্রম', '0,2': 'মন্তব্য', '1,0': '০১', '1,1': 'সংখ্যা', '2,2': '১০' },
    };
    const page = drawPage({ width: 620, height: 260, tables: [rows], fontPx: 20 });
    const [s] = detectTables(page, { dpi: DPI });
    const engine = new BandEngine();
    const table = await readTableCells(page, s!, engine, { dpi: DPI, strategy: 'region' });
    expect(engine.calls).toBe(1);
    expect(table.grid.map((r) => r.map((t) => (t ? 'x' : '')))).toEqual([
      ['x', 'x', 'x'],
      ['x', 'x', ''],
      ['', '', 'x'],
    ]);
    const order = table.grid.flat().filter(Boolean).flatMap(wordNumbers);
    expect(order).toEqual(order.map((_, i) => i));
  });
});

/**
 * A band engine whose first (Bangla) reading names the words from `texts` in reading order, and whose
 * figure-only readings say `figure` at `conf`: how a lone "৬" read as the letter "ঙ" behaves.
 */
class FigureEngine extends BandEngine {
  constructor(private readonly texts: string[], private readonly figure: string, private readonly conf: number) {
    super();
  }
  override async recognise(req: OcrRequest): Promise<OcrResult> {
    const res = await super.recognise(req);
    for (const line of res.lines) {
      for (const w of line.words) {
        if (req.charset === FIGURE_CHARSET) {
          w.text = this.figure;
          w.conf = this.conf;
        } else w.text = this.texts[Number(w.text.slice(1))] ?? w.text;
      }
    }
    return res;
  }
}

/** A drawn table of a text column and a figures column (header row first), and its detected structure. */
function figuresTable(rows: [string, string][]) {
  const spec: TableSpec = {
    x: 60,
    y: 60,
    colWidths: [220, 120],
    rowHeights: rows.map(() => 50),
    text: Object.fromEntries(rows.flatMap(([a, b], r) => [[`${r},0`, a], [`${r},1`, b]])),
  };
  const img = drawPage({ width: 460, height: 300, tables: [spec], fontPx: 20 });
  const [structure] = detectTables(img, { dpi: DPI });
  return { img, structure };
}

describe('figure cells read as letters', () => {
  const { img, structure } = figuresTable([
    ['কার্যক্রম', 'মান'],
    ['সভা', '১০'],
    ['সেবা', '৬'],
    ['নথি', '২০'],
  ]);
  // reading order of the mosaic: row by row; "৬" comes out as the letter "ঙ"
  const first = ['কার্যক্রম', 'মান', 'সভা', '১০', 'সেবা', 'ঙ', 'নথি', '২০'];

  it('reads a figure column cell again restricted to figures, and keeps a sure figure', async () => {
    const engine = new FigureEngine(first, '৬', 80);
    const table = await readTableCells(img, structure!, engine, { dpi: DPI });
    expect(table.grid.map((r) => r[1])).toEqual(['মান', '১০', '৬', '২০']);
    const figureCalls = engine.requests.filter((r) => r.charset === FIGURE_CHARSET);
    // one call, for the one doubted cell, read as a single word
    expect(figureCalls).toHaveLength(1);
    expect(figureCalls[0]!.psm).toBe('word');
    // the text column and the header label above the first figure are left alone
    expect(table.grid.map((r) => r[0])).toEqual(['কার্যক্রম', 'সভা', 'সেবা', 'নথি']);
  });

  it('keeps the first reading when the figure-only reading is unsure', async () => {
    const engine = new FigureEngine(first, '৬', 10);
    const table = await readTableCells(img, structure!, engine, { dpi: DPI });
    expect(table.grid[2]![1]).toBe('ঙ');
    // tried as one word, then as one line
    expect(engine.requests.filter((r) => r.charset === FIGURE_CHARSET).map((r) => r.psm)).toEqual(['word', 'line']);
  });

  it('misreadFigures: which cells are doubted', () => {
    const cell = (r: number, c: number, text: string, colspan = 1) => ({ r, c, colspan, text });
    const cells = [
      cell(0, 0, 'কার্যক্রম'),
      cell(0, 1, 'মান'),
      cell(0, 2, 'মন্তব্য'),
      cell(1, 0, 'সভা'),
      cell(1, 1, '১০'),
      cell(1, 2, 'নাই'),
      cell(2, 0, 'সেবা'),
      cell(2, 1, 'নে'),
      cell(3, 0, 'নথি'),
      cell(3, 1, '২টি'),
      cell(4, 1, ''),
      cell(5, 1, '৩০%'),
    ];
    // "নে" and the inked cell read as nothing in the figures column; not the header label, not the count "২টি",
    // not the remarks column (one short word is no figures column)
    expect(misreadFigures(cells)).toEqual([7, 10]);
    // a row of figure cells (the column-number row) doubts its one letter
    const numbered = [cell(0, 0, '১'), cell(0, 1, '২'), cell(0, 2, 'ত'), cell(0, 3, '৪')];
    expect(misreadFigures(numbered)).toEqual([2]);
    // a figure read in Latin digits is doubted; the same in Bangla digits is not
    expect(misreadFigures([cell(0, 0, 'হার'), cell(1, 0, '৫০%'), cell(2, 0, '500%'), cell(3, 0, '৭৫%')])).toEqual([2]);
    // a column with a single figure is no figures column
    expect(misreadFigures([cell(0, 0, 'মান'), cell(1, 0, '৫'), cell(2, 0, 'ত')])).toEqual([]);
    // the first figure misread as marks sits above the first figure read, under the header label: doubted
    expect(misreadFigures([cell(0, 0, 'সংখ্যা'), cell(1, 0, '[.'), cell(2, 0, '১০০%'), cell(3, 0, '৯০%')])).toEqual([1]);
  });
});

describe('wordsToLines', () => {
  it('groups words by line, top to bottom and left to right', () => {
    const w = (text: string, x0: number, y0: number) => ({ text, conf: 90, bbox: { x0, y0, x1: x0 + 30, y1: y0 + 20 } });
    const lines = wordsToLines([w('d', 50, 42), w('a', 10, 0), w('c', 10, 40), w('b', 50, 3)]);
    expect(lines.map((l) => l.map((x) => x.text).join(' '))).toEqual(['a b', 'c d']);
  });
});

describe('readTableCells (Tesseract)', () => {
  const engine = new TesseractEngine();
  afterAll(() => engine.close());

  it('reads Bangla cell text, a dash and an empty cell at 300 dpi', async () => {
    const small: TableSpec = {
      x: 40,
      y: 40,
      colWidths: [260, 300, 200],
      rowHeights: [90, 140, 90],
      text: {
        '0,0': 'কার্যক্রম',
        '0,1': 'সংখ্যা',
        '0,2': 'মন্তব্য',
        '1,0': 'তারিখ',
        '1,1': 'ইনোভেশন\nশোকেসিং',
        '2,0': '-',
        '2,1': 'সদস্য',
      },
    };
    const img = drawPage({ width: 840, height: 400, tables: [small], fontPx: 40 });
    const [structure] = detectTables(img, { dpi: 300 });
    expect(structure).toBeDefined();
    const table = await readTableCells(img, structure!, engine, { dpi: 300 });
    expect(table.grid).toEqual([
      ['কার্যক্রম', 'সংখ্যা', 'মন্তব্য'],
      ['তারিখ', 'ইনোভেশন শোকেসিং', ''],
      ['-', 'সদস্য', ''],
    ]);
    for (const c of table.cells) {
      if (c.text && c.text !== '-') expect(c.conf).toBeGreaterThan(50);
    }
  });

  it('reads short Bangla numbers and codes as Bangla, not as Latin look-alikes (৮ → "br", ১০০% → "500%")', async () => {
    const numbers: TableSpec = {
      x: 40,
      y: 40,
      colWidths: [360, 160, 200, 160],
      rowHeights: [90, 90],
      text: { '0,0': '[৪.১.১] ই-ফাইলে', '0,1': '৮', '0,2': '১০০%', '0,3': '৯০%', '1,0': '[২.১.১] সংখ্যা', '1,1': '৫', '1,2': '৮০%', '1,3': '৪' },
    };
    const img = drawPage({ width: 960, height: 260, tables: [numbers], fontPx: 40 });
    const [structure] = detectTables(img, { dpi: 300 });
    const table = await readTableCells(img, structure!, engine, { dpi: 300 });
    expect(table.grid).toEqual([
      ['[৪.১.১] ই-ফাইলে', '৮', '১০০%', '৯০%'],
      ['[২.১.১] সংখ্যা', '৫', '৮০%', '৪'],
    ]);
  });
  it('keeps English words, addresses and ASCII figures of a mixed table, and its Bangla figures Bangla', async () => {
    const mixed: TableSpec = {
      x: 40,
      y: 40,
      colWidths: [380, 170, 430],
      rowHeights: [80, 80, 80, 80],
      text: {
        '0,0': 'Name', '0,1': 'সংখ্যা', '0,2': 'E-mail',
        '1,0': 'GRS সফটওয়্যার', '1,1': '৮', '1,2': 'uco.boda@gmail.com',
        '2,0': 'Zoom সভা', '2,1': '১০০%', '2,2': 'www.grs.gov.bd',
        '3,0': 'Google Meet', '3,1': '৯০%', '3,2': '01712-345678',
      },
    };
    const img = drawPage({ width: 1080, height: 420, tables: [mixed], fontPx: 36 });
    const [structure] = detectTables(img, { dpi: 300 });
    const table = await readTableCells(img, structure!, engine, { dpi: 300 });
    expect(table.grid).toEqual([
      ['Name', 'সংখ্যা', 'E-mail'],
      ['GRS সফটওয়্যার', '৮', 'uco.boda@gmail.com'],
      ['Zoom সভা', '১০০%', 'www.grs.gov.bd'],
      ['Google Meet', '৯০%', '01712-345678'],
    ]);
  });
});

/**
 * A band engine whose first reading names the words from `texts` in reading order, whose 2× mosaic of short
 * figures says `second` for each of them (in order) and whose single-cell line readings say `third` (in order of
 * the calls): how "০১" misread "০৬" at 90 is outvoted.
 */
class VoteEngine extends BandEngine {
  private thirdCall = 0;
  constructor(
    private readonly texts: string[],
    private readonly second: string[],
    private readonly third: string[],
    private readonly firstConf = 70,
  ) {
    super();
  }
  override async recognise(req: OcrRequest): Promise<OcrResult> {
    const res = await super.recognise(req);
    const third = req.charset === COUNT_CHARSET && req.psm === 'line' ? this.third[this.thirdCall++] : undefined;
    for (const line of res.lines) {
      for (const w of line.words) {
        const n = Number(w.text.slice(1));
        // the first reading is less sure than the figure-only ones
        w.conf = req.charset === COUNT_CHARSET ? 90 : this.firstConf;
        if (req.charset === COUNT_CHARSET && req.psm === 'block') w.text = this.second[n] ?? w.text;
        else if (third !== undefined) w.text = third;
        else w.text = this.texts[n] ?? w.text;
      }
    }
    return res;
  }
}

describe('figure cells settled by vote', () => {
  const { img, structure } = figuresTable([
    ['কার্যক্রম', 'অর্জন'],
    ['সভা', '০১'],
    ['সেবা', '০২'],
    ['নথি', '১টি'],
  ]);
  const first = ['কার্যক্রম', 'অর্জন', 'সভা', '০৬', 'সেবা', '০২', 'নথি', '২টি'];
  const cell = (t: Awaited<ReturnType<typeof readTableCells>>, r: number) => t.cells.find((c) => c.r === r && c.c === 1)!;

  it('figureVote: agreement keeps, a second reading backed by the third and surer than the first wins', () => {
    const r = (text: string, conf = 80) => ({ text, conf });
    expect(figureVote(r('০৬'), r('০৬'))).toBe('keep');
    expect(figureVote(r('০ ৬'), r('০৬'))).toBe('keep');
    expect(figureVote(r('০৬'), r('০১'))).toBe('undecided');
    expect(figureVote(r('০৬', 60), r('০১', 90), r('০১', 70))).toBe('second');
    expect(figureVote(r('০৬'), r('০১'), r('০৬'))).toBe('keep');
    expect(figureVote(r('০৬'), r('০১'), r('০২'))).toBe('disputed');
    // two readings of one crop sharing a mistake do not overrule a surer first reading: the first is doubted
    expect(figureVote(r('১০০%', 81), r('২১০০%', 46), r('২১০০%', 50))).toBe('disputed');
    // nor add a digit a speck or a broken glyph made: they may change or drop digits
    expect(figureVote(r('০১', 40), r('৫০১', 70), r('৫০১', 70))).toBe('disputed');
    expect(figureVote(r('৫০১', 40), r('০১', 70), r('০১', 70))).toBe('second');
    // empty readings and words never win
    expect(figureVote(r('০৬', 0), r('', 90), r('', 90))).toBe('disputed');
    expect(figureVote(r('০৬', 0), r('সভা', 90), r('সভা', 90))).toBe('disputed');
  });

  it('isFigureCell: counts, percents, scores, serials and dates; not words or long runs of digits', () => {
    for (const t of ['০১', '৭৫%', '২.৫', '১টি', '০৩।', '১০০%', '১১/০৫/২০২৫', '১১/০৫/\n২০২৫']) expect(isFigureCell(t), t).toBe(true);
    for (const t of ['সংখ্যা', '-', '', '১২৩৪৫৬৭৮৯০১২৩', 'টি', '[৪.১.১]', '৪০ জন']) expect(isFigureCell(t), t).toBe(false);
  });

  it('the first reading is replaced where the second and third agree, with the lesser confidence', async () => {
    // the mosaic sees "০১", "০২", "১টি"; single-cell readings are made only for the two cells it disagrees on
    const engine = new VoteEngine(first, ['০১', '০২', '১টি'], ['০১', '১টি']);
    const table = await readTableCells(img, structure!, engine, { dpi: DPI });
    expect(table.grid.map((r) => r[1])).toEqual(['অর্জন', '০১', '০২', '১টি']);
    expect(engine.requests.filter((r) => r.charset === COUNT_CHARSET).map((r) => r.psm)).toEqual(['block', 'line', 'line']);
    expect(cell(table, 1).conf).toBe(90);
    // the header label and the text column are not figures and never voted on
    expect(table.grid.map((r) => r[0])).toEqual(['কার্যক্রম', 'সভা', 'সেবা', 'নথি']);
  });

  it('a first reading surer than the vote bar is not voted on', async () => {
    const engine = new VoteEngine(first, ['০১', '০২', '১টি'], ['০১', '১টি'], 95);
    const table = await readTableCells(img, structure!, engine, { dpi: DPI });
    expect(engine.requests.filter((r) => r.charset === COUNT_CHARSET)).toHaveLength(0);
    expect(table.grid[1]![1]).toBe('০৬');
    expect(cell(table, 1).conf).toBe(95);
  });

  it('three different readings keep the first, at a confidence below the low-confidence bar', async () => {
    const engine = new VoteEngine(first, ['০১', '০২', '২টি'], ['০৯']);
    const table = await readTableCells(img, structure!, engine, { dpi: DPI });
    expect(table.grid.map((r) => r[1])).toEqual(['অর্জন', '০৬', '০২', '২টি']);
    expect(cell(table, 1).conf).toBeLessThan(60);
    // cells every reading agrees on keep their confidence
    expect(cell(table, 2).conf).toBe(70);
    expect(cell(table, 3).conf).toBe(70);
  });
});
