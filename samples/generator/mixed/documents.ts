/**
 * Pages of a submission written in mixed script, as real offices write them (truth section `other`: they are none
 * of the four kinds the classifier names): an e-Governance progress table whose Bangla activity names carry the
 * systems' English names and whose evidence column holds web addresses; a contact list with an English header
 * row, ASCII office codes, mobile numbers and e-mail addresses; and a table of trainings written wholly in English.
 * Each page opens with Bangla sentences that carry English terms, addresses and telephone numbers.
 */
import { bn, numericDate, type DateStyle, type Ymd, addDays } from '../bangla.js';
import type { FontId } from '../fonts.js';
import type { Block, CellSpec, PageSpec, ParaBlock, TableSpec, TextStyle } from '../model.js';
import { email, memoGeocode, officeName, website, type Office } from '../offices.js';
import { paginate, type FlowItem } from '../paginate.js';
import { officeStaff } from '../people.js';
import type { Rng } from '../prng.js';
import { ACTIVITIES, DESIGNATIONS_EN, LINKS, MAIL_NAMES, MONTHS_EN, REMARKS_EN, SENTENCES, TRAININGS } from './vocab.js';

export type MixedSubtype = Extract<PageSpec['subtype'], 'egov_activity_table' | 'contact_table' | 'english_table'>;

export interface MixedDoc {
  rng: Rng;
  font: FontId;
  dpi: number;
  office: Office;
  /** a day of the reported quarter */
  date: Ymd;
  dateStyle: DateStyle;
}

const BODY: TextStyle = { size: 11.5 };
const para = (text: string, style: TextStyle = BODY, extra: Partial<ParaBlock> = {}): ParaBlock => ({ kind: 'para', text: text.normalize('NFC'), style, ...extra });
const ruled = (): TableSpec['rule'] => ({ widthPx300: 2, faint: 0.05, broken: 0.03 });

function page(subtype: MixedSubtype, d: MixedDoc, blocks: Block[]): PageSpec {
  return { section: 'other', subtype, orientation: 'portrait', font: d.font, blocks };
}

/** A mobile number as offices print it, ASCII digits: 01712-345678, 01712345678 or +8801712345678. */
export function mobile(rng: Rng): string {
  const op = rng.pick(['3', '4', '5', '6', '7', '8', '9']);
  const rest = Array.from({ length: 8 }, () => String(rng.int(0, 9))).join('');
  const n = `01${op}${rest}`;
  return rng.pick([`${n.slice(0, 5)}-${n.slice(5)}`, n, `+88${n}`]);
}

/** The office's code in ASCII digits: the BBS geocode part of its memo numbers (47.61.DDUU). */
export function officeCode(o: Office): string {
  return `47.61.${memoGeocode(o)}`;
}

function letters(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => 'abcdefghijkmnopqrstuvwxyz'[rng.int(0, 24)]).join('');
}

function link(rng: Rng, o: Office): string {
  return rng
    .pick(LINKS)
    .replace('{site}', website(o, rng.int(0, 1)))
    .replace('{slug}', o.slug.upazila ?? o.slug.district ?? o.slug.division)
    .replace('{meet}', `${letters(rng, 3)}-${letters(rng, 4)}-${letters(rng, 3)}`)
    .replace('{zoom}', Array.from({ length: 10 }, () => String(rng.int(1, 9))).join(''));
}

function sentences(d: MixedDoc, n: number): string {
  const o = d.office;
  return d.rng
    .sample(SENTENCES, n)
    .map((s) => s.replace('{site}', website(o, d.rng.int(0, 1))).replace('{email}', email(o)).replace('{mobile}', mobile(d.rng)))
    .join(' ');
}

function heading(d: MixedDoc, title: string): FlowItem[] {
  return [
    para(officeName(d.office), { size: 12.5, bold: true, align: 'center' }, { spaceAfterMm: 0.5 }),
    para(website(d.office, d.rng.int(0, 1)), { size: 10.5, align: 'center' }, { spaceAfterMm: 3 }),
    para(title, { size: 12.5, bold: true, align: 'center' }, { spaceAfterMm: 2 }),
  ];
}

/** ক্রমিক | কার্যক্রম | প্ল্যাটফর্ম | সংখ্যা | তারিখ | প্রমাণক (লিংক): Bangla counts and dates, English names and links. */
export function activityPage(d: MixedDoc, o: { rows: number }): PageSpec[] {
  const rng = d.rng;
  const heads = ['ক্রমিক', 'কার্যক্রম', 'প্ল্যাটফর্ম', 'সংখ্যা', 'তারিখ', 'প্রমাণক (লিংক)'];
  const rows = rng.sample(ACTIVITIES, Math.min(o.rows, ACTIVITIES.length));
  const cells: CellSpec[] = heads.map((text, c) => ({ r: 0, c, text, header: true }));
  rows.forEach(([activity, platform], i) => {
    const r = i + 1;
    const count = rng.pick([bn(rng.int(1, 60)), `${bn(rng.int(1, 12))}টি`, `${bn(rng.pick([80, 90, 95, 100]))}%`]);
    cells.push(
      { r, c: 0, text: `${bn(r)}.`, align: 'center' },
      { r, c: 1, text: activity },
      { r, c: 2, text: platform, align: 'center' },
      { r, c: 3, text: count, align: 'center' },
      { r, c: 4, text: numericDate(addDays(d.date, rng.int(-40, 40)), d.dateStyle), align: 'center' },
      { r, c: 5, text: link(rng, d.office) },
    );
  });
  const table: TableSpec = { role: 'other', format: null, columnKeys: null, continuation: false, continues: false, nRows: rows.length + 1, nCols: 6, headerRows: 1, colWidths: [7, 30, 14, 9, 13, 27], cells, fontSize: 9.5, rule: ruled() };
  const items: FlowItem[] = [
    ...heading(d, 'ই-গভর্ন্যান্স কার্যক্রম বাস্তবায়নের অগ্রগতি (e-Governance Activities)'),
    para(sentences(d, 3), BODY, { spaceAfterMm: 3, indentMm: 8 }),
    { kind: 'table', table },
  ];
  return paginate(items, (blocks) => page('egov_activity_table', d, blocks), d.dpi);
}

/** A contact list under an English header row: SL | Name | Designation | Office Code | Mobile | E-mail. */
export function contactPage(d: MixedDoc, o: { rows: number }): PageSpec[] {
  const rng = d.rng;
  const staff = officeStaff(rng, d.office, o.rows);
  const english = rng.chance(0.5);
  const heads = ['SL', 'Name', 'Designation', 'Office Code', 'Mobile', 'E-mail'];
  const cells: CellSpec[] = heads.map((text, c) => ({ r: 0, c, text, header: true }));
  const names = rng.sample(MAIL_NAMES, staff.length);
  staff.forEach((p, i) => {
    const r = i + 1;
    const mail = rng.chance(0.6) ? `${names[i]}${rng.int(10, 99)}@gmail.com` : i === 0 ? email(d.office) : `${names[i]}@coop.gov.bd`;
    cells.push(
      { r, c: 0, text: String(r), align: 'center' },
      { r, c: 1, text: p.name },
      { r, c: 2, text: english ? DESIGNATIONS_EN[i % DESIGNATIONS_EN.length]! : p.designation },
      { r, c: 3, text: officeCode(d.office), align: 'center' },
      { r, c: 4, text: mobile(rng), align: 'center' },
      { r, c: 5, text: mail },
    );
  });
  const table: TableSpec = { role: 'other', format: null, columnKeys: null, continuation: false, continues: false, nRows: staff.length + 1, nCols: 6, headerRows: 1, colWidths: [6, 20, 22, 13, 16, 27], cells, fontSize: 9.5, rule: ruled() };
  const phone = `0${rng.int(2, 9)}${rng.int(1, 9)}-${Array.from({ length: 6 }, () => String(rng.int(0, 9))).join('')}`;
  const items: FlowItem[] = [
    ...heading(d, 'কর্মকর্তা-কর্মচারীদের যোগাযোগের তালিকা (Contact List)'),
    para(`অফিস কোড: ${officeCode(d.office)}, টেলিফোন: ${phone}, ই-মেইল: ${email(d.office)}। ${sentences(d, 2)}`, BODY, { spaceAfterMm: 3, indentMm: 8 }),
    { kind: 'table', table },
  ];
  return paginate(items, (blocks) => page('contact_table', d, blocks), d.dpi);
}

/** A table wholly in English: the quarter's trainings and meetings, ASCII dates and counts. */
export function englishPage(d: MixedDoc, o: { rows: number }): PageSpec[] {
  const rng = d.rng;
  const heads = ['Sl. No.', 'Name of Training / Meeting', 'Platform', 'Date', 'Participants', 'Remarks'];
  const rows = rng.sample(TRAININGS, Math.min(o.rows, TRAININGS.length));
  const cells: CellSpec[] = heads.map((text, c) => ({ r: 0, c, text, header: true }));
  const longDates = rng.chance(0.5);
  rows.forEach(([title, platform], i) => {
    const r = i + 1;
    const day = addDays(d.date, rng.int(-40, 40));
    const date = longDates ? `${day.d} ${MONTHS_EN[day.m - 1]} ${day.y}` : `${String(day.d).padStart(2, '0')}/${String(day.m).padStart(2, '0')}/${day.y}`;
    cells.push(
      { r, c: 0, text: `${r}.`, align: 'center' },
      { r, c: 1, text: title },
      { r, c: 2, text: platform, align: 'center' },
      { r, c: 3, text: date, align: 'center' },
      { r, c: 4, text: String(rng.int(8, 60)), align: 'center' },
      { r, c: 5, text: rng.pick(REMARKS_EN), align: 'center' },
    );
  });
  const table: TableSpec = { role: 'other', format: null, columnKeys: null, continuation: false, continues: false, nRows: rows.length + 1, nCols: 6, headerRows: 1, colWidths: [7, 33, 15, 17, 14, 14], cells, fontSize: 10, rule: ruled() };
  const items: FlowItem[] = [
    ...heading(d, 'প্রশিক্ষণ ও সভার তালিকা (List of Trainings and Meetings)'),
    para(sentences(d, 2), BODY, { spaceAfterMm: 3, indentMm: 8 }),
    { kind: 'table', table },
  ];
  return paginate(items, (blocks) => page('english_table', d, blocks), d.dpi);
}
