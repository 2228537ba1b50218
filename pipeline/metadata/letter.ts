/**
 * Fields of a letter page (cover letter, notice, office order): memo number and its parts, the letter's
 * date(s) in both calendars, subject (বিষয়), references (সূত্র), sender (signature block) and recipient
 * (প্রতি/প্রাপক). Input: the page's OCR lines, top to bottom, as noisy as OCR makes them.
 */
import type { MemoNumberParts } from '../../models/value.js';
import { layoutPage, designationOf, labelWords, DATE_LABELS, SUBJECT_LABELS, REFERENCE_LABELS, type PageLayout, type SignatureBlock } from './blocks.js';
import { findDate, parseLetterDatesValue, parseMemoParts, type LetterDates } from './norm.js';
import { findOffice, readOffice, type OfficeFinding, type OfficeReading } from './office.js';

export interface MemoNumber {
  /** as printed after the label, e.g. "৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১" */
  raw: string;
  parts: MemoNumberParts | null;
  confidence: number;
  line: number;
}

export interface LetterDate extends LetterDates {
  /** the printed date lines */
  raw: string[];
}

export interface Reference {
  raw: string;
  /** the memo number the reference cites, as printed */
  memo: string | null;
  /** ISO date of the cited letter */
  date: string | null;
}

export interface Signatory {
  name: string | null;
  designation: string;
  /** the office read from the designation and the place lines below it */
  office: OfficeReading | null;
  /** ISO date written at the signature, if any */
  signedOn: string | null;
  lines: string[];
}

export interface Recipient {
  designation: string | null;
  office: OfficeReading | null;
  lines: string[];
}

export interface LetterFields {
  memo: MemoNumber | null;
  date: LetterDate | null;
  subject: string | null;
  references: Reference[];
  sender: Signatory | null;
  recipient: Recipient | null;
  /** the letterhead lines (government, office, place, website) */
  letterhead: string[];
  /** the issuing office from letterhead, signature and memo geocode together */
  office: OfficeFinding;
  /** copy recipients (অনুলিপি), one per item */
  copies: string[];
}

/** Text after a label and its separator: "বিষয়ঃ ২০২২-২০২৩ …" → "২০২২-২০২৩ …", "স্মারকনং- ৪৭…" → "৪৭…". */
export function afterLabel(line: string, labels: readonly string[]): string {
  const n = labelWords(line, labels);
  if (n > 0) {
    // Skip the label's words and the separators between and after them, as printed.
    const re = new RegExp(`^[^\\p{L}\\p{N}]*(?:[^\\s:ঃ：,;\\-–.]+[\\s:ঃ：,;\\-–.]+){${n}}`, 'u');
    const m = line.trim().match(re);
    if (m) return line.trim().slice(m[0].length).trim();
  }
  const sep = line.search(/[:ঃ：]/u);
  if (sep >= 0 && sep <= 20) return line.slice(sep + 1).trim();
  return line.trim();
}

/** The memo number on a memo line: from its first digit, cut before a তারিখ printed on the same line. */
export function memoFromLine(line: string): string | null {
  const cut = line.search(/তারিখ/u);
  const text = cut > 0 ? line.slice(0, cut) : line;
  const first = text.search(/[০-৯0-9]/u);
  if (first < 0) return null;
  const raw = text
    .slice(first)
    .replace(/[\s,;।|]+$/u, '')
    .trim();
  return raw || null;
}

function readMemo(layout: PageLayout): MemoNumber | null {
  const i = layout.kinds.indexOf('memo');
  if (i < 0) return null;
  const raw = memoFromLine(layout.lines[i]!);
  if (!raw) return null;
  const parsed = parseMemoParts(raw);
  return { raw, parts: parsed?.value ?? null, confidence: parsed?.confidence ?? 0.3, line: i };
}

/** The date lines near the memo line (above the subject): "৩০ পৌষ ১৪৩০ বঙ্গাব্দ" + "তারিখ: ১৪ জানুয়ারি ২০২৪". */
function readDate(layout: PageLayout): LetterDate | null {
  const subject = layout.kinds.indexOf('subject');
  const limit = subject >= 0 ? subject : Math.min(layout.lines.length, 15);
  const raw: string[] = [];
  for (let i = 0; i < limit; i++) {
    if (layout.kinds[i] !== 'date') continue;
    raw.push(layout.lines[i]!);
    // "তারিখ:" alone, the date on the next line (seed 004).
    if (!/[০-৯0-9]/u.test(layout.lines[i]!) && i + 1 < layout.lines.length) raw.push(layout.lines[i + 1]!);
  }
  // A memo line that also carries the date: "স্মারক নং: … তারিখ: ০৯/০৭/২০২৩".
  const memoLine = layout.kinds.indexOf('memo');
  if (raw.length === 0 && memoLine >= 0 && /তারিখ/u.test(layout.lines[memoLine]!)) {
    raw.push(layout.lines[memoLine]!.slice(layout.lines[memoLine]!.search(/তারিখ/u)));
  }
  if (raw.length === 0) return null;
  let dates: LetterDates;
  try {
    dates = parseLetterDatesValue(raw.map((l) => afterLabel(l, DATE_LABELS)));
  } catch {
    dates = { gregorian: null, bangla: null, banglaIso: null, agree: null, confidence: 0, flags: ['unparsed'] };
  }
  if (!dates.gregorian) {
    // OCR debris the letter-date parser refuses ("৪-২৬/০৬/২০২৩ খ্রি.।"): look for a date-shaped stretch.
    for (const l of raw) {
      const d = findDate(afterLabel(l, DATE_LABELS));
      if (d && !/বঙ্গাব্দ/u.test(l)) {
        dates = { ...dates, gregorian: d.value, confidence: Math.min(d.confidence, 0.8), flags: [...dates.flags, ...d.flags] };
        break;
      }
    }
  }
  return { ...dates, raw };
}

function joinBlock(layout: PageLayout, kind: 'subject' | 'reference', labels: readonly string[]): string | null {
  const start = layout.kinds.indexOf(kind);
  if (start < 0) return null;
  const parts: string[] = [];
  for (let i = start; i < layout.lines.length && layout.kinds[i] === kind; i++) parts.push(i === start ? afterLabel(layout.lines[i]!, labels) : layout.lines[i]!.trim());
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text || null;
}

/**
 * OCR sometimes loses or garbles the বিষয় label (seed 000 prints it as "সিদ্ধান্ত"): the line right below the
 * memo/date lines that ends like a subject ("… প্রসঙ্গে।", "… সংক্রান্ত।") is the subject then.
 */
function unlabelledSubject(layout: PageLayout): string | null {
  const isHeaderLine = (i: number): boolean => layout.kinds[i] === 'memo' || layout.kinds[i] === 'date';
  let last = layout.kinds.findIndex((_, i) => isHeaderLine(i));
  if (last < 0 || last > 20) return null;
  while (last + 1 < layout.lines.length && isHeaderLine(last + 1)) last++;
  for (let i = last + 1; i < Math.min(layout.lines.length, last + 4); i++) {
    if (layout.kinds[i] !== 'body' && layout.kinds[i] !== 'title') continue;
    const l = layout.lines[i]!.trim();
    if (/(প্রসঙ্গে|প্রসংগে|সংক্রান্ত|প্রেরণ)\s*[।.|]?$/u.test(l) && l.length < 200) return l;
  }
  return null;
}

/** "যুগ্ম- নিবন্ধক, … এর স্মারক নং-৬৫০, তারিখ: ২১/০৯/২০২১খ্রি:" → memo "৬৫০", date 2021-09-21; one per item. */
export function parseReferences(text: string | null): Reference[] {
  if (!text) return [];
  const items = text
    .split(/;|(?:^|\s)[(（]?[০-৯0-9]{1,2}[)）।]\s/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
  return items.map((raw) => {
    const m = raw.match(/স্মারক\s*(?:নং|নম্বর|সং)?\s*[:ঃ.\-–]?\s*([০-৯0-9][০-৯0-9.\-–/ ]*[০-৯0-9])/u);
    const d = findDate(raw.slice(m ? (m.index ?? 0) + m[0].length : 0));
    return { raw, memo: m?.[1]?.trim() ?? null, date: d?.value ?? null };
  });
}

export function signatory(s: SignatureBlock): Signatory {
  const office = readOffice([s.designation, ...s.placeLines], 'signature');
  const signed = s.dateLine ? findDate(s.dateLine) : null;
  return { name: s.name, designation: s.designation, office, signedOn: signed?.value ?? null, lines: s.lines };
}

/** The sender's signature: the first signature block after the subject (or the first on the page). */
function senderBlock(layout: PageLayout): SignatureBlock | null {
  const subject = layout.kinds.indexOf('subject');
  return layout.signatures.find((s) => s.start > subject) ?? layout.signatures[0] ?? null;
}

function readRecipient(layout: PageLayout): Recipient | null {
  const start = layout.kinds.indexOf('recipient');
  if (start < 0) return null;
  const lines: string[] = [];
  for (let i = start; i < layout.lines.length && layout.kinds[i] === 'recipient'; i++) lines.push(layout.lines[i]!);
  // Drop the "প্রতি"/"প্রাপক" label line itself.
  const body = lines.filter((l, i) => !(i === 0 && l.trim().length <= 12 && !designationOf(l)));
  const designation = body.map((l) => designationOf(l)).find((d) => d) ?? body[0]?.replace(/[,।]\s*$/u, '').trim() ?? null;
  return { designation, office: readOffice(body, 'signature'), lines };
}

function readCopies(layout: PageLayout): string[] {
  const out: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < layout.lines.length; i++) {
    if (layout.kinds[i] !== 'copies') continue;
    const l = layout.lines[i]!.trim();
    if (/^[(（]?[০-৯0-9]{1,2}\s*[.।)）:]/u.test(l)) {
      if (current) out.push(current);
      current = l.replace(/^[(（]?[০-৯0-9]{1,2}\s*[.।)）:]\s*/u, '');
    } else if (current) current += ' ' + l;
  }
  if (current) out.push(current);
  return out;
}

/** All letter fields of one page; missing fields are null (never guessed). */
export function extractLetterFields(lines: readonly string[], page: number | null = null): LetterFields {
  const layout = layoutPage(lines);
  const memo = readMemo(layout);
  const sig = senderBlock(layout);
  const letterhead = layout.lines.filter((_, i) => layout.kinds[i] === 'letterhead');
  const office = findOffice({
    letterhead,
    signature: sig ? [sig.designation, ...sig.placeLines] : null,
    memoGeocode: memo?.parts?.geocode ?? null,
    page,
  });
  return {
    memo,
    date: readDate(layout),
    subject: joinBlock(layout, 'subject', SUBJECT_LABELS) ?? unlabelledSubject(layout),
    references: parseReferences(joinBlock(layout, 'reference', REFERENCE_LABELS)),
    sender: sig ? signatory(sig) : null,
    recipient: readRecipient(layout),
    letterhead,
    office,
    copies: readCopies(layout),
  };
}

