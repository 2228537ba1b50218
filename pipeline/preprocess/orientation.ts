/**
 * Which way up is the page? Two cheap cues that need no OCR:
 *  (a) line direction: text lines make the row profile sharp; if the column profile is sharper,
 *      the page lies on its side (90/270);
 *  (b) the Bangla headline (মাত্রা): letters hang from a stroke along the top of each word, so in an upright
 *      word the densest pixel row sits in the upper part of the word's ink, and in an upside-down word in
 *      the lower part. One vote per word, so a page gives a hundred or more independent votes.
 */
import type { InkMask } from './binarise.js';
import { keepComponents, labelComponents, type Components } from './components.js';
import { coarseSharpness, transposePoints, type InkPoints, type SkewEstimate } from './profile.js';

/**
 * Keep text-sized components only: drop dust, table rulings, seals, boxes and long rules, which would
 * otherwise swamp the profiles. Limits are in inches so they hold at any resolution.
 */
export function textOnly(mask: InkMask, dpi: number, comps: Components = labelComponents(mask)): InkMask {
  const minArea = Math.max(2, Math.round((dpi / 150) ** 2 * 3));
  return keepComponents(mask, comps, (k) => {
    const bw = comps.x1[k]! - comps.x0[k]! + 1;
    const bh = comps.y1[k]! - comps.y0[k]! + 1;
    return Math.max(bw, bh) <= 2 * dpi && Math.min(bw, bh) <= 0.5 * dpi && comps.area[k]! >= minArea;
  });
}

export interface LineDirection {
  /** true when text lines run left–right (page at 0 or 180), false when top–bottom (90 or 270) */
  horizontal: boolean;
  /** ln(row sharpness / column sharpness): far from 0 = sure */
  logRatio: number;
  rows: SkewEstimate;
  /** of the transposed points (columns as rows) */
  cols: SkewEstimate;
}

/**
 * Cue (a): compare the sharpest row profile with the sharpest column profile within ±`rangeDeg`, in bins of
 * 0.04 inch so that the letter-to-letter texture of columns does not pass for line structure.
 */
export function lineDirection(points: InkPoints, dpi: number, rangeDeg = 5): LineDirection {
  const binPx = Math.max(1, Math.round(0.04 * dpi));
  // binned profiles peak broadly, so half-degree steps find each axis's best
  const rows = coarseSharpness(points, rangeDeg, binPx, 0.5);
  const cols = coarseSharpness(transposePoints(points), rangeDeg, binPx, 0.5);
  const logRatio = Math.log((rows.score + 1e-9) / (cols.score + 1e-9));
  return { horizontal: logRatio >= 0, logRatio, rows, cols };
}

export interface HeadlineVote {
  /** weighted mean of the per-word votes in [−1, 1]: > 0 upright, < 0 upside down */
  score: number;
  /** words that voted (their densest row is a headline) */
  words: number;
  /** word-shaped components seen, voting or not: a page where few carry a headline is not Bangla enough to judge */
  candidates: number;
  /** total vote weight (pixels of headline-bearing word width) */
  evidence: number;
}

/**
 * Cue (b), word by word. The letters of a Bangla word share one headline, so a word is one ink component
 * whose densest row is a single run nearly as wide as the word. Each word-shaped component (at least 1.5×
 * as wide as tall, 0.05–0.5 inch high) whose densest row holds a run of 60 % of its width votes, weighted by
 * its width, by where that row sits in its box: upper half upright, lower half upside down. Words are
 * judged one by one, so table cells, columns and residual skew do not mix lines together; Latin letters
 * are separate components and rarely vote at all. `mask` must be deskewed (lines horizontal).
 */
export function headlineVote(mask: InkMask, dpi: number, comps: Components = labelComponents(mask)): HeadlineVote {
  const minH = Math.max(4, Math.round(0.05 * dpi));
  const maxH = Math.round(0.5 * dpi);
  // per component: row counts and longest run per row, from the runs (rows are relative to the box top)
  const heights = new Int32Array(comps.count);
  const offsets = new Int32Array(comps.count + 1);
  for (let k = 0; k < comps.count; k++) {
    const h = comps.y1[k]! - comps.y0[k]! + 1;
    const w = comps.x1[k]! - comps.x0[k]! + 1;
    heights[k] = h >= minH && h <= maxH && w >= 1.5 * h ? h : 0;
    offsets[k + 1] = offsets[k]! + heights[k]!;
  }
  const counts = new Int32Array(offsets[comps.count]!);
  const longest = new Int32Array(offsets[comps.count]!);
  for (let r = 0; r < comps.runRow.length; r++) {
    const k = comps.runComponent[r]!;
    if (!heights[k]) continue;
    const i = offsets[k]! + comps.runRow[r]! - comps.y0[k]!;
    const len = comps.runEnd[r]! - comps.runStart[r]! + 1;
    counts[i]! += len;
    if (len > longest[i]!) longest[i] = len;
  }
  let sum = 0;
  let weight = 0;
  let words = 0;
  let candidates = 0;
  for (let k = 0; k < comps.count; k++) {
    const h = heights[k]!;
    if (!h) continue;
    candidates++;
    const w = comps.x1[k]! - comps.x0[k]! + 1;
    let peak = 0;
    for (let r = 1; r < h; r++) if (counts[offsets[k]! + r]! > counts[offsets[k]! + peak]!) peak = r;
    if (longest[offsets[k]! + peak]! < 0.6 * w) continue;
    const rel = (peak + 0.5) / h;
    sum += w * Math.max(-1, Math.min(1, (0.5 - rel) * 4));
    weight += w;
    words++;
  }
  return { score: weight > 0 ? sum / weight : 0, words, candidates, evidence: weight };
}
