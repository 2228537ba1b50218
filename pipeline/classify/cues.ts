import type { SectionKind, SectionSubtype } from '../../models/section.js';

/**
 * Keyword evidence for each section, from the seeds' vocabulary. `zone: 'head'` cues count only in the
 * top third of the page (titles), where a word means more than in a body paragraph that merely mentions it.
 */
export interface Cue {
  section: SectionKind;
  subtype?: SectionSubtype;
  phrase: string;
  weight: number;
  /** head: only in the first lines; line: a line of its own (a document title such as নোটিশ); any: anywhere */
  zone?: 'head' | 'line' | 'any';
}

export const CUES: Cue[] = [
  // annex5: the সংযোজনী ৫ title, the office/quarter lines under it, and the indicator-table header
  { section: 'annex5', phrase: 'সংযোজনী', weight: 3, zone: 'head' },
  { section: 'annex5', phrase: 'আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম', weight: 3 },
  { section: 'annex5', phrase: 'কর্মসম্পাদন সূচক', weight: 3 },
  { section: 'annex5', phrase: 'বার্ষিক লক্ষ্যমাত্রা', weight: 2 },
  { section: 'annex5', phrase: 'মূল্যায়ন প্রতিবেদন', weight: 2, zone: 'head' },
  { section: 'annex5', phrase: 'মোট অর্জন', weight: 2 },
  { section: 'annex5', phrase: 'ত্রৈমাসিকের নাম', weight: 1 },
  // letters: memo line, subject, reference, addressee, copy list
  { section: 'letter', subtype: 'cover_letter', phrase: 'স্মারক', weight: 3 },
  { section: 'letter', subtype: 'cover_letter', phrase: 'বিষয়:', weight: 2 },
  { section: 'letter', subtype: 'cover_letter', phrase: 'সূত্র:', weight: 1.5 },
  { section: 'letter', subtype: 'cover_letter', phrase: 'প্রেরণ করা হলো', weight: 1.5 },
  { section: 'letter', subtype: 'cover_letter', phrase: 'অনুলিপি', weight: 2.5 },
  { section: 'letter', subtype: 'cover_letter', phrase: 'মহোদয়', weight: 1 },
  { section: 'letter', subtype: 'notice', phrase: 'নোটিশ', weight: 3, zone: 'line' },
  { section: 'letter', subtype: 'office_order', phrase: 'অফিস আদেশ', weight: 4, zone: 'line' },
  // minutes: body and attendance sheet
  { section: 'minutes', subtype: 'minutes_body', phrase: 'কার্যবিবরণী', weight: 4 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'সভাপতি', weight: 2 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'সিদ্ধান্ত', weight: 1.5 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'আলোচনা', weight: 1 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'বাস্তবায়নকারী', weight: 1.5 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'সভায় উপস্থিত', weight: 1.5 },
  // the meeting's own record, also where minutes open like a letter (memo line, date, subject)
  { section: 'minutes', subtype: 'minutes_body', phrase: 'সভার তারিখ', weight: 2 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'আলোচ্য বিষয়', weight: 1.5 },
  { section: 'minutes', subtype: 'minutes_body', phrase: 'সমাপ্তি ঘোষণা', weight: 1.5 },
  { section: 'minutes', subtype: 'attendance', phrase: 'উপস্থিতির স্বাক্ষর', weight: 5 },
  { section: 'minutes', subtype: 'attendance', phrase: 'নাম ও পদবী', weight: 2 },
  { section: 'minutes', subtype: 'attendance', phrase: 'নাম, পদবী ও কর্মস্থল', weight: 3 },
  { section: 'minutes', subtype: 'attendance', phrase: 'সদস্যগণের স্বাক্ষর', weight: 4 },
  // certificates
  { section: 'certificate', subtype: 'certificate', phrase: 'প্রত্যয়নপত্র', weight: 5 },
  { section: 'certificate', subtype: 'certificate', phrase: 'প্রত্যয়ন করা যাচ্ছে', weight: 4 },
  { section: 'certificate', subtype: 'certificate', phrase: 'এই মর্মে', weight: 2 },
  { section: 'certificate', subtype: 'certificate', phrase: 'সংক্রান্ত প্রত্যয়ন', weight: 3, zone: 'head' },
  // other: website summaries, innovation database, cover pages
  { section: 'other', subtype: 'website_update_table', phrase: 'ওয়েবসাইট হালনাগাদের', weight: 5 },
  { section: 'other', subtype: 'website_update_table', phrase: 'সেবা বক্সের নাম', weight: 3 },
  { section: 'other', subtype: 'innovation_db_table', phrase: 'ডাটাবেজ', weight: 4, zone: 'head' },
  { section: 'other', subtype: 'cover_page', phrase: 'প্রমাণকসমূহ', weight: 4 },
];
