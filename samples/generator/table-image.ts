/**
 * One ruled table as a small image with its cell boxes: golden inputs for table-reconstruction tests.
 */
import { drawPage, type Overlay } from './draw.js';
import type { FontId } from './fonts.js';
import { layoutPage, type Box } from './layout.js';
import type { CellSpec, PageSpec, TableSpec } from './model.js';
import { Rng } from './prng.js';
import { encodePng, scanImage } from './scan.js';
import { tableTruth, type TableTruth } from './truth.js';

export interface TableImageSpec {
  nRows: number;
  nCols: number;
  cells: CellSpec[];
  headerRows?: number;
  /** relative column widths; default equal */
  colWidths?: number[];
  font?: FontId;
  /** default 200 */
  dpi?: number;
  /** points; default 10 */
  fontSize?: number;
  /** table width in mm; default 30 mm per column, at most 267 */
  widthMm?: number;
  /** white border around the table in mm; default 5 */
  marginMm?: number;
  /** degrees, positive = counter-clockwise; default 0 */
  skewDeg?: number;
  /** grain as in the scan tiers (0.05 clean … 0.6 hard); default 0 = a clean white image */
  noise?: number;
  blur?: number;
  /** seal text (outer arc, lower arc, centre) stamped over the table's lower right, or true for a default */
  seal?: string[] | boolean;
  /** ruling: line width in px at 300 dpi, share of faint and of broken segments */
  rule?: { widthPx300: number; faint: number; broken: number };
  seed?: string;
}

export interface TableImageCell extends Omit<TableTruth['cells'][number], 'header'> {
  header: boolean;
  /** axis-aligned box of the cell in image pixels (after skew) */
  box: Box;
}

export interface TableImage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  cells: TableImageCell[];
  /** nRows × nCols, a merged cell's text in every position it covers */
  grid: string[][];
  /** row and column rule positions before skew (nRows+1, nCols+1) */
  rowLines: number[];
  colLines: number[];
  overlays: Overlay[];
}

const DEFAULT_SEAL = ['উপজেলা সমবায় কার্যালয়', 'সমবায়', 'সমবায়'];

export async function renderTableImage(spec: TableImageSpec): Promise<TableImage> {
  const dpi = spec.dpi ?? 200;
  const margin = spec.marginMm ?? 5;
  const widthMm = spec.widthMm ?? Math.min(267, spec.nCols * 30);
  const rng = new Rng(spec.seed ?? 'table-image');
  const table: TableSpec = {
    role: 'annex5',
    format: null,
    columnKeys: null,
    continuation: false,
    continues: false,
    nRows: spec.nRows,
    nCols: spec.nCols,
    headerRows: spec.headerRows ?? 0,
    colWidths: spec.colWidths ?? Array<number>(spec.nCols).fill(1),
    cells: spec.cells.map((c) => ({ ...c, text: c.text.normalize('NFC') })),
    fontSize: spec.fontSize ?? 10,
    rule: spec.rule ?? { widthPx300: 2, faint: 0, broken: 0 },
  };
  const page: PageSpec = {
    section: 'annex5',
    subtype: 'annex5',
    orientation: 'portrait',
    font: spec.font ?? 'noto-sans',
    blocks: [{ kind: 'table', table, spaceBeforeMm: 0, spaceAfterMm: 0 }],
    margins: [margin, margin, margin, margin],
    sizeMm: { w: widthMm + 2 * margin, h: 2000 },
  };
  const layout = layoutPage(page, { dpi, rng: rng.fork('layout') });
  const t = layout.tables[0]!;
  layout.height = Math.ceil(t.box.y1 + (margin * dpi) / 25.4);
  const skew = spec.skewDeg ?? 0;
  const sealText = spec.seal === true ? DEFAULT_SEAL : Array.isArray(spec.seal) ? spec.seal : null;
  if (sealText) {
    // an anchor at the table's lower right: the seal is stamped just left of it
    const x = t.box.x1 - (t.box.x1 - t.box.x0) * 0.1;
    const y = t.box.y1 - (t.box.y1 - t.box.y0) * 0.3;
    layout.signs.push({ box: { x0: x, y0: y, x1: x + 1, y1: y + 1 }, firstLine: { x0: x, y0: y, x1: x + 1, y1: y + 1 }, signature: false, seal: sealText });
  }
  const drawn = drawPage(layout, { skewDeg: skew, rng: rng.fork('draw'), seals: layout.signs.map(() => true) });
  const noise = spec.noise ?? 0;
  const blur = spec.blur ?? 0;
  const img =
    noise > 0 || blur > 0
      ? await scanImage(drawn.grey, drawn.width, drawn.height, { skewDeg: skew, blur, noise, jpegQuality: 90, speckle: 0, edgeShadow: null }, 0, rng.fork('scan'), dpi)
      : { grey: Buffer.from(drawn.grey.buffer, drawn.grey.byteOffset, drawn.grey.byteLength), width: drawn.width, height: drawn.height };
  const truth = tableTruth(t);
  const turn = skewBox(-skew, drawn.width / 2, drawn.height / 2);
  return {
    png: await encodePng(img),
    width: img.width,
    height: img.height,
    dpi,
    cells: t.cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, lines: c.lines, header: c.header, box: turn(c.box) })),
    grid: truth.grid,
    rowLines: t.rowY,
    colLines: t.colX,
    overlays: drawn.overlays,
  };
}

/** The canvas rotation drawPage applies (by -skew about the centre), as a map of boxes. */
function skewBox(canvasDeg: number, cx: number, cy: number): (b: Box) => Box {
  const a = (canvasDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return (b) => {
    const pts = [
      [b.x0, b.y0],
      [b.x1, b.y0],
      [b.x0, b.y1],
      [b.x1, b.y1],
    ].map(([x, y]) => [cx + (x! - cx) * cos - (y! - cy) * sin, cy + (x! - cx) * sin + (y! - cy) * cos] as const);
    return { x0: Math.min(...pts.map((p) => p[0])), y0: Math.min(...pts.map((p) => p[1])), x1: Math.max(...pts.map((p) => p[0])), y1: Math.max(...pts.map((p) => p[1])) };
  };
}
