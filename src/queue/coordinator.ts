/**
 * `ingest … --queue redis://…`: the coordinator. It hashes each file and skips what the database holds, puts
 * the PDF's bytes in Redis (by sha256, with an expiry) and one job per page on the queue; workers on any number
 * of machines read the pages (worker.ts); this process, the only writer, checks each page result, and once a
 * file's pages are all back runs the document stages and stores the file in one transaction, exactly as a
 * local ingest does (finishSubmission + storeSubmission).
 *
 * Killed or interrupted, it leaves the queue as it was: pages keep being read, results stay in Redis, and a
 * rerun adds the same job ids (sha256 + page), so it takes the pages already read instead of reading them again.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { IngestOptions } from '../config.js';
import { TOOL_VERSION } from '../config.js';
import { openDb, type Db } from '../../db/open.js';
import { findSubmissionBySha, finishRun, recordFileErrors, startRun, storeSubmission } from '../../db/store.js';
import { checkPageCount, finishSubmission } from '../../pipeline/runner.js';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { formatStageError } from '../../models/errors.js';
import type { PageResult } from '../../models/submission.js';
import { alreadyStored, collectInputs, fileFailure, skipLine, storedLine, type IngestSummary } from '../ingest.js';
import { Progress } from '../progress.js';
import { parseQueueUrl } from './url.js';
import { checkRedis, openRedis, redisOptions } from './connection.js';
import { checkPageResult, failedPageResult, KEEP_FINISHED_S, PAGE_ATTEMPTS, PDF_TTL_S, pageJobId, pdfKey, queueName, queuePrefix, type PageJob } from './jobs.js';

/** Events kept in the queue's stream: each carries a page result (3–20 KB measured on the samples), so ≤ ~40 MB. */
export const EVENTS_MAX_LEN = 2000;
/**
 * Events are the fast path. When none has come for this long, pending pages are checked against the queue
 * (a missed event, a job lost with Redis), at most SWEEP_BATCH of them per check, so a big batch costs Redis
 * nothing while pages flow and little while they do not.
 */
const SWEEP_MS = 15_000;
const SWEEP_BATCH = 1000;
/** PDF keys of files in flight get their expiry renewed this often. */
const RENEW_MS = 3600_000;

type QueuedOptions = IngestOptions & { queue: string };

interface InFlight {
  file: string;
  sha256: string;
  size: number;
  pageCount: number;
  startedAt: string;
  t0: number;
  pages: (PageResult | undefined)[];
  left: number;
}

export async function ingestQueued(inputs: string[], opts: QueuedOptions): Promise<IngestSummary> {
  const target = parseQueueUrl(opts.queue);
  // Redis is checked before anything is opened or written: unreachable is one line and exit code 2
  const check = await checkRedis(target);
  const prefix = queuePrefix();
  const { Queue, QueueEvents } = await import('bullmq');
  const { files, missing } = collectInputs(inputs);
  const progress = new Progress(files.length);
  for (const w of check.warnings) progress.log(`WARN ${w}`);
  const reportOutage = outageReporter(progress, target.display);
  const connection = redisOptions(target);
  const name = queueName();
  const queue = new Queue<PageJob, unknown, 'page'>(name, { connection, prefix, streams: { events: { maxLen: EVENTS_MAX_LEN } } });
  const events = new QueueEvents(name, { connection, prefix });
  queue.on('error', reportOutage);
  events.on('error', reportOutage);
  let redis: Redis | undefined;
  try {
    redis = await openRedis(target, reportOutage);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return await runBatch({ inputs, files, missing, opts, display: target.display, prefix, queue, events, redis, progress, reportOutage });
  } finally {
    // whatever happened, the connections close, so the process ends
    await Promise.allSettled([events.close(), queue.close()]);
    redis?.disconnect();
  }
}

interface Batch {
  inputs: string[];
  files: string[];
  missing: string[];
  opts: QueuedOptions;
  display: string;
  prefix: string;
  queue: Queue<PageJob, unknown, 'page'>;
  events: QueueEvents;
  redis: Redis;
  progress: Progress;
  reportOutage: (e: Error) => void;
}

async function runBatch({ inputs, files, missing, opts, display, prefix, queue, events, redis, progress, reportOutage }: Batch): Promise<IngestSummary> {
  const db = openDb(opts.db);
  const runId = startRun(db, TOOL_VERSION, { ...opts, queue: display, inputs });
  const summary: IngestSummary = { stored: 0, skipped: 0, failed: [], pages: 0, seconds: 0, queue: { reusedPages: 0, writerMs: 0, writerCpuMs: 0, interrupted: false } };
  const stats = summary.queue!;
  const t0 = Date.now();
  for (const m of missing) {
    summary.failed.push({ file: m, message: `${m}: no such file or folder` });
    progress.log(`FAIL ${m}: no such file or folder`);
    recordFileErrors(db, runId, null, [{ stage: 'input', file: m, page: null, category: 'input', message: 'no such file or folder' }]);
  }

  const inFlight = new Map<string, InFlight>(); // by sha256
  const byJob = new Map<string, { f: InFlight; page: number }>();
  let inFlightBytes = 0;
  const cleanups: Promise<void>[] = [];
  let wake: () => void = () => {};
  const changed = () => new Promise<void>((r) => (wake = r));
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    wake();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let lastEvent = Date.now();
  const settle = (jobId: string, result: PageResult) => {
    const slot = byJob.get(jobId);
    if (!slot) return; // another event for a page already settled
    lastEvent = Date.now();
    byJob.delete(jobId);
    slot.f.pages[slot.page - 1] = result;
    slot.f.left--;
    progress.pageDone();
    if (slot.f.left === 0) store(slot.f);
  };

  const acceptResult = (jobId: string, value: unknown) => {
    const slot = byJob.get(jobId);
    if (!slot) return;
    const t = performance.now();
    const cpu = process.cpuUsage();
    const c = checkPageResult(value, { file: slot.f.file, page: slot.page });
    stats.writerMs += performance.now() - t;
    stats.writerCpuMs += cpuMs(process.cpuUsage(cpu));
    settle(jobId, c.ok ? c.page : failedPageResult(slot.f.file, slot.page, c.message));
  };

  const acceptFailure = async (jobId: string, reason: string | undefined) => {
    const slot = byJob.get(jobId);
    if (!slot) return;
    const job = await queue.getJob(jobId).catch(() => undefined);
    // a page whose workers died is failed when a worker next picks it up: that pick-up is no attempt at it
    const tries = job ? Math.max(job.attemptsMade, job.stalledCounter) : PAGE_ATTEMPTS;
    settle(jobId, failedPageResult(slot.f.file, slot.page, `not read by the queue's workers after ${tries} attempt${tries === 1 ? '' : 's'}: ${reason ?? 'no reason given'}`));
  };

  // One writer: each file in one transaction, once all its pages are back.
  const store = (f: InFlight) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    try {
      const pages = f.pages as PageResult[];
      const res = finishSubmission(f.file, f.sha256, f.size, pages, f.startedAt);
      storeSubmission(db, res, runId);
      summary.stored++;
      summary.pages += res.pageCount;
      for (const e of res.errors) progress.log(`WARN ${formatStageError(e)}`);
      progress.fileDone(storedLine(f.file, res, Date.now() - f.t0));
    } catch (e) {
      const { message, error } = fileFailure(f.file, e);
      recordFileErrors(db, runId, f.sha256, [error]);
      summary.failed.push({ file: f.file, message });
      progress.fileDone(`FAIL ${message}`);
    }
    stats.writerMs += performance.now() - t;
    stats.writerCpuMs += cpuMs(process.cpuUsage(cpu));
    inFlight.delete(f.sha256);
    inFlightBytes -= f.size;
    cleanups.push(forget(queue, redis, prefix, f.sha256, f.pageCount));
    wake();
  };

  events.on('completed', ({ jobId, returnvalue }) => acceptResult(jobId, returnvalue));
  events.on('failed', ({ jobId, failedReason }) => void acceptFailure(jobId, failedReason));

  /** Add a file's pages (again); pages the queue already holds keep their state and their results are taken. */
  const enqueue = async (f: InFlight, pages: number[], bytes: Uint8Array) => {
    await redis.set(pdfKey(prefix, f.sha256), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', PDF_TTL_S);
    const ids = pages.map((p) => pageJobId(f.sha256, p));
    if (opts.force) {
      // --force reads every page again: results left by an earlier run are not taken
      for (const id of ids) {
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') await queue.remove(id).catch(() => 0);
      }
    }
    await queue.addBulk(
      pages.map((page, i) => ({
        name: 'page',
        data: { sha256: f.sha256, file: f.file, page, pageCount: f.pageCount, version: TOOL_VERSION },
        opts: {
          jobId: ids[i]!,
          attempts: PAGE_ATTEMPTS,
          backoff: { type: 'exponential', delay: 5000 },
          removeOnComplete: { age: KEEP_FINISHED_S },
          removeOnFail: { age: KEEP_FINISHED_S },
        },
      })),
    );
    for (const id of ids) {
      const state = await queue.getJobState(id);
      if (state === 'completed') {
        const job = await queue.getJob(id);
        if (byJob.has(id) && job) {
          stats.reusedPages++;
          acceptResult(id, job.returnvalue);
        }
      } else if (state === 'failed') {
        // failed in an earlier run: this run tries it again, with all its attempts
        const job = await queue.getJob(id);
        await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(() => undefined);
      }
    }
  };

  // finds what the events missed: a reconnect, a job removed by hand or lost with Redis
  let sweeping = false;
  let lastRenew = Date.now();
  let lastIdleWarning = 0;
  let cursor = 0;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      if (Date.now() - lastRenew > RENEW_MS) {
        lastRenew = Date.now();
        for (const f of inFlight.values()) await redis.expire(pdfKey(prefix, f.sha256), PDF_TTL_S);
      }
      if (Date.now() - lastEvent < SWEEP_MS) return;
      if ((await queue.getWorkersCount()) === 0 && Date.now() - lastIdleWarning > 300_000) {
        lastIdleWarning = Date.now();
        progress.log(`WARN no worker is reading ${prefix}:${queue.name} (version ${TOOL_VERSION}): start some, e.g. apa-ocr worker --queue ${display}`);
      }
      const pending = [...byJob];
      if (cursor >= pending.length) cursor = 0;
      const batch = pending.slice(cursor, cursor + SWEEP_BATCH);
      cursor += batch.length;
      for (const [id, slot] of batch) {
        const state = await queue.getJobState(id);
        if (state === 'completed') acceptResult(id, (await queue.getJob(id))?.returnvalue);
        else if (state === 'failed') await acceptFailure(id, (await queue.getJob(id))?.failedReason);
        else if (state === 'unknown' && byJob.has(id)) {
          progress.log(`WARN ${slot.f.file} page ${slot.page}: its job is gone from the queue; adding it again`);
          const bytes = fs.existsSync(slot.f.file) ? new Uint8Array(fs.readFileSync(slot.f.file)) : null;
          if (!bytes || sha256Of(bytes) !== slot.f.sha256) settle(id, failedPageResult(slot.f.file, slot.page, 'its job was lost from the queue and the file has changed or gone since the batch began'));
          else await enqueue(slot.f, [slot.page], bytes);
        }
      }
    } catch (e) {
      reportOutage(e as Error);
    } finally {
      sweeping = false;
    }
  };
  const sweeper = setInterval(() => void sweep(), SWEEP_MS);

  const budget = opts.inFlightMb * 1024 * 1024;
  const maxPdf = opts.maxPdfMb * 1024 * 1024;
  try {
    for (const file of files) {
      if (interrupted) break;
      let sha: string | null = null;
      try {
        const bytes = new Uint8Array(fs.readFileSync(file));
        sha = sha256Of(bytes);
        const existing = findSubmissionBySha(db, sha);
        if (alreadyStored(existing, opts.force)) {
          summary.skipped++;
          progress.fileDone(skipLine(file, existing!));
          // a run killed between storing a file and clearing its pages left them in Redis: clear them now
          if (await redis.exists(pdfKey(prefix, sha))) cleanups.push(forget(queue, redis, prefix, sha, storedPageCount(db, sha)));
          continue;
        }
        const twin = inFlight.get(sha);
        if (twin) {
          summary.skipped++;
          progress.fileDone(`skip ${file}: same content as ${twin.file}, already in this batch`);
          continue;
        }
        if (bytes.length > maxPdf) {
          throw new Error(`${(bytes.length / 1048576).toFixed(1)} MB is over the queue's limit of ${opts.maxPdfMb} MB for one PDF; raise --max-pdf-mb or ingest this file without --queue`);
        }
        const doc = await openPdf(bytes, file); // a file that is no PDF fails here, as in a local ingest
        const pageCount = doc.pageCount;
        await doc.close();
        checkPageCount(file, pageCount, opts.maxPages);
        // bounded Redis memory: wait for stored files to make room (one file always fits)
        while (inFlight.size > 0 && inFlightBytes + bytes.length > budget && !interrupted) await changed();
        if (interrupted) break;
        const f: InFlight = { file, sha256: sha, size: bytes.length, pageCount, startedAt: new Date().toISOString(), t0: Date.now(), pages: new Array(pageCount), left: pageCount };
        inFlight.set(sha, f);
        inFlightBytes += f.size;
        const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
        for (const p of pages) byJob.set(pageJobId(sha, p), { f, page: p });
        progress.addPages(pageCount);
        await enqueue(f, pages, bytes);
      } catch (e) {
        if (sha && inFlight.has(sha)) throw e; // Redis failed while adding the pages: not this file's fault
        const { message, error } = fileFailure(file, e);
        recordFileErrors(db, runId, sha, [error]);
        summary.failed.push({ file, message });
        progress.fileDone(`FAIL ${message}`);
      }
    }
    while (inFlight.size > 0 && !interrupted) await changed();
  } finally {
    clearInterval(sweeper);
    // nothing is stored after this point: a page arriving now stays in the queue for the rerun
    events.removeAllListeners('completed');
    events.removeAllListeners('failed');
    byJob.clear();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    stats.interrupted = interrupted;
    progress.end();
    if (interrupted) {
      const left = [...inFlight.values()].reduce((n, f) => n + f.left, 0);
      process.stderr.write(
        `interrupted: ${inFlight.size} file(s) not stored yet; their ${left} page(s) stay queued and read by the workers (kept ${KEEP_FINISHED_S / 86400} days): run the same command again to store them\n`,
      );
    }
    await Promise.allSettled(cleanups);
    finishRun(db, runId);
    db.close();
  }
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}

function storedPageCount(db: Db, sha256: string): number {
  return (db.prepare('SELECT page_count FROM submissions WHERE sha256 = ?').get(sha256) as { page_count: number } | undefined)?.page_count ?? 0;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function sha256Of(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** A stored file's pages and bytes leave Redis (jobs still running are left to expire). */
async function forget(queue: Queue<PageJob, unknown, 'page'>, redis: Redis, prefix: string, sha256: string, pageCount: number): Promise<void> {
  for (let p = 1; p <= pageCount; p++) await queue.remove(pageJobId(sha256, p)).catch(() => 0);
  await redis.del(pdfKey(prefix, sha256)).catch(() => 0);
}

/** Lost connections are reported once per outage, not once per retry. */
function outageReporter(progress: Progress, where: string): (e: Error) => void {
  let last = 0;
  return (e: Error) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    progress.log(`WARN Redis at ${where}: ${String(e.message).split('\n')[0]}; retrying (pages already queued are not lost)`);
  };
}
