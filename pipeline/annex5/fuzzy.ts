/**
 * The label matching every Annex 5 module uses, on top of the normalisation library's comparison key and
 * fuzzy containment, so OCR-noisy header labels ("কোয়াটার", "ত্রেমাসিক", "কর্ম সম্পাদন সূচক") still match.
 */
import { comparisonKey } from '../normalise/index.js';
import { keyFuzzySearch } from '../normalise/fuzzy.js';

export { comparisonKey };

/** Vocabulary words are few and asked for constantly: their keys are computed once. */
const needleKeys = new Map<string, string>();
function needleKey(w: string): string {
  let k = needleKeys.get(w);
  if (k === undefined) {
    k = comparisonKey(w);
    needleKeys.set(w, k);
  }
  return k;
}

/** Share of a needle that may be misread and still match (the normaliser's fuzzyIncludes default). */
const FUZZY_THRESHOLD = 0.8;

/**
 * Whether `needle` (a vocabulary word) occurs in the label whose comparison key is `labelKey`.
 * Short words (মান, হার, নং, একক) must occur exactly: one edit would turn মান into মাস ("০৬ মাসের মোট অর্জন").
 */
export function hasWord(labelKey: string, needle: string): boolean {
  const n = needleKey(needle);
  if (!n) return false;
  if (labelKey.includes(n)) return true;
  if (n.length < 5) return false;
  const hit = keyFuzzySearch(labelKey, n);
  return hit !== null && hit.score >= FUZZY_THRESHOLD;
}

export function hasAnyWord(labelKey: string, needles: readonly string[]): boolean {
  return needles.some((w) => hasWord(labelKey, w));
}
