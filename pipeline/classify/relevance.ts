import { comparisonKey, fuzzyIncludes } from '../normalise/index.js';

/**
 * Does a page belong to an e-Governance & Innovation Action Plan submission at all? Every page of one — the
 * cover letter, the Annex 5, a certificate, the committee's notice, minutes and attendance sheet, the website
 * and innovation tables, a cover page, even a copy list — speaks the plan's vocabulary or names a cooperative
 * office; a Finance Division FAQ, a budget book, a Gazette notification, another ministry's circular or a page
 * of prose does not. Strong terms name the plan or the office; weak ones occur in the plan but also elsewhere
 * (সহজীকরণ in a circular on leave rules), so one weak term alone does not make a page relevant.
 */
const STRONG = ['গভর্ন্যান্স', 'সমবায়', 'বার্ষিক কর্মসম্পাদন চুক্তি', 'তথ্য বাতায়ন', 'ই-নথি', 'ই-ফাইল', 'স্ব-মূল্যায়ন', 'শোকেসিং'];
// found in other offices' papers too: প্রমাণক (a voucher), সংযোজনী (any annexure), কর্মপরিকল্পনা (any action plan)
const WEAK = ['কর্মপরিকল্পনা', 'উদ্ভাবন', 'ইনোভেশন', 'ডিজিটাইজেশন', 'সহজিকরণ', 'ত্রৈমাসিক', 'কোয়ার্টার', 'মাইগভ', 'স্মার্ট বাংলাদেশ', 'কর্মসম্পাদন সূচক', 'প্রমাণক', 'ফোকাল পয়েন্ট', 'সংযোজনী ৫'];

export interface Relevance {
  /** strong terms count 2, weak ones 1 */
  score: number;
  strong: number;
  terms: string[];
  /** a strong term, or three weak ones */
  relevant: boolean;
}

const key = (s: string) => comparisonKey(s);
const TERMS = [...STRONG.map((t) => ({ t, w: 2 })), ...WEAK.map((t) => ({ t, w: 1 }))].map((x) => ({ ...x, k: key(x.t) }));

/** The plan's vocabulary found in a page's text (OCR slips tolerated on long terms, short ones exact). */
export function relevance(text: string): Relevance {
  const k = key(text);
  const terms: string[] = [];
  let score = 0;
  let strong = 0;
  const found = new Set<string>();
  for (const term of TERMS) {
    if (found.has(term.k)) continue;
    // a figure in a term (সংযোজনী ৫) must be read as printed: সংযোজনী-ক is any annexure
    const hit = term.k.length <= 6 || /\d|[০-৯]/.test(term.t) ? k.includes(term.k) : k.includes(term.k) || fuzzyIncludes(text, term.t, 0.8);
    if (!hit) continue;
    found.add(term.k);
    terms.push(term.t);
    score += term.w;
    if (term.w === 2) strong++;
  }
  return { score, strong, terms, relevant: strong > 0 || score >= 3 };
}
