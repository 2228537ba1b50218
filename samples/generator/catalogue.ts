/**
 * Annex 5 activities and indicators per fiscal year, worded as in the seeds' tables (indicator codes
 * [১.১.১] …, units তারিখ / % / সংখ্যা, weights summing to 50 where the format prints them).
 */
import type { OfficeLevel } from './offices.js';

export type Unit = 'date' | 'percent' | 'count';

export interface IndicatorDef {
  code: string;
  text: string;
  unit: Unit;
  weight: number;
  /** typical annual targets for a count indicator */
  targets?: number[];
  /** offices at these levels print "প্রযোজ্য নয়" for it (they have no offices under them) */
  notApplicableFor?: OfficeLevel[];
  /** achievements are often typed with the event's date: "১টি ১২/০৯/২২" */
  dated?: boolean;
}

export interface ActivityDef {
  code: string;
  text: string;
  indicators: IndicatorDef[];
}

export const FISCAL_YEARS = ['2021-22', '2022-23', '2023-24', '2024-25'] as const;
export type FiscalYear = (typeof FISCAL_YEARS)[number];

const INNOVATION_2122: ActivityDef = {
  code: '1.1',
  text: 'একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন',
  indicators: [{ code: '1.1.1', text: 'একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়িত', unit: 'date', weight: 10 }],
};

const INNOVATION_2324: ActivityDef = {
  code: '1.1',
  text: 'সেবা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে উদ্ভাবনী ধারণা বাস্তবায়ন',
  indicators: [{ code: '1.1.1', text: 'সেবা/অফিস ব্যবস্থাপনা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত', unit: 'date', weight: 10 }],
};

const SHOWCASING: ActivityDef = {
  code: '3.1',
  text: 'ইনোভেশন শোকেসিং',
  indicators: [{ code: '3.1.1', text: 'আওতাধীন অফিসসমূহের অংশগ্রহণে ন্যূনতম একটি ইনোভেশন প্রদর্শনী (শোকেসিং) আয়োজিত এবং শ্রেষ্ঠ উদ্ভাবনী উদ্যোগ নির্বাচিত', unit: 'date', weight: 7 }],
};

export const CATALOGUE: Record<FiscalYear, ActivityDef[]> = {
  '2021-22': [
    INNOVATION_2122,
    { code: '2.1', text: 'ই-নথির ব্যবহার বৃদ্ধি', indicators: [{ code: '2.1.1', text: 'ই-ফাইলে নোট নিষ্পত্তিকৃত', unit: 'percent', weight: 10 }] },
    { code: '3.1', text: 'তথ্য বাতায়ন হালনাগাদকরণ', indicators: [{ code: '3.1.1', text: 'তথ্য বাতায়ন হালনাগাদকৃত', unit: 'count', weight: 15, targets: [4] }] },
    {
      code: '4.1',
      text: 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন',
      indicators: [
        { code: '4.1.1', text: 'কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত', unit: 'count', weight: 6, targets: [4], dated: true },
        { code: '4.1.2', text: 'কর্মপরিকল্পনা বাস্তবায়ন অগ্রগতি পর্যালোচনা সংক্রান্ত সভা আয়োজিত', unit: 'count', weight: 5, targets: [4], dated: true },
        { code: '4.1.3', text: 'কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন ঊর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরিত', unit: 'date', weight: 4 },
      ],
    },
  ],
  '2022-23': [
    INNOVATION_2122,
    { code: '2.1', text: 'ই-নথির ব্যবহার বৃদ্ধি', indicators: [{ code: '2.1.1', text: 'ই-ফাইলে নোট নিষ্পত্তিকৃত', unit: 'percent', weight: 10 }] },
    { code: '3.1', text: 'তথ্য বাতায়ন হালনাগাদকরণ', indicators: [{ code: '3.1.1', text: 'তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত', unit: 'count', weight: 15, targets: [4] }] },
    {
      code: '4.1',
      text: '৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজন',
      indicators: [{ code: '4.1.1', text: '৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজিত', unit: 'count', weight: 5, targets: [2], dated: true }],
    },
    {
      code: '5.1',
      text: 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন',
      indicators: [
        { code: '5.1.1', text: 'কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত', unit: 'count', weight: 6, targets: [4], dated: true },
        { code: '5.1.2', text: 'কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন ঊর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরিত', unit: 'date', weight: 4 },
      ],
    },
  ],
  '2023-24': [
    INNOVATION_2324,
    {
      code: '2.1',
      text: 'ইতঃপূর্বে বাস্তবায়িত সহজিকৃত ও ডিজিটাইজকৃত সেবা চালু অব্যাহত রাখা',
      indicators: [{ code: '2.1.1', text: 'ইতঃপূর্বে উদ্ভাবিত/সহজিকৃত ও ডিজিটাইজকৃত সেবাসমূহের ডাটাবেজ হালনাগাদকরণ ও সেবাসমূহ চালু অব্যাহত রাখা', unit: 'count', weight: 5, targets: [4] }],
    },
    SHOWCASING,
    { code: '4.1', text: 'ই-নথির ব্যবহার বৃদ্ধি', indicators: [{ code: '4.1.1', text: 'ই-ফাইলে নোট নিষ্পত্তিকৃত', unit: 'percent', weight: 10 }] },
    {
      code: '5.1',
      text: 'তথ্য বাতায়ন হালনাগাদকরণ',
      indicators: [
        { code: '5.1.1', text: 'তথ্য বাতায়ন হালনাগাদকৃত', unit: 'count', weight: 6, targets: [4] },
        { code: '5.1.2', text: 'আওতাধীন অফিসসমূহের তথ্য বাতায়ন হালনাগাদকরণ নিশ্চিতকরণ', unit: 'count', weight: 3, targets: [4], notApplicableFor: ['upazila'] },
      ],
    },
    {
      code: '6.1',
      text: 'স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন',
      indicators: [
        { code: '6.1.1', text: 'স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মশালা/সভা/সেমিনার আয়োজিত', unit: 'count', weight: 5, targets: [2], dated: true },
        { code: '6.1.2', text: 'স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মপরিকল্পনা প্রণয়নকৃত', unit: 'date', weight: 4 },
      ],
    },
  ],
  '2024-25': [
    INNOVATION_2324,
    {
      code: '2.1',
      text: 'ইতঃপূর্বে বাস্তবায়িত সহজিকৃত ও ডিজিটাইজকৃত সেবা চালু রাখা',
      indicators: [{ code: '2.1.1', text: 'নিজ অফিসসহ আওতাধীন অফিসসমূহের ইতঃপূর্বে উদ্ভাবিত/সহজিকৃত/ডিজিটাইজকৃত সেবাসমূহের ডাটাবেজ হালনাগাদকরণ ও সেবাসমূহ চালু রাখা', unit: 'count', weight: 4, targets: [4, 8] }],
    },
    { ...SHOWCASING, indicators: [{ ...SHOWCASING.indicators[0]!, weight: 6 }] },
    {
      code: '4.1',
      text: 'ই-নথির ব্যবহার বৃদ্ধি',
      indicators: [
        { code: '4.1.1', text: 'ই-ফাইলে নিষ্পত্তিযোগ্য নথির তালিকা নির্ধারিত', unit: 'date', weight: 2 },
        { code: '4.1.2', text: 'ই-ফাইলে নোট নিষ্পত্তিকৃত', unit: 'percent', weight: 8 },
      ],
    },
    {
      code: '5.1',
      text: 'তথ্য বাতায়ন হালনাগাদকরণ',
      indicators: [
        { code: '5.1.1', text: 'তথ্য বাতায়ন হালনাগাদকৃত', unit: 'count', weight: 6, targets: [4] },
        { code: '5.1.2', text: 'আওতাধীন অফিসসমূহের তথ্য বাতায়ন হালনাগাদকরণ নিশ্চিতকরণ', unit: 'count', weight: 3, targets: [4], notApplicableFor: ['upazila'] },
      ],
    },
    {
      code: '6.1',
      text: 'স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন',
      indicators: [{ code: '6.1.1', text: 'স্মার্ট বাংলাদেশ বিনির্মাণ সংক্রান্ত ৪টি স্তম্ভের আলোকে করণীয় নির্ধারণ বিষয়ক কর্মশালা/সেমিনার আয়োজিত', unit: 'count', weight: 3, targets: [2], dated: true }],
    },
    {
      code: '7.1',
      text: 'অনলাইন রিপোর্ট ম্যানেজমেন্ট সফটওয়্যার বাস্তবায়ন',
      indicators: [{ code: '7.1.1', text: 'নিজ অফিস ও আওতাধীন অফিসে অনলাইন রিপোর্ট ম্যানেজমেন্ট সফটওয়্যার বাস্তবায়িত', unit: 'date', weight: 4 }],
    },
    {
      code: '8.1',
      text: 'মাইগভ প্ল্যাটফর্মের ব্যবহার বৃদ্ধি',
      indicators: [{ code: '8.1.1', text: 'মাইগভ প্ল্যাটফর্মের মাধ্যমে ডিজিটাইজেশনযোগ্য সরকারি সেবা চিহ্নিতকরণ ও ডিজিটাইজেশনের লক্ষ্যে কর্মশালা আয়োজিত', unit: 'count', weight: 4, targets: [2], dated: true }],
    },
  ],
};
