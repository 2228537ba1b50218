import type { GreyImage } from '../../models/image.js';

export interface BinariseOptions {
  dpi: number;
  /** how much darker than its neighbourhood mean a pixel must be to count as ink (Bradley's t) */
  darkness?: number;
  /** the same for the along-the-rule averages, which are far less noisy than single pixels */
  ruleDarkness?: number;
  /** what a rule pixel itself must still reach, so averaging cannot bridge the white between letters */
  rulePixelDarkness?: number;
}

export interface InkMaps {
  /** 1 = ink, by single pixels: for text and empty-cell tests */
  ink: Uint8Array;
  /** 1 = dark after averaging along x over a tenth of an inch: horizontal rule material */
  inkH: Uint8Array;
  /** the same along y: vertical rule material */
  inkV: Uint8Array;
}

/**
 * Adaptive (Bradley–Roth) binarisation: a pixel is ink when it is `darkness` darker than the mean of a window of
 * about a fifth of an inch around it. A local mean keeps faint grey rules and text on a grey, unevenly lit scan,
 * where one global threshold loses one or the other.
 *
 * Rules get their own maps: averaging a tenth of an inch along the rule's direction keeps a faint, thin rule as
 * dark as it is while speckle and JPEG noise average away, so a much smaller darkness margin is safe there. The
 * pixel itself must still be a little dark, or the average would join the letters of a text line into a "rule".
 */
export function binarise(img: GreyImage, opts: BinariseOptions): InkMaps {
  const { width: w, height: h, data } = img;
  const k = 1 - (opts.darkness ?? 0.15);
  const kr = 1 - (opts.ruleDarkness ?? 0.08);
  const kp = 1 - (opts.rulePixelDarkness ?? 0.05);
  const reach = Math.max(2, Math.round(opts.dpi / 20));
  // The neighbourhood levels change slowly, so they are computed per block of a few pixels (one window sum per
  // block instead of per pixel); the window is about a fifth of an inch.
  const b = Math.max(1, Math.round(opts.dpi / 100));
  const bw = Math.ceil(w / b);
  const bh = Math.ceil(h / b);
  const halfBlocks = Math.max(2, Math.round(opts.dpi / 10 / b));
  const xBlock = new Int32Array(w);
  for (let x = 0; x < w; x++) xBlock[x] = (x / b) | 0;

  /** Mean of sum/count over the window of blocks around each block; fallback where count is too small. */
  const windowMean = (sum: Float64Array, count: Float64Array, minShare: number, fallback: number): Float32Array => {
    const iw = bw + 1;
    const is = new Float64Array(iw * (bh + 1));
    const ic = new Float64Array(iw * (bh + 1));
    for (let y = 0; y < bh; y++) {
      let rs = 0;
      let rc = 0;
      for (let x = 0; x < bw; x++) {
        rs += sum[y * bw + x]!;
        rc += count[y * bw + x]!;
        is[(y + 1) * iw + x + 1] = is[y * iw + x + 1]! + rs;
        ic[(y + 1) * iw + x + 1] = ic[y * iw + x + 1]! + rc;
      }
    }
    const out = new Float32Array(bw * bh);
    for (let y = 0; y < bh; y++) {
      const y0 = Math.max(0, y - halfBlocks) * iw;
      const y1 = Math.min(bh, y + halfBlocks + 1) * iw;
      for (let x = 0; x < bw; x++) {
        const x0 = Math.max(0, x - halfBlocks);
        const x1 = Math.min(bw, x + halfBlocks + 1);
        const n = ic[y1 + x1]! - ic[y1 + x0]! - ic[y0 + x1]! + ic[y0 + x0]!;
        const area = ((y1 - y0) / iw) * (x1 - x0) * b * b;
        out[y * bw + x] = n > 0 && n >= area * minShare ? (is[y1 + x1]! - is[y1 + x0]! - is[y0 + x1]! + is[y0 + x0]!) / n : fallback;
      }
    }
    return out;
  };

  const sum = new Float64Array(bw * bh);
  const count = new Float64Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const brow = ((y / b) | 0) * bw;
    const row = y * w;
    for (let x = 0; x < w; x++) sum[brow + xBlock[x]!]! += data[row + x]!;
  }
  for (let y = 0; y < bh; y++) {
    const rows = Math.min(b, h - y * b);
    for (let x = 0; x < bw; x++) count[y * bw + x] = rows * Math.min(b, w - x * b);
  }
  const mean = windowMean(sum, count, 0, 255);
  // per-block thresholds, multiplied once per block instead of once per pixel (same doubles)
  const inkBelow = new Float64Array(bw * bh);
  for (let i = 0; i < inkBelow.length; i++) inkBelow[i] = mean[i]! * k;
  const ink = new Uint8Array(w * h);
  sum.fill(0);
  count.fill(0);
  let paperSum = 0;
  let paperN = 0;
  for (let y = 0; y < h; y++) {
    const brow = ((y / b) | 0) * bw;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const bi = brow + xBlock[x]!;
      const v = data[i]!;
      if (v < inkBelow[bi]!) ink[i] = 1;
      else {
        sum[bi]! += v;
        count[bi]!++;
        paperSum += v;
        paperN++;
      }
    }
  }
  // Rules are judged against the paper around them, not the mean: beside a dense text block the mean is dark
  // enough to swallow a faint rule. Paper level = mean of the non-ink pixels of the window; a window that is
  // nearly all ink (inside a filled area) borrows the page's paper level.
  const paper = windowMean(sum, count, 0.1, paperN ? paperSum / paperN : 255);

  const pixelBelow = new Float64Array(bw * bh);
  const ruleLevel = new Float64Array(bw * bh);
  for (let i = 0; i < paper.length; i++) {
    pixelBelow[i] = paper[i]! * kp;
    ruleLevel[i] = paper[i]! * kr;
  }
  const inkH = new Uint8Array(w * h);
  const inkV = new Uint8Array(w * h);
  // running sums along y for the vertical averages, updated row by row
  const colSum = new Int32Array(w);
  for (let y = 0; y < Math.min(h, reach); y++) for (let x = 0; x < w; x++) colSum[x]! += data[y * w + x]!;
  for (let y = 0; y < h; y++) {
    const add = y + reach;
    const drop = y - reach - 1;
    if (add < h) for (let x = 0; x < w; x++) colSum[x]! += data[add * w + x]!;
    if (drop >= 0) for (let x = 0; x < w; x++) colSum[x]! -= data[drop * w + x]!;
    const vCount = Math.min(h, y + reach + 1) - Math.max(0, y - reach);
    const row = y * w;
    const brow = ((y / b) | 0) * bw;
    let hSum = 0;
    for (let x = 0; x < Math.min(w, reach); x++) hSum += data[row + x]!;
    for (let x = 0; x < w; x++) {
      if (x + reach < w) hSum += data[row + x + reach]!;
      if (x - reach - 1 >= 0) hSum -= data[row + x - reach - 1]!;
      const bi = brow + xBlock[x]!;
      if (data[row + x]! >= pixelBelow[bi]!) continue;
      const hCount = Math.min(w, x + reach + 1) - Math.max(0, x - reach);
      const rl = ruleLevel[bi]!;
      if (hSum < rl * hCount) inkH[row + x] = 1;
      if (colSum[x]! < rl * vCount) inkV[row + x] = 1;
    }
  }
  return { ink, inkH, inkV };
}
