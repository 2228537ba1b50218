/**
 * Minutes (কার্যবিবরণী) the way many offices type them: as a letter, with the memo line and date, a subject
 * naming the meeting, then the chair, the meeting's date and place, and the decisions either in a ruled table or
 * as numbered paragraphs (আলোচ্য বিষয় / সিদ্ধান্ত / বাস্তবায়নে). Truth section `minutes`, subtype
 * `minutes_body`: the page opens like a letter but is the meeting's record.
 */
import { addDays, bn } from '../bangla.js';
import * as D from '../documents.js';
import type { Block, CellSpec, PageSpec, ParaBlock, TableSpec, TextStyle } from '../model.js';
import { officeName, officePlace } from '../offices.js';
import { paginate, type FlowItem } from '../paginate.js';

const BODY: TextStyle = { size: 11.5 };
const para = (text: string, style: TextStyle = BODY, extra: Partial<ParaBlock> = {}): ParaBlock => ({ kind: 'para', text: text.normalize('NFC'), style, ...extra });

interface Item {
  topic: string;
  decision: string;
  who: string;
}

function items(doc: D.Doc): Item[] {
  const h = doc.staff[0]!;
  const s = doc.staff[1] ?? h;
  const out: Item[] = [{ topic: 'বিগত সভার কার্যবিবরণী পাঠ ও অনুমোদন।', decision: 'বিগত সভার কার্যবিবরণী সর্বসম্মতিক্রমে অনুমোদিত হয়।', who: `${s.name}, ${s.designation}` }];
  for (const group of doc.annex.groups.slice(0, 3)) {
    const a = group[0]!.activity;
    out.push({
      topic: `কর্মপরিকল্পনার [${bn(a.code)}] ${a.text} বিষয়ে চলতি ত্রৈমাসিকের অগ্রগতি পর্যালোচনা করা হয়।`,
      decision: doc.rng.pick(['নির্ধারিত সময়ের মধ্যে লক্ষ্যমাত্রা অর্জনের সিদ্ধান্ত গৃহীত হয়।', 'প্রমাণকসহ অগ্রগতি প্রতিবেদন যথাসময়ে প্রেরণের সিদ্ধান্ত গৃহীত হয়।', 'পরবর্তী ত্রৈমাসিকে কার্যক্রম জোরদার করার সিদ্ধান্ত গৃহীত হয়।']),
      who: doc.rng.chance(0.5) ? `${h.name}, ${h.designation}` : `${s.name}, ${s.designation}`,
    });
  }
  return out;
}

/** Minutes that open with a memo line, a date and a subject, like a letter. */
export function minutesWithMemo(doc: D.Doc, o: { decisionsTable: boolean }): PageSpec[] {
  const rng = doc.rng;
  const h = doc.staff[0]!;
  const s = doc.staff[1] ?? h;
  const topic = doc.meetingTopic;
  const issued = addDays(doc.meetingDate, rng.int(0, 3));
  const list = items(doc);
  const heads = ['ক্র. নং', 'আলোচ্য বিষয়', 'সিদ্ধান্ত', 'বাস্তবায়নে'];
  const build = (from: number, to: number, first: boolean): TableSpec => {
    const cells: CellSpec[] = first ? heads.map((t, c) => ({ r: 0, c, text: t, header: true })) : [];
    let r = first ? 1 : 0;
    for (let i = from; i < to; i++, r++) {
      const it = list[i]!;
      cells.push({ r, c: 0, text: `${bn(i + 1)}।`, align: 'center' }, { r, c: 1, text: it.topic }, { r, c: 2, text: it.decision }, { r, c: 3, text: it.who });
    }
    return { role: 'decisions', format: null, columnKeys: null, continuation: from > 0, continues: to < list.length, nRows: r, nCols: 4, headerRows: first ? 1 : 0, colWidths: [9, 40, 30, 24], cells, fontSize: 10.5, rule: { widthPx300: 2, faint: 0.1, broken: 0.05 } };
  };
  const decisions: FlowItem[] = o.decisionsTable
    ? [{ kind: 'splitTable', groups: list.length, build }]
    : list.flatMap((it, i): FlowItem[] => [
        para(it.topic, { size: 11.5, bold: true }, { label: `আলোচ্য বিষয়-${bn(i + 1)}:`, spaceAfterMm: 0.5 }),
        para(it.decision, BODY, { label: 'সিদ্ধান্ত:', spaceAfterMm: 0.5 }),
        para(it.who, BODY, { label: 'বাস্তবায়নে:', spaceAfterMm: 2 }),
      ]);
  const flow: FlowItem[] = [
    ...D.letterhead(doc, { slogan: rng.chance(0.4), ministry: false, website: rng.chance(0.6), rule: true }, issued),
    { kind: 'pair', left: [`স্মারক নং: ${doc.memoPrefix}-${bn(rng.int(60, 480))}`], right: [`তারিখ: ${D.dateText(doc, issued)}`], style: { size: 11 }, spaceAfterMm: 3 },
    para(`${officeName(doc.office)} এর ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা, ${D.fyText(doc)} বাস্তবায়ন কমিটির “${topic}” সভার কার্যবিবরণী।`, BODY, { label: 'বিষয়:', spaceAfterMm: 2.5 }),
    para(`সভাপতি: ${h.name}, ${h.designation}, ${officePlace(doc.office)}`, BODY, { spaceAfterMm: 0 }),
    para(`সভার তারিখ: ${D.dateText(doc, doc.meetingDate)}`, BODY, { spaceAfterMm: 0 }),
    para(`সময়: ${doc.meetingTime} ঘটিকা`, BODY, { spaceAfterMm: 0 }),
    para(`স্থান: ${officeName(doc.office)} এর সভাকক্ষ`, BODY, { spaceAfterMm: 0 }),
    para('উপস্থিতি: পরিশিষ্ট-‘ক’', BODY, { spaceAfterMm: 2 }),
    para(
      `সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কাজ শুরু করেন। সদস্য সচিব ${s.name} আলোচ্যসূচি উপস্থাপন করেন। বিস্তারিত আলোচনার পর সভায় নিম্নরূপ সিদ্ধান্ত গৃহীত হয়:`,
      BODY,
      { indentMm: 10, spaceAfterMm: 2 },
    ),
    ...decisions,
    para('আর কোন আলোচ্য বিষয় না থাকায় সভাপতি সকলকে ধন্যবাদ জানিয়ে সভার সমাপ্তি ঘোষণা করেন।', BODY, { indentMm: 10, spaceBeforeMm: 1, keepWithPrevious: true }),
    { ...D.signBlock(doc, { convenor: true, spaceBeforeMm: 12 }), keepWithPrevious: true },
  ];
  const template = (blocks: Block[]): PageSpec => ({ section: 'minutes', subtype: 'minutes_body', orientation: 'portrait', font: doc.font, blocks });
  return paginate(flow, template, doc.dpi);
}
