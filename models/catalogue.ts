import { z } from 'zod';

/**
 * The indicator catalogue of the field-office e-Governance & Innovation Action Plan
 * (ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, মাঠ পর্যায়ের কার্যালয়), one entry per fiscal year.
 *
 * Why it exists: the plan's codes and wordings change every year (2022-23 has [৪.১.১] "৪র্থ শিল্পবিপ্লব…",
 * 2024-25 has [৪.১.১] "ই-ফাইলে নিষ্পত্তিযোগ্য নথির তালিকা…"), so a code read from a scan can only be
 * checked against the plan of its own year. Validation flags codes outside the year's catalogue, and the
 * extractor uses the wordings to recover a code OCR could not read.
 *
 * Source: the Annex 5 tables of the five seed submissions (../shared/seeds, named per year below), with
 * OCR misspellings corrected to the printed plan wording. Years not listed are unknown to the catalogue:
 * rules that need it stay silent rather than guess.
 */
export const CatalogueUnitSchema = z.enum(['date', 'percent', 'count']);
export type CatalogueUnit = z.infer<typeof CatalogueUnitSchema>;

export const CatalogueIndicatorSchema = z.object({
  /** ASCII dotted code, "4.1.2" */
  code: z.string(),
  activityCode: z.string(),
  activity: z.string(),
  indicator: z.string(),
  unit: CatalogueUnitSchema,
});
export type CatalogueIndicator = z.infer<typeof CatalogueIndicatorSchema>;

export const FiscalYearCatalogueSchema = z.object({
  fiscalYear: z.string(),
  /** the marks all indicator weights (কর্মসম্পাদন সূচকের মান) add up to */
  weightTotal: z.number(),
  indicators: z.array(CatalogueIndicatorSchema),
  /** seed files the entries were read from */
  sources: z.array(z.string()),
});
export type FiscalYearCatalogue = z.infer<typeof FiscalYearCatalogueSchema>;

function ind(code: string, activity: string, indicator: string, unit: CatalogueUnit): CatalogueIndicator {
  return { code, activityCode: code.split('.').slice(0, 2).join('.'), activity, indicator, unit };
}

/**
 * weightTotal: the field-office plan is marked out of 50 (seed 003's weights ১০+১০+১৫+৫+৬+৪ = ৫০ for 2022-23;
 * the later templates keep the 50-mark scale with more indicators).
 */
export const CATALOGUE: Readonly<Record<string, FiscalYearCatalogue>> = {
  '2022-23': {
    fiscalYear: '2022-23',
    weightTotal: 50,
    sources: ['000_7ddc650de93b464f.txt', '003_f13950d16016f2f9.txt'],
    indicators: [
      ind('1.1.1', 'একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়ন', 'একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়িত', 'date'),
      ind('2.1.1', 'ই-নথির ব্যবহার বৃদ্ধি', 'ই-ফাইলে নোট নিষ্পত্তিকৃত', 'percent'),
      ind('3.1.1', 'তথ্য বাতায়ন হালনাগাদকরণ', 'তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত', 'count'),
      ind('4.1.1', '৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজন', '৪র্থ শিল্পবিপ্লবের চ্যালেঞ্জ মোকাবেলায় করণীয় বিষয়ে অবহিতকরণ সভা/কর্মশালা আয়োজিত', 'count'),
      ind('5.1.1', 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন', 'কর্মপরিকল্পনা বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ আয়োজিত', 'count'),
      ind('5.1.2', 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন', 'কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন ঊর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরিত', 'date'),
    ],
  },
  '2023-24': {
    fiscalYear: '2023-24',
    weightTotal: 50,
    sources: ['004_c20b99b83d327ae3.txt'],
    indicators: [
      ind('1.1.1', 'সেবা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে উদ্ভাবনী ধারণা বাস্তবায়ন', 'সেবা/অফিস ব্যবস্থাপনা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত', 'date'),
      ind('2.1.1', 'ইতঃপূর্বে বাস্তবায়িত সহজিকৃত ও ডিজিটাইজকৃত সেবা চালু অব্যাহত রাখা', 'ইতঃপূর্বে উদ্ভাবিত/সহজিকৃত ও ডিজিটাইজকৃত সেবাসমূহের ডাটাবেজ হালনাগাদকরণ ও সেবাসমূহ চালু অব্যাহত রাখা', 'count'),
      ind('3.1.1', 'ইনোভেশন শোকেসিং', 'আওতাধীন অফিসসমূহের অংশগ্রহণে ন্যূনতম একটি ইনোভেশন প্রদর্শনী (শোকেসিং) আয়োজন এবং শ্রেষ্ঠ উদ্ভাবনী উদ্যোগ নির্বাচিত', 'date'),
      ind('4.1.1', 'ই-নথির ব্যবহার বৃদ্ধি', 'ই-ফাইলে নোট নিষ্পত্তিকৃত', 'percent'),
      ind('5.1.1', 'তথ্য বাতায়ন হালনাগাদকরণ', 'তথ্য বাতায়ন হালনাগাদকৃত', 'count'),
      ind('5.1.2', 'তথ্য বাতায়ন হালনাগাদকরণ', 'আওতাধীন অফিসসমূহের তথ্য বাতায়ন হালনাগাদকৃত', 'count'),
      ind('6.1.1', 'স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন', 'স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মশালা/সভা/সেমিনার আয়োজিত', 'count'),
      ind('6.1.2', 'স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন', 'স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মপরিকল্পনা প্রণয়নকৃত', 'date'),
    ],
  },
  '2024-25': {
    fiscalYear: '2024-25',
    weightTotal: 50,
    sources: ['001_7d9e1e7956252ea9.txt', '002_a936c211a1bf4ba3.txt'],
    indicators: [
      ind('1.1.1', 'সেবা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে উদ্ভাবনী ধারণা বাস্তবায়িত', 'সেবা/অফিস ব্যবস্থাপনা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত', 'date'),
      ind('2.1.1', 'ইতঃপূর্বে বাস্তবায়িত সহজিকৃত ও ডিজিটাইজকৃত সেবা চলমান রাখা', 'নিজ অফিসসহ আওতাধীন অফিসসমূহের ইতঃপূর্বে উদ্ভাবিত/সহজিকৃত ডিজিটাইজকৃত সেবাসমূহের ডাটাবেজ হালনাগাদকরণ ও সেবাসমূহ চলমান রাখা', 'count'),
      ind('3.1.1', 'ইনোভেশন শোকেসিং', 'আওতাধীন অফিসসমূহের অংশগ্রহণে ন্যূনতম একটি ইনোভেশন প্রদর্শনী (শোকেসিং) আয়োজিত এবং শ্রেষ্ঠ উদ্ভাবনী উদ্যোগ নির্বাচিত', 'date'),
      ind('4.1.1', 'ই-নথির ব্যবহার বৃদ্ধি', 'ই-ফাইলে নিষ্পত্তিযোগ্য নথির তালিকা নির্ধারিত', 'date'),
      ind('4.1.2', 'ই-নথির ব্যবহার বৃদ্ধি', 'ই-ফাইলে নোট নিষ্পত্তিকৃত', 'percent'),
      ind('5.1.1', 'তথ্য বাতায়ন হালনাগাদকরণ', 'তথ্য বাতায়ন হালনাগাদকৃত', 'count'),
      ind('5.1.2', 'তথ্য বাতায়ন হালনাগাদকরণ', 'আওতাধীন অফিসসমূহের তথ্য বাতায়ন হালনাগাদকরণ নিশ্চিতকরণ', 'count'),
      ind('6.1.1', 'স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন', 'স্মার্ট বাংলাদেশ বিনির্মাণ সংক্রান্ত ৪টি স্তম্ভের আলোকে করণীয় নির্ধারণ বিষয়ক কর্মশালা/সেমিনার আয়োজিত', 'count'),
      ind('7.1.1', 'অনলাইন রিপোর্ট ম্যানেজমেন্ট সফটওয়্যার বাস্তবায়িত', 'নিজ অফিস ও আওতাধীন অফিসে অনলাইন রিপোর্ট ম্যানেজমেন্ট সফটওয়্যার বাস্তবায়িত', 'date'),
      ind('8.1.1', 'মাইগভ প্ল্যাটফর্মের ব্যবহার বৃদ্ধি', 'মাইগভ প্ল্যাটফর্মের মাধ্যমে ডিজিটাইজেশনযোগ্য সরকারি সেবা চিহ্নিতকরণ ও ডিজিটাইজেশনের লক্ষ্যে কর্মশালা আয়োজিত', 'count'),
    ],
  },
};

/** The catalogue of a fiscal year ("2023-24"), or null when the year is not catalogued. */
export function catalogueFor(fiscalYear: string | null | undefined): FiscalYearCatalogue | null {
  if (!fiscalYear) return null;
  return CATALOGUE[fiscalYear] ?? null;
}

export function catalogueIndicator(fiscalYear: string | null | undefined, code: string): CatalogueIndicator | null {
  return catalogueFor(fiscalYear)?.indicators.find((i) => i.code === code) ?? null;
}
