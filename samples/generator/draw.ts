/**
 * Paints a laid-out page on a canvas, with the handwritten signatures and round seals that sit over
 * signature blocks, and the scanner's skew applied to everything on the paper.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { cssFont } from './fonts.js';
import type { Box, PageLayout } from './layout.js';
import { measureWith } from './layout.js';
import type { Rng } from './prng.js';
import { aksaras } from './wrap.js';

export type Overlay = { type: 'signature'; inTable?: true } | { type: 'seal'; text: string[] };

export interface DrawOptions {
  /** degrees, positive = content turned counter-clockwise */
  skewDeg: number;
  rng: Rng;
  /** which sign anchors get a seal (index into layout.signs); a seal needs the anchor's seal text */
  seals: boolean[];
}

export interface Drawn {
  /** greyscale, 0 = black */
  grey: Uint8Array;
  width: number;
  height: number;
  overlays: Overlay[];
}

export function drawPage(layout: PageLayout, opts: DrawOptions): Drawn {
  const { width, height } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.save();
  ctx.translate(width / 2, height / 2);
  ctx.rotate((-opts.skewDeg * Math.PI) / 180);
  ctx.translate(-width / 2, -height / 2);

  ctx.fillStyle = '#000';
  for (const op of layout.ops) {
    if (op.t === 'text') {
      ctx.font = op.font;
      ctx.fillText(op.text, op.x, op.y);
    } else {
      ctx.strokeStyle = `rgb(${op.gray},${op.gray},${op.gray})`;
      ctx.lineWidth = op.w;
      ctx.lineCap = 'butt';
      let from = 0;
      for (const [a, b] of [...(op.gaps ?? []), [1, 1] as [number, number]].sort((p, q) => p[0] - q[0])) {
        if (a > from) {
          ctx.beginPath();
          ctx.moveTo(op.x0 + (op.x1 - op.x0) * from, op.y0 + (op.y1 - op.y0) * from);
          ctx.lineTo(op.x0 + (op.x1 - op.x0) * a, op.y0 + (op.y1 - op.y0) * a);
          ctx.stroke();
        }
        from = Math.max(from, b);
      }
    }
  }

  const mm = layout.dpi / 25.4;
  const overlays: Overlay[] = [];
  layout.signs.forEach((s, i) => {
    if (s.signature) {
      const cx = (s.firstLine.x0 + s.firstLine.x1) / 2 + opts.rng.range(-6, 6) * mm;
      const w = opts.rng.range(28, 42) * mm;
      scribble(ctx, opts.rng, { x0: cx - w / 2, y0: s.firstLine.y0 - 11 * mm, x1: cx + w / 2, y1: s.firstLine.y0 + 2.5 * mm }, mm);
      overlays.push({ type: 'signature' });
    }
    if (opts.seals[i] && s.seal) {
      const r = opts.rng.range(12, 15.5) * mm;
      const cx = Math.max(r + 2 * mm, s.box.x0 - r * opts.rng.range(0.2, 0.7));
      const cy = (s.box.y0 + s.box.y1) / 2 + opts.rng.range(-6, 4) * mm;
      seal(ctx, opts.rng, cx, cy, r, s.seal, layout);
      overlays.push({ type: 'seal', text: s.seal });
    }
  });
  for (const t of layout.tables) {
    for (const cell of t.cells) {
      if (!cell.signature) continue;
      const b = cell.box;
      const h = Math.min(b.y1 - b.y0, 12 * mm);
      const cy = (b.y0 + b.y1) / 2;
      scribble(ctx, opts.rng, { x0: b.x0 + 0.15 * (b.x1 - b.x0), y0: cy - h * 0.4, x1: b.x1 - 0.15 * (b.x1 - b.x0), y1: cy + h * 0.4 }, mm);
      overlays.push({ type: 'signature', inTable: true });
    }
  }
  ctx.restore();

  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < grey.length; i += 4, j++) grey[j] = rgba[i]!;
  return { grey, width, height, overlays };
}

/** A handwritten signature: a run of looping Bézier strokes across the box, sometimes underlined. */
function scribble(ctx: SKRSContext2D, rng: Rng, box: Box, mm: number): void {
  const g = rng.int(25, 70);
  ctx.save();
  ctx.strokeStyle = `rgb(${g},${g},${g + rng.int(0, 25)})`;
  ctx.lineWidth = rng.range(0.3, 0.55) * mm;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const h = box.y1 - box.y0;
  const n = rng.int(5, 9);
  const step = (box.x1 - box.x0) / n;
  let x = box.x0;
  let y = box.y0 + h * rng.range(0.3, 0.8);
  ctx.beginPath();
  ctx.moveTo(x, y);
  for (let i = 0; i < n; i++) {
    const nx = x + step * rng.range(0.6, 1.4);
    const ny = box.y0 + rng.range(0.1, 0.9) * h;
    ctx.bezierCurveTo(x + step * rng.range(-0.9, 0.9), box.y0 + rng.range(-0.3, 1.2) * h, nx - step * rng.range(-0.9, 0.9), box.y0 + rng.range(-0.3, 1.2) * h, nx, ny);
    x = nx;
    y = ny;
  }
  ctx.stroke();
  if (rng.chance(0.6)) {
    ctx.beginPath();
    ctx.moveTo(box.x0 + (box.x1 - box.x0) * rng.range(0, 0.2), box.y1 - h * rng.range(0.05, 0.25));
    ctx.quadraticCurveTo((box.x0 + box.x1) / 2, box.y1 + h * rng.range(-0.1, 0.2), box.x1 - (box.x1 - box.x0) * rng.range(0, 0.2), box.y1 - h * rng.range(0.1, 0.4));
    ctx.stroke();
  }
  ctx.restore();
}

/** A round office seal: two rings, the office along the top arc, the place along the bottom, a word in the centre. */
function seal(ctx: SKRSContext2D, rng: Rng, cx: number, cy: number, r: number, text: string[], layout: PageLayout): void {
  const g = rng.int(70, 120);
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(rng.range(-0.6, 0.6));
  ctx.globalAlpha = rng.range(0.6, 0.85);
  ctx.strokeStyle = `rgb(${g},${g},${g})`;
  ctx.fillStyle = `rgb(${g},${g},${g})`;
  ctx.lineWidth = r * 0.04;
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = r * 0.025;
  ctx.beginPath();
  ctx.arc(0, 0, r * 0.66, 0, Math.PI * 2);
  ctx.stroke();
  const [top = '', bottom = '', centre = ''] = text;
  arcText(ctx, top, r * 0.83, r * 0.2, true, layout);
  arcText(ctx, bottom, r * 0.83, r * 0.18, false, layout);
  const font = cssFont(layout.font, r * 0.24);
  ctx.font = font;
  const w = measureWith(font)(centre);
  ctx.fillText(centre, -w / 2, r * 0.08);
  ctx.restore();
}

function arcText(ctx: SKRSContext2D, text: string, radius: number, px: number, top: boolean, layout: PageLayout): void {
  if (!text) return;
  const font = cssFont(layout.font, px);
  const measure = measureWith(font);
  const parts = aksaras(text);
  const widths = parts.map((p) => measure(p));
  const total = widths.reduce((a, b) => a + b, 0) * 1.08;
  const span = Math.min(total / radius, Math.PI * 0.95);
  const scale = span / (total / radius);
  ctx.font = font;
  let offset = 0;
  parts.forEach((p, i) => {
    const w = widths[i]! * 1.08 * scale;
    const a = (offset + w / 2) / radius;
    const theta = top ? -Math.PI / 2 - span / 2 + a : Math.PI / 2 + span / 2 - a;
    ctx.save();
    ctx.translate(radius * Math.cos(theta), radius * Math.sin(theta));
    ctx.rotate(top ? theta + Math.PI / 2 : theta - Math.PI / 2);
    ctx.fillText(p, -widths[i]! / 2, top ? px * 0.35 : px * 0.35);
    ctx.restore();
    offset += w;
  });
}
