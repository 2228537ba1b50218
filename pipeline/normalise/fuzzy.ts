import { distance } from 'fastest-levenshtein';
import { comparisonKey } from './text.js';

/**
 * 0..1 similarity of two labels: 1 − Levenshtein(key a, key b) / longer key length, over comparison keys
 * (Bangla is all in the BMP, so code units are code points). Two empty keys are identical (1).
 */
export function similarity(a: string, b: string): number {
  const ka = comparisonKey(a);
  const kb = comparisonKey(b);
  return keySimilarity(ka, kb);
}

/** similarity() for strings that already are comparison keys. */
export function keySimilarity(ka: string, kb: string): number {
  const longest = Math.max(ka.length, kb.length);
  if (longest === 0) return 1;
  return 1 - distance(ka, kb) / longest;
}

export interface FuzzyHit {
  /** 1 − (edits to turn the needle into the best-matching stretch of the haystack) / needle length */
  score: number;
  /** end offset (exclusive) of that stretch in comparisonKey(haystack) */
  keyEnd: number;
}

/**
 * Best approximate occurrence of needle anywhere in haystack (Sellers' semi-global edit distance over
 * comparison keys: the match may start and end anywhere in the haystack). Null for an empty needle.
 */
export function fuzzySearch(haystack: string, needle: string): FuzzyHit | null {
  return keyFuzzySearch(comparisonKey(haystack), comparisonKey(needle));
}

export function keyFuzzySearch(h: string, n: string): FuzzyHit | null {
  const m = n.length;
  if (m === 0) return null;
  const exact = h.indexOf(n);
  if (exact >= 0) return { score: 1, keyEnd: exact + m };
  // prev[i] = edits to match n[0..i) ending at the current haystack position.
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = m;
  let bestEnd = 0;
  for (let j = 1; j <= h.length; j++) {
    cur[0] = 0;
    const hc = h.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (n.charCodeAt(i - 1) === hc ? 0 : 1);
      const del = prev[i]! + 1;
      const ins = cur[i - 1]! + 1;
      cur[i] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    if (cur[m]! < best) {
      best = cur[m]!;
      bestEnd = j;
    }
    [prev, cur] = [cur, prev];
  }
  return { score: 1 - best / m, keyEnd: bestEnd };
}

/**
 * Does an approximate occurrence of needle exist in haystack (score ≥ threshold)? For keyword matching on
 * noisy OCR, e.g. fuzzyIncludes(pageText, 'সংযোজনী ৫', 0.8). An empty needle matches nothing.
 */
export function fuzzyIncludes(haystack: string, needle: string, threshold = 0.8): boolean {
  const hit = fuzzySearch(haystack, needle);
  return hit !== null && hit.score >= threshold;
}
