/**
 * The physical resolution of a page image. A PDF says it through its page box, and many tools say it wrong:
 * img2pdf and phone apps size the page at 72 or 96 "dpi" whatever the scan, tiff2pdf turns a TIFF without a
 * resolution unit into a page a few points wide (a 300 dpi scan read as 21,600 dpi). Every later stage sizes its
 * windows, rules and OCR hint from this number, so an implausible one is replaced by what the paper says.
 */

/** Paper sizes offices scan, long × short side in inches. */
const PAPER: { name: string; long: number; short: number }[] = [
  { name: 'A4', long: 297 / 25.4, short: 210 / 25.4 },
  { name: 'Letter', long: 11, short: 8.5 },
  { name: 'Legal', long: 14, short: 8.5 },
  { name: 'Foolscap', long: 13, short: 8 },
  { name: 'A3', long: 420 / 25.4, short: 297 / 25.4 },
  { name: 'A5', long: 210 / 25.4, short: 148 / 25.4 },
];

/** Resolutions a scanner is set to; outside this the page box, not the scan, is wrong. */
export const PLAUSIBLE_DPI = { min: 100, max: 1200 } as const;
/** What an archive scan most often is, when neither the page box nor the paper size tells. */
export const ASSUMED_DPI = 300;

export type DpiSource = 'page' | 'paper-size' | 'assumed';

function paperOf(longIn: number, shortIn: number, tolerance: number): (typeof PAPER)[number] | null {
  return PAPER.find((p) => Math.abs(longIn / p.long - 1) <= tolerance && Math.abs(shortIn / p.short - 1) <= tolerance) ?? null;
}

function paperByShape(longPx: number, shortPx: number): (typeof PAPER)[number] | null {
  const aspect = longPx / shortPx;
  return PAPER.find((p) => Math.abs(aspect / (p.long / p.short) - 1) <= 0.02) ?? null;
}

/** A page box a document could have: A6 to beyond A3, either way round. */
function documentSized(longIn: number, shortIn: number): boolean {
  return shortIn >= 3.5 && shortIn <= 17 && longIn >= 5 && longIn <= 24;
}

/**
 * The resolution to record for a page image of `widthPx` × `heightPx` pixels drawn on a page box of
 * `widthPt` × `heightPt` points. In order: the page box when it implies a resolution scanners are set to, or is
 * itself a paper size (a genuine 75 dpi scan of an A4 sheet stays 75 dpi); the paper size the image's shape
 * matches (a 150 dpi A4 scan that img2pdf sized at 96 dpi); the page box when it is at least the size of a
 * document; {@link ASSUMED_DPI} when nothing tells.
 */
export function physicalDpi(widthPx: number, heightPx: number, widthPt: number, heightPt: number): { dpi: number; source: DpiSource } {
  const longPx = Math.max(widthPx, heightPx);
  const shortPx = Math.min(widthPx, heightPx);
  const longIn = Math.max(widthPt, heightPt) / 72;
  const shortIn = Math.min(widthPt, heightPt) / 72;
  const boxDpi = longIn > 0 && shortIn > 0 ? (longPx / longIn + shortPx / shortIn) / 2 : NaN;
  const boxUsable = Number.isFinite(boxDpi) && boxDpi >= 20;
  if (boxUsable && boxDpi >= PLAUSIBLE_DPI.min && boxDpi <= PLAUSIBLE_DPI.max) return { dpi: boxDpi, source: 'page' };
  if (boxUsable && paperOf(longIn, shortIn, 0.03)) return { dpi: boxDpi, source: 'page' };
  const paper = paperByShape(longPx, shortPx);
  if (paper) {
    const dpi = (longPx / paper.long + shortPx / paper.short) / 2;
    if (dpi >= 50 && dpi <= PLAUSIBLE_DPI.max) return { dpi, source: 'paper-size' };
  }
  if (boxUsable && documentSized(longIn, shortIn)) return { dpi: boxDpi, source: 'page' };
  return { dpi: ASSUMED_DPI, source: 'assumed' };
}
