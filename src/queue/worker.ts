/**
 * `apa-ocr worker --queue redis://… [--jobs N]`: reads pages off the queue with its own pool of OCR engines and
 * hands each page's result back; any number of workers on any number of machines. The coordinator
 * (coordinator.ts) stores what they return.
 *
 * The page stages run in this process, as in a local ingest (same pool, same engines, same answers). Their
 * JavaScript parts block the event loop for a while (table finding, clean-up); BullMQ renews a page's lock from
 * that same loop every lockSeconds/2, so a block must stay well under that. Measured on the samples with two
 * pages at once, on the 2-core machine at load average 12: longest block 6.6 s (a 10,000 px page: 4.8 s); a
 * whole page took 9–37 s of wall time. The default lock of 60 s (renewed every 30 s) leaves 4.5 times that, and
 * a worker that dies still gives its pages back within about 90 s (lock + stalled check). A watchdog warns when
 * a block reaches a quarter of the lock.
 */
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerOptions } from '../config.js';
import { TOOL_VERSION } from '../config.js';
import type { OcrEngine } from '../../models/ocr.js';
import type { PageResult } from '../../models/submission.js';
import { EnginePool } from '../../pipeline/ocr/pool.js';
import { createEngine, type EngineOptions } from '../../pipeline/ocr/factory.js';
import { openPdf, type OpenedPdf } from '../../pipeline/rasterise/index.js';
import { processPage } from '../../pipeline/runner.js';
import { parseQueueUrl } from './url.js';
import { checkRedis, openRedis, redisOptions } from './connection.js';
import { PAGE_ATTEMPTS, PageJobSchema, PDF_TTL_S, pdfKey, queueName, queuePrefix, type PageJob } from './jobs.js';

export type EngineFactory = (opts: EngineOptions) => OcrEngine;

/**
 * The engine factory: the product's, or for the queue's service tests a module named by APA_TEST_ENGINE_MODULE
 * exporting `createEngine` (a fake engine whose timing the test controls).
 */
async function engineFactory(env: NodeJS.ProcessEnv = process.env): Promise<EngineFactory> {
  const mod = env.APA_TEST_ENGINE_MODULE;
  if (!mod) return createEngine;
  const m = (await import(pathToFileURL(path.resolve(mod)).href)) as { createEngine?: EngineFactory };
  if (typeof m.createEngine !== 'function') throw new Error(`APA_TEST_ENGINE_MODULE=${mod} exports no createEngine`);
  return m.createEngine;
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** Run until SIGINT/SIGTERM; resolves with the exit code. */
export async function runWorker(opts: WorkerOptions): Promise<number> {
  const target = parseQueueUrl(opts.queue);
  const check = await checkRedis(target); // unreachable: one line, exit code 2
  for (const w of check.warnings) log(`WARN ${w}`);
  const prefix = queuePrefix();
  const makeEngine = await engineFactory();
  const { Worker, UnrecoverableError, MetricsTime } = await import('bullmq');

  let lastOutage = 0;
  const reportOutage = (e: Error) => {
    if (Date.now() - lastOutage < 30_000) return;
    lastOutage = Date.now();
    log(`WARN Redis at ${target.display}: ${String(e.message).split('\n')[0]}; retrying`);
  };
  const redis = await openRedis(target, reportOutage);
  const pool = new EnginePool(Array.from({ length: opts.jobs }, () => makeEngine({ recycle: opts.recycle, engine: opts.engine })));
  const docs = new PdfCache(redis, prefix, opts.jobs + 2, (msg) => new UnrecoverableError(msg));
  const lockMs = opts.lockSeconds * 1000;
  const workerName = `${os.hostname()}:${process.pid}`;
  let pagesDone = 0;
  const cpu0 = process.cpuUsage();
  const started = Date.now();

  const processor = async (job: Job<PageJob, PageResult, string>): Promise<PageResult> => {
    const parsed = PageJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not a page job of version ${TOOL_VERSION}: ${parsed.error.issues[0]?.message}`);
    const d = parsed.data;
    const doc = await docs.acquire(d.sha256, d.file);
    try {
      return await pool.use((engine) => processPage(doc, d.file, d.page, engine));
    } finally {
      docs.release(d.sha256);
    }
  };

  const worker = new Worker<PageJob, PageResult, string>(queueName(), processor, {
    connection: redisOptions(target),
    prefix,
    name: workerName,
    concurrency: opts.jobs,
    lockDuration: lockMs,
    stalledInterval: Math.min(30_000, lockMs / 2),
    // a page whose worker died is given to another; the third time it is failed, and stored as a page error
    maxStalledCount: PAGE_ATTEMPTS - 1,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  });
  worker.on('error', reportOutage);
  worker.on('completed', (job, r) => {
    pagesDone++;
    const ms = Object.values(r.timings).reduce((a, b) => a + b, 0);
    log(`done ${job.data.file} page ${job.data.page} in ${(ms / 1000).toFixed(1)} s${r.errors.length ? ` (${r.errors.length} page error(s))` : ''}`);
  });
  worker.on('failed', (job, err) => {
    if (job) log(`FAIL ${job.data.file} page ${job.data.page} (attempt ${job.attemptsMade} of ${PAGE_ATTEMPTS}): ${String(err.message).split('\n')[0]}`);
  });
  worker.on('stalled', (id) => log(`WARN page job ${id} lost its worker; it goes back to the queue`));

  // the lock is renewed from this event loop: say so when a page stage holds it long enough to matter
  let last = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    const blocked = now - last - 1000;
    last = now;
    if (blocked > lockMs / 4) {
      log(`WARN the page stages held this process for ${(blocked / 1000).toFixed(1)} s; at ${opts.lockSeconds / 2} s a page is given to another worker: raise --lock-seconds or lower --jobs`);
    }
  }, 1000);
  watchdog.unref();

  log(
    `worker ${workerName} (version ${TOOL_VERSION}): reading pages of ${prefix}:${queueName()} at ${target.display} (Redis ${check.version}), ${opts.jobs} at a time; ` +
      `a page whose worker goes silent for ${opts.lockSeconds} s goes back to the queue`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`${signal} again: stopping now; the pages being read go back to the queue within ${opts.lockSeconds} s`);
        process.exit(130);
      }
      stopping = true;
      log(`${signal}: finishing the pages being read, taking no more (send it again to stop at once)`);
      void (async () => {
        await worker.close();
        clearInterval(watchdog);
        await docs.closeAll();
        await pool.close();
        redis.disconnect();
        const cpu = process.cpuUsage(cpu0);
        log(`stopped: ${pagesDone} pages in ${((Date.now() - started) / 60000).toFixed(1)} min; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
        resolve(0);
      })();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The PDFs this worker has open, by content: pages of one file are queued together, so a worker usually reads
 * several pages of a file in a row and opens it once. Bytes come from Redis and are checked against the sha256
 * they were filed under.
 */
class PdfCache {
  private readonly entries = new Map<string, { doc: Promise<OpenedPdf>; users: number; used: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly max: number,
    private readonly unrecoverable: (msg: string) => Error,
  ) {}

  async acquire(sha256: string, file: string): Promise<OpenedPdf> {
    let e = this.entries.get(sha256);
    if (!e) {
      e = { doc: this.load(sha256, file), users: 0, used: 0 };
      this.entries.set(sha256, e);
    }
    e.users++;
    e.used = Date.now();
    try {
      return await e.doc;
    } catch (err) {
      e.users--;
      if (this.entries.get(sha256) === e) this.entries.delete(sha256);
      throw err;
    }
  }

  release(sha256: string): void {
    const e = this.entries.get(sha256);
    if (e) e.users--;
    const idle = [...this.entries].filter(([, v]) => v.users <= 0).sort((a, b) => a[1].used - b[1].used);
    while (this.entries.size > this.max && idle.length) {
      const [k, v] = idle.shift()!;
      this.entries.delete(k);
      void v.doc.then((d) => d.close()).catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((e) => e.doc.then((d) => d.close())));
  }

  private async load(sha256: string, file: string): Promise<OpenedPdf> {
    const bytes = await this.redis.getBuffer(pdfKey(this.prefix, sha256));
    if (!bytes) {
      throw this.unrecoverable(`${file}: its PDF is no longer in Redis (kept ${PDF_TTL_S / 3600} h unless a coordinator waits for it); run the ingest again to queue it anew`);
    }
    const got = crypto.createHash('sha256').update(bytes).digest('hex');
    if (got !== sha256) throw new Error(`${file}: the PDF bytes in Redis do not match their sha256 (${got.slice(0, 12)}…)`);
    return openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
  }
}
