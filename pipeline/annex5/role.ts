/**
 * What a table is, from its header text: the Annex 5 indicator table or one of the evidence tables
 * (attendance sheet, decisions of the minutes, committee list, website/menu updates, innovation database).
 */
import type { Table, TableRole } from '../../models/table.js';
import { canonicalText } from '../normalise/index.js';
import { comparisonKey, hasAnyWord } from './fuzzy.js';
import { findIndicatorCodes } from './codes.js';
import { detectHeaderRows, isUnitValueCell } from './header.js';
import { looksLikeCode } from './labels.js';

/** Each role's cue groups; a group counts once when any of its words occurs (OCR variants included). */
const CUES: Record<Exclude<TableRole, 'unknown'>, ReadonlyArray<readonly string[]>> = {
  // ক্র.নং | কার্যক্রম | কর্মসম্পাদন সূচক | একক | … লক্ষ্যমাত্রা | ১ম ত্রৈমাসিক … | মোট অর্জন
  annex5: [
    ['কার্যক্রম'],
    ['সূচক'],
    ['একক'],
    ['লক্ষ্যমাত্রা', 'লক্ষমাত্রা', 'মাত্রা'],
    ['ত্রৈমাসিক', 'কোয়ার্টার', 'কোয়াটার', 'প্রান্তিক'],
    ['অর্জন'],
  ],
  // ক্র. নং | নাম, পদবী ও কর্মস্থল | কমিটিতে পদবী | উপস্থিতির স্বাক্ষর (seeds 000, 004)
  attendance: [['নাম'], ['পদবী', 'পদবি'], ['স্বাক্ষর', 'সাক্ষর'], ['উপস্থিতি', 'উপস্থিত'], ['কর্মস্থল', 'মোবাইল']],
  // ক্র. নং | আলোচনার বিষয় ও আলোচনা | সিদ্ধান্ত | বাস্তবায়নকারী কর্মকর্তা/কর্মচারী (seed 000)
  decisions: [['আলোচ্য', 'আলোচনার', 'আলোচনা'], ['সিদ্ধান্ত'], ['বাস্তবায়নকারী', 'দায়িত্বপ্রাপ্ত'], ['বিষয়']],
  // ক্রমিকনং | কর্মকর্তা/কর্মচারীদের নাম ও পদবী | কমিটিতে পদবী (seed 002)
  committee: [['নাম'], ['পদবী', 'পদবি'], ['কমিটিতে', 'কমিটি'], ['কর্মকর্তা', 'কর্মচারী']],
  // ক্র : নং | মেন্যু/সেবা বক্সের নাম | হালনাগাদের বিষয়বস্তু | সর্বশেষ হালনাগাদের তারিখ | মন্তব্য (seed 002)
  website: [['মেন্যু', 'মেনু'], ['সেবা বক্স', 'বক্সের'], ['হালনাগাদ'], ['বিষয়বস্তু'], ['ওয়েবসাইট', 'বাতায়ন']],
  menu_updates: [['মেন্যু', 'মেনু'], ['সেবা বক্স', 'বক্সের'], ['হালনাগাদ'], ['বিষয়বস্তু'], ['ওয়েবসাইট', 'বাতায়ন']],
  // বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/আইডিয়ার নাম | … | সেবার লিংক (seed 001)
  innovation_db: [
    ['উদ্ভাবনী', 'উদ্ভাবিত', 'উদ্ভাবন', 'সৃজনশীল'],
    ['ধারণা', 'আইডিয়া', 'উদ্যোগ'],
    ['সহজিকৃত', 'সহজিকরণ', 'ডিজিটাইজ'],
    ['সেবা গ্রহীতা', 'লিংক', 'ডাটাবেজ', 'মন্ত্রণালয়', 'সংক্ষিপ্ত বিবরণ'],
  ],
};

export interface RoleResult {
  role: TableRole;
  /** 0–1: share of the role's cue groups found, lowered when a rival role scored close */
  confidence: number;
  evidence: string[];
}

export interface RoleContext {
  /** the page's text (title lines around the table): "ওয়েবসাইট হালনাগাদের সামারী" vs a প্রত্যয়নপত্র */
  pageText?: string;
}

function groupHits(key: string, groups: ReadonlyArray<readonly string[]>): string[] {
  const hits: string[] = [];
  for (const g of groups) if (hasAnyWord(key, g)) hits.push(g[0]!);
  return hits;
}

/** The header text of a table: its header rows (or its first two rows when no header is recognised). */
function headerText(table: Pick<Table, 'grid'>): string {
  const { headerRows } = detectHeaderRows(table.grid);
  const rows = table.grid.slice(0, Math.max(headerRows, Math.min(2, table.grid.length)));
  return rows.map((r) => r.map((c) => canonicalText(c ?? '', { singleLine: true })).join(' ')).join(' ');
}

export function classifyTableRole(table: Pick<Table, 'grid'>, ctx: RoleContext = {}): RoleResult {
  const key = comparisonKey(headerText(table));
  const scored = (Object.keys(CUES) as Array<keyof typeof CUES>).map((role) => {
    const hits = groupHits(key, CUES[role]);
    return { role, hits, share: hits.length / CUES[role].length };
  });

  // Annex 5 data rows carry [১.১.১] codes next to a unit; a header-less continuation is recognised by them.
  const codeRows = table.grid.filter((r) => r.some((c) => looksLikeCode(c ?? ''))).length;
  const annex = scored.find((s) => s.role === 'annex5')!;
  const minimum: Record<Exclude<TableRole, 'unknown'>, number> = {
    annex5: 3,
    attendance: 2,
    decisions: 2,
    committee: 3,
    website: 3,
    menu_updates: 3,
    innovation_db: 2,
  };
  const eligible = scored.filter((s) => s.hits.length >= minimum[s.role]);
  if (eligible.length === 0) {
    // a piece without header (continued from the previous page, or its first page was lost): indicator rows
    // with a code and a unit value (তারিখ / % / সংখ্যা) are Annex 5 rows
    const indicatorRows = table.grid.filter((r) => r.some((c) => findIndicatorCodes(c ?? '').length > 0) && r.some((c) => isUnitValueCell(c ?? ''))).length;
    if (indicatorRows > 0) return { role: 'annex5', confidence: 0.5, evidence: [`${indicatorRows} indicator rows without header`] };
    return { role: 'unknown', confidence: 0, evidence: codeRows ? [`${codeRows} rows with codes`] : [] };
  }

  eligible.sort((a, b) => b.share - a.share || b.hits.length - a.hits.length);
  let best = eligible[0]!;
  const evidence = best.hits.map((h) => `cue:${h}`);

  // attendance and committee share নাম/পদবী: the signature column makes it an attendance sheet
  if (best.role === 'committee' || best.role === 'attendance') {
    const signed = hasAnyWord(key, ['স্বাক্ষর', 'সাক্ষর', 'উপস্থিতির']);
    best = scored.find((s) => s.role === (signed ? 'attendance' : 'committee'))!;
  }
  if (best.role === 'website' || best.role === 'menu_updates') {
    best = scored.find((s) => s.role === websiteOrMenu(table, key, ctx))!;
  }
  if (best.role === annex.role && codeRows > 0) evidence.push(`${codeRows} rows with codes`);

  const runnerUp = eligible.find((s) => s.role !== best.role && !sameFamily(s.role, best.role));
  let confidence = Math.min(1, best.share + (best.role === 'annex5' && codeRows > 0 ? 0.2 : 0));
  if (runnerUp && runnerUp.share >= best.share) confidence *= 0.6;
  return { role: best.role, confidence: Math.round(confidence * 1000) / 1000, evidence };
}

function sameFamily(a: TableRole, b: TableRole): boolean {
  const fam = (r: TableRole) => (r === 'website' || r === 'menu_updates' ? 'w' : r === 'attendance' || r === 'committee' ? 'p' : r);
  return fam(a) === fam(b);
}

/**
 * Both print মেন্যু/সেবা বক্সের নাম | হালনাগাদের বিষয়বস্তু | সর্বশেষ হালনাগাদের তারিখ. The website-update summary
 * is its own page ("ওয়েবসাইট হালনাগাদের সামারী", with মন্তব্য and a numbered row, seed 002); the menu table sits
 * inside the তথ্য বাতায়ন certificate (প্রত্যয়নপত্র, no মন্তব্য, seed 001).
 */
function websiteOrMenu(table: Pick<Table, 'grid'>, headerKey: string, ctx: RoleContext): 'website' | 'menu_updates' {
  if (ctx.pageText) {
    const pk = comparisonKey(ctx.pageText);
    if (hasAnyWord(pk, ['ওয়েবসাইট', 'সামারী', 'সামারি'])) return 'website';
    if (hasAnyWord(pk, ['প্রত্যয়ন', 'প্রত্যয়নপত্র'])) return 'menu_updates';
  }
  if (hasAnyWord(headerKey, ['মন্তব্য'])) return 'website';
  const { numberedRow } = detectHeaderRows(table.grid);
  return numberedRow !== null ? 'website' : 'menu_updates';
}
