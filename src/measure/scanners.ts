/**
 * Development measurement, not part of the pipeline: does every scanner format read as well as the plain grey
 * JPEG page of the same crop (its twin)? Each fixture page of samples/scanners/ and each twin goes through the
 * product's page stages (rasterise, clean-up, tables, OCR, reading order: pipeline/runner.ts) with the real
 * Tesseract engine; the page text is scored against the truth of the crop (lines of the sample's truth text).
 *
 *   npm run measure -- scanners [--jobs N] [--only FILE]
 *
 * Prints per page: CER against truth of the page and of its twin (and the difference, which must stay within
 * 1 point), CER of the page's OCR against the twin's OCR, and whether any text-layer marker leaked into the
 * output. Exit code 1 when a page misses the 1-point bar, leaks, or fails without a one-line error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import PQueue from 'p-queue';
import { canonicalText } from '../../pipeline/normalise/index.js';
import { EnginePool } from '../../pipeline/ocr/pool.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { processFile } from '../../pipeline/runner.js';
import { CROP, FIXTURE_MANIFEST, TEXT_LAYER_MARKERS } from '../../samples/scanners/manifest.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'samples', 'scanners');
const args = process.argv.slice(2);
const jobs = Number(args[args.indexOf('--jobs') + 1]) || 2;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

/** Text as compared: canonical Bangla, every run of white space one space (line breaks and TABs are layout). */
const flat = (s: string): string => canonicalText(s).replace(/\s+/g, ' ').trim();
const cer = (hyp: string, ref: string): number => (ref.length ? distance(flat(hyp), flat(ref)) / flat(ref).length : 0);

const truthFile = JSON.parse(readFileSync(join(ROOT, 'samples', 'truth', `${CROP.sample}.truth.json`), 'utf8')) as { pages: { text: string }[] };
const truth = truthFile.pages[CROP.page - 1]!.text.split('\n').slice(CROP.truthLines[0], CROP.truthLines[1] + 1).join('\n');

const pool = new EnginePool(Array.from({ length: jobs }, () => new TesseractEngine()));
const pageQueue = new PQueue({ concurrency: jobs });
const texts = new Map<string, { text: string; error: string | null; source: string | null; cpuMs: number }>();

const files = [...new Set(FIXTURE_MANIFEST.flatMap((f) => [f.file, f.twin.file]))].filter(
  (f) => !only || f === only || FIXTURE_MANIFEST.some((m) => m.file === only && m.twin.file === f),
);
try {
  for (const file of files) {
    const cpu = process.cpuUsage();
    const res = await processFile(file, new Uint8Array(readFileSync(join(DIR, file))), { pool, pageQueue });
    const used = process.cpuUsage(cpu);
    for (const p of res.pages) {
      const error = p.errors[0] ? `${p.errors[0].file} page ${p.errors[0].page}: ${p.errors[0].message}` : null;
      texts.set(`${file}#${p.page}`, { text: p.text, error, source: p.raster?.source ?? null, cpuMs: (used.user + used.system) / 1000 / res.pages.length });
    }
    process.stderr.write(`${file}: ${res.pages.length} page(s)\n`);
  }
} finally {
  await pool.close();
}

let bad = 0;
const rows: string[][] = [['page', 'format', 'raster', 'CER page', 'CER twin', 'Δ points', 'vs twin OCR', 'leak', 'verdict']];
for (const f of FIXTURE_MANIFEST) {
  if (only && f.file !== only) continue;
  const got = texts.get(`${f.file}#${f.page}`)!;
  const twin = texts.get(`${f.twin.file}#${f.twin.page}`)!;
  const c = cer(got.text, truth);
  const ct = cer(twin.text, truth);
  const delta = (c - ct) * 100;
  const leak = TEXT_LAYER_MARKERS.filter((m) => got.text.includes(m));
  const oneLineError = got.error !== null && !got.error.includes('\n') && got.error.includes(f.file);
  const ok = leak.length === 0 && (got.error ? oneLineError : delta <= 1);
  if (!ok) bad++;
  rows.push([
    `${f.file} p${f.page}`,
    f.format.slice(0, 48),
    got.source ?? '-',
    got.error ? 'error' : (c * 100).toFixed(2) + '%',
    (ct * 100).toFixed(2) + '%',
    got.error ? '-' : (delta >= 0 ? '+' : '') + delta.toFixed(2),
    got.error ? '-' : (cer(got.text, twin.text) * 100).toFixed(2) + '%',
    leak.length ? leak.join(',') : 'none',
    ok ? 'ok' : got.error ? `FAIL ${got.error}` : 'FAIL',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((v, i) => v.padEnd(widths[i]!)).join('  '));
console.log(`\ntruth: ${CROP.sample} page ${CROP.page} lines ${CROP.truthLines[0]}–${CROP.truthLines[1]} (${flat(truth).length} characters); ${bad} page(s) missing the bar`);
process.exitCode = bad ? 1 : 0;
