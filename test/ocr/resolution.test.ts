import { describe, expect, it } from 'vitest';
import { linesToOriginal, readScale, READ_DPI, shrinkForReading } from '../../pipeline/ocr/resolution.js';

describe('reading resolution', () => {
  it('shrinks only scans above the reading dpi, to it', () => {
    expect(readScale(300)).toBeCloseTo(READ_DPI / 300);
    expect(readScale(200)).toBe(1);
    expect(readScale(150)).toBe(1);
    expect(readScale(READ_DPI * 1.04)).toBe(1); // a hair over is not worth a resample
  });

  it('puts boxes read on the shrunk image back into page pixels', async () => {
    const img = { width: 400, height: 200, data: new Uint8Array(400 * 200).fill(255) };
    const small = await shrinkForReading(img, 0.75);
    expect([small.width, small.height]).toEqual([300, 150]);
    expect(await shrinkForReading(img, 1)).toBe(img);
    const box = { x0: 30, y0: 15, x1: 60, y1: 45 };
    const [line] = linesToOriginal([{ text: 'ক খ', conf: 90, bbox: box, words: [{ text: 'ক', conf: 90, bbox: box }] }], 0.75);
    expect(line!.bbox).toEqual({ x0: 40, y0: 20, x1: 80, y1: 60 });
    expect(line!.words[0]!.bbox).toEqual({ x0: 40, y0: 20, x1: 80, y1: 60 });
    expect(line!.text).toBe('ক খ');
  });
});
