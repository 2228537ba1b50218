/**
 * The resolution text is read at. Tesseract's LSTM scales every text line to its network's input height (36 px
 * for the best_int models) before reading it, so a 300-dpi line (body text 45–60 px tall) is thrown away down to
 * that anyway; what the extra pixels cost is the layout analysis, thresholding and line scaling on the way. Reading
 * the page text (outside tables) of a page scanned above READ_DPI at READ_DPI leaves every body line well over the
 * network's height: on ../shared/eval/public the full-page call of a 300-dpi Annex 5 page took 0.92 instead of
 * 1.10-1.60 s of CPU and the page-text CER went 3.57% -> 3.43%. Table cells keep their resolution: their first
 * mosaic read at 0.75 lost 0.54 points of Annex 5 cells (94.88% -> 94.34%), at 260 dpi (0.87) 0.41 (94.47%). Scans at or under READ_DPI are read
 * as they are (150-dpi ones are not enlarged: enlarging smoothed strokes lost cells, see cells.ts ocrDpi).
 */
import type { GreyImage } from '../../models/image.js';
import type { OcrLine } from '../../models/ocr.js';
import { scaleGrey } from '../preprocess/grey.js';

export const READ_DPI = 225;

/** The factor (≤ 1) an image of this dpi is shrunk by before its text is read. */
export function readScale(dpi: number, readDpi: number = READ_DPI): number {
  return dpi > readDpi * 1.05 ? readDpi / dpi : 1;
}

/** Shrink for reading (area-averaged, as preprocess does); 1 returns the image itself. */
export async function shrinkForReading(img: GreyImage, factor: number): Promise<GreyImage> {
  return factor >= 1 ? img : scaleGrey(img, factor);
}

/** Lines read on an image shrunk by `factor`, their boxes put back into the original image's pixels. */
export function linesToOriginal(lines: OcrLine[], factor: number): OcrLine[] {
  if (factor === 1) return lines;
  const box = (b: OcrLine['bbox']) => ({ x0: Math.round(b.x0 / factor), y0: Math.round(b.y0 / factor), x1: Math.round(b.x1 / factor), y1: Math.round(b.y1 / factor) });
  return lines.map((l) => ({ ...l, bbox: box(l.bbox), words: l.words.map((w) => ({ ...w, bbox: box(w.bbox) })) }));
}
