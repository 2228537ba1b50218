import sharp from 'sharp';
import type { GreyImage } from '../models/image.js';

/**
 * Encode a grey image for Tesseract. PGM is the raw bytes behind a 15-byte header (Leptonica reads it),
 * so no compression time is spent on every OCR call.
 */
export function toPgm(img: GreyImage): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

export async function toPng(img: GreyImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Copy a rectangle out of an image (clamped to its bounds). */
export function cropGrey(img: GreyImage, x: number, y: number, w: number, h: number): GreyImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(img.width, Math.ceil(x + w));
  const y1 = Math.min(img.height, Math.ceil(y + h));
  const cw = Math.max(1, x1 - x0);
  const ch = Math.max(1, y1 - y0);
  const data = new Uint8Array(cw * ch).fill(255);
  for (let r = 0; r < ch && y0 + r < img.height; r++) {
    data.set(img.data.subarray((y0 + r) * img.width + x0, (y0 + r) * img.width + x0 + Math.min(cw, img.width - x0)), r * cw);
  }
  return { width: cw, height: ch, data };
}
