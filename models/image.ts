import { z } from 'zod';

/**
 * A page as pixels: 8-bit greyscale, row-major, one byte per pixel.
 * Every stage after rasterisation works on this one representation so no stage decodes an image twice.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** width*height bytes, 0 = black, 255 = white */
  data: Uint8Array;
}

/** How the page image was obtained. */
export const RasterSourceSchema = z.enum([
  /** the scan's own embedded JPEG/Flate image, extracted without re-rendering */
  'embedded',
  /** pdfjs-dist rendering of the page (vector pages, several images, undecodable filters) */
  'rendered',
]);
export type RasterSource = z.infer<typeof RasterSourceSchema>;

export const RasterInfoSchema = z.object({
  page: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** effective resolution: image pixels per inch of the paper (of the PDF page box, unless dpiSource says otherwise) */
  dpi: z.number().positive(),
  /**
   * absent: the page box gave the resolution. 'paper-size': the box was implausible (a 300 dpi scan on a 7 pt
   * page, or at 96 "dpi") and the image's shape matched a paper size; 'assumed': neither told, 300 dpi taken
   */
  dpiSource: z.enum(['paper-size', 'assumed']).optional(),
  source: RasterSourceSchema,
  /** /Rotate of the PDF page, already applied to the pixels */
  pdfRotate: z.number().int(),
  /** the embedded image's filter when source = embedded (DCTDecode, FlateDecode) */
  filter: z.string().nullable(),
  /** shrink applied because the page exceeded the pixel cap (e.g. 0.4961 for a 10,000 px scan); absent = 1 */
  scale: z.number().positive().optional(),
});
export type RasterInfo = z.infer<typeof RasterInfoSchema>;

export interface RasterPage {
  info: RasterInfo;
  image: GreyImage;
}

/** What clean-up did to a page; stored per page so a reviewer can see why a crop looks as it does. */
export const PreprocessInfoSchema = z.object({
  /** clockwise degrees the scan was rotated by; the stage turned it back by this much */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  rotationConfidence: z.number(),
  /** how the rotation was decided: osd, projection, ocr-confidence, none */
  rotationMethod: z.string(),
  /** degrees of residual skew found and removed (positive = counter-clockwise text) */
  skewDeg: z.number(),
  /** scale factor applied to the raster before OCR (1 = unchanged) */
  scale: z.number().positive(),
  blank: z.boolean(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type PreprocessInfo = z.infer<typeof PreprocessInfoSchema>;

export interface PreparedPage {
  info: PreprocessInfo;
  image: GreyImage;
}
