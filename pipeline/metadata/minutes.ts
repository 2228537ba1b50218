/**
 * Fields of meeting minutes (সভার কার্যবিবরণী) and attendance sheets: meeting date, chair (সভাপতি),
 * number of attendees, decisions (সিদ্ধান্ত). Input: OCR lines of the minutes document, top to bottom;
 * table rows arrive as cells joined by TAB.
 */
import { layoutPage, startsWithLabel } from './blocks.js';
import { afterLabel } from './letter.js';
import { comparisonKey, findDate, similarity } from './norm.js';

export interface Chair {
  name: string;
  designation: string | null;
}

export interface MinutesFields {
  /** ISO date of the meeting */
  meetingDate: string | null;
  meetingDateRaw: string | null;
  chair: Chair | null;
  /** rows of the attendance table; null when no attendance table was read */
  attendees: number | null;
  decisions: string[];
}

const SERIAL_CELL = /^\s*[(（]?[০-৯0-9]{1,2}\s*[.।)）]?\s*$/u;

function cells(line: string): string[] {
  return line.split('\t').map((c) => c.trim());
}

/** Which column of a table header holds `label` (fuzzy), or -1. */
function columnOf(header: string[], label: string): number {
  const lk = comparisonKey(label);
  return header.findIndex((c) => comparisonKey(c).includes(lk));
}

function meetingDate(lines: string[]): { iso: string | null; raw: string | null } {
  const labelled = lines.find((l) => startsWithLabel(l, ['সভার তারিখ'])) ?? lines.find((l) => startsWithLabel(l, ['তারিখ']));
  if (!labelled) return { iso: null, raw: null };
  const d = findDate(afterLabel(labelled, ['সভার তারিখ', 'তারিখ']));
  return { iso: d?.value ?? null, raw: labelled.trim() };
}

/** "নির্মল চন্দ্র বর্মন, উপজেলা সমবায় অফিসার" → name + designation. */
function splitNameDesignation(text: string): Chair | null {
  const t = text.replace(/^\s*(জনাব|জনাবা)\s+/u, '').replace(/[।.]\s*$/u, '').trim();
  if (!t) return null;
  const comma = t.indexOf(',');
  if (comma < 0) return { name: t, designation: null };
  return { name: t.slice(0, comma).trim(), designation: t.slice(comma + 1).trim() || null };
}

function readChair(lines: string[]): Chair | null {
  // "সভাপতি: নির্মল চন্দ্র বর্মন, উপজেলা সমবায় অফিসার" or the convener line "আহবায়ক : কবির আহমদ".
  const labelled = lines.find((l) => startsWithLabel(l, ['সভাপতি', 'আহ্বায়ক', 'আহবায়ক']) && /[:ঃ]/u.test(l.slice(0, 14)));
  if (labelled) {
    const c = splitNameDesignation(afterLabel(labelled, ['সভাপতি', 'আহ্বায়ক']));
    if (c) return c;
  }
  // Prose: "নির্মল চন্দ্র বর্মন, উপজেলা সমবায় অফিসার ও আহ্বায়ক, … অদ্যকার সভায় সভাপতিত্ব করেন।"
  const text = lines.filter((l) => !l.includes('\t')).join(' ');
  const m = text.match(/(?:^|[।:]\s*)(?:জনাব\s+)?([^,।]{3,40}),\s*([^,।]{3,60})[^।]*?সভাপতিত্ব/u);
  if (m?.[1]) {
    const name = m[1]
      .replace(/^[^\p{L}]+/u, '')
      .replace(/^.*?জনাবা?\s+/u, '')
      .trim();
    const designation = m[2]?.replace(/\s+ও\s+আহ্?বায়ক.*$/u, '').trim() || null;
    if (name) return { name, designation };
  }
  return null;
}

/** Rows of the table whose header has `label` in some column; each row split into cells. */
function tableRows(lines: string[], headerLabel: string): { header: string[]; rows: string[][] } | null {
  const h = lines.findIndex((l) => l.includes('\t') && columnOf(cells(l), headerLabel) >= 0);
  if (h < 0) return null;
  const header = cells(lines[h]!);
  const rows: string[][] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.includes('\t')) {
      if (rows.length) break;
      continue;
    }
    const c = cells(l);
    // A repeated header on a continuation page, or the numbered column row ("১ ২ ৩ …"): not data.
    if (similarity(c.join(' '), header.join(' ')) >= 0.8) continue;
    if (c.every((x) => SERIAL_CELL.test(x) || x === '')) continue;
    rows.push(c);
  }
  return { header, rows };
}

const DECIDED = /সিদ্ধান্ত\s*(?:সমূহ)?\s*গৃহীত\s*হয়/u;

/**
 * Decisions written as numbered paragraphs ("(১) … সর্বসম্মত সিদ্ধান্ত গৃহীত হয়।", 003_f13950d16016f2f9.txt):
 * one decision per paragraph, its deciding sentences joined; without numbering, one per deciding sentence.
 */
function proseDecisions(lines: string[]): string[] {
  const items: string[] = [];
  for (const l of lines) {
    if (l.includes('\t')) continue;
    if (/^\s*[-–•*]?\s*[(（][০-৯0-9]{1,2}[)）]/u.test(l)) items.push(l.trim());
    else if (items.length && !/^\s*[-–•*]\s/u.test(l)) items[items.length - 1] += ' ' + l.trim();
  }
  const sentences = (t: string): string[] =>
    t
      .split('।')
      .map((x) => x.replace(/^\s*[-–•*]?\s*[(（][০-৯0-9]{1,2}[)）]\s*/u, '').trim())
      .filter((x) => x.length > 0);
  const deciding = (t: string): string[] => sentences(t).filter((x) => DECIDED.test(x) && !/নিম্নলিখিত|নিম্ন-লিখিত/u.test(x));
  // A paragraph without "সিদ্ধান্ত গৃহীত হয়" ends with what was decided ("… অনুমোদন করা হয়।").
  if (items.length) return items.map((t) => (deciding(t).length ? deciding(t) : sentences(t).slice(-1)).map((x) => x + '।').join(' ')).filter((d) => d.length > 1);
  return deciding(lines.filter((l) => !l.includes('\t')).join(' ')).map((x) => x + '।');
}

export function extractMinutesFields(rawLines: readonly string[]): MinutesFields {
  const lines = layoutPage(rawLines).lines;
  const date = meetingDate(lines);
  const attendance = tableRows(lines, 'উপস্থিতির স্বাক্ষর') ?? tableRows(lines, 'স্বাক্ষর');
  const attendees = attendance ? attendance.rows.filter((r) => SERIAL_CELL.test(r[0] ?? '')).length || null : null;
  const decisionTable = tableRows(lines, 'সিদ্ধান্ত');
  let decisions: string[] = [];
  if (decisionTable) {
    const col = columnOf(decisionTable.header, 'সিদ্ধান্ত');
    decisions = decisionTable.rows.map((r) => (r.length === decisionTable.header.length ? r[col] : r[col] ?? r[r.length - 2]) ?? '').filter((d) => d.length > 0);
  } else {
    decisions = proseDecisions(lines);
  }
  return { meetingDate: date.iso, meetingDateRaw: date.raw, chair: readChair(lines), attendees, decisions };
}
