// The dashboard's two languages: Bangla (default) and English. Names come from the server in both
// (gazetteer and catalogue); numbers are written with the browser's own locale data (Intl), so Bangla
// digits need no digit table here.

const KEY = 'apa-dashboard-lang';
let lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'bn';

export const getLang = () => lang;

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'bn';
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

const STRINGS = {
  brand: ['এপিএ ড্যাশবোর্ড', 'APA dashboard'],
  review: ['পর্যালোচনা', 'Review'],
  otherLang: ['English', 'বাংলা'],
  coverage: ['জমার চিত্র', 'Coverage'],
  indicator: ['সূচক', 'Indicator'],
  office: ['কার্যালয়', 'Office'],
  division: ['বিভাগ', 'Division'],
  district: ['জেলা', 'District'],
  fiscalYear: ['অর্থবছর', 'Fiscal year'],
  period: ['প্রতিবেদন', 'Report'],
  all: ['সব', 'all'],
  loading: ['লোড হচ্ছে…', 'Loading…'],
  submitted: ['জমা', 'submitted'],
  flagged: ['জমা, প্রশ্নচিহ্নিত', 'submitted, flagged'],
  missing: ['জমা হয়নি', 'missing'],
  flaggedShort: ['প্রশ্নচিহ্নিত', 'flagged'],
  reports: ['প্রতিবেদন', 'reports'],
  expected: ['প্রত্যাশিত প্রতিবেদন', 'expected reports'],
  coverageTitle: ['কোন কার্যালয় কোন ত্রৈমাসিকের প্রতিবেদন দিয়েছে', 'Which offices reported which quarters'],
  byPeriodTitle: ['ত্রৈমাসিক অনুযায়ী প্রতিবেদন', 'Reports by quarter'],
  indicatorTitle: ['লক্ষ্যমাত্রা বনাম অর্জন, কার্যালয় অনুযায়ী', 'Target against achievement, per office'],
  officeTitle: ['অর্জনের হার: কার্যালয়, জেলার মধ্যমা ও বিভাগের মধ্যমা', 'Achievement rate: office, district median and division median'],
  target: ['লক্ষ্যমাত্রা', 'target'],
  achievement: ['অর্জন', 'achievement'],
  rate: ['অর্জনের হার', 'achievement rate'],
  districtMedian: ['জেলার মধ্যমা', 'district median'],
  divisionMedian: ['বিভাগের মধ্যমা', 'division median'],
  offices: ['কার্যালয়', 'offices'],
  correctedBy: ['একজন পর্যালোচক সংশোধন করেছেন', 'corrected by a reviewer'],
  asRead: ['ওসিআর যেমন পড়েছে', 'as OCR read it'],
  page: ['পৃষ্ঠা', 'page'],
  file: ['ফাইল', 'file'],
  openFlags: ['খোলা প্রশ্ন', 'open flags'],
  metaCorrected: ['মেটাডেটা সংশোধিত', 'metadata corrected'],
  reviewed: ['পর্যালোচিত', 'reviewed'],
  dataTable: ['তথ্য সারণি (চিত্রে যা আঁকা হয়েছে)', 'Data table (what the chart draws)'],
  download: ['ডাউনলোড', 'Download'],
  noData: ['এই বাছাইয়ে কোনো তথ্য নেই।', 'Nothing matches these filters.'],
  notDrawn: ['সংখ্যা নয়, আঁকা হয়নি', 'not a number, not drawn'],
  medianOf: ['মধ্যমা', 'median of'],
  middle: ['মাঝের কার্যালয়', 'middle office'],
  peersNote: ['একই প্রতিবেদনকালের কার্যালয়: জেলায়', 'offices with a report for the same period: district'],
  peersDivision: ['বিভাগে', 'division'],
  rateNote: [
    'অর্জনের হার = অর্জন ÷ লক্ষ্যমাত্রা (সর্বোচ্চ ১০০%); তারিখভিত্তিক সূচক লক্ষ্য তারিখের মধ্যে অর্জিত হলে ১০০%।',
    'Achievement rate = achievement ÷ target (at most 100%); a date indicator is 100% when achieved by its target date.',
  ],
  legendTarget: ['লক্ষ্যমাত্রা (ড্যাশ রেখা)', 'target (dashed)'],
  legendAchievement: ['অর্জন', 'achievement'],
  legendFlagged: ['লাল বৃত্ত: খোলা প্রশ্ন আছে', 'red ring: open validation flag'],
  legendFlaggedBar: ['লাল: খোলা প্রশ্ন আছে', 'red: open validation flag'],
  legendCorrected: ['নীল: পর্যালোচক সংশোধিত', 'blue: corrected by a reviewer'],
  unplaced: ['অর্থবছর বা ত্রৈমাসিক অজানা', 'stored without a fiscal year or quarter'],
  openReview: ['পর্যালোচনায় খুলুন', 'open in the review view'],
};

export function t(key) {
  const s = STRINGS[key];
  return s ? s[lang === 'bn' ? 0 : 1] : key;
}

const bnDigit = new Intl.NumberFormat('bn-BD', { useGrouping: false });

/** Text with its ASCII digits written as the current language writes them ("2022-23" → "২০২২-২৩"). */
export function digits(s) {
  if (s == null) return '';
  const text = String(s);
  return lang === 'bn' ? text.replace(/[0-9]/g, (d) => bnDigit.format(Number(d))) : text;
}

/** A number for display: grouping as the language groups, at most `frac` decimals. */
export function num(x, frac = 1) {
  if (x == null || Number.isNaN(x)) return '—';
  return new Intl.NumberFormat(lang === 'bn' ? 'bn-BD' : 'en-IN', { maximumFractionDigits: frac }).format(x);
}

export const name = (n) => (n ? n[lang] : '—');

const ORDINAL_BN = { 1: 'ম', 2: 'য়', 3: 'য়', 4: 'র্থ' };

export function quarterName(q, short = false) {
  if (q === 'H1') return lang === 'bn' ? 'অর্ধবার্ষিক' : 'H1';
  if (q === 'annual') return lang === 'bn' ? 'বার্ষিক' : 'annual';
  if (lang === 'en') return `Q${q}`;
  return short ? `ত্রৈ.${digits(q)}` : `${digits(q)}${ORDINAL_BN[q] ?? ''} ত্রৈমাসিক`;
}

export const periodName = (p, short = false) => `${digits(p.fiscalYear)} ${quarterName(p.quarter, short)}`;

export function unitName(unit) {
  if (unit === 'percent' || unit === '%') return '%';
  if (unit === 'count') return lang === 'bn' ? 'সংখ্যা' : 'count';
  if (unit === 'date') return lang === 'bn' ? 'তারিখ' : 'date';
  return unit ?? '—';
}
