import { describe, expect, it } from 'vitest';
import { canonicalText, comparisonKey, fuzzyIncludes, fuzzySearch, similarity } from '../../pipeline/normalise/index.js';

const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16));

describe('canonicalText: one encoding per glyph', () => {
  it('uses the NFC form of য় ড় ঢ়: letter + nukta (U+09BC), whatever the input encoding', () => {
    expect(cps(canonicalText('\u09DF'))).toEqual(['9af', '9bc']);
    expect(cps(canonicalText('\u09DC'))).toEqual(['9a1', '9bc']);
    expect(cps(canonicalText('\u09DD'))).toEqual(['9a2', '9bc']);
    expect(canonicalText('সমবা\u09DF')).toBe(canonicalText('সমবা\u09AF\u09BC'));
  });

  it('maps the old ত্‍ encoding (ত ্ ZWJ) to ৎ U+09CE', () => {
    expect(canonicalText('তাৎক্ষনিকভাবে')).toBe(canonicalText('তা\u09A4\u09CD\u200Dক্ষনিকভাবে'));
    expect(canonicalText('উ\u09A4\u09CD\u200Dসব')).toBe('উ\u09CEসব');
  });

  it('composes ো and ৌ written as two code points', () => {
    expect(cps(canonicalText('ক\u09C7\u09BE'))).toEqual(['995', '9cb']);
    expect(cps(canonicalText('ক\u09C7\u09D7'))).toEqual(['995', '9cc']);
  });

  it('drops ZWJ/ZWNJ except the ZWJ of র‍্য', () => {
    expect(canonicalText('ক\u200Cখ\u200Dগ')).toBe('কখগ');
    expect(canonicalText('র\u200D\u09CDযাব')).toBe('র\u200D\u09CDযাব');
    expect(canonicalText('\uFEFFসমবায়\u200B')).toBe(canonicalText('সমবায়'));
  });

  it('removes the spaces OCR puts before vowel signs and hasanta', () => {
    expect(canonicalText('ক ি')).toBe('কি');
    expect(canonicalText('উপজে লা')).toBe('উপজে লা'); // a space before a letter is a real word break
    expect(canonicalText('সমব ায়')).toBe(canonicalText('সমবায়'));
    expect(canonicalText('ক ্ষ')).toBe('ক্ষ');
  });

  it('writes আ for অ + া and the danda for a bar after Bangla text', () => {
    expect(canonicalText('অাটোয়ারী')).toBe(canonicalText('আটোয়ারী'));
    expect(canonicalText('প্রেরণ করা হলো|')).toBe('প্রেরণ করা হলো।');
    expect(canonicalText('a | b')).toBe('a | b');
  });

  it('keeps lines by default and collapses all whitespace with singleLine', () => {
    // seed 004_c20b99b83d327ae3.txt: the two date lines of a letter
    const block = '  ১ মাঘ ১৪৩০ বঙ্গাব্দ  \n\nতারিখ:\t\n১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ ';
    expect(canonicalText(block)).toBe('১ মাঘ ১৪৩০ বঙ্গাব্দ\n\nতারিখ:\n১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ');
    expect(canonicalText(block, { singleLine: true })).toBe('১ মাঘ ১৪৩০ বঙ্গাব্দ তারিখ: ১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ');
  });

  it('is idempotent on seed text (000_7ddc650de93b464f.txt)', () => {
    const s = 'স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬\nতারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।';
    expect(canonicalText(canonicalText(s))).toBe(canonicalText(s));
  });
});

describe('comparisonKey / similarity', () => {
  it('folds spelling variants: জানুয়ারী = জানুয়ারি, আটোয়ারী = আটোয়ারি, and ignores spaces and punctuation', () => {
    expect(comparisonKey('জানুয়ারী')).toBe(comparisonKey('জানুয়ারি'));
    expect(comparisonKey('উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়।')).toBe(comparisonKey('উপজেলা সমবায় কার্যালয় আটোয়ারি পঞ্চগড়'));
    expect(comparisonKey('[১.১.২]')).toBe('112');
    expect(comparisonKey('Panchagarh')).toBe('panchagarh');
  });

  it('scores OCR variants of the same label high and different labels low (seed 000 / 003 spellings)', () => {
    expect(similarity('ই-গভর্ন্যান্স', 'ই-গভর্ন্যান্স')).toBe(1);
    expect(similarity('ই-গভর্ন্যান্স', 'ই-গভার্ন্যান্স')).toBeGreaterThan(0.85);
    expect(similarity('ই-গভর্ন্যান্স', 'ই-গভন্যাপ')).toBeGreaterThan(similarity('ই-গভর্ন্যান্স', 'উপস্থিতির স্বাক্ষর'));
    expect(similarity('উপজেলা সমবায় কার্যালয়', 'জেলা সমবায় কার্যালয়')).toBeLessThan(1);
    expect(similarity('পঞ্চগড়', 'জয়পুরহাট')).toBeLessThan(0.4);
    expect(similarity('', '')).toBe(1);
    expect(similarity('ক', '')).toBe(0);
  });
});

describe('fuzzyIncludes / fuzzySearch', () => {
  // seed 001_7d9e1e7956252ea9.txt: the Annex 5 title as OCR read it ("উন্নাবন" for উদ্ভাবন)
  const title = 'সংযোজনী ৫: ই-গভর্ন্যান্স ও উন্নাবন ত্রৈমাসিক মূল্যায়ন প্রতিবেদন, ২০২৪-২০২৫';

  it('finds exact and approximate keywords in noisy OCR', () => {
    expect(fuzzyIncludes(title, 'সংযোজনী ৫')).toBe(true);
    expect(fuzzyIncludes(title, 'ই-গভর্ন্যান্স ও উদ্ভাবন', 0.8)).toBe(true);
    expect(fuzzyIncludes(title, 'উপস্থিতির স্বাক্ষর', 0.8)).toBe(false);
    expect(fuzzySearch(title, 'সংযোজনী')?.score).toBe(1);
  });

  it('respects the threshold and matches nothing for an empty needle', () => {
    const hit = fuzzySearch(title, 'ই-গভর্ন্যান্স ও উদ্ভাবন');
    expect(hit).not.toBeNull();
    expect(fuzzyIncludes(title, 'ই-গভর্ন্যান্স ও উদ্ভাবন', hit!.score + 0.01)).toBe(false);
    expect(fuzzyIncludes(title, '')).toBe(false);
    expect(fuzzyIncludes('', 'সংযোজনী')).toBe(false);
  });
});
