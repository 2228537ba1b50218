/**
 * What each page of a submission says about the submission: the office (letterhead, signature, Annex 5
 * office line, prose, memo geocode), the fiscal year, the quarter, the cover letter's date and the Annex 5
 * format. Every piece of evidence keeps its page, source and confidence, so the combined metadata can say
 * where each value came from.
 */
import type { SectionKind, SectionSubtype } from '../../models/section.js';
import type { Quarter } from '../../models/value.js';
import { layoutPage, startsWithLabel, hasOfficeWord, type PageLayout } from './blocks.js';
import { afterLabel, extractLetterFields, memoFromLine } from './letter.js';
import { comparisonKey, findDate, findRepairedDate, fuzzyIncludes, parseFiscalYearValue, parseMemoParts, parsePeriodValue, toAsciiDigits } from './norm.js';
import { readGeocode, readOffice, type OfficeReading } from './office.js';

/** One page as the metadata stage receives it. `annexFormat` is the table stage's verdict, when it has one. */
export interface MetaPage {
  page: number;
  section: SectionKind;
  subtype: SectionSubtype;
  lines: string[];
  annexFormat?: string | null;
}

export interface Evidence<T> {
  value: T;
  page: number;
  /** 0–1, this piece of evidence alone */
  confidence: number;
  /** what kind of text it was read from, e.g. "cover letter subject" */
  source: string;
  /** evidence from a place that names the submission itself (subject, Annex 5 title, letterhead) */
  strong: boolean;
  /** the printed text it was read from (dates: to read it again once the period is known) */
  raw?: string;
}

export interface PageEvidence {
  page: number;
  offices: OfficeReading[];
  unknownGeocodes: { code: string; page: number }[];
  fiscalYears: Evidence<string>[];
  quarters: Evidence<Quarter>[];
  submissionDates: Evidence<string>[];
  annexFormats: Evidence<string>[];
}

/** ত্রৈমাসিক and the ways OCR prints it (ত্রেমাসিক, ব্রেমাসিক, ্রেমাসিক), কোয়ার্টার, প্রান্তিক */
const QUARTER_WORDS = '\\S{0,4}[ৈে]মাস\\S*|কোয়া\\S*|প্রান্তিক\\S*';
const ORDINALS = '[১২৩৪1-4ওহধ]\\s*(?:ম|য়|য়|র্থ|থ)|প্রথম|দ্বিতীয়|দ্বিতীয়|তৃতীয়|তৃতীয়|চতুর্থ|1st|2nd|3rd|4th';
/** "৪র্থ ত্রৈমাসিক (এপ্রিল/২৩-জুন/২৩)", "২য় কোয়ার্টার", "১ম ও ২য় ত্রৈমাসিক (জুলাই/২৩-ডিসেম্বর/২৩)" */
const ORDINAL_QUARTER = new RegExp(`(?:(?:${ORDINALS})\\s*(?:ও|এবং|,)\\s*)?(?:${ORDINALS})\\s*(?:${QUARTER_WORDS})\\s*(?:\\([^)]{0,60}\\))?`, 'gu');
/** অর্ধবার্ষিক, but not inside the indicator "কর্মপরিকল্পনার অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন … প্রেরিত" */
const HALF_YEAR = /(?<!কর্মপরিকল্পনার\s*)অর্ধ\s*-?\s*বার্ষিক\S*\s*(?:স্ব-?\s*মূল্যায়ন\S*)?\s*(?:\([^)]{0,60}\))?/gu;
const ANNUAL = /(?<!অর্ধ\s*-?\s*)বার্ষিক\s+(?:স্ব-?\s*)?মূল্যায়ন/gu;
const MONTH = 'জানুয়ার[িী]|ফেব্রুয়ার[িী]|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|আগষ্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর';
/** "এপ্রিল, ২০২৩ হতে জুন, ২০২৩", "জানুয়ারি/২৫-মার্চ/২৫", "জানুয়ারী-মার্চ /২৩খ্রি." */
const MONTH_RANGE = new RegExp(`(?:${MONTH})[\\s/,.০-৯0-9খ্রিঃত্রি:]*?(?:হতে|থেকে|-|–|—)\\s*(?:${MONTH})[\\s/,০-৯0-9]*(?:খ্রি[ঃ:.]?|ত্রি[ঃ:]?)?`, 'gu');
/** An indicator code in a line ("[৫.১.২]"): such lines are table rows or indicator names, not titles. */
const INDICATOR_CODE = /\[\s*[০-৯0-9]\s*[.,]\s*[০-৯0-9]/u;

/**
 * Ordinals OCR misreads right before a quarter word: ৩য় → ওয়, ২য় → হয়, ৪র্থ → ধর্থ (look-alike glyphs).
 * Only in this context, where the ordinal position is certain; the caller lowers the confidence.
 */
function repairOrdinal(snippet: string): { text: string; repaired: boolean } {
  const text = snippet
    .replace(/^(\s*)ও(?=\s*য়|\s*য়)/u, '$1৩')
    .replace(/^(\s*)হ(?=\s*য়|\s*য়)/u, '$1২')
    .replace(/^(\s*)ধ(?=\s*র্থ)/u, '$1৪');
  return { text, repaired: text !== snippet };
}

const FISCAL_YEAR = /(?<![০-৯0-9])(২০[০-৯]{2}|20\d{2})\s*[-–—/]\s*((?:২০|20)?(?:[০-৯]{2}|\d{2}))(?![০-৯0-9])/gu;

const isTable = (l: string): boolean => l.includes('\t');

/** Labels of a line that says when the report was sent ("প্রতিবেদন প্রেরণের তারিখ: …", "Date of submission: …"). */
const SENDING_LABELS = ['প্রতিবেদন প্রেরণের তারিখ', 'প্রেরণের তারিখ', 'দাখিলের তারিখ', 'প্রতিবেদন দাখিলের তারিখ', 'date of submission', 'submission date', 'sent on', 'submitted on'];

function startsWithSendingLabel(line: string): boolean {
  const head = line.trim().slice(0, 40);
  return SENDING_LABELS.some((label) => (/[a-z]/.test(label) ? head.toLowerCase().startsWith(label) : fuzzyIncludes(head, label, 0.8)));
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

/** Fiscal years printed in a text ("২০২২-২০২৩", "২০২৩-২৪"), consecutive years only. */
export function fiscalYearsIn(text: string): { value: string; raw: string; confidence: number }[] {
  const out: { value: string; raw: string; confidence: number }[] = [];
  for (const m of text.matchAll(FISCAL_YEAR)) {
    const a = Number(toAsciiDigits(m[1]!));
    const bRaw = toAsciiDigits(m[2]!);
    const b = bRaw.length === 4 ? Number(bRaw) : Math.floor(a / 100) * 100 + Number(bRaw);
    if (b !== a + 1) continue;
    const parsed = parseFiscalYearValue(m[0]);
    if (parsed) out.push({ value: parsed.value, raw: m[0], confidence: parsed.confidence });
  }
  return out;
}

/** Period phrases in a line, each with the quarter (and fiscal year, when its months say) it names. */
export function periodsIn(line: string): { quarter: Quarter | null; fiscalYear: string | null; raw: string; confidence: number }[] {
  const snippets: string[] = [];
  const ordinals = [...line.matchAll(ORDINAL_QUARTER)].map((m) => m[0]);
  // A table header printed as text ("১ম ত্রৈমাসিক ২য় ত্রৈমাসিক …") names every quarter, not the report's.
  if (ordinals.length <= 1) snippets.push(...ordinals);
  snippets.push(...[...line.matchAll(HALF_YEAR)].map((m) => m[0]));
  if (snippets.length === 0) snippets.push(...[...line.matchAll(MONTH_RANGE)].map((m) => m[0]));
  const out: { quarter: Quarter | null; fiscalYear: string | null; raw: string; confidence: number }[] = [];
  for (const raw of snippets) {
    const { text, repaired } = repairOrdinal(raw.trim());
    const p = parsePeriodValue(text);
    if (p && p.value.quarter !== null) out.push({ quarter: p.value.quarter, fiscalYear: p.value.fiscalYear, raw: raw.trim(), confidence: p.confidence * (repaired ? 0.8 : 1) });
  }
  if (out.length === 0 && ANNUAL.test(line)) out.push({ quarter: 'annual', fiscalYear: null, raw: line.trim(), confidence: 0.7 });
  ANNUAL.lastIndex = 0;
  return out;
}

const ANNEX_OFFICE_LABEL = 'কার্যালয়ের নাম';
const QUARTER_LABELS = ['ত্রৈমাসিকের নাম', 'ত্রৈমাসের নাম'];

/** Splits "…কার্যালয়ের নাম: উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়, ত্রৈমাসিকের নাম : এপ্রিল, ২০২৩ …". */
function splitAnnexHeaderLine(line: string): { office: string | null; quarter: string | null } {
  const k = (s: string): string => comparisonKey(s);
  let office: string | null = null;
  let quarter: string | null = null;
  const qIdx = line.search(/ত্রৈমাস(?:িকের|ের)\s*নাম/u);
  const officePart = qIdx >= 0 ? line.slice(0, qIdx) : line;
  if (k(officePart).includes(k(ANNEX_OFFICE_LABEL)) || fuzzyIncludes(officePart.slice(0, 45), 'আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম', 0.75)) {
    office = afterLabel(officePart, [ANNEX_OFFICE_LABEL]).replace(/[,\s]+$/u, '');
  }
  if (qIdx >= 0) quarter = afterLabel(line.slice(qIdx), QUARTER_LABELS);
  else if (startsWithLabel(line, QUARTER_LABELS)) quarter = afterLabel(line, QUARTER_LABELS);
  return { office, quarter };
}

/**
 * Annex 5 layout from its header words, for when the table stage has no verdict. Single words, because OCR
 * breaks a multi-line header into fragments: D has the merged "কোয়ার্টার ভিত্তিক অর্জন" header (2024-25),
 * C the self-assessment columns "মোট অর্জনের হার" and a score ("অর্জিত স্কোর", "প্রাপ্ত নম্বর") (2023-24), B the "অর্জনের শতাংশ" column or a weight column
 * ("কর্মসম্পাদন সূচকের মান") without a score, A neither (2022-23 quarterly table without weight).
 */
export function annexFormatOf(lines: readonly string[]): { format: string; confidence: number } | null {
  const start = titleZoneEnd(lines);
  // OCR may cut the header into rows before the line that looks like the table's start.
  const header = lines.slice(Math.max(0, start - 6), start + 8).join(' ');
  const has = (w: string, t = 0.85): boolean => fuzzyIncludes(header, w, t);
  if (has('কোয়ার্টার ভিত্তিক', 0.75) || has('ভিত্তিক অর্জন', 0.8)) return { format: 'D', confidence: 0.8 };
  if (has('স্কোর', 0.8) || has('অর্জনের হার', 0.85) || has('প্রাপ্ত নম্বর', 0.85)) return { format: 'C', confidence: 0.75 };
  if (has('শতাংশ', 0.8) || has('সূচকের মান', 0.8)) return { format: 'B', confidence: 0.7 };
  // A is the absence of those columns, so it needs a header to have been read at all.
  if (!has('কর্মসম্পাদন সূচক', 0.8) && !has('কার্যক্রম', 0.85) && !has('লক্ষ্যমাত্রা', 0.8)) return null;
  return { format: 'A', confidence: 0.55 };
}

/** How much a period or year stated on this kind of page says about the submission as a whole. */
function pageWeight(p: MetaPage): number {
  if (p.subtype === 'cover_letter') return 1;
  if (p.section === 'annex5') return 0.95;
  if (p.subtype === 'cover_page') return 0.75;
  if (p.section === 'certificate' || p.section === 'other') return 0.6;
  return 0.4;
}

const subjectLike = (k: string): boolean => k === 'subject';

const HEADER_WORDS = ['কার্যক্রম', 'কর্মসম্পাদন সূচক', 'একক', 'লক্ষ্যমাত্রা', 'ক্র. নং', 'ক্রমিক নং', 'মন্তব্য', 'হালনাগাদের'];

/**
 * Index of the first line of a table (header or row), for pages whose title sits above a table: a TAB row,
 * a row starting with an indicator code or a serial number, or a line with two or more header words.
 */
function titleZoneEnd(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isTable(l) || INDICATOR_CODE.test(l.slice(0, 12)) || /^\s*[০-৯0-9]{1,2}\s*[.।]?\s+\S/u.test(l)) return i;
    if (HEADER_WORDS.filter((w) => fuzzyIncludes(l, w, 0.9)).length >= 2) return i;
  }
  return lines.length;
}

/** Reads one page's evidence. Never throws on odd text; a page with nothing to say yields empty lists. */
export function pageEvidence(p: MetaPage): PageEvidence {
  const ev: PageEvidence = { page: p.page, offices: [], unknownGeocodes: [], fiscalYears: [], quarters: [], submissionDates: [], annexFormats: [] };
  // a page of another kind of document (a circular, a budget table, a FAQ) says nothing about the submission
  if (p.section === 'other' && p.subtype === 'unknown') return ev;
  const layout: PageLayout = layoutPage(p.lines);
  const { lines, kinds } = layout;
  const isLetter = p.section === 'letter';

  // ---- office
  const letterhead = lines.filter((_, i) => kinds[i] === 'letterhead');
  const lh = readOffice(letterhead, 'letterhead', p.page);
  if (lh) ev.offices.push(lh);
  for (const s of layout.signatures) {
    const r = readOffice([s.designation, ...s.placeLines], 'signature', p.page);
    if (r) ev.offices.push(r);
  }
  let bodyMentions = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isTable(l) || !['body', 'title', 'subject'].includes(kinds[i]!)) continue;
    const { office } = splitAnnexHeaderLine(l);
    if (office) {
      const r = readOffice(office, 'annex_office_line', p.page);
      if (r) ev.offices.push(r);
      continue;
    }
    if (p.subtype === 'cover_page') {
      const r = readOffice(l, 'title', p.page);
      if (r) ev.offices.push(r);
      continue;
    }
    // Prose naming the reporting office: "উপজেলা সমবায় কার্যালয়, দেবীগঞ্জ, পঞ্চগড় এর …".
    if (bodyMentions < 2 && hasOfficeWord(l)) {
      const m = l.match(/((?:উপজেলা|জেলা|বিভাগীয়)\s*সমবায়\s*(?:কার্যালয়|অফিস)[^।]*?)\s+এর(?:\s|$)/u);
      if (m?.[1]) {
        const r = readOffice(m[1], 'body', p.page);
        if (r) {
          ev.offices.push(r);
          bodyMentions++;
        }
      }
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== 'memo') continue;
    const raw = memoFromLine(lines[i]!);
    const parts = raw ? parseMemoParts(raw) : null;
    const geo = parts?.value.geocode;
    if (!geo || geo.level === 'none') continue;
    const g = readGeocode({ district: geo.district, upazila: geo.upazila }, p.page);
    if (g.reading) ev.offices.push({ ...g.reading, confidence: round(g.reading.confidence * (parts?.confidence ?? 1)) });
    if (g.unknown) ev.unknownGeocodes.push({ code: g.unknown, page: p.page });
  }

  // ---- fiscal year and quarter
  const weight = pageWeight(p);
  const zoneEnd = (p.section === 'annex5' || p.section === 'other') && p.subtype !== 'cover_page' ? titleZoneEnd(lines) : lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (kinds[i] === 'reference' || kinds[i] === 'copies' || kinds[i] === 'recipient') continue;
    // Below a table's header only table rows (read as text when OCR lost the columns) and signatures follow.
    if (i >= zoneEnd && !isTable(l)) continue;
    if (!subjectLike(kinds[i]!) && INDICATOR_CODE.test(l) && !fuzzyIncludes(l, 'ত্রৈমাসিক', 0.75) && !fuzzyIncludes(l, 'কোয়ার্টার', 0.75)) continue;
    const subject = kinds[i] === 'subject';
    const annexHeader = splitAnnexHeaderLine(l);
    const annexTitle = p.section === 'annex5' && !isTable(l) && (/সংযোজনী/u.test(l) || fuzzyIncludes(l, 'কর্মপরিকল্পনা', 0.8));
    if (isTable(l)) {
      // "বার্ষিক লক্ষ্যমাত্রা ২০২৩-২৪" in an Annex 5 header row.
      if (p.section === 'annex5' && fuzzyIncludes(l, 'লক্ষ্যমাত্রা', 0.8)) {
        for (const fy of fiscalYearsIn(l)) ev.fiscalYears.push({ value: fy.value, page: p.page, confidence: round(0.6 * fy.confidence), source: 'Annex 5 target column header', strong: false });
      }
      continue;
    }
    const source = subject
      ? `${p.subtype === 'cover_letter' ? 'cover letter' : 'letter'} subject`
      : annexHeader.quarter !== null
        ? `${p.section === 'annex5' ? 'Annex 5' : p.subtype.replace(/_/g, ' ')} quarter line (ত্রৈমাসিকের নাম)`
        : annexTitle
          ? 'Annex 5 title'
          : `${p.subtype.replace(/_/g, ' ')} text`;
    const strong = (subject && p.subtype === 'cover_letter') || annexHeader.quarter !== null || annexTitle || p.subtype === 'cover_page';
    const base = subject ? (isLetter && p.subtype === 'cover_letter' ? 1 : 0.6) : annexHeader.quarter !== null || annexTitle ? 0.95 : weight * (isLetter && kinds[i] === 'body' ? 0.8 : 1);
    for (const fy of fiscalYearsIn(l)) ev.fiscalYears.push({ value: fy.value, page: p.page, confidence: round(base * fy.confidence), source, strong });
    const periodText = annexHeader.quarter ?? l;
    for (const q of periodsIn(periodText)) {
      const c = round(base * q.confidence * (annexHeader.quarter !== null ? 1 : 0.95));
      if (q.quarter !== null) ev.quarters.push({ value: q.quarter, page: p.page, confidence: c, source, strong });
      if (q.fiscalYear) ev.fiscalYears.push({ value: q.fiscalYear, page: p.page, confidence: round(c * 0.8), source: `${source}, months`, strong });
    }
  }

  // ---- submission date: the cover letter's date, a "প্রতিবেদন প্রেরণের তারিখ" (sent on) line, or a date written
  // under the sender's signature
  let sendingPage = p.subtype === 'cover_letter' || p.section === 'annex5';
  let letterDated = false;
  if (isLetter) {
    const f = extractLetterFields(p.lines, p.page);
    const sendingSubject = f.subject !== null && /প্রেরণ|অগ্রগতি|প্রতিবেদন|মূল্যায়ন/u.test(f.subject) && !/কমিটি\s*গঠন|সভা\s*আহ্বান/u.test(f.subject);
    // A "cover letter" whose subject forms a committee or calls a meeting is an office order or notice.
    const otherSubject = f.subject !== null && /কমিটি\s*গঠন|সভা\s*আহ্বান|আহ্বান\s*প্রসঙ্গে/u.test(f.subject);
    if (otherSubject) sendingPage = false;
    else if (sendingSubject) sendingPage = true;
    const iso = f.date?.gregorian ?? f.date?.banglaIso ?? null;
    if (iso && (p.subtype === 'cover_letter' || sendingSubject)) {
      letterDated = true;
      const c =
        (p.subtype === 'cover_letter' ? 0.9 : 0.55) *
        (otherSubject ? 0.4 : 1) *
        Math.min(1, (f.date?.confidence ?? 0.5) + 0.1) *
        (f.date?.agree === false ? 0.6 : 1);
      ev.submissionDates.push({ value: iso, page: p.page, confidence: round(c), source: p.subtype === 'cover_letter' ? 'cover letter date' : 'letter date', strong: true, raw: f.date!.raw.join('\n') });
    }
  }
  for (const l of lines) {
    if (isTable(l) || !startsWithSendingLabel(l)) continue;
    const d = findDate(l, 'gregorian') ?? findRepairedDate(l);
    if (d) ev.submissionDates.push({ value: d.value, page: p.page, confidence: round(0.7 * d.confidence), source: 'report sending date line', strong: true, raw: d.raw });
  }
  // The signing date above the sender's name is the day the report left the office, when the letter itself
  // carries no date (a letter's memo-line date, when printed, is the one the office registers).
  if (sendingPage && !letterDated) {
    for (const s of layout.signatures) {
      const d = s.dateLine ? findDate(s.dateLine, 'gregorian') : null;
      if (d) ev.submissionDates.push({ value: d.value, page: p.page, confidence: round(0.5 * d.confidence), source: 'date under the signature', strong: false, raw: d.raw });
    }
  }

  // ---- Annex 5 format
  if (p.section === 'annex5') {
    if (p.annexFormat) ev.annexFormats.push({ value: p.annexFormat, page: p.page, confidence: 0.9, source: 'table stage', strong: true });
    else {
      const f = annexFormatOf(lines);
      if (f) ev.annexFormats.push({ value: f.format, page: p.page, confidence: f.confidence, source: 'Annex 5 header words', strong: true });
    }
  }
  return ev;
}
