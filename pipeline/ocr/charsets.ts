/**
 * Character sets the recogniser may be restricted to (Tesseract's tessedit_char_whitelist).
 *
 * Table cells of these reports are Bangla: the seeds hold no ASCII digit outside URLs and e-mail addresses.
 * With `ben+eng` loaded, a short Bangla cell often comes out as Latin look-alikes (৮ → "br", ১০০% → "500%",
 * [৪.১.১] → "[8.5.5]", ত্রৈমাসিক → "canis"). Restricting a cell to the Bangla block plus punctuation keeps
 * both models loaded (so a Latin cell can still be re-read) but lets only Bangla out. Measured on the eval
 * corpus's table cells (`npm run measure -- tables --ocr mosaic [--charset none]`): see the commit.
 */
import { BANGLA_DIGITS } from '../normalise/digits.js';

const BANGLA_BLOCK = Array.from({ length: 0x80 }, (_, i) => 0x980 + i)
  // the currency numerators and isshar are never printed here, and ৷ (U+09F7) is the recogniser's favourite
  // stand-in for the danda (U+0964, which sits in the Devanagari block and is listed below)
  .filter((cp) => cp < 0x9f4 || cp > 0x9fa)
  .map((cp) => String.fromCharCode(cp))
  .join('');

/** Punctuation printed in these tables; the space must be listed or Tesseract drops word spaces. */
const TABLE_PUNCTUATION = ' ।॥.,:;!?()[]{}/\\-–—%\'"“”‘’+=*&#_|';

/** Bangla letters, signs and digits, and the punctuation of the tables (no Latin letters or ASCII digits). */
export const BANGLA_TABLE_CHARSET = BANGLA_BLOCK + TABLE_PUNCTUATION;

/** A URL or e-mail address: Latin text a Bangla-only reading must not replace. */
export function looksLikeAddress(text: string): boolean {
  return /:\/\/|www\.|@|\.(gov|com|org|net|edu|bd)\b/iu.test(text);
}

/**
 * What a figure cell of these tables holds: Bangla digits and the marks of counts, percents, decimals and dates.
 * A cell of a figures column that came out as letters ("৬" → "ঙ", "৩" → "ত", "৫" → "নে") is read again
 * restricted to these.
 */
export const FIGURE_CHARSET = `${BANGLA_DIGITS}.%/-।`;

/**
 * A figure or a count with its classifier ("১টি", "৩টা"): what the figure cells of these tables hold, for
 * the second and third readings that vote on them (pipeline/tables/cells.ts).
 */
export const COUNT_CHARSET = `${FIGURE_CHARSET}টিা`;

/**
 * Latin letters, ASCII digits and the marks of English names and addresses: for the third look at a word whose
 * English stem both table readings garbled before a Bangla ending (pipeline/tables/script.ts, garbledStem).
 */
export const LATIN_STEM_CHARSET = ' ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-+.';
