import os from 'node:os';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseQueueUrl } from './queue/url.js';
import { EngineKindSchema } from '../models/ocr.js';

export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const DEFAULT_DB = 'data/apa.sqlite';

/** A Redis address the queue can use (checked, not connected): redis://[user:password@]host[:port][/db] or rediss://. */
export const QueueUrlSchema = z.string().superRefine((s, ctx) => {
  try {
    parseQueueUrl(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
  }
});

export const IngestOptionsSchema = z.object({
  db: z.string().min(1).default(DEFAULT_DB).describe('SQLite database file'),
  jobs: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())).describe('pages OCRed at once'),
  force: z.boolean().default(false).describe('re-process files already stored (same sha256)'),
  maxPages: z.coerce.number().int().min(1).default(1000).describe('refuse PDFs with more pages'),
  recycle: z.coerce.number().int().min(1).default(150).describe('OCR calls before a worker is recreated'),
  engine: EngineKindSchema.default('wasm').describe('OCR engine: wasm (tesseract.js) or native (the system tesseract)'),
  queue: QueueUrlSchema.optional().describe('Redis of the page queue: workers OCR the pages, this process stores them'),
  maxPdfMb: z.coerce.number().int().min(1).max(512).default(64).describe('largest PDF put on the queue (MB)'),
  inFlightMb: z.coerce.number().int().min(1).default(256).describe('PDF bytes held in Redis at once (MB)'),
});
export type IngestOptions = z.infer<typeof IngestOptionsSchema>;

export const WorkerOptionsSchema = z.object({
  queue: QueueUrlSchema,
  jobs: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())).describe('pages read at once'),
  recycle: z.coerce.number().int().min(1).default(150).describe('OCR calls before a worker is recreated'),
  engine: EngineKindSchema.default('wasm').describe('OCR engine: wasm (tesseract.js) or native (the system tesseract)'),
  lockSeconds: z.coerce.number().int().min(2).max(3600).default(60).describe('a page held this long without a sign of life goes back to the queue'),
});
export type WorkerOptions = z.infer<typeof WorkerOptionsSchema>;

export const QueueStatusOptionsSchema = z.object({
  queue: QueueUrlSchema,
  json: z.boolean().default(false),
});

export const ExportOptionsSchema = z.object({
  db: z.string().min(1).default(DEFAULT_DB),
  format: z.enum(['json']).default('json'),
  out: z.string().min(1),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
