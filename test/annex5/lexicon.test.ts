import { describe, expect, it } from 'vitest';
import { repairAnnexText, repairQuarterOrdinal, snapHeaderLabel, unifyRephs } from '../../pipeline/annex5/lexicon.js';

describe('repairAnnexText (Annex 5 spelling repair against the plan vocabulary)', () => {
  it('repairs words one or two letters from exactly one plan word (OCR of eval-corpus and sample scans)', () => {
    expect(repairAnnexText("২য় 'ব্রেমাসিক")).toBe('২য় ত্রৈমাসিক');
    expect(repairAnnexText('কর্মসম্পাদন সুচকের মান')).toBe('কর্মসম্পাদন সূচকের মান');
    expect(repairAnnexText('[২.১.১] ইতঃপুর্বে উদ্ভাবিত/সহজিকৃত')).toBe('[২.১.১] ইতঃপূর্বে উদ্ভাবিত/সহজিকৃত');
    expect(repairAnnexText('অর্ভজিত স্কোর')).toBe('অর্জিত স্কোর');
    // a lost reph and a long vowel read short are half an edit: four-letter words are repaired on them alone
    expect(repairAnnexText('বাষিক লক্ষ্যমাত্রা')).toBe('বার্ষিক লক্ষ্যমাত্রা');
    expect(repairAnnexText('কর্মসম্পাদন সুচক')).toBe('কর্মসম্পাদন সূচক');
    expect(repairAnnexText('অজিত মান')).toBe('অর্জিত মান');
    expect(repairAnnexText('স্মাট বাংলাদেশ')).toBe('স্মার্ট বাংলাদেশ');
    expect(repairAnnexText('প্রতিবেদন উধ্বতন কর্তৃপক্ষের')).toBe('প্রতিবেদন ঊর্ধ্বতন কর্তৃপক্ষের');
    expect(repairAnnexText('কোয়ার্টার তিত্তিক অর্জন')).toBe('কোয়ার্টার ভিত্তিক অর্জন');
    // but not on a full edit: অভিত is ভ for র্জ, two edits from অর্জিত
    expect(repairAnnexText('অভিত')).toBe('অভিত');
  });

  it('joins the pieces of a word split by a space', () => {
    expect(repairAnnexText('সং খ্যা')).toBe('সংখ্যা');
    expect(repairAnnexText('কর্মসম্পা দন সূচকের মান')).toBe('কর্মসম্পাদন সূচকের মান');
  });

  it('leaves alone plan words, short words, figures, words far from the vocabulary and lost syllables', () => {
    for (const t of ['কর্মসম্পাদন সূচকের মান', 'কোয়াটার', 'তয় কোয়ার্টার', '১৪/০৩/২০২৪', '৭৫%', 'জনাব মোঃ আব্দুল হান্নান', 'http://coop.gov.bd', '']) {
      expect(repairAnnexText(t)).toBe(t);
    }
  });

  it('moves a misplaced space and splits two run-together plan words', () => {
    expect(repairAnnexText('ক্রমি কনং')).toBe('ক্রমিক নং');
    // ক্রমিকনং is ক্রমিক নং run together, not a misread ক্রমিক (two letters shorter is not a misreading)
    expect(repairAnnexText('ক্রমিকনং')).toBe('ক্রমিক নং');
  });

  it('drops the punctuation OCR adds to Bangla cells, keeping abbreviations and printed serial styles', () => {
    expect(repairAnnexText("কর্মসম্পাদন সূচকের ' মান")).toBe('কর্মসম্পাদন সূচকের মান');
    expect(repairAnnexText("'০৯/০৩/২০২৫")).toBe('০৯/০৩/২০২৫');
    expect(repairAnnexText('[৫.১] তথ্য বাতায়ন. হালনাগাদকরণ')).toBe('[৫.১] তথ্য বাতায়ন হালনাগাদকরণ');
    expect(repairAnnexText('[৫.১.১)] তথ্য বাতায়ন হালনাগাদকৃত')).toBe('[৫.১.১] তথ্য বাতায়ন হালনাগাদকৃত');
    expect(repairAnnexText('(৫.১.১] তথ্য বাতায়ন হালনাগাদকৃত')).toBe('[৫.১.১] তথ্য বাতায়ন হালনাগাদকৃত');
    expect(repairAnnexText('[৬.১) স্মার্ট বাংলাদেশ')).toBe('[৬.১] স্মার্ট বাংলাদেশ');
    // a parenthesised remark is not a code
    expect(repairAnnexText('(৫টি সভা)')).toBe('(৫টি সভা)');
    expect(repairAnnexText('২য় . কোয়ার্টার')).toBe('২য় কোয়ার্টার');
    expect(repairAnnexText('তারিখ.')).toBe('তারিখ');
    expect(repairAnnexText('০২।.')).toBe('০২।');
    expect(repairAnnexText('১ম কোয়ার্টার জুলাই-._ সেপ্টেম্বর/২০২৪')).toBe('১ম কোয়ার্টার জুলাই-সেপ্টেম্বর/২০২৪');
    expect(repairAnnexText('[৫.১:২] আওতাধীন অফিসসমূহের')).toBe('[৫.১.২] আওতাধীন অফিসসমূহের');
    expect(repairAnnexText('[৭.১.১] নিজ অফিস ও _ আওতাধীন')).toBe('[৭.১.১] নিজ অফিস ও আওতাধীন');
    for (const kept of ['ক্র. নং', '০২.', '৭.৪৪', '১.৫', '[৪.১.২] ই-ফাইলে']) expect(repairAnnexText(kept)).toBe(kept);
  });
});

describe('repairQuarterOrdinal', () => {
  it('sets a garbled ordinal before the quarter word to the quarter the column was mapped to', () => {
    // OCR of the eval corpus's hard pages
    expect(repairQuarterOrdinal('তয় কোয়ার্টার', 3)).toBe('৩য় কোয়ার্টার');
    expect(repairQuarterOrdinal('হ্য় ত্রৈমাসিক অর্জন', 2)).toBe('২য় ত্রৈমাসিক অর্জন');
    expect(repairQuarterOrdinal('৪৪র্থ ত্রৈমাসিক অর্জন', 4)).toBe('৪র্থ ত্রৈমাসিক অর্জন');
    expect(repairQuarterOrdinal('গম ত্রৈমাসিক অর্জন', 1)).toBe('১ম ত্রৈমাসিক অর্জন');
  });

  it('adds nothing and leaves labels without an ordinal-like token alone', () => {
    for (const [label, q] of [
      ['কোয়ার্টার জানুয়ারি-মার্চ/২০২৫', 3],
      ['কোয়ার্টার ভিত্তিক অর্জন', 1],
      ['২য় কোয়ার্টার', 2],
      ['প্রকৃত অর্জন', 1],
    ] as const) {
      expect(repairQuarterOrdinal(label, q)).toBe(label);
    }
  });
});

describe('unifyRephs', () => {
  it('gives a plan word its reph where the same table prints it with one', () => {
    const grid = [
      ['কোয়ার্টার ভিত্তিক অর্জন', 'কোয়ার্টার ভিত্তিক অর্জন'],
      ['৩য় কোয়াটার জানুয়ারি-মার্চ/২০২৫', '৪র্থ কোয়াটার'],
    ];
    unifyRephs(grid);
    expect(grid[1]).toEqual(['৩য় কোয়ার্টার জানুয়ারি-মার্চ/২০২৫', '৪র্থ কোয়ার্টার']);
  });

  it('leaves a table that prints the word without a reph throughout (seed 001 prints কোয়াটার)', () => {
    const grid = [['কোয়াটার ভিত্তিক অর্জন'], ['১ম কোয়াটার'], ['বার্ষিক লক্ষ্যমাত্রা']];
    const before = grid.map((r) => [...r]);
    unifyRephs(grid);
    expect(grid).toEqual(before);
  });
});

describe('snapHeaderLabel', () => {
  it('sets a header cell garbled as a whole to the one printed label near enough', () => {
    // OCR of own samples
    expect(snapHeaderLabel('অভিত মান')).toBe('অর্জিত মান');
    expect(snapHeaderLabel('ক্রু.নং')).toBe('ক্র.নং');
    expect(snapHeaderLabel('কর্মসম্পাদন সূচকের ম্যন')).toBe('কর্মসম্পাদন সূচকের মান');
  });

  it('leaves printed variants, ambiguous and far readings, short cells and cells with figures', () => {
    // "ক্রু নং": the dot lost into the vowel sign; ক্র. নং and ক্রঃ নং are equally near
    for (const t of ['ক্রু নং', 'ক্র. নং', 'ক্রমিকনং', 'বার্ষিক লক্ষ্য মাত্রা', 'কোয়াটার ভিত্তিক অর্জন', 'ব্রমি ক্নং', 'মাস', 'বার্ষিক লক্ষ্যমাত্রা ২০২৩-২৪', '৩য় কোয়ার্টার']) {
      expect(snapHeaderLabel(t)).toBe(t);
    }
  });
});
