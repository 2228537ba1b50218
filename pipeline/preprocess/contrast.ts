/**
 * Contrast normalisation: grey paper becomes white and faded ink becomes black, so later thresholds
 * (Tesseract's Otsu, table-rule detection) see the same page whatever the scanner's exposure was.
 */
import type { GreyImage } from '../../models/image.js';
import { histogram } from './binarise.js';

export interface Levels {
  /** grey level mapped to black: the darkest half-percent of the page (ink) */
  black: number;
  /** grey level mapped to white: the paper, i.e. the most common bright level */
  white: number;
}

/**
 * Find the paper and ink levels from the histogram of every `step`-th pixel (a sample keeps thin strokes at
 * full darkness, unlike a downscaled copy, and costs a fraction of a full pass).
 */
export function measureLevels(img: GreyImage, step = 1): Levels {
  let hist: Float64Array;
  if (step <= 1) hist = histogram(img);
  else {
    hist = new Float64Array(256);
    const src = img.data;
    for (let i = 0; i < src.length; i += step) hist[src[i]!]!++;
  }
  let total = 0;
  for (let v = 0; v < 256; v++) total += hist[v]!;
  // paper: the most common level in the bright half, over a 5-level window so JPEG noise does not split it
  let white = 255;
  let bestCount = -1;
  for (let v = 128; v < 256; v++) {
    let c = 0;
    for (let k = Math.max(0, v - 2); k <= Math.min(255, v + 2); k++) c += hist[k]!;
    if (c > bestCount) {
      bestCount = c;
      white = v;
    }
  }
  // ink: a low percentile of the pixels clearly darker than paper. Taken over the whole page instead, a
  // page with a few lines of text (ink < 0.5% of pixels) gets its "black" from the paper itself, is not
  // stretched, and stays mid-grey, which Tesseract then reads as nothing at all.
  const inkLimit = Math.max(0, white - 48);
  let inkTotal = 0;
  for (let v = 0; v < inkLimit; v++) inkTotal += hist[v]!;
  let black = 0;
  if (inkTotal < total * 0.0002) {
    black = inkLimit; // next to no ink: contrastStretch sees a narrow range and leaves the page alone
  } else {
    for (let v = 0, cum = 0; v < inkLimit; v++) {
      cum += hist[v]!;
      if (cum >= inkTotal * 0.1) {
        black = v;
        break;
      }
    }
  }
  return { black, white };
}

/**
 * The linear map v → gain·v + offset (clipped) taking [black, white] to [0, 255], or null when the page has
 * no clear ink (blank, or already full-range): stretching noise would only invent contrast.
 */
export function contrastStretch(levels: Levels): { gain: number; offset: number } | null {
  const { black, white } = levels;
  if (white - black < 64 || (black <= 0 && white >= 255)) return null;
  const gain = 255 / (white - black);
  return { gain, offset: -black * gain };
}

/** Stretch [black, white] to [0, 255] with clipping, in place of a copy (see {@link contrastStretch}). */
export function normaliseContrast(img: GreyImage, levels: Levels = measureLevels(img)): GreyImage {
  const stretch = contrastStretch(levels);
  if (!stretch) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(v * stretch.gain + stretch.offset)));
  const src = img.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = lut[src[i]!]!;
  return { width: img.width, height: img.height, data: out };
}
