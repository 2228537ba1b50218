/**
 * Crash safety, measured: `ingest`, `rebuild` and the review server killed with SIGKILL at random moments
 * (src/measure/crashHarness.ts), each trial checked for integrity, files stored once, and equality with an
 * uninterrupted run after the command is run again.
 *
 *   npm run measure -- crash [--trials N] [--seed S] [--corpus small|full] [--ocr-ms MS] [--only ingest|rebuild|serve]
 *
 * Defaults: 20 trials of each, seed 1, the full corpus (samples/bad + small scans + samples/scanners), 20 ms per
 * fake OCR call. Exit code 1 when any trial fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Rng } from '../../samples/generator/prng.js';
import { ingestTrial, rebuildTrial, reference, serveTrial, trialOk, type TrialResult } from './crashHarness.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const trials = Number(opt('--trials') ?? 20);
const seed = Number(opt('--seed') ?? 1);
const corpus = opt('--corpus') === 'small' ? 'small' : 'full';
const ocrMs = Number(opt('--ocr-ms') ?? 20);
const only = opt('--only');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-crash-'));
const ref = await reference(dir, corpus, ocrMs);
const files = Object.keys(ref.snapshot.files).length;
console.log(`reference: ${files} files stored, ingest ${(ref.ingestSpanMs / 1000).toFixed(1)} s from first file done to last, rebuild ${(ref.rebuildMs / 1000).toFixed(1)} s (${dir})`);
const rng = new Rng(seed);
const results: TrialResult[] = [];
for (const kind of ['ingest', 'rebuild', 'serve'] as const) {
  if (only && only !== kind) continue;
  for (let t = 1; t <= trials; t++) {
    const r = kind === 'ingest' ? await ingestTrial(ref, t, rng) : kind === 'rebuild' ? await rebuildTrial(ref, t, rng) : await serveTrial(ref, t, rng);
    results.push(r);
    const extra = kind === 'serve' ? ` corrections stored ${r.storedAtKill}, acknowledged ${r.acknowledged} found ${r.acknowledgedFound}, partial ${r.partial}` : ` ${kind === 'ingest' ? 'stored' : 'rebuilt'} at kill ${r.storedAtKill}/${files}`;
    console.log(
      `${kind} #${t}: killed ${r.killedAtMs === null ? 'after it ended' : `at ${r.killedAtMs.toFixed(0)} ms`};${extra}; integrity ${r.integrity}; duplicates ${r.duplicates}; ${r.difference ? `DIFFERS ${r.difference}` : 'equal to the uninterrupted run'} → ${trialOk(r) ? 'ok' : 'FAIL'}`,
    );
  }
}
const failed = results.filter((r) => !trialOk(r));
const byKind = (k: string) => results.filter((r) => r.kind === k);
console.log(
  `\n${results.length} trials, ${failed.length} failed; ` +
    ['ingest', 'rebuild', 'serve'].map((k) => `${k}: ${byKind(k).filter(trialOk).length}/${byKind(k).length} ok, ${byKind(k).filter((r) => r.killedAtMs !== null).length} killed mid-run`).join('; '),
);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failed.length ? 1 : 0;
