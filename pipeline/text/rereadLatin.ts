/**
 * A second reading, Latin only, of English words the full-page reading garbled into a mix of scripts.
 *
 * The page reading (ben+eng) turns a short English word inside a Bangla sentence into Bangla and ASCII digits
 * together ("(GRS)" → "(০13)", "(01২5)"; "e-Nothi" → "০-২০(0৮"). No word of these documents mixes the two
 * scripts' digits, so such a word is English or a garbled figure. It is cut out and read once more restricted to
 * Latin letters, ASCII digits and the marks of names and addresses; the reading replaces the first only when it
 * is a word of Latin letters (two or more) and reasonably sure. A figure stays as read: the Latin-only reading of
 * a figure holds no letters.
 */
import type { GreyImage } from '../../models/image.js';
import type { OcrEngine, OcrLine, OcrWord } from '../../models/ocr.js';
import { rereadWords, type WordRereadResult } from './rereadDates.js';

/** Latin letters, ASCII digits and the marks around and inside English names and addresses. */
export const LATIN_WORD_CHARSET = " ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789()[]/:@._-+,;'&";

/** A word this sure is left alone however it mixes scripts. */
const MIXED_SURE_CONF = 90;
/** The Latin-only reading replaces the first only this sure. */
const LATIN_REREAD_MIN_CONF = 50;

/** A word holding a Bangla digit beside an ASCII digit or Latin letter, read under MIXED_SURE_CONF. */
export function isMixedScriptWord(w: OcrWord): boolean {
  return w.conf < MIXED_SURE_CONF && /[০-৯]/u.test(w.text) && /[0-9A-Za-z]/u.test(w.text);
}

/** Whether the Latin-only reading of such a word replaces it: a word with two Latin letters, sure enough. */
export function betterLatinReading(second: { text: string; conf: number | null }): boolean {
  const t = second.text.trim();
  const letters = (t.match(/[A-Za-z]/gu) ?? []).length;
  const digits = (t.match(/[0-9]/gu) ?? []).length;
  // a figure read as Latin look-alikes ("89. L0.CHH9.000,05") holds more digits than letters
  return second.conf != null && second.conf >= LATIN_REREAD_MIN_CONF && !/\s/u.test(t) && letters >= 2 && letters > digits;
}

/**
 * Read each mixed-script word of `lines` again, alone and Latin only, and keep a sure Latin word. The lines are
 * returned as new objects; the input is not changed.
 */
export async function rereadMixedScriptWords(image: GreyImage, lines: readonly OcrLine[], engine: OcrEngine, opts: { dpi: number }): Promise<WordRereadResult> {
  const refs = lines.flatMap((l, line) => l.words.flatMap((w, word) => (isMixedScriptWord(w) ? [{ line, word }] : [])));
  return rereadWords(image, lines, engine, refs, { psm: 'word', dpi: opts.dpi, charset: LATIN_WORD_CHARSET }, (_first, second) => betterLatinReading(second));
}
