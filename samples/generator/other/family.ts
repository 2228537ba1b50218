/**
 * The generator's second family (`generate.ts --family other`, the default for seeds starting "other-"): PDFs as
 * an archive of scans really holds them. A long bundle of a ministry's FAQ pages and nothing else; a submission
 * with a circular, a Gazette page and FAQ pages scanned in after it; budget tables, prose and a circular with no
 * submission at all; and submissions of our own kind laid out in ways the first family does not use (minutes
 * that open like a letter, with their decisions as a table or as numbered paragraphs; notices, office orders)
 * followed by unrelated pages. Unrelated pages are section `other` with subtypes faq_table, budget_table,
 * gazette_page, prose_page, circular; a PDF without a submission has null metadata in its truth.
 *
 * Kept apart from the first family (plans.ts, submission.ts), so `npm run samples` renders the committed samples
 * unchanged.
 */
import { addDays, DATE_STYLES, isoDate, type Ymd } from '../bangla.js';
import type { FiscalYear } from '../catalogue.js';
import type { AnnexFormat, PageSpec } from '../model.js';
import { DISTRICT_OFFICES, officeName, UPAZILA_OFFICES } from '../offices.js';
import { FONTS, type FontId } from '../fonts.js';
import { imagePdf } from '../pdf.js';
import { Rng } from '../prng.js';
import { renderPage } from '../render.js';
import type { Rotation, Tier } from '../scan.js';
import { makeDoc, sectionPages, type SectionPlan, type SubmissionPlan } from '../submission.js';
import { SubmissionTruthSchema, type PageTruth } from '../truth.js';
import type { BuiltSubmission } from '../submission.js';
import { budgetPages, circularPages, faqPages, gazettePage, prosePage, type OtherDoc } from './documents.js';
import { minutesWithMemo } from './minutes.js';
import { activityPage, contactPage, englishPage } from '../mixed/documents.js';

export type FamilyPart =
  | { kind: 'apa'; section: SectionPlan }
  | { kind: 'minutes_memo'; decisionsTable: boolean }
  | { kind: 'faq'; questions: number }
  | { kind: 'budget'; rows: number; landscape: boolean }
  | { kind: 'gazette' }
  | { kind: 'circular' }
  | { kind: 'prose' }
  // a page of the mixed-script family (samples/generator/mixed/): needs the plan's submission for its office
  | { kind: 'mixed'; page: 'activity' | 'contact' | 'english'; rows: number };

export interface FamilyPlan {
  id: string;
  seed: string;
  tier: Tier;
  dpi: number;
  font: FontId;
  /** the submission the PDF carries (its metadata is the truth's); null: no submission, only unrelated pages */
  submission: SubmissionPlan | null;
  parts: (FamilyPart & { rotation?: Rotation[] })[];
  /** the family named in the truth's generator field (default 'other') */
  family?: string;
}

const PERIODS: [FiscalYear, AnnexFormat][] = [
  ['2021-22', 'B'],
  ['2022-23', 'A'],
  ['2022-23', 'B'],
  ['2023-24', 'C'],
  ['2024-25', 'D'],
];

/** Five PDFs of the second family, every choice drawn from the seed. */
export function familyPlans(seed: string): FamilyPlan[] {
  const rng = new Rng(`${seed}:family-other`);
  const fonts = Object.keys(FONTS) as FontId[];
  const submission = (id: string, tier: Tier, dpi: number, font: FontId, district = false): SubmissionPlan => {
    const [fy, format] = rng.pick(PERIODS);
    const quarter = rng.pick([1, 2, 3, 4] as const);
    return { id, seed: `${seed}:${id}`, tier, dpi, font, office: rng.pick(district ? DISTRICT_OFFICES : UPAZILA_OFFICES), fy, quarter, format, annexFontSize: format === 'A' ? 9.5 : 8.5, sections: [] };
  };
  const plan = (id: string, tier: Tier, dpi: number, withSubmission: boolean, parts: FamilyPlan['parts']): FamilyPlan => {
    const font = rng.pick(fonts);
    return { id, seed: `${seed}:${id}`, tier, dpi, font, submission: withSubmission ? submission(id, tier, dpi, font, rng.chance(0.3)) : null, parts };
  };
  return [
    // a long bundle of unknown pages: nothing in it may take another page's class
    plan('oth_001', 'typical', 200, false, [{ kind: 'faq', questions: rng.int(40, 48) }]),
    // a submission, then unrelated pages scanned in after it
    plan('oth_002', 'clean', 300, true, [
      { kind: 'apa', section: { kind: 'cover_letter' } },
      { kind: 'apa', section: { kind: 'annex' } },
      { kind: 'circular' },
      { kind: 'gazette' },
      { kind: 'faq', questions: rng.int(8, 11) },
    ]),
    // no submission: budget tables (one landscape), prose and a circular
    plan('oth_003', 'typical', 250, false, [{ kind: 'budget', rows: rng.int(10, 14), landscape: false }, { kind: 'budget', rows: rng.int(12, 16), landscape: true }, { kind: 'prose' }, { kind: 'circular' }]),
    // our own kind, laid out otherwise: a notice, minutes opening like a letter (decisions as paragraphs), attendance
    plan('oth_004', 'hard', 200, true, [
      { kind: 'apa', section: { kind: 'notice' } },
      { kind: 'minutes_memo', decisionsTable: false },
      { kind: 'apa', section: { kind: 'attendance' } },
      { kind: 'apa', section: { kind: 'annex' } },
      { kind: 'apa', section: { kind: 'certificate', indicator: '1.1.1' } },
      { kind: 'prose' },
    ]),
    // an office order, minutes opening like a letter with a decisions table, the Annex 5 and a budget page
    plan('oth_005', 'typical', 200, true, [
      { kind: 'apa', section: { kind: 'cover_letter' } },
      { kind: 'apa', section: { kind: 'office_order' } },
      { kind: 'minutes_memo', decisionsTable: true },
      { kind: 'apa', section: { kind: 'annex' } },
      { kind: 'budget', rows: rng.int(8, 12), landscape: false },
    ]),
  ];
}

function otherDoc(plan: FamilyPlan, k: number, near: Ymd | null): OtherDoc {
  const rng = new Rng(`${plan.seed}:part${k}`);
  const date = near ? addDays(near, rng.int(-200, 200)) : { y: rng.int(2021, 2025), m: rng.int(1, 12), d: rng.int(1, 28) };
  return { rng, font: plan.font, dpi: plan.dpi, date, dateStyle: rng.pick(DATE_STYLES) };
}

function mixedPages(plan: FamilyPlan, k: number, part: Extract<FamilyPart, { kind: 'mixed' }>, doc: ReturnType<typeof makeDoc>): PageSpec[] {
  const rng = new Rng(`${plan.seed}:part${k}`);
  const d = { rng, font: plan.font, dpi: plan.dpi, office: plan.submission!.office, date: addDays(doc.submissionDate, -rng.int(5, 60)), dateStyle: rng.pick(DATE_STYLES) };
  if (part.page === 'activity') return activityPage(d, { rows: part.rows });
  if (part.page === 'contact') return contactPage(d, { rows: part.rows });
  return englishPage(d, { rows: part.rows });
}

export async function buildFamilySubmission(plan: FamilyPlan): Promise<BuiltSubmission> {
  const doc = plan.submission ? makeDoc(plan.submission) : null;
  const pages: PageTruth[] = [];
  const jpegs: Buffer[] = [];
  const pdfPages: { jpeg: Buffer; width: number; height: number; dpi: number }[] = [];
  const sections: { index: number; section: PageTruth['section']; subtype: string; pages: number[] }[] = [];
  for (const [si, part] of plan.parts.entries()) {
    if ((part.kind === 'apa' || part.kind === 'minutes_memo' || part.kind === 'mixed') && (!doc || !plan.submission)) throw new Error(`${plan.id}: a ${part.kind} part needs the plan's submission`);
    let specs: PageSpec[];
    switch (part.kind) {
      case 'apa':
        specs = sectionPages(doc!, part.section, plan.submission!);
        break;
      case 'minutes_memo':
        specs = minutesWithMemo(doc!, { decisionsTable: part.decisionsTable });
        break;
      case 'faq':
        specs = faqPages(otherDoc(plan, si, null), { questions: part.questions });
        break;
      case 'budget':
        specs = budgetPages(otherDoc(plan, si, null), { year: 2020 + new Rng(`${plan.seed}:by${si}`).int(2, 5), rows: part.rows, landscape: part.landscape });
        break;
      case 'gazette':
        specs = gazettePage(otherDoc(plan, si, doc?.submissionDate ?? null));
        break;
      case 'circular':
        specs = circularPages(otherDoc(plan, si, doc?.submissionDate ?? null));
        break;
      case 'prose':
        specs = prosePage(otherDoc(plan, si, null));
        break;
      case 'mixed':
        specs = mixedPages(plan, si, part, doc!);
        break;
    }
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
        ...(part.rotation?.[k] !== undefined ? { rotation: part.rotation[k] } : {}),
      });
      pages.push(r.truth);
      jpegs.push(r.jpeg!);
      pdfPages.push({ jpeg: r.jpeg!, width: r.width, height: r.height, dpi: plan.dpi });
      numbers.push(n);
    }
    sections.push({ index: si, section: specs[0]!.section, subtype: specs[0]!.subtype, pages: numbers });
  }
  const s = plan.submission;
  const o = s?.office;
  const truth = {
    id: plan.id,
    sourcePdf: `${plan.id}.pdf`,
    generator: { name: `apa-ocr samples/generator (family ${plan.family ?? 'other'})`, seed: plan.seed, version: 1 },
    office: o ? { name: officeName(o), level: o.level, upazila: o.upazila, district: o.district, division: o.division } : { name: null, level: null, upazila: null, district: null, division: null },
    fiscalYear: s?.fy ?? null,
    quarter: s?.quarter ?? null,
    submissionDate: doc ? isoDate(doc.submissionDate) : null,
    annexFormat: s && plan.parts.some((p) => p.kind === 'apa' && p.section.kind === 'annex') ? s.format : null,
    tier: plan.tier,
    font: FONTS[plan.font].name,
    dpi: plan.dpi,
    pageCount: pages.length,
    sections,
    pages,
  };
  FamilyTruthSchema.parse(truth);
  const when = doc?.submissionDate ?? { y: 2024, m: 1, d: 1 };
  const pdf = await imagePdf(pdfPages, { title: plan.id, date: new Date(Date.UTC(when.y, when.m - 1, when.d, 10, 30)) });
  return { pdf, truth: truth as unknown as BuiltSubmission['truth'], jpegs };
}

/** The first family's truth, with the submission's metadata null where the PDF carries no submission. */
export const FamilyTruthSchema = SubmissionTruthSchema.extend({
  office: SubmissionTruthSchema.shape.office.extend({
    name: SubmissionTruthSchema.shape.office.shape.name.nullable(),
    level: SubmissionTruthSchema.shape.office.shape.level.nullable(),
    division: SubmissionTruthSchema.shape.office.shape.division.nullable(),
  }),
  fiscalYear: SubmissionTruthSchema.shape.fiscalYear.nullable(),
  quarter: SubmissionTruthSchema.shape.quarter.nullable(),
  submissionDate: SubmissionTruthSchema.shape.submissionDate.nullable(),
});
