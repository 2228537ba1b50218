/**
 * The serial column (ক্র.নং) of an Annex 5 table counts its activities: ০১, ০২, … (an activity of two indicator
 * rows repeats its serial or spans both rows). A serial OCR garbled between two that read right is the one
 * they leave a gap for ("০১", "০১২।", "০৩" → ০২; "০৬.", "০৫.", "০৮." → ০৭); a first or last serial with one
 * digit too many ("০২১." before "০২.") is the one its neighbour implies when dropping that digit gives it.
 * The printed style (leading zero, the full stop or danda after it) is kept.
 */
import { toAsciiDigits, toBanglaDigits } from '../normalise/index.js';

interface Serial {
  row: number;
  digits: string;
  suffix: string;
  n: number;
}

const SERIAL = /^([০-৯]{1,3})([.।)]?)$/u;

function readSerial(text: string, row: number): Serial | null {
  const m = SERIAL.exec(text.trim());
  return m ? { row, digits: m[1]!, suffix: m[2]!, n: Number(toAsciiDigits(m[1]!)) } : null;
}

/** Is `want` what `got` reads with one digit dropped? ("০২১" → "০১") */
function oneDigitMore(got: string, want: string): boolean {
  const g = [...got];
  return g.length === [...want].length + 1 && g.some((_, i) => g.slice(0, i).concat(g.slice(i + 1)).join('') === want);
}

function print(n: number, like: Serial): string {
  return toBanglaDigits(n).padStart([...like.digits].length, '০');
}

/** Repairs the serials of column `col` from row `from` down, in place. */
export function repairSerials(grid: string[][], col: number, from: number): void {
  // one entry per printed cell: a serial spanning rows repeats its text in each row it covers
  const cells: Serial[] = [];
  for (let r = from; r < grid.length; r++) {
    const t = grid[r]?.[col] ?? '';
    if (!t.trim() || (r > from && t === grid[r - 1]?.[col])) continue;
    const s = readSerial(t, r);
    cells.push(s ?? { row: r, digits: '', suffix: '', n: NaN });
  }
  cells.forEach((s, i) => {
    const prev = cells[i - 1];
    const next = cells[i + 1];
    let want: number | null = null;
    let like: Serial | undefined;
    if (prev && next && Number.isFinite(prev.n) && next.n === prev.n + 2 && s.n !== prev.n + 1) {
      want = prev.n + 1;
      like = prev;
    } else if (!prev && next && Number.isFinite(next.n) && s.n !== next.n - 1 && next.n > 1) {
      const cand = print(next.n - 1, next);
      if (oneDigitMore(s.digits, cand)) [want, like] = [next.n - 1, next];
    } else if (prev && !next && Number.isFinite(prev.n) && s.n !== prev.n + 1 && s.n !== prev.n) {
      const cand = print(prev.n + 1, prev);
      if (oneDigitMore(s.digits, cand)) [want, like] = [prev.n + 1, prev];
    }
    if (want === null || !like) return;
    const text = `${print(want, like)}${s.suffix || (s.digits ? '' : like.suffix)}`;
    const old = grid[s.row]![col]!;
    // every row the garbled cell covers
    for (let r = s.row; r < grid.length && grid[r]![col] === old; r++) grid[r]![col] = text;
  });
}
