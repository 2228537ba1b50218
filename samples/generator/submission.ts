/**
 * A whole submission: its office, fiscal year, quarter and Annex format, the sections in order, each
 * section's pages rendered and scanned, the image-only PDF and the truth file.
 */
import { addDays, bn, DATE_STYLES, isoDate, quarterRange, type Ymd } from './bangla.js';
import { annexData, drawAnnexStyle, type Quarter } from './annex.js';
import type { FiscalYear } from './catalogue.js';
import * as D from './documents.js';
import { FONTS, type FontId } from './fonts.js';
import type { AnnexFormat, PageSpec } from './model.js';
import { memoGeocode, officeName, type Office } from './offices.js';
import { imagePdf } from './pdf.js';
import { officeStaff, phone } from './people.js';
import { Rng } from './prng.js';
import { renderPage } from './render.js';
import type { Rotation, Tier } from './scan.js';
import type { PageTruth, SubmissionTruth } from './truth.js';

export type SectionKind = 'cover_letter' | 'notice' | 'office_order' | 'annex' | 'certificate' | 'attendance' | 'minutes_body' | 'website' | 'innovation' | 'cover_page';

export interface SectionPlan {
  kind: SectionKind;
  /** a section typed by someone else, in another font */
  font?: FontId;
  /** rotation of the section's pages, by page; unset pages draw theirs from the tier */
  rotation?: Rotation[];
  /** seal on the section's signature blocks (all of them); unset draws from the tier */
  seals?: boolean;
  /** continuation pages repeat the table header (annex, minutes) */
  repeatHeader?: boolean;
  /** certificate: which indicator it certifies, e.g. "5.1.1" */
  indicator?: string;
  /** innovation database in the wide 8-column landscape layout */
  wide?: boolean;
}

export interface SubmissionPlan {
  id: string;
  seed: string;
  tier: Tier;
  dpi: number;
  font: FontId;
  office: Office;
  fy: FiscalYear;
  quarter: Quarter;
  format: AnnexFormat;
  annexFontSize?: number;
  staff?: number;
  sections: SectionPlan[];
}

export interface BuiltSubmission {
  pdf: Uint8Array;
  truth: SubmissionTruth;
  /** page JPEGs as stored in the PDF */
  jpegs: Buffer[];
}

function workday(d: Ymd): Ymd {
  let x = d;
  // Friday and Saturday are the weekend in Bangladesh
  while ([5, 6].includes(new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay())) x = addDays(x, 1);
  return x;
}

export function makeDoc(plan: SubmissionPlan): D.Doc {
  const rng = new Rng(`${plan.seed}:doc`);
  const o = plan.office;
  const qLast = plan.quarter === 'H1' ? 2 : plan.quarter;
  const qr = quarterRange(plan.fy, qLast);
  const dateStyle = rng.pick([DATE_STYLES[0]!, DATE_STYLES[0]!, DATE_STYLES[1]!, DATE_STYLES[3]!]);
  const yy = (Number(plan.fy.slice(0, 4)) - rng.int(0, 2)) % 100;
  const memoPrefix = o.level === 'division' ? `৪৭.৬১.০০০০.৩২১.০৫.০০১.${bn(yy)}` : `৪৭.৬১.${bn(memoGeocode(o))}.০০০.${rng.pick(['০৫.০০৩', '০১.০১৮', '২৫.০০১', '০৬.০০২'])}.${bn(yy)}`;
  const annexStyle = drawAnnexStyle(rng.fork('annex-style'), dateStyle);
  return {
    rng,
    office: o,
    fy: plan.fy,
    quarter: plan.quarter,
    staff: officeStaff(rng.fork('staff'), o, plan.staff ?? rng.int(4, 5)),
    font: plan.font,
    dpi: plan.dpi,
    dateStyle,
    dateSuffix: rng.pick(['খ্রি:', 'খ্রি.', 'খ্রিঃ', '']),
    phone: phone(rng),
    webVariant: rng.int(0, 1),
    memoPrefix,
    submissionDate: workday(addDays(qr.to, rng.int(3, 12))),
    meetingDate: workday(addDays(qr.from, rng.int(35, 75))),
    annex: annexData(rng.fork('annex'), plan.fy, plan.format, plan.quarter, o.level, annexStyle),
    meetingTopic: rng.pick(D.MEETING_TOPICS),
    meetingTime: D.meetingTime(rng),
  };
}

export function sectionPages(doc: D.Doc, s: SectionPlan, plan: SubmissionPlan): PageSpec[] {
  const d = s.font ? { ...doc, font: s.font } : doc;
  const topic = doc.meetingTopic;
  const time = doc.meetingTime;
  switch (s.kind) {
    case 'cover_letter':
      return D.coverLetter(d);
    case 'notice':
      return D.notice(d, topic, time);
    case 'office_order':
      return D.officeOrder(d);
    case 'annex':
      return D.annexPages(d, { repeatHeader: s.repeatHeader ?? false, fontSize: plan.annexFontSize ?? 9.5 });
    case 'certificate':
      return D.certificate(d, s.indicator ?? '1.1.1');
    case 'attendance':
      return D.attendance(d, topic, time);
    case 'minutes_body':
      return D.minutesBody(d, topic, time, { repeatHeader: s.repeatHeader ?? false });
    case 'website':
      return D.websiteUpdate(d);
    case 'innovation':
      return D.innovationDb(d, { wide: s.wide ?? false });
    case 'cover_page':
      return D.coverPage(d);
  }
}

export async function buildSubmission(plan: SubmissionPlan, onPage?: (n: number, truth: PageTruth) => void): Promise<BuiltSubmission> {
  const doc = makeDoc(plan);
  const pages: PageTruth[] = [];
  const jpegs: Buffer[] = [];
  const pdfPages: { jpeg: Buffer; width: number; height: number; dpi: number }[] = [];
  const sections: SubmissionTruth['sections'] = [];
  for (const [si, s] of plan.sections.entries()) {
    const specs = sectionPages(doc, s, plan);
    const numbers: number[] = [];
    for (const [k, spec] of specs.entries()) {
      const n = pages.length + 1;
      const r = await renderPage({
        page: spec,
        dpi: plan.dpi,
        tier: plan.tier,
        seed: `${plan.seed}:page${n}`,
        pageNumber: n,
        sectionIndex: si,
        encode: ['jpeg'],
        ...(s.rotation?.[k] !== undefined ? { rotation: s.rotation[k] } : {}),
        ...(s.seals !== undefined ? { seals: s.seals } : {}),
      });
      pages.push(r.truth);
      jpegs.push(r.jpeg!);
      pdfPages.push({ jpeg: r.jpeg!, width: r.width, height: r.height, dpi: plan.dpi });
      numbers.push(n);
      onPage?.(n, r.truth);
    }
    sections.push({ index: si, section: specs[0]!.section, subtype: specs[0]!.subtype, pages: numbers });
  }
  const o = plan.office;
  const truth: SubmissionTruth = {
    id: plan.id,
    sourcePdf: `${plan.id}.pdf`,
    generator: { name: 'apa-ocr samples/generator', seed: plan.seed, version: 1 },
    office: { name: officeName(o), level: o.level, upazila: o.upazila, district: o.district, division: o.division },
    fiscalYear: plan.fy,
    quarter: plan.quarter,
    submissionDate: isoDate(doc.submissionDate),
    annexFormat: plan.format,
    tier: plan.tier,
    font: FONTS[plan.font].name,
    dpi: plan.dpi,
    pageCount: pages.length,
    sections,
    pages,
  };
  const s = doc.submissionDate;
  const pdf = await imagePdf(pdfPages, { title: plan.id, date: new Date(Date.UTC(s.y, s.m - 1, s.d, 10, 30)) });
  return { pdf, truth, jpegs };
}
