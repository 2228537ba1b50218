/**
 * Measures submission-metadata extraction on eval truth files, using the truth's own page text and section
 * labels as input (an upper bound: real input is noisier OCR and predicted sections).
 *
 *   npm run measure -- metadata [TRUTH_DIR] [--ocr DIR] [--verbose]
 *
 * --ocr DIR reads each page's text from DIR/<id>.pNN.txt instead (e.g. ../shared/eval/baseline, native
 * Tesseract output), keeping the truth's section labels: a noisy-input measurement. --classify labels the
 * pages with the project's page classifier (pipeline/classify) instead of the truth's labels. --bundles
 * also joins every ordered pair of submissions into one page list and checks that splitBundle splits it at
 * the seam (or says it is unsure).
 * Scores the fields ../shared/eval/score.mjs scores (fiscal year, quarter, submission date, office level,
 * division, district, upazila) as it scores them (a null submission date is right where no page prints one),
 * and reports how confidence separates hits from misses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SectionKind, SectionSubtype } from '../../models/section.js';
import { classifyPages } from '../../pipeline/classify/index.js';
import { GREGORIAN_MONTHS_BN, toAsciiDigits } from '../../pipeline/normalise/index.js';
import type { PageEvidence } from '../../pipeline/metadata/evidence.js';
import { extractSubmissionMetaDetail, splitBundle, type MetaPage } from '../../pipeline/metadata/submission.js';

interface TruthPage {
  page: number;
  section: SectionKind;
  subtype: SectionSubtype;
  text: string;
}
interface Truth {
  id: string;
  fiscalYear: string | null;
  quarter: number | string | null;
  submissionDate: string | null;
  annexFormat: string | null;
  office: { level: string | null; division: string | null; district: string | null; upazila: string | null };
  pages: TruthPage[];
}

const args = process.argv.slice(2);
const ocrAt = args.indexOf('--ocr');
const ocrDir = ocrAt >= 0 ? args[ocrAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && !(ocrAt >= 0 && i === ocrAt + 1)) ?? path.resolve('../shared/eval/public');
const pageText = (id: string, p: TruthPage): string => {
  if (!ocrDir) return p.text;
  const f = path.join(ocrDir, `${id}.p${String(p.page).padStart(2, '0')}.txt`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
};
const verbose = args.includes('--verbose');
const useClassifier = args.includes('--classify');
const bundlesToo = args.includes('--bundles');
const loaded: { id: string; pages: MetaPage[]; evidence: PageEvidence[] }[] = [];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.truth.json')).sort();

const FIELDS = ['fiscalYear', 'quarter', 'submissionDate', 'officeLevel', 'division', 'district', 'upazila'] as const;
const PROV: Record<(typeof FIELDS)[number], string> = {
  fiscalYear: 'fiscalYear',
  quarter: 'quarter',
  submissionDate: 'submissionDate',
  officeLevel: 'office.level',
  division: 'office.division',
  district: 'office.district',
  upazila: 'office.upazila',
};
const stats = Object.fromEntries(FIELDS.map((f) => [f, { n: 0, ok: 0 }])) as Record<(typeof FIELDS)[number], { n: number; ok: number }>;
const hits: number[] = [];
const misses: { id: string; field: string; want: unknown; got: unknown; confidence: number }[] = [];
let annexN = 0;
let annexOk = 0;
let bundles = 0;
/** Does any page print the truth's submission date (d/m/yy[yy] or "d month yyyy")? As score.mjs decides it. */
function datePrinted(t: Truth): boolean {
  if (!t.submissionDate) return false;
  const text = toAsciiDigits(t.pages.map((p) => p.text).join('\n')).normalize('NFC');
  const [y, m, d] = t.submissionDate.split('-').map(Number) as [number, number, number];
  const num = new RegExp(`(^|\\D)0?${d}\\s*[/.\\-]\\s*0?${m}\\s*[/.\\-]\\s*(${y}|${y % 100})(\\D|$)`);
  const named = new RegExp(`(^|\\D)0?${d}\\s+${GREGORIAN_MONTHS_BN[m - 1]!.normalize('NFC')},?\\s+${y}`);
  return num.test(text) || named.test(text);
}
const norm = (v: unknown): string => String(v ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

for (const f of files) {
  const t = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Truth;
  let pages = t.pages.map((p) => ({ page: p.page, section: p.section, subtype: p.subtype, lines: pageText(t.id, p).split('\n').filter((l) => l.trim() !== '') }));
  if (useClassifier) {
    const c = classifyPages(pages.map((p) => ({ page: p.page, lines: p.lines, tables: [] })));
    pages = pages.map((p, i) => ({ ...p, section: c[i]!.section, subtype: c[i]!.subtype }));
  }
  const d = extractSubmissionMetaDetail(pages);
  const m = d.meta;
  const got = { fiscalYear: m.fiscalYear, quarter: m.quarter, submissionDate: m.submissionDate, officeLevel: m.office.level, division: m.office.division, district: m.office.district, upazila: m.office.upazila };
  const want = { fiscalYear: t.fiscalYear, quarter: t.quarter, submissionDate: t.submissionDate, officeLevel: t.office.level, division: t.office.division, district: t.office.district, upazila: t.office.upazila };
  for (const k of FIELDS) {
    if (want[k] == null) continue;
    stats[k].n++;
    const confidence = m.provenance[PROV[k]]?.confidence ?? 0;
    // as score.mjs counts it: where no page prints the submission date, "not found" is right too
    const unprinted = k === 'submissionDate' && got[k] == null && !datePrinted(t);
    if ((got[k] != null && norm(got[k]) === norm(want[k])) || unprinted) {
      stats[k].ok++;
      hits.push(confidence);
    } else misses.push({ id: t.id, field: k, want: want[k], got: got[k], confidence });
  }
  if (t.annexFormat) {
    annexN++;
    if (m.annexFormat === t.annexFormat) annexOk++;
    else if (verbose) console.log(`  ${t.id} annexFormat: want ${t.annexFormat} got ${m.annexFormat}`);
  }
  loaded.push({ id: t.id, pages, evidence: d.evidence });
  const split = splitBundle(pages, d.evidence);
  if (split.isBundle || split.unsure) bundles++;
  if (verbose) {
    console.log(`${t.id}: ${JSON.stringify(got)}`);
    for (const n of d.notes) console.log(`    note: ${n}`);
    if (split.isBundle || split.unsure) console.log(`    bundle: ${JSON.stringify(split)}`);
  }
}

let n = 0;
let ok = 0;
console.log(`submission metadata on ${files.length} truth files in ${dir} (${ocrDir ? `OCR text from ${ocrDir}` : 'truth page text'} as input, ${useClassifier ? 'classifier' : 'truth'} sections):`);
for (const k of FIELDS) {
  const s = stats[k];
  n += s.n;
  ok += s.ok;
  console.log(`  ${k.padEnd(15)} ${((100 * s.ok) / Math.max(1, s.n)).toFixed(1).padStart(6)}%  (${s.ok}/${s.n})`);
}
console.log(`  ${'all fields'.padEnd(15)} ${((100 * ok) / Math.max(1, n)).toFixed(1).padStart(6)}%  (${ok}/${n})`);
console.log(`  ${'annexFormat'.padEnd(15)} ${((100 * annexOk) / Math.max(1, annexN)).toFixed(1).padStart(6)}%  (${annexOk}/${annexN}, not scored by score.mjs)`);
const minHit = hits.length ? Math.min(...hits) : null;
console.log(`confidence: hits min ${minHit?.toFixed(3) ?? '-'}; misses ${misses.map((x) => `${x.id}.${x.field}=${x.confidence.toFixed(2)} (want ${x.want}, got ${x.got})`).join('; ') || 'none'}`);
const highMisses = misses.filter((x) => x.confidence >= 0.5);
console.log(`misses with confidence >= 0.5: ${highMisses.length}`);
console.log(`submissions flagged as bundles or unsure: ${bundles}`);

if (bundlesToo) {
  let pairs = 0;
  let exact = 0;
  let flagged = 0;
  const renumber = <T extends { page: number }>(xs: T[], from: number): T[] => xs.map((x, i) => ({ ...x, page: from + i }));
  for (const a of loaded) {
    for (const b of loaded) {
      if (a === b) continue;
      pairs++;
      const pages = [...a.pages, ...renumber(b.pages, a.pages.length + 1)];
      const evidence = [...a.evidence, ...renumber(b.evidence, a.evidence.length + 1)];
      const s = splitBundle(pages, evidence);
      const seam = a.pages.length + 1;
      const ok = s.parts.length === 2 && s.parts[1]!.pages[0] === seam;
      if (ok) exact++;
      else if (s.unsure) flagged++;
      else console.log(`  bundle ${a.id}+${b.id}: split wrong without a flag: ${JSON.stringify(s.parts.map((p) => p.pages))}`);
    }
  }
  console.log(`bundles: ${exact}/${pairs} two-submission PDFs split exactly at the seam, ${flagged} more flagged unsure, ${pairs - exact - flagged} wrong unflagged`);
}
