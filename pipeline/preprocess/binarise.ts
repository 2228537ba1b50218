/**
 * Black-and-white versions of a grey page, for stages that count ink (projection profiles, table rules,
 * blank-page detection). Results are masks: 1 = ink, 0 = paper.
 */
import type { GreyImage } from '../../models/image.js';

export interface InkMask {
  width: number;
  height: number;
  /** 1 = ink, 0 = paper */
  data: Uint8Array;
}

export function histogram(img: GreyImage): Float64Array {
  const h = new Float64Array(256);
  const src = img.data;
  for (let i = 0; i < src.length; i++) h[src[i]!]!++;
  return h;
}

/** Otsu's threshold: the grey level that best separates the histogram into two classes. */
export function otsuThreshold(img: GreyImage): number {
  const hist = histogram(img);
  const total = img.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i]!;
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * hist[t]!;
    const meanB = sumB / weightB;
    const meanF = (sumAll - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Global Otsu binarisation: fine for clean scans, fooled by shadows and uneven lighting. */
export function binariseOtsu(img: GreyImage): InkMask {
  const t = otsuThreshold(img);
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i]! <= t ? 1 : 0;
  return { width: img.width, height: img.height, data };
}

export interface SauvolaOptions {
  /** side of the square neighbourhood in pixels (odd); about a text line's height works well @default 25 */
  window?: number;
  /** how far below the local mean ink must be, scaled by local contrast @default 0.3 */
  k?: number;
  /** pixels brighter than this are never ink, whatever the neighbourhood (keeps paper noise out) @default 220 */
  maxInk?: number;
}

/**
 * Sauvola local thresholding: T = m·(1 + k·(s/128 − 1)) over a window, with m and s from integral images.
 * Scanner edge shadows and uneven paper stay paper because their neighbourhood has little contrast.
 */
export function binariseSauvola(img: GreyImage, opts: SauvolaOptions = {}): InkMask {
  const { width: w, height: h, data: px } = img;
  const half = Math.max(1, Math.floor((opts.window ?? 25) / 2));
  const k = opts.k ?? 0.3;
  const maxInk = opts.maxInk ?? 220;
  // integral images with a zero row and column in front
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const sq = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rowSum = 0;
    let rowSq = 0;
    for (let x = 0; x < w; x++) {
      const v = px[y * w + x]!;
      rowSum += v;
      rowSq += v * v;
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1]! + rowSum;
      sq[(y + 1) * W + x + 1] = sq[y * W + x + 1]! + rowSq;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const v = px[y * w + x]!;
      if (v > maxInk) continue;
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const n = (y1 - y0) * (x1 - x0);
      const s1 = sum[y1 * W + x1]! - sum[y0 * W + x1]! - sum[y1 * W + x0]! + sum[y0 * W + x0]!;
      const s2 = sq[y1 * W + x1]! - sq[y0 * W + x1]! - sq[y1 * W + x0]! + sq[y0 * W + x0]!;
      const mean = s1 / n;
      const sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
      if (v <= mean * (1 + k * (sd / 128 - 1))) out[y * w + x] = 1;
    }
  }
  return { width: w, height: h, data: out };
}

/** Mask → grey image (ink black, paper white), e.g. to hand a binarised page to OCR. */
export function maskToGrey(mask: InkMask): GreyImage {
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = mask.data[i] ? 0 : 255;
  return { width: mask.width, height: mask.height, data };
}
