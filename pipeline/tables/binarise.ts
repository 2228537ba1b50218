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
  const t = opts.darkness ?? 0.15;
  const tr = opts.ruleDarkness ?? 0.08;
  const tp = opts.rulePixelDarkness ?? 0.05;
  const half = Math.max(4, Math.round(opts.dpi / 10));
  const reach = Math.max(2, Math.round(opts.dpi / 20));
  const iw = w + 1;
  const integral = new Uint32Array(iw * (h + 1));
  // row-major integral image with a zero row/column in front; it may wrap past 2^32 on huge pages, but a window's
  // sum is small, so the modular difference (>>> 0) is still exact
  const fillIntegral = (value: (i: number) => number) => {
    for (let y = 0; y < h; y++) {
      let rowSum = 0;
      const src = y * w;
      const dst = (y + 1) * iw;
      for (let x = 0; x < w; x++) {
        rowSum += value(src + x);
        integral[dst + x + 1] = (integral[dst - iw + x + 1]! + rowSum) >>> 0;
      }
    }
  };
  const boxSum = (arr: Uint32Array, x0: number, y0: number, x1: number, y1: number) =>
    (arr[y1 * iw + x1]! - arr[y1 * iw + x0]! - arr[y0 * iw + x1]! + arr[y0 * iw + x0]!) >>> 0;

  fillIntegral((i) => data[i]!);
  const ink = new Uint8Array(w * h);
  const k = 1 - t;
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const mean = boxSum(integral, x0, y0, x1, y1) / ((y1 - y0) * (x1 - x0));
      if (data[y * w + x]! < mean * k) ink[y * w + x] = 1;
    }
  }

  // Rules are judged against the paper around them, not the mean: beside a dense text block the mean is dark
  // enough to swallow a faint rule. Paper level = mean of the non-ink pixels of the window.
  let paperSum = 0;
  let paperN = 0;
  for (let i = 0; i < data.length; i++) {
    if (!ink[i]) {
      paperSum += data[i]!;
      paperN++;
    }
  }
  const pagePaper = paperN ? paperSum / paperN : 255;
  fillIntegral((i) => (ink[i] ? 0 : data[i]!));
  const count = new Uint32Array(iw * (h + 1));
  for (let y = 0; y < h; y++) {
    let rowSum = 0;
    for (let x = 0; x < w; x++) {
      rowSum += ink[y * w + x] ? 0 : 1;
      count[(y + 1) * iw + x + 1] = count[y * iw + x + 1]! + rowSum;
    }
  }

  const inkH = new Uint8Array(w * h);
  const inkV = new Uint8Array(w * h);
  const kr = 1 - tr;
  const kp = 1 - tp;
  // running sums along y for the vertical averages, updated row by row
  const colSum = new Float64Array(w);
  for (let y = 0; y < Math.min(h, reach); y++) for (let x = 0; x < w; x++) colSum[x]! += data[y * w + x]!;
  for (let y = 0; y < h; y++) {
    const add = y + reach;
    const drop = y - reach - 1;
    if (add < h) for (let x = 0; x < w; x++) colSum[x]! += data[add * w + x]!;
    if (drop >= 0) for (let x = 0; x < w; x++) colSum[x]! -= data[drop * w + x]!;
    const vCount = Math.min(h, y + reach + 1) - Math.max(0, y - reach);
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    const row = y * w;
    let hSum = 0;
    for (let x = 0; x < Math.min(w, reach); x++) hSum += data[row + x]!;
    for (let x = 0; x < w; x++) {
      if (x + reach < w) hSum += data[row + x + reach]!;
      if (x - reach - 1 >= 0) hSum -= data[row + x - reach - 1]!;
      const v = data[row + x]!;
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const n = boxSum(count, x0, y0, x1, y1);
      // a window that is nearly all ink (inside a filled area) borrows the page's paper level
      const paper = n * 10 >= (y1 - y0) * (x1 - x0) ? boxSum(integral, x0, y0, x1, y1) / n : pagePaper;
      if (v >= paper * kp) continue;
      const hCount = Math.min(w, x + reach + 1) - Math.max(0, x - reach);
      if (hSum / hCount < paper * kr) inkH[row + x] = 1;
      if (colSum[x]! / vCount < paper * kr) inkV[row + x] = 1;
    }
  }
  return { ink, inkH, inkV };
}
