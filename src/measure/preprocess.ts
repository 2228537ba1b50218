/**
 * Development measurement, not part of the pipeline: orientation accuracy, skew error and ms/page of
 * rasterise + clean-up over folders of PDFs with `<id>.truth.json` beside them (the eval set's format:
 * pages[].rotation and pages[].scan.skewDeg).
 *
 *   npm run measure -- preprocess ../shared/eval/public [--turns] [--per-page] [--truth-skew ccw]
 *   npm run measure -- preprocess samples/pdf --truth samples/truth --truth-skew ccw
 *
 * --truth DIR     where the truth files are (default: beside each PDF)
 * --turns         also turn every page by 90/180/270 more (4× the cases for the orientation check)
 * --truth-skew    sign convention of the truth's skewDeg: cw (the eval set: positive = text turned clockwise,
 *                 default) or ccw (PreprocessInfo's and samples/generator's: positive = counter-clockwise)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { analysePage, preprocessPage, rotateQuarter } from '../../pipeline/preprocess/index.js';

const args = process.argv.slice(2);
const folders = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--truth-skew' && args[i - 1] !== '--truth');
const truthDir = args.includes('--truth') ? args[args.indexOf('--truth') + 1] : undefined;
const turns = args.includes('--turns');
const perPage = args.includes('--per-page');
const truthSign = args[args.indexOf('--truth-skew') + 1] === 'ccw' ? 1 : -1;
if (!folders.length) {
  console.error('usage: measure.ts FOLDER… [--truth DIR] [--turns] [--per-page] [--truth-skew cw|ccw]');
  process.exit(2);
}

interface TruthPage {
  rotation: number;
  scan?: { skewDeg?: number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const cpuMs = (start: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

const rasterWall: number[] = [];
const rasterCpu: number[] = [];
const prepWall: number[] = [];
const prepCpu: number[] = [];
const skewErr: number[] = [];
let pages = 0;
let upright = 0;
let turnedCases = 0;
let turnedRight = 0;

for (const folder of folders) {
  for (const pdf of readdirSync(folder).filter((f) => f.endsWith('.pdf')).sort()) {
    const truth = JSON.parse(readFileSync(join(truthDir ?? folder, pdf.replace(/\.pdf$/, '.truth.json')), 'utf8')) as { pages: TruthPage[] };
    const doc = await openPdf(new Uint8Array(readFileSync(join(folder, pdf))), pdf);
    for (let p = 1; p <= doc.pageCount; p++) {
      const t = truth.pages[p - 1];
      if (!t) continue;
      let wall = performance.now();
      let cpu = process.cpuUsage();
      const raster = await doc.rasterise(p);
      rasterWall.push(performance.now() - wall);
      rasterCpu.push(cpuMs(cpu));
      wall = performance.now();
      cpu = process.cpuUsage();
      const prepared = await preprocessPage(raster);
      prepWall.push(performance.now() - wall);
      prepCpu.push(cpuMs(cpu));
      pages++;
      if (prepared.info.rotation === t.rotation) upright++;
      const truthSkew = truthSign * (t.scan?.skewDeg ?? 0);
      skewErr.push(Math.abs(prepared.info.skewDeg - truthSkew));
      if (perPage) {
        console.log(
          `${pdf} p${p}: rotation ${prepared.info.rotation} (truth ${t.rotation}, ${prepared.info.rotationMethod}, conf ${prepared.info.rotationConfidence}); ` +
            `skew ${prepared.info.skewDeg.toFixed(2)}° (truth ${truthSkew.toFixed(2)}°)`,
        );
      }
      if (turns) {
        for (const extra of [90, 180, 270]) {
          const a = await analysePage(rotateQuarter(raster.image, extra), raster.info.dpi);
          turnedCases++;
          if (a.rotation === (t.rotation + extra) % 360) turnedRight++;
        }
      }
    }
    await doc.close();
  }
}

skewErr.sort((a, b) => a - b);
console.log(`pages: ${pages}`);
console.log(`orientation: ${upright}/${pages} correct${turns ? `; turned by 90/180/270 more: ${turnedRight}/${turnedCases}` : ''}`);
console.log(
  `skew |error|: mean ${(skewErr.reduce((a, b) => a + b, 0) / pages).toFixed(3)}°, median ${median(skewErr).toFixed(3)}°, max ${skewErr[skewErr.length - 1]!.toFixed(3)}°`,
);
console.log(`rasterise ms/page (median): ${median(rasterWall).toFixed(0)} wall, ${median(rasterCpu).toFixed(0)} CPU`);
console.log(`preprocess ms/page (median): ${median(prepWall).toFixed(0)} wall, ${median(prepCpu).toFixed(0)} CPU (incl. sharp threads)`);
