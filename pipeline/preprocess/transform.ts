/**
 * Small rotations by three shears (Paeth; Leptonica deskews this way): whole pixels move in row or column
 * segments and none is interpolated, so strokes stay as sharp as the scan made them, and each pass is a
 * handful of block copies per row instead of arithmetic per pixel.
 */
import type { GreyImage } from '../../models/image.js';

/** Shift each row y right by shift(y) (relative to the canvas's own offset), on a canvas `outW` wide. */
function shearRows(img: GreyImage, outW: number, shift: (y: number) => number): GreyImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(outW * h).fill(255);
  for (let y = 0; y < h; y++) {
    const dx = shift(y);
    const from = Math.max(0, -dx);
    const to = Math.min(w, outW - dx);
    if (to > from) out.set(data.subarray(y * w + from, y * w + to), y * outW + from + dx);
  }
  return { width: outW, height: h, data: out };
}

/** Shift each column x down by shift(x), on a canvas `outH` tall; columns with equal shifts move as one block. */
function shearColumns(img: GreyImage, outH: number, shift: (x: number) => number): GreyImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * outH).fill(255);
  let x0 = 0;
  while (x0 < w) {
    const dy = shift(x0);
    let x1 = x0 + 1;
    while (x1 < w && shift(x1) === dy) x1++;
    for (let y = Math.max(0, dy); y < Math.min(outH, h + dy); y++) {
      const src = (y - dy) * w;
      out.set(data.subarray(src + x0, src + x1), y * w + x0);
    }
    x0 = x1;
  }
  return { width: w, height: outH, data: out };
}

/**
 * Rotate clockwise by `deg` (meant for deskew: up to ~10°). R(θ) = Sx(a)·Sy(b)·Sx(a) with a = −tan(θ/2),
 * b = sin θ. The result is the rotated page's bounding box, new area white.
 */
export function rotateByShear(img: GreyImage, deg: number): GreyImage {
  if (deg === 0) return img;
  const theta = (deg * Math.PI) / 180;
  const a = -Math.tan(theta / 2);
  const b = Math.sin(theta);
  const { width: w, height: h } = img;
  // each shear about the image centre; canvases sized to hold everything, the last one cropped to the box
  const w1 = w + Math.ceil(Math.abs(a) * h) + 2;
  const pass1 = shearRows(img, w1, (y) => Math.round(a * (y - h / 2)) + ((w1 - w) >> 1));
  const h2 = h + Math.ceil(Math.abs(b) * w1) + 2;
  const pass2 = shearColumns(pass1, h2, (x) => Math.round(b * (x - w1 / 2)) + ((h2 - h) >> 1));
  const outW = Math.ceil(w * Math.abs(Math.cos(theta)) + h * Math.abs(b));
  const outH = Math.ceil(w * Math.abs(b) + h * Math.abs(Math.cos(theta)));
  const top = (h2 - outH) >> 1;
  const cropped: GreyImage = { width: w1, height: outH, data: pass2.data.subarray(top * w1, (top + outH) * w1) };
  return shearRows(cropped, outW, (y) => Math.round(a * (y + top - h2 / 2)) - ((w1 - outW) >> 1));
}
