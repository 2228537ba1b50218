import sharp from 'sharp';
import type { GreyImage } from '../../models/image.js';

/** Enlarge a grey image by factor (≥ 1; 1 returns it unchanged). Small scans' text is read better enlarged. */
export async function scaleUp(img: GreyImage, factor: number): Promise<GreyImage> {
  if (factor <= 1.01) return img;
  const width = Math.round(img.width * factor);
  const height = Math.round(img.height * factor);
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .resize(width, height, { kernel: 'cubic' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}
