/**
 * What travels through the page queue, and under which names. Pure and free of bullmq, so it is unit-tested
 * without Redis and the coordinator, the worker and `queue status` agree on it.
 */
import { z } from 'zod';
import { PageResultSchema, type PageResult } from '../../models/submission.js';
import type { StageError } from '../../models/errors.js';
import { TOOL_VERSION } from '../config.js';

/** Key prefix of everything the tool keeps in Redis; another prefix gives an independent queue on the same Redis. */
export const DEFAULT_PREFIX = 'apa-ocr';

export function queuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const p = env.APA_QUEUE_PREFIX || DEFAULT_PREFIX;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(p)) throw new Error(`APA_QUEUE_PREFIX "${p}": use letters, digits, _ . - only`);
  return p;
}

/**
 * One queue per tool version: a worker of another version never takes a page, so one batch is never read by
 * two versions of the pipeline (its export would depend on which machine read which page).
 */
export function queueName(version: string = TOOL_VERSION): string {
  return `pages-v${version}`;
}

/** PDF bytes wait this long for a worker; the coordinator renews it while it waits, so it only ends an abandoned batch. */
export const PDF_TTL_S = 2 * 24 * 3600;
/** Finished jobs of an abandoned batch are dropped after a week (a rerun within it reuses their results). */
export const KEEP_FINISHED_S = 7 * 24 * 3600;

/** Pages are read by up to this many attempts; a page that fails them all is stored as a page error. */
export const PAGE_ATTEMPTS = 3;

/**
 * A page's job id is fixed by the file's content and the page number, so adding a page twice is a no-op and a
 * rerun finds the pages an interrupted run already had read (BullMQ ids may not contain ':').
 */
export function pageJobId(sha256: string, page: number): string {
  return `${sha256}-p${page}`;
}

export function parsePageJobId(id: string): { sha256: string; page: number } | null {
  const m = /^([0-9a-f]{64})-p([1-9]\d{0,5})$/.exec(id);
  return m ? { sha256: m[1]!, page: Number(m[2]) } : null;
}

/** Where a PDF's bytes wait for the workers, by content. */
export function pdfKey(prefix: string, sha256: string): string {
  return `${prefix}:pdf:${sha256}`;
}

export const PageJobSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** the file as the coordinator was given it: errors name it exactly as a local ingest would */
  file: z.string().min(1),
  page: z.number().int().positive(),
  pageCount: z.number().int().positive(),
  version: z.string(),
});
export type PageJob = z.infer<typeof PageJobSchema>;

/** A worker's answer, checked before the writer trusts it: a page result, or one line saying what is wrong. */
export function checkPageResult(value: unknown, job: Pick<PageJob, 'file' | 'page'>): { ok: true; page: PageResult } | { ok: false; message: string } {
  const r = PageResultSchema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, message: `the worker's result does not match this version's page result (${i.path.join('.') || 'result'}: ${i.message})` };
  }
  if (r.data.page !== job.page) return { ok: false, message: `the worker answered for page ${r.data.page}` };
  return { ok: true, page: r.data };
}

/** A page the queue could not read (its attempts exhausted, its result unusable): stored as a page error. */
export function failedPageResult(file: string, page: number, message: string): PageResult {
  const error: StageError = { stage: 'queue', file, page, category: 'page', message: message.split('\n')[0]! };
  return { page, raster: null, preprocess: null, classification: null, text: '', lines: [], meanConf: null, tables: [], timings: {}, errors: [error] };
}
