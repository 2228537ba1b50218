/**
 * Aligned plain-text table for the terminal. Width is counted in base characters: Bangla vowel signs,
 * virama and nukta are combining marks that terminals draw over the letter before them, so counting
 * code points would push every Bangla column out of line.
 */
import type { Cell, ResultTable } from './table.js';

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200D\u2060\uFEFF]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) if (!ZERO_WIDTH.test(ch)) w++;
  return w;
}

/** Cut to at most `max` columns, ending in "…"; marks stay with their letter. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = ZERO_WIDTH.test(ch) ? 0 : 1;
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function cellText(c: Cell): string {
  if (c == null) return '-';
  return String(c).replace(/\s*\n\s*/g, ' ');
}

/** Header, a rule, the rows, then the notes; empty tables say so instead of printing a bare header. */
export function formatTextTable(t: ResultTable): string {
  const texts = t.rows.map((r) => r.map((c, i) => {
    const s = cellText(c);
    const max = t.columns[i]?.maxWidth;
    return max ? truncate(s, max) : s;
  }));
  const widths = t.columns.map((col, i) => Math.max(displayWidth(col.header), ...texts.map((r) => displayWidth(r[i] ?? ''))));
  // a column of numbers reads best right-aligned, whether or not it was declared numeric
  const right = t.columns.map((col, i) => col.numeric === true || (t.rows.length > 0 && t.rows.every((r) => r[i] == null || typeof r[i] === 'number')));
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => pad(s, widths[i] ?? 0, right[i] === true))
      .join('  ')
      .trimEnd();
  const out = [line(t.columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  ')];
  if (texts.length === 0) out.push('(no rows)');
  for (const r of texts) out.push(line(r));
  for (const n of t.notes ?? []) out.push(n);
  return out.join('\n') + '\n';
}
