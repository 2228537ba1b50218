/**
 * Spelling repair of Annex 5 cell text against the plan's own vocabulary: the catalogue's activity and
 * indicator wordings (every fiscal year) and the header labels. Annex 5 is a form: nearly every word in it is
 * one of these, so an OCR word one or two letters from exactly one of them ("ব্রেমাসিক", "সুচকের",
 * "ইতঃপুর্বে") is that word, and two pieces that make one of them ("সং খ্যা", "কর্মসম্পা দন") are one word.
 *
 * Only Annex 5 tables are repaired (minutes and letters use inflected free prose the vocabulary does not hold:
 * "রাখার" would become "রাখা"), only words of five letters or more, never a word that is itself in the
 * vocabulary, and never when two vocabulary words are equally near. Cells keep their OCR text in the database;
 * the repaired text is the table's grid (export, indicator fields), so a reviewer can compare the two.
 */
import { distance } from 'fastest-levenshtein';
import { CATALOGUE } from '../../models/catalogue.js';
import { HEADER_LABELS } from './labels.js';

const MIN_LETTERS = 5;
const BANGLA_WORD = /^[\u0980-\u09E5\u09F0-\u09FF\u200C\u200D]+$/u;
/** punctuation a word may carry: leading stray quotes are dropped when the word is repaired, trailing kept */
const EDGE = /^(['"‘’“”`.]*)(.*?)([.,:;।'"‘’“”]*)$/su;

let vocabulary: { words: Set<string>; list: string[] } | null = null;

function vocab(): { words: Set<string>; list: string[] } {
  if (vocabulary) return vocabulary;
  const words = new Set<string>();
  const add = (s: string) => {
    for (const w of s.normalize('NFC').split(/[\s/,()[\]\-–:;।]+/u)) if (BANGLA_WORD.test(w) && [...w].length >= 3) words.add(w);
  };
  for (const fy of Object.values(CATALOGUE)) for (const i of fy.indicators) (add(i.activity), add(i.indicator));
  HEADER_LABELS.forEach(add);
  vocabulary = { words, list: [...words] };
  return vocabulary;
}

/** The one vocabulary word a misread word stands for, or null. */
function nearestWord(core: string): string | null {
  const { words, list } = vocab();
  const n = [...core].length;
  if (n < MIN_LETTERS || words.has(core) || !BANGLA_WORD.test(core)) return null;
  const maxD = n >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const w of list) {
    // a length change of two is a lost syllable ("ক্রমিকনং" → "ক্রমিক"), not a misread letter
    if (Math.abs([...w].length - n) > 1) continue;
    const d = distance(core, w);
    if (d < bestD) {
      bestD = d;
      best = w;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return best !== null && bestD <= maxD && !tie ? best : null;
}

/** Annex 5 cell text with misread plan words repaired; text with nothing to repair comes back unchanged. */
export function repairAnnexText(text: string): string {
  if (!text) return text;
  const { words } = vocab();
  // tokens and the separators between them (spaces, "/", "-"), separators kept as they are
  const parts = text.normalize('NFC').split(/(\s+|\/|-)/u);
  // pieces of one word split by a space: "সং খ্যা", "কর্মসম্পা দন"
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const a = parts[i]!;
    const b = parts[i + 2]!;
    if (parts[i + 1] !== ' ' || !BANGLA_WORD.test(a) || !BANGLA_WORD.test(b) || words.has(a)) continue;
    if (words.has(a + b) && [...(a + b)].length >= MIN_LETTERS) {
      parts.splice(i, 3, a + b);
      i -= 2;
    }
  }
  return parts
    .map((p, k) => {
      if (k % 2 === 1) return p;
      const m = EDGE.exec(p)!;
      const fixed = nearestWord(m[2]!);
      return fixed ? fixed + m[3]! : p;
    })
    .join('');
}
