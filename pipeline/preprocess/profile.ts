/**
 * Projection profiles of ink along sheared rows: the measurement behind both deskew and the
 * "are the text lines horizontal?" half of orientation. Text lines make the row profile alternate
 * sharply between full (a line) and empty (the gap); the right shear angle makes it sharpest.
 */
import type { InkMask } from './binarise.js';

/** Coordinates of ink pixels, optionally transposed so that columns become rows. */
export interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
  /** extent along x and y of the (possibly transposed) frame */
  width: number;
  height: number;
}

export function inkPoints(mask: InkMask, transpose = false): InkPoints {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i]!;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[row + x]) continue;
      if (transpose) {
        xs[k] = y;
        ys[k] = x;
      } else {
        xs[k] = x;
        ys[k] = y;
      }
      k++;
    }
  }
  return transpose ? { xs, ys, width: mask.height, height: mask.width } : { xs, ys, width: mask.width, height: mask.height };
}

/**
 * Row profile of the ink after shearing by `angleDeg` (a line y = y0 + x·tan θ lands in one bin).
 * Positive angles follow lines that descend to the right on screen, i.e. text turned clockwise.
 */
export function shearedProfile(points: InkPoints, angleDeg: number, stride = 1, binPx = 1): Float64Array {
  const t = Math.tan((angleDeg * Math.PI) / 180);
  const offset = t > 0 ? Math.ceil(points.width * t) : 0;
  const bins = new Float64Array(Math.ceil((points.height + Math.ceil(points.width * Math.abs(t)) + 2) / binPx) + 1);
  // the shear of each column, rounded once: the inner loop is then one add per ink pixel
  const shift = new Int32Array(points.width);
  for (let x = 0; x < points.width; x++) shift[x] = Math.round(offset - x * t);
  const { xs, ys } = points;
  if (binPx === 1) for (let i = 0; i < xs.length; i += stride) bins[ys[i]! + shift[xs[i]!]!]!++;
  else for (let i = 0; i < xs.length; i += stride) bins[Math.floor((ys[i]! + shift[xs[i]!]!) / binPx)]!++;
  return bins;
}

/**
 * Sharpness of a profile, independent of the amount of ink and of the frame's size:
 * Σ(cᵢ₊₁ − cᵢ)² / Σcᵢ². Near 0 for a smooth profile, up to 4 for alternating full/empty rows.
 */
export function sharpness(profile: Float64Array): number {
  let diff = 0;
  let energy = 0;
  for (let i = 0; i < profile.length; i++) {
    const c = profile[i]!;
    energy += c * c;
    if (i + 1 < profile.length) diff += (profile[i + 1]! - c) ** 2;
  }
  return energy > 0 ? diff / energy : 0;
}

/** The same points with x and y swapped: columns become rows (no copying). */
export function transposePoints(points: InkPoints): InkPoints {
  return { xs: points.ys, ys: points.xs, width: points.height, height: points.width };
}

export interface SkewEstimate {
  /** shear angle that makes the profile sharpest (positive = lines descend to the right) */
  angleDeg: number;
  /** sharpness at that angle */
  score: number;
}

/**
 * The sharpest profile over ±`rangeDeg` in `stepDeg` steps, on a sample of the ink, in bins of `binPx`
 * pixels. Bins about a third of an x-height wide blur the letter-to-letter texture that columns of text
 * have but not the line-to-gap alternation of rows, which makes the scores of the two axes comparable.
 */
export function coarseSharpness(points: InkPoints, rangeDeg = 5, binPx = 1, stepDeg = 0.25): SkewEstimate {
  const stride = Math.max(1, Math.floor(points.xs.length / 25_000));
  let best = { angleDeg: 0, score: -1 };
  for (let a = -rangeDeg; a <= rangeDeg + 1e-9; a += stepDeg) {
    const s = sharpness(shearedProfile(points, a, stride, binPx));
    if (s > best.score) best = { angleDeg: a, score: s };
  }
  return best;
}

/**
 * The sharpest shear within ±`rangeDeg`: 0.25° steps, then 0.05° steps around the best (climbing on while
 * the edge of that window still improves), then a parabola through the best three fine samples for
 * precision finer than the step. Both passes use a sample of the ink: 80,000 points pin a page to ~0.02°.
 */
export function searchSkew(points: InkPoints, rangeDeg = 5): SkewEstimate {
  const step = 0.05;
  const start = coarseSharpness(points, rangeDeg).angleDeg;
  const stride = Math.max(1, Math.floor(points.xs.length / 80_000));
  const scores = new Map<number, number>();
  const score = (k: number): number => {
    let s = scores.get(k);
    if (s === undefined) scores.set(k, (s = sharpness(shearedProfile(points, start + k * step, stride))));
    return s;
  };
  let best = 0;
  for (let k = -5; k <= 5; k++) if (score(k) > score(best)) best = k;
  // a peak at the window's edge may lie beyond it: climb on while it keeps rising
  const limit = Math.ceil((rangeDeg + 0.5 - Math.abs(start)) / step);
  while (Math.abs(best) >= 5 && Math.abs(best) < limit && score(best + Math.sign(best)) > score(best)) best += Math.sign(best);
  const prev = score(best - 1);
  const next = score(best + 1);
  const denom = prev - 2 * score(best) + next;
  const offset = denom < 0 ? (0.5 * (prev - next)) / denom : 0;
  return { angleDeg: start + (best + offset) * step, score: score(best) };
}

/**
 * Undo a shear of `angleDeg` by moving each column up or down by whole pixels: for the few degrees of a
 * scan's skew this straightens text lines as well as a rotation would, at a fraction of the cost.
 */
export function unshearMask<T extends { width: number; height: number; data: Uint8Array }>(mask: T, angleDeg: number): T {
  const t = Math.tan((angleDeg * Math.PI) / 180);
  const { width: w, height: h, data } = mask;
  const offset = t > 0 ? Math.ceil(w * t) : 0;
  const outH = h + Math.ceil(w * Math.abs(t)) + 1;
  const shift = new Int32Array(w);
  for (let x = 0; x < w; x++) shift[x] = Math.round(offset - x * t);
  const out = new Uint8Array(w * outH);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const v = data[row + x]!;
      if (v) out[(y + shift[x]!) * w + x] = v;
    }
  }
  return { ...mask, height: outH, data: out };
}
