/**
 * Canonical Bangla text. The canonical form is NFC, because the truth files, the seeds and every string
 * comparison in the project use NFC. NFC *decomposes* the nukta letters (য় U+09DF → য U+09AF + ় U+09BC,
 * likewise ড় U+09DC and ঢ় U+09DD; they are composition exclusions), so the canonical য় is the two-code-point
 * sequence. NFC composes ো (ে+া → U+09CB) and ৌ (ে+ৗ → U+09CC); it does not touch the older ৎ encoding
 * ত+্+ZWJ, which we map to ৎ (U+09CE). ZWJ/ZWNJ are dropped except the ZWJ of র‍্য (র ZWJ ্ য), which
 * selects the ref-phala spelling (র‍্যাব) rather than the ref (র্য).
 */
import { toAsciiDigits } from './digits.js';

const ZWJ = '\u200D';
const ZWNJ = '\u200C';

/** Bangla combining signs OCR sometimes separates from their base letter with a space. */
const COMBINING = '\u0981-\u0983\u09BC\u09BE-\u09C4\u09C7\u09C8\u09CB-\u09CD\u09D7\u09E2\u09E3';
const STRAY_SPACE_BEFORE_SIGN = new RegExp(`[ \\t]+(?=[${COMBINING}])`, 'g');
const INVISIBLES = /[\u200B\u2060\uFEFF\u00AD]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2212\uFE63\uFF0D]/g;

export interface CanonicalOptions {
  /** collapse every whitespace run, newlines included, to one space (cell values); default false keeps lines */
  singleLine?: boolean;
}

/** NFC plus the repairs NFC does not make; idempotent. Never throws (non-strings become ''). */
export function canonicalText(input: string, options: CanonicalOptions = {}): string {
  if (typeof input !== 'string') return '';
  let s = input.replace(/\r\n?/g, '\n');
  // ৎ's pre-Unicode-4.1 encoding; must run before ZWJ is dropped.
  s = s.replace(/\u09A4\u09CD\u200D/g, '\u09CE');
  s = s.replace(/\u200D/g, (zwj, i: number, all: string) =>
    all[i - 1] === '\u09B0' && all[i + 1] === '\u09CD' ? zwj : '',
  );
  s = s.split(ZWNJ).join('');
  s = s.replace(INVISIBLES, '').replace(SPACES, ' ').replace(HYPHENS, '-');
  // Assamese letters Tesseract's ben model occasionally emits for the Bangla look-alikes.
  s = s.replace(/\u09F0/g, '\u09B0').replace(/\u09F1/g, '\u09AC');
  s = s.normalize('NFC');
  // Removing a stray space or a doubled sign can bring marks together out of canonical order, or a letter and
  // a sign into a legacy pair ("ব ়" → ব়), so the clean-up runs until nothing changes: canonicalText must be idempotent.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    // Legacy converters write র as ব+nukta and আ as অ+া.
    s = s.replace(/\u09AC\u09BC/g, '\u09B0').replace(/\u0985\u09BE/g, '\u0986');
    s = s.replace(/\u09CD{2,}/g, '\u09CD').replace(/\u09BC{2,}/g, '\u09BC');
    s = s.replace(/[ \t]+/g, ' ');
    s = s.replace(STRAY_SPACE_BEFORE_SIGN, '');
    s = s.normalize('NFC');
  }
  // The danda is often typed or read as an ASCII bar after Bangla words.
  s = s.replace(/(?<=[\u0980-\u09FF] ?)\|/g, '\u0964');
  if (options.singleLine) return s.replace(/\s+/g, ' ').trim();
  return s
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Folding applied to comparison keys only (never to stored text): spelling variants and OCR losses that
 * should not make two labels differ. ী/ি and ূ/ু (জানুয়ারী/জানুয়ারি), ঈ/ই, ঊ/উ, ণ/ন, ষ/শ/স, ৎ/ত;
 * nukta and chandrabindu are dropped (OCR loses them), as are ঃ (used as a colon) and ZWJ.
 */
const KEY_FOLD: Record<string, string> = {
  '\u09C0': '\u09BF',
  '\u09C2': '\u09C1',
  '\u0988': '\u0987',
  '\u098A': '\u0989',
  '\u09A3': '\u09A8',
  '\u09B7': '\u09B8',
  '\u09B6': '\u09B8',
  '\u09CE': '\u09A4',
  '\u09BC': '',
  '\u0981': '',
  '\u0983': '',
  [ZWJ]: '',
};

/**
 * Key for fuzzy comparison of labels and office names: canonical text, lower case, ASCII digits, the
 * folding above, and nothing but letters, signs and digits (spaces and punctuation removed).
 */
export function comparisonKey(input: string): string {
  const s = toAsciiDigits(canonicalText(input, { singleLine: true }).toLowerCase());
  let out = '';
  for (const ch of s) {
    const folded = KEY_FOLD[ch];
    const c = folded ?? ch;
    if (c === '') continue;
    if (/[\u0980-\u09FFa-z0-9\u00C0-\u024F]/.test(c)) out += c;
  }
  return out;
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
