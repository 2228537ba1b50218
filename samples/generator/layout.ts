/**
 * Sets a PageSpec in a font at a resolution: positions every line and rule, and records the page's truth
 * text and tables from the very lines it positions.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { cssFont, type FontId } from './fonts.js';
import type { Band, Block, CellSpec, PageSpec, ParaBlock, SignBlock, TableBlock, TableSpec, TextStyle } from './model.js';
import type { Rng } from './prng.js';
import { wrapText, type Measure } from './wrap.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TextOp {
  t: 'text';
  x: number;
  /** baseline */
  y: number;
  text: string;
  font: string;
}
export interface LineOp {
  t: 'line';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  w: number;
  /** 0 = black */
  gray: number;
  /** stretches (fractions 0-1 along the line) left undrawn: a broken rule */
  gaps?: [number, number][];
}
export type DrawOp = TextOp | LineOp;

export interface LaidOutCell {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  text: string;
  lines: string[];
  header: boolean;
  box: Box;
  signature: boolean;
}

export interface LaidOutTable {
  spec: TableSpec;
  box: Box;
  /** y of each row boundary (nRows+1) and x of each column boundary (nCols+1) */
  rowY: number[];
  colX: number[];
  cells: LaidOutCell[];
}

export interface SignAnchor {
  /** box around the block's printed lines */
  box: Box;
  firstLine: Box;
  signature: boolean;
  seal: string[] | null;
}

export interface PageLayout {
  width: number;
  height: number;
  dpi: number;
  font: FontId;
  ops: DrawOp[];
  /** the page's printed lines in reading order (truth text before joining) */
  lines: string[];
  tables: LaidOutTable[];
  signs: SignAnchor[];
  /** how far the content runs past the bottom margin, in px (0 when it fits) */
  overflowPx: number;
}

export const A4_MM = { w: 210, h: 297 };
const DEFAULT_MARGINS: [number, number, number, number] = [18, 18, 18, 25];

let measureCtx: SKRSContext2D | null = null;
const widthCache = new Map<string, number>();

/** Width in px of text set in a CSS font string. */
export function measureWith(font: string): Measure {
  if (!measureCtx) measureCtx = createCanvas(4, 4).getContext('2d');
  const ctx = measureCtx;
  return (s: string) => {
    const key = `${font}\u0000${s}`;
    let w = widthCache.get(key);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(s).width;
      if (widthCache.size > 200_000) widthCache.clear();
      widthCache.set(key, w);
    }
    return w;
  };
}

export class Units {
  constructor(readonly dpi: number) {}
  mm(v: number): number {
    return (v * this.dpi) / 25.4;
  }
  pt(v: number): number {
    return (v * this.dpi) / 72;
  }
}

interface Ctx {
  u: Units;
  font: FontId;
  rng: Rng;
  left: number;
  right: number;
  ops: DrawOp[];
  lines: string[];
  tables: LaidOutTable[];
  signs: SignAnchor[];
}

function fontOf(c: Ctx, style: TextStyle): { css: string; px: number; lh: number; ascent: number } {
  const px = c.u.pt(style.size);
  const lh = px * (style.leading ?? 1.55);
  // Baseline placed so that marks above (ি, reph) and below (ু, ৃ) both stay inside the line box.
  return { css: cssFont(c.font, px, style.bold ?? false), px, lh, ascent: (lh - px * 1.3) / 2 + px * 0.98 };
}

function bandX(c: Ctx, band: Band | undefined): [number, number] {
  const w = c.right - c.left;
  const b = band ?? { from: 0, to: 1 };
  return [c.left + b.from * w, c.left + b.to * w];
}

function placeLine(c: Ctx, text: string, x0: number, x1: number, align: 'left' | 'center' | 'right', top: number, f: ReturnType<typeof fontOf>, underline = false): Box {
  const w = measureWith(f.css)(text);
  const x = align === 'left' ? x0 : align === 'center' ? (x0 + x1) / 2 - w / 2 : x1 - w;
  c.ops.push({ t: 'text', x, y: top + f.ascent, text, font: f.css });
  if (underline && text) {
    const y = top + f.ascent + f.px * 0.22;
    c.ops.push({ t: 'line', x0: x, y0: y, x1: x + w, y1: y, w: Math.max(1, f.px / 18), gray: 0 });
  }
  return { x0: x, y0: top, x1: x + w, y1: top + f.lh };
}

function layoutPara(c: Ctx, b: ParaBlock, y: number): number {
  const f = fontOf(c, b.style);
  const measure = measureWith(f.css);
  const [x0, x1] = bandX(c, b.band);
  const labelW = b.label ? measure(b.label + ' ') : 0;
  const indent = b.indentMm ? c.u.mm(b.indentMm) : 0;
  const width = x1 - x0 - labelW;
  const lines = wrapText(b.text, width, measure, width - indent);
  const align = b.style.align ?? 'left';
  lines.forEach((line, i) => {
    const top = y + i * f.lh;
    if (b.label && i === 0) c.ops.push({ t: 'text', x: x0, y: top + f.ascent, text: b.label, font: f.css });
    const lx0 = x0 + labelW + (i === 0 ? indent : 0);
    placeLine(c, line, lx0, x1, align, top, f, b.style.underline);
    c.lines.push(b.label && i === 0 ? `${b.label} ${line}` : line);
  });
  return y + lines.length * f.lh;
}

function layoutSign(c: Ctx, b: SignBlock, y: number): number {
  const f = fontOf(c, b.style);
  const [x0, x1] = bandX(c, b.band ?? { from: 0.56, to: 1 });
  const boxes: Box[] = [];
  const measure = measureWith(f.css);
  let row = 0;
  for (const text of b.lines) {
    for (const line of wrapText(text, x1 - x0, measure)) {
      boxes.push(placeLine(c, line, x0, x1, 'center', y + row * f.lh, f));
      c.lines.push(line);
      row++;
    }
  }
  const box = boxes.reduce((a, bx) => ({ x0: Math.min(a.x0, bx.x0), y0: Math.min(a.y0, bx.y0), x1: Math.max(a.x1, bx.x1), y1: Math.max(a.y1, bx.y1) }));
  c.signs.push({ box, firstLine: boxes[0]!, signature: b.signature, seal: b.seal });
  return y + row * f.lh;
}

function cellAt(spec: TableSpec): (CellSpec | undefined)[][] {
  const grid: (CellSpec | undefined)[][] = Array.from({ length: spec.nRows }, () => Array<CellSpec | undefined>(spec.nCols).fill(undefined));
  for (const cell of spec.cells) {
    for (let r = cell.r; r < cell.r + (cell.rowspan ?? 1); r++) {
      for (let cc = cell.c; cc < cell.c + (cell.colspan ?? 1); cc++) {
        const row = grid[r];
        if (!row || cc >= spec.nCols) throw new Error(`cell (${cell.r},${cell.c}) spans outside the ${spec.nRows}x${spec.nCols} table`);
        if (row[cc]) throw new Error(`cells overlap at (${r},${cc})`);
        row[cc] = cell;
      }
    }
  }
  return grid;
}

/** Every grid position covered by exactly one cell; empty positions get empty cells. */
export function completeCells(spec: TableSpec): TableSpec {
  const grid = cellAt(spec);
  const extra: CellSpec[] = [];
  grid.forEach((row, r) => row.forEach((cell, cc) => {
    if (!cell) extra.push({ r, c: cc, text: '', header: r < spec.headerRows });
  }));
  if (!extra.length) return spec;
  const cells = [...spec.cells, ...extra].sort((a, b) => a.r - b.r || a.c - b.c);
  return { ...spec, cells };
}

function layoutTable(c: Ctx, b: TableBlock, y: number): number {
  const spec = completeCells(b.table);
  const u = c.u;
  const totalW = (c.right - c.left) * (spec.widthFrac ?? 1);
  const tx0 = c.left + (c.right - c.left - totalW) / 2;
  const sum = spec.colWidths.reduce((a, v) => a + v, 0);
  if (spec.colWidths.length !== spec.nCols) throw new Error(`table has ${spec.nCols} columns but ${spec.colWidths.length} widths`);
  const colX = [tx0];
  for (const w of spec.colWidths) colX.push(colX[colX.length - 1]! + (w / sum) * totalW);
  const padX = u.mm(1.1);
  const padY = u.mm(0.9);
  const body = fontOf(c, { size: spec.fontSize, leading: 1.45 });
  const head = fontOf(c, { size: spec.fontSize, bold: true, leading: 1.45 });

  const laid = spec.cells.map((cell) => {
    const f = cell.header || cell.bold ? head : body;
    const inner = colX[cell.c + (cell.colspan ?? 1)]! - colX[cell.c]! - 2 * padX;
    const lines = cell.text ? wrapText(cell.text, inner, measureWith(f.css)) : [''];
    return { cell, f, lines, need: lines.length * f.lh + 2 * padY };
  });
  const rowH = Array<number>(spec.nRows).fill(body.lh + 2 * padY);
  for (const l of laid) if ((l.cell.rowspan ?? 1) === 1) rowH[l.cell.r] = Math.max(rowH[l.cell.r]!, l.need);
  for (const l of [...laid].sort((a, b) => (a.cell.rowspan ?? 1) - (b.cell.rowspan ?? 1))) {
    const span = l.cell.rowspan ?? 1;
    if (span === 1) continue;
    let have = 0;
    for (let r = l.cell.r; r < l.cell.r + span; r++) have += rowH[r]!;
    if (l.need > have) for (let r = l.cell.r; r < l.cell.r + span; r++) rowH[r]! += (l.need - have) / span;
  }
  const rowY = [y];
  for (const h of rowH) rowY.push(rowY[rowY.length - 1]! + h);

  const cells: LaidOutCell[] = laid.map(({ cell, f, lines }) => {
    const rs = cell.rowspan ?? 1;
    const cs = cell.colspan ?? 1;
    const box = { x0: colX[cell.c]!, y0: rowY[cell.r]!, x1: colX[cell.c + cs]!, y1: rowY[cell.r + rs]! };
    const align = cell.align ?? (cell.header ? 'center' : 'left');
    const textH = lines.length * f.lh;
    const top0 = (box.y0 + box.y1) / 2 - textH / 2;
    lines.forEach((line, i) => {
      if (line) placeLine(c, line, box.x0 + padX, box.x1 - padX, align, top0 + i * f.lh, f);
    });
    return { r: cell.r, c: cell.c, rowspan: rs, colspan: cs, text: cell.text, lines, header: cell.header ?? false, box, signature: cell.signature ?? false };
  });

  rules(c, spec, cellAt(spec), rowY, colX);

  // Reading order of the truth text: row by row, the cells that start in the row, left to right.
  for (let r = 0; r < spec.nRows; r++) {
    const parts = cells.filter((cl) => cl.r === r && cl.text.trim()).sort((a, b) => a.c - b.c).map((cl) => cl.lines.filter(Boolean).join(' '));
    if (parts.length) c.lines.push(parts.join('\t'));
  }
  const box = { x0: colX[0]!, y0: rowY[0]!, x1: colX[spec.nCols]!, y1: rowY[spec.nRows]! };
  c.tables.push({ spec, box, rowY, colX, cells });
  return rowY[spec.nRows]!;
}

/** Table rules as maximal segments, so that a faint or broken stretch is drawn once, not over-painted. */
function rules(c: Ctx, spec: TableSpec, grid: (CellSpec | undefined)[][], rowY: number[], colX: number[]): void {
  const style = spec.rule ?? { widthPx300: 2, faint: 0, broken: 0 };
  const w = Math.max(1, Math.round((style.widthPx300 * c.u.dpi) / 300));
  const segs: LineOp[] = [];
  const at = (r: number, cc: number) => grid[r]?.[cc];
  for (let i = 0; i <= spec.nRows; i++) {
    let start = -1;
    for (let cc = 0; cc <= spec.nCols; cc++) {
      const on = cc < spec.nCols && (i === 0 || i === spec.nRows || at(i - 1, cc) !== at(i, cc));
      if (on && start < 0) start = cc;
      if (!on && start >= 0) {
        segs.push({ t: 'line', x0: colX[start]!, y0: rowY[i]!, x1: colX[cc]!, y1: rowY[i]!, w, gray: 0 });
        start = -1;
      }
    }
  }
  for (let j = 0; j <= spec.nCols; j++) {
    let start = -1;
    for (let r = 0; r <= spec.nRows; r++) {
      const on = r < spec.nRows && (j === 0 || j === spec.nCols || at(r, j - 1) !== at(r, j));
      if (on && start < 0) start = r;
      if (!on && start >= 0) {
        segs.push({ t: 'line', x0: colX[j]!, y0: rowY[start]!, x1: colX[j]!, y1: rowY[r]!, w, gray: 0 });
        start = -1;
      }
    }
  }
  for (const s of segs) {
    if (c.rng.chance(style.faint)) s.gray = c.rng.int(110, 170);
    if (c.rng.chance(style.broken)) {
      const n = c.rng.int(1, 3);
      s.gaps = Array.from({ length: n }, () => {
        const a = c.rng.range(0.05, 0.9);
        return [a, a + c.rng.range(0.01, 0.05)] as [number, number];
      });
    }
    c.ops.push(s);
  }
}

export interface LayoutOptions {
  dpi: number;
  rng: Rng;
}

export function pageSizePx(spec: Pick<PageSpec, 'orientation' | 'sizeMm'>, dpi: number): { width: number; height: number } {
  const u = new Units(dpi);
  const [wmm, hmm] = spec.sizeMm ? [spec.sizeMm.w, spec.sizeMm.h] : spec.orientation === 'portrait' ? [A4_MM.w, A4_MM.h] : [A4_MM.h, A4_MM.w];
  return { width: Math.round(u.mm(wmm)), height: Math.round(u.mm(hmm)) };
}

export function layoutPage(spec: PageSpec, opts: LayoutOptions): PageLayout {
  const u = new Units(opts.dpi);
  const { width, height } = pageSizePx(spec, opts.dpi);
  const [mt, mr, mb, ml] = spec.margins ?? (spec.orientation === 'portrait' ? DEFAULT_MARGINS : [14, 14, 12, 15]);
  const c: Ctx = { u, font: spec.font, rng: opts.rng, left: u.mm(ml), right: width - u.mm(mr), ops: [], lines: [], tables: [], signs: [] };
  let y = u.mm(mt);
  for (const b of spec.blocks) y = layoutBlock(c, b, y);
  const bottom = height - u.mm(mb);
  return { width, height, dpi: opts.dpi, font: spec.font, ops: c.ops, lines: c.lines, tables: c.tables, signs: c.signs, overflowPx: Math.max(0, y - bottom) };
}

function layoutBlock(c: Ctx, b: Block, y: number): number {
  const u = c.u;
  switch (b.kind) {
    case 'space':
      return y + u.mm(b.mm);
    case 'rule': {
      const yy = y + u.mm(1);
      c.ops.push({ t: 'line', x0: c.left, y0: yy, x1: c.right, y1: yy, w: Math.max(1, Math.round(u.dpi / 150)), gray: 0 });
      return yy + u.mm(b.spaceAfterMm ?? 4);
    }
    case 'para':
      return layoutPara(c, b, y + u.mm(b.spaceBeforeMm ?? 0)) + u.mm(b.spaceAfterMm ?? 1.5);
    case 'pair': {
      const f = fontOf(c, b.style);
      b.left.forEach((t, i) => {
        placeLine(c, t, c.left, c.right, 'left', y + i * f.lh, f);
        c.lines.push(t);
      });
      b.right.forEach((t, i) => {
        placeLine(c, t, c.left, c.right, 'right', y + i * f.lh, f);
        c.lines.push(t);
      });
      return y + Math.max(b.left.length, b.right.length) * f.lh + u.mm(b.spaceAfterMm ?? 3);
    }
    case 'sign':
      return layoutSign(c, b, y + u.mm(b.spaceBeforeMm ?? 14)) + u.mm(b.spaceAfterMm ?? 4);
    case 'table':
      return layoutTable(c, b, y + u.mm(b.spaceBeforeMm ?? 2)) + u.mm(b.spaceAfterMm ?? 4);
  }
}
