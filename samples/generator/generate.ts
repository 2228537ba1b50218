/**
 * `npm run samples`: renders the committed sample submissions into samples/pdf and samples/truth.
 *   tsx samples/generator/generate.ts [--seed S] [--out DIR] [--only ID] [--png DIR] [--family apa|other|mixed]
 * --family other renders the second family (other/family.ts: unrelated documents, bundles, other layouts); it is
 * the default for seeds starting "other-" (held-out sets such as --seed other-ho-a). --family mixed renders pages
 * in mixed Bangla/English script (mixed/family.ts); the default for seeds starting "mixed-".
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { DEFAULT_SEED, samplePlans } from './plans.js';
import { buildSubmission, type BuiltSubmission } from './submission.js';
import { buildFamilySubmission, familyPlans } from './other/family.js';
import { mixedPlans } from './mixed/family.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const program = new Command()
  .name('generate')
  .description('render the sample submissions (image-only PDFs + truth JSON)')
  .option('--seed <seed>', 'seed of the whole set', DEFAULT_SEED)
  .option('--out <dir>', 'folder holding pdf/ and truth/', path.resolve(here, '..'))
  .option('--only <id>', 'render one submission only')
  .option('--png <dir>', 'also write each page image (JPEG) here, for looking at')
  .option('--family <family>', 'apa: the submissions of the committed samples; other: unrelated documents and bundles (default for seeds "other-…"); mixed: pages in mixed Bangla/English (default for seeds "mixed-…")');
program.parse();
const opts = program.opts<{ seed: string; out: string; only?: string; png?: string; family?: string }>();
const family = opts.family ?? (opts.seed.startsWith('other-') ? 'other' : opts.seed.startsWith('mixed-') ? 'mixed' : 'apa');
if (family !== 'apa' && family !== 'other' && family !== 'mixed') program.error(`--family must be apa, other or mixed, not ${family}`);

const pdfDir = path.join(opts.out, 'pdf');
const truthDir = path.join(opts.out, 'truth');
fs.mkdirSync(pdfDir, { recursive: true });
fs.mkdirSync(truthDir, { recursive: true });
if (opts.png) fs.mkdirSync(opts.png, { recursive: true });

let total = 0;
const jobs: { id: string; tier: string; dpi: number; build: () => Promise<BuiltSubmission> }[] =
  family === 'other' || family === 'mixed'
    ? (family === 'other' ? familyPlans(opts.seed) : mixedPlans(opts.seed)).map((p) => ({ id: p.id, tier: p.tier, dpi: p.dpi, build: () => buildFamilySubmission(p) }))
    : samplePlans(opts.seed).map((p) => ({ id: p.id, tier: p.tier, dpi: p.dpi, build: () => buildSubmission(p) }));
for (const plan of jobs) {
  if (opts.only && plan.id !== opts.only) continue;
  const t0 = Date.now();
  const built = await plan.build();
  fs.writeFileSync(path.join(pdfDir, `${plan.id}.pdf`), built.pdf);
  fs.writeFileSync(path.join(truthDir, `${plan.id}.truth.json`), JSON.stringify(built.truth, null, 1) + '\n');
  if (opts.png) built.jpegs.forEach((j, i) => fs.writeFileSync(path.join(opts.png!, `${plan.id}.p${String(i + 1).padStart(2, '0')}.jpg`), j));
  total += built.pdf.length;
  const pages = built.truth.pages.map((p) => `${p.subtype}${p.orientation === 'landscape' ? '(L)' : ''}${p.rotation ? `@${p.rotation}` : ''}`).join(', ');
  console.log(`${plan.id}: ${plan.tier} ${built.truth.font} ${plan.dpi} dpi, ${built.truth.pageCount} pages, ${(built.pdf.length / 1024).toFixed(0)} KB, ${((Date.now() - t0) / 1000).toFixed(1)} s — ${pages}`);
}
console.log(`total ${(total / 1024 / 1024).toFixed(2)} MB`);
