/**
 * Page images of the eval corpus's PDFs (and the generator's, which are made the same way), for the table-stage
 * measurements (measure.ts, measure-vote.ts): each page's own scan image, turned upright with the truth's
 * rotation and skew, so the table stage is measured apart from the orientation stage. Read-only.
 */
import fs from 'node:fs';
import { PDFDocument, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import type { GreyImage } from '../../models/image.js';

/** The parts of an eval truth file (../shared/eval/README.md) the table measurements read. */
export interface TruthCell {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  text: string;
}
export interface TruthTable {
  role: string;
  nRows: number;
  nCols: number;
  cells: TruthCell[];
  grid: string[][];
}
export interface TruthPage {
  page: number;
  rotation: number;
  dpi: number;
  tier: string;
  scan: { skewDeg: number };
  tables: TruthTable[];
}
export interface Truth {
  id: string;
  tier: string;
  pages: TruthPage[];
}

export async function pageImages(pdfPath: string): Promise<Buffer[]> {
  const doc = await PDFDocument.load(fs.readFileSync(pdfPath));
  const out: Buffer[] = [];
  for (const page of doc.getPages()) {
    const xo = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    let jpeg: Buffer | null = null;
    for (const [, ref] of xo?.entries() ?? []) {
      const s = doc.context.lookup(ref);
      if (s instanceof PDFRawStream) jpeg = Buffer.from(s.contents);
    }
    if (!jpeg) throw new Error(`${pdfPath}: page without an image XObject`);
    out.push(jpeg);
  }
  return out;
}

export async function uprightGrey(jpeg: Buffer, rotation: number, skewDeg: number): Promise<GreyImage> {
  let img = sharp(jpeg).greyscale();
  if (rotation) img = sharp(await img.rotate(360 - rotation).toBuffer());
  if (skewDeg) img = sharp(await img.rotate(-skewDeg, { background: { r: 255, g: 255, b: 255 } }).toBuffer());
  const { data, info } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

