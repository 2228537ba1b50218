import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberWords, toAsciiDigits, toBanglaDigits } from '../../pipeline/normalise/index.js';

describe('digits', () => {
  it('converts both ways and leaves other characters alone', () => {
    expect(toAsciiDigits('০২৫৮৯৯৪২৮৪২')).toBe('02589942842'); // seed 000: the office phone
    expect(toBanglaDigits(2023)).toBe('২০২৩');
    expect(toAsciiDigits('১টি ১২/০৯/২২')).toBe('1টি 12/09/22');
  });
});

describe('parseNumber: printed numbers from the seeds', () => {
  it.each([
    // 000_7ddc650de93b464f.txt, Annex 5 2022-23
    ['৪', 4, 'number'],
    ['১', 1, 'number'],
    ['০', 0, 'number'],
    ['৮০%', 80, 'percent'],
    ['১টি', 1, 'count'],
    // 001_7d9e1e7956252ea9.txt
    ['১০০%', 100, 'percent'],
    ['০১', 1, 'number'],
    ['০২টি', 2, 'count'],
    // 004_c20b99b83d327ae3.txt: scores with a decimal point
    ['০.৫', 0.5, 'number'],
    ['১.৬', 1.6, 'number'],
    ['৭.০', 7, 'number'],
    ['৫০%', 50, 'percent'],
    ['৮৬%', 86, 'percent'],
    // 003_f13950d16016f2f9.txt
    ['০৬', 6, 'number'],
    ['২৫%', 25, 'percent'],
    // 002_a936c211a1bf4ba3.txt: "০৬দিন", "২বার" in the TCV table
    ['২বার', 2, 'count'],
  ] as const)('%s → %d (%s)', (raw, value, kind) => {
    const r = parseNumber(raw);
    expect(r.value).toBe(value);
    expect(r.kind).toBe(kind);
    expect(r.raw).toBe(raw);
    expect(r.flags).toEqual([]);
    expect(r.confidence).toBe(1);
  });

  it('reads the other percent and count styles', () => {
    expect(parseNumber('৮০ %').value).toBe(80);
    expect(parseNumber('৮০ শতাংশ')).toMatchObject({ value: 80, kind: 'percent' });
    expect(parseNumber('২ টি')).toMatchObject({ value: 2, kind: 'count' });
    expect(parseNumber('৩ জন')).toMatchObject({ value: 3, kind: 'count' });
    expect(parseNumber('৫ বার')).toMatchObject({ value: 5, kind: 'count' });
  });

  it('reads Indian and Western grouping and taka amounts (002: "৫০,০০০/- টাকার")', () => {
    expect(parseNumber('১,২৫,০০০').value).toBe(125000);
    expect(parseNumber('১২,৩৪,৫৬৭.৫').value).toBe(1234567.5);
    expect(parseNumber('1,234,567').value).toBe(1234567);
    expect(parseNumber('৫০,০০০/-').value).toBe(50000);
    expect(parseNumber('৫০,০০০/- টাকা').value).toBe(50000);
    expect(parseNumber('১,২৫,০০').flags).toContain('unparsed');
  });

  it('checks a figure against its words in brackets (000: "০২(দুই) জন"; 002: "৫০,০০০/(পঞ্চাশহাজার) টাকার")', () => {
    expect(parseNumber('০২(দুই) জন')).toMatchObject({ value: 2, kind: 'count', flags: [] });
    expect(parseNumber('৫০,০০০/(পঞ্চাশহাজার) টাকা')).toMatchObject({ value: 50000, flags: [] });
    const wrong = parseNumber('০৩(দুই) জন');
    expect(wrong.value).toBe(3);
    expect(wrong.flags).toContain('words-disagree');
    expect(wrong.confidence).toBeLessThan(1);
    expect(parseNumberWords('পঞ্চাশ হাজার')).toBe(50000);
    expect(parseNumberWords('একশ পাঁচ')).toBe(105);
    expect(parseNumberWords('এক')).toBe(1);
    expect(parseNumberWords('কর্মশালা')).toBeNull();
  });

  it('takes OCR decimal separators with a flag', () => {
    const comma = parseNumber('৪,৬৪');
    expect(comma.value).toBe(4.64);
    expect(comma.flags).toContain('decimal-comma');
    expect(comma.confidence).toBeLessThan(1);
    const dot = parseNumber('৭·৫');
    expect(dot.value).toBe(7.5);
    expect(dot.flags).toContain('decimal-middot');
  });

  it('accepts mixed Bangla/ASCII digits; with repair, ASCII 8/9 among Bangla digits are ৪/৭', () => {
    const plain = parseNumber('১8');
    expect(plain.value).toBe(18);
    expect(plain.flags).toEqual(['mixed-digits']);
    const repaired = parseNumber('১8', { repair: true });
    expect(repaired.value).toBe(14);
    expect(repaired.flags).toEqual(['mixed-digits', 'repaired-digit']);
    expect(repaired.confidence).toBeLessThan(plain.confidence);
    expect(parseNumber('৯9', { repair: true }).value).toBe(97);
    expect(parseNumber('80', { repair: true }).value).toBe(80); // all-ASCII: face value
  });

  it('repairs "%" and ০ misread by OCR only when asked', () => {
    expect(parseNumber('১০০০/০', { repair: true })).toMatchObject({ value: 100, kind: 'percent', flags: ['repaired-percent'] });
    expect(parseNumber('৮০o\\o', { repair: true })).toMatchObject({ value: 80, kind: 'percent' });
    expect(parseNumber('৮০ o/o', { repair: true })).toMatchObject({ value: 80, kind: 'percent' });
    expect(parseNumber('১০০০/০').flags).toContain('unparsed');
    const zero = parseNumber('১o', { repair: true });
    expect(zero.value).toBe(10);
    expect(zero.flags).toContain('repaired-letter');
    expect(parseNumber('O', { repair: true }).value).toBe(0);
  });

  it('confidence falls with every repair', () => {
    const one = parseNumber('১8', { repair: true }).confidence;
    const two = parseNumber('১88', { repair: true }).confidence;
    expect(two).toBeLessThan(one);
  });

  it('fractions, unit words and number words are read but flagged; ranges are not numbers', () => {
    expect(parseNumber('৩/৪')).toMatchObject({ value: 0.75, flags: ['fraction'] });
    expect(parseNumber('৩০দিন')).toMatchObject({ value: 30, flags: ['unit-suffix'] }); // 002: "৩০দিন যাতায়ত"
    expect(parseNumber('৩০দিন', { allowUnitSuffix: false }).flags).toContain('unparsed');
    expect(parseNumber('একটি')).toMatchObject({ value: 1, kind: 'count', flags: ['number-words'] });
    expect(parseNumber('১০-১৫').flags).toEqual(['range', 'unparsed']);
    expect(parseNumber('৩/০').flags).toContain('unparsed');
  });

  it('blank and dash are null; text is kept and flagged', () => {
    expect(parseNumber('')).toMatchObject({ value: null, kind: 'blank' });
    expect(parseNumber('-')).toMatchObject({ value: null, kind: 'dash' });
    expect(parseNumber('–').value).toBeNull();
    const text = parseNumber('কঠিন হতো পাওয়া যেতনা(৪০%)'); // 002: TCV table
    expect(text.value).toBe('কঠিন হতো পাওয়া যেতনা(৪০%)');
    expect(text.flags).toContain('unparsed');
    expect(text.confidence).toBeLessThanOrEqual(0.3);
  });
});
