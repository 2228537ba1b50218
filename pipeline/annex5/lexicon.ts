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
import { escapeRegExp } from '../normalise/index.js';
import { CATALOGUE } from '../../models/catalogue.js';
import { HEADER_CELL_LABELS, HEADER_LABELS } from './labels.js';

const MIN_LETTERS = 5;
const MIN_UNITS = 4;
const BANGLA_WORD = /^[\u0980-\u09E5\u09F0-\u09FF\u200C\u200D]+$/u;
/** punctuation a word may carry: leading stray quotes are dropped when the word is repaired, trailing kept */
const EDGE = /^(['"‘’“”`.]*)(.*?)([.,:;।'"‘’“”]*)$/su;

let vocabulary: { words: Set<string>; list: string[] } | null = null;

function vocab(): { words: Set<string>; list: string[] } {
  if (vocabulary) return vocabulary;
  const words = new Set<string>();
  const add = (s: string) => {
    for (const w of s.normalize('NFC').split(/[\s/,()[\]\-–:;।]+/u)) if (BANGLA_WORD.test(w) && [...w].length >= 2) words.add(w);
  };
  for (const fy of Object.values(CATALOGUE)) for (const i of fy.indicators) (add(i.activity), add(i.indicator));
  HEADER_LABELS.forEach(add);
  vocabulary = { words, list: [...words] };
  return vocabulary;
}

/**
 * A word as OCR errs on it: a consonant with its virama (and nukta) is one unit, so a lost reph (র্) or a lost
 * conjunct stroke is one edit, not two; every other code point is a unit of its own.
 */
function units(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    const last = out[out.length - 1];
    if (last !== undefined && (ch === '\u09BC' || ch === '\u09CD' || ch === '\u200C' || ch === '\u200D') && !last.endsWith('\u09CD')) out[out.length - 1] = last + ch;
    else out.push(ch);
  }
  return out;
}

/**
 * Units the recogniser confuses on these scans, each swap half an edit: long and short vowel signs (সুচক for
 * সূচক), উ/ঊ, ত/ভ (তিত্তিক for ভিত্তিক), and a reph read as a full র (কোয়ারটার). A lost or added reph is half
 * an edit too (বাষিক for বার্ষিক, স্মাট for স্মার্ট): the reph is a small stroke above the headline that scans lose.
 */
const CHEAP_SWAPS = new Set(['ু|ূ', 'ি|ী', 'উ|ঊ', 'ত|ভ', 'র|র্'].flatMap((p) => [p, p.split('|').reverse().join('|')]));
const REPH = 'র্';

function editCost(a: string[], b: string[]): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j * gapCost(b, j - 1));
  for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1]! + gapCost(b, j - 1);
  for (let i = 1; i <= a.length; i++) {
    const cur = [prev[0]! + gapCost(a, i - 1)];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const sub = x === y ? 0 : CHEAP_SWAPS.has(`${x}|${y}`) ? 0.5 : 1;
      cur.push(Math.min(prev[j - 1]! + sub, prev[j]! + gapCost(a, i - 1), cur[j - 1]! + gapCost(b, j - 1)));
    }
    prev.splice(0, prev.length, ...cur);
  }
  return prev[b.length]!;
}

function gapCost(w: string[], k: number): number {
  return k >= 0 && w[k] === REPH ? 0.5 : 1;
}

/**
 * The one vocabulary word a misread word stands for, or null. Words of seven units or more may be two edits
 * away, of five or six one edit, of four only half an edit (one cheap swap or a lost reph): short words are
 * too many and too alike to repair on more.
 */
function nearestWord(core: string): string | null {
  const { words, list } = vocab();
  if (words.has(core) || !BANGLA_WORD.test(core)) return null;
  const u = units(core);
  const n = u.length;
  if (n < MIN_UNITS) return null;
  const maxD = n >= 7 ? 2 : n >= 5 ? 1 : 0.5;
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const w of list) {
    const wu = units(w);
    if (wu.length < MIN_UNITS || Math.abs(wu.length - n) > Math.max(1, maxD)) continue;
    const d = editCost(u, wu);
    if (d < bestD) {
      bestD = d;
      best = w;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return best !== null && bestD <= maxD && !tie ? best : null;
}

/** Two vocabulary words the letters of a + b make when the space is moved ("ক্রমি কনং" → ক্রমিক নং), or null. */
function resplit(joined: string, words: Set<string>): [string, string] | null {
  const cps = [...joined];
  for (let k = 2; k <= cps.length - 2; k++) {
    const a = cps.slice(0, k).join('');
    const b = cps.slice(k).join('');
    if (words.has(a) && words.has(b)) return [a, b];
  }
  return null;
}

/**
 * Punctuation OCR adds to Bangla cells: a stray apostrophe or backtick (Bangla prints none), a full stop after a
 * Bangla word or a danda (Bangla ends with the danda; a serial "০২." is printed so and keeps its dot), a lone dot between words, a bracket before
 * a code's closing bracket ("[৫.১.১)]"), specks after a hyphen ("জুলাই-._"), underscores, a code's dots read as
 * colons ("[৫.১:২]").
 */
function tidyPunctuation(text: string): string {
  return text
    .replace(/['`]/gu, '')
    // after a word of four or more code points: "ক্র." and "নং." are abbreviations and keep theirs
    .replace(/(?<=[\u0980-\u09FF]{4})\.(?=\s|$)/gu, '')
    .replace(/।\.$/u, '।')
    .replace(/(?<=\s)\.(?=\s)/gu, '')
    .replace(/(?<=[\u0980-\u09FF]-)[._]+/gu, '')
    .replace(/_/gu, '')
    // the vowel sign া read as a bar after a consonant ("সভ|")
    .replace(/(?<=[\u0995-\u09B9\u09DC-\u09DF])\|/gu, 'া')
    // a compound wrapped at its hyphen and joined with a space ("জুলাই- সেপ্টেম্বর")
    .replace(/(?<=[\u0980-\u09FF])-\s+(?=[\u0980-\u09FF])/gu, '-')
    .replace(/^(\[[০-৯]+(?:\.[০-৯]+){1,2})[)}]+\]/u, '$1]')
    // a code's bracket read as a parenthesis on one side only ("(৫.১.১]", "[৫.১.১)")
    .replace(/^[({]([০-৯]+(?:\.[০-৯]+){1,2})\]/u, '[$1]')
    .replace(/^\[([০-৯]+(?:\.[০-৯]+){1,2})[)}](?!\])/u, '[$1]')
    // a code's dots read as colons or commas: "[৫.১:২]"
    .replace(/^\[([০-৯])[.:;,]([০-৯])(?:[.:;,]([০-৯]))?\]/u, (_m, a: string, b: string, c?: string) => `[${a}.${b}${c ? `.${c}` : ''}]`)
    .replace(/[ \t]{2,}/gu, ' ')
    .trim();
}

/** Annex 5 cell text with misread plan words repaired; text with nothing to repair comes back unchanged. */
export function repairAnnexText(text: string): string {
  if (!text) return text;
  const { words } = vocab();
  // tokens and the separators between them (spaces, "/", "-"), separators kept as they are
  const parts = tidyPunctuation(text.normalize('NFC')).split(/(\s+|\/|-)/u);
  // pieces of one word split by a space ("সং খ্যা", "কর্মসম্পা দন"), or two words split in the wrong place
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const a = parts[i]!;
    const b = parts[i + 2]!;
    if (parts[i + 1] !== ' ' || !BANGLA_WORD.test(a) || !BANGLA_WORD.test(b) || (words.has(a) && words.has(b))) continue;
    if (!words.has(a) && words.has(a + b) && [...(a + b)].length >= MIN_LETTERS) {
      parts.splice(i, 3, a + b);
      i -= 2;
      continue;
    }
    const moved = resplit(a + b, words);
    if (moved) parts.splice(i, 3, moved[0], ' ', moved[1]);
  }
  // a danda between two plan words is a speck: the plan's wordings hold no sentence break ("কর্মশালা। আয়োজন")
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const a = parts[i]!;
    if (a.endsWith('।') && words.has(a.slice(0, -1)) && words.has(EDGE.exec(parts[i + 2]!)![2]!)) parts[i] = a.slice(0, -1);
  }
  // a run-together pair of vocabulary words ("ক্রমিকনং")
  for (let i = 0; i < parts.length; i += 2) {
    const p = parts[i]!;
    if (!BANGLA_WORD.test(p) || words.has(p) || [...p].length < MIN_LETTERS) continue;
    const two = resplit(p, words);
    if (two) parts.splice(i, 1, two[0], ' ', two[1]);
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

/**
 * One table prints a word one way: a plan word with a reph (কোয়ার্টার) elsewhere in the table makes the same
 * word without it (কোয়াটার, itself a spelling some offices print) a reph the scan lost. Scans lose rephs; OCR
 * does not add them, so only the reph-less form is changed. Works on the grid in place.
 */
export function unifyRephs(grid: string[][]): void {
  const { words } = vocab();
  const present = new Set(grid.flatMap((row) => row.flatMap((t) => t.normalize('NFC').split(/[\s/,()[\]\-–:;।]+/u))));
  const lost = new Map<string, string>();
  for (const w of present) {
    if (!words.has(w) || !w.includes('র্')) continue;
    for (let at = w.indexOf('র্'); at >= 0; at = w.indexOf('র্', at + 1)) lost.set(w.slice(0, at) + w.slice(at + 2), w);
  }
  for (const without of [...lost.keys()]) if (!present.has(without)) lost.delete(without);
  if (lost.size === 0) return;
  const re = new RegExp(`(?<![\u0980-\u09FF])(${[...lost.keys()].map(escapeRegExp).join('|')})(?![\u0980-\u09FF])`, 'gu');
  for (const row of grid) row.forEach((t, c) => (row[c] = t.normalize('NFC').replace(re, (m) => lost.get(m) ?? m)));
}

/**
 * A header cell garbled as a whole ("অভিত মান" for অর্জিত মান: ভ for র্জ; "ক্রু.নং": the dot's ink taken for
 * a vowel sign) is the one printed label it is nearest to, when it is near enough for its length and no other
 * label is as near. Cells with figures (years, column numbers) and cells already a label are left alone.
 */
export function snapHeaderLabel(text: string): string {
  const t = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (!t || /[০-৯0-9]/u.test(t) || HEADER_CELL_LABELS.includes(t)) return text;
  const u = units(t);
  const n = u.length;
  const maxD = n >= 14 ? 2 : n >= 8 ? 1.5 : n >= 5 ? 1 : 0;
  if (maxD === 0) return text;
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const label of HEADER_CELL_LABELS) {
    const lu = units(label);
    if (Math.abs(lu.length - n) > maxD + 1) continue;
    const d = editCost(u, lu);
    if (d < bestD) [best, bestD, tie] = [label, d, false];
    else if (d === bestD) tie = true;
  }
  return best !== null && bestD <= maxD && !tie ? best : text;
}

const ORDINALS = ['১ম', '২য়', '৩য়', '৪র্থ'] as const;
const QUARTER_WORD = /(ত্রৈমাসিক|ত্রেমাসিক|কোয়ার্টার|কোয়াটার)/u;
/** what a misread ordinal looks like: a short token of Bangla letters/digits ending like one (য়, ম, র্থ, থ) */
const ORDINAL_LIKE = /^[\u0980-\u09FF]{1,5}$/u;
const ORDINAL_END = /(য়|য়|ম|র্থ|থ)$/u;

/**
 * A quarter header label whose ordinal OCR garbled ("তয় কোয়ার্টার", "হ্য় ত্রৈমাসিক", "৪৪র্থ …") given the
 * quarter its column holds (from the header mapping, which reads it from the column order and month ranges):
 * the token just before the quarter word becomes that quarter's ordinal. Nothing is added where no token is.
 */
export function repairQuarterOrdinal(label: string, quarter: 1 | 2 | 3 | 4): string {
  const m = QUARTER_WORD.exec(label);
  if (!m) return label;
  const before = label.slice(0, m.index).trimEnd();
  const at = before.lastIndexOf(' ') + 1;
  const token = before.slice(at);
  const want = ORDINALS[quarter - 1]!;
  if (!token || token === want || !ORDINAL_LIKE.test(token) || !ORDINAL_END.test(token)) return label;
  return `${before.slice(0, at)}${want} ${label.slice(m.index)}`;
}
