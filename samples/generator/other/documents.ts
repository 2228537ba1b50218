/**
 * Pages of documents that are none of the submission's kinds (truth section `other`): a ministry's FAQ in a
 * ruled question/answer table over several pages, budget tables by economic code, a Bangladesh Gazette
 * notification, a circular (পরিপত্র / প্রজ্ঞাপন) of another ministry, and a page of prose. Each builder returns
 * layout models, paginated like the submission's own documents.
 */
import { addDays, banglaCalendarLine, bn, longDate, numericDate, weekday, type DateStyle, type Ymd } from '../bangla.js';
import type { FontId } from '../fonts.js';
import type { Block, CellSpec, Orientation, PageSpec, ParaBlock, SignBlock, TableSpec, TextStyle } from '../model.js';
import { paginate, type FlowItem } from '../paginate.js';
import type { Rng } from '../prng.js';
import { BUDGET_HEADS, BUDGET_OWNERS, CIRCULARS, FAQ, GAZETTE_RULES, MINISTRIES, PROSE, PROSE_TITLES, SIGNERS, SIGNER_RANKS } from './vocab.js';

/** The subtypes the truth gives these pages (section `other`). */
export type OtherSubtype = Extract<PageSpec['subtype'], 'faq_table' | 'budget_table' | 'gazette_page' | 'prose_page' | 'circular'>;

export interface OtherDoc {
  rng: Rng;
  font: FontId;
  dpi: number;
  /** the day the document was issued */
  date: Ymd;
  dateStyle: DateStyle;
}

const BODY: TextStyle = { size: 11.5 };
const CENTER: TextStyle = { size: 11.5, align: 'center' };
const para = (text: string, style: TextStyle = BODY, extra: Partial<ParaBlock> = {}): ParaBlock => ({ kind: 'para', text: text.normalize('NFC'), style, ...extra });

function page(subtype: OtherSubtype, d: OtherDoc, blocks: Block[], orientation: Orientation = 'portrait'): PageSpec {
  return { section: 'other', subtype, orientation, font: d.font, blocks };
}

function signer(d: OtherDoc, lines: string[], rank = d.rng.pick(SIGNER_RANKS)): SignBlock {
  return { kind: 'sign', lines: [d.rng.pick(SIGNERS), rank, ...lines].map((l) => l.normalize('NFC')), style: { size: 11 }, signature: true, seal: null, spaceBeforeMm: 12 };
}

function ruled(): TableSpec['rule'] {
  return { widthPx300: 2, faint: 0.08, broken: 0.04 };
}

// ---------------------------------------------------------------------------------------------- FAQ

/** A ministry's FAQ: a three-column ruled table (ক্রমিক | প্রশ্ন | উত্তর) running over `pages`-ish pages. */
export function faqPages(d: OtherDoc, o: { questions: number }): PageSpec[] {
  const m = MINISTRIES[0]!;
  const qa = Array.from({ length: o.questions }, (_, i) => FAQ[i % FAQ.length]!);
  const heads = ['ক্রমিক নং', 'প্রশ্ন', 'উত্তর'];
  const build = (from: number, to: number, first: boolean): TableSpec => {
    const cells: CellSpec[] = first ? heads.map((t, c) => ({ r: 0, c, text: t, header: true })) : [];
    let r = first ? 1 : 0;
    for (let i = from; i < to; i++, r++) {
      const [q, a] = qa[i]!;
      cells.push({ r, c: 0, text: `${bn(i + 1)}.`, align: 'center' }, { r, c: 1, text: q }, { r, c: 2, text: a });
    }
    return { role: 'other', format: null, columnKeys: null, continuation: from > 0, continues: to < qa.length, nRows: r, nCols: 3, headerRows: first ? 1 : 0, colWidths: [10, 38, 52], cells, fontSize: 10.5, rule: ruled() };
  };
  const items: FlowItem[] = [
    para('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', CENTER, { spaceAfterMm: 0.5 }),
    para(`${m.division}, ${m.ministry}`, { size: 12.5, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(m.site, { size: 10.5, align: 'center' }, { spaceAfterMm: 4 }),
    para('iBAS++ ও আর্থিক ব্যবস্থাপনা বিষয়ে প্রায়শ জিজ্ঞাসিত প্রশ্নাবলি (FAQ)', { size: 13, bold: true, align: 'center' }, { spaceAfterMm: 3 }),
    { kind: 'splitTable', groups: qa.length, build, spaceAfterMm: 2 },
  ];
  return paginate(items, (blocks) => page('faq_table', d, blocks), d.dpi);
}

// ---------------------------------------------------------------------------------------------- budget

/** Taka amounts in the Indian grouping the budget books print: ১২,৩৪,৫৬৭. */
function taka(n: number): string {
  const s = String(Math.round(n));
  const last3 = s.slice(-3);
  const rest = s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return bn(rest ? `${rest},${last3}` : last3);
}

/** Budget estimates by economic code of one office, in thousand taka, for a budget year and its neighbours. */
export function budgetPages(d: OtherDoc, o: { year: number; rows: number; landscape: boolean }): PageSpec[] {
  const rng = d.rng;
  const owner = rng.pick(BUDGET_OWNERS);
  const fy = (y: number) => bn(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  const y = o.year;
  const heads = o.landscape
    ? ['অর্থনৈতিক কোড', 'বিবরণ', `প্রকৃত ব্যয় ${fy(y - 2)}`, `বাজেট ${fy(y - 1)}`, `সংশোধিত বাজেট ${fy(y - 1)}`, `বাজেট প্রাক্কলন ${fy(y)}`, `প্রক্ষেপণ ${fy(y + 1)}`, `প্রক্ষেপণ ${fy(y + 2)}`]
    : ['অর্থনৈতিক কোড', 'বিবরণ', `বাজেট ${fy(y - 1)}`, `সংশোধিত বাজেট ${fy(y - 1)}`, `বাজেট প্রাক্কলন ${fy(y)}`];
  const rows = rng.sample(BUDGET_HEADS, Math.min(o.rows, BUDGET_HEADS.length)).sort((a, b) => a[0].localeCompare(b[0]));
  const cells: CellSpec[] = heads.map((t, c) => ({ r: 0, c, text: t, header: true }));
  let total = Array<number>(heads.length - 2).fill(0);
  rows.forEach(([code, name], i) => {
    const base = rng.int(80, 9000);
    const values = heads.slice(2).map(() => base * (0.85 + rng.next() * 0.35));
    total = total.map((t, k) => t + values[k]!);
    cells.push({ r: i + 1, c: 0, text: code, align: 'center' }, { r: i + 1, c: 1, text: name }, ...values.map((v, k) => ({ r: i + 1, c: k + 2, text: taka(v), align: 'right' as const })));
  });
  const last = rows.length + 1;
  cells.push({ r: last, c: 0, text: 'মোট', colspan: 2, align: 'center', bold: true }, ...total.map((v, k) => ({ r: last, c: k + 2, text: taka(v), align: 'right' as const, bold: true })));
  const table: TableSpec = {
    role: 'other',
    format: null,
    columnKeys: null,
    continuation: false,
    continues: false,
    nRows: last + 1,
    nCols: heads.length,
    headerRows: 1,
    colWidths: o.landscape ? [11, 25, 11, 11, 11, 11, 10, 10] : [14, 34, 17, 17, 18],
    cells,
    fontSize: 10,
    rule: ruled(),
  };
  const orientation: Orientation = o.landscape ? 'landscape' : 'portrait';
  const items: FlowItem[] = [
    para(`মধ্যমেয়াদি বাজেট কাঠামো: অর্থনৈতিক কোডভিত্তিক ব্যয় প্রাক্কলন ও প্রক্ষেপণ`, { size: 12.5, bold: true, align: 'center' }, { spaceAfterMm: 1 }),
    para(`দপ্তর/সংস্থা: ${owner}`, CENTER, { spaceAfterMm: 0.5 }),
    para('(অঙ্কসমূহ হাজার টাকায়)', { size: 10.5, align: 'right' }, { spaceAfterMm: 2 }),
    { kind: 'table', table },
  ];
  return paginate(items, (blocks) => page('budget_table', d, blocks, orientation), d.dpi);
}

// ---------------------------------------------------------------------------------------------- gazette

/** A Bangladesh Gazette (extraordinary) page carrying a rules notification in sadhu bhasha. */
export function gazettePage(d: OtherDoc): PageSpec[] {
  const rng = d.rng;
  const m = rng.pick(MINISTRIES);
  const g = rng.pick(GAZETTE_RULES);
  const published = d.date;
  const dated = addDays(published, -rng.int(1, 6));
  const year = bn(dated.y);
  const head: FlowItem[] = [
    para('রেজিস্টার্ড নং ডি এ-১', { size: 10, align: 'right' }, { spaceAfterMm: 1 }),
    para('বাংলাদেশ গেজেট', { size: 20, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    para('অতিরিক্ত সংখ্যা', { size: 12, align: 'center' }, { spaceAfterMm: 0.5 }),
    para('কর্তৃপক্ষ কর্তৃক প্রকাশিত', { size: 11, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(`${weekday(published)}, ${longDate(published)}`, { size: 11, align: 'center' }, { spaceAfterMm: 1 }),
    { kind: 'rule', spaceAfterMm: 3 },
    para('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', CENTER, { spaceAfterMm: 0.5 }),
    para(m.ministry, { size: 12, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(m.wing, CENTER, { spaceAfterMm: 2 }),
    para('প্রজ্ঞাপন', { size: 13, bold: true, align: 'center' }, { spaceAfterMm: 1 }),
    para(`তারিখ: ${banglaCalendarLine(dated)}/${longDate(dated)} খ্রিস্টাব্দ`, CENTER, { spaceAfterMm: 2 }),
    para(
      `এস, আর, ও নং ${bn(rng.int(40, 380))}-আইন/${year}।—${g.act} এর ধারা ${bn(rng.int(20, 60))} এ প্রদত্ত ক্ষমতাবলে সরকার নিম্নরূপ বিধিমালা প্রণয়ন করিল, যথা:—`,
      BODY,
      { indentMm: 10, spaceAfterMm: 2 },
    ),
    para(`${bn(1)}। সংক্ষিপ্ত শিরোনাম ও প্রবর্তন।—(১) এই বিধিমালা ${g.rules}, ${year} নামে অভিহিত হইবে।`, BODY, { indentMm: 10, spaceAfterMm: 0.5 }),
    para('(২) ইহা অবিলম্বে কার্যকর হইবে।', BODY, { indentMm: 10, spaceAfterMm: 1.5 }),
  ];
  const clauses = g.clauses.slice(0, rng.int(2, g.clauses.length)).map(([name, text], i) => para(`${bn(i + 2)}। ${name}।—${text}`, BODY, { indentMm: 10, spaceAfterMm: 1.5 }));
  const tail: FlowItem[] = [
    para('রাষ্ট্রপতির আদেশক্রমে', { size: 11.5, align: 'right' }, { spaceBeforeMm: 4, spaceAfterMm: 0 }),
    { ...signer(d, [], 'সচিব'), spaceBeforeMm: 8 },
    { kind: 'rule', spaceAfterMm: 1 },
    para(`${rng.pick(SIGNERS)}, উপপরিচালক, বাংলাদেশ সরকারি মুদ্রণালয়, তেজগাঁও, ঢাকা কর্তৃক মুদ্রিত। মূল্য: টাকা ${bn(rng.int(4, 16))}.০০`, { size: 9.5, align: 'center' }, { spaceBeforeMm: 2 }),
  ];
  // a gazette notification is one page here: drop clauses until it fits
  for (let n = clauses.length; n >= 1; n--) {
    const pages = paginate([...head, ...clauses.slice(0, n), ...tail], (blocks) => page('gazette_page', d, blocks), d.dpi);
    if (pages.length === 1) return pages;
  }
  return paginate([...head, ...clauses.slice(0, 1), ...tail], (blocks) => page('gazette_page', d, blocks), d.dpi);
}

// ---------------------------------------------------------------------------------------------- circular

/** A circular or notification of another ministry: letter-shaped (memo number, date, subject), unrelated topic. */
export function circularPages(d: OtherDoc): PageSpec[] {
  const rng = d.rng;
  const m = rng.pick(MINISTRIES);
  const c = rng.pick(CIRCULARS);
  const memo = `${m.code}.${bn(rng.int(10, 40))}.${bn(String(rng.int(1, 30)).padStart(3, '0'))}.${bn(d.date.y % 100)}-${bn(rng.int(10, 480))}`;
  const items: FlowItem[] = [
    para('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার', { size: 12.5, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(m.ministry, { size: 13, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    ...(m.division ? [para(m.division, CENTER, { spaceAfterMm: 0.5 })] : []),
    para(m.wing, CENTER, { spaceAfterMm: 0.5 }),
    para(m.site, { size: 10.5, align: 'center' }, { spaceAfterMm: 0.5 }),
    { kind: 'rule', spaceAfterMm: 4 },
    {
      kind: 'pair',
      left: [`স্মারক নং- ${memo}`],
      right: rng.chance(0.5) ? [banglaCalendarLine(d.date), `তারিখ: ${longDate(d.date)} খ্রিস্টাব্দ`] : [`তারিখ: ${numericDate(d.date, d.dateStyle)}`],
      style: { size: 11 },
      spaceAfterMm: 4,
    },
    para(c.title, { size: 14, bold: true, align: 'center', underline: true }, { spaceAfterMm: 2 }),
    para(c.subject, BODY, { label: 'বিষয়:', spaceAfterMm: 2.5 }),
    para(c.body[0]!, BODY, { indentMm: 10, spaceAfterMm: 1.5 }),
    ...c.body.slice(1).map((t, i) => para(t, BODY, { label: `${bn(i + 1)}।`, spaceAfterMm: 1 })),
    signer(d, [`ফোন: ${bn(`০২-৯৫${rng.int(10000, 99999)}`)}`]),
    para('বিতরণ (জ্যেষ্ঠতার ক্রমানুসারে নয়):', BODY, { spaceBeforeMm: 3, spaceAfterMm: 0.5 }),
    ...['সিনিয়র সচিব/সচিব, সকল মন্ত্রণালয়/বিভাগ', 'বিভাগীয় কমিশনার (সকল)', 'জেলা প্রশাসক (সকল)', 'সংরক্ষণ নথি'].map((t, i) => para(`${t}।`, BODY, { label: `${bn(i + 1)})`, spaceAfterMm: 0 })),
  ];
  return paginate(items, (blocks) => page('circular', d, blocks), d.dpi);
}

// ---------------------------------------------------------------------------------------------- prose

/** A page of ordinary prose: a title and paragraphs, no letterhead, no table. */
export function prosePage(d: OtherDoc): PageSpec[] {
  const rng = d.rng;
  const paragraphs = Array.from({ length: rng.int(4, 6) }, () => rng.sample(PROSE, rng.int(2, 4)).join(' '));
  const items: FlowItem[] = [para(rng.pick(PROSE_TITLES), { size: 14, bold: true, align: 'center' }, { spaceAfterMm: 4 }), ...paragraphs.map((t) => para(t, BODY, { indentMm: 8, spaceAfterMm: 2.5 }))];
  const pages = paginate(items, (blocks) => page('prose_page', d, blocks), d.dpi);
  return pages.slice(0, 1);
}
