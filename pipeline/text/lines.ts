/**
 * Joining a narrow cell's visual lines back into its logical text. A renderer (or a typist's word
 * processor) breaks lines wherever the cell is full, also inside a word or a date: "ক্রমি|ক নং",
 * "কর্মসম্পাদ|ন সূচকের", "১৪/০৩/২০২|৪", "সহজিকরণ/|ডিজিটাইজেশনের", "অক্টোবর-|ডিসেম্বর". Such breaks are joined without a space;
 * every other break becomes a space.
 */
const COMBINING = /^[\u0981-\u0983\u09BC\u09BE-\u09C4\u09C7\u09C8\u09CB-\u09CD\u09D7\u09E2\u09E3\u200C\u200D]/u;
const CONSONANT = /[\u0995-\u09B9\u09DC-\u09DF\u09CE]/u;
const DIGIT = /[0-9০-৯]/u;

function breaksInsideWord(prev: string, next: string): boolean {
  if (!prev || !next) return false;
  const last = prev.at(-1)!;
  const first = next[0]!;
  if (COMBINING.test(next)) return true; // a vowel sign or hasanta cannot start a word
  if (last === '\u09CD') return true; // a hasanta at the end: the conjunct continues on the next line
  if (last === '/') return true;
  // a compound broken at its hyphen ("অক্টোবর-|ডিসেম্বর", "ই-|ফাইলে"); a spaced dash ("আলোচনা -") is not one
  if (last === '-' && /[\u0980-\u09FF]-$/u.test(prev) && /^[\u0980-\u09FF]/u.test(next)) return true;
  if ((DIGIT.test(last) || last === '/' || last === '.' || last === '-') && DIGIT.test(first) && /[/.\-]/.test(prev + next)) {
    // "১৪/০৩/২০২" + "৪": the date or number goes on; plain "১" then "২" in a list is not joined
    return /[0-9০-৯][/.\-][0-9০-৯]/.test(prev) || /[/.\-]$/.test(prev);
  }
  // a lone consonant (+ signs) before the first space: the tail of the previous line's word
  const head = next.split(/\s/)[0]!;
  const letters = head.replace(/[\u0981-\u0983\u09BC\u09BE-\u09CD\u09D7]/gu, '');
  return letters.length === 1 && CONSONANT.test(letters) && /[\u0980-\u09FF]$/u.test(prev);
}

/** Visual lines → logical text. */
export function joinVisualLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    out = out ? (breaksInsideWord(out, line) ? out + line : `${out} ${line}`) : line;
  }
  return out;
}
