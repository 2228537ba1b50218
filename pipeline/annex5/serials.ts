/**
 * The serial column (ক্র.নং) of an Annex 5 table counts its rows' activities: ০১, ০২, … (an activity of two
 * indicator rows repeats its serial or spans both rows). When most serials agree with one count, a serial OCR
 * garbled is the count's number at its place:
 *  - with one digit too many ("০২১." for ০১., "০১৮" for ০১।: the danda read as ৮);
 *  - unreadable (marks, a letter for a digit) next to a serial that agrees;
 *  - misread outright ("০৫." for ০৭., "০১;" for ০২।) only between two that agree, since a printed count may skip.
 * The printed style is kept: its zero padding, and the mark after it (the table's usual mark where OCR turned a
 * danda into ";", "!", ":" or a digit).
 */
import { toAsciiDigits, toBanglaDigits } from '../normalise/index.js';
import { countingOffset, mostCommon } from './counting.js';

interface Serial {
  row: number;
  text: string;
  digits: string;
  mark: string;
  n: number;
}

const SERIAL = /^([০-৯]{1,3})\s*([.।)!;:|]?)$/u;
/** Marks a danda after a serial is misread as. */
const MISREAD_DANDA = new Set(['!', ';', ':', '|', ')']);

function readSerial(text: string, row: number): Serial {
  const m = SERIAL.exec(text.trim());
  return m ? { row, text, digits: m[1]!, mark: m[2]!, n: Number(toAsciiDigits(m[1]!)) } : { row, text, digits: '', mark: '', n: NaN };
}

/** Is `want` what `got` reads with one digit dropped? ("০২১" → "০১") */
function oneDigitMore(got: string, want: string): boolean {
  const g = [...got];
  return g.length === [...want].length + 1 && g.some((_, i) => g.slice(0, i).concat(g.slice(i + 1)).join('') === want);
}

/** Repairs the serials of column `col` from row `from` down, in place. */
export function repairSerials(grid: string[][], col: number, from: number): void {
  // one entry per printed cell: a serial spanning rows repeats its text in each row it covers
  const cells: Serial[] = [];
  for (let r = from; r < grid.length; r++) {
    const t = grid[r]?.[col] ?? '';
    if (!t.trim() || (r > from && t === grid[r - 1]?.[col])) continue;
    cells.push(readSerial(t, r));
  }
  const off = countingOffset(cells.map((s) => (Number.isFinite(s.n) ? s.n : null)));
  if (!off || off.count < 2 || off.count * 2 <= cells.length) return;
  const expected = (i: number) => i + off.value;
  const agrees = (i: number) => cells[i] !== undefined && cells[i]!.n === expected(i);
  const usual = cells.filter((_, i) => agrees(i));
  const width = mostCommon(usual.map((s) => [...s.digits].length))!.value;
  const mark = mostCommon(usual.map((s) => s.mark))!.value;
  const print = (n: number) => toBanglaDigits(n).padStart(width, '০');

  for (let changed = true; changed; ) {
    changed = false;
    cells.forEach((s, i) => {
      if (agrees(i) || expected(i) < 1) return;
      const want = print(expected(i));
      const beside = agrees(i - 1) || agrees(i + 1);
      const between = agrees(i - 1) && agrees(i + 1);
      // unreadable marks, or a letter or two a digit was taken for ("ত" for ৩) — never a word such as মোট
      const t = [...s.text.trim()];
      const shortJunk = !s.digits && (t.length <= 2 || (t.length <= 4 && !/[\u0985-\u09B9]/u.test(s.text)));
      if (!(between || oneDigitMore(s.digits, want) || (beside && shortJunk))) return;
      const text = `${want}${s.mark && !MISREAD_DANDA.has(s.mark) ? s.mark : mark}`;
      for (let r = s.row; r < grid.length && grid[r]![col] === s.text; r++) grid[r]![col] = text;
      cells[i] = { ...s, text, digits: want, n: expected(i) };
      changed = true;
    });
  }
  // a serial read right whose danda came out as another mark
  if (mark === '।') {
    for (const s of cells) {
      if (!MISREAD_DANDA.has(s.mark) || !Number.isFinite(s.n)) continue;
      const text = `${s.digits}${mark}`;
      for (let r = s.row; r < grid.length && grid[r]![col] === s.text; r++) grid[r]![col] = text;
    }
  }
}
