import { describe, expect, it } from 'vitest';
import { findFiscalYears, fiscalYearOf, parseFiscalYear, parsePeriod, quarterOf } from '../../pipeline/normalise/index.js';

describe('parseFiscalYear', () => {
  it.each([
    ['২০২২-২৩', '2022-23'], // 000: "সংযোজনী ৫: … কর্মপরিকল্পনা, ২০২২-২৩"
    ['২০২২-২০২৩', '2022-23'], // 000: "২০২২-২০২৩ অর্থ বছরের"
    ['২০২২–২৩ অর্থবছর', '2022-23'],
    ['অর্থ বছর ২০২৪-২০২৫', '2024-25'], // 001
    ['ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২৩-২৪ এর অর্ধবার্ষিক', '2023-24'], // 004
    ['2021-22', '2021-22'],
    ['২০২২-২০২৩(৪র্থ কোয়ার্টার)', '2022-23'], // 000
    ['১৯৯৯-২০০০', '1999-00'],
  ])('%s → %s', (raw, fy) => {
    const r = parseFiscalYear(raw);
    expect(r.value).toBe(fy);
    expect(r.kind).toBe('fiscalYear');
    expect(r.flags).toEqual([]);
  });

  it('rejects year pairs that are not consecutive and ignores dates and memo numbers', () => {
    expect(parseFiscalYear('২০২২-২৪').flags).toEqual(['impossible-fiscal-year', 'unparsed']);
    expect(parseFiscalYear('২৫-০৩-২০২৫').flags).toContain('unparsed');
    expect(parseFiscalYear('৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬').flags).toContain('unparsed');
    expect(parseFiscalYear('').value).toBeNull();
  });

  it('flags text that names two different fiscal years', () => {
    const r = parseFiscalYear('২০২২-২৩ ও ২০২৩-২৪');
    expect(r.value).toBe('2022-23');
    expect(r.flags).toContain('multiple-fiscal-years');
    expect(findFiscalYears('২০২২-২৩ ও ২০২৩-২৪').map((f) => f.fiscalYear)).toEqual(['2022-23', '2023-24']);
  });

  it('derives fiscal year and quarter of a date (July–June)', () => {
    expect(fiscalYearOf('2023-03-16')).toBe('2022-23');
    expect(fiscalYearOf('2023-07-01')).toBe('2023-24');
    expect(quarterOf('2023-07-01')).toBe(1);
    expect(quarterOf('2023-12-31')).toBe(2);
    expect(quarterOf('2024-01-15')).toBe(3);
    expect(quarterOf('2024-06-30')).toBe(4);
    expect(fiscalYearOf('garbage')).toBeNull();
  });
});

describe('parsePeriod: the phrasings of the seeds', () => {
  it.each([
    // 000_7ddc650de93b464f.txt
    ['৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:)', '2022-23', 4],
    ['ত্রৈমাসিকের নাম : এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:', '2022-23', 4],
    ['ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার)', '2022-23', 4],
    [
      'বিষয় : ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।',
      '2022-23',
      4,
    ],
    // 001_7d9e1e7956252ea9.txt
    ['২০২৪-২০২৫ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায় ই-গভার্ন্যান্স ও উন্নয়ন কর্মপরিকল্পনার ২য় ত্রৈমাসিক (অক্টোবর/২৪- ডিসেম্বর/২৪)', '2024-25', 2],
    ['ত্রৈমাসিকের নাম : ২য় ত্রৈমাসিক (অক্টোবর/২৪- ডিসেম্বর/২৪)', '2024-25', 2],
    ['২য় ত্রৈমাসিকে অক্টোবর, ২০২৪ হতে ডিসেম্বর, ২০২৪ পর্যন্ত', '2024-25', 2],
    ['৩য় কোয়াটার জানুয়ারি- মার্চ/২০২৫', '2024-25', 3],
    ['৪র্থ কোয়াটার এপ্রিল-জুন/ ২০২৫', '2024-25', 4],
    ['২য় ত্রৈমাসিক (অক্টোবর-ডিসেম্বর, ২০২৪)', '2024-25', 2],
    // 002_a936c211a1bf4ba3.txt
    ['ত্রৈমাসের নামঃ- জানুয়ারী/২৫ হতে মার্চ/২০২৫খ্রিঃ।', '2024-25', 3],
    ['নির্বাচনী ক্যালেন্ডার(জুলাই/২০২৩ ইংহতে জুন/২০২৪ইংপর্যন্ত)', '2023-24', 'annual'],
    // 003_f13950d16016f2f9.txt
    ['কমিটির জানুয়ারী-মার্চ /২৩খ্রি.মাসের ত্রৈমাসিক ভিত্তিতে পরিবীক্ষণ', '2022-23', 3],
    // 004_c20b99b83d327ae3.txt
    [
      'বিভাগীয় সমবায় কার্যালয়, রংপুর এর ই-গভর্ন্যান্স/উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়নের ১ম ও ২য় ত্রৈমাসিক (জুলাই/২৩-ডিসেম্বর/২৩) এর অর্জন অগ্রগতি প্রতিবেদনের অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন',
      '2023-24',
      'H1',
    ],
    ['ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২৩-২৪ অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন:', '2023-24', 'H1'],
    // the list
    ['এপ্রিল-জুন/২০২৩', '2022-23', 4],
    ['অক্টোবর, ২০২৪ হতে ডিসেম্বর, ২০২৪', '2024-25', 2],
    ['এপ্রিল হতে জুন, ২০২৩', '2022-23', 4],
    ['২০২৩-২৪ জুলাই-ডিসেম্বর', '2023-24', 'H1'],
    ['২০২৩-২৪ বার্ষিক মূল্যায়ন প্রতিবেদন', '2023-24', 'annual'],
    ['২০২৪-২৫ ১ম প্রান্তিক', '2024-25', 1],
    ['Q2 2023-24', '2023-24', 2],
    ['২০২৩-২৪ অর্থবছরের দ্বিতীয় ত্রৈমাসিক', '2023-24', 2],
  ] as const)('%s → %s Q%s', (raw, fiscalYear, quarter) => {
    const r = parsePeriod(raw);
    expect(r.value).toEqual({ fiscalYear, quarter });
    expect(r.kind).toBe('period');
    expect(r.flags).toEqual([]);
  });

  it('reads the header of a 2024-25 table with OCR damage, flagged (001: "১ম কোয়াটার জুনাই- সেপ্টেম্বর/২ ০২৪")', () => {
    const r = parsePeriod('১ম কোয়াটার জুনাই- সেপ্টেম্বর/২ ০২৪');
    expect(r.value).toEqual({ fiscalYear: '2024-25', quarter: 1 });
    expect(r.flags).toEqual(expect.arrayContaining(['fuzzy-month', 'joined-digits']));
    expect(r.confidence).toBeLessThan(1);
  });

  it('reads an OCR-damaged ordinal with a flag (003: "ত্রয় ত্রৈমাসিক (জানুয়ারী- মার্চ)/২০২৩")', () => {
    const r = parsePeriod('২০২২-২০২৩ অর্থ বছরের ই-গভ্যাক্স ও উন্নয়ন কর্মপরিকল্পনা ত্রয় ত্রৈমাসিক (জানুয়ারী- মার্চ)/২০২৩ অগ্রগতি প্রতিবেদন');
    expect(r.value).toEqual({ fiscalYear: '2022-23', quarter: 3 });
    expect(r.flags).toContain('fuzzy-ordinal');
  });

  it('বার্ষিক in বার্ষিক কর্মসম্পাদন চুক্তি / বার্ষিক লক্ষ্যমাত্রা is not an annual period', () => {
    const r = parsePeriod('২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তি');
    expect(r.value).toEqual({ fiscalYear: '2022-23', quarter: null });
    expect(r.flags).toContain('no-quarter');
  });

  it('a quarter without a fiscal year gives the parts and a flag; options supply the year', () => {
    const r = parsePeriod('৩য় প্রান্তিক');
    expect(r.value).toBeNull();
    expect(r.quarter).toBe(3);
    expect(r.flags).toContain('no-fiscal-year');
    expect(parsePeriod('৩য় প্রান্তিক', { fiscalYear: '2023-24' }).value).toEqual({ fiscalYear: '2023-24', quarter: 3 });
    expect(parsePeriod('অর্ধবার্ষিক').quarter).toBe('H1');
    expect(parsePeriod('বার্ষিক').quarter).toBe('annual');
    expect(parsePeriod('জুলাই-ডিসেম্বর').quarter).toBe('H1');
  });

  it('flags phrasings that disagree instead of silently picking one', () => {
    const r = parsePeriod('২০২৩-২৪ ৩য় ত্রৈমাসিক (অক্টোবর-ডিসেম্বর, ২০২৩)');
    expect(r.flags).toContain('period-conflict');
    expect(r.confidence).toBeLessThanOrEqual(0.5);
    const fy = parsePeriod('২০২২-২৩ ২য় ত্রৈমাসিক (অক্টোবর-ডিসেম্বর, ২০২৩)');
    expect(fy.flags).toContain('fiscal-year-conflict');
    const multi = parsePeriod('১ম ও ৪র্থ প্রান্তিকে'); // 003: "১ম ও ৪র্থ প্রান্তিকে ৪র্থ শিল্পবিপ্লবের…"
    expect(multi.flags).toContain('multiple-quarters');
  });

  it('text without a period is unparsed', () => {
    const r = parsePeriod('উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট');
    expect(r.flags).toContain('unparsed');
    expect(r.quarter).toBeNull();
    expect(r.fiscalYear).toBeNull();
  });
});
