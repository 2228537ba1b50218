import { describe, expect, it } from 'vitest';
import { isFaintDash, type CellInk, type Region } from '../../pipeline/tables/clean.js';

const DPI = 150;
const W = 120;
const H = 40;

/** One cell's inside, white, with grey rectangles [x, y, w, h, grey] painted on it. */
function cell(marks: [number, number, number, number, number][]): { region: Region; ci: CellInk } {
  const data = new Uint8Array(W * H).fill(250);
  for (const [x, y, w, h, g] of marks) for (let yy = y; yy < y + h; yy++) data.fill(g, yy * W + x, yy * W + x + w);
  const box = { x0: 0, y0: 0, x1: W, y1: H };
  return {
    region: { image: { width: W, height: H, data }, x0: 0, y0: 0 },
    ci: { cell: { r: 0, c: 0, rowspan: 1, colspan: 1, bbox: box }, inner: box, ink: null, blobs: [], specks: [] },
  };
}

describe('isFaintDash (hard scans at 150 dpi: a dash lighter or smaller than the ink threshold)', () => {
  it('finds one flat grey stroke at the centre of an otherwise empty cell', () => {
    const { region, ci } = cell([[56, 19, 8, 2, 150]]);
    expect(isFaintDash(region, ci, DPI)).toBe(true);
  });

  it('does not take speckle, a round blob, an off-centre stroke or an empty cell for a dash', () => {
    const speckle = cell([
      [10, 5, 3, 3, 60],
      [58, 19, 3, 3, 60],
      [90, 30, 3, 3, 60],
      [30, 28, 3, 3, 60],
    ]);
    const round = cell([[57, 17, 5, 5, 150]]);
    const offCentre = cell([[8, 19, 8, 2, 150]]);
    const empty = cell([]);
    for (const { region, ci } of [speckle, round, offCentre, empty]) expect(isFaintDash(region, ci, DPI)).toBe(false);
  });

  it('leaves cells with ink to the ink rules', () => {
    const { region, ci } = cell([[56, 19, 8, 2, 150]]);
    expect(isFaintDash(region, { ...ci, ink: { x0: 0, y0: 0, x1: 5, y1: 5 } }, DPI)).toBe(false);
  });
});
