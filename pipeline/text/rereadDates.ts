/**
 * A second reading of doubtful numeric dates in the page text (outside tables).
 *
 * In a full-page reading the ben model misreads a digit of a small date now and then (০৫/০১/২০২৫ read as
 * ০৫/০২/২০২৫ at confidence 69, the neighbouring words at 95), and a letter's date is the submission date. The
 * same word cut out and read alone as one line comes back right and surer (measured on a held-out generator
 * page: confidence 85, every scale and charset tried). So every numeric date word the first reading is not
 * sure of is read once more, alone and unrestricted (ASCII dates stay ASCII), and the second reading replaces
 * the first only when it is itself a real date and surer.
 */
import type { Box } from '../../models/geometry.js';
import type { GreyImage } from '../../models/image.js';
import type { OcrEngine, OcrLine, OcrRequest, OcrWord } from '../../models/ocr.js';
import { toPgm } from '../image.js';
import { parseDate } from '../normalise/index.js';
import { cropRegion } from '../tables/clean.js';

/** Below this word confidence (0–100) a date word is read again. */
export const DOUBTFUL_DATE_CONF = 90;

/** d/m/y with / - or . between (Bangla or ASCII digits), maybe glued to an era suffix (২০২৫খ্রিঃ). */
const NUMERIC_DATE_WORD = /^[০-৯0-9]{1,3}\s*[/\-.]\s*[০-৯0-9]{1,3}\s*[/\-.]\s*[০-৯0-9]{2,5}(?:[^০-৯0-9]{0,8})$/u;

export function isNumericDateWord(text: string): boolean {
  return NUMERIC_DATE_WORD.test(text.trim());
}

/**
 * Three slash-separated groups of a few characters: the shape of a date whatever the first reading made of its
 * digits (ben+eng reads a small Bangla date as Latin look-alikes now and then: ০৭/০১/২৫ as "0q/08/3¢").
 */
const DATE_SHAPED_WORD = /^[^\s/]{1,4}\/[^\s/]{1,4}\/[^\s/]{2,6}$/u;
/** A date label ending the word before ("তারিখ:", "তাং", "Date:"). */
const DATE_LABEL_BEFORE = /(?:তারিখ|তাং|তাঃ|date|dated)\s*[:ঃ.\-]*$/iu;

/** A word that prints a date: a numeric date, or a date-shaped word right after a date label. */
export function isDateWord(line: OcrLine, wordIndex: number): boolean {
  const text = line.words[wordIndex]!.text.trim();
  if (isNumericDateWord(text)) return true;
  const before = line.words[wordIndex - 1]?.text ?? '';
  return DATE_SHAPED_WORD.test(text) && DATE_LABEL_BEFORE.test(before);
}

export interface WordRef {
  line: number;
  word: number;
}

/** The date words of these lines the first reading was not sure of. */
export function doubtfulDateWords(lines: readonly OcrLine[], minConf = DOUBTFUL_DATE_CONF): WordRef[] {
  const out: WordRef[] = [];
  lines.forEach((l, i) =>
    l.words.forEach((w, j) => {
      if (w.conf < minConf && isDateWord(l, j)) out.push({ line: i, word: j });
    }),
  );
  return out;
}

/**
 * The word's box widened by a quarter of its height on each side, but never past half the gap to the words
 * beside it on its line (so the neighbour's ink stays out), and never off the page.
 */
export function rereadBox(line: OcrLine, wordIndex: number, page: { width: number; height: number }): Box {
  const w = line.words[wordIndex]!.bbox;
  const pad = Math.max(2, Math.round((w.y1 - w.y0) * 0.25));
  const prev = line.words[wordIndex - 1]?.bbox;
  const next = line.words[wordIndex + 1]?.bbox;
  const left = prev && prev.x1 <= w.x0 ? Math.min(pad, Math.floor((w.x0 - prev.x1) / 2)) : pad;
  const right = next && next.x0 >= w.x1 ? Math.min(pad, Math.floor((next.x0 - w.x1) / 2)) : pad;
  return {
    x0: Math.max(0, w.x0 - left),
    y0: Math.max(0, w.y0 - pad),
    x1: Math.min(page.width, w.x1 + right),
    y1: Math.min(page.height, w.y1 + pad),
  };
}

/** A second reading less sure than this never replaces a first that is no date at all. */
const MIN_SECOND_CONF = 50;

/**
 * Whether a second reading of a date word should replace the first: it must be a real date, and either surer
 * than the first or, where the first is no real date (Latin look-alikes, a month 13), reasonably sure.
 */
export function betterDateReading(first: OcrWord, second: { text: string; conf: number | null }): boolean {
  const text = second.text.trim();
  if (!text || text === first.text || second.conf == null) return false;
  if (!isNumericDateWord(text) || parseDate(text).kind !== 'date') return false;
  if (second.conf > first.conf) return true;
  return second.conf >= MIN_SECOND_CONF && parseDate(first.text).kind !== 'date';
}

export interface WordRereadResult {
  lines: OcrLine[];
  /** words read again, and how many of them the second reading replaced */
  reread: number;
  replaced: number;
}

/**
 * Read each chosen word of `lines` again, alone, from `image` (page coordinates, as the lines' boxes), and swap in
 * the second reading where `better` takes it. The lines are returned as new objects; the input is not changed.
 * The one loop behind the date and Latin re-reads: they differ in which words, how they are read and what wins.
 */
export async function rereadWords(
  image: GreyImage,
  lines: readonly OcrLine[],
  engine: OcrEngine,
  refs: readonly WordRef[],
  read: Omit<OcrRequest, 'png' | 'rect'>,
  better: (first: OcrWord, second: { text: string; conf: number | null }) => boolean,
): Promise<WordRereadResult> {
  if (!refs.length) return { lines: [...lines], reread: 0, replaced: 0 };
  const out = lines.map((l) => ({ ...l, words: [...l.words] }));
  let replaced = 0;
  for (const { line, word } of refs) {
    const l = out[line]!;
    const first = l.words[word]!;
    const r = await engine.recognise({ ...read, png: toPgm(cropRegion({ image, x0: 0, y0: 0 }, rereadBox(l, word, image))) });
    if (!better(first, { text: r.text, conf: r.meanConf })) continue;
    const text = r.text.trim().replace(/\s+/g, ' ');
    // the line's own spacing is kept: only the word's text is swapped in it
    l.text = l.text.includes(first.text) ? l.text.replace(first.text, text) : l.words.map((w, k) => (k === word ? text : w.text)).join(' ');
    l.words[word] = { ...first, text, conf: r.meanConf! };
    l.conf = l.words.reduce((a, w) => a + w.conf, 0) / Math.max(1, l.words.length);
    replaced++;
  }
  return { lines: out, reread: refs.length, replaced };
}

/**
 * Read each doubtful date word of `lines` again, as one line and unrestricted, and keep the surer real date.
 */
export async function rereadDoubtfulDates(image: GreyImage, lines: readonly OcrLine[], engine: OcrEngine, opts: { dpi: number }): Promise<WordRereadResult> {
  return rereadWords(image, lines, engine, doubtfulDateWords(lines), { psm: 'line', dpi: opts.dpi }, betterDateReading);
}
