/**
 * The kinds of page a submission is made of, written in the seeds' vocabulary: cover letter, notice, office
 * order, Annex 5, certificate (প্রত্যয়নপত্র), attendance sheet, minutes (কার্যবিবরণী), website-update and
 * innovation-database tables, and a cover page. Each builder returns the page(s) as layout models.
 */
import { addDays, bn, fyLabel, isoDate, longDate, numericDate, ORDINALS, quarterPeriod, quarterRange, banglaCalendarLine, weekday, type DateStyle, type Ymd } from './bangla.js';
import { annexTable, type AnnexData, type Quarter } from './annex.js';
import type { FiscalYear } from './catalogue.js';
import type { FontId } from './fonts.js';
import type { Block, CellSpec, Orientation, PageSpec, ParaBlock, Section, SignBlock, Subtype, TableSpec, TextStyle } from './model.js';
import { email, headDesignation, memoGeocode, officeKind, officeName, officePlace, website, type Office } from './offices.js';
import { paginate, type FlowItem } from './paginate.js';
import type { Person } from './people.js';
import type { Rng } from './prng.js';

/** Everything a page needs to know about the submission it belongs to. */
export interface Doc {
  rng: Rng;
  office: Office;
  fy: FiscalYear;
  quarter: Quarter;
  staff: Person[];
  font: FontId;
  dpi: number;
  dateStyle: DateStyle;
  /** "খ্রি:" and its variants after a date */
  dateSuffix: string;
  phone: string;
  webVariant: number;
  /** first part of every memo number of the office: ৪৭.৬১.DDUU.০০০.০৫.০০৩.YY */
  memoPrefix: string;
  /** cover letter / report date */
  submissionDate: Ymd;
  /** date of the committee meeting the minutes record */
  meetingDate: Ymd;
  annex: AnnexData;
  /** the committee meeting of the quarter: its topic and time, shared by notice, attendance and minutes */
  meetingTopic: string;
  meetingTime: string;
}

const BODY: TextStyle = { size: 11.5 };
const HEAD: TextStyle = { size: 12.5, bold: true, align: 'center' };
const CENTER: TextStyle = { size: 11.5, align: 'center' };
const NUM_WORDS = ['শূন্য', 'এক', 'দুই', 'তিন', 'চার', 'পাঁচ', 'ছয়', 'সাত', 'আট', 'নয়', 'দশ'];

const para = (text: string, style: TextStyle = BODY, extra: Partial<ParaBlock> = {}): ParaBlock => ({ kind: 'para', text: text.normalize('NFC'), style, ...extra });

export function fyText(doc: Doc): string {
  return fyLabel(doc.fy, true);
}
function quarterOrdinal(q: Quarter): string {
  return q === 'H1' ? 'অর্ধবার্ষিক' : `${ORDINALS[q - 1]} ত্রৈমাসিক`;
}
function period(doc: Doc, style: 'slash' | 'range' | 'hote'): string {
  if (doc.quarter === 'H1') {
    const a = quarterRange(doc.fy, 1).from;
    const b = quarterRange(doc.fy, 2).to;
    return style === 'slash' ? `জুলাই/${bn(a.y % 100)}-ডিসেম্বর/${bn(b.y % 100)}` : `জুলাই-ডিসেম্বর, ${bn(b.y)}`;
  }
  return quarterPeriod(doc.fy, doc.quarter, style);
}
export function dateText(doc: Doc, d: Ymd): string {
  return numericDate(d, doc.dateStyle) + doc.dateSuffix;
}
function memo(doc: Doc, n: number): string {
  return `${doc.memoPrefix}-${bn(n)}`;
}
function head(doc: Doc): Person {
  return doc.staff[0]!;
}

/** Slogan of the time the letter was written. */
function slogan(d: Ymd): string {
  return d.y < 2024 || (d.y === 2024 && d.m < 8) ? '“বঙ্গবন্ধুর দর্শন, সমবায়ের উন্নয়ন”' : '“সমবায়ে গড়ব দেশ, স্মার্ট হবে বাংলাদেশ”';
}

export interface LetterheadOptions {
  slogan: boolean;
  ministry: boolean;
  website: boolean;
  rule: boolean;
}

export function letterhead(doc: Doc, o: LetterheadOptions, date: Ymd): Block[] {
  const b: Block[] = [];
  if (o.slogan) b.push(para(slogan(date), { size: 10.5, align: 'center' }, { spaceAfterMm: 2 }));
  b.push(para('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', { size: 12.5, align: 'center' }, { spaceAfterMm: 0.5 }));
  if (o.ministry) b.push(para('স্থানীয় সরকার, পল্লী উন্নয়ন ও সমবায় মন্ত্রণালয়', CENTER, { spaceAfterMm: 0.5 }));
  b.push(para(officeKind(doc.office), { size: 13, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }));
  b.push(para(`${officePlace(doc.office)}।`, CENTER, { spaceAfterMm: 0.5 }));
  if (o.website) b.push(para(website(doc.office, doc.webVariant), { size: 10.5, align: 'center' }, { spaceAfterMm: 0.5 }));
  b.push(o.rule ? { kind: 'rule', spaceAfterMm: 4 } : { kind: 'space', mm: 5 });
  return b;
}

function sealText(doc: Doc): string[] {
  return [officeKind(doc.office), officePlace(doc.office), 'সমবায়'];
}

export function signBlock(doc: Doc, o: { phone?: boolean; email?: boolean; convenor?: boolean; date?: Ymd; parens?: boolean; spaceBeforeMm?: number }): SignBlock {
  const p = head(doc);
  const lines: string[] = [];
  if (o.date) lines.push(numericDate(o.date, doc.dateStyle));
  lines.push(o.parens ? `(${p.name})` : p.name, p.designation, `${officePlace(doc.office)}।`);
  if (o.convenor) lines.push('ও', 'আহ্বায়ক', 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন কমিটি।');
  if (o.phone) lines.push(`ফোন: ${doc.phone}`);
  if (o.email) lines.push(`ই-মেইল: ${email(doc.office)}`);
  return { kind: 'sign', lines: lines.map((l) => l.normalize('NFC')), style: { size: 11 }, signature: true, seal: sealText(doc), spaceBeforeMm: o.spaceBeforeMm ?? 14 };
}

function superior(doc: Doc): { designation: string; office: string; lines: string[] } {
  const o = doc.office;
  if (o.level === 'upazila') return { designation: 'জেলা সমবায় অফিসার', office: `জেলা সমবায় কার্যালয়, ${o.district}`, lines: ['জেলা সমবায় অফিসার', `${o.district}।`] };
  if (o.level === 'district') return { designation: 'যুগ্ম-নিবন্ধক', office: `বিভাগীয় সমবায় কার্যালয়, ${o.division}`, lines: ['যুগ্ম-নিবন্ধক', 'বিভাগীয় সমবায় কার্যালয়', `${o.division}।`] };
  return { designation: 'নিবন্ধক ও মহাপরিচালক', office: 'সমবায় অধিদপ্তর, ঢাকা', lines: ['নিবন্ধক ও মহাপরিচালক', 'সমবায় অধিদপ্তর', 'আগারগাঁও, ঢাকা।'] };
}

function datePair(doc: Doc, memoNo: number, date: Ymd, withBangla: boolean): Block {
  const label = doc.rng.pick(['স্মারক নং:', 'স্মারক নং-', 'স্মারক নম্বর:']);
  const right = withBangla ? [banglaCalendarLine(date), `তারিখ: ${longDate(date)} খ্রিস্টাব্দ`] : [`তারিখ: ${dateText(doc, date)}`];
  return { kind: 'pair', left: [`${label} ${memo(doc, memoNo)}`], right, style: { size: 11 }, spaceAfterMm: 4 };
}

function page(section: Section, subtype: Subtype, doc: Doc, blocks: Block[], orientation: Orientation = 'portrait', extra: Partial<PageSpec> = {}): PageSpec {
  return { section, subtype, orientation, font: doc.font, blocks, ...extra };
}

// ---------------------------------------------------------------------------------------------- letters

export function coverLetter(doc: Doc): PageSpec[] {
  const o = doc.office;
  const d = doc.submissionDate;
  const rng = doc.rng;
  const withBangla = rng.chance(0.35);
  const sup = superior(doc);
  const subject =
    doc.quarter === 'H1'
      ? `ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyLabel(doc.fy, false)} এর অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন প্রেরণ সংক্রান্ত।`
      : rng.chance(0.5)
        ? `${fyText(doc)} অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্রসমূহের ${quarterOrdinal(doc.quarter)} (${period(doc, 'slash')}) বাস্তবায়ন অগ্রগতি ও প্রমাণক প্রেরণ প্রসঙ্গে।`
        : `ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyText(doc)} এর ${quarterOrdinal(doc.quarter)} (${period(doc, 'range')}) অগ্রগতি প্রতিবেদন ও প্রমাণক প্রেরণ প্রসঙ্গে।`;
  const refDate = addDays(quarterRange(doc.fy, 1).from, rng.int(20, 60));
  const ref = rng.chance(0.7)
    ? `${sup.designation}, ${sup.office} এর স্মারক নং-${bn(rng.int(120, 780))}, তারিখ: ${dateText(doc, refDate)}`
    : `${fyText(doc)} অর্থবছরের ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার নির্দেশিকা`;
  const body = `উপর্যুক্ত বিষয় ও সূত্রের প্রেক্ষিতে ${officeName(o)} এর ${fyText(doc)} অর্থ বছরের ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার ${quarterOrdinal(doc.quarter)} (${period(doc, 'hote')}) বাস্তবায়ন অগ্রগতি প্রতিবেদন ও প্রমাণক এতদসঙ্গে মহোদয়ের সদয় অবগতি ও প্রয়োজনীয় ব্যবস্থা গ্রহণের জন্য প্রেরণ করা হলো।`;
  const evidence = rng.int(3, 9);
  const blocks: Block[] = [
    ...letterhead(doc, { slogan: rng.chance(0.7), ministry: o.level !== 'upazila', website: true, rule: rng.chance(0.6) }, d),
    datePair(doc, rng.int(60, 480), d, withBangla),
    para(subject, BODY, { label: 'বিষয়:', spaceAfterMm: 1.5 }),
    para(ref, BODY, { label: 'সূত্র:', spaceAfterMm: 3 }),
    para(body, BODY, { indentMm: 10, spaceAfterMm: 2 }),
    para(`সংযুক্তি: ১। ত্রৈমাসিক অগ্রগতি প্রতিবেদন ০১ (এক) পাতা। ২। প্রমাণকসমূহ ${bn(String(evidence).padStart(2, '0'))} (${NUM_WORDS[evidence]}) পাতা।`),
    signBlock(doc, { phone: true, email: true, parens: rng.chance(0.5) }),
    para(rng.pick(['প্রাপক', 'প্রতি']), BODY, { spaceAfterMm: 0.5 }),
    ...sup.lines.map((l) => para(l, BODY, { band: { from: 0.06, to: 0.7 }, spaceAfterMm: 0 })),
  ];
  if (o.level !== 'upazila' && rng.chance(0.6)) blocks.push(para(`দৃষ্টি আকর্ষণ: ফোকাল পয়েন্ট, ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${sup.office}।`, BODY, { spaceBeforeMm: 3 }));
  return [page('letter', 'cover_letter', doc, blocks)];
}

const MEETING_TOPICS = ['বাস্তবায়ন সংক্রান্ত প্রশিক্ষণ', 'অগ্রগতি পর্যালোচনা', 'ত্রৈমাসিক পরিবীক্ষণ'];

function meetingTime(rng: Rng): string {
  return rng.pick(['সকাল ১০.০০', 'সকাল ১১.০০', 'বেলা ১২.০০', 'বেলা ২.৩০', 'বেলা ৩.০০']);
}

export function notice(doc: Doc, topic: string, time: string): PageSpec[] {
  const o = doc.office;
  const rng = doc.rng;
  const q = doc.quarter === 'H1' ? 'অর্ধবার্ষিক' : `${ORDINALS[doc.quarter - 1]} কোয়ার্টার`;
  const issued = addDays(doc.meetingDate, -rng.int(3, 8));
  const items: FlowItem[] = [
    ...letterhead(doc, { slogan: rng.chance(0.5), ministry: false, website: true, rule: true }, issued),
    datePair(doc, rng.int(60, 480), issued, false),
    para('নোটিশ', { size: 14, bold: true, align: 'center', underline: true }, { spaceAfterMm: 2 }),
    para(`${officeName(o)} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyText(doc)} (${q}) এর “${topic}” সভা আহ্বান প্রসঙ্গে।`, BODY, { label: 'বিষয়:', spaceAfterMm: 2.5 }),
    para(
      `${fyText(doc)} অর্থ বছরের ${officeName(o)} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়নের লক্ষ্যে কমিটির সকল সদস্যের অংশগ্রহণে “${topic}” বিষয়ক সভা আগামী ${dateText(doc, doc.meetingDate)} তারিখ রোজ ${weekday(doc.meetingDate)} ${time} ঘটিকার সময় ${headDesignation(o)}, ${officePlace(o)} এর অফিস কক্ষে অনুষ্ঠিত হবে। উক্ত সভায় সংশ্লিষ্ট সকলকে যথাসময়ে উপস্থিত থাকার জন্য অনুরোধ করা হলো।`,
      BODY,
      { indentMm: 10 },
    ),
    signBlock(doc, { convenor: true }),
    para('প্রতি,', BODY, { spaceAfterMm: 0.5 }),
    ...superior(doc).lines.map((l) => para(l, BODY, { band: { from: 0.06, to: 0.7 }, spaceAfterMm: 0 })),
    para('অনুলিপি জ্ঞাতার্থে ও কার্যার্থে প্রেরণ করা হলো:-', BODY, { spaceBeforeMm: 3, spaceAfterMm: 0.5 }),
    ...[...copyList(doc).slice(0, -2), ...doc.staff.slice(1).map((p) => `জনাব ${p.name}, ${p.designation}, ${officeName(o)}।`), 'অফিস কপি।'].map((t, i) =>
      para(t, BODY, { label: `${bn(i + 1)}.`, spaceAfterMm: 0 }),
    ),
  ];
  return paginate(items, (blocks) => page('letter', 'notice', doc, blocks), doc.dpi);
}

function copyList(doc: Doc): string[] {
  const o = doc.office;
  const l: string[] = [];
  if (o.level !== 'division') l.push(`যুগ্ম-নিবন্ধক, বিভাগীয় সমবায় কার্যালয়, ${o.division}।`);
  if (o.level === 'upazila') l.push(`জেলা সমবায় অফিসার, ${o.district}।`);
  l.push('কমিটির সকল সদস্য।', 'অফিস কপি।');
  return l;
}

function committeeRole(i: number, n: number): string {
  return i === 0 ? 'সভাপতি' : i === 1 ? 'সদস্য সচিব ও ফোকাল পয়েন্ট' : i === n - 1 && n > 3 ? 'বিকল্প ফোকাল পয়েন্ট' : 'সদস্য';
}

export function officeOrder(doc: Doc): PageSpec[] {
  const o = doc.office;
  const rng = doc.rng;
  const issued = addDays(quarterRange(doc.fy, 1).from, rng.int(10, 40));
  const n = doc.staff.length;
  const cells: CellSpec[] = [
    { r: 0, c: 0, text: 'ক্রমিক নং', header: true },
    { r: 0, c: 1, text: 'কর্মকর্তা/কর্মচারীদের নাম ও পদবী', header: true },
    { r: 0, c: 2, text: 'কমিটিতে পদবী', header: true },
  ];
  doc.staff.forEach((p, i) => {
    cells.push({ r: i + 1, c: 0, text: bn(i + 1), align: 'center' });
    cells.push({ r: i + 1, c: 1, text: `${p.name}\n${p.designation}\n${officeName(o)}।` });
    cells.push({ r: i + 1, c: 2, text: committeeRole(i, n), align: 'center' });
  });
  const table: TableSpec = { role: 'committee', format: null, columnKeys: null, continuation: false, continues: false, nRows: n + 1, nCols: 3, headerRows: 1, colWidths: [12, 55, 28], cells, fontSize: 10.5, rule: { widthPx300: 2, faint: 0.1, broken: 0.05 } };
  const items: FlowItem[] = [
    ...letterhead(doc, { slogan: rng.chance(0.6), ministry: false, website: rng.chance(0.5), rule: true }, issued),
    datePair(doc, rng.int(20, 200), issued, false),
    para('অফিস আদেশ', { size: 14, bold: true, align: 'center', underline: true }, { spaceAfterMm: 2 }),
    para(`ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ${fyText(doc)} বাস্তবায়ন কমিটি গঠন প্রসঙ্গে।`, BODY, { label: 'বিষয়:', spaceAfterMm: 2.5 }),
    para(`${officeName(o)} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ${fyText(doc)} বাস্তবায়নের নিমিত্তে অত্র দপ্তরের নিম্নবর্ণিত কর্মকর্তা/কর্মচারীদের সমন্বয়ে ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন কমিটি গঠন করা হলো।`, BODY, { indentMm: 10 }),
    { kind: 'table', table },
    signBlock(doc, {}),
    para('সদয় অবগতির জন্য অনুলিপি প্রেরণ করা হলো:', BODY, { spaceAfterMm: 0.5 }),
    ...copyList(doc).map((t, i) => para(t, BODY, { label: `${bn(i + 1)}.`, spaceAfterMm: 0 })),
  ];
  return paginate(items, (blocks) => page('letter', 'office_order', doc, blocks), doc.dpi);
}

// ---------------------------------------------------------------------------------------------- annex 5

export function annexPages(doc: Doc, o: { repeatHeader: boolean; fontSize: number; orientation?: Orientation }): PageSpec[] {
  const a = doc.annex;
  const orientation = o.orientation ?? (a.columns.length > 10 ? 'landscape' : 'portrait');
  const title =
    a.format === 'D'
      ? `সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন ত্রৈমাসিক মূল্যায়ন প্রতিবেদন, ${fyText(doc)}`
      : doc.quarter === 'H1'
        ? `ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyLabel(doc.fy, false)} অর্ধবার্ষিক স্ব-মূল্যায়ন প্রতিবেদন`
        : `সংযোজনী ৫: ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyLabel(doc.fy, doc.rng.chance(0.5))}`;
  const items: FlowItem[] = [
    para(title, { size: 12.5, bold: true, align: 'center' }, { spaceAfterMm: 2 }),
    para(`আঞ্চলিক/মাঠ পর্যায়ের কার্যালয়ের নাম: ${officeName(doc.office)}`, { size: 11 }, { spaceAfterMm: 0.5 }),
  ];
  if (doc.quarter !== 'H1') items.push(para(`ত্রৈমাসিকের নাম: ${quarterOrdinal(doc.quarter)} (${period(doc, 'slash')})`, { size: 11 }, { spaceAfterMm: 1 }));
  items.push({
    kind: 'splitTable',
    groups: a.groups.length,
    build: (from, to, first) => {
      const t = annexTable(a, from, to, { header: first || o.repeatHeader, fontSize: o.fontSize });
      t.rule = { widthPx300: doc.rng.pick([2, 2, 3]), faint: 0.08, broken: 0.04 };
      return t;
    },
    spaceAfterMm: 2,
  });
  const wide = orientation === 'landscape';
  items.push(para(`প্রতিবেদন প্রেরণের তারিখ: ${dateText(doc, doc.submissionDate)}`, { size: 11 }, { spaceBeforeMm: 1, spaceAfterMm: 0, keepWithPrevious: true }));
  items.push({ ...signBlock(doc, { phone: !wide && doc.rng.chance(0.4), email: !wide && doc.rng.chance(0.5), spaceBeforeMm: wide ? 9 : 12 }), keepWithPrevious: true });
  return paginate(items, (blocks) => page('annex5', 'annex5', doc, blocks, orientation), doc.dpi);
}

// ---------------------------------------------------------------------------------------------- certificate

const MENU_ROWS: [string, string][] = [
  ['সেবা প্রদান প্রতিশ্রুতি', 'সেবার তালিকা, সিটিজেন্স চার্টার ও ত্রৈমাসিক অর্জন'],
  ['অভিযোগ প্রতিকার ব্যবস্থা', 'অভিযোগ প্রতিকার বাস্তবায়ন প্রতিবেদন ও প্রমাণক'],
  ['তথ্য অধিকার', 'তথ্য প্রদানকারী কর্মকর্তা, কমিটি ও স্বপ্রণোদিতভাবে প্রকাশযোগ্য তথ্য'],
  ['জাতীয় শুদ্ধাচার কৌশল', 'বার্ষিক কর্মপরিকল্পনা, কমিটির সভা, প্রমাণক ও মূল্যায়ন প্রতিবেদন'],
  ['বার্ষিক কর্মসম্পাদন চুক্তি', 'বার্ষিক কর্মসম্পাদন চুক্তি, প্রতিবেদন এবং মূল্যায়ন প্রতিবেদন'],
  ['ইনোভেশন/উদ্ভাবন', 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ত্রৈমাসিক অর্জন ও প্রশিক্ষণ'],
  ['নোটিশ', 'অত্র দপ্তরের বিভিন্ন অফিস আদেশ ও নোটিশ'],
  ['আদেশ/পরিপত্র', 'কর্মকর্তা/কর্মচারীবৃন্দের বদলি ও ছুটি সংক্রান্ত আদেশ'],
  ['বাজেট ও এপিপি', 'বার্ষিক ক্রয় পরিকল্পনা ও বাজেট'],
  ['আমাদের বিষয়ে', 'কর্মকর্তা/কর্মচারীবৃন্দের হালনাগাদ তথ্য ও সাংগঠনিক কাঠামো'],
  ['আইন ও বিধি', 'সমবায় সমিতি আইন ও বিধিমালা'],
  ['খবর', 'সমসাময়িক সরকারি বিভিন্ন খবর'],
  ['সমিতি ব্যবস্থাপনা সংক্রান্ত', 'কেন্দ্রীয় ও প্রাথমিক সমিতির তালিকা'],
  ['বিভিন্ন বাতায়ন', 'অধিদপ্তরের বাতায়ন ও বিভাগীয় বাতায়ন'],
];

function menuTable(doc: Doc, n: number, role: 'menu_updates' | 'website', withRemarks: boolean): TableSpec {
  const rng = doc.rng;
  const rows = rng.sample(MENU_ROWS, n);
  const q = doc.quarter === 'H1' ? 2 : doc.quarter;
  const r = quarterRange(doc.fy, q);
  const sl = (i: number) => (role === 'website' ? `${bn(i + 1)}.` : `${bn(String(i + 1).padStart(2, '0'))}।`);
  const heads = ['ক্র. নং', 'মেন্যু/সেবা বক্সের নাম', 'হালনাগাদের বিষয়বস্তু', 'সর্বশেষ হালনাগাদের তারিখ', ...(withRemarks ? ['মন্তব্য'] : [])];
  const cells: CellSpec[] = heads.map((t, c) => ({ r: 0, c, text: t, header: true }));
  let row = 1;
  if (role === 'website') {
    heads.forEach((_, c) => cells.push({ r: 1, c, text: `${bn(c + 1)}.`, header: true }));
    row = 2;
  }
  const headerRows = row;
  rows.forEach(([menu, content], i) => {
    const unchanged = withRemarks && rng.chance(0.12);
    const d = unchanged ? addDays(r.from, -rng.int(30, 150)) : addDays(r.from, rng.int(5, 85));
    cells.push({ r: row, c: 0, text: sl(i), align: 'center' }, { r: row, c: 1, text: menu }, { r: row, c: 2, text: content }, { r: row, c: 3, text: numericDate(d, doc.dateStyle), align: 'center' });
    if (withRemarks) cells.push({ r: row, c: 4, text: unchanged ? 'হালনাগাদ নেই' : '', align: 'center' });
    row++;
  });
  return {
    role,
    format: null,
    columnKeys: null,
    continuation: false,
    continues: false,
    nRows: row,
    nCols: heads.length,
    headerRows,
    colWidths: withRemarks ? [9, 26, 38, 16, 11] : [10, 28, 42, 18],
    cells,
    fontSize: 10.5,
    rule: { widthPx300: 2, faint: 0.1, broken: 0.06 },
  };
}

/** A certificate for one indicator of the annex, its sentence built from that indicator's printed values. */
export function certificate(doc: Doc, indicatorCode: string): PageSpec[] {
  const o = doc.office;
  const rng = doc.rng;
  const row = doc.annex.groups.flat().find((r) => r.def.code === indicatorCode);
  if (!row) throw new Error(`indicator ${indicatorCode} is not in the ${doc.fy} annex`);
  const def = row.def;
  const code = `[${bn(def.code)}]`;
  const qn = doc.quarter === 'H1' ? 2 : doc.quarter;
  const qWords = `${quarterOrdinal(doc.quarter)}ে (${period(doc, 'range')})`;
  const isPortal = /তথ্য বাতায়ন/.test(def.text) && !/আওতাধীন/.test(def.text);
  const event = /কর্মশালা/.test(def.text) ? 'কর্মশালা' : /সভা/.test(def.text) ? 'সভা' : 'প্রশিক্ষণ';
  const topic = isPortal
    ? 'তথ্য বাতায়ন হালনাগাদকরণ'
    : def.unit === 'percent'
      ? 'ই-ফাইলে নোট নিষ্পত্তি'
      : def.unit === 'count' && def.dated
        ? `${event} আয়োজন`
        : def.text.replace(/ (বাস্তবায়িত|প্রেরিত|হালনাগাদকৃত|প্রণয়নকৃত|নির্ধারিত)$/, ' বাস্তবায়ন');
  const intro = `এই মর্মে প্রত্যয়ন করা যাচ্ছে যে, ${officeName(o)} এর ${fyText(doc)} অর্থবছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায় ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার কর্মসম্পাদন সূচক ${code} ${def.text}`;
  const qv = row.values[`q${qn}` as 'q1'];
  let sentence: string;
  const items: FlowItem[] = [];
  const dated = qv && (qv.k === 'countDate' || qv.k === 'date') ? qv.d : addDays(quarterRange(doc.fy, qn).from, rng.int(10, 70));
  if (isPortal) sentence = `${intro} অনুযায়ী ${qWords} অত্র কার্যালয়ের তথ্য বাতায়ন নিম্নলিখিতভাবে হালনাগাদ করা হয়েছে:`;
  else if (def.unit === 'percent') sentence = `${intro} এর বার্ষিক লক্ষ্যমাত্রা ${row.values.target?.k === 'pct' ? bn(row.values.target.n) : '৮০'}%। ${qWords} অত্র কার্যালয়ে ই-ফাইলে নোট নিষ্পত্তির হার ${qv?.k === 'pct' ? bn(qv.n) : '৮০'}%।`;
  else if (def.unit === 'date') sentence = `${intro} এর লক্ষ্যমাত্রা অনুযায়ী ${dateText(doc, dated)} তারিখে অত্র কার্যালয়ে তা বাস্তবায়ন করা হয়েছে।`;
  else {
    const n = qv && (qv.k === 'int' || qv.k === 'countDate') && qv.n > 0 ? qv.n : 1;
    sentence = `${intro} এর বার্ষিক লক্ষ্যমাত্রা ${bn(row.values.target?.k === 'int' ? row.values.target.n : 4)}টি। ${qWords} ${dateText(doc, dated)} তারিখে অত্র কার্যালয়ের কর্মকর্তা/কর্মচারীদের অংশগ্রহণে ${bn(n)}টি ${event} আয়োজন করা হয়েছে।`;
  }
  items.push(
    ...letterhead(doc, { slogan: rng.chance(0.7), ministry: o.level !== 'upazila', website: true, rule: rng.chance(0.5) }, doc.submissionDate),
    para('প্রত্যয়নপত্র', { size: 15, bold: true, align: 'center', underline: rng.chance(0.5) }, { spaceAfterMm: 1.5 }),
    para(`${code} ${topic} সংক্রান্ত প্রত্যয়ন`, { size: 12, bold: true, align: 'center' }, { spaceAfterMm: 4 }),
    para(sentence, BODY, { indentMm: 10, spaceAfterMm: 2 }),
  );
  if (isPortal) items.push({ kind: 'table', table: menuTable(doc, rng.int(4, 6), 'menu_updates', false) });
  items.push(para('এ সংক্রান্ত রেকর্ডপত্র (হার্ডকপি) অত্র কার্যালয়ে সংরক্ষিত আছে।', BODY, { indentMm: 10 }));
  items.push(signBlock(doc, { phone: rng.chance(0.5), email: rng.chance(0.6), parens: rng.chance(0.5), spaceBeforeMm: 16 }));
  return paginate(items, (blocks) => page('certificate', 'certificate', doc, blocks, 'portrait', { certificateIndicator: def.code }), doc.dpi);
}

// ---------------------------------------------------------------------------------------------- minutes

function meetingHeader(doc: Doc, topic: string): string {
  return `${officeName(doc.office)} এর ${fyText(doc)} অর্থ বছরের ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়নের লক্ষ্যে গঠিত কমিটির “${topic}” সভার কার্যবিবরণী`;
}

function meetingPlace(doc: Doc): string {
  return `${officeName(doc.office)} এর সভাকক্ষ`;
}

export function attendance(doc: Doc, topic: string, time: string): PageSpec[] {
  const o = doc.office;
  const n = doc.staff.length;
  const cells: CellSpec[] = ['ক্র. নং', 'নাম, পদবী ও কর্মস্থল', 'কমিটিতে পদবী', 'উপস্থিতির স্বাক্ষর'].map((t, c) => ({ r: 0, c, text: t, header: true }));
  doc.staff.forEach((p, i) => {
    const r = i + 1;
    cells.push(
      { r, c: 0, text: bn(String(r).padStart(2, '0')), align: 'center' },
      { r, c: 1, text: `${i === 0 ? 'জনাব ' : ''}${p.name}\n${p.designation}\n${officeName(o)}।` },
      { r, c: 2, text: i === 0 ? 'আহ্বায়ক' : committeeRole(i, n), align: 'center' },
      { r, c: 3, text: '', signature: true },
    );
  });
  const table: TableSpec = { role: 'attendance', format: null, columnKeys: null, continuation: false, continues: false, nRows: n + 1, nCols: 4, headerRows: 1, colWidths: [10, 50, 22, 22], cells, fontSize: 10.5, rule: { widthPx300: 2, faint: 0.1, broken: 0.05 } };
  const items: FlowItem[] = [
    para(`${officeName(o)} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${fyText(doc)} বাস্তবায়নের লক্ষ্যে গঠিত কমিটির “${topic}” সভায় উপস্থিতির স্বাক্ষর`, HEAD, { spaceAfterMm: 4 }),
    para(`স্থান: ${meetingPlace(doc)}`, BODY, { spaceAfterMm: 0 }),
    para(`তারিখ: ${dateText(doc, doc.meetingDate)}`, BODY, { spaceAfterMm: 0 }),
    para(`রোজ: ${weekday(doc.meetingDate)}`, BODY, { spaceAfterMm: 0 }),
    para(`সময়: ${time} ঘটিকা`, BODY, { spaceAfterMm: 3 }),
    { kind: 'table', table },
  ];
  return paginate(items, (blocks) => page('minutes', 'attendance', doc, blocks), doc.dpi);
}

interface Decision {
  topic: string;
  decision: string;
  who: string;
}

function decisions(doc: Doc): Decision[] {
  const h = doc.staff[0]!;
  const s = doc.staff[1] ?? h;
  const secretary = `${s.name}, ${s.designation}, সদস্য সচিব ও ফোকাল পয়েন্ট`;
  const convenor = `${h.name}, ${h.designation} ও আহ্বায়ক`;
  const out: Decision[] = [{ topic: 'বিগত সভার কার্যবিবরণী পাঠ ও অনুমোদন।', decision: `সভায় বিগত ${dateText(doc, addDays(doc.meetingDate, -doc.rng.int(80, 100)))} তারিখে অনুষ্ঠিত কমিটির সভার কার্যবিবরণী পাঠ করা হয়। কোন সংশোধনী না থাকায় তা সভায় অনুমোদন করা হয়।`, who: secretary }];
  for (const group of doc.annex.groups.slice(0, 3)) {
    const a = group[0]!.activity;
    const code = `[${bn(a.code)}]`;
    if (/ই-নথি/.test(a.text)) out.push({ topic: `কর্মপরিকল্পনার ${code} ${a.text} বিষয়ে আলোচনা করা হয়। চলতি ত্রৈমাসিকে ই-ফাইলে নোট নিষ্পত্তির হার পর্যালোচনা করা হয়।`, decision: 'সকল নথি ই-নথিতে নিষ্পত্তির সিদ্ধান্ত গৃহীত হয়।', who: convenor });
    else if (/তথ্য বাতায়ন/.test(a.text)) out.push({ topic: `কর্মপরিকল্পনার ${code} ${a.text}। সভায় তথ্য বাতায়ন উপস্থাপন করা হয় এবং সেবা বক্সসমূহ পর্যালোচনা করা হয়।`, decision: 'প্রতি ত্রৈমাসিকে তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদ রাখার সিদ্ধান্ত গৃহীত হয়।', who: secretary });
    else if (/সেবা চালু/.test(a.text)) out.push({ topic: `কর্মপরিকল্পনার ${code} ${a.text} বিষয়ে আলোচনা করা হয়। সহজিকৃত সেবাসমূহ চালু আছে কি-না তা পর্যালোচনা করা হয়।`, decision: 'সহজিকৃত ও ডিজিটাইজকৃত সেবার ডাটাবেজ প্রতি ত্রৈমাসিকে হালনাগাদ রাখার সিদ্ধান্ত গৃহীত হয়।', who: secretary });
    else if (/উদ্ভাবনী|শোকেসিং/.test(a.text)) out.push({ topic: `কর্মপরিকল্পনার ${code} ${a.text} বিষয়ে আলোচনা করা হয়।`, decision: 'নির্ধারিত সময়ের মধ্যে লক্ষ্যমাত্রা অর্জনের সিদ্ধান্ত গৃহীত হয়।', who: 'উদ্ভাবন প্রকল্প বাস্তবায়ন টিম' });
    else out.push({ topic: `কর্মপরিকল্পনার ${code} ${a.text} বিষয়ে আলোচনা করা হয়।`, decision: 'প্রতি ত্রৈমাসিকে কমপক্ষে ১টি আয়োজনের সিদ্ধান্ত গৃহীত হয়।', who: convenor });
  }
  return out;
}

export function minutesBody(doc: Doc, topic: string, time: string, o: { repeatHeader: boolean }): PageSpec[] {
  const rng = doc.rng;
  const h = doc.staff[0]!;
  const s = doc.staff[1] ?? h;
  const ds = decisions(doc);
  const heads = ['ক্র. নং', 'আলোচনার বিষয় ও আলোচনা', 'সিদ্ধান্ত', 'বাস্তবায়নকারী কর্মকর্তা/কর্মচারী'];
  const build = (from: number, to: number, first: boolean): TableSpec => {
    const withHead = first || o.repeatHeader;
    const cells: CellSpec[] = withHead ? heads.map((t, c) => ({ r: 0, c, text: t, header: true })) : [];
    let r = withHead ? 1 : 0;
    for (let i = from; i < to; i++, r++) {
      const d = ds[i]!;
      cells.push({ r, c: 0, text: `${bn(String(i + 1).padStart(2, '0'))}।`, align: 'center' }, { r, c: 1, text: d.topic }, { r, c: 2, text: d.decision }, { r, c: 3, text: d.who });
    }
    return { role: 'decisions', format: null, columnKeys: null, continuation: from > 0, continues: to < ds.length, nRows: r, nCols: 4, headerRows: withHead ? 1 : 0, colWidths: [9, 40, 30, 24], cells, fontSize: 10.5, rule: { widthPx300: 2, faint: 0.1, broken: 0.05 } };
  };
  const items: FlowItem[] = [
    ...letterhead(doc, { slogan: rng.chance(0.4), ministry: false, website: true, rule: true }, doc.meetingDate),
    para(meetingHeader(doc, topic), HEAD, { spaceAfterMm: 3 }),
    para(`সভাপতি: ${h.name}, ${h.designation}`, BODY, { spaceAfterMm: 0 }),
    para(`সভার তারিখ: ${dateText(doc, doc.meetingDate)}`, BODY, { spaceAfterMm: 0 }),
    para(`সময়: ${time} ঘটিকা`, BODY, { spaceAfterMm: 0 }),
    para(`স্থান: ${meetingPlace(doc)}`, BODY, { spaceAfterMm: 2 }),
    para('সভায় উপস্থিত কর্মকর্তাগণের তালিকা (পরিশিষ্ট-‘ক’) তে সংযুক্ত।', { size: 11.5, bold: true }, { spaceAfterMm: 2 }),
    para(
      `${h.name}, ${h.designation} ও আহ্বায়ক, ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা বাস্তবায়ন কমিটি অদ্যকার সভায় সভাপতিত্ব করেন। সভাপতি মহোদয় সভায় উপস্থিত সকলকে শুভেচ্ছা জানিয়ে সভার কাজ শুরু করার জন্য সদস্য সচিব ও ফোকাল পয়েন্ট ${s.name}, ${s.designation} কে আহ্বান জানান। এরপর আলোচ্যসূচি মোতাবেক আলোচনা করা হয় এবং সভায় নিম্নলিখিত সিদ্ধান্তসমূহ গৃহীত হয়।`,
      BODY,
      { indentMm: 10, spaceAfterMm: 2 },
    ),
    { kind: 'splitTable', groups: ds.length, build },
    para('সভায় আর কোন আলোচনা না থাকায় সভাপতি মহোদয় উপস্থিত সকলকে ধন্যবাদ জানিয়ে সভার সমাপ্তি ঘোষণা করেন।', BODY, { indentMm: 10, keepWithPrevious: true }),
    { ...signBlock(doc, { convenor: true, spaceBeforeMm: 12 }), keepWithPrevious: true },
    datePair(doc, rng.int(60, 480), addDays(doc.meetingDate, rng.int(0, 2)), false),
    para('অনুলিপি জ্ঞাতার্থে ও কার্যার্থে প্রেরণ করা হলো:', BODY, { spaceAfterMm: 0.5 }),
    ...copyList(doc).map((t, i) => para(t, BODY, { label: `${bn(i + 1)}।`, spaceAfterMm: 0 })),
  ];
  return paginate(items, (blocks) => page('minutes', 'minutes_body', doc, blocks), doc.dpi);
}

// ---------------------------------------------------------------------------------------------- other

export function websiteUpdate(doc: Doc): PageSpec[] {
  const items: FlowItem[] = [
    para(`${officeName(doc.office)} এর ওয়েবসাইট হালনাগাদের সামারী সমূহ:`, HEAD, { spaceAfterMm: 2 }),
    para(`ত্রৈমাসিকের নাম: ${period(doc, 'slash')} খ্রি.`, BODY, { spaceAfterMm: 2 }),
    { kind: 'table', table: menuTable(doc, doc.rng.int(9, 12), 'website', true) },
    signBlock(doc, { spaceBeforeMm: 14 }),
  ];
  return paginate(items, (blocks) => page('other', 'website_update_table', doc, blocks), doc.dpi);
}

const SERVICES: [string, string][] = [
  ['সমবায় সমিতির বার্ষিক নির্বাচনী তফসিল অনলাইনে প্রকাশ', 'সমিতির ব্যবস্থাপনা কমিটির নির্বাচনের তফসিল অফিসের তথ্য বাতায়নে প্রকাশ করা হয়। এতে সমিতির সদস্যদের অফিসে যাতায়াত ছাড়াই তফসিল জানা সম্ভব হয়।'],
  ['সমিতির অডিট ফি মোবাইল ব্যাংকিংয়ে জমা গ্রহণ', 'সমিতির নিরীক্ষা ফি ও সমবায় উন্নয়ন তহবিলের চাঁদা মোবাইল ব্যাংকিংয়ের মাধ্যমে জমা নেওয়া হয়। এতে সময় ও যাতায়াত খরচ কমেছে।'],
  ['সমবায় সমিতির সদস্য তালিকা ডিজিটাল রেজিস্টারে সংরক্ষণ', 'প্রাথমিক সমিতির সদস্য তালিকা কম্পিউটারে সংরক্ষণ করে হালনাগাদ রাখা হয়। এতে যাচাই দ্রুত হয়।'],
];

export function innovationDb(doc: Doc, o: { wide: boolean }): PageSpec[] {
  const rng = doc.rng;
  const code = doc.fy >= '2023-24' ? '২.১.১' : '১.১.১';
  const qn = doc.quarter === 'H1' ? 2 : doc.quarter;
  const services = rng.sample(SERVICES, o.wide ? 1 : 2);
  const cells: CellSpec[] = [];
  let heads: string[];
  let widths: number[];
  if (o.wide) {
    heads = [
      'ক্রমিক নং',
      'ডিজিটাইজ/সহজিকৃত সেবার নাম',
      'ডিজিটাইজ/সহজিকৃত সেবা শুরু',
      'মন্ত্রণালয়/বিভাগ',
      'সংস্থার নাম',
      'সেবা ডিজিটাইজেশনের/সহজিকরণের পূর্বে সেবা গ্রহীতার গড় সময় খরচ এবং ভিজিট সংখ্যা',
      'সেবা ডিজিটাইজেশনের/সহজিকরণের পরবর্তী সেবা গ্রহীতার গড় সময় খরচ এবং ভিজিট সংখ্যা',
      'সেবা শুরু করার বছর থেকে সেবা গ্রহীতার সংখ্যা',
    ];
    widths = [7, 22, 11, 15, 20, 19, 19, 10];
  } else {
    heads = ['ক্র. নং', 'বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/আইডিয়ার নাম', 'সেবা/আইডিয়ার সংক্ষিপ্ত বিবরণ', 'সেবা/আইডিয়াটি কার্যকর আছে কি-না/না থাকলে কারণ', 'সেবা গ্রহীতা প্রত্যাশিত ফলাফল পাচ্ছে কি-না', 'সেবার লিংক', 'মন্তব্য'];
    widths = [7, 18, 30, 13, 13, 12, 8];
  }
  heads.forEach((t, c) => cells.push({ r: 0, c, text: t, header: true }));
  heads.forEach((_, c) => cells.push({ r: 1, c, text: bn(c + 1), header: true }));
  services.forEach(([name, desc], i) => {
    const r = i + 2;
    cells.push({ r, c: 0, text: bn(i + 1), align: 'center' }, { r, c: 1, text: `“${name}”` });
    if (o.wide) {
      const start = addDays(quarterRange(doc.fy, 1).from, -rng.int(200, 500));
      const before = [rng.int(10, 30), rng.int(2, 5), rng.pick([800, 1000, 1500, 2000]), rng.int(6, 14)];
      const after = [rng.int(1, 5), rng.int(0, 1), rng.pick([0, 100, 200]), rng.int(2, 5)];
      cells.push(
        { r, c: 2, text: longDate(start), align: 'center' },
        { r, c: 3, text: 'পল্লী উন্নয়ন ও সমবায় বিভাগ' },
        { r, c: 4, text: `সমবায় অধিদপ্তর (${officeName(doc.office)})` },
        { r, c: 5, text: `${bn(before[0]!)} দিন\nযাতায়াত ${bn(before[1]!)} বার\nধাপ ${bn(before[3]!)}\nখরচ ${bn(before[2]!)}` },
        { r, c: 6, text: `${bn(after[0]!)} দিন\nযাতায়াত ${bn(after[1]!)} বার\nধাপ ${bn(after[3]!)}\nখরচ ${bn(after[2]!)}` },
        { r, c: 7, text: bn(rng.int(5, 40)), align: 'center' },
      );
    } else {
      cells.push(
        { r, c: 2, text: desc },
        { r, c: 3, text: 'সেবাটির কার্যক্রম চালু রয়েছে', align: 'center' },
        { r, c: 4, text: 'সেবা গ্রহীতাগণ প্রত্যাশিত ফলাফল পাচ্ছেন', align: 'center' },
        { r, c: 5, text: website(doc.office, 1) },
        { r, c: 6, text: '' },
      );
    }
  });
  const table: TableSpec = { role: 'innovation_db', format: null, columnKeys: null, continuation: false, continues: false, nRows: services.length + 2, nCols: heads.length, headerRows: 2, colWidths: widths, cells, fontSize: 10, rule: { widthPx300: 2, faint: 0.1, broken: 0.05 } };
  const items: FlowItem[] = [
    ...letterhead(doc, { slogan: false, ministry: false, website: true, rule: false }, doc.submissionDate),
    para(`[${code}] বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবার ডাটাবেজ`, { size: 12, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(`অর্থবছর ${fyText(doc)}`, CENTER, { spaceAfterMm: 0.5 }),
    para(`${quarterOrdinal(doc.quarter)} (${quarterPeriod(doc.fy, qn, 'range')})`, CENTER, { spaceAfterMm: 3 }),
    { kind: 'table', table },
    signBlock(doc, { phone: rng.chance(0.5), email: rng.chance(0.5), spaceBeforeMm: 14 }),
  ];
  return paginate(items, (blocks) => page('other', 'innovation_db_table', doc, blocks, o.wide ? 'landscape' : 'portrait'), doc.dpi);
}

export function coverPage(doc: Doc): PageSpec[] {
  const o = doc.office;
  const who = o.level === 'upazila' ? `${o.upazila} উপজেলার` : o.level === 'district' ? `${o.district} জেলার` : `${o.division} বিভাগের`;
  const big: TextStyle = { size: 18, bold: true, align: 'center', leading: 1.7 };
  const lines = [who, `${fyText(doc)} অর্থ বছরের বার্ষিক কর্মসম্পাদন চুক্তির আওতায়`, 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনার', `${quarterOrdinal(doc.quarter)} (${period(doc, 'slash')})`, 'বাস্তবায়নের প্রমাণকসমূহ'];
  const blocks: Block[] = [{ kind: 'space', mm: 70 }, ...lines.map((l) => para(l, big, { spaceAfterMm: 1 })), { kind: 'space', mm: 30 }, para(officeName(o), { size: 14, align: 'center' })];
  return [page('other', 'cover_page', doc, blocks)];
}

export { MEETING_TOPICS, meetingTime, isoDate };
