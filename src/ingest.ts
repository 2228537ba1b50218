import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import PQueue from 'p-queue';
import type { IngestOptions } from './config.js';
import { TOOL_VERSION } from './config.js';
import { openDb } from '../db/open.js';
import { findSubmissionBySha, finishRun, recordFileErrors, startRun, storeSubmission } from '../db/store.js';
import { EnginePool } from '../pipeline/ocr/pool.js';
import { createEngine, prepareEngine } from '../pipeline/ocr/factory.js';
import { finishSubmission, processFile } from '../pipeline/runner.js';
import { loadPageResults } from '../db/load.js';
import { formatStageError, InputError, type StageError } from '../models/errors.js';
import type { OcrEngine } from '../models/ocr.js';
import type { SubmissionResult } from '../models/submission.js';
import { Progress } from './progress.js';

/** Expand the command line's files and folders: folders give their *.pdf files (recursively), sorted. */
export function collectInputs(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.pdf$/i.test(e.name)) files.push(p);
    }
  };
  for (const i of inputs) {
    if (!fs.existsSync(i)) missing.push(i);
    else if (fs.statSync(i).isDirectory()) walk(i);
    else files.push(i); // named explicitly: tried whatever its extension, so a non-PDF gets a clear error
  }
  return { files: [...new Set(files)], missing };
}

export interface IngestSummary {
  stored: number;
  skipped: number;
  failed: { file: string; message: string }[];
  pages: number;
  seconds: number;
  /** a queued ingest (--queue) only */
  queue?: {
    /** page results an earlier, interrupted run had left in the queue */
    reusedPages: number;
    /** time this process spent checking, assembling and storing results: the single writer's cost */
    writerMs: number;
    /** the same in CPU time (what bounds one coordinator when the machine is busy with other work) */
    writerCpuMs: number;
    /** stopped by a signal before every file was back; what is queued stays for a rerun */
    interrupted: boolean;
  };
}

/** A file already stored is skipped; one whose every page failed (an engine crash, say) is retried. */
export function alreadyStored(existing: { status: string } | undefined, force: boolean): boolean {
  return existing != null && existing.status !== 'failed' && !force;
}

export function skipLine(file: string, existing: { path: string }): string {
  return `skip ${file}: already stored (same content as ${existing.path}); use --force to redo`;
}

/** The progress line of a stored file. */
export function storedLine(file: string, res: SubmissionResult, ms: number): string {
  const counts = res.sections.map((s) => `${s.section}${s.pages.length > 1 ? `×${s.pages.length}` : ''}`).join(' ');
  return `${res.status === 'ok' ? 'ok  ' : res.status.padEnd(4)} ${file}: ${res.pageCount} pages in ${(ms / 1000).toFixed(1)} s; ${counts}; ${res.indicators.length} indicators`;
}

/** A file that could not be stored at all: its one-line message and the error row `stats` lists. */
export function fileFailure(file: string, e: unknown): { message: string; error: StageError } {
  const message = e instanceof InputError ? e.message : `${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  const page = e instanceof InputError ? e.page : null;
  return {
    message,
    error: { stage: 'input', file, page, category: e instanceof InputError ? 'input' : 'internal', message: e instanceof InputError ? e.reason : message },
  };
}

/**
 * Ingest files into the database. Files already stored (same sha256) are skipped unless force; each file
 * is stored in one transaction by this, the only writer; a failing file is reported and the batch goes on.
 * With opts.queue the pages are read by queue workers instead of here (src/queue/, loaded only then).
 */
export async function ingest(
  inputs: string[],
  opts: IngestOptions,
  engineFactory?: () => OcrEngine,
): Promise<IngestSummary> {
  if (opts.queue) {
    const { ingestQueued } = await import('./queue/coordinator.js');
    return ingestQueued(inputs, { ...opts, queue: opts.queue });
  }
  // the engine must be usable before any file is touched (native: `tesseract` on PATH, its models unpacked)
  if (!engineFactory) prepareEngine(opts.engine);
  const makeEngine = engineFactory ?? (() => createEngine({ recycle: opts.recycle, engine: opts.engine }));
  const { files, missing } = collectInputs(inputs);
  const db = openDb(opts.db);
  const runId = startRun(db, TOOL_VERSION, { ...opts, inputs });
  const summary: IngestSummary = { stored: 0, skipped: 0, failed: [], pages: 0, seconds: 0 };
  const t0 = Date.now();
  const progress = new Progress(files.length);
  for (const m of missing) {
    summary.failed.push({ file: m, message: `${m}: no such file or folder` });
    progress.log(`FAIL ${m}: no such file or folder`);
    recordFileErrors(db, runId, null, [{ stage: 'input', file: m, page: null, category: 'input', message: 'no such file or folder' }]);
  }
  const pool = new EnginePool(Array.from({ length: opts.jobs }, makeEngine));
  const pageQueue = new PQueue({ concurrency: opts.jobs });
  const fileQueue = new PQueue({ concurrency: opts.jobs });
  // the same content under two names in one batch: processed once, by the first in order (two files in flight
  // would both be stored, the second replacing the first, and which name survived would depend on timing)
  const claimed = new Map<string, string>();
  try {
    await Promise.all(
      files.map((file) =>
        fileQueue.add(async () => {
          let sha: string | null = null;
          try {
            const bytes = new Uint8Array(fs.readFileSync(file));
            sha = crypto.createHash('sha256').update(bytes).digest('hex');
            const twin = claimed.get(sha);
            if (twin !== undefined) {
              summary.skipped++;
              progress.fileDone(`skip ${file}: same content as ${twin} in this batch`);
              return;
            }
            claimed.set(sha, file);
            const existing = findSubmissionBySha(db, sha);
            if (alreadyStored(existing, opts.force)) {
              summary.skipped++;
              progress.fileDone(skipLine(file, existing!));
              return;
            }
            const t = Date.now();
            const res = await processFile(file, bytes, {
              pool,
              pageQueue,
              maxPages: opts.maxPages,
              events: { onPageCount: (_f, n) => progress.addPages(n), onPageDone: () => progress.pageDone() },
            });
            storeSubmission(db, res, runId);
            summary.stored++;
            summary.pages += res.pageCount;
            for (const e of res.errors) progress.log(`WARN ${formatStageError(e)}`);
            progress.fileDone(storedLine(file, res, Date.now() - t));
          } catch (e) {
            const { message, error } = fileFailure(file, e);
            recordFileErrors(db, runId, sha, [error]);
            summary.failed.push({ file, message });
            progress.fileDone(`FAIL ${message}`);
          }
        }),
      ),
    );
  } finally {
    progress.end();
    await pool.close();
    finishRun(db, runId);
    db.close();
  }
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}

/**
 * Re-run the document stages (classification, sections, metadata, Annex 5, validation) over stored OCR,
 * without OCRing again: after an upgrade of those rules, a whole archive is brought up to date in seconds.
 */
export function rebuild(dbFile: string): { submissions: number; indicators: number } {
  const db = openDb(dbFile);
  const runId = startRun(db, TOOL_VERSION, { rebuild: true });
  const rows = db.prepare('SELECT id, sha256, path, size, started_at FROM submissions ORDER BY id').all() as { id: number; sha256: string; path: string; size: number; started_at: string }[];
  let indicators = 0;
  for (const r of rows) {
    const pages = loadPageResults(db, r.id, r.path);
    const res = finishSubmission(r.path, r.sha256, r.size, pages, r.started_at);
    storeSubmission(db, res, runId);
    indicators += res.indicators.length;
  }
  finishRun(db, runId);
  db.close();
  return { submissions: rows.length, indicators };
}
