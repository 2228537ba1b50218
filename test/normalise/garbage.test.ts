import { describe, expect, it } from 'vitest';
import { NormResultSchema } from '../../models/value.js';
import * as N from '../../pipeline/normalise/index.js';

/** Deterministic noise: a linear congruential generator over a mixed alphabet (Bangla, Latin, digits, symbols, controls). */
function noise(length: number, seed: number): string {
  const alphabet = 'অআকখগ্রোৌ়্ািীুূৃংঃঁ০১২৩৪৫৬৭৮৯0123456789abcxyzXYZ.,;:/\\-–—%()[]{}|।\n\t \u200C\u200D\uFEFF\u09DF😀\u0000\uFFFD';
  const chars = [...alphabet];
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += chars[x % chars.length];
  }
  return out;
}

const INPUTS: Array<[string, unknown]> = [
  ['empty', ''],
  ['spaces', '   \n\t '],
  ['10 kB of noise', noise(10_000, 1)],
  ['10 kB of other noise', noise(10_000, 7)],
  ['mixed scripts', 'উপজেলা Samabay 2023 ১৫/০১/২৩ ঢাকা東京 Привет ٪٣'],
  ['lone surrogate', '\uD800১২'],
  ['only punctuation', '.,;:/-–—%'],
  ['number', 42],
  ['null', null],
  ['object', { a: 1 }],
];

type Call = [string, (x: unknown) => unknown];
const CALLS: Call[] = [
  ['parseCellValue', (x) => N.parseCellValue(x)],
  ['parseCellValue date', (x) => N.parseCellValue(x, 'date')],
  ['parseCellValue percent', (x) => N.parseCellValue(x, 'percent')],
  ['parseCellValue unit', (x) => N.parseCellValue(x, 'unit')],
  ['parseNumber', (x) => N.parseNumber(x, { repair: true })],
  ['parseDate', (x) => N.parseDate(x, { repair: true })],
  ['parseBanglaCalendarDate', (x) => N.parseBanglaCalendarDate(x)],
  ['parseFiscalYear', (x) => N.parseFiscalYear(x)],
  ['parsePeriod', (x) => N.parsePeriod(x)],
  ['parseCode', (x) => N.parseCode(x)],
  ['parseMemoNumber', (x) => N.parseMemoNumber(x)],
  ['parseLetterDates', (x) => N.parseLetterDates(x as string)],
  ['normaliseForCli', (x) => N.normaliseForCli('value', x as string)],
];

describe('garbage in, flagged result out', () => {
  for (const [name, input] of INPUTS) {
    it(`${name}: every parser returns a NormResult without throwing`, () => {
      for (const [fn, call] of CALLS) {
        let r: unknown;
        expect(() => (r = call(input)), fn).not.toThrow();
        const parsed = NormResultSchema.safeParse(r);
        expect(parsed.success, `${fn}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        const res = r as N.DateResult;
        expect(typeof res.raw, fn).toBe('string');
        // Garbage is never a clean, confident value: it is null (blank) or carries a flag.
        if (name !== 'number') expect(res.value === null || res.flags.length > 0, `${fn} → ${JSON.stringify(res.value).slice(0, 80)}`).toBe(true);
      }
    });
  }

  it('text helpers are total too', () => {
    for (const [, input] of INPUTS) {
      const s = typeof input === 'string' ? input : String(input);
      expect(() => N.canonicalText(s)).not.toThrow();
      expect(() => N.comparisonKey(s)).not.toThrow();
      expect(N.similarity(s, 'সমবায়')).toBeGreaterThanOrEqual(0);
      expect(typeof N.fuzzyIncludes(s, 'সংযোজনী ৫')).toBe('boolean');
      expect(Array.isArray(N.findDates(s))).toBe(true);
      expect(Array.isArray(N.findCodes(s))).toBe(true);
    }
    expect(N.canonicalText(undefined as never)).toBe('');
    expect(N.gregorianToBangla(undefined as never)).toBeNull();
    expect(N.banglaToGregorian(null as never)).toBeNull();
    expect(N.formatDate('x', 'dd/mm/yyyy')).toBeNull();
  });

  it('stays fast on long noisy input (bounded work)', () => {
    const big = noise(10_000, 3);
    const start = performance.now();
    for (const [, call] of CALLS) call(big);
    N.fuzzyIncludes(big, 'ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা');
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
