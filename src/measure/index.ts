/**
 * Measuring tools: development measurements against truth (eval corpus, own samples, held-out generator sets).
 * They read and print; none is a pipeline stage and none runs in the tests.
 *
 *   npm run measure -- <tool> [tool options]
 *
 * The tool's own options follow its name unchanged: each tool reads process.argv as if it had been run alone.
 */
const TOOLS = {
  tables: { load: () => import('./tables.js'), what: 'table structure and cell text against truth (OCR-heavy)' },
  'tables-vote': { load: () => import('./tables-vote.js'), what: 'the figure-cell vote: every pairing of candidate readings (OCR-heavy)' },
  annex5: { load: () => import('./annex5.js'), what: 'upper bound of Annex 5 extraction on truth tables' },
  metadata: { load: () => import('./metadata.js'), what: 'submission metadata and page classification on truth text' },
  classify: { load: () => import('./classify.js'), what: 'page classification on truth text and tables, through the document stages: [TRUTH_DIR …]' },
  preprocess: { load: () => import('./preprocess.js'), what: 'orientation, skew and clean-up time per page' },
  crash: { load: () => import('./crash.js'), what: 'ingest, rebuild and the review server killed with SIGKILL at random moments: integrity, once, equal' },
  latin: { load: () => import('./latin.js'), what: 'Latin words, addresses and ASCII figures: held-out mixed-script sets (--split DIR) or a PDF with an exact text layer (--pdf FILE) (OCR-heavy)' },
  scanners: { load: () => import('./scanners.js'), what: 'each scanner format of samples/scanners/ against its grey JPEG twin: page-text CER (OCR-heavy)' },
  'flag-share': { load: () => import(new URL('./flag-share.mjs', import.meta.url).href) /* plain JS: it reads the scorer's own helpers */, what: 'share of wrong indicator fields a reviewer is pointed to: PRED_DIR TRUTH_DIR' },
} as const;

const name = process.argv[2];
if (!name || !(name in TOOLS)) {
  const list = Object.entries(TOOLS).map(([k, v]) => `  ${k.padEnd(12)} ${v.what}`).join('\n');
  process.stderr.write(`${name ? `error: unknown measuring tool "${name}"\n` : ''}usage: npm run measure -- <tool> [options]\n${list}\n`);
  process.exit(2);
}
// Drop the tool's name so the tool sees its own options where it would if run alone.
process.argv.splice(2, 1);
await TOOLS[name as keyof typeof TOOLS].load();
