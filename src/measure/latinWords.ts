/**
 * What `npm run measure -- latin` counts (pure, tested in test/latin-measure.test.ts): the Latin words and the
 * ASCII digit runs of a text, and how many of a truth's survive in a reading, as multisets.
 */

/**
 * Latin words: runs of ASCII letters, digits and the marks inside addresses and names (iBAS++, e-Nothi,
 * https://www.grs.gov.bd, uco@gmail.com) holding at least one letter; brackets and sentence marks around them
 * are not part of the word. Bangla never is: "e-Nothi-তে" gives "e-Nothi".
 */
export function latinWords(text: string): string[] {
  const out: string[] = [];
  // a curly apostrophe is the straight one typed otherwise ("Supplier’s")
  for (const m of text.normalize('NFC').replace(/[‘’]/gu, "'").matchAll(/[A-Za-z0-9][A-Za-z0-9+@._/:&'-]*/gu)) {
    const w = m[0].replace(/[.,:;'/-]+$/u, '');
    if (/[A-Za-z]/u.test(w)) out.push(w);
  }
  return out;
}

/** ASCII digit runs ("01712", "345678", "47", "61", "2024"); Bangla digits are not ASCII figures. */
export function digitRuns(text: string): string[] {
  return [...text.matchAll(/[0-9]+/gu)].map((m) => m[0]);
}

/** How many of the truth's items the reading holds, each reading item used once. */
export function bagRecall(truth: string[], read: string[]): { found: number; total: number } {
  const have = new Map<string, number>();
  for (const w of read) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of truth) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return { found, total: truth.length };
}

/** Running totals of several recalls. */
export class Tally {
  found = 0;
  total = 0;
  add(r: { found: number; total: number }): void {
    this.found += r.found;
    this.total += r.total;
  }
  get recall(): number {
    return this.total ? this.found / this.total : 1;
  }
  toString(): string {
    return `${(100 * this.recall).toFixed(1)}% (${this.found}/${this.total})`;
  }
}
