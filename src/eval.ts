/**
 * npm run eval [-- --split DIR --out DIR --jobs N --engine wasm|native]: ingest a split of scanned submissions with truth
 * (default: the project's own samples; ../shared/eval/public when present and asked for), export JSON,
 * and score it with ../shared/eval/score.mjs. OCR-heavy: never part of `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ingest } from './ingest.js';
import { exportJson } from './export.js';
import { IngestOptionsSchema } from './config.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'samples/pdf' },
    truth: { type: 'string' },
    out: { type: 'string', default: 'out/eval' },
    jobs: { type: 'string' },
    engine: { type: 'string', default: 'wasm' },
    scorer: { type: 'string', default: '../shared/eval/score.mjs' },
  },
});
const args = z
  .object({ split: z.string(), truth: z.string().optional(), out: z.string(), jobs: z.string().optional(), engine: z.string(), scorer: z.string() })
  .parse(values);
const truth = args.truth ?? (fs.existsSync(path.join(args.split, '..', 'truth')) ? path.join(args.split, '..', 'truth') : args.split);
const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apa-eval-')), 'eval.sqlite');
const pred = path.join(args.out, 'pred');
fs.rmSync(pred, { recursive: true, force: true });

const opts = IngestOptionsSchema.parse({ db, force: true, engine: args.engine, ...(args.jobs ? { jobs: args.jobs } : {}) });
const s = await ingest([args.split], opts);
process.stderr.write(`ingested ${s.stored} files, ${s.pages} pages in ${s.seconds.toFixed(1)} s (${((s.pages / s.seconds) * 60).toFixed(1)} pages/min); ${s.failed.length} failed\n`);
exportJson({ db, out: pred, format: 'json' });
fs.copyFileSync(db, path.join(args.out, 'eval.sqlite'));
if (!fs.existsSync(args.scorer)) {
  process.stderr.write(`scorer ${args.scorer} not found; predictions are in ${pred}\n`);
  process.exit(0);
}
const r = spawnSync(process.execPath, [args.scorer, '--pred', pred, '--truth', truth, '--json', path.join(args.out, 'score.json')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
