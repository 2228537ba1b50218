import type { Classification, SectionKind, SectionSpan, SectionSubtype } from '../../models/section.js';
import type { TableRole } from '../../models/table.js';
import { canonicalText, fuzzyIncludes, toAsciiDigits } from '../normalise/index.js';
import { CUES } from './cues.js';
import { relevance, type Relevance } from './relevance.js';
import { unrelatedEvidence } from './unrelated.js';

/** What the classifier looks at for one page: its text lines in reading order and its tables' shapes. */
export interface ClassifyInput {
  page: number;
  lines: string[];
  /** role: what the table stage made of the table's header (annex5, attendance, decisions …), if known */
  tables: { nRows: number; nCols: number; headerText: string; role?: TableRole }[];
}

/** What a table's role says about its page. Menu-update tables sit inside certificates: no evidence. */
const ROLE_EVIDENCE: Partial<Record<TableRole, { section: SectionKind; subtype?: SectionSubtype; weight: number }>> = {
  annex5: { section: 'annex5', weight: 4 },
  attendance: { section: 'minutes', subtype: 'attendance', weight: 4 },
  decisions: { section: 'minutes', subtype: 'minutes_body', weight: 3 },
  committee: { section: 'letter', subtype: 'office_order', weight: 2 },
  website: { section: 'other', subtype: 'website_update_table', weight: 3 },
  innovation_db: { section: 'other', subtype: 'innovation_db_table', weight: 4 },
};

const SECTIONS: SectionKind[] = ['letter', 'minutes', 'annex5', 'certificate', 'other'];
const DEFAULT_SUBTYPE: Record<SectionKind, SectionSubtype> = {
  letter: 'cover_letter',
  minutes: 'minutes_body',
  annex5: 'annex5',
  certificate: 'certificate',
  other: 'cover_page',
};
/** below this much evidence a page is treated as the continuation of the one before */
const MIN_EVIDENCE = 3;
const INDICATOR_CODE = /\[\s*\d\s*\.\s*\d\s*\.\s*\d\s*\]/g;

interface Scored {
  scores: Record<SectionKind, number>;
  subtypeScores: Map<SectionSubtype, number>;
  evidence: string[];
  /** the plan's vocabulary on the page (relevance.ts) */
  relevance: Relevance;
  /** a table the table stage recognised as one of the submission's (Annex 5, attendance, decisions …) */
  ownTable: boolean;
  /** evidence of a kind of document that is none of the submission's (FAQ, budget, Gazette, circular) */
  unrelated: number;
  /** enough text to tell what the page is about (not a signature or a stray line) */
  substantial: boolean;
  letters: number;
}

/** Table roles that only the submission's own documents have. */
const OWN_ROLES = new Set<TableRole>(['annex5', 'attendance', 'decisions', 'committee', 'website', 'menu_updates', 'innovation_db']);
/** A page with fewer letters or lines than this is too short to say what it is about: it goes with its neighbour. */
const SUBSTANTIAL_LETTERS = 150;
const SUBSTANTIAL_LINES = 4;

function scorePage(input: ClassifyInput): Scored {
  const lines = input.lines.map((l) => canonicalText(l)).filter((l) => l.trim() !== '');
  // titles sit in the first lines after the letterhead (which itself takes 3–6 lines)
  const headCount = Math.max(7, Math.ceil(lines.length / 3));
  const head = lines.slice(0, headCount).join('\n');
  const all = lines.join('\n');
  // (canonicalText folds TABs into spaces, so table rows are told apart on the raw lines)
  const prose = input.lines.filter((l) => !l.includes('\t')).map((l) => canonicalText(l)).join('\n');
  const scores: Record<SectionKind, number> = { letter: 0, minutes: 0, annex5: 0, certificate: 0, other: 0 };
  const subtypeScores = new Map<SectionSubtype, number>();
  const evidence: string[] = [];
  const add = (section: SectionKind, subtype: SectionSubtype | undefined, w: number, why: string) => {
    scores[section] += w;
    if (subtype) subtypeScores.set(subtype, (subtypeScores.get(subtype) ?? 0) + w);
    evidence.push(`${section}${subtype ? `/${subtype}` : ''} +${w}: ${why}`);
  };

  const headLines = lines.slice(0, headCount);
  for (const cue of CUES) {
    if (cue.zone === 'line') {
      // a title line: the phrase is (nearly) the whole line, not a word inside a table row or sentence
      const hit = headLines.some((l) => l.trim().length <= cue.phrase.length + 4 && fuzzyIncludes(l, cue.phrase, 0.8));
      if (hit) add(cue.section, cue.subtype, cue.weight, `title "${cue.phrase}"`);
      continue;
    }
    const text = cue.zone === 'head' ? head : all;
    // short phrases must match exactly (a 2-letter slip turns নোটিশ into another word); long ones fuzzily
    const threshold = cue.phrase.length <= 6 ? 1 : 0.8;
    if (!fuzzyIncludes(text, cue.phrase, threshold)) continue;
    // a word inside table rows (TAB-joined cells) says less about the page than one in its running text:
    // a committee list in an office order names a সভাপতি; the table's role already speaks for the table
    if (cue.zone !== 'head' && !fuzzyIncludes(prose, cue.phrase, threshold)) add(cue.section, cue.subtype, cue.weight / 2, `${cue.phrase} (in a table)`);
    else add(cue.section, cue.subtype, cue.weight, cue.phrase);
  }

  for (const t of input.tables) {
    const ev = t.role ? ROLE_EVIDENCE[t.role] : undefined;
    if (ev) add(ev.section, ev.subtype, ev.weight, `${t.role} table`);
  }
  // layout: the Annex 5 table is wide and full of bracketed indicator codes
  const codes = toAsciiDigits(all).match(INDICATOR_CODE)?.length ?? 0;
  const wide = input.tables.some((t) => t.nCols >= 8);
  if (wide && codes >= 2) add('annex5', undefined, 3, `${codes} indicator codes in a ${Math.max(...input.tables.map((t) => t.nCols))}-column table`);
  else if (wide) add('annex5', undefined, 1, 'table with ≥ 8 columns');
  // a cover page is a handful of title lines and nothing else
  if (input.tables.length === 0 && lines.length > 0 && lines.length <= 14 && scores.letter < 3) {
    add('other', 'cover_page', 1, `short page (${lines.length} lines, no table)`);
  }
  const unrelated = unrelatedEvidence({ lines, headLines, all, headers: input.tables.map((t) => canonicalText(t.headerText)) });
  for (const e of unrelated.evidence) {
    evidence.push(e);
  }
  if (unrelated.score > 0) {
    scores.other += unrelated.score;
    subtypeScores.set('unknown', (subtypeScores.get('unknown') ?? 0) + unrelated.score);
  }
  const letters = (all.match(/[\p{L}\p{M}]/gu) ?? []).length;
  return {
    scores,
    subtypeScores,
    evidence,
    relevance: relevance(all),
    ownTable: input.tables.some((t) => t.role !== undefined && OWN_ROLES.has(t.role)),
    unrelated: unrelated.score,
    substantial: letters >= SUBSTANTIAL_LETTERS && lines.length >= SUBSTANTIAL_LINES,
    letters,
  };
}

function isRelevant(s: Scored): boolean {
  return s.ownTable || s.relevance.relevant;
}

/**
 * A page with text enough to judge and none of the plan's vocabulary is no part of the submission, whatever its
 * form (a circular has a memo line and a subject like a cover letter). How sure: more text, more evidence of
 * another kind of document (a FAQ table, a Gazette masthead) and less evidence of our kinds make it surer.
 */
function unrelatedPage(s: Scored): Classification {
  const known = Math.max(s.scores.letter, s.scores.minutes, s.scores.annex5, s.scores.certificate);
  const confidence = Math.max(0.3, Math.min(0.97, 0.5 + 0.08 * s.unrelated + 0.2 * Math.min(1, s.letters / 1000) - 0.03 * known));
  const terms = s.relevance.terms.length ? `only ${s.relevance.terms.join(', ')}` : 'none';
  return {
    section: 'other',
    subtype: 'unknown',
    confidence: Number(confidence.toFixed(3)),
    evidence: [`not part of the submission: ${s.letters} letters of text and ${terms} of the plan's vocabulary`, ...s.evidence],
  };
}

function best(scored: Scored): { section: SectionKind; score: number; confidence: number } {
  let section: SectionKind = 'other';
  let score = 0;
  for (const s of SECTIONS) if (scored.scores[s] > score) [section, score] = [s, scored.scores[s]];
  const total = SECTIONS.reduce((a, s) => a + scored.scores[s], 0);
  // share of the evidence, tempered by how much evidence there is at all
  const confidence = total > 0 ? (score / total) * Math.min(1, score / (MIN_EVIDENCE * 2)) : 0;
  return { section, score, confidence };
}

function subtypeFor(section: SectionKind, scored: Scored): SectionSubtype {
  let pick = DEFAULT_SUBTYPE[section];
  let top = 0;
  for (const [st, w] of scored.subtypeScores) {
    if (st === 'cover_letter' || st === 'minutes_body') continue; // the defaults; only specific ones override
    const of = st === 'unknown' ? 'other' : sectionOfSubtype(st);
    if (of === section && w > top) [pick, top] = [st, w];
  }
  return pick;
}

function sectionOfSubtype(st: SectionSubtype): SectionKind | null {
  return CUES.find((c) => c.subtype === st)?.section ?? null;
}

/**
 * Classify every page of a submission. A page with text enough to judge and none of the plan's vocabulary
 * is `other` (unknown kind), whatever its form and whatever its neighbours are; a page with too little
 * evidence of its own (a table continued from the previous page, the second page of a letter, a signature)
 * inherits the previous page's section, more readily when its table has the previous table's column count.
 */
export function classifyPages(pages: ClassifyInput[]): Classification[] {
  const out: Classification[] = [];
  const relevantPages: boolean[] = [];
  pages.forEach((p, i) => {
    const scored = scorePage(p);
    const prev = out[i - 1];
    const prevTables = pages[i - 1]?.tables ?? [];
    const first = p.tables[0];
    const last = prevTables[prevTables.length - 1];
    const sameTable = first !== undefined && last !== undefined && first.nCols === last.nCols;
    // the previous page's table going on (same columns, same known role): the same document, even when
    // the page then ends in letter-like lines (minutes close with a memo number and a copy list)
    if (prev && sameTable && first.role && first.role !== 'unknown' && first.role === last.role) {
      scored.scores[prev.section] += 4;
      scored.evidence.push(`${prev.section} +4: continues the ${first.role} table of page ${pages[i - 1]!.page}`);
    }
    // a table of ours going on without its header counts as ours, unless the page shows another kind of document
    const ours = isRelevant(scored) || (sameTable && prev !== undefined && relevantPages[i - 1] === true && scored.unrelated === 0);
    relevantPages.push(ours);
    if (!ours && scored.substantial) {
      out.push(unrelatedPage(scored));
      return;
    }
    const b = best(scored);
    const weak = b.score < MIN_EVIDENCE || (sameTable && prev && prev.section !== b.section && b.score < MIN_EVIDENCE * 2);
    if (prev && weak) {
      out.push({
        section: prev.section,
        subtype: prev.subtype,
        confidence: Math.max(0.3, Math.min(prev.confidence, sameTable ? 0.8 : 0.5)),
        evidence: [`continues page ${pages[i - 1]!.page}${sameTable ? ' (same table columns)' : ''}`, ...scored.evidence],
      });
      return;
    }
    // the same table going on from the previous page agrees with the page's own evidence: more certain
    const agrees = sameTable && prev && prev.section === b.section;
    out.push({
      section: b.section,
      subtype: agrees ? prev.subtype : subtypeFor(b.section, scored),
      confidence: Number((agrees ? Math.max(b.confidence, 0.8) : b.confidence).toFixed(3)),
      evidence: [
        ...(agrees ? [`continues page ${pages[i - 1]!.page} (same table columns)`] : []),
        ...(scored.evidence.length ? scored.evidence : ['no evidence']),
      ],
    });
  });
  return out;
}

/** Group consecutive pages of one section and subtype into documents. */
export function splitSections(pages: { page: number; classification: Classification }[]): SectionSpan[] {
  const spans: SectionSpan[] = [];
  for (const p of pages) {
    const last = spans[spans.length - 1];
    const c = p.classification;
    // a new letter or certificate starts at its own memo/letterhead; continuation pages were already
    // given the previous page's section, so a change of section or subtype is the boundary
    if (last && last.section === c.section && last.subtype === c.subtype && !startsNewDocument(c)) {
      last.pages.push(p.page);
    } else {
      spans.push({ index: spans.length, section: c.section, subtype: c.subtype, pages: [p.page] });
    }
  }
  return spans;
}

function startsNewDocument(c: Classification): boolean {
  // each certificate is a document of its own page
  return c.section === 'certificate' && !c.evidence[0]?.startsWith('continues');
}
