/** Word/number/punctuation tokens of canonical text with ASCII digits, for phrase-level parsers. */

export interface Token {
  type: 'num' | 'word' | 'punct';
  text: string;
  /** offset in the scanned string */
  start: number;
  /** whitespace separates it from the previous token */
  spaced: boolean;
}

const TOKEN_RE = /(\d+)|([\p{L}\p{M}\u200D]+)|(\S)/gu;

export function tokenize(asciiText: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of asciiText.matchAll(TOKEN_RE)) {
    const start = m.index;
    out.push({
      type: m[1] !== undefined ? 'num' : m[2] !== undefined ? 'word' : 'punct',
      text: m[0],
      start,
      spaced: start > prevEnd,
    });
    prevEnd = start + m[0].length;
  }
  return out;
}
