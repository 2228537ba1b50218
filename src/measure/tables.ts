/**
 * Measures table structure and cell text against the eval corpus truth (read-only; nothing is copied).
 *
 *   npm run measure -- tables [--eval DIR] [--ocr mosaic|cells|region|none] [--only pub_001:2,...]
 *       [--langs ben+eng] [--psm block|sparse|auto|line] [--ocr-dpi N (enlarge crops to N dpi)]
 *       [--charset none (read cells unrestricted, as before the Bangla-first reading)]
 *       [--no-vote (skip the figure-cell vote)] [--no-deskew] [--verbose] [--dump DIR (writes the upright page images)] [--page-ocr]
 *
 * Cell text is compared as the export writes it (visual lines rejoined by pipeline/text/lines.ts), after NFC
 * and whitespace collapse. --page-ocr also times a full-page OCR and an OCR of the page with its tables masked,
 * for the issue's budget: masked page + table cells ≤ 2 × full page.
 *
 * Page images are the PDFs' own JPEGs. Rotation and skew are undone from the truth (the orientation/deskew
 * stage is measured elsewhere), so this measures the table stage on upright pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { GreyImage } from '../../models/image.js';
import type { Table } from '../../models/table.js';
import type { Psm } from '../../models/ocr.js';
import { detectTables } from '../../pipeline/tables/detect.js';
import { readTableCells, type CellStrategy } from '../../pipeline/tables/cells.js';
import type { TableStructure } from '../../pipeline/tables/structure.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { toPgm } from '../../pipeline/image.js';
import { joinVisualLines } from '../../pipeline/text/lines.js';
import { maskTables } from '../../pipeline/tables/detect.js';
import { cleanTableRegion, findCellInk, isFaintDash, isLoneDash } from '../../pipeline/tables/clean.js';
import { pageImages, uprightGrey, type Truth } from './eval-pages.js';

const normText = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function spanKey(cells: { r: number; c: number; rowspan: number; colspan: number }[]): string {
  return cells
    .filter((c) => c.rowspan > 1 || c.colspan > 1)
    .map((c) => `${c.r},${c.c},${c.rowspan}x${c.colspan}`)
    .sort()
    .join(' ');
}

interface TierStats {
  pages: number;
  truthTables: number;
  foundTables: number;
  shapeOk: number;
  spansOk: number;
  cells: number;
  cellsExact: number;
  ocrSeconds: number;
  ocrTables: number;
  pageSeconds: number;
  maskedSeconds: number;
  timedPages: number;
}

async function main() {
  const evalDir = arg('--eval') ?? '/work/shared/eval/public';
  const strategy = (arg('--ocr') ?? 'none') as CellStrategy | 'none';
  const psm = (arg('--psm') ?? 'block') as Psm;
  const only = arg('--only')?.split(',');
  const verbose = process.argv.includes('--verbose');
  const deskew = !process.argv.includes('--no-deskew');
  const dump = arg('--dump');
  const pageOcr = process.argv.includes('--page-ocr');
  const stats = new Map<string, TierStats>();
  const engine = strategy === 'none' ? null : new TesseractEngine({ langs: arg('--langs') ?? 'ben+eng' });
  let detectMs = 0;
  let detectPages = 0;
  let spurious = 0;
  const kinds = new Map<string, number>();
  let minRow = Infinity;
  let minCol = Infinity;

  const truths = fs
    .readdirSync(evalDir)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(evalDir, f), 'utf8')) as Truth);
  for (const truth of truths) {
    const jpegs = await pageImages(path.join(evalDir, `${truth.id}.pdf`));
    for (const page of truth.pages) {
      if (only && !only.includes(`${truth.id}:${page.page}`) && !only.includes(truth.id)) continue;
      const img = await uprightGrey(jpegs[page.page - 1]!, page.rotation, deskew ? page.scan.skewDeg : 0);
      if (dump) {
        await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 1 } })
          .png()
          .toFile(path.join(dump, `${truth.id}_p${page.page}.png`));
      }
      const t0 = performance.now();
      const found = detectTables(img, { dpi: page.dpi });
      detectMs += performance.now() - t0;
      detectPages++;
      if (page.tables.length === 0) {
        // pages without ruled tables (letters, certificates) must come out without any
        if (found.length) console.log(`${truth.id} p${page.page} ${page.tier} | no table in truth, found ${found.length}`);
        spurious += found.length;
        continue;
      }
      const st = stats.get(page.tier) ?? {
        pages: 0,
        truthTables: 0,
        foundTables: 0,
        shapeOk: 0,
        spansOk: 0,
        cells: 0,
        cellsExact: 0,
        ocrSeconds: 0,
        ocrTables: 0,
        pageSeconds: 0,
        maskedSeconds: 0,
        timedPages: 0,
      };
      stats.set(page.tier, st);
      st.pages++;
      st.truthTables += page.tables.length;
      st.foundTables += found.length;
      const line = [`${truth.id} p${page.page} ${page.tier}`];
      for (let k = 0; k < page.tables.length; k++) {
        const tt = page.tables[k]!;
        const ft: TableStructure | undefined = found[k];
        const shape = ft ? `${ft.nRows}x${ft.nCols}` : 'none';
        const shapeOk = !!ft && ft.nRows === tt.nRows && ft.nCols === tt.nCols;
        const spansOk = shapeOk && spanKey(ft.cells) === spanKey(tt.cells);
        if (ft) {
          const gaps = (xs: number[]) => Math.min(...xs.slice(1).map((x, i) => x - xs[i]!)) / page.dpi;
          minRow = Math.min(minRow, gaps(ft.rowLines));
          minCol = Math.min(minCol, gaps(ft.colLines));
        }
        if (shapeOk) st.shapeOk++;
        if (spansOk) st.spansOk++;
        line.push(`${tt.role} truth ${tt.nRows}x${tt.nCols} got ${shape}${shapeOk ? (spansOk ? ' ok' : ' SPANS') : ' SHAPE'}`);
        if (verbose && ft && !spansOk) {
          line.push(`\n    truth spans ${spanKey(tt.cells)}\n    got   spans ${spanKey(ft.cells)}`);
          line.push(`\n    rows ${ft.rowLines.map(Math.round).join(' ')}\n    cols ${ft.colLines.map(Math.round).join(' ')}`);
        }
        st.cells += tt.nRows * tt.nCols;
        if (ft && spansOk) {
          // empty / dash / text decided from the image alone, against the truth's cell text
          const region = cleanTableRegion(img, ft, page.dpi);
          for (const ci of findCellInk(region, ft, page.dpi)) {
            const want = normText(tt.grid[ci.cell.r]?.[ci.cell.c] ?? '');
            const wantKind = want === '' ? 'empty' : want === '-' ? 'dash' : 'text';
            const gotKind = isFaintDash(region, ci, page.dpi) ? 'dash' : !ci.ink ? 'empty' : isLoneDash(ci, page.dpi) ? 'dash' : 'text';
            const key = `${wantKind}→${gotKind}`;
            kinds.set(key, (kinds.get(key) ?? 0) + 1);
            if (verbose && wantKind !== gotKind) line.push(`\n    kind [${ci.cell.r},${ci.cell.c}] ${key} ink ${JSON.stringify(ci.ink)}`);
          }
        }
        if (engine && ft) {
          const t1 = performance.now();
          const table: Table = await readTableCells(img, ft, engine, { dpi: page.dpi, strategy: strategy as CellStrategy, psm, ...(arg('--charset') === 'none' ? { charset: null } : {}), ...(arg('--ocr-dpi') ? { ocrDpi: Number(arg('--ocr-dpi')) } : {}), ...(process.argv.includes('--no-vote') ? { vote: false } : {}) });
          st.ocrSeconds += (performance.now() - t1) / 1000;
          st.ocrTables++;
          let exact = 0;
          const misses: string[] = [];
          for (let r = 0; r < tt.nRows; r++) {
            for (let c = 0; c < tt.nCols; c++) {
              const want = normText(tt.grid[r]?.[c] ?? '');
              const got = normText(joinVisualLines((table.grid[r]?.[c] ?? '').split('\n')));
              if (want === got) exact++;
              else {
                const cell = table.cells.find((x) => r >= x.r && r < x.r + x.rowspan && c >= x.c && c < x.c + x.colspan);
                misses.push(`[${r},${c}] ${JSON.stringify(want)} → ${JSON.stringify(got)} (conf ${cell?.conf?.toFixed(0) ?? '-'})`);
              }
            }
          }
          st.cellsExact += exact;
          line.push(`cells ${exact}/${tt.nRows * tt.nCols} in ${((performance.now() - t1) / 1000).toFixed(1)}s`);
          if (verbose) {
            const seen = new Set<string>();
            for (const m of misses) if (!seen.has(m)) seen.add(m) && line.push(`\n    ${m}`);
          }
        }
      }
      if (found.length > page.tables.length) line.push(`+${found.length - page.tables.length} extra`);
      if (engine && pageOcr) {
        let t2 = performance.now();
        await engine.recognise({ png: toPgm(img), psm: 'auto', dpi: page.dpi });
        st.pageSeconds += (performance.now() - t2) / 1000;
        t2 = performance.now();
        await engine.recognise({ png: toPgm(maskTables(img, found)), psm: 'auto', dpi: page.dpi });
        st.maskedSeconds += (performance.now() - t2) / 1000;
        st.timedPages++;
      }
      console.log(line.join(' | '));
    }
  }
  await engine?.close();

  console.log('\ntier     pages tables found shapeOK spansOK cellExact   s/table  s/page(full) s/page(masked+cells)');
  const all: TierStats = {
    pages: 0,
    truthTables: 0,
    foundTables: 0,
    shapeOk: 0,
    spansOk: 0,
    cells: 0,
    cellsExact: 0,
    ocrSeconds: 0,
    ocrTables: 0,
    pageSeconds: 0,
    maskedSeconds: 0,
    timedPages: 0,
  };
  const rowOf = (name: string, s: TierStats) =>
    `${name.padEnd(8)} ${String(s.pages).padStart(5)} ${String(s.truthTables).padStart(6)} ${String(s.foundTables).padStart(5)} ` +
    `${String(s.shapeOk).padStart(7)} ${String(s.spansOk).padStart(7)} ` +
    `${engine ? ((100 * s.cellsExact) / Math.max(1, s.cells)).toFixed(1).padStart(8) + '%' : '      n/a'} ` +
    `${engine ? (s.ocrSeconds / Math.max(1, s.ocrTables)).toFixed(2).padStart(9) : '      n/a'}` +
    (s.timedPages
      ? `${(s.pageSeconds / s.timedPages).toFixed(2).padStart(13)} ${((s.maskedSeconds + s.ocrSeconds) / s.timedPages).toFixed(2).padStart(20)}`
      : '');
  for (const tier of ['clean', 'typical', 'hard']) {
    const s = stats.get(tier);
    if (!s) continue;
    console.log(rowOf(tier, s));
    for (const k of Object.keys(all) as (keyof TierStats)[]) all[k] += s[k];
  }
  console.log(rowOf('all', all));
  console.log(`tables found on pages without tables: ${spurious}`);
  console.log(`cell kinds (truth→image): ${[...kinds].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`smallest row ${minRow.toFixed(3)} in, smallest column ${minCol.toFixed(3)} in`);
  console.log(`structure detection: ${(detectMs / Math.max(1, detectPages)).toFixed(0)} ms/page`);
}

await main();
