/**
 * Bangla text, number and date normalisation — every value the product stores passes through here.
 * Pure functions, no I/O, total: any input (empty, 10 kB of noise, non-strings from untyped callers)
 * returns a flagged result instead of throwing. Parsers return the NormResult shape of models/value.ts,
 * `{raw, value, confidence, flags, kind}`: `raw` is the input unchanged, `value` is in the export's value
 * format, `confidence` (0–1) drops with every repair (see PENALTY in result.ts), `flags` name each repair or
 * doubt ('mixed-digits', 'repaired-digit', 'joined-digits', 'decimal-comma', 'fuzzy-month', 'bangla-calendar',
 * 'impossible-date', 'no-year', 'period-conflict', 'memo-partial', 'unparsed', …). What cannot be read
 * stays canonical text flagged 'unparsed' (confidence ≤ 0.3); an impossible date is flagged
 * 'impossible-date' (≤ 0.1); nothing is silently guessed.
 *
 * Digits (digits.ts, the project's one digit map)
 *   toAsciiDigits(s) / toBanglaDigits(s | n) / isBanglaDigit(ch)
 * Text (text.ts, fuzzy.ts)
 *   canonicalText(s, {singleLine?}): string      NFC (য় ড় ঢ় as letter + nukta U+09BC), ত্‍→ৎ, ZWJ/ZWNJ dropped
 *                                                 except র‍্য, stray spaces before signs removed, | → ।
 *   comparisonKey(s): string                      canonical, folded (ী/ি ূ/ু ণ/ন ষ/শ/স, nukta and ঁ dropped),
 *                                                 letters and digits only — for fuzzy label/office matching
 *   similarity(a, b): number                      1 − Levenshtein/longer length over comparison keys
 *   fuzzyIncludes(haystack, needle, threshold = 0.8): boolean; fuzzySearch(h, n): {score, keyEnd} | null
 * Numbers and cells (numbers.ts, cellValue.ts)
 *   parseNumber(raw, {repair?, allowUnitSuffix?, allowFraction?, allowWords?})  → number, kind number|percent|count
 *   parseCellValue(raw, hint: 'auto'|'date'|'percent'|'count'|'number'|'text'|'unit' = 'auto')
 *       → number | ISO date | {count, date} | null | {notApplicable: true} | text (flagged 'unparsed')
 *       OCR repairs only for numeric hints; 'unit' maps তারিখ/%/সংখ্যা → 'date'|'percent'|'count'
 *   parseUnit(raw)
 * Dates (dates.ts, banglaCalendar.ts, letterDates.ts)
 *   parseDate(raw, {repair?, referenceDate?}) → ISO; also `bangla` when printed in the Bangla calendar
 *   parseBanglaCalendarDate(raw) → ISO Gregorian + `bangla` {year, month, day}
 *   gregorianToBangla(iso | {year, month, day}, {rules?}) → BanglaDate | null
 *   banglaToGregorian({year, month, day}, {rules?}) → ISO | null      (2019 rules from 1426 BS, 1987 before)
 *   parseLetterDates(lines | first, second?) → value ISO + {gregorian, bangla, agree}
 *   findDates(text) → every date in running text; formatDate(iso, style), DATE_STYLES
 * Periods (periods.ts)
 *   parseFiscalYear(raw) → "2022-23";  findFiscalYears(text); fiscalYearOf(iso); quarterOf(iso)
 *   parsePeriod(raw, {fiscalYear?}) → {fiscalYear, quarter: 1|2|3|4|'H1'|'annual'|null} (+ top-level parts)
 * Codes (codes.ts, memo.ts)
 *   parseCode(raw, {level?}) → "1.1.2" (+ level, rest); findCodes(text, {level?})
 *   parseMemoNumber(raw) → "47.61.7704.000.05.003.22-156" + parts {ministry, department, ministryCode,
 *       geocode {code, district, upazila, level}, office, subject, file, fileCode, year, serial}
 * CLI (cli.ts)
 *   normaliseForCli(kind: 'value'|'date'|'period'|'code'|'memo'|'fiscalYear', text) → {raw, value, confidence, flags}
 */
export * from './digits.js';
export { canonicalText, comparisonKey, escapeRegExp, type CanonicalOptions } from './text.js';
export { similarity, fuzzyIncludes, fuzzySearch, keySimilarity, type FuzzyHit } from './fuzzy.js';
export { parseNumber, type NumberOptions } from './numbers.js';
export { parseNumberWords } from './numberWords.js';
export { parseCellValue, parseUnit, repairedCellText, type CellContext } from './cellValue.js';
export {
  parseDate,
  parseBanglaCalendarDate,
  findDates,
  formatDate,
  banglaOrdinalSuffix,
  DATE_STYLES,
  type DateOptions,
  type DateResult,
  type DateStyle,
  type FoundDate,
} from './dates.js';
export {
  gregorianToBangla,
  banglaToGregorian,
  banglaMonthLengths,
  isValidBanglaDate,
  formatBanglaDate,
  rulesFor,
  REVISION_2019_FROM_YEAR,
  type BanglaDateResult,
  type CalendarOptions,
  type CalendarRules,
} from './banglaCalendar.js';
export { parseLetterDates, type LetterDatesResult, type PrintedBanglaDate } from './letterDates.js';
export {
  parseFiscalYear,
  parsePeriod,
  findFiscalYears,
  fiscalYearOf,
  quarterOf,
  formatFiscalYear,
  type FoundFiscalYear,
  type PeriodOptions,
  type PeriodResult,
} from './periods.js';
export { parseCode, findCodes, type CodeOptions, type CodeResult } from './codes.js';
export { parseMemoNumber, type MemoResult } from './memo.js';
export { lookupMonth, BANGLA_MONTHS, GREGORIAN_MONTHS_BN, ENGLISH_MONTHS, type MonthMatch } from './months.js';
export { normaliseForCli, CLI_KINDS, type CliKind } from './cli.js';
export { PENALTY, UNPARSED_CONFIDENCE, IMPOSSIBLE_CONFIDENCE } from './result.js';
