import { describe, expect, it } from 'vitest';
import { SubmissionMetaSchema } from '../../models/submission.js';
import { annexFormatOf, fiscalYearsIn, periodsIn, type MetaPage } from '../../pipeline/metadata/evidence.js';
import { extractSubmissionMeta, extractSubmissionMetaDetail, periodBounds, splitBundle, vote } from '../../pipeline/metadata/submission.js';

// 000_7ddc650de93b464f.txt: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়, 2022-23 Q4 (cover letter, Annex 5, notice)
const ATWARI: MetaPage[] = [
  { page: 1, section: 'letter', subtype: 'cover_letter', lines: [
    "“বঙ্গবন্ধুর দর্শন  ",
    "সমবায়ের উন্নয়ন”",
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার  ",
    "উপজেলা সমবায় কার্যালয়  ",
    "আটোয়ারী, পঞ্চগড়।  ",
    "www.cooperative.atwari.panchagarh.gov.bd",
    "স্মারক নং : ৪৮৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২- ১৫৬",
    "তারিখ : ৪-২৬/০৬/২০২৩ খ্রি.।",
    "বিষয় : ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।",
    "সূত্র : যুগ্ম- নিবন্ধক, বিভাগীয় সমবায় কার্যালয়, রংপুর এর স্মারক নং-৬৫০, তারিখ: ২১/০৯/২০২১খ্রি:",
    "উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক এতদসঙ্গে মহোদয়ের সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য প্রেরণ করা হলো।",
    "প্রতি",
    "জেলা সমবায় অফিসার  ",
    "পঞ্চগড়।",
    "২১/০৬/২৩",
    "উপজেলা সমবায় অফিসার  ",
    "আটোয়ারী, পঞ্চগড়।  ",
    "ই-মেইল : ucoatwari@gmail.com",
  ] },
  { page: 2, section: 'annex5', subtype: 'annex5', lines: [
    "**সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২৩**",
    "আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়, ত্রৈমাসিকের নাম : এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:",
    "ক্র.নং\tকার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tবার্ষিক লক্ষ্যমাত্রা\t১ম ত্রৈমাসিক\t২য় ত্রৈমাসিক\t৩য় ত্রৈমাসিক\t৪র্থ ত্রৈমাসিক\tমোট অর্জন",
    "০১.\t[১.১] একটি উদ্ভাবনী খারণা/ সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন\t[১.১.১] একটি উদ্ভাবনী খারণা/ সেবা সহজিকরণ/ ডিজিটাইজেশন বাস্তবায়িত\tতারিখ\t১৬/০৩/২০২৩\t-\t০\t১টি ১৬/০৩/২০২৩\t০\t১",
    "০২.\t[২.১] ই-নথির ব্যবহার বৃদ্ধি\t[২.১.১] ই-ফাইলে নোট নিম্পত্তিকৃত\t%\t৮০%\t৮০%\t৮০%\t৮০%\t৮০%\t৮০%",
    "০৩.\t[২.১] তথ্য বাতায়ন হালনাগাদকৃত\t[৩.১.১] তথ্য বাতায়ন হালনাগাদকৃত\tসংখ্যা\t৪\t১\t১\t১\t১\t৪",
    "০৪\t[৪.১] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজন\t[৪.১.১] ৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজিত\tসংখ্যা\t২\t১টি ১২/০৯/২২\t১টি ২৭/১০/২২\t-\t০\t২",
    "০৫\t[৫.১] ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন\t[৫.১.১] কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত\tসংখ্যা\t৪\t১টি ২৬/০৯/২২\t১টি ২৭/১০/২২\t১টি ১৯/০৩/২৩\t১টি ২৫/০৬/২৩\t৪",
    "\t\t[৫.১.২] কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন উর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরিত\tতারিখ\t১৫/০১/২৩\t-\t০\t১টি ১৫/১/২৩\t০\t১",
    "*(স্বাক্ষর)*  ",
    "২৫/০৬/২৩",
    "উপজেলা সমবায় অফিসার  ",
    "আটোয়ারী, পঞ্চগড়  ",
    "☎ ০২৫৮৯৯৪২৮৪২",
  ] },
  { page: 3, section: 'letter', subtype: 'notice', lines: [
    "সমবায়ে উন্নয়ন”**",
    "গণহজাতন্ত্রী বাংলাদেশ সরকার  ",
    "উপজেলা সমবায় কার্যালয়  ",
    "আটোয়ারী, পঞ্চগড়  ",
    "<http://cooperative.atwari.panchagarh.gov.bd/>",
    "স্মারকনং- ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১",
    "তারিখ : ১৩/০৬/২০২৩ খ্রি।",
    "**নোটিশ**",
    "বিষয়: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার)  ",
    "এর “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” আহ্বান প্রসঙ্গে।",
    "২০২২-২৩ অর্থ বছরের উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা, ২০২২-২০২৩ (৪র্থ কোয়ার্টার) এর বাস্তবায়নের লক্ষ্যে উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড় এর কমিটির সকল সদস্যবৃন্দের অংশগ্রহণে “বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ” কমিটির সভা আগামী ২৫/০৬/২০২৩খ্রি. তারিখ রোজ রবিবার সকাল ১০.০০ ঘটিকার সময় উপজেলা সমবায় অফিসার, আটোয়ারী, পঞ্চগড় এর অফিস কক্ষে অনুষ্ঠিত হবে। উক্ত সভায় সংশ্লিষ্টদের যথাসময়ে উপস্থিত থাকা জন্য বলা হলো।",
    "মো: ফারুক হোসেন",
    "উপজেলা সমবায় কর্মকর্তা",
    "আটোয়ারী, পঞ্চগড়",
    "ও",
    "আহ্বায়ক",
    "ই-গভার্ন্যান্স ও উদ্ভাবন কর্ম-পরিকল্পনা বাস্তবায়ন কমিটি।",
    "প্রতি,",
    "জেলা সমবায় অফিসার,  ",
    "পঞ্চগড়।",
    "অনুলিপি জ্ঞাতার্থে ও কার্যার্থে প্রেরণ করা হলো:-",
  ] },
];

// 002_a936c211a1bf4ba3.txt: উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট, 2024-25 (office order, website table, certificate)
const KALAI: MetaPage[] = [
  { page: 1, section: 'letter', subtype: 'office_order', lines: [
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার  ",
    "উপজেলা সমবায় অফিসার কার্যালয়  ",
    "কালাই, জয়পুরহাট।",
    "তারিখ : ২৭/০১/২০২৫খ্রিঃ",
    "স্মারক নং- ৪৭.৬১.৩৮৫৮.০০০.২৫.০০১.১৭-৩৭",
    "বিষয় : ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৪-২০২৫ বাস্তবায়ন কমিটি গঠন প্রসংগে।",
    "উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৪-২০২৫ বাস্তবায়নের নিমিত্তে অত্র দপ্তরের নিম্নবর্ণিত কর্মকর্তা/কর্মচারীদের সমন্বয়ে ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন কমিটি গঠন করা হলো।",
    "ক্রমিকনং\tকর্মকর্তা/কর্মচারীদের নাম ও পদবী\tকমিটিতে পদবী",
    "০১\tউপজেলা সমবায় অফিসার কালাই, জয়পুরহাট।\tসভাপতি",
    "০২\tমোঃ ইলিয়াছ উদ্দিন সহকারী পরিদর্শক উপজেলা সমবায় অফিস কালাই, জয়পুরহাট।\tসদস্য",
    "০৩\tমোঃ মাহবুবুর রহমান সহকারী পরিদর্শক উপজেলা সমবায় অফিস কালাই, জয়পুরহাট\tসদস্য সচিব",
    "উপজেলা সমবায় অফিসার  ",
    "কালাই, জয়পুরহাট।",
    "সদয় অবগতির জন্য অনুলিপি প্রেরণ করা হলোঃ",
    "০১। জেলা সমবায় অফিসার, জয়পুরহাট।",
    "০২। অফিস নথি।",
    "উপজেলা সমবায় অফিসার  ",
    "কালাই, জয়পুরহাট।",
  ] },
  { page: 2, section: 'other', subtype: 'website_update_table', lines: [
    "**উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট এর  ",
    "ওয়েবসাইট হালনাগাদের সামারী সমূহঃ**",
    "ত্রৈমাসের নামঃ- জানুয়ারী/২৫ হতে মার্চ/২০২৫খ্রিঃ।",
    "ক্র : নং\tমেন্যু/সেবা বক্সের নাম\tহালনাগাদের বিষয়বস্তু\tসর্বশেষ হালনাগাদের তারিখ\tমন্তব্য",
    "১.\t২.\t৩.\t৪.\t৫.",
    "১.\tইনোভেশন/উদ্ভাবন\tই-গভর্ন্যান্স ও উদ্ভাবন ইনোভেশন/উদ্ভাবন এর ত্রৈমাস অর্জন, প্রশিক্ষণ\t২৫-০৩-২০২৫\t",
    "২.\tজাতীয় শুদ্ধাচার কৌশল\tজাতীয় শুদ্ধাচার কৌশল এর ত্রৈমাস কার্যক্রম\t২৫-০৩-২০২৫\t",
    "৩.\tঅভিযোগ প্রতিকার ব্যবস্থা\tঅভিযোগ প্রতিকার বাস্তবায়ন প্রতিবেদন ও প্রমাণক\t২৫-০৩-২০২৫\t",
    "৪.\tতথ্য অধিকার\tতথ্য অধিকারের ত্রৈমাস কার্যক্রম\t২৫-০৩-২০২৫\t",
    "৫.\tবার্ষিক কর্মসম্পাদন চুক্তি (এপিএ)\tএপিএ মূল্যায়ন প্রতিবেদন\t১০-১২-২০২৪\t",
    "৬.\tসেবা প্রদান প্রতিশ্রুতি\tসেবা প্রদান প্রতিশ্রুতি আপলোড এর ত্রৈমাস অর্জন\t২৫-০৩-২০২৫\t",
    "৭.\tআমাদের বিষয়\tকর্মকর্তা/কর্মচারী বৃন্দের হালনাগাদ তথ্য\t২৩-০৩-২০২৫\t",
    "৮.\tখবর\tসমসাময়িক সরকারী বিভিন্ন খবর\t২৭-০৩-২০২৫\t",
    "৯.\tনোটিশ\tঅত্র দপ্তরের বিভিন্ন অফিস আদেশ\t৩১-০৬-২০২৪\t",
    "১০.\tস্বাধীনতার সুবর্ণ জয়ন্তী\t\tx\t",
    "১১.\tআদেশ/পরিপত্র\tকর্মকর্তা/কর্মচারী বৃন্দের বদলি ও ছুটি\t২৫-০৩-২০২৫\t",
    "১২.\tআইন ও বিধি\tসমবায় আইন ও বিধি\t১৭-১২-২০২৩\t",
    "১৩.\tবাংলাদেশ সমবায়\t\tx\t",
    "১৪.\tবাজেট ও এপিপি\tবার্ষিক ক্রয়পরিকল্পনা বাজেট সেবা বক্সে\t৩১-০৭-২০২৪\t",
    "১৫.\tপ্রকাশনা\tসমবায় পত্রিকা\tx\t",
    "১৬.\tবিভিন্ন বাতায়ন\tঅধিদপ্তরের বাতায়ন, বিভাগীয় বাতায়ন আপডেট\t২৫-০৩-২০২৫\t",
    "১৭.\tসমিতি ব্যবস্থাপনা সংক্রান্ত\tজয়পুরহাট জেলার কেন্দ্রীয় ও প্রাথমিক সমিতির তালিকা\t৩০-০৬-২০২৪\t",
    " (মো : জাহাঙ্গীর আলম)  ",
    " উপজেলা সমবায় অফিসার  ",
    " কালাই, জয়পুরহাট।",
  ] },
  { page: 3, section: 'certificate', subtype: 'certificate', lines: [
    "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার  ",
    "স্থানীয় সরকার, পল্লী উন্নয়ন ও সমবায় মন্ত্রণালয়  ",
    "উপজেলা সমবায় কার্যালয়  ",
    "কালাই, জয়পুরহাট।",
    "“সমবায়ের গড়ি দেশ,  ",
    "স্মার্ট হবে বাংলাদেশ।”",
    "### প্রত্যয়নপত্র",
    "#### [৫.১.২] তথ্য বাতায়ন হালনাগাদ কৃত",
    "এই মর্মে প্রত্যয়ন করা যাইতেছে যে, উপজেলা সমবায় কার্যালয়, কালাই, জয়পুরহাট এর ২০২৪-২০২৫ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায় ই-গভন্যান্স কর্মপরিকল্পনা (২০২৪-২৫) এর কর্মসম্পাদন সূচক [৫.১.২] তথ্য বাতায়ন হালনাগাদ কৃত ২৭/০৩/২০২৫খ্রি: তারিখ পর্যন্ত অত্র কার্যালয়ের তথ্য বাতায়ন হালনাগাদ করা হয়েছে।",
    "(মো : জাহাঙ্গীর আলম)  ",
    "উপজেলা সমবায় অফিসার  ",
    "কালাই, জয়পুরহাট।",
  ] },
];

const renumber = (pages: MetaPage[], from: number): MetaPage[] => pages.map((p, i) => ({ ...p, page: from + i }));

describe('period and fiscal-year phrases', () => {
  it.each([
    // 000_7ddc650de93b464f.txt, Annex 5 quarter line
    ['ত্রৈমাসিকের নাম : এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:', 4, '2022-23'],
    // 000_7ddc650de93b464f.txt, cover letter subject
    ['বিষয় : ২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ৪র্থ ত্রৈমাসিক (এপ্রিল হতে জুন, ২০২৩খ্রি:) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।', 4, '2022-23'],
    // 001_7d9e1e7956252ea9.txt
    ['২য় ত্রৈমাসিক (অক্টোবর/২৪- ডিসেম্বর/২৪)', 2, '2024-25'],
    // 002_a936c211a1bf4ba3.txt
    ['ত্রৈমাসের নামঃ- জানুয়ারী/২৫ হতে মার্চ/২০২৫খ্রিঃ।', 3, '2024-25'],
    // 004_c20b99b83d327ae3.txt: first and second quarter together are the half year
    ['১ম ও ২য় ত্রৈমাসিক (জুলাই/২৩-ডিসেম্বর/২৩) এর অর্জন অগ্রগতি প্রতিবেদনের অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন', 'H1', '2023-24'],
    // 003_f13950d16016f2f9.txt
    ['জানুয়ারী-মার্চ /২৩খ্রি.মাসের ত্রৈমাসিক ভিত্তিতে পরিবীক্ষণ', 3, '2022-23'],
    // eval baseline OCR: ৩য় read as ওয়
    ['ত্রেমাসিকের নাম: ওয় ত্রৈমাসিক (জানুয়ারি/২৪-মা্/২৪)', 3, null],
  ])('%s → quarter %s', (line, quarter, fiscalYear) => {
    const found = periodsIn(line);
    expect(found[0]?.quarter).toBe(quarter);
    if (fiscalYear) expect(found.some((p) => p.fiscalYear === fiscalYear)).toBe(true);
  });

  it('a table header listing every quarter names none of them', () => {
    expect(periodsIn('বার্ষিক লক্ষ্যমাত্রা ১ম ত্রৈমাসিক ২য় ত্রৈমাসিক ৩য় ত্রৈমাসিক ৪র্থ ত্রৈমাসিক মোট অর্জন')).toEqual([]);
  });

  it('"বার্ষিক কর্মসম্পাদন চুক্তি" is not an annual period, and the indicator "কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন" is not H1', () => {
    expect(periodsIn('২০২২-২০২৩ অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায়')).toEqual([]);
    expect(periodsIn('[৫.১.২] কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন উর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরিত')).toEqual([]);
  });

  it('fiscal years: consecutive years only, both printed styles', () => {
    expect(fiscalYearsIn('ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ২০২২-২৩').map((f) => f.value)).toEqual(['2022-23']);
    expect(fiscalYearsIn('২০২৪-২০২৫ অর্থ বছরের').map((f) => f.value)).toEqual(['2024-25']);
    expect(fiscalYearsIn('২৫-০৩-২০২৫ তারিখে ২০২২-২০২৪')).toEqual([]);
  });
});

describe('annexFormatOf', () => {
  it('000: the 2022-23 table without weight is format A', () => {
    expect(annexFormatOf(ATWARI[1]!.lines)?.format).toBe('A');
  });
  it('header words decide the other layouts', () => {
    expect(annexFormatOf(['ক্র.নং\tকার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tবার্ষিক লক্ষ্যমাত্রা\tকোয়াটার ভিত্তিক অর্জন'])?.format).toBe('D');
    expect(annexFormatOf(['ক্রমং\tকার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tপ্রকৃত অর্জন\tমোট অর্জন\tমোট অর্জনের হার\tঅর্জিত স্কোর'])?.format).toBe('C');
    expect(annexFormatOf(['ক্র. নং\tকার্যক্রম\tকর্ম সম্পাদন সূচক\tএকক\tকর্ম সম্পাদন সূচকের মান\tলক্ষ্য মাত্রা\tপ্রকৃত অর্জন\tঅর্জনের শতাংশ'])?.format).toBe('B');
    expect(annexFormatOf(['এ সংক্রান্ত রেকর্ডপত্র অত্র কার্যালয়ে সংরক্ষিত আছে।'])).toBeNull();
  });
});

describe('extractSubmissionMeta', () => {
  it('000: office, fiscal year, quarter, submission date (the cover letter date) and format, each with provenance', () => {
    const meta = extractSubmissionMeta(ATWARI);
    expect(SubmissionMetaSchema.safeParse(meta).success).toBe(true);
    expect(meta.office).toEqual({
      name: 'উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়',
      level: 'upazila',
      division: 'রংপুর',
      district: 'পঞ্চগড়',
      upazila: 'আটোয়ারী',
    });
    expect(meta.fiscalYear).toBe('2022-23');
    expect(meta.quarter).toBe(4);
    expect(meta.submissionDate).toBe('2023-06-26');
    expect(meta.annexFormat).toBe('A');
    expect(meta.provenance.submissionDate).toMatchObject({ page: 1, source: 'cover letter date' });
    expect(meta.provenance.quarter?.page).toBe(1);
    for (const k of ['office', 'fiscalYear', 'quarter', 'submissionDate']) expect(meta.provenance[k]!.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('002: no cover letter, so no submission date (confidence 0), the rest from the other pages', () => {
    const d = extractSubmissionMetaDetail(KALAI);
    expect(d.meta.office).toMatchObject({ level: 'upazila', upazila: 'কালাই', district: 'জয়পুরহাট', division: 'রাজশাহী' });
    expect(d.meta.fiscalYear).toBe('2024-25');
    expect(d.meta.quarter).toBe(3);
    expect(d.meta.submissionDate).toBeNull();
    expect(d.meta.provenance.submissionDate?.confidence).toBe(0);
    expect(d.notes.some((n) => n.includes('submission date'))).toBe(true);
  });

  const letterDated = (date: string) => ATWARI.map((p) => (p.page === 1 ? { ...p, lines: p.lines.map((l) => (l.startsWith('তারিখ') ? `তারিখ : ${date} খ্রি.।` : l)) } : p));

  it('a letter date outside the period is not the submission date; the date under the Annex 5 signature then is', () => {
    const d = extractSubmissionMetaDetail(letterDated('২২/০৫/২০৮৭'));
    expect(d.meta.submissionDate).toBe('2023-06-25'); // "২৫/০৬/২৩" above the Annex 5 signatory's designation
    expect(d.meta.provenance.submissionDate).toMatchObject({ page: 2, source: 'date under the signature' });
    expect(d.notes.some((n) => n.includes('2087-05-22 is outside') && n.endsWith('not used'))).toBe(true);
    // a date before the reported quarter starts is no submission date either
    expect(extractSubmissionMeta(letterDated('০৫/০১/২০২৩')).submissionDate).toBe('2023-06-25');
  });

  it('a letter date whose year lost a digit to OCR is read again once the period is known', () => {
    const d = extractSubmissionMetaDetail(letterDated('২৬/০৬/২০১৩'));
    expect(d.meta.submissionDate).toBe('2023-06-26');
    expect(d.meta.provenance.submissionDate!.source).toBe('cover letter date, year read again');
    expect(d.meta.provenance.submissionDate!.confidence).toBeLessThan(extractSubmissionMeta(ATWARI).provenance.submissionDate!.confidence);
  });

  it('a "sent on" line dates a submission without a cover letter', () => {
    const sent = KALAI.map((p) => (p.page === 2 ? { ...p, lines: [...p.lines, 'প্রেরণের তারিখ: ০৭/০৪/২০২৫খ্রিঃ'] } : p));
    const meta = extractSubmissionMeta(sent);
    expect(meta.submissionDate).toBe('2025-04-07');
    expect(meta.provenance.submissionDate!.source).toBe('report sending date line');
    // the same line as OCR reads it with a stray ২ in the month
    const stray = KALAI.map((p) => (p.page === 2 ? { ...p, lines: [...p.lines, 'প্রতিবেদন প্রেরণের তারিখ: ০৭/০২৪/২০২৫খ্র:'] } : p));
    expect(extractSubmissionMeta(stray).submissionDate).toBe('2025-04-07');
  });

  it('pages of another kind of document scanned into the PDF say nothing about the submission', () => {
    const circular: MetaPage = { page: 4, section: 'other', subtype: 'unknown', lines: [
      'গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', 'জনপ্রশাসন মন্ত্রণালয়', 'স্মারক নং- ০৫.০০.০০০০.১৭০.২২.০১২.২৫-৪৫ তারিখ: ১০/০৭/২০২৫',
      'পরিপত্র', 'বিষয়: ২০২৪-২০২৫ অর্থবছরের ৪র্থ ত্রৈমাসিক (এপ্রিল-জুন, ২০২৫) এর ছুটির তালিকা প্রসঙ্গে।', 'জেলা প্রশাসকের কার্যালয়, খুলনা',
    ] };
    const d = extractSubmissionMetaDetail([...ATWARI, circular]);
    expect(d.meta).toMatchObject({ fiscalYear: '2022-23', quarter: 4, submissionDate: '2023-06-26' });
    expect(d.meta.office.upazila).toBe('আটোয়ারী');
    expect(d.evidence[3]).toMatchObject({ fiscalYears: [], quarters: [], submissionDates: [], offices: [] });
  });

  it('conflicting evidence lowers the confidence and is noted', () => {
    const sure = extractSubmissionMeta(ATWARI).provenance.quarter!.confidence;
    const annexSaysQ3 = ATWARI.map((p) =>
      p.page === 2 ? { ...p, lines: p.lines.map((l) => l.replace('এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:', 'জানুয়ারি, ২০২৩ হতে মার্চ, ২০২৩')) } : p,
    );
    const d = extractSubmissionMetaDetail(annexSaysQ3);
    expect(d.meta.provenance.quarter!.confidence).toBeLessThan(sure);
    expect(d.notes.some((n) => n.startsWith('quarter: also printed 3'))).toBe(true);
  });

  it('no pages: every field null with confidence 0', () => {
    const meta = extractSubmissionMeta([]);
    expect(SubmissionMetaSchema.safeParse(meta).success).toBe(true);
    expect(meta).toMatchObject({ fiscalYear: null, quarter: null, submissionDate: null, annexFormat: null });
    expect(meta.office.level).toBeNull();
    expect(Object.values(meta.provenance).every((p) => p.confidence === 0)).toBe(true);
  });
});

describe('splitBundle', () => {
  it('one submission is not a bundle', () => {
    const s = splitBundle(ATWARI);
    expect(s.isBundle).toBe(false);
    expect(s.parts).toHaveLength(1);
    expect(s.parts[0]!.pages).toEqual([1, 2, 3]);
  });

  it('two offices in one PDF are split at the page where the second office starts', () => {
    const s = splitBundle([...ATWARI, ...renumber(KALAI, 4)]);
    expect(s.isBundle).toBe(true);
    expect(s.parts.map((p) => p.pages)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(s.parts.map((p) => p.office.upazila)).toEqual(['আটোয়ারী', 'কালাই']);
    expect(s.parts.map((p) => p.fiscalYear)).toEqual(['2022-23', '2024-25']);
    expect(s.reasons[0]).toMatch(/^page 4: office/);
  });

  it('one office, two quarters: split by period', () => {
    const q3 = renumber(
      ATWARI.slice(0, 2).map((p) => ({ ...p, lines: p.lines.map((l) => l.replace(/৪র্থ ত্রৈমাসিক \(এপ্রিল হতে জুন, ২০২৩খ্রি:\)/gu, '৩য় ত্রৈমাসিক (জানুয়ারি হতে মার্চ, ২০২৩খ্রি:)').replace('এপ্রিল, ২০২৩ ত্রি: হতে জুন, ২০২৩ ত্রি:', 'জানুয়ারি, ২০২৩ হতে মার্চ, ২০২৩')) })),
      4,
    );
    const s = splitBundle([...ATWARI, ...q3]);
    expect(s.isBundle).toBe(true);
    expect(s.parts.map((p) => p.quarter)).toEqual([4, 3]);
    expect(s.reasons[0]).toMatch(/quarter/);
  });
});

describe('helpers', () => {
  it('periodBounds follows the July–June fiscal year', () => {
    expect(periodBounds('2022-23', 4)).toEqual({ start: '2023-04-01', end: '2023-06-30' });
    expect(periodBounds('2023-24', 'H1')).toEqual({ start: '2023-07-01', end: '2023-12-31' });
    expect(periodBounds('2023-24', 3)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
  });

  it('vote: more weight behind the winner means more confidence; a tie is not confident', () => {
    const e = (value: number, confidence: number) => ({ value, page: 1, confidence, source: 't', strong: true });
    const one = vote([e(4, 0.9)]);
    const three = vote([e(4, 0.9), e(4, 0.9), e(4, 0.9)]);
    const tie = vote([e(4, 0.9), e(3, 0.9)]);
    expect(one.value).toBe(4);
    expect(three.confidence).toBeGreaterThan(one.confidence);
    expect(tie.confidence).toBeLessThan(0.5);
    expect(vote([]).value).toBeNull();
  });
});
