/**
 * Small, exact operations on {@link GreyImage} shared by rasterisation and clean-up:
 * conversion to and from sharp, quarter turns and flips, resizing.
 */
import sharp, { type Sharp } from 'sharp';
import type { GreyImage } from '../../models/image.js';

/** Where one axis of the source image points in the output: +x = rightwards, +y = downwards. */
export type Axis = '+x' | '-x' | '+y' | '-y';

export function sharpOf(img: GreyImage): Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
}

/** Decode anything sharp reads (or finish a sharp pipeline) to 8-bit grey; transparency becomes white paper. */
export async function greyFrom(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .greyscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export async function toPng(img: GreyImage): Promise<Uint8Array> {
  return sharpOf(img).png({ compressionLevel: 1 }).toBuffer();
}

/**
 * Re-lay the pixels so the source's column axis (left→right) and row axis (top→bottom) point along
 * `colAxis` and `rowAxis` of the output. The eight combinations are the four quarter turns with and
 * without a mirror; pixels are moved, never resampled.
 */
export function dihedral(img: GreyImage, colAxis: Axis, rowAxis: Axis): GreyImage {
  if (colAxis[1] === rowAxis[1]) throw new Error(`dihedral: axes ${colAxis} and ${rowAxis} are parallel`);
  const { width: w, height: h, data } = img;
  if (colAxis === '+x' && rowAxis === '+y') return img;
  const colOnX = colAxis[1] === 'x';
  const outW = colOnX ? w : h;
  const outH = colOnX ? h : w;
  const out = new Uint8Array(w * h);
  // output index = base + i * stepCol + j * stepRow, for source pixel (column i, row j)
  const step = (axis: Axis): number => (axis[1] === 'x' ? 1 : outW) * (axis[0] === '+' ? 1 : -1);
  const stepCol = step(colAxis);
  const stepRow = step(rowAxis);
  let base = 0;
  if (stepCol < 0) base += -stepCol * (w - 1);
  if (stepRow < 0) base += -stepRow * (h - 1);
  for (let j = 0, src = 0; j < h; j++) {
    let dst = base + j * stepRow;
    for (let i = 0; i < w; i++, src++, dst += stepCol) out[dst] = data[src]!;
  }
  return { width: outW, height: outH, data: out };
}

/** Turn the image clockwise by a multiple of 90°. */
export function rotateQuarter(img: GreyImage, clockwiseDeg: number): GreyImage {
  switch (((clockwiseDeg % 360) + 360) % 360) {
    case 0:
      return img;
    case 90:
      return dihedral(img, '+y', '-x');
    case 180:
      return dihedral(img, '-x', '-y');
    case 270:
      return dihedral(img, '-y', '+x');
    default:
      throw new Error(`rotateQuarter: ${clockwiseDeg}° is not a multiple of 90`);
  }
}

/** Resize by a factor (area-averaging when shrinking, so thin strokes survive as grey rather than vanish). */
export async function scaleGrey(img: GreyImage, factor: number): Promise<GreyImage> {
  if (factor === 1) return img;
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  return greyFrom(sharpOf(img).resize(width, height, { fit: 'fill', kernel: factor < 1 ? 'linear' : 'cubic' }));
}

/**
 * Turn clockwise by any angle. Quarter turns move pixels exactly; other angles are resampled by sharp and
 * the canvas grows to hold the whole page, the new corners filled with white paper.
 */
export async function rotateGrey(img: GreyImage, clockwiseDeg: number): Promise<GreyImage> {
  const deg = ((clockwiseDeg % 360) + 360) % 360;
  if (Math.abs(deg - Math.round(deg / 90) * 90) < 1e-9) return rotateQuarter(img, Math.round(deg / 90) * 90);
  return greyFrom(sharpOf(img).rotate(deg, { background: '#ffffff' }));
}
