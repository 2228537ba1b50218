/**
 * Makes a clean rendering look scanned: paper tone and uneven light, blur, grain, speckle, a shadow along
 * an edge, a page fed in turned by 90/180/270°, and JPEG compression. Parameters come in three tiers that
 * follow the eval corpus's table (clean / typical / hard).
 */
import sharp, { type Sharp } from 'sharp';
import type { Rng } from './prng.js';

export type Tier = 'clean' | 'typical' | 'hard';
export type Edge = 'left' | 'right' | 'top' | 'bottom';
export type Rotation = 0 | 90 | 180 | 270;

/** What was done to one page (written to the truth file as `scan`). */
export interface ScanParams {
  /** degrees, positive = content turned counter-clockwise */
  skewDeg: number;
  /** Gaussian blur sigma in px at the page's dpi (below 0.3 no blur is applied) */
  blur: number;
  /** grain: standard deviation as a fraction of 20 grey levels */
  noise: number;
  jpegQuality: number;
  /** dark specks per 200 px² of page (0.005 → ~140 specks on an A4 page at 240 dpi) */
  speckle: number;
  edgeShadow: Edge | null;
}

export interface TierProfile {
  dpi: readonly number[];
  skew: [number, number];
  blur: [number, number];
  noise: [number, number];
  jpeg: [number, number];
  speckle: [number, number];
  /** probability that a page is fed in rotated */
  rotated: number;
  /** probability that a signature block carries a seal */
  seal: number;
  edgeShadow: number;
}

export const TIERS: Record<Tier, TierProfile> = {
  clean: { dpi: [300], skew: [0.1, 0.45], blur: [0.2, 0.35], noise: [0.03, 0.1], jpeg: [78, 85], speckle: [0, 0], rotated: 0, seal: 0, edgeShadow: 0 },
  typical: { dpi: [200, 240, 300], skew: [0.4, 1.4], blur: [0.35, 0.6], noise: [0.12, 0.3], jpeg: [65, 80], speckle: [0, 0.005], rotated: 0.08, seal: 0.45, edgeShadow: 0.3 },
  hard: { dpi: [150, 200], skew: [1.2, 2.5], blur: [0.5, 0.85], noise: [0.35, 0.6], jpeg: [50, 65], speckle: [0.003, 0.01], rotated: 0.2, seal: 0.85, edgeShadow: 0.4 },
};

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function drawScanParams(tier: Tier, rng: Rng): ScanParams {
  const t = TIERS[tier];
  const sign = rng.chance(0.5) ? 1 : -1;
  const speckle = t.speckle[1] > 0 && rng.chance(tier === 'hard' ? 0.8 : 0.5) ? round(rng.range(...t.speckle), 4) : 0;
  return {
    skewDeg: round(sign * rng.range(...t.skew), 2),
    blur: round(rng.range(...t.blur), 2),
    noise: round(rng.range(...t.noise), 2),
    jpegQuality: rng.int(...t.jpeg),
    speckle,
    edgeShadow: rng.chance(t.edgeShadow) ? rng.pick(['left', 'right', 'top', 'bottom'] as const) : null,
  };
}

export function drawRotation(tier: Tier, rng: Rng): Rotation {
  return rng.chance(TIERS[tier].rotated) ? rng.pick([90, 180, 270] as const) : 0;
}

export interface ScannedImage {
  /** greyscale pixels of the stored image (after rotation), 0 = black */
  grey: Buffer;
  width: number;
  height: number;
}

/**
 * Degrades a greyscale rendering (0 = ink, 255 = paper), then turns it clockwise by `rotation` like a page
 * fed in the wrong way round.
 */
export async function scanImage(grey: Uint8Array, width: number, height: number, p: ScanParams, rotation: Rotation, rng: Rng, dpi: number): Promise<ScannedImage> {
  const paper = rng.range(226, 242);
  const ink = rng.range(18, 42);
  // uneven light: a gentle linear gradient in a random direction
  const gx = rng.range(-0.03, 0.03) / width;
  const gy = rng.range(-0.03, 0.03) / height;
  const toned = new Uint8Array(grey.length);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const light = 1 + gx * (x - width / 2) + gy * (y - height / 2);
      toned[i] = clamp((ink + ((paper - ink) * grey[i]!) / 255) * light);
    }
  }
  // Grain goes in before the blur: sensor noise seen through the scanner's optics is soft, not pixel-sharp
  // (and pixel-sharp grain would triple the JPEG size for nothing).
  grain(toned, p.noise * 20, rng);
  let img: Uint8Array = toned;
  if (p.blur >= 0.3) {
    img = await rawGrey(sharp(toned, { raw: { width, height, channels: 1 } }).blur(p.blur), width, height);
  }
  if (p.speckle > 0) speckle(img, width, height, p.speckle, rng, dpi);
  if (p.edgeShadow) shadow(img, width, height, p.edgeShadow, rng);
  if (!rotation) return { grey: Buffer.from(img.buffer, img.byteOffset, img.byteLength), width, height };
  const [w, h] = rotation === 90 || rotation === 270 ? [height, width] : [width, height];
  const out = await rawGrey(sharp(img, { raw: { width, height, channels: 1 } }).rotate(rotation), w, h);
  return { grey: Buffer.from(out.buffer, out.byteOffset, out.byteLength), width: w, height: h };
}

/** sharp turns one-channel raw input into three channels on some operations (blur); force grey back. */
async function rawGrey(s: Sharp, width: number, height: number): Promise<Uint8Array> {
  const { data, info } = await s.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 || info.width !== width || info.height !== height) {
    throw new Error(`expected ${width}x${height}x1 raw, sharp gave ${info.width}x${info.height}x${info.channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function encodeJpeg(img: ScannedImage, quality: number): Promise<Buffer> {
  return sharp(img.grey, { raw: { width: img.width, height: img.height, channels: 1 } }).toColourspace('b-w').jpeg({ quality }).toBuffer();
}

export async function encodePng(img: ScannedImage): Promise<Buffer> {
  return sharp(img.grey, { raw: { width: img.width, height: img.height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** Gaussian grain from a table of precomputed deviates (a full Box–Muller per pixel is needlessly slow). */
function grain(img: Uint8Array, sd: number, rng: Rng): void {
  if (sd <= 0) return;
  const table = new Float32Array(65536);
  for (let i = 0; i < table.length; i++) table[i] = rng.gauss() * sd;
  let s = (rng.next() * 0xffffffff) >>> 0 || 1;
  for (let i = 0; i < img.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    img[i] = clamp(img[i]! + table[(s >>> 0) & 0xffff]!);
  }
}

function speckle(img: Uint8Array, width: number, height: number, density: number, rng: Rng, dpi: number): void {
  const n = Math.round((density * width * height) / 200);
  const scale = dpi / 300;
  for (let k = 0; k < n; k++) {
    const cx = rng.int(0, width - 1);
    const cy = rng.int(0, height - 1);
    const r = rng.range(0.6, 2.2) * scale;
    const v = rng.int(30, 110);
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) img[y * width + x] = Math.min(img[y * width + x]!, v);
      }
    }
  }
}

/** The dark band a book-edge or lid gap leaves along one side of the glass. */
function shadow(img: Uint8Array, width: number, height: number, edge: 'left' | 'right' | 'top' | 'bottom', rng: Rng): void {
  const horizontal = edge === 'left' || edge === 'right';
  const band = (horizontal ? width : height) * rng.range(0.03, 0.07);
  const depth = rng.range(0.35, 0.6);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = edge === 'left' ? x : edge === 'right' ? width - 1 - x : edge === 'top' ? y : height - 1 - y;
      if (d >= band) continue;
      const f = 1 - depth * (1 - d / band) ** 2;
      const i = y * width + x;
      img[i] = clamp(img[i]! * f);
    }
  }
}
