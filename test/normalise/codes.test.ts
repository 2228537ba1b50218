import { describe, expect, it } from 'vitest';
import { findCodes, parseCode, parseMemoNumber } from '../../pipeline/normalise/index.js';

describe('parseCode', () => {
  it.each([
    ['[১.১.২]', '1.1.2', 3],
    ['১.১.২', '1.1.2', 3],
    ['(১.১.২)', '1.1.2', 3],
    ['[৪.১.২ ]', '4.1.2', 3],
    ['[১.১]', '1.1', 2],
    // 000_7ddc650de93b464f.txt: activity and indicator cells
    ['[১.১] একটি উদ্ভাবনী খারণা/ সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন', '1.1', 2],
    ['[৪.১.১] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজিত', '4.1.1', 3],
    // 001_7d9e1e7956252ea9.txt: no space after the bracket; certificate heading
    ['[৬.১.১]স্মার্ট বাংলাদেশ বিনির্মাণ', '6.1.1', 3],
    ['[৪.১.২] ই-ফাইলে নোট নিষ্পত্তিকৃত সংক্রান্ত প্রত্যয়ন', '4.1.2', 3],
    ['৪.১.২', '4.1.2', 3],
    // 002_a936c211a1bf4ba3.txt
    ['#### [৫.১.২] তথ্য বাতায়ন হালনাগাদ কৃত', '5.1.2', 3],
  ] as const)('%s → %s', (raw, code, level) => {
    const r = parseCode(raw);
    expect(r.value).toBe(code);
    expect(r.level).toBe(level);
    expect(r.kind).toBe('code');
  });

  it('repairs spaces, commas and look-alike digits with flags', () => {
    const spaced = parseCode('[১.১. ২]');
    expect(spaced.value).toBe('1.1.2');
    expect(spaced.flags).toEqual(['code-spaces']);
    expect(spaced.confidence).toBeLessThan(1);
    expect(parseCode('[১,১,২]')).toMatchObject({ value: '1.1.2', flags: ['code-comma'] });
    const eight = parseCode('[8.১.২]');
    expect(eight.value).toBe('4.1.2');
    expect(eight.flags).toContain('repaired-digit');
  });

  it('keeps the label text and notes a page suffix (001: "২.১.১/১" page marks)', () => {
    const r = parseCode('[১.১.১] একটি উদ্ভাবনী ধারণা');
    expect(r.rest).toBe('একটি উদ্ভাবনী ধারণা');
    expect(parseCode('২.১.১/১')).toMatchObject({ value: '2.1.1', flags: ['code-suffix'] });
  });

  it('finds a code after a label (002: "সূচকনং- ১.১.১ এবং সূচকনং- ৩.১.১")', () => {
    const r = parseCode('সূচকনং- ১.১.১ এবং সূচকনং- ৩.১.১');
    expect(r.value).toBe('1.1.1');
    expect(r.flags).toContain('code-not-at-start');
    expect(findCodes('সূচকনং- ১.১.১ এবং সূচকনং- ৩.১.১').map((c) => c.code)).toEqual(['1.1.1', '3.1.1']);
  });

  it('prefers a bracketed code, and filters by level', () => {
    expect(parseCode('৫.১.১ অনুযায়ী [৫.১.২]').value).toBe('5.1.2');
    expect(parseCode('[৪.১] ই-নথির ব্যবহার বৃদ্ধি [৪.১.১]', { level: 3 }).value).toBe('4.1.1');
  });

  it('dates, memo numbers and plain text are not codes', () => {
    for (const raw of ['৯.৫.২০২৪', '১৫.০১.২৩', '৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬', 'তারিখ', '১০']) {
      const r = parseCode(raw);
      expect(r.flags, raw).toContain('unparsed');
      expect(r.level).toBeNull();
    }
  });
});

describe('parseMemoNumber', () => {
  it('splits a full memo number (000_7ddc650de93b464f.txt: "স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১")', () => {
    const r = parseMemoNumber('স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১');
    expect(r.value).toBe('47.61.7704.000.05.003.22-141');
    expect(r.flags).toEqual([]);
    expect(r.parts).toEqual({
      ministry: '47',
      department: '61',
      ministryCode: '47.61',
      geocode: { code: '7704', district: '77', upazila: '04', level: 'upazila' },
      office: '000',
      subject: '05',
      file: '003',
      fileCode: '05.003',
      year: 2022,
      serial: 141,
    });
  });

  it('repairs an OCR-inserted digit in the ministry code (000: "স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬")', () => {
    const r = parseMemoNumber('স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬');
    expect(r.value).toBe('47.61.7704.000.05.003.22-156');
    expect(r.parts?.ministryCode).toBe('47.61');
    expect(r.parts?.serial).toBe(156);
    expect(r.flags).toEqual(['memo-repaired-ministry']);
    expect(r.confidence).toBeLessThan(1);
  });

  it('keeps what survives of a damaged head (000: "স্মারকসং. ৩১.৭৭০৪.০০০.০৫.০০৩.২২-১০৮,")', () => {
    const r = parseMemoNumber('স্মারকসং. ৩১.৭৭০৪.০০০.০৫.০০৩.২২-১০৮,');
    expect(r.parts).toMatchObject({ ministryCode: null, geocode: { district: '77', upazila: '04' }, fileCode: '05.003', year: 2022, serial: 108 });
    expect(r.flags).toContain('memo-partial');
  });

  it('reads other offices and levels', () => {
    // 002_a936c211a1bf4ba3.txt: Kalai, Joypurhat (district 38, upazila 58)
    const kalai = parseMemoNumber('স্মারক নং- ৪৭.৬১.৩৮৫৮.০০০.২৫.০০১.১৭-৩৭');
    expect(kalai.parts).toMatchObject({ geocode: { district: '38', upazila: '58', level: 'upazila' }, subject: '25', file: '001', year: 2017, serial: 37 });
    // 004_c20b99b83d327ae3.txt: divisional office, serial after a dot
    const division = parseMemoNumber('স্মারক নম্বর: ৪৭.৬১.০০০০.৩২১.০৫.০০১.২২.৪৭');
    expect(division.parts).toMatchObject({ ministryCode: '47.61', geocode: { code: '0000', level: 'none' }, office: '321', year: 2022, serial: 47 });
    expect(division.value).toBe('47.61.0000.321.05.001.22-47');
  });

  it('a bare serial is a partial memo number (003: "স্মারক নং ৩৩৬")', () => {
    const r = parseMemoNumber('স্মারক নং ৩৩৬');
    expect(r.parts).toMatchObject({ serial: 336, geocode: null });
    expect(r.flags).toContain('memo-partial');
  });

  it('text without digits is unparsed', () => {
    const r = parseMemoNumber('স্মারক নং');
    expect(r.parts).toBeNull();
    expect(r.flags).toContain('unparsed');
  });
});
