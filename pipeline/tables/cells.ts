/**
 * Cell text for a detected table. The rules are painted out, empty cells are recognised without OCR, and the
 * remaining cells are read in one of three ways (measured in src/measure/tables.ts):
 *  - 'mosaic': every non-empty cell's crop stacked in one tall image, one cell per band with white gaps, read by
 *    one Tesseract call and mapped back by y. One call per table instead of one per cell.
 *  - 'cells': one Tesseract call per non-empty cell crop.
 *  - 'region': one call over the whole (rule-free) table region, words assigned to cells by their centre.
 */
import type { Box } from '../../models/geometry.js';
import type { GreyImage } from '../../models/image.js';
import type { OcrEngine, OcrWord, Psm } from '../../models/ocr.js';
import type { Table, TableCell } from '../../models/table.js';
import { toPgm } from '../image.js';
import { cellsToGrid } from './grid-text.js';
import { BANGLA_TABLE_CHARSET, COUNT_CHARSET, FIGURE_CHARSET, LATIN_STEM_CHARSET } from '../ocr/charsets.js';
import { figureColumns, garbledStem, latinColumns, latinStem, mergeReadings, needsSecondLook, unreadInk } from './script.js';
import { cleanTableRegion, cropRegion, findCellInk, isFaintDash, isLoneDash, straySpecks, type CellInk, type Region } from './clean.js';
import { scaleUp } from './scale.js';
import type { TableStructure } from './structure.js';

export type CellStrategy = 'mosaic' | 'cells' | 'region';

export interface ReadCellsOptions {
  dpi: number;
  /** default 'mosaic' */
  strategy?: CellStrategy;
  /**
   * resolution the crops are enlarged to before OCR (never reduced). Default: no enlarging — measured on the
   * eval corpus, enlarging 150–240 dpi crops to 300 dpi (cubic) lost cells (74.8% vs 77.3% exact): Tesseract's
   * ben model doubles glyphs (০ → "0০") on the smoothed strokes.
   */
  ocrDpi?: number;
  /** page segmentation for the mosaic / per-cell calls (default 'block') */
  psm?: Psm;
  /**
   * characters of the first reading (see OcrRequest.charset). Default: Bangla and punctuation
   * (BANGLA_TABLE_CHARSET); cells that reading leaves empty, unsure or with a trace of Latin are read again
   * without restriction and the script is chosen per word (script.ts), so URLs and English words survive.
   * `null` reads every cell once, unrestricted.
   */
  charset?: string | null;
  /** settle figure cells by a vote of three readings (voteOnFigureCells); default true */
  vote?: boolean;
}

interface Reading {
  words: OcrWord[];
}

/** A figure as these tables print one: a count, percent, decimal, date or serial, at least one digit. */
const FIGURE = /^[০-৯.,%/\-–।:\s]*[০-৯][০-৯.,%/\-–।:\s]*$/u;
/** A reading short enough to be one misread figure ("ঙ", "নে", "©"); header words in figure columns are longer. */
const MAX_MISREAD_FIGURE = 3;
const COUNTED = /[০-৯](টি|টা)/u;
const LATIN_FIGURE = /^(?=.*[0-9])[0-9০-৯.,%/\-]{1,6}$/u;
/** A column is a figures column when this share of its non-empty cells below its first figure are figures. */
const FIGURE_COLUMN_SHARE = 0.6;
/**
 * A figure-only re-reading replaces a misread figure only this sure: a forced reading of a real word is not.
 * Measured on own samples and the eval corpus: right re-readings of letter-like misreads scored 40–91, wrong
 * ones 0–11. A cell read as nothing must be surer: its ink may be a faint dash or a speck (a dash came back "০"
 * at 46); right re-readings of such cells scored 89.
 */
const FIGURE_REREAD_MIN_CONF = 35;
const FIGURE_FROM_NOTHING_MIN_CONF = 60;

/**
 * Cells of figure columns (weights, targets, achievements, scores, serials) whose reading is no figure: empty
 * although inked, or one to three non-digit characters. A lone Bangla digit is often read as a letter that
 * looks like it (৬ → ঙ, ৩ → ত, ৭ → নন); read again restricted to figures, it is the digit. Only cells below
 * the column's first figure are taken, so the header labels above never are, and cells of a row of short
 * figures (the column-number row).
 */
export function misreadFigures(cells: { r: number; c: number; colspan: number; text: string }[]): number[] {
  const out: number[] = [];
  const columns = new Map<number, number[]>();
  cells.forEach((cell, k) => {
    if (cell.colspan !== 1) return;
    const list = columns.get(cell.c) ?? [];
    list.push(k);
    columns.set(cell.c, list);
  });
  for (const ks of columns.values()) {
    ks.sort((a, b) => cells[a]!.r - cells[b]!.r);
    const first = ks.findIndex((k) => FIGURE.test(cells[k]!.text));
    if (first < 0) continue;
    const below = ks.slice(first + 1);
    const filled = [ks[first]!, ...below].filter((k) => cells[k]!.text.trim());
    const figures = filled.filter((k) => FIGURE.test(cells[k]!.text) || COUNTED.test(cells[k]!.text)).length;
    if (figures < 2 || figures < FIGURE_COLUMN_SHARE * filled.length) continue;
    // above the first figure are the header labels, words; a cell there holding no Bangla letter is a figure
    // misread as marks ("[." for ৮ at the top of a column in a mosaic with English cells)
    const above = ks.slice(0, first).filter((k) => cells[k]!.text.trim() && !/[\u0985-\u09b9]/u.test(cells[k]!.text));
    for (const k of [...above, ...below]) {
      const t = cells[k]!.text.replace(/\s+/gu, '');
      // "১টি" is a count with its classifier, read right; Latin digits are a Bangla figure read in the other
      // script ("500%" for ১০০%: the unrestricted re-reading of a doubted cell)
      if ((!FIGURE.test(t) && [...t].length <= MAX_MISREAD_FIGURE && !COUNTED.test(t)) || LATIN_FIGURE.test(t)) out.push(k);
    }
  }
  // the column-number row of the 2024-25 layout ("১ ২ … ১৩"): short cells, nearly all figures
  const rows = new Map<number, number[]>();
  cells.forEach((cell, k) => rows.set(cell.r, [...(rows.get(cell.r) ?? []), k]));
  for (const ks of rows.values()) {
    const filled = ks.filter((k) => cells[k]!.text.trim());
    const figures = filled.filter((k) => FIGURE.test(cells[k]!.text)).length;
    if (figures < 3 || figures < FIGURE_COLUMN_SHARE * filled.length) continue;
    if (!filled.every((k) => [...cells[k]!.text.replace(/\s+/gu, '')].length <= MAX_MISREAD_FIGURE)) continue;
    for (const k of ks) if (!FIGURE.test(cells[k]!.text) && cells[k]!.colspan === 1 && !out.includes(k)) out.push(k);
  }
  return out.sort((a, b) => a - b);
}

/** The longest figure cell: a date ("১৮/০৪/২০২৫") with room for a stray mark; longer runs are no one figure. */
const MAX_FIGURE_CELL = 12;

/**
 * A cell holding one figure (FIGURE: a count, percent, score, serial or date), a count with its classifier
 * ("১টি") included; not words, not long runs of digits.
 */
export function isFigureCell(text: string): boolean {
  const t = text.replace(/\s+/gu, '');
  return [...t].length <= MAX_FIGURE_CELL && FIGURE.test(t.replace(/(টি|টা)$/u, ''));
}

/**
 * Confidence given to a figure no majority of its readings backs: below the records' low-confidence bar
 * (0.6), so a reviewer is sent to it. Of 81 such cells (see voteOnFigureCells) 48 were wrong.
 */
const DISPUTED_FIGURE_CONF = 50;

/**
 * Figure cells read surer than this are not voted on. Measured (measure-vote.ts, 1090 cells): of the 449 first
 * readings at 93 or more none was outvoted rightly and the 4 disputed were right; leaving them out takes 41% of
 * the cells out of the vote's mosaic (about 0.2 s of an Annex 5 page's 0.5 s).
 */
export const VOTE_BELOW_CONF = 93;

/** One reading of a cell as the vote compares it: its text and mean word confidence. */
export interface FigureReading {
  text: string;
  conf: number | null;
}

/**
 * The outcome of the vote on one figure cell: `keep` the first reading, take the `second` (the third agrees with
 * it, the two are surer of it on average than the first was of itself, and it has no more digits), or keep the
 * first as `disputed`; `undecided` while the first two differ and the third is still to be read. Readings are
 * compared without spaces; an empty reading never wins. The confidence test stops two readings of one crop sharing a mistake from
 * overruling a sure first reading: a Hind Siliguri ১০০% read "২১০০%" by both figure-only readings at 46, against
 * the first's right "১০০%" at 81 (held-out set).
 */
export function figureVote(first: FigureReading, second: FigureReading, third?: FigureReading): 'keep' | 'second' | 'disputed' | 'undecided' {
  const squeeze = (s: string) => s.replace(/\s+/gu, '');
  const [a, b] = [squeeze(first.text), squeeze(second.text)];
  if (a === b) return 'keep';
  if (third === undefined) return 'undecided';
  const c = squeeze(third.text);
  if (c === a) return 'keep';
  // the restricted readings can only say figures; a word here would be no reading of this cell
  const backed = c === b && isFigureCell(c);
  // readings restricted to figures must find digits in whatever ink there is, and make a speck or a broken
  // glyph into one more ("০১" → "৫০১", "১০০%" → "২১০০%" on the eval corpus and a held-out set): they may change
  // or drop a digit, never add one
  const digits = (t: string) => (t.match(/[০-৯]/gu) ?? []).length;
  const surer = ((second.conf ?? 0) + (third.conf ?? 0)) / 2 > (first.conf ?? 0);
  if (backed && surer && digits(c) <= digits(a)) return 'second';
  return 'disputed';
}

/** Group words into visual lines (by vertical overlap), top to bottom, each left to right. */
export function wordsToLines(words: OcrWord[]): OcrWord[][] {
  const sorted = [...words].sort((a, b) => a.bbox.y0 + a.bbox.y1 - (b.bbox.y0 + b.bbox.y1));
  const lines: { y0: number; y1: number; u0: number; u1: number; words: OcrWord[] }[] = [];
  for (const w of sorted) {
    const cy = (w.bbox.y0 + w.bbox.y1) / 2;
    const h = w.bbox.y1 - w.bbox.y0;
    // the word's centre within the line's first word, or the word lying half or more of its height within the
    // line's words: a short Latin word ("SDG", "bd") beside Bangla with its head-stroke and vowel signs
    const line = lines.find((l) => (cy >= l.y0 && cy <= l.y1) || Math.min(l.u1, w.bbox.y1) - Math.max(l.u0, w.bbox.y0) >= 0.5 * h);
    if (line) {
      line.words.push(w);
      line.u0 = Math.min(line.u0, w.bbox.y0);
      line.u1 = Math.max(line.u1, w.bbox.y1);
      // the centre test keeps to the line's first word, so a tall vowel sign cannot swallow the next line
    } else {
      lines.push({ y0: w.bbox.y0, y1: w.bbox.y1, u0: w.bbox.y0, u1: w.bbox.y1, words: [w] });
    }
  }
  return lines
    .sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1))
    .map((l) => l.words.sort((a, b) => a.bbox.x0 - b.bbox.x0));
}

export function cellText(words: OcrWord[]): { text: string; conf: number | null } {
  const kept = words.filter((w) => w.text.trim());
  if (!kept.length) return { text: '', conf: null };
  const text = wordsToLines(kept)
    .map((l) => l.map((w) => w.text.trim()).join(' '))
    .join('\n')
    .normalize('NFC');
  return { text, conf: kept.reduce((s, w) => s + w.conf, 0) / kept.length };
}

function padBox(b: Box, pad: number, within: Box): Box {
  return {
    x0: Math.max(within.x0, b.x0 - pad),
    y0: Math.max(within.y0, b.y0 - pad),
    x1: Math.min(within.x1, b.x1 + pad),
    y1: Math.min(within.y1, b.y1 + pad),
  };
}

/** Box of the crop that is OCR-ed for a cell: its ink plus a little white, never past its rules. */
function cropBox(ci: CellInk, dpi: number): Box {
  return padBox(ci.ink!, Math.max(3, Math.round(dpi * 0.03)), ci.inner);
}

export async function readMosaic(
  region: Region,
  items: CellInk[],
  engine: OcrEngine,
  dpi: number,
  scale: number,
  psm: Psm,
  charset?: string,
): Promise<Reading[]> {
  const margin = Math.round(dpi * 0.08);
  // the gap between bands is larger than any line gap inside a cell, so Tesseract never joins two cells' lines
  const gap = Math.round(dpi * 0.2);
  const crops = items.map((ci) => ({ box: cropBox(ci, dpi), img: cropRegion(region, cropBox(ci, dpi), straySpecks(ci, dpi)) }));
  const width = Math.max(...crops.map((c) => c.img.width)) + 2 * margin;
  const tops: number[] = [];
  let y = margin;
  for (const c of crops) {
    tops.push(y);
    y += c.img.height + gap;
  }
  const height = y - gap + margin;
  const data = new Uint8Array(width * height).fill(255);
  crops.forEach((c, k) => {
    for (let r = 0; r < c.img.height; r++) {
      data.set(c.img.data.subarray(r * c.img.width, (r + 1) * c.img.width), (tops[k]! + r) * width + margin);
    }
  });
  const mosaic = await scaleUp({ width, height, data }, scale);
  const res = await engine.recognise({ png: toPgm(mosaic), psm, dpi: dpi * scale, ...(charset ? { charset } : {}) });
  const readings: Reading[] = items.map(() => ({ words: [] }));
  for (const line of res.lines) {
    for (const word of line.words) {
      const cy = (word.bbox.y0 + word.bbox.y1) / 2 / scale;
      // the band whose crop is nearest to the word's centre
      let best = 0;
      let bestD = Infinity;
      crops.forEach((c, k) => {
        const top = tops[k]!;
        const bottom = top + c.img.height;
        const d = cy < top ? top - cy : cy > bottom ? cy - bottom : 0;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      });
      const c = crops[best]!;
      const toPage = (v: number, origin: number, page: number) => Math.round(v / scale - origin + page);
      readings[best]!.words.push({
        text: word.text,
        conf: word.conf,
        bbox: {
          x0: toPage(word.bbox.x0, margin, c.box.x0),
          x1: toPage(word.bbox.x1, margin, c.box.x0),
          y0: toPage(word.bbox.y0, tops[best]!, c.box.y0),
          y1: toPage(word.bbox.y1, tops[best]!, c.box.y0),
        },
      });
    }
  }
  return readings;
}

export async function readEachCell(
  region: Region,
  items: CellInk[],
  engine: OcrEngine,
  dpi: number,
  scale: number,
  psm: Psm,
  charset?: string,
): Promise<Reading[]> {
  const margin = Math.round(dpi * 0.05);
  const out: Reading[] = [];
  for (const ci of items) {
    const box = cropBox(ci, dpi);
    const crop = cropRegion(region, box, straySpecks(ci, dpi));
    const padded: GreyImage = { width: crop.width + 2 * margin, height: crop.height + 2 * margin, data: new Uint8Array(0) };
    padded.data = new Uint8Array(padded.width * padded.height).fill(255);
    for (let r = 0; r < crop.height; r++) {
      padded.data.set(crop.data.subarray(r * crop.width, (r + 1) * crop.width), (r + margin) * padded.width + margin);
    }
    const img = await scaleUp(padded, scale);
    const res = await engine.recognise({ png: toPgm(img), psm, dpi: dpi * scale, ...(charset ? { charset } : {}) });
    const toPage = (v: number, origin: number) => Math.round(v / scale - margin + origin);
    out.push({
      words: res.lines.flatMap((l) =>
        l.words.map((w) => ({
          text: w.text,
          conf: w.conf,
          bbox: { x0: toPage(w.bbox.x0, box.x0), x1: toPage(w.bbox.x1, box.x0), y0: toPage(w.bbox.y0, box.y0), y1: toPage(w.bbox.y1, box.y0) },
        })),
      ),
    });
  }
  return out;
}

async function readRegion(region: Region, items: CellInk[], engine: OcrEngine, dpi: number, scale: number): Promise<Reading[]> {
  const img = await scaleUp(region.image, scale);
  const res = await engine.recognise({ png: toPgm(img), psm: 'sparse', dpi: dpi * scale });
  const readings: Reading[] = items.map(() => ({ words: [] }));
  for (const line of res.lines) {
    for (const w of line.words) {
      const bbox = {
        x0: Math.round(w.bbox.x0 / scale + region.x0),
        x1: Math.round(w.bbox.x1 / scale + region.x0),
        y0: Math.round(w.bbox.y0 / scale + region.y0),
        y1: Math.round(w.bbox.y1 / scale + region.y0),
      };
      const cx = (bbox.x0 + bbox.x1) / 2;
      const cy = (bbox.y0 + bbox.y1) / 2;
      const k = items.findIndex((ci) => cx >= ci.inner.x0 && cx <= ci.inner.x1 && cy >= ci.inner.y0 && cy <= ci.inner.y1);
      if (k >= 0) readings[k]!.words.push({ text: w.text, conf: w.conf, bbox });
    }
  }
  return readings;
}

/**
 * Figure cells (counts, percents, scores, serials, dates) are where one misread glyph changes a value, and the
 * first reading is often sure of itself when it misreads them (the Hind Siliguri ১ comes out ৬ or ২ at 80–94).
 * A second reading at twice the size (a mosaic of just these cells, restricted to figures) and, where the two
 * differ, a third of each cell alone as one line settle the cell by majority (figureVote); a first reading no
 * majority backs keeps its text at a confidence low enough to be flagged.
 *
 * Measured with `npm run measure -- tables-vote --eval DIR ...` on 1090 figure cells of own samples,
 * two held-out generator sets and the eval corpus (950 read right at first): this pair fixed 17 cells and broke
 * none, and disputed 81, 48 of them wrong. Of the other pairs, a 2× single-cell line as the third fixed 22 but
 * broke 7; every other pair fixed fewer. Dates are included because they gain as much (4 of the 17 fixed, 10 of
 * their 16 disputed wrong, none broken).
 * Costs one mosaic per table plus one small reading per disagreement (about 15% of the cells); cells read surer
 * than VOTE_BELOW_CONF are left out.
 */
async function voteOnFigureCells(region: Region, items: CellInk[], readings: Reading[], engine: OcrEngine, dpi: number, scale: number): Promise<void> {
  const voted = items
    .map((ci, k) => ({ ci, k, first: cellText(readings[k]!.words) }))
    .filter(({ ci, first }) => ci.cell.colspan === 1 && isFigureCell(first.text) && (first.conf ?? 0) < VOTE_BELOW_CONF);
  if (voted.length === 0) return;
  const mosaic = await readMosaic(region, voted.map((v) => v.ci), engine, dpi, Math.min(3, 2 * scale), 'block', COUNT_CHARSET);
  const split = voted.map((v, j) => ({ ...v, second: cellText(mosaic[j]!.words) })).filter((v) => figureVote(v.first, v.second) !== 'keep');
  if (split.length === 0) return;
  const alone = await readEachCell(region, split.map((v) => v.ci), engine, dpi, scale, 'line', COUNT_CHARSET);
  split.forEach(({ k, first, second }, j) => {
    const words = alone[j]!.words;
    const third = cellText(words);
    const outcome = figureVote(first, second, third);
    if (outcome === 'second') {
      // the agreeing single-cell reading, no surer than the less sure of the two that agreed
      const conf = Math.min(second.conf ?? 0, third.conf ?? 0);
      readings[k] = { words: words.map((w) => ({ ...w, conf: Math.min(w.conf, conf) })) };
    } else if (outcome === 'disputed') {
      readings[k] = { words: readings[k]!.words.map((w) => ({ ...w, conf: Math.min(w.conf, DISPUTED_FIGURE_CONF) })) };
    }
  });
}

/** Read every cell of one detected table. */
export async function readTableCells(
  img: GreyImage,
  structure: TableStructure,
  engine: OcrEngine,
  opts: ReadCellsOptions,
): Promise<Table> {
  const { dpi } = opts;
  const strategy = opts.strategy ?? 'mosaic';
  const psm = opts.psm ?? 'block';
  const scale = Math.min(3, Math.max(1, (opts.ocrDpi ?? dpi) / dpi));
  const region = cleanTableRegion(img, structure, dpi);
  const inks = findCellInk(region, structure, dpi);
  const dashes = new Set(inks.filter((ci) => isLoneDash(ci, dpi) || isFaintDash(region, ci, dpi)));
  const items = inks.filter((ci) => ci.ink && !dashes.has(ci));
  const charset = opts.charset === undefined ? BANGLA_TABLE_CHARSET : opts.charset;
  const read = (cis: CellInk[], cs: string | null): Promise<Reading[]> =>
    cis.length === 0
      ? Promise.resolve([])
      : strategy === 'mosaic'
        ? readMosaic(region, cis, engine, dpi, scale, psm, cs ?? undefined)
        : strategy === 'cells'
          ? readEachCell(region, cis, engine, dpi, scale, psm, cs ?? undefined)
          : readRegion(region, cis, engine, dpi, scale);
  const readings = await read(items, charset);
  if (charset !== null && strategy !== 'region') {
    // cells the restricted reading missed, doubts or shows a trace of Latin in: read once more with every
    // character allowed, and keep word by word what each reading is surer of (script.ts)
    const figureCols = figureColumns(items.map((ci, k) => ({ r: ci.cell.r, c: ci.cell.c, colspan: ci.cell.colspan, ...cellText(readings[k]!.words) })));
    const inFigureColumn = (ci: CellInk) => ci.cell.colspan === 1 && figureCols.has(ci.cell.c);
    const doubted = items.map((ci, k) => ({ ci, k, first: readings[k]!.words })).filter(({ ci, first }) => needsSecondLook(first, inFigureColumn(ci)) || unreadInk(ci.blobs, first.filter((w) => w.text.trim())));
    const again = await read(doubted.map((d) => d.ci), null);
    doubted.forEach(({ ci, k, first }, j) => {
      readings[k] = { words: mergeReadings(first, again[j]!.words, { figureColumn: inFigureColumn(ci) }) };
    });
    // columns that came out in Latin script (an English table, serials, phones, codes): their doubted cells are
    // weighed again knowing it, no further OCR
    const latinCols = latinColumns(items.map((ci, k) => ({ r: ci.cell.r, c: ci.cell.c, colspan: ci.cell.colspan, text: cellText(readings[k]!.words).text })));
    doubted.forEach(({ ci, k, first }, j) => {
      if (ci.cell.colspan === 1 && latinCols.has(ci.cell.c) && !inFigureColumn(ci)) {
        readings[k] = { words: mergeReadings(first, again[j]!.words, { figureColumn: false, latinColumn: true }) };
      }
    });
    // an English name both readings garbled before a Bangla ending ("Meet-এ" → "14661-এ"): the word alone once
    // more, Latin only, in one mosaic; its stem before the last hyphen joins the ending of the Bangla reading
    const stems = items.flatMap((ci, k) =>
      readings[k]!.words.flatMap((w, i) => {
        const ending = garbledStem(w);
        return ending ? [{ ci: { ...ci, ink: w.bbox }, k, i, ending }] : [];
      }),
    );
    if (stems.length) {
      const latin = await readMosaic(region, stems.map((s) => s.ci), engine, dpi, scale, psm, LATIN_STEM_CHARSET);
      stems.forEach(({ k, i, ending }, j) => {
        const stem = latinStem(latin[j]!.words);
        if (!stem) return;
        const w = readings[k]!.words[i]!;
        const words = [...readings[k]!.words];
        words[i] = { text: `${stem.text}-${ending}`, conf: stem.conf, bbox: w.bbox };
        readings[k] = { words };
      });
    }
  }

  if (charset !== null && strategy !== 'region') {
    // figure-column cells read as letters or as nothing: read once more restricted to figures, each on its own
    // (stacked in a mosaic, a lone small glyph is often read as nothing), as one word; what that leaves unsure
    // as one line (Tesseract's segmentation of a 10-px glyph at 150 dpi gives way under one mode or the other)
    const firstTexts = items.map((ci, k) => ({ r: ci.cell.r, c: ci.cell.c, colspan: ci.cell.colspan, text: cellText(readings[k]!.words).text }));
    let doubted = misreadFigures(firstTexts);
    for (const psm of ['word', 'line'] as const) {
      const again = await readEachCell(region, doubted.map((k) => items[k]!), engine, dpi, scale, psm, FIGURE_CHARSET);
      doubted = doubted.filter((k, j) => {
        const second = cellText(again[j]!.words);
        const minConf = firstTexts[k]!.text ? FIGURE_REREAD_MIN_CONF : FIGURE_FROM_NOTHING_MIN_CONF;
        if (!FIGURE.test(second.text) || (second.conf ?? 0) < minConf) return true;
        readings[k] = again[j]!;
        return false;
      });
      if (doubted.length === 0) break;
    }
  }

  if (charset !== null && strategy !== 'region' && opts.vote !== false) await voteOnFigureCells(region, items, readings, engine, dpi, scale);

  const byCell = new Map<CellInk, Reading>();
  items.forEach((ci, k) => byCell.set(ci, readings[k]!));
  const cells: TableCell[] = inks.map((ci) => {
    // a dash is recognised by shape alone; its confidence says "certain" on Tesseract's scale
    const { text, conf } = dashes.has(ci) ? { text: '-', conf: 95 } : cellText(byCell.get(ci)?.words ?? []);
    return { r: ci.cell.r, c: ci.cell.c, rowspan: ci.cell.rowspan, colspan: ci.cell.colspan, text, conf, bbox: ci.cell.bbox };
  });
  // the grid holds each cell's logical text (visual lines rejoined); the cell keeps its lines
  const grid = cellsToGrid(structure.nRows, structure.nCols, cells);
  return {
    index: 0,
    bbox: structure.bbox,
    nRows: structure.nRows,
    nCols: structure.nCols,
    role: 'unknown',
    cells,
    grid,
    rowLines: structure.rowLines,
    colLines: structure.colLines,
  };
}
