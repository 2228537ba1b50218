/**
 * Ruled-table structure from an upright page image, without OCR: adaptive binarisation, long horizontal and
 * vertical ink runs (rules), rule networks (one per table), grid lines and merged cells.
 */
import type { GreyImage } from '../../models/image.js';
import { binarise } from './binarise.js';
import { TEXT_FLANK, buildTables } from './grid.js';
import { FLAG_H, FLAG_V, findSegments, flankInk, type RuleParams } from './rules.js';
import type { TableStructure } from './structure.js';

export interface DetectOptions {
  /** page resolution; every length threshold is a physical length scaled by it */
  dpi: number;
}

/** Rule-finding lengths in inches, chosen against print sizes: a cell is never shorter than a text line. */
export function ruleParams(dpi: number): { h: RuleParams; v: RuleParams } {
  const radius = Math.max(1, Math.round(dpi / 150));
  const gap = Math.max(2, Math.round(dpi * 0.025));
  const maxThickness = Math.max(4, dpi * 0.04);
  const minPiece = Math.max(3, Math.round(dpi * 0.025));
  return {
    // a horizontal rule crosses at least one column; a single Bangla word's headline rarely reaches a third of an inch
    h: { minRun: Math.round(dpi * 0.08), minLength: Math.round(dpi * 0.35), gap, minPiece, radius, maxThickness },
    // a vertical rule spans at least one row (a text line plus padding); no glyph stroke is that tall
    v: { minRun: Math.round(dpi * 0.06), minLength: Math.round(dpi * 0.18), gap, minPiece, radius, maxThickness },
  };
}

export interface RuleAnalysis {
  ink: Uint8Array;
  flags: Uint8Array;
  tables: TableStructure[];
}

/** detectTables with its intermediate masks, for the cell reader and for debugging overlays. */
export function analyseRules(img: GreyImage, opts: DetectOptions): RuleAnalysis {
  const { width, height } = img;
  const { ink, inkH, inkV } = binarise(img, { dpi: opts.dpi });
  const params = ruleParams(opts.dpi);
  const flags = new Uint8Array(width * height);
  const band = Math.max(2, Math.round(opts.dpi * 0.03));
  // a long run with letters along one side is a text line's headline or baseline (bold scans), not a rule; its
  // marks go too, or text lying where a rule is missing (an activity spanning two rows) would pass for the rule
  const hSegs = findSegments(inkH, width, height, 'h', params.h, flags, FLAG_H).filter((s) => {
    const f = flankInk(s, ink, width, height, band);
    if (Math.max(f.above, f.below) < TEXT_FLANK) return true;
    for (let y = Math.max(0, s.p0); y <= Math.min(height - 1, s.p1); y++) {
      for (let x = Math.max(0, Math.floor(s.a0)); x <= Math.min(width - 1, Math.ceil(s.a1)); x++) flags[y * width + x]! &= ~FLAG_H;
    }
    return false;
  });
  const vSegs = findSegments(inkV, width, height, 'v', params.v, flags, FLAG_V);
  const tables = buildTables({ dpi: opts.dpi, width, height, flags, radius: params.h.radius, ink }, hSegs, vSegs);
  return { ink, flags, tables };
}

/** Every ruled table on the page, top to bottom. */
export function detectTables(img: GreyImage, opts: DetectOptions): TableStructure[] {
  return analyseRules(img, opts).tables;
}

/**
 * The page with each table's region painted white (a little beyond its frame, to take the rule's thickness and
 * skew with it), so the text around the tables can be read on its own.
 */
export function maskTables(img: GreyImage, structures: TableStructure[]): GreyImage {
  const data = new Uint8Array(img.data);
  for (const t of structures) {
    const pad = Math.ceil(t.ruleThickness) + 3;
    const x0 = Math.max(0, t.bbox.x0 - pad);
    const x1 = Math.min(img.width - 1, t.bbox.x1 + pad);
    const y0 = Math.max(0, t.bbox.y0 - pad);
    const y1 = Math.min(img.height - 1, t.bbox.y1 + pad);
    for (let y = y0; y <= y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
  }
  return { width: img.width, height: img.height, data };
}
