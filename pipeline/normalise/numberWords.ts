/**
 * Bangla number words as written beside figures in letters: "০২(দুই) জন", "০১ (এক) পাতা",
 * "৫০,০০০/(পঞ্চাশহাজার) টাকা". Only the words such phrases use: 0–20, the tens, and শত/হাজার/লক্ষ/কোটি.
 */
import { comparisonKey } from './text.js';

const SMALL: Array<[string, number]> = [
  ['শূন্য', 0], ['এক', 1], ['দুই', 2], ['দু', 2], ['তিন', 3], ['চার', 4], ['পাঁচ', 5], ['ছয়', 6], ['ছয়', 6],
  ['সাত', 7], ['আট', 8], ['নয়', 9], ['দশ', 10], ['এগারো', 11], ['এগার', 11], ['বারো', 12], ['বার', 12],
  ['তেরো', 13], ['তের', 13], ['চৌদ্দ', 14], ['পনেরো', 15], ['পনের', 15], ['ষোলো', 16], ['ষোল', 16],
  ['সতেরো', 17], ['সতের', 17], ['আঠারো', 18], ['আঠার', 18], ['উনিশ', 19], ['বিশ', 20], ['কুড়ি', 20],
  ['ত্রিশ', 30], ['চল্লিশ', 40], ['পঞ্চাশ', 50], ['ষাট', 60], ['সত্তর', 70], ['আশি', 80], ['নব্বই', 90],
];
const MULTIPLIERS: Array<[string, number]> = [
  ['শত', 100], ['শো', 100], ['শ', 100], ['হাজার', 1000], ['লক্ষ', 100_000], ['লাখ', 100_000], ['কোটি', 10_000_000],
];
/** classifier endings that may follow the words: একটি, দুইজন */
const ENDINGS = ['টি', 'টা', 'জন'];

type Entry = { key: string; value: number; multiplier: boolean };
const ENTRIES: Entry[] = [
  ...SMALL.map(([w, value]) => ({ key: comparisonKey(w), value, multiplier: false })),
  ...MULTIPLIERS.map(([w, value]) => ({ key: comparisonKey(w), value, multiplier: true })),
].sort((a, b) => b.key.length - a.key.length);
const ENDING_KEYS = ENDINGS.map(comparisonKey);

/** The value of a number phrase, or null when any part of it is not a number word. */
export function parseNumberWords(text: string): number | null {
  let key = comparisonKey(text);
  for (const e of ENDING_KEYS) if (key.length > e.length && key.endsWith(e)) key = key.slice(0, -e.length);
  if (key === '') return null;
  let total = 0;
  let current = 0;
  let seen = false;
  let pos = 0;
  while (pos < key.length) {
    const entry = ENTRIES.find((e) => key.startsWith(e.key, pos));
    if (!entry) return null;
    pos += entry.key.length;
    seen = true;
    if (!entry.multiplier) current += entry.value;
    else if (entry.value === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * entry.value;
      current = 0;
    }
  }
  return seen ? total + current : null;
}
