#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB, ExportOptionsSchema, IngestOptionsSchema, TOOL_VERSION } from './config.js';
import { ingest, rebuild } from './ingest.js';
import { BackupError, BackupOptionsSchema, backupDatabase, type BackupProgress } from './backup.js';
import { exportJson } from './export.js';
import { openDb } from '../db/open.js';
import { stats } from '../db/queries.js';
import { normaliseForCli } from '../pipeline/normalise/index.js';
import { registerQueryCommands } from './query/cli.js';
import { registerServeCommand } from './server/cli.js';
import { registerUsersCommands } from './server/users.js';
import { registerQueueCommands, QUEUE_OPTION_HELP } from './queue/cli.js';
import { QueueCommandError } from './queue/errors.js';
import { prepareEngine } from '../pipeline/ocr/factory.js';
import { NativeEngineUnavailable } from '../pipeline/ocr/native.js';
import type { EngineKind } from '../models/ocr.js';

/** Exit codes: 0 all ok, 1 some files failed, 2 usage error. */
class UsageError extends Error {}

function parseOpts<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** The chosen OCR engine must run before any work starts: a missing `tesseract` is a usage error (exit 2). */
function checkEngine(kind: EngineKind): void {
  try {
    prepareEngine(kind);
  } catch (e) {
    if (e instanceof NativeEngineUnavailable) throw new UsageError(e.message);
    throw e;
  }
}

const program = new Command()
  .name('apa-ocr')
  .description('Scanned Bangla APA e-Governance progress submissions → indicator data in SQLite')
  .version(TOOL_VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('ingest')
  .description('OCR PDFs (files or folders) into the database; files already stored are skipped')
  .argument('<inputs...>', 'PDF files or folders of PDFs')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--jobs <n>', 'pages OCRed at once (default: number of cores)')
  .option('--force', 're-process files already stored', false)
  .option('--max-pages <n>', 'refuse PDFs with more pages than this', '1000')
  .option('--recycle <n>', 'OCR calls before a Tesseract worker is recreated', '150')
  .option('--engine <kind>', 'OCR engine: wasm (tesseract.js, built in) or native (the system tesseract 5, e.g. Debian tesseract-ocr; same models)', 'wasm')
  .option('--queue <url>', `${QUEUE_OPTION_HELP}; workers (apa-ocr worker) read the pages, this process stores them`)
  .option('--max-pdf-mb <n>', 'with --queue: largest PDF put on the queue', '64')
  .option('--in-flight-mb <n>', 'with --queue: PDF bytes held in Redis at once', '256')
  .action(async (inputs: string[], raw: Record<string, unknown>) => {
    const opts = parseOpts(IngestOptionsSchema, raw);
    if (!opts.queue) checkEngine(opts.engine);
    const s = await ingest(inputs, opts);
    const q = s.queue;
    process.stderr.write(
      `\n${s.stored} stored, ${s.skipped} skipped, ${s.failed.length} failed; ${s.pages} pages in ${s.seconds.toFixed(1)} s` +
        (s.pages ? ` (${((s.pages / s.seconds) * 60).toFixed(1)} pages/min)` : '') +
        ` → ${opts.db}\n` +
        (q && s.pages ? `queue: ${q.reusedPages} page(s) taken from an earlier run; writer ${(q.writerCpuMs / s.pages).toFixed(0)} ms CPU/page (${(q.writerMs / s.pages).toFixed(0)} ms wall)\n` : ''),
    );
    for (const f of s.failed) process.stderr.write(`  failed: ${f.message}\n`);
    process.exitCode = q?.interrupted ? 130 : s.failed.length ? 1 : 0;
  });

program
  .command('rebuild')
  .description('re-run classification, metadata and Annex 5 extraction over the stored OCR (no OCR again)')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action((raw: { db: string }) => {
    const r = rebuild(raw.db);
    process.stderr.write(`${r.submissions} submissions rebuilt; ${r.indicators} indicators\n`);
  });

program
  .command('export')
  .description('write one JSON per submission (the shape ../shared/eval/score.mjs reads)')
  .requiredOption('--out <dir>', 'output folder')
  .option('--format <fmt>', 'json', 'json')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action((raw: Record<string, unknown>) => {
    const opts = parseOpts(ExportOptionsSchema, raw);
    const files = exportJson(opts);
    process.stderr.write(`${files.length} submissions exported to ${opts.out}\n`);
  });

program
  .command('stats')
  .description('submissions, pages by section, tables, indicators and failures')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--json', 'print JSON', false)
  .action((raw: { db: string; json: boolean }) => {
    const db = openDb(raw.db, { readonly: true });
    const s = stats(db);
    db.close();
    if (raw.json) {
      process.stdout.write(JSON.stringify(s, null, 1) + '\n');
      return;
    }
    const lines = [
      `database     ${raw.db}`,
      `submissions  ${s.submissions} (${Object.entries(s.byStatus).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`,
      `pages        ${s.pages}: ${Object.entries(s.pagesBySection).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `tables       ${s.tables}`,
      `indicators   ${s.indicators} (${s.flags} validation flags)`,
      `failures     ${s.failures.length}`,
      ...s.failures.map((f) => `  ${f.file}${f.page != null ? ` page ${f.page}` : ''}: ${f.message}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });

program
  .command('backup')
  .description('consistent copy of the database, safe while ingest or the review server is writing (SQLite online backup)')
  .requiredOption('--out <file>', 'backup file to write (never the live database)')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--force', 'replace an existing backup file', false)
  .action(async (raw: Record<string, unknown>) => {
    const opts = parseOpts(BackupOptionsSchema, raw);
    const t0 = Date.now();
    const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
    let lastShown = 0;
    let lastTenth = -1;
    // long copies only: a small database is done before a line would be worth printing
    const report = (p: BackupProgress) => {
      const now = Date.now();
      if (now - t0 < 1000 || p.totalPages === 0) return;
      const done = (p.totalPages - p.remainingPages) / p.totalPages;
      const line = `backup: ${(done * 100).toFixed(0)}% of ${p.totalPages} pages${p.restarts ? ` (restarted ${p.restarts}× by writes)` : ''}`;
      if (tty && now - lastShown > 200) {
        process.stderr.write(`\r${line}\x1b[K`);
        lastShown = now;
      } else if (!tty && Math.floor(done * 10) > lastTenth) {
        lastTenth = Math.floor(done * 10);
        process.stderr.write(`${line}\n`);
      }
    };
    try {
      const r = await backupDatabase(opts, report);
      if (tty && lastShown) process.stderr.write('\r\x1b[K');
      process.stderr.write(
        `backup of ${opts.db}: ${r.pages} pages (${(r.bytes / 1024 / 1024).toFixed(1)} MiB) in ${(r.ms / 1000).toFixed(1)} s` +
          `${r.restarts ? `, restarted ${r.restarts}× by concurrent writes` : ''}; integrity ok → ${r.out}\n`,
      );
    } catch (e) {
      if (e instanceof BackupError) throw new UsageError(e.message);
      throw e;
    }
  });

program
  .command('normalise')
  .description('show how the normaliser reads values: one JSON object per text')
  .requiredOption('--kind <kind>', 'value | date | period | code')
  .argument('<texts...>')
  .action((texts: string[], raw: { kind: string }) => {
    const kind = parseOpts(z.object({ kind: z.enum(['value', 'date', 'period', 'code']) }), raw).kind;
    for (const t of texts) process.stdout.write(JSON.stringify(normaliseForCli(kind, t)) + '\n');
  });

registerQueryCommands(program);
registerServeCommand(program);
registerUsersCommands(program);
registerQueueCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof UsageError || e instanceof QueueCommandError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
