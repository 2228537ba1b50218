/**
 * Page classification on truth text: each truth page's text and tables (cells as printed) go through the real
 * document stages (finishSubmission: table roles, classification, sections), and the predicted section is
 * compared with the truth's. An upper bound (real input is OCR text), fast enough to run on every held-out set.
 *
 *   npm run measure -- classify [TRUTH_DIR …] [--verbose]
 *
 * Default: ../shared/eval/public. Prints the confusion matrix, every wrong page with its evidence, and the
 * confidence of right and wrong pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PageResult } from '../../models/submission.js';
import type { Table } from '../../models/table.js';
import { finishSubmission } from '../../pipeline/runner.js';

interface TruthTable {
  nRows: number;
  nCols: number;
  cells: { r: number; c: number; rowspan: number; colspan: number; text: string }[];
  grid: string[][];
}
interface TruthPage {
  page: number;
  section: string;
  subtype: string;
  text: string;
  tables: TruthTable[];
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) dirs.push(path.resolve('../shared/eval/public'));

const LABELS = ['letter', 'minutes', 'annex5', 'certificate', 'other'];
const confusion = new Map<string, number>();
let n = 0;
let ok = 0;
const rightConf: number[] = [];
const wrongConf: number[] = [];
const box = { x0: 0, y0: 0, x1: 10, y1: 10 };

function table(t: TruthTable, index: number): Table {
  return {
    index,
    bbox: box,
    nRows: t.nRows,
    nCols: t.nCols,
    role: 'unknown',
    cells: t.cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text.replace(/\n/g, ' '), conf: 90, bbox: box })),
    grid: t.grid.map((row) => row.map((x) => x.replace(/\n/g, ' '))),
    rowLines: [],
    colLines: [],
  };
}

for (const dir of dirs) {
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.truth.json')).sort()) {
    const t = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id: string; pages: TruthPage[] };
    const pages: PageResult[] = t.pages.map((p) => ({
      page: p.page,
      raster: null,
      preprocess: null,
      classification: null,
      text: p.text,
      lines: [],
      meanConf: 90,
      tables: p.tables.map(table),
      timings: {},
      errors: [],
    }));
    const res = finishSubmission(f, t.id, 0, pages, new Date().toISOString());
    res.pages.forEach((p, i) => {
      const want = t.pages[i]!;
      const got = p.classification!;
      n++;
      const key = `${want.section}→${got.section}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
      if (got.section === want.section) {
        ok++;
        rightConf.push(got.confidence);
      } else {
        wrongConf.push(got.confidence);
        console.log(`  ${path.basename(dir)}/${t.id} p${p.page}: ${want.section}/${want.subtype} read as ${got.section}/${got.subtype} (${got.confidence}): ${got.evidence.slice(0, 6).join('; ')}`);
      }
      if (verbose) console.log(`    ${t.id} p${p.page} ${want.section}/${want.subtype} → ${got.section}/${got.subtype} ${got.confidence}`);
    });
  }
}

console.log(`page classification on truth text: ${((100 * ok) / Math.max(1, n)).toFixed(2)}% (${ok}/${n}) in ${dirs.join(', ')}`);
console.log(`truth \\ pred  ${LABELS.map((l) => l.padStart(11)).join('')}`);
for (const a of LABELS) console.log(`${a.padEnd(13)} ${LABELS.map((b) => String(confusion.get(`${a}→${b}`) ?? 0).padStart(11)).join('')}`);
const q = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!.toFixed(2) : '-');
console.log(`confidence: right pages min ${q(rightConf, 0)} median ${q(rightConf, 0.5)}; wrong pages max ${q(wrongConf, 1)} median ${q(wrongConf, 0.5)}`);
