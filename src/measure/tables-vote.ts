/**
 * Measures the vote on figure cells (cells.ts voteOnFigureCells) against truth: every figure cell of
 * every table whose shape matches the truth is read once more in each candidate way, and figureVote is applied to
 * the candidate pairs offline. Read-only; OCR-heavy (minutes per set), so never part of the tests.
 *
 *   npm run measure -- tables-vote --eval DIR [--eval DIR ...] [--tsv OUT]
 *
 * The first reading is the table stage's own (with the vote switched off); the candidates are a mosaic of the
 * figure cells at 2× ("M2"), 1.5× ("M15") or 1× ("M1"), and each cell alone as one line at 1× ("L1") or 2×
 * ("L2") or as one word ("W1", "W2"), all restricted to COUNT_CHARSET. For each (second, third) pair it prints
 * how many cells the vote would fix, break and dispute, leaving out first readings surer than VOTE_BELOW_CONF as
 * the stage does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Psm } from '../../models/ocr.js';
import { COUNT_CHARSET } from '../../pipeline/ocr/charsets.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { joinVisualLines } from '../../pipeline/text/lines.js';
import { VOTE_BELOW_CONF, cellText, figureVote, isFigureCell, readEachCell, readMosaic, readTableCells, type FigureReading } from '../../pipeline/tables/cells.js';
import { cleanTableRegion, findCellInk, isFaintDash, isLoneDash } from '../../pipeline/tables/clean.js';
import { detectTables } from '../../pipeline/tables/detect.js';
import { pageImages, uprightGrey, type Truth } from './eval-pages.js';

const WAYS: Record<string, { mosaic: boolean; scale: number; psm: Psm }> = {
  M2: { mosaic: true, scale: 2, psm: 'block' },
  M15: { mosaic: true, scale: 1.5, psm: 'block' },
  M1: { mosaic: true, scale: 1, psm: 'block' },
  L1: { mosaic: false, scale: 1, psm: 'line' },
  L2: { mosaic: false, scale: 2, psm: 'line' },
  W1: { mosaic: false, scale: 1, psm: 'word' },
  W2: { mosaic: false, scale: 2, psm: 'word' },
};

const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/gu, '');

interface Row {
  where: string;
  want: string;
  first: FigureReading;
  ways: Record<string, FigureReading>;
}

async function main() {
  const dirs = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--eval' ? [a] : []));
  const tsvIdx = process.argv.indexOf('--tsv');
  if (dirs.length === 0) throw new Error('usage: measure-vote.ts --eval DIR [--eval DIR ...] [--tsv OUT]');
  const engine = new TesseractEngine({});
  const rows: Row[] = [];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.truth.json')).sort()) {
      const truth = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Truth;
      const jpegs = await pageImages(path.join(dir, `${truth.id}.pdf`));
      for (const page of truth.pages) {
        if (!page.tables.length) continue;
        const img = await uprightGrey(jpegs[page.page - 1]!, page.rotation, page.scan.skewDeg);
        const found = detectTables(img, { dpi: page.dpi });
        for (let k = 0; k < page.tables.length; k++) {
          const tt = page.tables[k]!;
          const ft = found[k];
          if (!ft || ft.nRows !== tt.nRows || ft.nCols !== tt.nCols) continue;
          const table = await readTableCells(img, ft, engine, { dpi: page.dpi, vote: false });
          const region = cleanTableRegion(img, ft, page.dpi);
          const inks = findCellInk(region, ft, page.dpi).filter((ci) => ci.ink && !isLoneDash(ci, page.dpi) && !isFaintDash(region, ci, page.dpi));
          const firsts = inks.map((ci) => table.cells.find((c) => c.r === ci.cell.r && c.c === ci.cell.c)!);
          const picked = inks.map((ci, i) => ({ ci, cell: firsts[i]! })).filter(({ ci, cell }) => ci.cell.colspan === 1 && isFigureCell(cell.text));
          if (!picked.length) continue;
          const ways: Record<string, FigureReading[]> = {};
          for (const [name, w] of Object.entries(WAYS)) {
            const cis = picked.map((p) => p.ci);
            const got = w.mosaic
              ? await readMosaic(region, cis, engine, page.dpi, w.scale, w.psm, COUNT_CHARSET)
              : await readEachCell(region, cis, engine, page.dpi, w.scale, w.psm, COUNT_CHARSET);
            ways[name] = got.map((r) => cellText(r.words));
          }
          picked.forEach(({ ci, cell }, j) => {
            rows.push({
              where: `${dir} ${truth.id} p${page.page} ${page.tier} [${ci.cell.r},${ci.cell.c}]`,
              want: squeeze(joinVisualLines((tt.grid[ci.cell.r]?.[ci.cell.c] ?? '').split('\n'))),
              first: { text: cell.text, conf: cell.conf },
              ways: Object.fromEntries(Object.keys(WAYS).map((n) => [n, ways[n]![j]!])),
            });
          });
        }
      }
    }
  }
  await engine.close();
  if (tsvIdx >= 0) {
    const names = Object.keys(WAYS);
    const line = (r: Row) => [r.where, r.want, r.first, ...names.map((n) => r.ways[n]!)].map((x) => (typeof x === 'string' ? x : `${squeeze(x.text)}@${(x.conf ?? 0).toFixed(0)}`)).join('\t');
    fs.writeFileSync(process.argv[tsvIdx + 1]!, rows.map(line).join('\n') + '\n');
  }
  const right = rows.filter((r) => squeeze(r.first.text) === r.want).length;
  console.log(`${rows.length} figure cells, first reading right ${right}`);
  console.log('second third   fixed broke disputed(wrong of them)  final right');
  for (const second of Object.keys(WAYS)) {
    for (const third of Object.keys(WAYS)) {
      if (second === third) continue;
      let fixed = 0;
      let broke = 0;
      let disputed = 0;
      let disputedWrong = 0;
      for (const r of rows) {
        // as the table stage does: a first reading surer than the bar is not voted on
        const outcome = (r.first.conf ?? 0) >= VOTE_BELOW_CONF ? 'keep' : figureVote(r.first, r.ways[second]!, r.ways[third]!);
        const got = outcome === 'second' ? squeeze(r.ways[second]!.text) : squeeze(r.first.text);
        const was = squeeze(r.first.text) === r.want;
        if (got === r.want && !was) fixed++;
        if (got !== r.want && was) broke++;
        if (outcome === 'disputed') {
          disputed++;
          if (got !== r.want) disputedWrong++;
        }
      }
      console.log(`${second.padEnd(6)} ${third.padEnd(6)} ${String(fixed).padStart(5)} ${String(broke).padStart(5)} ${String(disputed).padStart(8)} (${disputedWrong})${String(right + fixed - broke).padStart(20)}`);
    }
  }
}

await main();
