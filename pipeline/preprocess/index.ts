/**
 * Page clean-up before OCR: contrast normalisation, orientation (0/90/180/270), deskew (±5°),
 * blank-page detection, and a resolution cap. All measurements run on a ≤150-dpi binarised copy;
 * the page itself is only touched by a lookup table, a quarter turn and three shears (plus a resize
 * when it is finer than 400 dpi).
 */
import type { GreyImage, PreparedPage, PreprocessInfo, RasterPage } from '../../models/image.js';
import type { OcrEngine } from '../../models/ocr.js';
import { binariseSauvola, type InkMask } from './binarise.js';
import { labelComponents, type Components } from './components.js';
import { measureLevels, normaliseContrast } from './contrast.js';
import { rotateQuarter, scaleGrey, toPng } from './grey.js';
import { rotateByShear } from './transform.js';
import { headlineVote, lineDirection, textOnly, type HeadlineVote } from './orientation.js';
import { inkPoints, searchSkew, unshearMask, type InkPoints } from './profile.js';

export { binariseOtsu, binariseSauvola, maskToGrey, otsuThreshold, type InkMask, type SauvolaOptions } from './binarise.js';
export { contrastStretch, measureLevels, normaliseContrast } from './contrast.js';
export { rotateGrey, rotateQuarter, scaleGrey, toPng } from './grey.js';
export { rotateByShear } from './transform.js';

export interface PreprocessOptions {
  /** resolution of the copy that orientation, skew and blank detection measure @default 150 */
  analysisDpi?: number;
  /** largest skew searched for, degrees either way @default 5 */
  maxSkewDeg?: number;
  /** pages finer than this are shrunk to 300 dpi: OCR gains nothing and runs slower @default 400 */
  maxDpi?: number;
  /** turn pages upright @default true */
  orient?: boolean;
  /** remove skew @default true */
  deskew?: boolean;
}

export interface PreprocessContext {
  /** Tesseract OSD, consulted only when the cheap cues cannot tell 0° from 180° */
  engine?: Pick<OcrEngine, 'detectOrientation'>;
  options?: PreprocessOptions;
}

type Rotation = PreprocessInfo['rotation'];

/** What the measurements on the analysis copy found. */
export interface PageAnalysis {
  blank: boolean;
  /** share of the page covered by ink outside the margins (dust excluded) */
  inkFraction: number;
  /** clockwise rotation the scan has, as far as the cheap cues can tell */
  rotation: Rotation;
  /** lines run left–right in the scan (rotation 0/180) */
  horizontal: boolean;
  /** ln(row/column profile sharpness); |value| = how clearly the line direction showed */
  axisLogRatio: number;
  /** the Bangla-headline vote in the chosen frame */
  headline: HeadlineVote;
  /** 0–1: how sure the 0-vs-180 decision is (0 when no Bangla headlines voted) */
  flipConfidence: number;
  /** skew of the upright page, positive = text turned counter-clockwise */
  skewDeg: number;
}

/** Ink below this share of the inner page means a blank page (one short line of text is ~0.15 %). */
const BLANK_INK = 2.5e-4;
/** An axis decision with |ln ratio| below this is checked against the headline evidence of both frames. */
const AXIS_SURE = 0.3;
/** Tesseract OSD orientation confidence needed to settle a tie. */
const OSD_MIN_CONFIDENCE = 2;

/** Ink outside a 4 % margin, ignoring specks: scanner edge shadows and dust do not make a page non-blank. */
function innerInkFraction(mask: InkMask, comps: Components, dpi: number): number {
  const minArea = Math.max(3, Math.round((dpi / 150) ** 2 * 6));
  const mx = mask.width * 0.04;
  const my = mask.height * 0.04;
  let ink = 0;
  for (let k = 0; k < comps.count; k++) {
    if (comps.area[k]! < minArea) continue;
    const cx = (comps.x0[k]! + comps.x1[k]!) / 2;
    const cy = (comps.y0[k]! + comps.y1[k]!) / 2;
    if (cx < mx || cx > mask.width - mx || cy < my || cy > mask.height - my) continue;
    ink += comps.area[k]!;
  }
  return ink / ((mask.width - 2 * mx) * (mask.height - 2 * my));
}

interface FrameResult {
  skewAngle: number;
  vote: HeadlineVote;
}

/** Deskew one candidate frame (lines assumed horizontal) and let its text lines vote on up/down. */
function judgeFrame(text: InkMask, points: InkPoints, dpi: number, maxSkew: number): FrameResult {
  const skew = searchSkew(points, maxSkew);
  return { skewAngle: skew.angleDeg, vote: headlineVote(unshearMask(text, skew.angleDeg), dpi) };
}

/** Ink points of the mask turned a quarter clockwise, from the unturned points: (x, y) → (h − 1 − y, x). */
function quarterPoints(points: InkPoints): InkPoints {
  const xs = new Int32Array(points.xs.length);
  for (let i = 0; i < xs.length; i++) xs[i] = points.height - 1 - points.ys[i]!;
  return { xs, ys: points.xs, width: points.height, height: points.width };
}

/** Agreement of the votes, times enough voters, times enough of the page's words being Bangla. */
const flipConfidence = (v: HeadlineVote): number =>
  Math.min(1, Math.abs(v.score) * 2) * Math.min(1, v.words / 8) * Math.min(1, (2 * v.words) / Math.max(1, v.candidates));

/**
 * Measure a page: blank or not, which way up, how skewed. Pure apart from sharp resampling; no OCR.
 * `dpi` is the image's resolution (for size limits expressed in inches).
 */
export async function analysePage(img: GreyImage, dpi: number, opts: PreprocessOptions = {}): Promise<PageAnalysis> {
  const analysisDpi = Math.min(opts.analysisDpi ?? 150, dpi);
  const maxSkew = opts.maxSkewDeg ?? 5;
  const small = await scaleGrey(img, analysisDpi / dpi);
  const window = 2 * Math.round(analysisDpi / 12) + 1; // about a sixth of an inch: one text line
  const mask = binariseSauvola(small, { window });
  const comps = labelComponents(mask);
  const inkFraction = innerInkFraction(mask, comps, analysisDpi);
  const none: PageAnalysis = {
    blank: inkFraction < BLANK_INK,
    inkFraction,
    rotation: 0,
    horizontal: true,
    axisLogRatio: 0,
    headline: { score: 0, words: 0, candidates: 0, evidence: 0 },
    flipConfidence: 0,
    skewDeg: 0,
  };
  if (none.blank) return none;
  const text = textOnly(mask, analysisDpi, comps);
  const points = inkPoints(text);
  if (points.xs.length < 50) return none;

  const direction = lineDirection(points, analysisDpi, maxSkew);
  const axisLogRatio = direction.logRatio;
  let horizontal = direction.horizontal;
  const frameOf = (flat: boolean): FrameResult =>
    flat
      ? judgeFrame(text, points, analysisDpi, maxSkew)
      : judgeFrame(rotateQuarter(text, 90), quarterPoints(points), analysisDpi, maxSkew);
  let frame = frameOf(horizontal);
  if (Math.abs(axisLogRatio) < AXIS_SURE) {
    // a table-heavy page can make columns look as sharp as lines; headlines only appear along real lines
    const other = frameOf(!horizontal);
    if (other.vote.words >= 5 && other.vote.evidence > 2 * frame.vote.evidence) {
      horizontal = !horizontal;
      frame = other;
    }
  }
  const up = frame.vote.score >= 0;
  const rotation: Rotation = horizontal ? (up ? 0 : 180) : up ? 270 : 90;
  return {
    blank: false,
    inkFraction,
    rotation,
    horizontal,
    axisLogRatio,
    headline: frame.vote,
    flipConfidence: flipConfidence(frame.vote),
    skewDeg: opts.deskew === false ? 0 : -frame.skewAngle,
  };
}

/**
 * Tesseract OSD on the page turned so its lines run left–right, so it only has to say upright or upside
 * down (it is unreliable on 90/270). Null when there is no engine, it cannot tell, or it fails.
 */
async function askOsd(
  engine: PreprocessContext['engine'],
  src: GreyImage,
  dpi: number,
  horizontal: boolean,
): Promise<{ rotation: 0 | 180; confidence: number } | null> {
  if (!engine?.detectOrientation) return null;
  const turned = rotateQuarter(src, horizontal ? 0 : 90);
  const png = await toPng(normaliseContrast(await scaleGrey(turned, Math.min(1, 300 / dpi))));
  try {
    const found = await engine.detectOrientation(png);
    return found && (found.rotation === 0 || found.rotation === 180) ? { rotation: found.rotation, confidence: found.confidence } : null;
  } catch {
    return null; // a tiebreak that fails leaves the page as the cheap cues had it
  }
}

/**
 * Clean up one rasterised page for OCR. `ctx.engine.detectOrientation` (Tesseract OSD) is asked only when
 * the page has too little Bangla for the headline cue to tell 0° from 180° (e.g. an all-English page).
 */
export async function preprocessPage(raster: RasterPage, ctx: PreprocessContext = {}): Promise<PreparedPage> {
  const opts = ctx.options ?? {};
  const src = raster.image;
  const dpi = raster.info.dpi;
  const scale = dpi > (opts.maxDpi ?? 400) ? 300 / dpi : 1;
  const analysis = await analysePage(src, dpi, opts);
  const levels = measureLevels(src, 7);

  let rotation: Rotation = opts.orient === false ? 0 : analysis.rotation;
  const axisConfidence = Math.min(1, Math.abs(analysis.axisLogRatio) / 0.5);
  let confidence = Math.min(axisConfidence, analysis.flipConfidence);
  let method = analysis.blank || analysis.axisLogRatio === 0 ? 'none' : 'projection+headline';
  if (!analysis.blank && opts.orient !== false && analysis.flipConfidence < 0.2) {
    method = analysis.axisLogRatio === 0 ? 'none' : 'projection';
    // too little Bangla to judge: most scans are upright, so a page whose lines run left–right stays as it is
    if (analysis.horizontal) rotation = 0;
    const found = await askOsd(ctx.engine, src, dpi, analysis.horizontal);
    if (found && found.confidence >= OSD_MIN_CONFIDENCE) {
      const up = found.rotation === 0;
      rotation = analysis.horizontal ? (up ? 0 : 180) : up ? 270 : 90;
      method = 'projection+osd';
      confidence = Math.min(axisConfidence, found.confidence / 20);
    }
  }
  const skewDeg = opts.deskew === false || Math.abs(analysis.skewDeg) < 0.05 ? 0 : analysis.skewDeg;
  // shrink, stretch, undo the quarter turn, then undo the skew by shears: no step resamples the pixels twice
  let image = scale === 1 ? src : await scaleGrey(src, scale);
  image = normaliseContrast(image, levels);
  image = rotateQuarter(image, (360 - rotation) % 360);
  image = rotateByShear(image, skewDeg);

  return {
    image,
    info: {
      rotation,
      rotationConfidence: Math.round(confidence * 1000) / 1000,
      rotationMethod: method,
      skewDeg: Math.round(skewDeg * 100) / 100,
      scale,
      blank: analysis.blank,
      width: image.width,
      height: image.height,
    },
  };
}
