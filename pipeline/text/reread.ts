/**
 * Second readings of single words of the page text (outside tables), each cut out and read alone: doubtful
 * dates (rereadDates.ts) and English words the page reading garbled into mixed script (rereadLatin.ts). The one
 * place the page text's words are read again.
 */
import type { GreyImage } from '../../models/image.js';
import type { OcrEngine, OcrLine } from '../../models/ocr.js';
import { rereadDoubtfulDates } from './rereadDates.js';
import { rereadMixedScriptWords } from './rereadLatin.js';

export async function rereadDoubtfulWords(image: GreyImage, lines: readonly OcrLine[], engine: OcrEngine, opts: { dpi: number }): Promise<OcrLine[]> {
  const dates = await rereadDoubtfulDates(image, lines, engine, opts);
  return (await rereadMixedScriptWords(image, dates.lines, engine, opts)).lines;
}
