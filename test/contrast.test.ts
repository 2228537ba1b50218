import { describe, expect, it } from 'vitest';
import { measureLevels, normaliseContrast } from '../pipeline/preprocess/contrast.js';

/** A grey page (paper 198) with a few dark strokes covering `inkShare` of it, like a short copy-list page. */
function sparsePage(inkShare: number) {
  const w = 400, h = 600;
  const data = new Uint8Array(w * h).fill(198);
  const ink = Math.round(w * h * inkShare);
  for (let i = 0; i < ink; i++) data[(i * 7919) % data.length] = 40;
  return { width: w, height: h, data };
}

describe('contrast normalisation', () => {
  it('finds the ink level on a page that is almost all paper', () => {
    const levels = measureLevels(sparsePage(0.002));
    expect(Math.abs(levels.white - 198)).toBeLessThanOrEqual(2);
    expect(levels.black).toBeLessThan(80);
  });

  it('turns grey paper white on such a page', () => {
    const out = normaliseContrast(sparsePage(0.002));
    const paper = out.data.filter((v) => v === 255).length / out.data.length;
    expect(paper).toBeGreaterThan(0.99);
    expect(out.data.reduce((m, v) => Math.min(m, v), 255)).toBe(0);
  });

  it('leaves a page with no ink at all as it is', () => {
    const blank = sparsePage(0);
    expect(normaliseContrast(blank)).toBe(blank);
  });
});
