/**
 * Government memo (স্মারক) numbers: ৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬ is ministry/division 47 . department 61
 * (সমবায় অধিদপ্তর) . BBS geocode 7704 (district 77 পঞ্চগড়, upazila 04 আটোয়ারী; 0000 for a divisional office,
 * dd00 for a district office) . office/branch 000 . subject 05 . file 003 . year 22 - serial 156.
 * Parsing anchors on the four-digit geocode, so a scan that mangles the head ("৪৮৭.৬১.…", "৩১.৭৭০৪.…")
 * still yields the geocode, file, year and serial, with the damage flagged.
 */
import type { MemoNumberParts, NormResult } from '../../models/value.js';
import { digitsToAscii } from './ocrRepair.js';
import { Trace, UNPARSED_CONFIDENCE, rawString } from './result.js';
import { canonicalText } from './text.js';

export type MemoResult = NormResult<string | null> & { parts: MemoNumberParts | null };

/** Ministry code each department code belongs to; used to undo an OCR-inserted digit in the ministry code. */
const KNOWN_MINISTRY_OF_DEPARTMENT: Record<string, string> = { '61': '47' };

const RUN_RE = /\d+(?:\s*[.\-]\s*\d+)*/g;

/** Parse a memo number, with or without its "স্মারক নং :" label. */
export function parseMemoNumber(raw: unknown): MemoResult {
  const r = rawString(raw);
  const s = canonicalText(r, { singleLine: true });
  const trace = new Trace();
  const fail = (t: Trace, text: string): MemoResult => ({ ...t.note('unparsed').capConfidence(UNPARSED_CONFIDENCE).result(r, text, 'text'), parts: null });
  if (s === '') return { ...trace.note('empty').result(r, null, 'blank'), parts: null };
  const text = s.length > 2000 ? s.slice(0, 2000) : s;
  const ascii = digitsToAscii(text, { repair: true }, trace);

  let best: string[] | null = null;
  for (const m of ascii.matchAll(RUN_RE)) {
    const groups = m[0].split(/\s*[.\-]\s*/);
    if (!best || groups.length > best.length) best = groups;
  }
  if (!best) return fail(trace, text);
  const groups = best;

  const parts: MemoNumberParts = {
    ministry: null,
    department: null,
    ministryCode: null,
    geocode: null,
    office: null,
    subject: null,
    file: null,
    fileCode: null,
    year: null,
    serial: null,
  };
  if (groups.length === 1) {
    parts.serial = Number(groups[0]);
    trace.note('memo-partial');
    return { ...trace.result(r, groups[0]!, 'memo'), parts };
  }

  const geoIndex = groups.findIndex((g) => g.length === 4);
  const head = geoIndex >= 0 ? groups.slice(0, geoIndex) : [];
  const tail = geoIndex >= 0 ? groups.slice(geoIndex + 1) : groups;
  if (geoIndex >= 0) {
    const code = groups[geoIndex]!;
    const district = code.slice(0, 2);
    const upazila = code.slice(2);
    parts.geocode = { code, district, upazila, level: district === '00' ? 'none' : upazila === '00' ? 'district' : 'upazila' };
  } else trace.note('memo-partial');

  readHead(head, parts, trace);
  readTail(tail, parts, trace);
  if (parts.subject && parts.file) parts.fileCode = `${parts.subject}.${parts.file}`;

  const value = [parts.ministry, parts.department, parts.geocode?.code, parts.office, parts.subject, parts.file]
    .filter((p): p is string => p !== null)
    .concat(parts.year !== null ? [String(parts.year % 100).padStart(2, '0')] : [])
    .join('.');
  const full = parts.serial !== null ? `${value}-${parts.serial}` : value;
  return { ...trace.result(r, full, 'memo'), parts };
}

function readHead(head: string[], parts: MemoNumberParts, trace: Trace): void {
  if (head.length < 2) {
    if (parts.geocode) trace.note('memo-partial');
    return;
  }
  if (head.length > 2) trace.note('memo-partial');
  let ministry = head[head.length - 2]!;
  const department = head[head.length - 1]!;
  const known = KNOWN_MINISTRY_OF_DEPARTMENT[department];
  if (known && ministry !== known && ministry.length === known.length + 1) {
    for (let i = 0; i < ministry.length; i++) {
      if (ministry.slice(0, i) + ministry.slice(i + 1) === known) {
        ministry = known;
        trace.note('memo-repaired-ministry');
        break;
      }
    }
  }
  if (ministry.length !== 2 || department.length !== 2) trace.note('memo-unexpected-length');
  parts.ministry = ministry;
  parts.department = department;
  parts.ministryCode = `${ministry}.${department}`;
}

/** office(3) . subject(2) . file(3) . year(2) - serial; filled from the right when groups are missing. */
function readTail(tail: string[], parts: MemoNumberParts, trace: Trace): void {
  const rest = [...tail];
  const serial = rest.pop();
  if (serial !== undefined) parts.serial = Number(serial);
  const year = rest.length > 0 && (rest[rest.length - 1]!.length === 2 || rest[rest.length - 1]!.length === 4) ? rest.pop() : undefined;
  if (year !== undefined) {
    const y = year.length === 2 ? 2000 + Number(year) : Number(year);
    if (y >= 1971 && y <= 2100) parts.year = y;
    else trace.note('memo-bad-year');
  }
  if (rest.length === 3) {
    [parts.office, parts.subject, parts.file] = rest as [string, string, string];
    return;
  }
  trace.note('memo-partial');
  // Fewer groups than expected: keep each where its length says it belongs.
  for (const g of rest) {
    if (g.length === 2 && parts.subject === null) parts.subject = g;
    else if (g.length === 3 && parts.office === null && parts.subject === null) parts.office = g;
    else if (g.length === 3 && parts.file === null) parts.file = g;
  }
}
