import { describe, expect, it } from 'vitest';
import { classifyPages, splitSections, type ClassifyInput } from '../pipeline/classify/index.js';

// Page texts below are excerpts of the real transcriptions in ../shared/seeds (file named per case),
// with their OCR noise kept.
const page = (n: number, text: string, tables: ClassifyInput['tables'] = []): ClassifyInput => ({
  page: n,
  lines: text.split('\n'),
  tables,
});

const LETTER = `গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা সমবায় কার্যালয়
আটোয়ারী, পঞ্চগড়।
স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬
তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।
বিষয় : ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।
সূত্র : যুগ্ম- নিবন্ধক, বিভাগীয় সমবায় কার্যালয়, রংপুর এর স্মারক নং-৬৫০, তারিখ: ২১/০৯/২০২১খ্রি:
উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে ... মহোদয়ের সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য প্রেরণ করা হলো।
প্রতি
জেলা সমবায় অফিসার
পঞ্চগড়।`; // 000_7ddc650de93b464f.txt

const ANNEX = `সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২৩
আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়, ত্রৈমাসিকের নাম : এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:
ক্র.নং\tকার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tবার্ষিক লক্ষ্যমাত্রা\t১ম ত্রৈমাসিক\t২য় ত্রৈমাসিক\t৩য় ত্রৈমাসিক\t৪র্থ ত্রৈমাসিক\tমোট অর্জন
০১.\t[১.১] একটি উদ্ভাবনী খারণা/ সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন\t[১.১.১] একটি উদ্ভাবনী খারণা\tতারিখ\t১৬/০৩/২০২৩\t-\t০\t১টি ১৬/০৩/২০২৩\t০\t১
০২.\t[২.১] ই-নথির ব্যবহার বৃদ্ধি\t[২.১.১] ই-ফাইলে নোট নিম্পত্তিকৃত\t%\t৮০%\t৮০%\t৮০%\t৮০%\t৮০%\t৮০%`; // 000_7ddc650de93b464f.txt

const ANNEX_CONTINUED = `০৪\t[৪.১] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজন\t[৪.১.১] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ\tসংখ্যা\t২\t১টি ১২/০৯/২২\t১টি ২৭/১০/২২\t-\t০\t২
০৫\t[৫.১] ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন\t[৫.১.১] কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত\tসংখ্যা\t৪\t১টি ২৬/০৯/২২\t১টি ২৭/১০/২২\t১টি ১৯/০৩/২৩\t১টি ২৫/০৬/২৩\t৪`; // 000_7ddc650de93b464f.txt

const NOTICE = `গণহজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা সমবায় কার্যালয়
স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১
তারিখ : ১৩/০৬/২০২৩ খ্রি।
নোটিশ
বিষয়: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার)
এর “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” আহ্বান প্রসঙ্গে।
... উক্ত সভায় সংশ্লিষ্টদের যথাসময়ে উপস্থিত থাকা জন্য বলা হলো।
প্রতি,
জেলা সমবায় অফিসার,
অনুলিপি জ্ঞাতার্থে ও কার্যার্থে প্রেরণ করা হলো:-`; // 000_7ddc650de93b464f.txt

const ATTENDANCE = `মন্ত্রিপরিষদ বিভাগ কর্তৃক ২০২২-২০২৩(৪র্থ কোয়ার্টার) অর্থবছরের ... গঠিত "বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ" সভায় উপস্থিতির স্বাক্ষর
স্থান : উপজেলা সমবায় কার্যালয়
তারিখ : ২৫/০৬/২০২৩খ্রি.
ক্র. নং\tনাম, পদবী ও কর্মস্থল\tউপস্থিতির স্বাক্ষর
১.\tজনাব মো: ফারুক হোসেন উপজেলা সমবায় অফিসার আটোয়ারী, পঞ্চগড়\t`; // 000_7ddc650de93b464f.txt

const MINUTES = `জেলা সমবায় কার্যালয়, কক্সবাজার এর ই-গভন্যাপ ও উদ্ভাবন কর্মপরিকল্পনা পরিবীক্ষণ কমিটির জানুয়ারী-মার্চ /২৩খ্রি.মাসের ত্রৈমাসিক ভিত্তিতে পরিবীক্ষণ এবং ত্রৈমাসিক পরিবীক্ষণ প্রতিবেদন প্রেরণ সংক্রান্ত সভার কার্যবিবরণী
সভাপতি: জনাব মো কবির আহমদ
অধ্যকার সভা কমিটির আহবায়ক সভা জনাব মো কবির আহমদ, উপ-সহকারী নিবন্ধক জেলা সমবায় অফিসার, কক্সবাজার এর সভাপতিত্বে ই-গভন্যাপ ও উদ্ভাবন কর্মপরিকল্পনা পরিবীক্ষণ কমিটির সভা অনুষ্ঠিত হয়।
এই বিষয়ে বিস্তারিত আলোচনা শেষে আগামীতে ই-নথি বিষয়ক আরো প্রশিক্ষণ আয়োজন করার সর্বসম্মত সিদ্ধান্ত গৃহীত হয়।`; // 003_f13950d16016f2f9.txt

const CERTIFICATE = `গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা সমবায় কার্যালয়
প্রত্যয়নপত্র
এই মর্মে প্রত্যয়ন করা যাইতেছে যে, উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট এর ২০২৪-২০২৫ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায় ই-গভন্যান্স কর্মপরিকল্পনা (২০২৪-২৫) এর কর্মসম্পাদন সূচক [৫.১.২] তথ্য বাতায়ন হালনাগাদ কৃত ২৭/০৩/২০২৫খ্রি: তারিখ পর্যন্ত অত্র কার্যালয়ের তথ্য বাতায়ন হালনাগাদ করা হয়েছে।`; // 002_a936c211a1bf4ba3.txt

const CERTIFICATE_NOISY = `[৪.১.২] ই-ফাইলে নোট নিষ্পত্তিকৃত সংক্রান্ত প্রত্যয়ন
এই মর্মেপ্রত্যয়ন করা যাচ্ছে যে, উপজেলা সমবায় কার্যালয়, পঞ্চগড় সদর, পঞ্চগড় এর ২০২৪-২০২৫ অর্থবছরের`; // 001_7d9e1e7956252ea9.txt

const WEBSITE = `উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট এর
ওয়েবসাইট হালনাগাদের সামারী সমূহঃ
ক্র. নং\tমেন্যু/সেবা বক্সের নাম\tহালনাগাদের বিষয়বস্তু\tসর্বশেষ হালনাগাদের তারিখ\tমন্তব্য
৯.\tনোটিশ\tঅত্র দপ্তরের বিভিন্ন অফিস আদেশ\t৩১-০৬-২০২৪\t`; // 002_a936c211a1bf4ba3.txt

describe('classifyPages', () => {
  it('recognises each kind of page from the seeds', () => {
    const got = classifyPages([
      page(1, LETTER),
      page(2, ANNEX, [{ nRows: 7, nCols: 10, headerText: 'ক্র.নং কার্যক্রম কর্মসম্পাদন সূচক' }]),
      page(3, NOTICE),
      page(4, ATTENDANCE, [{ nRows: 5, nCols: 3, headerText: 'ক্র. নং নাম, পদবী ও কর্মস্থল উপস্থিতির স্বাক্ষর' }]),
      page(5, MINUTES),
      page(6, CERTIFICATE),
      page(7, WEBSITE, [{ nRows: 10, nCols: 5, headerText: 'ক্র. নং মেন্যু/সেবা বক্সের নাম' }]),
      page(8, CERTIFICATE_NOISY),
    ]);
    expect(got.map((c) => `${c.section}/${c.subtype}`)).toEqual([
      'letter/cover_letter',
      'annex5/annex5',
      'letter/notice',
      'minutes/attendance',
      'minutes/minutes_body',
      'certificate/certificate',
      'other/website_update_table',
      'certificate/certificate',
    ]);
    for (const c of got) {
      expect(c.confidence).toBeGreaterThan(0.3);
      expect(c.evidence.length).toBeGreaterThan(0);
    }
  });

  it('lets a table continued without its header inherit the previous page', () => {
    const got = classifyPages([
      page(1, ANNEX, [{ nRows: 7, nCols: 10, headerText: '' }]),
      page(2, ANNEX_CONTINUED, [{ nRows: 3, nCols: 10, headerText: '' }]),
    ]);
    expect(got[1]!.section).toBe('annex5');
    expect(got[1]!.evidence[0]).toMatch(/continues page 1/);
  });

  it('keeps the last page of minutes with the minutes when its decisions table continues and a copy list follows', () => {
    const last = `ক্র.নং\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নকারী
০৪।\tই-নথি ব্যবহার\tই-নথিতে নিষ্পত্তির সিদ্ধান্ত গৃহীত হয়।\tসকল কর্মকর্তা
স্মারক নং: ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪৫
বিষয়: সভার কার্যবিবরণী প্রেরণ
সদয় অবগতির জন্য অনুলিপি প্রেরণ করা হলো:
১. জেলা সমবায় অফিসার, পঞ্চগড়।`; // minutes' closing lines as in 000_7ddc650de93b464f.txt
    const decisions = { nRows: 4, nCols: 4, headerText: 'ক্র.নং আলোচ্য বিষয় সিদ্ধান্ত বাস্তবায়নকারী', role: 'decisions' as const };
    const got = classifyPages([page(1, MINUTES, [decisions]), page(2, last, [decisions])]);
    expect(got.map((c) => c.section)).toEqual(['minutes', 'minutes']);
    expect(got[1]!.evidence.join(' ')).toMatch(/continues the decisions table of page 1/);
    // the same closing lines on a page of their own are a letter
    expect(classifyPages([page(1, last.split('\n').slice(2).join('\n'))])[0]!.section).toBe('letter');
  });

  it('reads an office order forming a committee as a letter, though its member table names a সভাপতি', () => {
    const order = `গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা সমবায় কার্যালয়
স্মারক নং: ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১
ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন কমিটি গঠন করা হলো।
ক্রমিক নং\tনাম ও পদবী\tকমিটিতে পদবী
১\tমো: ফারুক হোসেন, উপজেলা সমবায় অফিসার\tসভাপতি
২\tপরিতোষ চন্দ্র রায়, সহকারী পরিদর্শক\tসদস্য সচিব ও বাস্তবায়নকারী`; // names and designations from 000_7ddc650de93b464f.txt
    const got = classifyPages([page(1, order, [{ nRows: 3, nCols: 3, headerText: 'ক্রমিক নং নাম ও পদবী কমিটিতে পদবী', role: 'committee' }])]);
    expect(got[0]!.section).toBe('letter');
    expect(got[0]!.evidence.join(' ')).toMatch(/সভাপতি \(in a table\)/);
  });

  it('takes a table role as evidence for its page', () => {
    const got = classifyPages([page(1, 'সভার তারিখ: ২৫/০৬/২০২৩', [{ nRows: 6, nCols: 3, headerText: '', role: 'attendance' }])]);
    expect(got[0]).toMatchObject({ section: 'minutes', subtype: 'attendance' });
  });

  it('still reads a letter whose keywords carry OCR slips', () => {
    const noisy = LETTER.replace('স্মারক নং', 'স্মারক নং').replace('বিষয় :', 'বিষয়:').replace('প্রেরণ করা হলো', 'প্রেরণ করা হল');
    expect(classifyPages([page(1, noisy)])[0]!.section).toBe('letter');
  });

  // OCR of a real circular (Bangladesh Bank DOS circular letter no. 19, 16 Oct 2025, from the public repository
  // NayemHasanLoLMan/Bangladesh-Bank-Rules-and-Regulation, documents/pdf-3.pdf, rasterised at 200 dpi like a scan)
  const CIRCULAR = `বাংলাদেশ ব্যাংক
(CTE ব্যাংক অব বাংলাদেশ)
প্রধান কার্যালয়
মতিঝিল, ঢাকা-১০০০
ডিপার্টমেন্ট অব অফসাইট সুপারভিশন
তারিখ ৩১ আশ্বিন ১৪৩২
ডিওএস সার্কুলার লেটার নং-১৯ ১৬ অক্টোবর ২০২৫
ব্যবস্থাপনা পরিচালক/প্রধান নির্বাহী কর্মকর্তা
হজ কার্যক্রমের সাথে সংশ্লিষ্ট ব্যাংকের শাখাসমূহ ১৮ অক্টোবর ২০২৫ তারিখ শনিবার খোলা রাখা প্রসঙ্গে ।
প্রিয় মহোদয়,
ধর্ম বিষয়ক মন্ত্রণালয় এর ১৬ অক্টোবর ২০২৫ তারিখের স্মারক নং-১৬.০০.০০০০.০০৩.১৮.০০৬.১৯(অংশ)-
১১৬৫ এর প্রেক্ষিতে ২০২৬ সনের হজের নিবন্ধনের অর্থ জমাদানের সুবিধার্থে হজের অর্থ গ্রহণকারী আপনাদের ব্যাংকের
সংশ্লিষ্ট শাখাসমূহ পর্যাপ্ত নিরাপত্তা নিশ্চিতপূর্বক আগামী ১৮ অক্টোবর ২০২৫ তারিখ শনিবার খোলা রাখা এবং যতক্ষণ
হজের নিবন্ধনের অর্থ জমাদানকারী থাকেন ততক্ষণ পর্যন্ত অর্থ গ্রহণের প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য নির্দেশ প্রদান করা
হলো ।
আপনাদের বিশ্বস্ত,
(গাজী মোঃ মাহফুজুল ইসলাম)
পরিচালক (ডিওএস)`;

  // a Finance Division FAQ as the generator's second family prints it (samples/generator/other/vocab.ts)
  const faqRows = (from: number) =>
    [
      'iBAS++ সিস্টেমে প্রথমবার কীভাবে লগইন করতে হয়?\tব্রাউজারে ibas.finance.gov.bd ঠিকানায় গিয়ে User ID ও Password দিয়ে লগইন করতে হয়। প্রথমবার লগইনের পর পাসওয়ার্ড পরিবর্তন করা বাধ্যতামূলক।',
      'পেনশন মঞ্জুরির আবেদনের সাথে কী কী কাগজ দিতে হয়?\tশেষ বেতন প্রত্যয়নপত্র (এলপিসি), চাকরির বিবরণী, নমুনা স্বাক্ষর এবং না-দাবি প্রত্যয়নপত্র দিতে হয়।',
      'বাজেট বরাদ্দ অপর্যাপ্ত হলে অতিরিক্ত বরাদ্দ কীভাবে পাওয়া যায়?\tযৌক্তিকতাসহ প্রস্তাব প্রশাসনিক মন্ত্রণালয়ের মাধ্যমে অর্থ বিভাগে পাঠাতে হয়। অর্থ বিভাগ পর্যালোচনা করে সিদ্ধান্ত জানায়।',
      'অনলাইনে বাজেট প্রাক্কলন প্রণয়নের সময়সূচি কোথায় পাওয়া যায়?\tবাজেট পরিপত্র-১ এ সময়সূচি দেওয়া থাকে। বিষয়টি নিয়ে বিস্তারিত আলোচনা নির্দেশিকায় আছে।',
    ]
      .map((r, i) => `${from + i}.\t${r}`)
      .join('\n');
  const faqTable = (header: boolean) => ({ nRows: 5, nCols: 3, headerText: header ? 'ক্রমিক নং প্রশ্ন উত্তর' : '' });

  it('a long bundle of FAQ pages after a submission is other on every page: no page takes a neighbour class', () => {
    const got = classifyPages([
      page(1, LETTER),
      page(2, ANNEX, [{ nRows: 7, nCols: 10, headerText: 'ক্র.নং কার্যক্রম কর্মসম্পাদন সূচক', role: 'annex5' }]),
      page(3, `অর্থ বিভাগ, অর্থ মন্ত্রণালয়\nপ্রায়শ জিজ্ঞাসিত প্রশ্নাবলি (FAQ)\nক্রমিক নং\tপ্রশ্ন\tউত্তর\n${faqRows(1)}`, [faqTable(true)]),
      page(4, faqRows(5), [faqTable(false)]),
      page(5, faqRows(9), [faqTable(false)]),
      page(6, faqRows(13), [faqTable(false)]),
    ]);
    expect(got.map((c) => c.section)).toEqual(['letter', 'annex5', 'other', 'other', 'other', 'other']);
    for (const c of got.slice(2)) {
      expect(c.subtype).toBe('unknown');
      expect(c.confidence).toBeGreaterThan(0.5);
      expect(c.evidence[0]).toMatch(/not part of the submission/);
    }
    expect(got[2]!.evidence.join(' ')).toMatch(/FAQ table/);
  });

  it('a circular of another office is other though it has a memo line, a date and a salutation; a letter of ours stays a letter', () => {
    const [circular] = classifyPages([page(1, CIRCULAR)]);
    expect(circular).toMatchObject({ section: 'other', subtype: 'unknown' });
    expect(circular!.evidence.join(' ')).toMatch(/letter\/cover_letter \+/); // its letter form is seen, and outweighed
    expect(classifyPages([page(1, LETTER)])[0]!.section).toBe('letter');
  });

  it('minutes that open like a letter (memo line, date, subject) are minutes, even when OCR loses কার্যবিবরণী and সভাপতি', () => {
    // the layout of generator family "other" (samples/generator/other/minutes.ts), names and places from 000_7ddc650de93b464f.txt
    const minutes = `গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা সমবায় কার্যালয়
আটোয়ারী, পঞ্চগড়।
স্মারক নং: ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪৫ তারিখ: ২৭/০৬/২০২৩খ্রি.
বিষয়: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২০২৩ বাস্তবায়ন কমিটির “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” সভার কার্যবিবরণী।
সভাপতি: জনাব মো: ফারুক হোসেন, উপজেলা সমবায় অফিসার, আটোয়ারী, পঞ্চগড়
সভার তারিখ: ২৫/০৬/২০২৩খ্রি.
স্থান: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর সভাকক্ষ
সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কাজ শুরু করেন। বিস্তারিত আলোচনার পর সভায় নিম্নরূপ সিদ্ধান্ত গৃহীত হয়:
আলোচ্য বিষয়-১: বিগত সভার কার্যবিবরণী পাঠ ও অনুমোদন।
সিদ্ধান্ত: বিগত সভার কার্যবিবরণী সর্বসম্মতিক্রমে অনুমোদিত হয়।
আলোচ্য বিষয়-২: কর্মপরিকল্পনার [২.১] ই-নথির ব্যবহার বৃদ্ধি বিষয়ে চলতি ত্রৈমাসিকের অগ্রগতি পর্যালোচনা করা হয়।
সিদ্ধান্ত: সকল নথি ই-নথিতে নিষ্পত্তির সিদ্ধান্ত গৃহীত হয়।`;
    expect(classifyPages([page(1, minutes)])[0]).toMatchObject({ section: 'minutes', subtype: 'minutes_body' });
    const lost = minutes.replaceAll('কার্যবিবরণী', '').replaceAll('সভাপতি', '');
    expect(classifyPages([page(1, lost)])[0]!.section).toBe('minutes');
  });

  it('a short page without the plan vocabulary (a signature, a copy list) goes with its neighbour', () => {
    const signature = 'মোঃ ফারুক হোসেন\nউপজেলা অফিসার\nআটোয়ারী, পঞ্চগড়';
    expect(classifyPages([page(1, LETTER), page(2, signature)]).map((c) => c.section)).toEqual(['letter', 'letter']);
    expect(classifyPages([page(1, CIRCULAR), page(2, signature)]).map((c) => c.section)).toEqual(['other', 'other']);
  });

  it('never leaves a page unclassified, even an empty one', () => {
    const got = classifyPages([page(1, '')]);
    expect(got[0]!.section).toBe('other');
    expect(got[0]!.confidence).toBe(0);
  });
});

describe('splitSections', () => {
  it('groups consecutive pages of one kind into a document and starts a new one at a change', () => {
    const cls = classifyPages([
      page(1, LETTER),
      page(2, ANNEX, [{ nRows: 7, nCols: 10, headerText: '' }]),
      page(3, ANNEX_CONTINUED, [{ nRows: 3, nCols: 10, headerText: '' }]),
      page(4, CERTIFICATE),
      page(5, CERTIFICATE),
    ]);
    const spans = splitSections(cls.map((c, i) => ({ page: i + 1, classification: c })));
    expect(spans.map((s) => [s.section, s.pages])).toEqual([
      ['letter', [1]],
      ['annex5', [2, 3]],
      ['certificate', [4]],
      ['certificate', [5]],
    ]);
  });
});
