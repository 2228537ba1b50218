import { z } from 'zod';

/** Axis-aligned box in pixels of the upright (rotation- and skew-corrected) page image. */
export const BoxSchema = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type Box = z.infer<typeof BoxSchema>;

export function boxWidth(b: Box): number {
  return b.x1 - b.x0;
}
export function boxHeight(b: Box): number {
  return b.y1 - b.y0;
}
export function boxUnion(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}
/** Area of the intersection of a and b, 0 when they do not overlap. */
export function boxOverlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}
