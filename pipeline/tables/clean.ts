/**
 * A table's region prepared for reading its cells: drawn rules painted out, contrast stretched, and each cell's
 * ink found (or found absent) without OCR.
 */
import type { Box } from '../../models/geometry.js';
import type { GreyImage } from '../../models/image.js';
import type { StructureCell, TableStructure } from './structure.js';

/** A rectangle of the page whose top-left pixel is page (x0, y0). */
export interface Region {
  image: GreyImage;
  x0: number;
  y0: number;
}

function percentile(hist: Uint32Array, total: number, q: number): number {
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= total * q) return v;
  }
  return 255;
}

/** y of row line i at page x, and x of column line j at page y. */
export function rowY(s: TableStructure, i: number, x: number): number {
  return s.rowLines[i]! + s.slope * (x - s.centre.x);
}
export function colX(s: TableStructure, j: number, y: number): number {
  return s.colLines[j]! - s.slope * (y - s.centre.y);
}

/**
 * Copy the table's region, white out every drawn rule (the dark run across the rule's line, up to a little more
 * than its thickness, so blur goes too and a letter touching it mostly stays) and stretch the contrast so paper
 * is white and ink black: each cell then reads like a clean crop.
 */
export function cleanTableRegion(img: GreyImage, s: TableStructure, dpi: number): Region {
  const pad = Math.ceil(s.ruleThickness) + Math.round(dpi * 0.02);
  const x0 = Math.max(0, s.bbox.x0 - pad);
  const y0 = Math.max(0, s.bbox.y0 - pad);
  const x1 = Math.min(img.width, s.bbox.x1 + pad + 1);
  const y1 = Math.min(img.height, s.bbox.y1 + pad + 1);
  const w = x1 - x0;
  const h = y1 - y0;
  const data = new Uint8Array(w * h);
  const hist = new Uint32Array(256);
  for (let y = 0; y < h; y++) {
    const row = img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x1);
    data.set(row, y * w);
    for (const v of row) hist[v]!++;
  }
  const paper = percentile(hist, w * h, 0.6);
  const inkLevel = Math.min(paper - 1, percentile(hist, w * h, 0.01));
  const dark = (v: number) => v < (paper + inkLevel) / 2 + (paper - inkLevel) * 0.15;
  const reach = Math.ceil(s.ruleThickness / 2) + Math.max(2, Math.round(dpi / 100));
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < w && y < h ? y * w + x : -1);

  // erase across the line at each point along it: from the predicted centre outwards while dark, up to reach
  const eraseAcross = (along: number, centre: number, horizontal: boolean) => {
    const idx = (p: number) => (horizontal ? at(along, p) : at(p, along));
    const c = Math.round(centre);
    for (let p = c - 1; p <= c + 1; p++) {
      const i = idx(p);
      if (i >= 0) data[i] = 255;
    }
    for (const dir of [-1, 1]) {
      for (let d = 2; d <= reach; d++) {
        const i = idx(c + dir * d);
        if (i < 0 || !dark(data[i]!)) {
          if (d > Math.ceil(s.ruleThickness / 2) + 1) break;
          continue;
        }
        data[i] = 255;
      }
    }
  };
  for (let i = 0; i <= s.nRows; i++) {
    for (let j = 0; j < s.nCols; j++) {
      if (!s.hRules[i]![j]) continue;
      const xa = Math.floor(colX(s, j, s.rowLines[i]!)) - reach;
      const xb = Math.ceil(colX(s, j + 1, s.rowLines[i]!)) + reach;
      for (let x = xa; x <= xb; x++) eraseAcross(x - x0, rowY(s, i, x) - y0, true);
    }
  }
  for (let j = 0; j <= s.nCols; j++) {
    for (let i = 0; i < s.nRows; i++) {
      if (!s.vRules[j]![i]) continue;
      const ya = Math.floor(rowY(s, i, s.colLines[j]!)) - reach;
      const yb = Math.ceil(rowY(s, i + 1, s.colLines[j]!)) + reach;
      for (let y = ya; y <= yb; y++) eraseAcross(y - y0, colX(s, j, y) - x0, false);
    }
  }
  // contrast stretch: Tesseract's own thresholding then sees white paper and black ink in every cell; light
  // traces (a rule's blurred edge, paper grain) go fully white
  const span = Math.max(1, paper - inkLevel);
  for (let i = 0; i < data.length; i++) {
    const v = ((data[i]! - inkLevel) * 255) / span;
    data[i] = v < 0 ? 0 : v > 200 ? 255 : v;
  }
  return { image: { width: w, height: h, data }, x0, y0 };
}

export interface CellInk {
  cell: StructureCell;
  /** page box inside the cell's rules */
  inner: Box;
  /** page box of the cell's significant ink, null for an empty cell */
  ink: Box | null;
  /** page boxes of the significant ink blobs */
  blobs: Box[];
  /** page boxes of specks: blobs too small to count, candidates for erasing before OCR */
  specks: Box[];
}

/**
 * A cell whose only ink is one short, thin, flat stroke holds a dash ("-", nothing reported); blur leaves a
 * printed hyphen only about twice as wide as thick. Tesseract drops such a lone small blob as noise, so it is
 * recognised by its shape.
 */
export function isLoneDash(ci: CellInk, dpi: number): boolean {
  if (ci.blobs.length !== 1) return false;
  const b = ci.blobs[0]!;
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  return w >= dpi * 0.02 && w <= dpi * 0.2 && w >= 1.8 * h && h <= dpi * 0.025;
}

/** An 8-connected blob of pixels darker than a threshold: its box in region-image pixels and its size. */
interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  n: number;
}

/**
 * The blobs darker than `threshold` inside the region-image box [x0, x1) × [y0, y1), in scan order; stops after
 * `limit` blobs (the callers that only need to know "few or many").
 */
export function inkBlobs(image: GreyImage, x0: number, y0: number, x1: number, y1: number, threshold: number, limit = Infinity): Blob[] {
  const cw = x1 - x0;
  const ch = y1 - y0;
  if (cw <= 0 || ch <= 0) return [];
  const dark = (x: number, y: number) => image.data[(y0 + y) * image.width + x0 + x]! < threshold;
  const seen = new Uint8Array(cw * ch);
  const out: Blob[] = [];
  const stack: number[] = [];
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      if (seen[y * cw + x] || !dark(x, y)) continue;
      const b: Blob = { x0: x, y0: y, x1: x, y1: y, n: 0 };
      seen[y * cw + x] = 1;
      stack.push(y * cw + x);
      while (stack.length) {
        const q = stack.pop()!;
        const qx = q % cw;
        const qy = (q - qx) / cw;
        b.n++;
        if (qx < b.x0) b.x0 = qx;
        if (qx > b.x1) b.x1 = qx;
        if (qy < b.y0) b.y0 = qy;
        if (qy > b.y1) b.y1 = qy;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = qx + dx;
            const ny = qy + dy;
            if (nx < 0 || ny < 0 || nx >= cw || ny >= ch || seen[ny * cw + nx] || !dark(nx, ny)) continue;
            seen[ny * cw + nx] = 1;
            stack.push(ny * cw + nx);
          }
        }
      }
      out.push({ x0: b.x0 + x0, y0: b.y0 + y0, x1: b.x1 + x0, y1: b.y1 + y0, n: b.n });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/**
 * A dash too faint or too small for the ink threshold (hard scans at 150 dpi leave a 3×2 px speck, or only grey):
 * at a paler threshold, exactly one flat stroke near the cell's centre, and no other blob in the cell as big as
 * it (dust beside the dash). Speckle noise scatters several blobs over the cell and is not taken for one.
 */
export function isFaintDash(region: Region, ci: CellInk, dpi: number): boolean {
  if (ci.ink) return false;
  const { image } = region;
  const pale = 190;
  const x0 = Math.max(0, ci.inner.x0 - region.x0);
  const y0 = Math.max(0, ci.inner.y0 - region.y0);
  const x1 = Math.min(image.width, ci.inner.x1 - region.x0);
  const y1 = Math.min(image.height, ci.inner.y1 - region.y0);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return false;
  // more than three blobs (of more than a pixel) at the pale threshold is speckle, not a dash
  const comps = inkBlobs(image, x0, y0, x1, y1, pale, 12).map((b) => ({ ...b, x0: b.x0 - x0, x1: b.x1 - x0, y0: b.y0 - y0, y1: b.y1 - y0 }));
  if (comps.length >= 12 || comps.filter((c) => c.n > 1).length > 3) return false;
  // one flat stroke at the centre; any other blob is a speck no bigger than it (dust beside the dash)
  const dashes = comps.filter((d) => {
    const bw = d.x1 - d.x0 + 1;
    const bh = d.y1 - d.y0 + 1;
    const cx = (d.x0 + d.x1) / 2 - w / 2;
    const cy = (d.y0 + d.y1) / 2 - h / 2;
    // blur rounds a 150-dpi dash (5×4 px); one sitting exactly at the centre may be that round
    const flat = bw >= 1.5 * bh || (bw >= 1.2 * bh && Math.abs(cx) <= w * 0.05 && Math.abs(cy) <= h * 0.1);
    return d.n > 1 && Math.abs(cx) <= w * 0.15 && Math.abs(cy) <= h * 0.2 && bw >= dpi * 0.02 && bw <= dpi * 0.2 && flat && bh <= dpi * 0.03;
  });
  if (dashes.length !== 1) return false;
  const dash = dashes[0]!;
  return comps.every((c) => c === dash || c.n <= Math.max(1, dash.n * 0.75));
}

/**
 * Where each cell's ink is. Connected ink blobs smaller than a speck of scanner dust do not make a cell
 * non-empty and do not stretch its ink box (a decimal point inside the box is kept by the crop).
 */
export function findCellInk(region: Region, s: TableStructure, dpi: number): CellInk[] {
  const { image } = region;
  const w = image.width;
  const inset = Math.ceil(s.ruleThickness / 2) + Math.max(2, Math.round(dpi / 100));
  const minSide = Math.max(3, dpi * 0.03);
  const minArea = Math.max(4, (dpi * 0.012) ** 2);
  // a dash is a short, flat stroke: smaller than the speck limit but far from round
  const dashLike = (w: number, h: number) => w >= dpi * 0.02 && w >= 1.8 * h && h <= dpi * 0.025;
  const threshold = 128;
  return s.cells.map((cell) => {
    const cx = (cell.bbox.x0 + cell.bbox.x1) / 2;
    const cy = (cell.bbox.y0 + cell.bbox.y1) / 2;
    const inner: Box = {
      x0: Math.ceil(colX(s, cell.c, cy)) + inset,
      x1: Math.floor(colX(s, cell.c + cell.colspan, cy)) - inset,
      y0: Math.ceil(rowY(s, cell.r, cx)) + inset,
      y1: Math.floor(rowY(s, cell.r + cell.rowspan, cx)) - inset,
    };
    const bx0 = Math.max(0, inner.x0 - region.x0);
    const by0 = Math.max(0, inner.y0 - region.y0);
    const bx1 = Math.min(w, inner.x1 - region.x0);
    const by1 = Math.min(image.height, inner.y1 - region.y0);
    if (bx1 <= bx0 || by1 <= by0) return { cell, inner, ink: null, blobs: [], specks: [] };
    let ink: Box | null = null;
    const blobs: Box[] = [];
    const specks: Box[] = [];
    for (const b of inkBlobs(image, bx0, by0, bx1, by1, threshold)) {
      const bw = b.x1 - b.x0 + 1;
      const bh = b.y1 - b.y0 + 1;
      const box = { x0: region.x0 + b.x0, y0: region.y0 + b.y0, x1: region.x0 + b.x1 + 1, y1: region.y0 + b.y1 + 1 };
      if ((b.n < minArea || Math.max(bw, bh) < minSide) && !dashLike(bw, bh)) {
        specks.push(box);
        continue;
      }
      blobs.push(box);
      ink = ink
        ? { x0: Math.min(ink.x0, box.x0), y0: Math.min(ink.y0, box.y0), x1: Math.max(ink.x1, box.x1), y1: Math.max(ink.y1, box.y1) }
        : box;
    }
    return { cell, inner, ink, blobs, specks };
  });
}

/**
 * Specks of a cell that lie away from its letters: scanner dust that Tesseract would read as "." or "'" at the
 * end of a cell. A speck within a letter gap of real ink (a decimal point, the dot of "ক্র.") is kept.
 */
export function straySpecks(ci: CellInk, dpi: number): Box[] {
  const near = Math.max(2, Math.round(dpi * 0.04));
  return ci.specks.filter((s) =>
    ci.blobs.every((b) => s.x1 + near < b.x0 || b.x1 + near < s.x0 || s.y1 + near < b.y0 || b.y1 + near < s.y0),
  );
}

/** Copy a page-coordinate box out of a region (white outside it). */
export function cropRegion(region: Region, box: Box, erase: Box[] = []): GreyImage {
  const w = Math.max(1, box.x1 - box.x0);
  const h = Math.max(1, box.y1 - box.y0);
  const data = new Uint8Array(w * h).fill(255);
  const src = region.image;
  for (let y = 0; y < h; y++) {
    const sy = box.y0 - region.y0 + y;
    if (sy < 0 || sy >= src.height) continue;
    for (let x = 0; x < w; x++) {
      const sx = box.x0 - region.x0 + x;
      if (sx >= 0 && sx < src.width) data[y * w + x] = src.data[sy * src.width + sx]!;
    }
  }
  for (const e of erase) {
    for (let y = Math.max(0, e.y0 - box.y0); y < Math.min(h, e.y1 - box.y0); y++) {
      data.fill(255, y * w + Math.max(0, e.x0 - box.x0), y * w + Math.max(0, Math.min(w, e.x1 - box.x0)));
    }
  }
  return { width: w, height: h, data };
}
