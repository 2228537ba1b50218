/** One page from spec to scanned image and truth: layout → drawing (+ signature, seal) → scan → truth. */
import { drawPage, type Overlay } from './draw.js';
import { FONTS } from './fonts.js';
import { layoutPage, type PageLayout } from './layout.js';
import type { PageSpec } from './model.js';
import { Rng } from './prng.js';
import { drawRotation, drawScanParams, encodeJpeg, encodePng, scanImage, TIERS, type Rotation, type ScanParams, type ScannedImage, type Tier } from './scan.js';
import { pageText, tableTruth, type PageTruth } from './truth.js';

export interface RenderPageInput {
  page: PageSpec;
  dpi: number;
  tier: Tier;
  /** everything random about this page (ruling, signature strokes, seal, scan) derives from this seed */
  seed: string;
  /** fixed scan parameters; the rest are drawn from the tier */
  scan?: Partial<ScanParams>;
  rotation?: Rotation;
  /** seal on each signature block that has seal text: true/false for all, or per block; default drawn from the tier */
  seals?: boolean | boolean[];
  pageNumber?: number;
  sectionIndex?: number;
  /** which encodings to return; default ['png'] */
  encode?: ('png' | 'jpeg')[];
}

export interface RenderedPage {
  png?: Buffer;
  jpeg?: Buffer;
  /** stored image size (rotated pages swap width and height) */
  width: number;
  height: number;
  truth: PageTruth;
  layout: PageLayout;
  overlays: Overlay[];
}

export class PageOverflowError extends Error {
  constructor(
    readonly subtype: string,
    readonly overflowMm: number,
  ) {
    super(`${subtype} page content runs ${overflowMm.toFixed(1)} mm past the bottom margin; split it over more pages`);
  }
}

export async function renderPage(input: RenderPageInput): Promise<RenderedPage> {
  const rng = new Rng(input.seed);
  const layout = layoutPage(input.page, { dpi: input.dpi, rng: rng.fork('layout') });
  if (layout.overflowPx > 0) throw new PageOverflowError(input.page.subtype, (layout.overflowPx * 25.4) / input.dpi);
  const scanRng = rng.fork('scan');
  const scan: ScanParams = { ...drawScanParams(input.tier, scanRng), ...input.scan };
  const rotation = input.rotation ?? drawRotation(input.tier, scanRng);
  const sealRng = rng.fork('seal');
  const seals = layout.signs.map((s, i) => {
    const wanted = Array.isArray(input.seals) ? (input.seals[i] ?? false) : typeof input.seals === 'boolean' ? input.seals : sealRng.chance(TIERS[input.tier].seal);
    return wanted && s.seal !== null;
  });
  const drawn = drawPage(layout, { skewDeg: scan.skewDeg, rng: rng.fork('draw'), seals });
  const scanned: ScannedImage = await scanImage(drawn.grey, drawn.width, drawn.height, scan, rotation, rng.fork('grain'), input.dpi);
  const encode = input.encode ?? ['png'];
  const truth: PageTruth = {
    page: input.pageNumber ?? 1,
    section: input.page.section,
    subtype: input.page.subtype,
    sectionIndex: input.sectionIndex ?? 0,
    orientation: input.page.orientation,
    rotation,
    dpi: input.dpi,
    tier: input.tier,
    font: FONTS[input.page.font].name,
    scan,
    overlays: drawn.overlays,
    ...(input.page.certificateIndicator ? { certificateIndicator: input.page.certificateIndicator } : {}),
    text: pageText(layout),
    tables: layout.tables.map(tableTruth),
  };
  const out: RenderedPage = { width: scanned.width, height: scanned.height, truth, layout, overlays: drawn.overlays };
  if (encode.includes('png')) out.png = await encodePng(scanned);
  if (encode.includes('jpeg')) out.jpeg = await encodeJpeg(scanned, scan.jpegQuality);
  return out;
}
