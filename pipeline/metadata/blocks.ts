/**
 * Splits a page's OCR lines (top to bottom) into the blocks of a Bangladesh government letter: letterhead,
 * memo number, dates, subject (বিষয়), references (সূত্র), body, recipient (প্রতি/প্রাপক), copies
 * (অনুলিপি/বিতরণ), attention line (দৃষ্টি আকর্ষণ), signature blocks and table rows. Keyword tests are fuzzy
 * (comparison keys), because OCR turns স্মারক নং into স্মারকসং or স্মারকনং- and বিষয় into বিষয়ঃ.
 */
import { distance } from 'fastest-levenshtein';
import { comparisonKey } from './norm.js';

export type BlockKind =
  | 'letterhead'
  | 'memo'
  | 'date'
  | 'title'
  | 'subject'
  | 'reference'
  | 'body'
  | 'recipient'
  | 'attention'
  | 'copies'
  | 'signature'
  | 'table'
  | 'attachment';

export interface Block {
  kind: BlockKind;
  /** line indices [start, end) */
  start: number;
  end: number;
  lines: string[];
}

export interface SignatureBlock {
  /** line indices [start, end) */
  start: number;
  end: number;
  name: string | null;
  designation: string;
  /** the lines after the designation that name the office's place ("আটোয়ারী, পঞ্চগড়।") */
  placeLines: string[];
  /** a date written above the name (the signing date), raw */
  dateLine: string | null;
  lines: string[];
}

export interface PageLayout {
  lines: string[];
  kinds: BlockKind[];
  blocks: Block[];
  signatures: SignatureBlock[];
}

const key = (s: string): string => comparisonKey(s);

/**
 * Does the line start with one of the labels as whole words ("বিষয়ঃ …", "স্মারকনং- …", "স্মারক নং : …")?
 * Words are compared by comparison key; labels of six or more letters may also match fuzzily (OCR's
 * "ব্রৈমাসিকের নাম"), short ones only exactly, so "(সুব্রত কুমার দাস)" is not সূত্র and "সূত্রের" is not either.
 */
export function startsWithLabel(line: string, labels: readonly string[], threshold = 0.75): boolean {
  return labelWords(line, labels, threshold) > 0;
}

/**
 * How many of the line's leading words (split at spaces and at : ঃ , ; - .) make up the label, 0 if none.
 * The text after them is the labelled value.
 */
export function labelWords(line: string, labels: readonly string[], threshold = 0.75): number {
  const words = line
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .split(/[\s:ঃ：,;\-–.]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6)
    .map(key);
  for (const label of labels) {
    const lk = key(label);
    if (!lk) continue;
    const n = label.split(/\s+/).length;
    for (let j = 1; j <= Math.min(words.length, n + 1); j++) {
      const k = words.slice(0, j).join('');
      if (k === lk) return j;
      if (lk.length >= 6 && 1 - distance(k, lk) / Math.max(k.length, lk.length) >= threshold) return j;
    }
  }
  return 0;
}

/** The line's key is (close to) exactly one of the labels: "প্রতি," / "প্রাপক" on a line of their own. */
function isLabelLine(line: string, labels: readonly string[], threshold = 0.75): boolean {
  const k = key(line);
  if (!k) return false;
  return labels.some((l) => {
    const lk = key(l);
    return 1 - distance(k, lk) / Math.max(k.length, lk.length) >= threshold;
  });
}

export const MEMO_LABELS = ['স্মারক নং', 'স্মারক নম্বর', 'স্মারক সং', 'স্মারক'] as const;
export const DATE_LABELS = ['তারিখ'] as const;
export const SUBJECT_LABELS = ['বিষয়'] as const;
export const REFERENCE_LABELS = ['সূত্র'] as const;
const RECIPIENT_LABELS = ['প্রতি', 'প্রাপক', 'বরাবর'] as const;
const COPIES_LABELS = ['অনুলিপি', 'সদয় অবগতির জন্য অনুলিপি', 'বিতরণ', 'সদয় জ্ঞাতার্থে অনুলিপি'] as const;
const ATTENTION_LABELS = ['দৃষ্টি আকর্ষণ'] as const;
const ATTACHMENT_LABELS = ['সংযুক্তি', 'সংযুক্ত'] as const;
const TITLE_LABELS = ['প্রত্যয়নপত্র', 'প্রত্যয়ন পত্র', 'নোটিশ', 'অফিস আদেশ', 'সংযোজনী', 'কার্যবিবরণী', 'সভার কার্যবিবরণী'] as const;

/** Designations that head a signature block, most specific first. */
export const DESIGNATIONS = [
  'সহকারী উপজেলা সমবায় অফিসার',
  'উপজেলা সমবায় অফিসার',
  'উপজেলা সমবায় কর্মকর্তা',
  'জেলা সমবায় অফিসার',
  'বিভাগীয় যুগ্ম-নিবন্ধক',
  'যুগ্ম-নিবন্ধক',
  'অতিরিক্ত নিবন্ধক',
  'নিবন্ধক ও মহাপরিচালক',
  'উপ-সহকারী নিবন্ধক',
  'সহকারী নিবন্ধক',
  'উপ-নিবন্ধক',
  'সহকারী পরিদর্শক',
  'পরিদর্শক',
] as const;

/** The designation a short line starts with, or null. */
export function designationOf(line: string): string | null {
  const words = line.trim().split(/\s+/);
  if (words.length > 8) return null;
  const k = key(line);
  for (const d of DESIGNATIONS) {
    const dk = key(d);
    if (k.startsWith(dk)) return d;
  }
  // OCR noise at the start ("উপউপজেলা সমবায় অফিসার", "পজেলা সমবায় অফিসার"): compare prefixes of nearby lengths.
  for (const d of DESIGNATIONS) {
    const dk = key(d);
    if (dk.length < 6) continue;
    for (let len = dk.length - 2; len <= dk.length + 3; len++) {
      if (len > k.length) break;
      const prefix = k.slice(0, len);
      if (1 - distance(prefix, dk) / Math.max(len, dk.length) >= 0.85) return d;
    }
  }
  return null;
}

const OFFICE_WORDS = ['সমবায় কার্যালয়', 'সমবায় অফিস', 'সমবায় দপ্তর', 'সমবায় অধিদপ্তর'] as const;

export function hasOfficeWord(line: string): boolean {
  const k = key(line);
  return OFFICE_WORDS.some((w) => k.includes(key(w)));
}

const PHONE_EMAIL = /(ফোন|ফ্যাক্স|মোবাইল|ই-?মেইল|e-?mail|phone|fax|☎|@|www\.|https?:|\.gov\.bd)/i;
const DIGITS_ONLY = /^[\s০-৯0-9/.\-–,:()]+$/u;

export function isContactLine(line: string): boolean {
  return PHONE_EMAIL.test(line);
}

/** A line holding only a date or numbers (a signing date such as "২১/০৬/২৩"). */
export function isNumericLine(line: string): boolean {
  return DIGITS_ONLY.test(line.trim()) && /[০-৯0-9]/.test(line);
}

function endsSentence(line: string): boolean {
  return /[।.!?|]\s*$/.test(line.trim());
}

const isTableLine = (l: string): boolean => l.includes('\t');

/** Lines a letterhead is made of: motto, government, ministry, office name, place, postal address, website. */
function isHeadLine(l: string): boolean {
  const t = l.trim();
  if (!t || isTableLine(t) || NUMBERED.test(t) || designationOf(t) || isBanglaCalendarLine(t)) return false;
  if (/[০-৯0-9]{1,2}\s*[/.\-]\s*[০-৯0-9]{1,2}\s*[/.\-]\s*[০-৯0-9]{2,4}/u.test(t)) return false;
  if (startsWithLabel(t, [...COPIES_LABELS, ...RECIPIENT_LABELS, ...MEMO_LABELS, ...DATE_LABELS, ...SUBJECT_LABELS])) return false;
  if (isMotto(t) || /গণপ্রজাতন্ত্রী|সরকার|মন্ত্রণালয়|অধিদপ্তর|সদর দপ্তর/u.test(t)) return t.length <= 80;
  if (/www\.|https?:|\.gov\.bd/iu.test(t)) return true;
  if (hasOfficeWord(t)) return t.length <= 50;
  // A place or postal-address line: short, no sentence.
  return t.length <= 40 && !/[।]\s*\S/u.test(t);
}
const isMotto = (l: string): boolean => /^\s*[“"”‘'*]/.test(l) || /[”"]\s*\**\s*$/.test(l.trim());

const NUMBERED = /^\s*[(（]?[০-৯0-9]{1,2}\s*[.।)）:]/u;

/**
 * Labels every line of a page with the block it belongs to and finds the signature blocks.
 * Total: never throws, and every line gets a kind.
 */
export function layoutPage(rawLines: readonly string[]): PageLayout {
  const lines = rawLines.map((l) => (typeof l === 'string' ? l : '')).filter((l) => l.trim() !== '');
  const n = lines.length;
  const kinds: BlockKind[] = new Array<BlockKind>(n).fill('body');

  // Tables first: their rows are never prose.
  for (let i = 0; i < n; i++) if (isTableLine(lines[i]!)) kinds[i] = 'table';

  // Letterhead: the top lines up to the first memo/date/subject/title line, when they name an office.
  let firstAnchor = n;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (
      kinds[i] === 'table' ||
      startsWithLabel(l, MEMO_LABELS) ||
      startsWithLabel(l, DATE_LABELS) ||
      startsWithLabel(l, SUBJECT_LABELS) ||
      isLabelLine(l, TITLE_LABELS, 0.8) ||
      startsWithLabel(l, ['সংযোজনী', 'আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম']) ||
      l.length > 90
    ) {
      firstAnchor = i;
      break;
    }
  }
  // The letterhead is the run of head-like lines at the very top (motto, government, ministry, office,
  // place, website); a copies list continued from the previous page is not one.
  const headCandidates = Math.min(firstAnchor, 9);
  let last = -1;
  for (let i = 0; i < headCandidates; i++) {
    if (!isHeadLine(lines[i]!)) break;
    last = i;
  }
  if (lines.slice(0, last + 1).some((l) => hasOfficeWord(l) || /গণপ্রজাতন্ত্রী|বাংলাদেশ সরকার/u.test(l))) {
    for (let i = 0; i <= last; i++) kinds[i] = 'letterhead';
  }

  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'body') continue;
    const l = lines[i]!;
    if (startsWithLabel(l, MEMO_LABELS) && /[০-৯0-9]/.test(l)) kinds[i] = 'memo';
    else if (startsWithLabel(l, DATE_LABELS)) kinds[i] = 'date';
    else if (isBanglaCalendarLine(l)) kinds[i] = 'date';
    else if (startsWithLabel(l, SUBJECT_LABELS)) {
      kinds[i] = 'subject';
      i = continueBlock(lines, kinds, i, 'subject', 3);
    } else if (startsWithLabel(l, REFERENCE_LABELS)) {
      kinds[i] = 'reference';
      i = continueBlock(lines, kinds, i, 'reference', 3);
    } else if (startsWithLabel(l, ATTACHMENT_LABELS)) {
      kinds[i] = 'attachment';
    } else if (isLabelLine(l, TITLE_LABELS, 0.8)) kinds[i] = 'title';
    else if (isLabelLine(l, RECIPIENT_LABELS, 0.7) && l.trim().length <= 12) {
      kinds[i] = 'recipient';
      // Recipient: the addressee's lines up to the one that ends with a danda (its place line).
      for (let j = i + 1; j < n && j <= i + 5; j++) {
        if (kinds[j] !== 'body' || isNumericLine(lines[j]!)) break;
        kinds[j] = 'recipient';
        if (endsSentence(lines[j]!) || startsWithLabel(lines[j + 1] ?? '', ATTENTION_LABELS)) break;
      }
    } else if (startsWithLabel(l, ATTENTION_LABELS)) {
      kinds[i] = 'attention';
      markUnlabelledRecipient(lines, kinds, i);
    } else if (startsWithLabel(l, COPIES_LABELS) && l.length < 90) {
      kinds[i] = 'copies';
      i = markCopies(lines, kinds, i);
    }
  }

  const signatures = findSignatures(lines, kinds);
  for (const s of signatures) for (let i = s.start; i < s.end; i++) if (kinds[i] === 'body' || kinds[i] === 'date') kinds[i] = 'signature';

  const blocks: Block[] = [];
  for (let i = 0; i < n; i++) {
    const last = blocks[blocks.length - 1];
    if (last && last.kind === kinds[i] && last.end === i) {
      last.end = i + 1;
      last.lines.push(lines[i]!);
    } else blocks.push({ kind: kinds[i]!, start: i, end: i + 1, lines: [lines[i]!] });
  }
  return { lines, kinds, blocks, signatures };
}

const BANGLA_MONTHS = ['বৈশাখ', 'জ্যৈষ্ঠ', 'আষাঢ়', 'শ্রাবণ', 'ভাদ্র', 'আশ্বিন', 'কার্তিক', 'অগ্রহায়ণ', 'পৌষ', 'মাঘ', 'ফাল্গুন', 'চৈত্র'];

/** "৩০ পৌষ ১৪৩০ বঙ্গাব্দ": the Bangla-calendar date line printed above the Gregorian one. */
function isBanglaCalendarLine(line: string): boolean {
  if (line.length > 40) return false;
  const k = key(line);
  return k.includes(key('বঙ্গাব্দ')) || (/[০-৯]{4}/.test(line) && BANGLA_MONTHS.some((m) => k.includes(key(m))));
}

/** A subject or reference runs on until a line ends its sentence or the next labelled line starts. */
function continueBlock(lines: string[], kinds: BlockKind[], i: number, kind: BlockKind, max: number): number {
  let j = i;
  while (j + 1 < lines.length && j - i < max && kinds[j + 1] === 'body') {
    const cur = lines[j]!;
    const next = lines[j + 1]!;
    if (endsSentence(cur) && !/তারিখ\s*[:ঃ]?\s*$/.test(cur)) break;
    if (startsWithLabel(next, [...REFERENCE_LABELS, ...SUBJECT_LABELS, ...MEMO_LABELS, 'উপর্যুক্ত', 'উপরোক্ত', 'উপর্যুক্ত বিষয়'])) break;
    kinds[j + 1] = kind;
    j++;
  }
  return j;
}

/** Seed 003 puts the addressee above "দৃষ্টি আকর্ষণ" without প্রতি: take the lines above, up to its office line. */
function markUnlabelledRecipient(lines: string[], kinds: BlockKind[], attention: number): void {
  if (attention > 0 && kinds[attention - 1] === 'recipient') return;
  for (let j = attention - 1; j >= 0 && j >= attention - 4; j--) {
    if (kinds[j] !== 'body') break;
    const l = lines[j]!;
    if (isContactLine(l) || isNumericLine(l)) break;
    kinds[j] = 'recipient';
    if (hasOfficeWord(l) || designationOf(l)) break;
  }
}

/** A copies list: numbered items and their wrapped continuation lines. */
function markCopies(lines: string[], kinds: BlockKind[], i: number): number {
  let j = i;
  let inItem = false;
  while (j + 1 < lines.length && kinds[j + 1] === 'body') {
    const next = lines[j + 1]!;
    if (NUMBERED.test(next)) inItem = true;
    else if (!inItem || endsSentence(lines[j]!) || designationOf(next)) break;
    kinds[j + 1] = 'copies';
    j++;
  }
  return j;
}

function isNameLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 45 || isNumericLine(t) || isContactLine(t)) return false;
  if (designationOf(t) || hasOfficeWord(t)) return false;
  if (/স্বাক্ষর/.test(t) && !/[-/]\s*\S/.test(t)) return false;
  return t.split(/\s+/).length <= 6;
}

/** Strips "(…)", "স্বাক্ষর/-" and honorifics' punctuation around a signatory's name. */
function cleanName(line: string): string {
  return line
    .replace(/^\s*\*?\(?\s*(স্বাক্ষর\s*\/?-?)?\s*/u, '')
    .replace(/\s*\)?\s*,?\s*\*?\s*$/u, '')
    .trim();
}

/**
 * Signature blocks: a designation line outside recipient/copies/tables, with the signatory's name above it
 * (and maybe a signing date above that) and the office's place, phone and e-mail lines below.
 */
function findSignatures(lines: string[], kinds: BlockKind[]): SignatureBlock[] {
  const out: SignatureBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== 'body' && kinds[i] !== 'date') continue;
    const designation = designationOf(lines[i]!);
    if (!designation) continue;
    let start = i;
    let name: string | null = null;
    let dateLine: string | null = null;
    const prev = i > 0 && kinds[i - 1] === 'body' ? lines[i - 1]! : null;
    if (prev && isNameLine(prev)) {
      name = cleanName(prev) || null;
      start = i - 1;
      const prev2 = i > 1 && (kinds[i - 2] === 'body' || kinds[i - 2] === 'date') ? lines[i - 2]! : null;
      if (prev2 && isNumericLine(prev2)) {
        dateLine = prev2.trim();
        start = i - 2;
      }
    } else if (prev && isNumericLine(prev)) {
      dateLine = prev.trim();
      start = i - 1;
    }
    // A name printed on the designation line itself: "মো: ফারুক হোসেন, উপজেলা সমবায় অফিসার" is prose, skip it.
    const placeLines: string[] = [];
    const rest = lines[i]!.slice(lines[i]!.indexOf(',') + 1);
    if (lines[i]!.includes(',') && rest.trim()) placeLines.push(rest.trim());
    let end = i + 1;
    let seenContact = false;
    while (end < lines.length && end <= i + 6 && (kinds[end] === 'body' || kinds[end] === 'date')) {
      const l = lines[end]!;
      // Phone and e-mail close a signature block; what follows belongs to something else.
      if (seenContact && !isContactLine(l) && !isNumericLine(l)) break;
      if (/গণপ্রজাতন্ত্রী/u.test(l)) break;
      if (isContactLine(l)) seenContact = true;
      if (designationOf(l) && placeLines.length > 0) break;
      if (l.length > 60 && !isContactLine(l)) break;
      if (startsWithLabel(l, [...MEMO_LABELS, ...SUBJECT_LABELS, ...RECIPIENT_LABELS, ...COPIES_LABELS])) break;
      if (!isContactLine(l) && !isNumericLine(l) && !/^\s*ও\s*$/.test(l) && placeLines.length < 2 && !/কমিটি|আহ্বায়ক|আহবায়ক/.test(l))
        placeLines.push(l.trim());
      end++;
    }
    out.push({ start, end, name, designation, placeLines, dateLine, lines: lines.slice(start, end) });
    i = end - 1;
  }
  return out;
}
