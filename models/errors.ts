import { z } from 'zod';

export const ErrorCategorySchema = z.enum([
  /** the file is not something we can read: not a PDF, truncated, encrypted, empty */
  'input',
  /** one page could not be processed; the rest of the file still was */
  'page',
  /** a bug or an engine crash */
  'internal',
]);

/** A problem carried as data on the result, naming the file and page (as Docling carries ErrorItem). */
export const StageErrorSchema = z.object({
  stage: z.string(),
  file: z.string(),
  page: z.number().int().positive().nullable(),
  category: ErrorCategorySchema,
  message: z.string(),
});
export type StageError = z.infer<typeof StageErrorSchema>;

/** Thrown for bad input files; the message is a single line naming the file (and page) and what to do. */
export class InputError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly file: string,
    readonly page: number | null,
    readonly reason: string,
  ) {
    super(`${file}${page != null ? ` page ${page}` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}

/** Format a stage error as the one-line message users see. */
export function formatStageError(e: StageError): string {
  return `${e.file}${e.page != null ? ` page ${e.page}` : ''}: [${e.stage}] ${e.message}`;
}
