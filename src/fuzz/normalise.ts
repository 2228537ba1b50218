/**
 * Fuzz target: every public function of pipeline/normalise (the module promises to be total: any input returns a
 * flagged result, none throws) called with arbitrary strings — ASCII, any Unicode, Bangla-heavy text made of the
 * digits, letters, signs and words the parsers look for, long noise — and arbitrary second arguments. Runs in a
 * worker thread (normaliseWorker.ts) so a hanging call is caught and its input kept.
 */
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { DATE_STYLES } from '../../pipeline/normalise/index.js';
import { count, InFlight, saveInput, type FuzzOptions, type FuzzReport } from './report.js';

const WORKER = new URL('./normaliseWorker.ts', import.meta.url);
// a worker thread does not inherit tsx's loader: it registers it itself before loading the TypeScript module
const TSX_API = import.meta.resolve('tsx/esm/api');
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`;

const BANGLA_PIECES = [
  '০', '১', '২', '৩', '৪', '৫', '৬', '৭', '৮', '৯', '0', '7', '9', '.', ',', '/', '-', '–', ':', '%', '৳', '।', '(', ')', '[', ']', ' ', '\t', '\n',
  'টি', 'টা', 'জন', 'বার', 'তারিখ', 'সংখ্যা', 'প্রযোজ্য নয়', 'নাই', '-', 'খ্রি:', 'বঙ্গাব্দ', 'জানুয়ারি', 'ফেব্রুয়ারী', 'মার্চ', 'জুলাই', 'ডিসেম্বর',
  'বৈশাখ', 'আষাঢ়', 'চৈত্র', 'পৌষ', 'অর্থবছর', 'অর্থ বছর', '২০২২-২৩', '২০২৩-২০২৪', 'ত্রৈমাসিক', '১ম', '৪র্থ', 'অর্ধবার্ষিক', 'এপ্রিল/২৩-জুন/২৩',
  'স্মারক নং', '৪৭.৬১.', '.০০০.', '২৫.০০১', 'এক', 'দুই', 'শত', 'হাজার', 'লক্ষ', 'কোটি', 'দশমিক', 'ক্ষ', 'য়', 'য়', '\u09bc', '\u200d', '\u200c', '্', 'ৎ', 'ত্‍',
  'https://', 'www.', '.gov.bd', '@', 'e-file', '1.1.1', '[৪.১.২]', '১২/০৯/২২', '১৬-০৩-২০২৩', '৩০/০২/২০২৪', '৮০%', '১০০%%', '৭,৫০০.৫০',
];

/** A mix of the generators: what OCR produces, what people type, and what nobody would. */
export const fuzzText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...BANGLA_PIECES), { maxLength: 24 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...BANGLA_PIECES), { minLength: 200, maxLength: 3000 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 500, maxLength: 10_000 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u0000', '%', '-', '.', '০', '৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯৯', '1e400', '__proto__', 'constructor') },
);

const bool = fc.option(fc.boolean(), { nil: undefined });
const isoLike = fc.oneof(fuzzText, fc.date({ min: new Date('1800-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
const ymd = fc.record({ y: fc.integer({ min: -5000, max: 5000 }), m: fc.integer({ min: -2, max: 14 }), d: fc.integer({ min: -2, max: 40 }) });
const banglaDate = fc.record({ year: fc.integer({ min: -5000, max: 5000 }), month: fc.integer({ min: -2, max: 14 }), day: fc.integer({ min: -2, max: 40 }) });
const calendarOptions = fc.record({ rules: fc.constantFrom(undefined, '1987', '2019') }, { requiredKeys: [] });
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -3000, max: 3000 }));

/**
 * Argument shapes of the normaliser's exports that take more than one text: every text parameter is arbitrary
 * text, every option valid in type with arbitrary values. A function not listed here is called with one
 * arbitrary text, so a parser added later is fuzzed without a change; one that takes no text is listed with
 * arbitrary values of its types.
 */
const SIGNATURES: Record<string, fc.Arbitrary<unknown[]>> = {
  canonicalText: fc.tuple(fuzzText, fc.record({ singleLine: bool }, { requiredKeys: [] })),
  similarity: fc.tuple(fuzzText, fuzzText),
  keySimilarity: fc.tuple(fuzzText, fuzzText),
  fuzzySearch: fc.tuple(fuzzText, fuzzText),
  fuzzyIncludes: fc.tuple(fuzzText, fuzzText, fc.option(fc.double({ min: -1, max: 2, noNaN: true }), { nil: undefined })),
  parseNumber: fc.tuple(fuzzText, fc.record({ repair: bool, allowUnitSuffix: bool, allowFraction: bool, allowWords: bool }, { requiredKeys: [] })),
  parseCellValue: fc.tuple(fuzzText, fc.constantFrom('auto', 'date', 'percent', 'count', 'number', 'text', 'unit'), fc.record({ expectYears: fc.array(fc.integer({ min: 1900, max: 2100 }), { maxLength: 3 }) }, { requiredKeys: [] })),
  repairedCellText: fc.tuple(fuzzText, fc.constantFrom('auto', 'date', 'percent', 'count', 'number', 'text', 'unit'), fc.record({ expectYears: fc.array(fc.integer({ min: 1900, max: 2100 }), { maxLength: 3 }) }, { requiredKeys: [] })),
  parseDate: fc.tuple(fuzzText, fc.record({ repair: bool, referenceDate: fc.option(isoLike, { nil: undefined }), expectYears: fc.array(fc.integer({ min: 1900, max: 2100 }), { maxLength: 3 }) }, { requiredKeys: [] })),
  parseBanglaCalendarDate: fc.tuple(fuzzText, fc.record({ repair: bool, referenceDate: fc.option(isoLike, { nil: undefined }) }, { requiredKeys: [] })),
  formatDate: fc.tuple(isoLike, fc.constantFrom(...DATE_STYLES)),
  parsePeriod: fc.tuple(fuzzText, fc.record({ fiscalYear: fc.option(fuzzText, { nil: undefined }) }, { requiredKeys: [] })),
  parseCode: fc.tuple(fuzzText, fc.record({ level: fc.constantFrom(undefined, 2, 3) }, { requiredKeys: [] })),
  findCodes: fc.tuple(fuzzText, fc.record({ level: fc.constantFrom(undefined, 2, 3) }, { requiredKeys: [] })),
  parseLetterDates: fc.oneof(fc.tuple(fuzzText, fc.option(fuzzText, { nil: undefined })), fc.tuple(fc.array(fuzzText, { maxLength: 6 }))),
  lookupMonth: fc.tuple(fuzzText, fc.record({ fuzzy: bool, calendar: fc.constantFrom(undefined, 'gregorian', 'bangla') }, { requiredKeys: [] })),
  normaliseForCli: fc.tuple(fc.constantFrom('value', 'date', 'period', 'code', 'memo', 'fiscalYear'), fuzzText),
  toBanglaDigits: fc.tuple(fc.oneof(fuzzText, anyNumber)),
  gregorianToBangla: fc.tuple(fc.oneof(isoLike, ymd), calendarOptions),
  banglaToGregorian: fc.tuple(banglaDate, calendarOptions),
  isValidBanglaDate: fc.tuple(banglaDate, calendarOptions),
  formatBanglaDate: fc.tuple(banglaDate, fc.option(fuzzText, { nil: undefined })),
  banglaMonthLengths: fc.tuple(fc.integer({ min: -5000, max: 5000 })),
  rulesFor: fc.tuple(anyNumber),
  banglaOrdinalSuffix: fc.tuple(anyNumber),
  formatFiscalYear: fc.tuple(anyNumber),
};

type Result = { outcome: 'ok' | 'threw' | 'hang'; detail?: string; ms?: number };

class WorkerRunner {
  private worker: Worker | null = null;
  private readonly inFlight = new InFlight<Result>();
  names: string[] = [];
  starts = 0;

  async start(): Promise<void> {
    this.starts++;
    const w = new Worker(BOOT, { eval: true });
    this.worker = w;
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: { ready?: boolean; names?: string[]; id?: number; outcome?: 'ok' | 'threw'; detail?: string; ms?: number }) => {
        if (m.ready) {
          this.names = m.names!;
          return resolve();
        }
        this.inFlight.answer(m.id, { outcome: m.outcome!, detail: m.detail, ms: m.ms });
      });
      w.on('error', (e) => {
        this.inFlight.fail(() => ({ outcome: 'threw', detail: `worker error: ${String(e)}` }));
        if (this.worker === w) this.worker = null;
        reject(e);
      });
    });
  }

  async run(id: number, fn: string, args: unknown[], timeoutMs: number): Promise<Result> {
    if (!this.worker) await this.start();
    const w = this.worker!;
    return this.inFlight.ask(id, () => w.postMessage({ id, fn, args }), timeoutMs, () => {
      void w.terminate();
      if (this.worker === w) this.worker = null;
      return { outcome: 'hang', detail: `${fn} gave no answer within ${timeoutMs} ms` };
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

export async function fuzzNormalise(opts: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { target: 'normalise', inputs: 0, outcomes: {}, failures: [], seconds: 0 };
  const runner = new WorkerRunner();
  const t0 = performance.now();
  await runner.start();
  const tFuzz = performance.now();
  const perFunction: Record<string, number> = {};
  let slowest = { ms: 0, fn: '' };
  let batchSeed = opts.seed;
  let id = 0;
  try {
    while (performance.now() - tFuzz < opts.seconds * 1000) {
      const fn = runner.names[batchSeed % runner.names.length]!;
      const batch = fc.sample(SIGNATURES[fn] ?? fc.tuple(fuzzText), { numRuns: 20, seed: batchSeed++ });
      for (const args of batch) {
        if (performance.now() - tFuzz >= opts.seconds * 1000) break;
        const a = await runner.run(id++, fn, args, opts.timeoutMs ?? 5000);
        report.inputs++;
        perFunction[fn] = (perFunction[fn] ?? 0) + 1;
        count(report.outcomes, a.outcome);
        if ((a.ms ?? 0) > slowest.ms) slowest = { ms: a.ms!, fn };
        if (a.outcome !== 'ok') {
          const note = `${a.outcome}: ${a.detail ?? ''}\n${fn}(${args.map((x) => JSON.stringify(x)?.slice(0, 200)).join(', ')}) (fuzz seed ${opts.seed}, input ${id - 1})`;
          report.failures.push({ kind: a.outcome, detail: `${fn}: ${(a.detail ?? '').split('\n')[0]}`, saved: saveInput('normalise', { fn, args }, note, opts.crashDir) });
        }
      }
    }
  } finally {
    await runner.close();
  }
  report.seconds = (performance.now() - t0) / 1000;
  report.outcomes.functions = runner.names.length;
  report.outcomes['functions called with one text only'] = runner.names.filter((n) => !SIGNATURES[n]).length;
  report.outcomes['fewest calls of a function'] = Math.min(...runner.names.map((n) => perFunction[n] ?? 0));
  report.outcomes[`slowest call ms (${slowest.fn})`] = Math.round(slowest.ms);
  return report;
}
