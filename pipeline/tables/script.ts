/**
 * Per-cell, per-word choice of script for table cells (pure). Table cells are read first restricted to Bangla
 * (BANGLA_TABLE_CHARSET: a Bangla cell read with Latin allowed comes out as look-alikes, ৮ → "br", ১০০% →
 * "500%"). Through that restriction an English word comes out as Bangla digits and brackets at confidence near
 * 0 ("e-Nothi" → "০-২০৮]", "NESS" → "১০৩৩", "SL" → "তা,"), or as nothing. Cells showing that (needsSecondLook)
 * are read once more without restriction, and each word of the first reading is weighed against the words of the
 * second that lie on it (mergeReadings): confident Latin words, addresses and ASCII figures win over a doubtful
 * Bangla reading; a Bangla figure stays where its column is a column of Bangla figures or it was read surely.
 */
import type { Box } from '../../models/geometry.js';
import type { OcrWord } from '../../models/ocr.js';
import { looksLikeAddress } from '../ocr/charsets.js';

/**
 * A first-reading word below LATIN_JUNK_CONF, or below WORD_DOUBT_CONF with no Bangla letter, is doubted: Latin
 * read through the Bangla restriction comes out at 0 (mostly) to 63, as digits and marks more often than letters.
 * Unsure Bangla words (letters at 10–45, common on hard scans) are left alone: taking all of them into the
 * unrestricted reading cost 15 times its pixels on the public eval's Annex 5 pages for no gain there.
 */
export const WORD_DOUBT_CONF = 45;
const LATIN_JUNK_CONF = 10;
/**
 * A word of Bangla letters and signs only (no digit, no mark inside): an unsure reading of a Bangla word, not
 * Latin junk, even at 0 ("উদ্ভাবনী" at 0 in an Annex 5 activity cell). Junk carries digits or marks ("০-২০]-তে").
 */
const PURE_BANGLA_WORD = /^[\u0980-\u09e5\u09f0-\u09ff]+[।,;:!?]?$/u;
/** An Annex 5 code ("[৪.১.১]"), often read at 0 but never Latin. */
const CODE = /^\[?[০-৯]+(\.[০-৯]+)+\]?$/u;
/**
 * A second reading in Bangla replaces the first as a whole when this sure and this much surer (measured on the
 * eval corpus before per-word reading: unsure unrestricted readings of empty-looking cells are guesses).
 */
const REREAD_MIN_CONF = 70;
const REREAD_MARGIN = 30;
/** A one- or two-character cell read below this is looked at again. */
const SHORT_SURE_CONF = 80;
/** A Bangla word (letters) read at least this surely is kept whatever the second reading says. */
const BANGLA_SURE_CONF = 60;
/** A Bangla figure read at least this surely is kept outside figure columns too ("৪." at 57 against "8." at 97). */
const FIGURE_SURE_CONF = 50;
/**
 * A second-reading Latin word replaces a doubtful first reading at this confidence, one of three letters or fewer
 * only at SHORT_LATIN_CONF: on the eval corpus's Bangla tables the unrestricted reading makes "ANY", "EY", "oF",
 * "A Va" of a glyph or a smudge at 58–72 (and real acronyms come at 90 or more: GRS 93, NESS 96, SL 96).
 */
const LATIN_MIN_CONF = 70;
const SHORT_LATIN_CONF = 85;
/** Where the first reading had nothing, only this sure (signatures read as "SOT" at 72, "SO", "HN" at 27–64). */
const LATIN_FROM_NOTHING_CONF = 80;
/** An ASCII figure (no letters) replaces a doubtful reading only this sure: it is the look-alike of a Bangla one. */
const ASCII_FIGURE_MIN_CONF = 75;
/** A Latin word overrules a Bangla figure outside figure columns ("NESS" read "১০৩৩" at 63) only this sure. */
const LATIN_OVER_FIGURE_CONF = 80;
/** The Latin stem of "SPS-এ", "e-Nothi-তে" is taken from a second reading this sure of the whole word. */
const STEM_MIN_CONF = 15;
/** An address is taken from a second reading this sure. */
const ADDRESS_MIN_CONF = 30;

const BANGLA_LETTER = /[\u0985-\u09b9\u09ce\u09dc-\u09df]/u;
const BANGLA_FIGURE = /^[০-৯.,%/\-–।:]*[০-৯][০-৯.,%/\-–।:]*$/u;
const COUNTED = /[০-৯](টি|টা)/u;
/**
 * Marks Bangla text does not print but a Latin word read as Bangla leaves behind. Square brackets are printed
 * (the Annex 5 codes "[৪.১.১]"), so they are no trace.
 */
const LATIN_TRACES = /[{}|&_@~^<>]/u;
const LATIN_LETTER = /[A-Za-z]/u;
/** Printable ASCII only: a word of the second reading that is wholly Latin script. */
const ASCII_WORD = /^[\x21-\x7e]+$/u;
const ASCII_FIGURE = /^[0-9.,%/:+()\-]*[0-9][0-9.,%/:+()\-]*$/u;

/** The Bangla ending of an English word ("SPS-এ", "e-Nothi-তে"): a hyphen and Bangla letters, never digits. */
const BANGLA_ENDING = /-([\u0985-\u09b9\u09dc-\u09df][\u0980-\u09e5]*[।,]?)$/u;

const isBanglaFigure = (t: string) => BANGLA_FIGURE.test(t) || COUNTED.test(t);

/**
 * Does the first (Bangla-restricted) reading of a cell show a trace of Latin text? Nothing read from ink, a word
 * read unsurely, marks Bangla does not print, or a Bangla figure read unsurely in a column that is not one of
 * figures (inside a Bangla cell, an English word comes out as digits: "GRS" → "০২৩" at 63).
 */
export function needsSecondLook(words: readonly OcrWord[], figureColumn: boolean): boolean {
  const kept = words.filter((w) => w.text.trim());
  if (kept.length === 0) return true;
  // a cell of one or two characters read unsurely: a serial or a letter ("3" read "ও" at 64)
  if (kept.length === 1 && [...kept[0]!.text.trim()].length <= 2 && kept[0]!.conf < SHORT_SURE_CONF && !figureColumn) return true;
  return kept.some(
    (w) =>
      !CODE.test(w.text) &&
      ((w.conf < LATIN_JUNK_CONF && !PURE_BANGLA_WORD.test(w.text)) ||
        (w.conf < WORD_DOUBT_CONF && !BANGLA_LETTER.test(w.text)) ||
      LATIN_TRACES.test(w.text) ||
        (!figureColumn && BANGLA_FIGURE.test(w.text) && !COUNTED.test(w.text) && w.conf < LATIN_OVER_FIGURE_CONF)),
  );
}

/**
 * Columns of Bangla figures (counts, percents, dates, serials) by their first readings: at least two figure cells
 * read surely and 60% of the column's filled single-column cells below its first one (headers above are words).
 * Unsure figures do not count: English read through the Bangla restriction comes out as digits at low
 * confidence ("Google Meet" → "০০০৪০০" at 0, "GRS" → "২৩" at 21), and a column of such is no column of figures.
 */
export function figureColumns(cells: readonly { r: number; c: number; colspan: number; text: string; conf: number | null }[]): Set<number> {
  const out = new Set<number>();
  const byCol = new Map<number, { r: number; text: string; conf: number }[]>();
  for (const cell of cells) {
    if (cell.colspan !== 1) continue;
    byCol.set(cell.c, [...(byCol.get(cell.c) ?? []), { r: cell.r, text: cell.text.replace(/\s+/gu, ''), conf: cell.conf ?? 0 }]);
  }
  for (const [c, list] of byCol) {
    list.sort((a, b) => a.r - b.r);
    const sure = (x: { text: string; conf: number }) => isBanglaFigure(x.text) && x.conf >= FIGURE_SURE_CONF;
    const first = list.findIndex(sure);
    if (first < 0) continue;
    const filled = list.slice(first).filter((x) => x.text);
    const figures = filled.filter(sure).length;
    if (figures >= 2 && figures >= 0.6 * filled.length) out.add(c);
  }
  return out;
}

/**
 * Columns written in Latin script (English words, ASCII serials, phone numbers, codes), by the cells' merged
 * readings: at least two cells wholly in printable ASCII and 60% of the column's filled single-column cells. In
 * such a column an ASCII serial is not the look-alike of a Bangla one ("3" read "ও" at 64 under the restriction).
 */
export function latinColumns(cells: readonly { r: number; c: number; colspan: number; text: string }[]): Set<number> {
  const out = new Set<number>();
  const byCol = new Map<number, string[]>();
  for (const cell of cells) {
    if (cell.colspan !== 1 || !cell.text.trim()) continue;
    byCol.set(cell.c, [...(byCol.get(cell.c) ?? []), cell.text.replace(/\s+/gu, '')]);
  }
  for (const [c, list] of byCol) {
    const latin = list.filter((t) => ASCII_WORD.test(t) && /[A-Za-z0-9]/u.test(t)).length;
    if (latin >= 2 && latin >= 0.6 * list.length) out.add(c);
  }
  return out;
}

function overlaps(a: Box, b: Box): boolean {
  const ox = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const oy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  const minW = Math.max(1, Math.min(a.x1 - a.x0, b.x1 - b.x0));
  const minH = Math.max(1, Math.min(a.y1 - a.y0, b.y1 - b.y0));
  return ox > 0.3 * minW && oy > 0.3 * minH;
}

const union = (ws: readonly OcrWord[]): Box => ({
  x0: Math.min(...ws.map((w) => w.bbox.x0)),
  y0: Math.min(...ws.map((w) => w.bbox.y0)),
  x1: Math.max(...ws.map((w) => w.bbox.x1)),
  y1: Math.max(...ws.map((w) => w.bbox.y1)),
});

/** What the second reading offers for one stretch of ink: words wholly in Latin script, and how sure. */
function latinOffer(ws: readonly OcrWord[]): { text: string; conf: number; letters: boolean; address: boolean; minConf: number } | null {
  if (ws.length === 0 || !ws.every((w) => ASCII_WORD.test(w.text))) return null;
  const text = ws.map((w) => w.text).join(' ');
  const conf = Math.min(...ws.map((w) => w.conf));
  const letters = ws.some((w) => LATIN_LETTER.test(w.text));
  // figures and their marks only; marks alone ("." for a danda) are never an offer
  if (!letters && (!/[0-9]/u.test(text) || !ws.every((w) => ASCII_FIGURE.test(w.text) || /^[/.,:;()\-]+$/u.test(w.text)))) return null;
  const nLetters = (text.match(/[A-Za-z]/gu) ?? []).length;
  return { text, conf, letters, address: looksLikeAddress(text), minConf: nLetters <= 3 ? SHORT_LATIN_CONF : LATIN_MIN_CONF };
}

export interface MergeOptions {
  /** the cell's column is one of Bangla figures (figureColumns): ASCII figures are look-alikes, never taken */
  figureColumn: boolean;
  /** the cell's column is written in Latin script (latinColumns): ASCII is taken over an unsure Bangla reading */
  latinColumn?: boolean;
}

/**
 * One cell's words from its two readings: `first` restricted to Bangla, `second` unrestricted, boxes in one
 * frame. Each first-reading word is set against the second-reading words on it; second-reading words on ink the
 * first reading left unread are added when sure of themselves.
 */
export function mergeReadings(first: readonly OcrWord[], second: readonly OcrWord[], opts: MergeOptions): OcrWord[] {
  const f = first.filter((w) => w.text.trim());
  const s = second.filter((w) => w.text.trim());
  // the whole cell in Latin script (an English cell, an address, a phone number): the second reading as a whole,
  // when surer than the first and no Bangla word of the first is sure of itself
  const whole = latinOffer(s);
  const mean = (ws: readonly OcrWord[]) => (ws.length ? ws.reduce((a, w) => a + w.conf, 0) / ws.length : 0);
  const banglaEnding = f.some((w) => BANGLA_ENDING.test(w.text.trim()));
  if (whole && !banglaEnding && !opts.figureColumn && (whole.address ? mean(s) >= ADDRESS_MIN_CONF : whole.letters && mean(s) >= whole.minConf) && mean(s) > mean(f)) {
    if (!f.some((w) => BANGLA_LETTER.test(w.text) && !LATIN_TRACES.test(w.text) && w.conf >= BANGLA_SURE_CONF)) return joinAddressParts(s);
  }
  // no Latin in the second reading, and it far surer of the cell than the first (a figure "০৪।" at 74 read "০৪"
  // at 16 under the restriction): the second reading as a whole, as before reading per word
  if (s.length && !s.some((w) => /[A-Za-z0-9]/u.test(w.text)) && mean(s) >= REREAD_MIN_CONF && (f.length === 0 || mean(s) > mean(f) + REREAD_MARGIN)) return [...s];
  const owner = s.map((sw) => f.findIndex((fw) => overlaps(fw.bbox, sw.bbox)));
  const out: OcrWord[] = [];
  f.forEach((fw, i) => out.push(...chooseWord(fw, s.filter((_, j) => owner[j] === i), opts)));
  // ink the first reading did not read at all: each word taken when sure of itself (the old rule for cells read
  // as nothing), an ASCII figure never in a column of Bangla figures
  for (const w of s.filter((_, j) => owner[j] === -1)) {
    const offer = latinOffer([w]);
    const ok = offer
      ? offer.address || (offer.letters ? w.conf >= Math.max(offer.minConf, opts.figureColumn ? FIGURE_COLUMN_LATIN_CONF : LATIN_FROM_NOTHING_CONF) : !opts.figureColumn && w.conf >= ASCII_FIGURE_MIN_CONF)
      : w.conf >= LATIN_FROM_NOTHING_CONF && !/[A-Za-z0-9]/u.test(w.text);
    if (ok) out.push(w);
  }
  return joinAddressParts(out);
}

/** In a column that came out in Latin script, its words and figures are taken from the second reading this sure. */
const LATIN_COLUMN_CONF = 60;
/** In a column of Bangla figures a Latin word ("EY" for ৯.) is taken only this sure. */
const FIGURE_COLUMN_LATIN_CONF = 90;
/** A Bangla word read between BANGLA_SURE_CONF and this gives way only to a Latin word read this sure. */
const BANGLA_VERY_SURE_CONF = 80;
const LATIN_OVER_BANGLA_CONF = 90;

function chooseWord(fw: OcrWord, mine: readonly OcrWord[], opts: MergeOptions): OcrWord[] {
  const t = fw.text.trim();
  const offer = latinOffer(mine);
  const figure = isBanglaFigure(t);
  const banglaWord = BANGLA_LETTER.test(t) && !LATIN_TRACES.test(t) && !figure;
  if (mine.length === 0) return [fw];
  if (opts.latinColumn && offer && offer.conf >= LATIN_COLUMN_CONF && !(banglaWord && fw.conf >= BANGLA_VERY_SURE_CONF)) return [...mine];
  if (banglaWord && fw.conf >= BANGLA_VERY_SURE_CONF) return [fw];
  if (banglaWord && fw.conf >= BANGLA_SURE_CONF) {
    return offer && offer.letters && /[A-Za-z]{2}/u.test(offer.text) && offer.conf >= LATIN_OVER_BANGLA_CONF ? [...mine] : [fw];
  }
  if (figure && (opts.figureColumn || fw.conf >= FIGURE_SURE_CONF) && !(!opts.figureColumn && latinOverFigure(fw, mine))) return [fw];
  // "SPS-এ", "e-Nothi-তে": the Latin stem from the second reading, the Bangla ending from the first
  // (the ending starts with a Bangla letter, never a digit: "e-file" read "০-২০" has none)
  const suffix = BANGLA_ENDING.exec(t);
  // the stem runs to the second reading's last hyphen: what follows is its guess at the Bangla ending
  const stem = mine.length === 1 ? /^([A-Za-z][A-Za-z0-9+.-]*?[A-Za-z0-9+])-[^-]{0,4}$/u.exec(mine[0]!.text) : null;
  if (suffix && stem && mine[0]!.conf >= STEM_MIN_CONF) {
    return [{ text: `${stem[1]}-${suffix[1]}`, conf: Math.min(mine[0]!.conf, Math.max(fw.conf, LATIN_MIN_CONF)), bbox: union([fw, ...mine]) }];
  }
  if (!offer) return [fw];
  let take: boolean;
  if (offer.address) take = offer.conf >= ADDRESS_MIN_CONF;
  else if (offer.letters) {
    // over junk, a plain word of four letters or more is taken a little less sure ("Orientation" at 44)
    const plain = fw.conf < JUNK_CONF && mine.every((w) => /^[A-Za-z]{4,}[.,:;]?$/u.test(w.text));
    take = offer.conf >= (opts.figureColumn ? FIGURE_COLUMN_LATIN_CONF : plain ? PLAIN_OVER_JUNK_CONF : offer.minConf) && offer.conf > fw.conf;
  }
  // an ASCII figure over a doubtful reading that is no Bangla figure (over junk the restriction made of it, a
  // little less sure); over a Bangla figure only over junk and very sure: "৩" at 33 came out "9" at 77
  else if (figure) take = !opts.figureColumn && fw.conf < JUNK_CONF && offer.conf >= ASCII_OVER_FIGURE_CONF;
  else take = !opts.figureColumn && offer.conf >= (fw.conf < JUNK_CONF ? ASCII_OVER_JUNK_CONF : ASCII_FIGURE_MIN_CONF);
  return take ? [...mine] : [fw];
}

/** A first-reading word this unsure is junk (Latin through the Bangla restriction: "-" for "01199-1459481" at 0). */
const JUNK_CONF = 20;
const ASCII_OVER_JUNK_CONF = 60;
const PLAIN_OVER_JUNK_CONF = 40;
const ASCII_OVER_FIGURE_CONF = 90;

/** An English word read as a Bangla figure inside text ("GRS" → "০২৩" at 63): the Latin reading has letters and is sure. */
function latinOverFigure(fw: OcrWord, mine: readonly OcrWord[]): boolean {
  const offer = latinOffer(mine);
  return !!offer && offer.letters && /[A-Za-z]{2}/u.test(offer.text) && offer.conf >= LATIN_OVER_FIGURE_CONF && fw.conf < LATIN_OVER_FIGURE_CONF;
}

/**
 * An address Tesseract cut in two on one line ("https://sanchaypatra.gov." "bd"): the parts are joined when the
 * left one is an address ending in a separator and the gap between them is under half the words' height.
 */
export function joinAddressParts(words: readonly OcrWord[]): OcrWord[] {
  const sorted = [...words].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const out: OcrWord[] = [];
  for (const w of sorted) {
    const prev = out.find((p) => {
      const h = Math.min(p.bbox.y1 - p.bbox.y0, w.bbox.y1 - w.bbox.y0);
      const oy = Math.min(p.bbox.y1, w.bbox.y1) - Math.max(p.bbox.y0, w.bbox.y0);
      const gap = w.bbox.x0 - p.bbox.x1;
      // cut at a separator on either side ("…gov." "bd", "www" ".forms.gov.bd"); the whole is an address
      const atSeparator = /[./@:-]$/u.test(p.text) || /^[./@-]/u.test(w.text);
      return oy > 0.3 * h && gap >= -2 && gap < 0.5 * h && atSeparator && ASCII_WORD.test(p.text) && ASCII_WORD.test(w.text) && looksLikeAddress(p.text + w.text);
    });
    if (prev) {
      out[out.indexOf(prev)] = { text: prev.text + w.text, conf: Math.min(prev.conf, w.conf), bbox: union([prev, w]) };
    } else out.push(w);
  }
  return out;
}

/** A Bangla ending of one or two letters with their signs ("এ", "তে", "এর", "কে"), as Bangla joins it to a name. */
const SHORT_ENDING = /^(.*?)(-?)((?:[\u0985-\u09b9\u09ce\u09dc-\u09df][\u0981-\u0983\u09bc\u09be-\u09cd\u09d7]*){1,2})$/u;
/** What the Bangla restriction makes of Latin letters: digits of either script, brackets, bars and marks. */
const GARBLE = /[০-৯0-9()[\]{}|/\\:;%!&#*]/u;

/**
 * A word whose English stem both readings garbled before a Bangla ending ("Meet-এ" read "14661-এ" and "০৮এ",
 * "PMIS-এ" read "চা-এ", "e-Nothi-তে" read "০-২০]-তে"): the ending, or null. The stem shows the garble (digits,
 * brackets, marks, or a hyphened ending after next to nothing read at junk confidence) and holds no Latin letter;
 * a Bangla word read surely ("ই-সেবা" at 90) is never one.
 */
export function garbledStem(w: OcrWord): string | null {
  const t = w.text.trim();
  if (w.conf >= LATIN_MIN_CONF || COUNTED.test(t)) return null;
  const m = SHORT_ENDING.exec(t);
  if (!m || !m[1]) return null;
  const [, stem, hyphen, ending] = m as unknown as [string, string, string, string];
  if (LATIN_LETTER.test(stem) || !/^-?[\u0985-\u09b9\u09ce\u09dc-\u09df]/u.test(ending)) return null;
  if (GARBLE.test(stem) && w.conf < WORD_DOUBT_CONF) return ending;
  if (hyphen && w.conf < JUNK_CONF && stem.replace(/-/gu, '').length <= 3) return ending;
  // an ASCII-digit stem from the unrestricted reading ("14661-এ" at 66): digits never take a Bangla ending
  if (/^[0-9]+$/u.test(stem)) return ending;
  return null;
}

/** How sure the Latin-only reading of a garbled stem must be when its stem holds more than letters. */
const LATIN_STEM_CONF = 40;
/** A stem of letters only ("PMIS", "e-Nothi", "iBAS++"): taken however unsure the reading, whose confidence the
 * forced guess at the Bangla ending drags to 0 ("System-4" at 0, "e-Nothi-Co" at 0 on the development pages). */
const LETTER_STEM = /^[A-Za-z][A-Za-z+]*(?:[-.][A-Za-z][A-Za-z+]*)*$/u;

/**
 * The English name from the Latin-only reading of such a word ("Meet-a" → "Meet", "Google" "Meet-a" → "Google
 * Meet"): letters and figures to the last hyphen of its last word, what follows being the forced guess at the
 * Bangla ending; words before it only of letters. Null when no such form, fewer than two letters, or unsure.
 */
export function latinStem(words: readonly OcrWord[]): { text: string; conf: number } | null {
  const ws = words.filter((w) => w.text.trim());
  if (ws.length === 0) return null;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*?[A-Za-z0-9+])-[^-]{0,3}$/u.exec(ws.at(-1)!.text.trim());
  const before = ws.slice(0, -1).map((w) => w.text.trim());
  if (!m || !before.every((t) => /^[A-Za-z][A-Za-z+]+$/u.test(t))) return null;
  const conf = Math.min(...ws.map((w) => w.conf));
  if ((m[1]!.match(/[A-Za-z]/gu) ?? []).length < 2 || (conf < LATIN_STEM_CONF && !LETTER_STEM.test(m[1]!))) return null;
  return { text: [...before, m[1]!].join(' '), conf };
}

/**
 * Ink of a cell the first reading left unread: a blob at least as wide as it is tall that no word's box covers a
 * fifth of ("Microsoft Teams এ" read "এ": the English name left out). English the Bangla
 * restriction cannot read is sometimes dropped rather than garbled; such a cell gets the second reading too.
 */
export function unreadInk(blobs: readonly Box[], words: readonly OcrWord[]): boolean {
  return blobs.some((b) => {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (w < h || w < 8) return false;
    const covered = words.reduce((a, x) => {
      const oy = Math.min(b.y1, x.bbox.y1) - Math.max(b.y0, x.bbox.y0);
      return oy > 0 ? a + Math.max(0, Math.min(b.x1, x.bbox.x1) - Math.max(b.x0, x.bbox.x0)) : a;
    }, 0);
    return covered < 0.2 * w;
  });
}
