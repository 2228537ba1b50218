/**
 * Development measurement, not part of the pipeline: how Latin words, addresses and ASCII figures survive OCR.
 *
 *   npm run measure -- latin --split DIR [--truth DIR] [--jobs N] [--show]
 *       PDFs with generator truth (held-out mixed-script sets: generate.ts --seed mixed-ho-… ; see samples/README.md)
 *   npm run measure -- latin --pdf FILE [--pages 1-3,5] [--jobs N] [--show]
 *       a born-digital PDF whose text layer is exact: its Latin words are the truth (even where its Bangla is not)
 *   npm run measure -- latin --pdf FILE --truth-words JSON --key NAME [--show]
 *       a scanned PDF whose Latin text was transcribed by hand (samples/real/bb-cib-latin.json): those pages only
 *
 * Every page goes through the product's page stages (pipeline/runner.ts processFile, the real Tesseract engine).
 * Printed: Latin-word recall in table cells and in the whole page text, ASCII digit-run recall (cells, page), and
 * Bangla figure cells (counts, percents, dates in Bangla digits) read exactly, which a Latin reading must not
 * spoil. For a PDF: Latin-word and digit-run recall of the page text against the text layer. --show lists the
 * words missed.
 */
import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageResult } from '../../models/submission.js';
import { EnginePool } from '../../pipeline/ocr/pool.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { processFile } from '../../pipeline/runner.js';
import { bagRecall, digitRuns, latinWords, Tally } from './latinWords.js';

const args = process.argv.slice(2);
const arg = (k: string): string | undefined => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
const jobs = Number(arg('--jobs')) || 2;
const show = args.includes('--show');

interface TruthCell {
  text: string;
  lines: string[];
}
interface TruthPage {
  page: number;
  text: string;
  tables: { cells: TruthCell[] }[];
}

const pool = new EnginePool(Array.from({ length: jobs }, () => new TesseractEngine()));
const pageQueue = new PQueue({ concurrency: jobs });
const missed: string[] = [];

function note(where: string, truth: string[], read: string[]): { found: number; total: number } {
  const r = bagRecall(truth, read);
  if (show && r.found < r.total) {
    const have = [...read];
    const lost = truth.filter((w) => {
      const i = have.indexOf(w);
      if (i >= 0) have.splice(i, 1);
      return i < 0;
    });
    missed.push(`${where}: ${lost.join(' ')}`);
  }
  return r;
}

const BANGLA_FIGURE = /^[০-৯][০-৯.,%/\-]*(টি|টা)?$/u;

async function pages(file: string, only?: Set<number>): Promise<PageResult[]> {
  const t0 = Date.now();
  const res = await processFile(file, new Uint8Array(fs.readFileSync(file)), { pool, pageQueue });
  process.stderr.write(`${path.basename(file)}: ${res.pages.length} pages, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return only ? res.pages.filter((p) => only.has(p.page)) : res.pages;
}

const cellTexts = (p: PageResult) => p.tables.flatMap((t) => t.cells.map((c) => c.text)).join('\n');

try {
  if (arg('--split')) {
    const split = arg('--split')!;
    const truthDir = arg('--truth') ?? path.join(split, '..', 'truth');
    const t = { cellWords: new Tally(), pageWords: new Tally(), cellDigits: new Tally(), pageDigits: new Tally(), banglaFigures: new Tally() };
    for (const f of fs.readdirSync(split).filter((f) => f.endsWith('.pdf')).sort()) {
      const id = f.replace(/\.pdf$/u, '');
      const truth = JSON.parse(fs.readFileSync(path.join(truthDir, `${id}.truth.json`), 'utf8')) as { pages: TruthPage[] };
      for (const p of await pages(path.join(split, f))) {
        const tp = truth.pages.find((x) => x.page === p.page)!;
        const tCells = tp.tables.flatMap((tb) => tb.cells.map((c) => c.lines.join(' '))).join('\n');
        const rCells = cellTexts(p);
        t.cellWords.add(note(`${id} p${p.page} cells`, latinWords(tCells), latinWords(rCells)));
        t.pageWords.add(note(`${id} p${p.page} page`, latinWords(tp.text), latinWords(p.text)));
        t.cellDigits.add(note(`${id} p${p.page} cell digits`, digitRuns(tCells), digitRuns(rCells)));
        t.pageDigits.add(note(`${id} p${p.page} page digits`, digitRuns(tp.text), digitRuns(p.text)));
        if (show) {
          // cells of a table read in the truth's shape whose Latin words or digit runs did not all come out
          tp.tables.forEach((tt, ti) => {
            const pt = p.tables[ti];
            if (!pt) return;
            for (const c of tt.cells as (TruthCell & { r: number; c: number })[]) {
              const got = pt.cells.find((x) => x.r === c.r && x.c === c.c)?.text.replace(/\n/gu, ' ') ?? '∅';
              const want = c.lines.join(' ');
              const lost = bagRecall(latinWords(want), latinWords(got)).found < latinWords(want).length || bagRecall(digitRuns(want), digitRuns(got)).found < digitRuns(want).length;
              if (lost) missed.push(`${id} p${p.page} t${ti} [${c.r},${c.c}] ${JSON.stringify(want)} read ${JSON.stringify(got)}`);
            }
          });
        }
        // Bangla figure cells: the same text must come out (compared as multisets of the page's cell texts)
        const figs = tp.tables.flatMap((tb) => tb.cells.map((c) => c.text.replace(/\s+/gu, ''))).filter((x) => BANGLA_FIGURE.test(x));
        t.banglaFigures.add(note(`${id} p${p.page} Bangla figures`, figs, p.tables.flatMap((tb) => tb.cells.map((c) => c.text.replace(/\s+/gu, '')))));
      }
    }
    console.log(`Latin words in table cells   ${t.cellWords}`);
    console.log(`Latin words in page text     ${t.pageWords}`);
    console.log(`ASCII digit runs in cells    ${t.cellDigits}`);
    console.log(`ASCII digit runs in page     ${t.pageDigits}`);
    console.log(`Bangla figure cells exact    ${t.banglaFigures}`);
  } else if (arg('--pdf')) {
    const file = arg('--pdf')!;
    const want = arg('--pages');
    const only = want
      ? new Set(want.split(',').flatMap((r) => {
          const [a, b] = r.split('-').map(Number);
          return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
        }))
      : undefined;
    const layer = new Map<number, string>();
    let pick = only;
    if (arg('--truth-words')) {
      const doc = (JSON.parse(fs.readFileSync(arg('--truth-words')!, 'utf8')) as { documents: Record<string, { pages: Record<string, string> }> }).documents[arg('--key') ?? path.basename(file, '.pdf')];
      if (!doc) throw new Error(`no document ${arg('--key') ?? path.basename(file, '.pdf')} in ${arg('--truth-words')}`);
      for (const [n, text] of Object.entries(doc.pages)) layer.set(Number(n), text);
      pick = new Set(layer.keys());
    } else {
      const doc = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 }).promise;
      for (let n = 1; n <= doc.numPages; n++) {
        if (only && !only.has(n)) continue;
        const tc = await (await doc.getPage(n)).getTextContent();
        layer.set(n, tc.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join(''));
      }
      await doc.destroy();
    }
    const words = new Tally();
    const digits = new Tally();
    for (const p of await pages(file, pick)) {
      const truth = layer.get(p.page) ?? '';
      const w = note(`p${p.page} words`, latinWords(truth), latinWords(p.text));
      const d = note(`p${p.page} digits`, digitRuns(truth), digitRuns(p.text));
      words.add(w);
      digits.add(d);
      console.log(`page ${p.page}: Latin words ${w.found}/${w.total}, ASCII digit runs ${d.found}/${d.total}`);
    }
    console.log(`Latin words (${arg('--truth-words') ? 'hand-made truth' : 'text layer as truth'})  ${words}`);
    console.log(`ASCII digit runs                   ${digits}`);
  } else {
    process.stderr.write('usage: npm run measure -- latin (--split DIR [--truth DIR] | --pdf FILE [--pages 1-3] [--truth-words JSON --key NAME]) [--jobs N] [--show]\n');
    process.exitCode = 2;
  }
  if (show) for (const m of missed) console.log(`missed ${m}`);
} finally {
  await pool.close();
}
