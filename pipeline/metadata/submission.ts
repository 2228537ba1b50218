/**
 * Submission metadata (office, fiscal year, quarter, submission date, Annex 5 format) from the evidence of
 * all pages, by weighted voting; and detection of PDFs that bundle two offices' or two periods' submissions.
 * A value the evidence does not settle gets a low confidence (or stays null), never a confident guess.
 */
import type { MetaProvenance, Office, SubmissionMeta } from '../../models/submission.js';
import type { Quarter } from '../../models/value.js';
import { pageEvidence, type Evidence, type MetaPage, type PageEvidence } from './evidence.js';
import { combineOfficeReadings, type OfficeDisagreement, type OfficeFinding, type OfficeReading } from './office.js';
import { dateProblem, periodBounds, submissionDateWindow } from '../normalise/ranges.js';
import { rereadDateInWindow } from './norm.js';

export type { MetaPage } from './evidence.js';

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

export interface Vote<T> {
  value: T | null;
  confidence: number;
  /** the strongest piece of evidence for the value: its page and source are the provenance */
  best: Evidence<T> | null;
  /** evidence for other values */
  against: Evidence<T>[];
}

/**
 * Weighted vote over pieces of evidence. Confidence = share of the weight behind the winner × how much
 * weight there is (one weak mention is not enough to be sure).
 */
export function vote<T>(evidence: readonly Evidence<T>[], keyOf: (v: T) => string = (v) => JSON.stringify(v)): Vote<T> {
  if (evidence.length === 0) return { value: null, confidence: 0, best: null, against: [] };
  const totals = new Map<string, { w: number; items: Evidence<T>[] }>();
  for (const e of evidence) {
    const k = keyOf(e.value);
    const t = totals.get(k) ?? { w: 0, items: [] };
    t.w += e.confidence * (e.strong ? 1 : 0.6);
    t.items.push(e);
    totals.set(k, t);
  }
  const ranked = [...totals.values()].sort((a, b) => b.w - a.w);
  const win = ranked[0]!;
  const total = ranked.reduce((a, t) => a + t.w, 0);
  const best = [...win.items].sort((a, b) => Number(b.strong) - Number(a.strong) || b.confidence - a.confidence)[0]!;
  const coverage = 1 - Math.exp(-2 * win.w);
  return {
    value: best.value,
    confidence: round((win.w / total) * coverage),
    best,
    against: ranked.slice(1).flatMap((t) => t.items),
  };
}

/** First and last day of a fiscal-year period ("2022-23", 4 → 2023-04-01 … 2023-06-30). */
export { periodBounds };

export interface SubmissionMetaDetail {
  meta: SubmissionMeta;
  office: OfficeFinding;
  /** readable notes for the reviewer: disagreements and why a confidence is low */
  notes: string[];
  disagreements: OfficeDisagreement[];
  evidence: PageEvidence[];
}

function provenance<T>(v: Vote<T>, fallbackSource: string): MetaProvenance {
  return { value: v.value, page: v.best?.page ?? null, confidence: v.confidence, source: v.best?.source ?? fallbackSource };
}

function officeProvenance(f: OfficeFinding, value: unknown, confidence = f.confidence): MetaProvenance {
  const top: OfficeReading | undefined = f.support[0];
  return { value, page: top?.page ?? null, confidence: round(confidence), source: top ? `${top.source.replace(/_/g, ' ')}` : 'no office evidence' };
}

/** Like extractSubmissionMeta, with the office finding, notes and per-page evidence for review and tests. */
export function extractSubmissionMetaDetail(pages: readonly MetaPage[]): SubmissionMetaDetail {
  const evidence = pages.map((p) => pageEvidence(p));
  return combineEvidence(evidence);
}

export function combineEvidence(evidence: readonly PageEvidence[]): SubmissionMetaDetail {
  const notes: string[] = [];
  const office = combineOfficeReadings(
    evidence.flatMap((e) => e.offices),
    evidence.flatMap((e) => e.unknownGeocodes),
  );
  for (const d of office.disagreements) notes.push(`office: page ${d.page ?? '?'} ${d.source} says ${d.found}, chosen ${d.expected}`);

  const fy = vote(evidence.flatMap((e) => e.fiscalYears));
  const quarter = vote(evidence.flatMap((e) => e.quarters), (q) => String(q));
  // A date outside the window the period allows (a year misread, 2087 for 2023) is no submission date at all.
  const window = submissionDateWindow(fy.value, quarter.value);
  const dated = evidence
    .flatMap((e) => e.submissionDates)
    .flatMap((d) => {
      const why = dateProblem(d.value, window);
      if (why === null) return [d];
      const again = d.raw ? rereadDateInWindow(d.raw, window) : null;
      if (again) {
        notes.push(`submission date: page ${d.page} ${d.source} reads ${why}; read again as ${again.value}`);
        return [{ ...d, value: again.value, confidence: round(d.confidence * again.confidence * 0.8), source: `${d.source}, year read again` }];
      }
      notes.push(`submission date: page ${d.page} ${d.source} reads ${why}; not used`);
      return [];
    });
  // A date under a signature speaks only where no letter or "sent on" line dates the submission.
  const date = vote(dated.some((d) => d.strong) ? dated.filter((d) => d.strong) : dated);
  // The Annex 5 whose period is the submission's decides the format (a Q2 report may enclose an H1 self-assessment).
  const annex = vote(
    evidence.flatMap((e) => {
      const offPeriod = quarter.value !== null && e.quarters.length > 0 && !e.quarters.some((q) => q.value === quarter.value);
      return e.annexFormats.map((a) => (offPeriod ? { ...a, confidence: a.confidence * 0.5 } : a));
    }),
  );
  if (fy.against.length) notes.push(`fiscal year: also printed ${[...new Set(fy.against.map((e) => `${e.value} (p${e.page})`))].join(', ')}`);
  if (quarter.against.length) notes.push(`quarter: also printed ${[...new Set(quarter.against.map((e) => `${e.value} (p${e.page})`))].join(', ')}`);

  const dateConfidence = date.confidence;
  if (!date.value) notes.push('submission date: no cover letter date found');

  const officeOut: Office = { name: office.name, level: office.level, division: office.division, district: office.district, upazila: office.upazila };
  // Division is implied by the district (or named by a division office), so it is at least as sure as the office.
  const meta: SubmissionMeta = {
    office: officeOut,
    fiscalYear: fy.value,
    quarter: quarter.value,
    submissionDate: date.value,
    annexFormat: annex.value,
    provenance: {
      office: officeProvenance(office, office.name),
      'office.level': officeProvenance(office, office.level),
      'office.division': officeProvenance(office, office.division, office.division ? Math.min(1, office.confidence + 0.05) : 0),
      'office.district': officeProvenance(office, office.district),
      'office.upazila': officeProvenance(office, office.upazila),
      fiscalYear: provenance(fy, 'no fiscal year found'),
      quarter: provenance(quarter, 'no quarter found'),
      submissionDate: { ...provenance(date, 'no cover letter date found'), confidence: round(dateConfidence) },
      annexFormat: provenance(annex, 'no Annex 5 header found'),
    },
  };
  return { meta, office, notes, disagreements: office.disagreements, evidence: [...evidence] };
}

/**
 * Submission metadata with per-field provenance, in the shape of SubmissionMetaSchema
 * (office names in canonical Bangla, fiscal year "2022-23", quarter 1–4 | "H1" | "annual", ISO date).
 */
export function extractSubmissionMeta(pages: readonly MetaPage[]): SubmissionMeta {
  return extractSubmissionMetaDetail(pages).meta;
}

// ---------------------------------------------------------------------------------------------------
// Bundles

export interface BundlePart {
  pages: number[];
  office: Office;
  fiscalYear: string | null;
  quarter: Quarter | null;
  confidence: number;
}

export interface BundleSplit {
  /** true when the PDF holds more than one submission */
  isBundle: boolean;
  /** true when the evidence for (or against) a split is thin: a reviewer should look */
  unsure: boolean;
  parts: BundlePart[];
  reasons: string[];
}

interface Identity {
  office: string | null;
  fiscalYear: string | null;
  quarter: Quarter | null;
  /** how sure the page is of what it says */
  confidence: number;
}

/** What one page says about its own submission, from strong evidence only (letterhead, subject, Annex title). */
function pageIdentity(e: PageEvidence): Identity {
  const offices = e.offices.filter((r) => r.source !== 'body' && r.source !== 'memo_geocode' && r.confidence >= 0.6);
  const office = offices.length ? combineOfficeReadings(offices) : null;
  const strongFy = e.fiscalYears.filter((f) => f.strong);
  const strongQ = e.quarters.filter((q) => q.strong);
  const fy = vote(strongFy);
  const q = vote(strongQ, (x) => String(x));
  const officeKey = office && office.level ? `${office.level}|${office.division}|${office.district ?? ''}|${office.upazila ?? ''}` : null;
  return {
    office: officeKey,
    fiscalYear: fy.value,
    quarter: q.value,
    confidence: Math.max(office?.confidence ?? 0, fy.confidence, q.confidence),
  };
}

/** Does an office key ("upazila|রংপুর|পঞ্চগড়|আটোয়ারী") agree with the places a reading names? */
function mentions(officeKey: string | null, r: OfficeReading): boolean {
  if (!officeKey) return true;
  const [, , district, upazila] = officeKey.split('|');
  if (r.upazila && r.upazila !== upazila) return false;
  if (r.district && r.district !== district) return false;
  return true;
}

/** Two quarters clash unless equal, or one is the half-year that contains the other (H1 ⊃ Q1, Q2). */
function quartersClash(a: Quarter | null, b: Quarter | null): boolean {
  if (a === null || b === null || a === b) return false;
  if (a === 'H1' || b === 'H1') {
    const other = a === 'H1' ? b : a;
    return !(other === 1 || other === 2);
  }
  if (a === 'annual' || b === 'annual') return false;
  return true;
}

function clash(a: Identity, b: Identity): string | null {
  if (a.office && b.office && a.office !== b.office) return `office ${a.office} vs ${b.office}`;
  if (a.fiscalYear && b.fiscalYear && a.fiscalYear !== b.fiscalYear) return `fiscal year ${a.fiscalYear} vs ${b.fiscalYear}`;
  if (quartersClash(a.quarter, b.quarter)) return `quarter ${a.quarter} vs ${b.quarter}`;
  return null;
}

function merge(a: Identity, b: Identity): Identity {
  return {
    office: a.office ?? b.office,
    fiscalYear: a.fiscalYear ?? b.fiscalYear,
    quarter: a.quarter === 'H1' && b.quarter !== null ? b.quarter : a.quarter ?? b.quarter,
    confidence: Math.max(a.confidence, b.confidence),
  };
}

/**
 * Detects a PDF holding two offices' or two periods' submissions. Consecutive pages stay together unless a
 * page's own strong evidence (letterhead, signature, Annex 5 office/quarter line, cover-letter subject)
 * clashes with the pages before it; pages with nothing to say join the part before them.
 */
export function splitBundle(pages: readonly MetaPage[], evidence?: readonly PageEvidence[]): BundleSplit {
  const ev = evidence ?? pages.map((p) => pageEvidence(p));
  const groups: { pages: number[]; evidence: PageEvidence[]; identity: Identity }[] = [];
  const reasons: string[] = [];
  const weakReasons: string[] = [];
  for (const e of ev) {
    const id = pageIdentity(e);
    const cur = groups[groups.length - 1];
    const why = cur ? clash(cur.identity, id) : null;
    if (!cur || (why && id.confidence >= 0.45)) {
      if (why) reasons.push(`page ${e.page}: ${why}`);
      groups.push({ pages: [e.page], evidence: [e], identity: id });
    } else {
      // Too weak to split on, but a reviewer should know: a garbled page naming another office.
      const weak = e.offices.find((r) => r.source !== 'memo_geocode' && r.confidence >= 0.2 && (r.upazila || r.district) && !mentions(cur.identity.office, r));
      if (weak && cur.identity.office) {
        weakReasons.push(`page ${e.page}: weak evidence of another office (${[weak.upazila, weak.district].filter(Boolean).join(', ')})`);
      }
      cur.pages.push(e.page);
      cur.evidence.push(e);
      cur.identity = merge(cur.identity, id);
    }
  }
  // A part that only repeats an earlier one (A B A) is suspicious: the middle part may be an enclosure.
  const keys = groups.map((g) => `${g.identity.office}|${g.identity.fiscalYear}|${g.identity.quarter}`);
  const repeats = keys.some((k, i) => keys.indexOf(k) !== i);
  const parts: BundlePart[] = groups.map((g) => {
    const d = combineEvidence(g.evidence);
    const conf = Math.min(d.office.confidence || 0, d.meta.provenance.fiscalYear?.confidence ?? 0, d.meta.provenance.quarter?.confidence ?? 0);
    return { pages: g.pages, office: d.meta.office, fiscalYear: d.meta.fiscalYear, quarter: d.meta.quarter, confidence: round(conf) };
  });
  const isBundle = parts.length > 1;
  const weak = parts.some((p) => p.confidence < 0.5);
  if (repeats) reasons.push('the same office and period appear in separate runs of pages');
  reasons.push(...weakReasons);
  return { isBundle, unsure: (isBundle && (weak || repeats)) || weakReasons.length > 0, parts, reasons };
}
