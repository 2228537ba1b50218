/**
 * npm run bench [-- FOLDER…]: throughput of the pipeline over the samples (or given folders):
 * pages/min, median ms/page of each stage, peak RSS; and, when native `tesseract` is on PATH, the same
 * page images through it (`-l ben+eng --psm 3`) for a side-by-side ratio. Not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { ingest } from './ingest.js';
import { IngestOptionsSchema } from './config.js';
import { openPdf } from '../pipeline/rasterise/index.js';
import { preprocessPage } from '../pipeline/preprocess/index.js';
import { toPgm } from '../pipeline/image.js';
import { collectInputs } from './ingest.js';
import { TesseractEngine } from '../pipeline/ocr/tesseract.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const argv = process.argv.slice(2);
const optionValue = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const queueUrl = optionValue('--queue');
const workerSpecs = optionValue('--workers');
const inputs = argv.filter((a, i) => !a.startsWith('--') && !['--queue', '--workers'].includes(argv[i - 1] ?? ''));
const folders = inputs.length ? inputs : ['samples/pdf'];
if (queueUrl) {
  // the queue's bench: local ingest against 1, 2, 3 worker processes (src/queue/bench.ts), then stop
  const { benchQueue } = await import('./queue/bench.js');
  process.stdout.write((await benchQueue(queueUrl, folders, (workerSpecs ?? '1,2,3,1x2').split(','))) + '\n');
  process.exit(0);
}
const jobs = Number(process.env.BENCH_JOBS ?? os.availableParallelism());
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-bench-'));
const dbFile = path.join(dir, 'bench.sqlite');

const s = await ingest(folders, IngestOptionsSchema.parse({ db: dbFile, force: true, jobs }));
const db = new Database(dbFile, { readonly: true });
const rows = db.prepare('SELECT section, timings_json FROM pages').all() as { section: string | null; timings_json: string }[];
const stages = new Map<string, number[]>();
for (const r of rows) for (const [k, v] of Object.entries(JSON.parse(r.timings_json) as Record<string, number>)) stages.set(k, [...(stages.get(k) ?? []), v]);
const annexTotals = rows.filter((r) => r.section === 'annex5').map((r) => Object.values(JSON.parse(r.timings_json) as Record<string, number>).reduce((a, b) => a + b, 0));
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const report: string[] = [];
report.push(`pipeline: ${s.pages} pages, ${s.stored} files, ${s.seconds.toFixed(1)} s wall, ${((s.pages / s.seconds) * 60).toFixed(1)} pages/min with ${jobs} jobs; peak RSS ${peakRssMb.toFixed(0)} MB`);
report.push('median ms/page by stage (per page, single job time):');
for (const [k, v] of [...stages].sort()) report.push(`  ${k.padEnd(12)} ${median(v).toFixed(0).padStart(7)} ms  (n=${v.length})`);
if (annexTotals.length) report.push(`annex5 pages: median ${median(annexTotals).toFixed(0)} ms/page of stage time (n=${annexTotals.length})`);

// the same upright page images, full page, through one tesseract.js engine and through native
// tesseract (when on PATH), one page at a time, so the ratio compares the engines and nothing else
const native = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
if (process.env.BENCH_NATIVE !== '0') {
  const engine = new TesseractEngine();
  const js: number[] = [];
  const nat: number[] = [];
  for (const file of collectInputs(folders).files) {
    const doc = await openPdf(new Uint8Array(fs.readFileSync(file)), file);
    for (let p = 1; p <= doc.pageCount; p++) {
      const prepared = await preprocessPage(await doc.rasterise(p), {});
      const pgm = toPgm(prepared.image);
      let t = performance.now();
      await engine.recognise({ png: pgm, psm: 'auto' });
      js.push(performance.now() - t);
      if (native.status === 0) {
        const f = path.join(dir, 'p.pgm');
        fs.writeFileSync(f, pgm);
        t = performance.now();
        spawnSync('tesseract', [f, '-', '-l', 'ben+eng', '--psm', '3'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        nat.push(performance.now() - t);
      }
    }
    await doc.close();
  }
  await engine.close();
  report.push(`full-page OCR, one engine, one page at a time: tesseract.js median ${median(js).toFixed(0)} ms/page (n=${js.length})`);
  if (nat.length) {
    report.push(`native ${native.stdout.split('\n')[0]} (--psm 3, 1 thread): median ${median(nat).toFixed(0)} ms/page; ratio tesseract.js/native ${(median(js) / median(nat)).toFixed(2)}×`);
  } else {
    report.push('native tesseract not on PATH: no side-by-side ratio (install it for the comparison only)');
  }
}
process.stdout.write(report.join('\n') + '\n');
