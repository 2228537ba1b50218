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
