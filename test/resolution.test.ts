import { describe, expect, it } from 'vitest';
import { ASSUMED_DPI, physicalDpi } from '../pipeline/rasterise/resolution.js';

const A4 = { w: 595.28, h: 841.89 };

describe('physicalDpi: the resolution of a scan whatever its page box says', () => {
  it('trusts a page box that implies a scanner resolution, or is a paper size', () => {
    expect(physicalDpi(2480, 3508, A4.w, A4.h)).toEqual({ dpi: expect.closeTo(300, 0) as number, source: 'page' });
    expect(physicalDpi(1754, 1240, A4.h, A4.w)).toEqual({ dpi: expect.closeTo(150, 0) as number, source: 'page' });
    // a genuine 75 dpi scan of an A4 sheet
    expect(physicalDpi(620, 877, A4.w, A4.h)).toEqual({ dpi: expect.closeTo(75, 0) as number, source: 'page' });
  });

  it('takes the paper size from the image when the box is sized at 72 or 96 "dpi"', () => {
    // img2pdf without a resolution: a 150 dpi A4 scan on a 12.9 × 18.3 in page
    const a = physicalDpi(1240, 1754, (1240 * 72) / 96, (1754 * 72) / 96);
    expect(a.source).toBe('paper-size');
    expect(a.dpi).toBeCloseTo(150, 0);
    // a phone app's one point per pixel: a 300 dpi Letter scan
    const b = physicalDpi(3300, 2550, 3300, 2550);
    expect(b.source).toBe('paper-size');
    expect(b.dpi).toBeCloseTo(300, 0);
  });

  it('assumes 300 dpi when neither box nor shape tells (tiff2pdf\'s 7 pt page for a TIFF without a unit)', () => {
    expect(physicalDpi(2100, 850, 7, 2.83)).toEqual({ dpi: ASSUMED_DPI, source: 'assumed' });
    expect(physicalDpi(2100, 850, 2100, 850)).toEqual({ dpi: ASSUMED_DPI, source: 'assumed' });
  });

  it('keeps a document-sized box for an image of no paper shape (a small scan drawn over a page)', () => {
    expect(physicalDpi(240, 320, 595.2, 793.6)).toEqual({ dpi: expect.closeTo(29, 0) as number, source: 'page' });
  });
});
