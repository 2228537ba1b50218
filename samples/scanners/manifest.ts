/**
 * The scanner-format fixtures (made by make.ts): every page, what it exercises, and the grey JPEG page ("twin")
 * of the same crop it must read as well as. The truth of every page is lines `truthLines` of the sample page's
 * truth text (the crop shows exactly those lines).
 */
export const CROP = {
  sample: 'smp_001',
  page: 1,
  /** in the sample page's 300 dpi pixels (850 px = 204 pt: Skia sizes PDF pages in whole points) */
  box: { x: 200, y: 180, width: 2100, height: 850 },
  /** first and last line (0-based, inclusive) of the page's truth text inside the crop */
  truthLines: [0, 9] as [number, number],
} as const;

export interface FixturePage {
  file: string;
  page: number;
  /** what the page is made of, as a scanner or tool writes it */
  format: string;
  twin: { file: 'twin-300.pdf' | 'twin-200.pdf'; page: 1 };
  /** what rasterising must take from it: the scan's own pixels, or pdfjs's drawing of the page */
  source: 'embedded' | 'rendered';
}

const T300 = { file: 'twin-300.pdf', page: 1 } as const;
const T200 = { file: 'twin-200.pdf', page: 1 } as const;

export const FIXTURE_MANIFEST: FixturePage[] = [
  { file: 'ccitt-g4.pdf', page: 1, format: 'CCITT Group 4, 1-bit, 300 dpi (tiff2pdf)', twin: T300, source: 'rendered' },
  { file: 'ccitt-g4.pdf', page: 2, format: 'CCITT G4 from a TIFF without resolution unit: a 7 pt page (tiff2pdf)', twin: T300, source: 'rendered' },
  { file: 'jbig2.pdf', page: 1, format: 'JBIG2 generic region, arithmetic coded, 300 dpi', twin: T300, source: 'rendered' },
  { file: 'jbig2.pdf', page: 2, format: 'JBIG2 generic region on a page of one point per pixel ("72 dpi")', twin: T300, source: 'rendered' },
  { file: 'flate-1bit.pdf', page: 1, format: '1-bit Flate with PNG predictor, 300 dpi (img2pdf)', twin: T300, source: 'embedded' },
  { file: 'flate-1bit.pdf', page: 2, format: '1-bit Flate image mask, /Decode [1 0], painted in near-black', twin: T300, source: 'rendered' },
  { file: 'flate-1bit.pdf', page: 3, format: '1-bit Flate DeviceGray with /Decode [1 0] (1 = black)', twin: T300, source: 'embedded' },
  { file: 'grey16.pdf', page: 1, format: '16-bit grey Flate with PNG predictor, 200 dpi (img2pdf)', twin: T200, source: 'embedded' },
  { file: 'cmyk-jpeg.pdf', page: 1, format: 'CMYK JPEG, Adobe-inverted, /Decode [1 0 …] (ImageMagick + img2pdf)', twin: T200, source: 'rendered' },
  { file: 'ycck-jpeg.pdf', page: 1, format: 'YCCK JPEG (Adobe transform 2), inverted CMYK, /Decode [1 0 …] (ghostscript DCTEncode)', twin: T200, source: 'rendered' },
  { file: 'jpeg2000.pdf', page: 1, format: 'JPEG 2000 colour, 200 dpi (opj_compress + img2pdf)', twin: T200, source: 'rendered' },
  { file: 'strips.pdf', page: 1, format: 'eight horizontal JPEG strips making one page', twin: T200, source: 'rendered' },
  { file: 'overlay.pdf', page: 1, format: 'JPEG scan + native Tesseract (eng) invisible text layer + vector seal and signature + invisible marker text', twin: T200, source: 'rendered' },
  { file: 'overlay.pdf', page: 2, format: 'JPEG scan over a visible text layer (underlay), native Tesseract text layer', twin: T200, source: 'rendered' },
  { file: 'mixed-bundle.pdf', page: 1, format: 'vector page: Bangla text in an embedded font (Skia PDF), with its own text layer', twin: T300, source: 'rendered' },
  { file: 'mixed-bundle.pdf', page: 2, format: 'CCITT G4 scan page in the same bundle', twin: T300, source: 'rendered' },
  { file: 'mixed-bundle.pdf', page: 3, format: '1-bit Flate scan page in the same bundle', twin: T300, source: 'embedded' },
];

/** Strings only a text layer contains: none may reach the OCR output. */
export const TEXT_LAYER_MARKERS = ['LEAK', 'Dc‡Rjv', 'mgevq', 'Kvh©vjq'];
