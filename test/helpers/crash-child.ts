/**
 * The process the crash tests start and kill with SIGKILL (src/measure/crashHarness.ts): the real `ingest()`,
 * `rebuild()` and review server, nothing mocked but the OCR engine.
 *
 *   node --import tsx test/helpers/crash-child.ts ingest DB INPUT…
 *   node --import tsx test/helpers/crash-child.ts rebuild DB
 *   node --import tsx test/helpers/crash-child.ts serve DB
 *
 * APA_CRASH_FAKE_OCR=1 (read here, and only here) swaps Tesseract for the deterministic CrashEngine: the property
 * under test is durability, not OCR. APA_CRASH_OCR_MS sets its time per call (default 5).
 * Prints "ready" once loaded (the harness times its kill from there), "done" when the work is over.
 */
import { IngestOptionsSchema } from '../../src/config.js';
import { ingest, rebuild } from '../../src/ingest.js';
import { startReviewServer } from '../../src/server/cli.js';
import { TesseractEngine } from '../../pipeline/ocr/tesseract.js';
import { CrashEngine } from './crashEngine.js';

const [mode, db, ...inputs] = process.argv.slice(2);
if (!db || !['ingest', 'rebuild', 'serve'].includes(mode ?? '')) {
  process.stderr.write('usage: crash-child.ts ingest|rebuild|serve DB [INPUT…]\n');
  process.exit(2);
}
const fake = process.env.APA_CRASH_FAKE_OCR === '1';
const delay = Number(process.env.APA_CRASH_OCR_MS ?? 5);
process.stdout.write('ready\n');
if (mode === 'ingest') {
  const s = await ingest(inputs, IngestOptionsSchema.parse({ db, jobs: 2 }), fake ? () => new CrashEngine(delay) : () => new TesseractEngine());
  process.stdout.write(`done ${JSON.stringify({ stored: s.stored, skipped: s.skipped, failed: s.failed.length })}\n`);
} else if (mode === 'rebuild') {
  const r = rebuild(db);
  process.stdout.write(`done ${JSON.stringify(r)}\n`);
} else {
  const s = await startReviewServer({ db, port: 0, host: '127.0.0.1' });
  process.stdout.write(`listening ${s.url}\n`);
}
