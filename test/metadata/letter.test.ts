import { describe, expect, it } from 'vitest';
import { layoutPage, startsWithLabel } from '../../pipeline/metadata/blocks.js';
import { afterLabel, extractLetterFields, memoFromLine, parseReferences } from '../../pipeline/metadata/letter.js';

// 000_7ddc650de93b464f.txt, the cover letter (OCR text as transcribed, trailing spaces included)
const COVER_000 = [
  '“বঙ্গবন্ধুর দর্শন  ',
  'সমবায়ের উন্নয়ন”',
  'গণপ্রজাতন্ত্রী বাংলাদেশ সরকার  ',
  'উপজেলা সমবায় কার্যালয়  ',
  'আটোয়ারী, পঞ্চগড়।  ',
  'www.cooperative.atwari.panchagarh.gov.bd',
  'স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬',
  'তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।',
  'বিষয় : ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।',
  'সূত্র : যুগ্ম- নিবন্ধক, বিভাগীয় সমবায় কার্যালয়, রংপুর এর স্মারক নং-৬৫০, তারিখ: ২১/০৯/২০২১খ্রি:',
  'উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক এতদসঙ্গে মহোদয়ের সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য প্রেরণ করা হলো।',
  'প্রতি',
  'জেলা সমবায় অফিসার  ',
  'পঞ্চগড়।',
  '২১/০৬/২৩',
  'উপজেলা সমবায় অফিসার  ',
  'আটোয়ারী, পঞ্চগড়।  ',
  'ই-মেইল : ucoatwari@gmail.com',
];

// 004_c20b99b83d327ae3.txt, a division office's letter with the date in both calendars
const LETTER_004 = [
  'গণপ্রজাতন্ত্রী বাংলাদেশ সরকার',
  'বিভাগীয় সমবায় কার্যালয়',
  'বিভাগীয় সদর দপ্তর, ৭ম তলা',
  'উত্তর ইউনিট, উত্তম, রংপুর-৫৪০০।',
  'www.coop.rangpurdiv.gov.bd',
  '“বঙ্গবন্ধুর দর্শন, সমবায়ের উন্নয়ন”',
  '১ মাঘ ১৪৩০ বঙ্গাব্দ',
  'তারিখ:',
  '১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ',
  'স্মারক নম্বর: ৪৭.৬১.০০০০.৩২১.০৫.০০১.২২.৪৭',
  'বিষয়: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২৩-২৪ এর অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন প্রেরণ সংক্রান্ত।',
  'সূত্র: ২০২৩-২৪ অর্থবছরের ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার নির্দেশিকা',
  'উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে জানানো যাচ্ছে যে, বিভাগীয় সমবায় কার্যালয়, রংপুর এর ই-গভর্ন্যান্স/উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়নের ১ম ও ২য় ত্রৈমাসিক (জুলাই/২৩-ডিসেম্বর/২৩) এর অর্জন অগ্রগতি প্রতিবেদনের অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন মহোদয়ের সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য এতদসঙ্গে প্রেরণ করা হলো।',
  'সংযুক্তিঃ ১। অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন ০১ (এক) পাতা।',
  '১৫-০১-২০২৪',
  'মুনাল কান্তি বিশ্বাস',
  'বিভাগীয় যুগ্ম-নিবন্ধক',
  '০২৫৮৮-৮১০৩৯৬ (ফোন)',
  '০২৫৮৮-৮১০৩৯৫ (ফ্যাক্স)',
  'jr.rangpur@coop.gov.bd',
];

// 000_7ddc650de93b464f.txt, the notice (নোটিশ) with its recipient and copies list
const NOTICE_000 = [
  'গণহজাতন্ত্রী বাংলাদেশ সরকার  ',
  'উপজেলা সমবায় কার্যালয়  ',
  'আটোয়ারী, পঞ্চগড়  ',
  '<http://cooperative.atwari.panchagarh.gov.bd/>',
  'স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১',
  'তারিখ : ১৩/০৬/২০২৩ খ্রি।',
  '**নোটিশ**',
  'বিষয়: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার)  ',
  'এর “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” আহ্বান প্রসঙ্গে।',
  '২০২২-২৩ অর্থ বছরের উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার) এর বাস্তবায়নের লক্ষ্যে উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর কমিটির সকল সদস্যবৃন্দের অংশগ্রহণে “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” কমিটির সভা আগামী ২৫/০৬/২০২৩খ্রি. তারিখ রোজ রবিবার সকাল ১০.০০ ঘটিকার সময় অনুষ্ঠিত হবে।',
  'মো: ফারুক হোসেন',
  'উপজেলা সমবায় কর্মকর্তা',
  'আটোয়ারী, পঞ্চগড়',
  'ও',
  'আহ্বায়ক',
  'ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা বাস্তবায়ন কমিটি।',
  'প্রতি,',
  'জেলা সমবায় অফিসার,  ',
  'পঞ্চগড়।',
  'অনুলিপি জ্ঞাতার্থে ও কার্যার্থে প্রেরণ করা হলো:-',
  '১. যুগ্ম-নিবন্ধক বিভাগীয় সমবায় কার্যালয়, রংপুর বিভাগ, রংপুর।',
  '২. জেলা সমবায় অফিসার, পঞ্চগড়।',
  '৩. জনাব ...../সহকারী পরিদর্শক, উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়।',
  '৪. অফিস কপি।',
];

describe('labels under OCR noise', () => {
  it.each([
    ['স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১', ['স্মারক নং'], true], // 000_7ddc650de93b464f.txt
    ['স্মারকসং. ৩১.৭৭০৪.০০০.০৫.০০৩.২২-১০৮,', ['স্মারক সং'], true], // 000_7ddc650de93b464f.txt
    ['বিষয়ঃ ২০২২-২০২৩', ['বিষয়'], true],
    ['ব্রৈমাসিকের নাম: ২য় ব্রেমাসিক (অক্টোবর/২১-ডিসেম্বর/২১)', ['ত্রৈমাসিকের নাম'], true], // eval baseline OCR
    ['(সুব্রত কুমার দাস)', ['সূত্র'], false],
    ['উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে', ['সূত্র'], false],
    ['সূত্রের প্রেক্ষিতে', ['সূত্র'], false],
  ])('%s starts with %j: %s', (line, labels, want) => {
    expect(startsWithLabel(line, labels)).toBe(want);
  });

  it('afterLabel strips the label and its separator', () => {
    expect(afterLabel('তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।', ['তারিখ'])).toBe('৪-২৬/০৬/২০২৩ খ্রি.।');
    expect(afterLabel('স্মারকনং- ৪৭.৬১.৭৭০৪', ['স্মারক নং'])).toBe('৪৭.৬১.৭৭০৪');
  });
});

describe('memo numbers', () => {
  it('takes the number from its first digit and stops before a তারিখ on the same line', () => {
    expect(memoFromLine('স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১')).toBe('৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১');
    expect(memoFromLine('স্মারক নং: ৪৭.৬১.৩২৭৭.০০০.০০৬.০২.২২-১১১ তারিখ: ০৯/০৭/২০২৩খি:')).toBe('৪৭.৬১.৩২৭৭.০০০.০০৬.০২.২২-১১১');
    expect(memoFromLine('স্মারক নং')).toBeNull();
  });
});

describe('extractLetterFields: cover letter of 000_7ddc650de93b464f.txt', () => {
  const f = extractLetterFields(COVER_000, 1);

  it('memo number and its parts, BBS geocode 7704 included (the OCR-misread ministry "৪৮৭" is repaired)', () => {
    expect(f.memo?.raw).toBe('৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬');
    expect(f.memo?.parts?.geocode).toMatchObject({ district: '77', upazila: '04' });
    expect(f.memo?.parts?.serial).toBe(156);
    expect(f.memo!.confidence).toBeLessThan(1);
  });

  it('letter date from "তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।" despite the OCR debris', () => {
    expect(f.date?.gregorian).toBe('2023-06-26');
    expect(f.date?.raw).toEqual(['তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।']);
  });

  it('subject, reference, recipient, sender', () => {
    expect(f.subject).toMatch(/^২০২২-২০২৩ অর্থ বছরের .*প্রেরণ প্রসঙ্গে।$/u);
    expect(f.references).toEqual([
      expect.objectContaining({ memo: '৬৫০', date: '2021-09-21' }),
    ]);
    expect(f.recipient?.designation).toBe('জেলা সমবায় অফিসার');
    expect(f.recipient?.office).toMatchObject({ level: 'district', district: 'পঞ্চগড়' });
    expect(f.sender).toMatchObject({ designation: 'উপজেলা সমবায় অফিসার', signedOn: '2023-06-21' });
    expect(f.sender?.office).toMatchObject({ level: 'upazila', upazila: 'আটোয়ারী', district: 'পঞ্চগড়' });
  });

  it('the issuing office comes from letterhead, signature and memo geocode, not from the recipient or the reference', () => {
    expect(f.office).toMatchObject({ level: 'upazila', upazila: 'আটোয়ারী', district: 'পঞ্চগড়', division: 'রংপুর' });
    expect(f.office.disagreements).toEqual([]);
    expect(f.office.support.map((r) => r.source).sort()).toEqual(['letterhead', 'memo_geocode', 'signature']);
  });
});

describe('extractLetterFields: 004_c20b99b83d327ae3.txt', () => {
  const f = extractLetterFields(LETTER_004, 1);

  it('keeps both calendars: ১ মাঘ ১৪৩০ বঙ্গাব্দ = 15 January 2024, and says they agree', () => {
    expect(f.date).toMatchObject({ gregorian: '2024-01-15', banglaIso: '2024-01-15', agree: true });
    expect(f.date?.bangla).toBe('১ মাঘ ১৪৩০ বঙ্গাব্দ');
  });

  it('the HQ geocode 0000 names no place; the office is the Rangpur division office', () => {
    expect(f.memo?.parts?.geocode?.level).toBe('none');
    expect(f.office).toMatchObject({ level: 'division', division: 'রংপুর', district: null, name: 'বিভাগীয় সমবায় কার্যালয়, রংপুর' });
  });

  it('signatory name and designation; a reference without memo number', () => {
    expect(f.sender).toMatchObject({ name: 'মুনাল কান্তি বিশ্বাস', designation: 'বিভাগীয় যুগ্ম-নিবন্ধক', signedOn: '2024-01-15' });
    expect(f.references).toEqual([expect.objectContaining({ memo: null, date: null })]);
  });
});

describe('extractLetterFields: notice of 000_7ddc650de93b464f.txt', () => {
  const f = extractLetterFields(NOTICE_000, 4);

  it('two-line subject, memo from "স্মারকনং-", copies list, recipient separated from the copies', () => {
    expect(f.memo?.parts?.serial).toBe(141);
    expect(f.subject).toContain('(৪র্থ কোয়ার্টার)');
    expect(f.subject).toMatch(/আহ্বান প্রসঙ্গে।$/u);
    expect(f.copies).toHaveLength(4);
    expect(f.copies[0]).toContain('যুগ্ম-নিবন্ধক');
    expect(f.recipient?.designation).toBe('জেলা সমবায় অফিসার');
  });

  it('the sender is the convener who signed, named above the designation', () => {
    expect(f.sender).toMatchObject({ name: 'মো: ফারুক হোসেন', designation: 'উপজেলা সমবায় কর্মকর্তা' });
    expect(f.office.upazila).toBe('আটোয়ারী');
    // the copies name the division and district offices: none of them votes for the issuing office
    expect(f.office.disagreements).toEqual([]);
  });

  it('the page layout labels each block', () => {
    const kinds = layoutPage(NOTICE_000).kinds;
    expect(kinds.slice(0, 4)).toEqual(['letterhead', 'letterhead', 'letterhead', 'letterhead']);
    expect(kinds[6]).toBe('title');
    expect(kinds.slice(16, 19)).toEqual(['recipient', 'recipient', 'recipient']);
    expect(kinds.slice(19)).toEqual(['copies', 'copies', 'copies', 'copies', 'copies']);
  });
});

describe('extractLetterFields on OCR that lost the বিষয় label (000_7ddc650de93b464f.txt)', () => {
  it('takes the line ending in প্রসঙ্গে below the date as the subject', () => {
    const f = extractLetterFields([
      'উপজেলা সমবায় কার্যালয়',
      'আটোয়ারী, পঞ্চগড়',
      'স্মারকসং. ৩১.৭৭০৪.০০০.০৫.০০৩.২২-১০৮,',
      'তারিখঃ ২৪-০৪-২০২৩খ্রিঃ।',
      'সিদ্ধান্ত উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-নথি লাইভে দেয়া প্রসঙ্গে।',
      'স্মারক সং. ৩১.৭৭০৪.০০০.০৫.০০৩.২২-২৪২, তারিখঃ ২২-০৯-২০২২খ্রিঃ',
    ]);
    expect(f.subject).toMatch(/ই-নথি লাইভে দেয়া প্রসঙ্গে।$/u);
    expect(f.memo?.raw).toBe('৩১.৭৭০৪.০০০.০৫.০০৩.২২-১০৮');
    expect(f.date?.gregorian).toBe('2023-04-24');
  });
});

describe('references', () => {
  it('splits numbered references and reads each memo and date', () => {
    const refs = parseReferences('(১) স্মারক নং-২১০, তারিখ: ১৫/০৮/২০২২খ্রি: (২) স্মারক নং-২৮০, তারিখ: ২০/০৮/২০২৩খ্রি.');
    expect(refs.map((r) => [r.memo, r.date])).toEqual([
      ['২১০', '2022-08-15'],
      ['২৮০', '2023-08-20'],
    ]);
    expect(parseReferences(null)).toEqual([]);
  });
});

describe('garbage in, nothing invented', () => {
  it('empty and noisy pages give null fields, not errors', () => {
    const empty = extractLetterFields([]);
    expect(empty).toMatchObject({ memo: null, date: null, subject: null, sender: null, recipient: null });
    expect(empty.office.level).toBeNull();
    const noise = extractLetterFields(['///.50901091802.910109171', ')', '£ই]৯১০৯/৩০/০৩ :1৯৮119']);
    expect(noise.subject).toBeNull();
    expect(noise.office.confidence).toBe(0);
  });
});
