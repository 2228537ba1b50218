import { z } from 'zod';
import { BoxSchema } from './geometry.js';

export const TableCellSchema = z.object({
  r: z.number().int().nonnegative(),
  c: z.number().int().nonnegative(),
  rowspan: z.number().int().positive(),
  colspan: z.number().int().positive(),
  /** cell text, visual lines joined by "\n" */
  text: z.string(),
  /** mean OCR word confidence 0–100, null for an empty cell */
  conf: z.number().nullable(),
  bbox: BoxSchema,
});
export type TableCell = z.infer<typeof TableCellSchema>;

export const TableRoleSchema = z.enum([
  'annex5',
  'attendance',
  'decisions',
  'committee',
  'website',
  'menu_updates',
  'innovation_db',
  'unknown',
]);
export type TableRole = z.infer<typeof TableRoleSchema>;

export const TableSchema = z.object({
  /** position of the table on its page (0-based, top to bottom) */
  index: z.number().int().nonnegative(),
  bbox: BoxSchema,
  nRows: z.number().int().nonnegative(),
  nCols: z.number().int().nonnegative(),
  role: TableRoleSchema,
  cells: z.array(TableCellSchema),
  /** nRows × nCols; a merged cell's text repeated in every position it covers */
  grid: z.array(z.array(z.string())),
  /** row/column rule positions in page pixels, for the review app's overlay */
  rowLines: z.array(z.number()),
  colLines: z.array(z.number()),
});
export type Table = z.infer<typeof TableSchema>;
