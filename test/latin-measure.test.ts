import { describe, expect, it } from 'vitest';
import { bagRecall, digitRuns, latinWords, Tally } from '../src/measure/latinWords.js';

describe('latin measure: what counts as a Latin word and an ASCII figure', () => {
  it('takes English terms out of Bangla text, addresses whole, brackets and sentence marks off', () => {
    expect(latinWords('e-Nothi-তে ডাক গ্রহণ ও iBAS++ এ বিল (GRS) সফটওয়্যারে।')).toEqual(['e-Nothi', 'iBAS++', 'GRS']);
    expect(latinWords('ওয়েবসাইট http://coop.khulna.gov.bd/ এ, ই-মেইল: uco.boda@gmail.com।')).toEqual(['http://coop.khulna.gov.bd', 'uco.boda@gmail.com']);
    expect(latinWords('Sl. No.\tName of Training / Meeting')).toEqual(['Sl', 'No', 'Name', 'of', 'Training', 'Meeting']);
  });

  it('never counts Bangla, Bangla digits or bare ASCII figures as words', () => {
    expect(latinWords('১০০% ৮ ২৬/০৯/২০২২ কার্যক্রম 2024 47.61.4730')).toEqual([]);
  });

  it('digit runs are ASCII only', () => {
    expect(digitRuns('মোবাইল 01712-345678, কোড 47.61.4730, ১২৩')).toEqual(['01712', '345678', '47', '61', '4730']);
  });

  it('recall counts each read word once (multisets)', () => {
    expect(bagRecall(['Zoom', 'Zoom', 'GRS'], ['Zoom', 'GRS', 'NESS'])).toEqual({ found: 2, total: 3 });
    expect(bagRecall([], ['x'])).toEqual({ found: 0, total: 0 });
    const t = new Tally();
    t.add({ found: 2, total: 3 });
    t.add({ found: 1, total: 1 });
    expect(t.recall).toBe(0.75);
    expect(String(t)).toBe('75.0% (3/4)');
  });
});
