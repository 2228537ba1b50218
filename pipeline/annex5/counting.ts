/**
 * Serials and column numbers count along their column or row: the number at place i is i + offset. The offset
 * the most places agree with is the count; OCR misreads a few.
 */

/** The most frequent value and how often it occurs (the first seen wins a tie), or null for no values. */
export function mostCommon<T>(xs: readonly T[]): { value: T; count: number } | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: { value: T; count: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

/** The offset most read numbers agree with (number − place), over places whose number was read (not null). */
export function countingOffset(numbers: readonly (number | null)[]): { value: number; count: number } | null {
  return mostCommon(numbers.flatMap((n, i) => (n === null ? [] : [n - i])));
}
