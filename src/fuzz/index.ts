/**
 * `npm run fuzz [-- --seconds N] [--target pdf|normalise|http] [--seed S]`: bounded-time fuzzing of the PDF
 * opener and rasteriser, the normaliser and every route of the review server (src/fuzz/*.ts). Nothing may throw
 * out of a stage (errors come back as data or as 4xx), hang past the per-input time, or kill the process;
 * each failing input is saved under .tmp/fuzz-crashes/ with a note saying how to tell what went wrong.
 * N seconds per target (default 60). Exit code 1 when anything failed.
 */
import { fuzzHttp } from './http.js';
import { fuzzNormalise } from './normalise.js';
import { fuzzPdf } from './pdf.js';
import type { FuzzReport } from './report.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Number(opt('--seconds') ?? 60);
const seed = Number(opt('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const only = opt('--target');
if (!(seconds > 0) || (only && !['pdf', 'normalise', 'http'].includes(only))) {
  process.stderr.write('usage: npm run fuzz [-- --seconds N] [--target pdf|normalise|http] [--seed S]\n');
  process.exit(2);
}

const TARGETS = { pdf: fuzzPdf, normalise: fuzzNormalise, http: fuzzHttp } as const;
process.stderr.write(`fuzzing ${only ?? 'pdf, normalise, http'} for ${seconds} s each, seed ${seed}\n`);
const reports: FuzzReport[] = [];
for (const [name, run] of Object.entries(TARGETS)) {
  if (only && only !== name) continue;
  const r = await run({ seconds, seed });
  reports.push(r);
  const outcomes = Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${name}: ${r.inputs} inputs in ${r.seconds.toFixed(0)} s (${outcomes}); ${r.failures.length} failure(s)`);
  for (const f of r.failures.slice(0, 20)) console.log(`  ${f.kind}: ${f.detail}\n    input: ${f.saved}`);
  if (r.failures.length > 20) console.log(`  … ${r.failures.length - 20} more under .tmp/fuzz-crashes/`);
}
process.exitCode = reports.some((r) => r.failures.length) ? 1 : 0;
