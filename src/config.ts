import os from 'node:os';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const DEFAULT_DB = 'data/apa.sqlite';

export const IngestOptionsSchema = z.object({
  db: z.string().min(1).default(DEFAULT_DB).describe('SQLite database file'),
  jobs: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())).describe('pages OCRed at once'),
  force: z.boolean().default(false).describe('re-process files already stored (same sha256)'),
  maxPages: z.coerce.number().int().min(1).default(1000).describe('refuse PDFs with more pages'),
  recycle: z.coerce.number().int().min(1).default(150).describe('OCR calls before a worker is recreated'),
});
export type IngestOptions = z.infer<typeof IngestOptionsSchema>;

export const ExportOptionsSchema = z.object({
  db: z.string().min(1).default(DEFAULT_DB),
  format: z.enum(['json']).default('json'),
  out: z.string().min(1),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;
