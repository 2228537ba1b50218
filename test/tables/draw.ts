/**
 * Draws small ruled tables for the table tests: known rule positions, merged cells, Bangla text, and the scan
 * defects the detector must survive (broken and faint rules, a seal over a cell, slight skew, speckle).
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { GreyImage } from '../../models/image.js';

const FONT_DIR = 'node_modules/@fontsource/noto-sans-bengali/files';
let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  GlobalFonts.registerFromPath(`${FONT_DIR}/noto-sans-bengali-bengali-400-normal.woff2`, 'NSB');
  // a second family, listed after NSB in every font string, supplies brackets, slashes and Latin letters
  GlobalFonts.registerFromPath(`${FONT_DIR}/noto-sans-bengali-latin-400-normal.woff2`, 'NSBL');
  fontsReady = true;
}

export interface Merge {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
}

export interface TableSpec {
  x: number;
  y: number;
  colWidths: number[];
  rowHeights: number[];
  merges?: Merge[];
  /** text by "r,c" of a cell's top-left position; lines split on "\n" */
  text?: Record<string, string>;
  lineWidth?: number;
  /** 0 = black rules; 170 makes faint grey rules */
  ruleGrey?: number;
  /** break every rule into dashes: drawn length, gap length (px) */
  dashes?: [number, number];
}

export interface PageSpec {
  width: number;
  height: number;
  tables: TableSpec[];
  /** free text lines drawn outside tables: [x, y baseline, text, px size, underline] */
  lines?: [number, number, string, number, boolean?][];
  /** paper-coloured rectangles [x, y, w, h] painted over the tables: stretches of rule a worn scan lost */
  erase?: [number, number, number, number][];
  /** black rectangles [x, y, w, h] painted over the tables: strokes of bold text, made to measure */
  ink?: [number, number, number, number][];
  /** ring seal with text, drawn over whatever is below */
  seal?: { cx: number; cy: number; r: number; text: string };
  /** degrees, positive turns the content counter-clockwise about the first table's centre */
  skewDeg?: number;
  /** paper grey level (255 = white) */
  paper?: number;
  /** share of pixels turned into dark specks (seeded) */
  speckle?: number;
  fontPx?: number;
}

/** Grid line positions of a table spec: [rowLines, colLines] in page pixels before skew. */
export function gridLines(t: TableSpec): [number[], number[]] {
  const rows = [t.y];
  for (const h of t.rowHeights) rows.push(rows[rows.length - 1]! + h);
  const cols = [t.x];
  for (const w of t.colWidths) cols.push(cols[cols.length - 1]! + w);
  return [rows, cols];
}

function mergeAt(t: TableSpec, r: number, c: number): Merge | undefined {
  return t.merges?.find((m) => r >= m.r && r < m.r + m.rowspan && c >= m.c && c < m.c + m.colspan);
}

function drawRule(ctx: SKRSContext2D, x0: number, y0: number, x1: number, y1: number, dashes?: [number, number]) {
  ctx.beginPath();
  if (dashes) ctx.setLineDash(dashes);
  else ctx.setLineDash([]);
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function drawTable(ctx: SKRSContext2D, t: TableSpec, fontPx: number) {
  const [rows, cols] = gridLines(t);
  const g = t.ruleGrey ?? 0;
  ctx.strokeStyle = `rgb(${g},${g},${g})`;
  ctx.lineWidth = t.lineWidth ?? 2;
  const nR = t.rowHeights.length;
  const nC = t.colWidths.length;
  // a rule piece is drawn unless both sides belong to the same merged cell
  for (let i = 0; i <= nR; i++) {
    for (let j = 0; j < nC; j++) {
      const above = i > 0 ? mergeAt(t, i - 1, j) : undefined;
      const below = i < nR ? mergeAt(t, i, j) : undefined;
      if (above && above === below) continue;
      drawRule(ctx, cols[j]! - 1, rows[i]!, cols[j + 1]! + 1, rows[i]!, t.dashes);
    }
  }
  for (let j = 0; j <= nC; j++) {
    for (let i = 0; i < nR; i++) {
      const left = j > 0 ? mergeAt(t, i, j - 1) : undefined;
      const right = j < nC ? mergeAt(t, i, j) : undefined;
      if (left && left === right) continue;
      drawRule(ctx, cols[j]!, rows[i]! - 1, cols[j]!, rows[i + 1]! + 1, t.dashes);
    }
  }
  ctx.fillStyle = '#000';
  ctx.font = `${fontPx}px NSB, NSBL`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const [key, text] of Object.entries(t.text ?? {})) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    const m = mergeAt(t, r, c) ?? { r, c, rowspan: 1, colspan: 1 };
    const cx = (cols[m.c]! + cols[m.c + m.colspan]!) / 2;
    const cy = (rows[m.r]! + rows[m.r + m.rowspan]!) / 2;
    const lines = text.split('\n');
    const lh = fontPx * 1.5;
    lines.forEach((line, k) => ctx.fillText(line, cx, cy + (k - (lines.length - 1) / 2) * lh));
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

function drawSeal(ctx: SKRSContext2D, seal: NonNullable<PageSpec['seal']>) {
  ctx.strokeStyle = 'rgb(60,60,90)';
  ctx.fillStyle = 'rgb(60,60,90)';
  ctx.lineWidth = 3;
  ctx.setLineDash([]);
  for (const r of [seal.r, seal.r * 0.93, seal.r * 0.5]) {
    ctx.beginPath();
    ctx.arc(seal.cx, seal.cy, r, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.font = `${Math.round(seal.r * 0.22)}px NSB, NSBL`;
  ctx.textAlign = 'center';
  ctx.fillText(seal.text, seal.cx, seal.cy + seal.r * 0.08);
  ctx.textAlign = 'left';
}

/** Render a page spec to an 8-bit grey image. */
export function drawPage(spec: PageSpec): GreyImage {
  ensureFonts();
  const canvas = createCanvas(spec.width, spec.height);
  const ctx = canvas.getContext('2d');
  const paper = spec.paper ?? 255;
  ctx.fillStyle = `rgb(${paper},${paper},${paper})`;
  ctx.fillRect(0, 0, spec.width, spec.height);
  ctx.save();
  if (spec.skewDeg && spec.tables[0]) {
    const [rows, cols] = gridLines(spec.tables[0]);
    const cx = (cols[0]! + cols[cols.length - 1]!) / 2;
    const cy = (rows[0]! + rows[rows.length - 1]!) / 2;
    ctx.translate(cx, cy);
    ctx.rotate((-spec.skewDeg * Math.PI) / 180);
    ctx.translate(-cx, -cy);
  }
  const fontPx = spec.fontPx ?? 22;
  for (const t of spec.tables) drawTable(ctx, t, fontPx);
  ctx.fillStyle = `rgb(${paper},${paper},${paper})`;
  for (const [x, y, w, h] of spec.erase ?? []) ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#000';
  for (const [x, y, w, h] of spec.ink ?? []) ctx.fillRect(x, y, w, h);
  for (const [x, y, text, px, underline] of spec.lines ?? []) {
    ctx.font = `${px}px NSB, NSBL`;
    ctx.fillText(text, x, y);
    if (underline) {
      const w = ctx.measureText(text).width;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = Math.max(2, px / 12);
      drawRule(ctx, x, y + px * 0.35, x + w, y + px * 0.35);
    }
  }
  if (spec.seal) drawSeal(ctx, spec.seal);
  ctx.restore();

  const rgba = ctx.getImageData(0, 0, spec.width, spec.height).data;
  const data = new Uint8Array(spec.width * spec.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  if (spec.speckle) {
    // deterministic LCG so a failing case can be reproduced
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const n = Math.round(data.length * spec.speckle);
    for (let k = 0; k < n; k++) {
      const x = Math.floor(rand() * (spec.width - 2));
      const y = Math.floor(rand() * (spec.height - 2));
      for (const d of [0, 1, spec.width, spec.width + 1]) data[y * spec.width + x + d] = 40;
    }
  }
  return { width: spec.width, height: spec.height, data };
}
