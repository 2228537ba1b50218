/**
 * Line breaking as an office word processor does it: greedy, at spaces and after "/" (and after "-" between
 * letters); a word wider than the line is cut between aksaras (never inside a conjunct or before a vowel sign).
 */
export type Measure = (s: string) => number;

/** Dependent vowel signs, virama, nukta, anusvara/visarga/chandrabindu, au length mark; ZWJ/ZWNJ. */
function isMark(cp: number): boolean {
  return (
    (cp >= 0x0981 && cp <= 0x0983) ||
    cp === 0x09bc ||
    (cp >= 0x09be && cp <= 0x09cd) ||
    cp === 0x09d7 ||
    cp === 0x09e2 ||
    cp === 0x09e3 ||
    cp === 0x09fe ||
    cp === 0x200c ||
    cp === 0x200d
  );
}

/** May a line (or an arc of seal text) be cut before index i of s? */
export function isAksaraBoundary(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return true;
  const cp = s.charCodeAt(i);
  const prev = s.charCodeAt(i - 1);
  if (isMark(cp)) return false;
  if (prev === 0x09cd || prev === 0x200d) return false;
  return true;
}

/** s split into aksara-sized clusters (for cutting words and for drawing text along an arc). */
export function aksaras(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (cur && isAksaraBoundary(s, i)) {
      out.push(cur);
      cur = '';
    }
    cur += s[i];
  }
  if (cur) out.push(cur);
  return out;
}

const isLetter = (ch: string | undefined) => !!ch && /[\u0980-\u09FFA-Za-z]/.test(ch) && !/[০-৯]/.test(ch);

/** Pieces that end at a break opportunity; a trailing space belongs to its piece. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    cur += ch;
    const next = text[i + 1];
    const breakAfter = ch === ' ' ? next !== ' ' : ch === '/' ? next !== undefined && next !== ' ' : ch === '-' && isLetter(text[i - 1]) && isLetter(next);
    if (breakAfter) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

function cutWord(word: string, width: number, measure: Measure): string[] {
  const parts = aksaras(word);
  const lines: string[] = [];
  let cur = '';
  for (const a of parts) {
    if (cur && measure(cur + a) > width) {
      lines.push(cur);
      cur = a;
    } else cur += a;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Visual lines of one paragraph (no "\n" inside). `firstWidth` lets a first-line indent shorten line one. */
export function wrapParagraph(text: string, width: number, measure: Measure, firstWidth = width): string[] {
  const lines: string[] = [];
  let line = '';
  const w = () => (lines.length === 0 ? firstWidth : width);
  for (const piece of pieces(text)) {
    const cand = line + piece;
    if (measure(cand.trimEnd()) <= w()) {
      line = cand;
      continue;
    }
    if (line.trim()) {
      lines.push(line.trimEnd());
      line = '';
    }
    const bare = piece.trimEnd();
    if (measure(bare) <= w()) {
      line = piece;
      continue;
    }
    const cut = cutWord(bare, w(), measure);
    for (let k = 0; k < cut.length - 1; k++) lines.push(cut[k]!);
    line = cut[cut.length - 1]! + piece.slice(bare.length);
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Visual lines of a text with explicit "\n" breaks. */
export function wrapText(text: string, width: number, measure: Measure, firstWidth = width): string[] {
  const out: string[] = [];
  text.split('\n').forEach((para, i) => out.push(...wrapParagraph(para, width, measure, i === 0 ? firstWidth : width)));
  return out;
}
