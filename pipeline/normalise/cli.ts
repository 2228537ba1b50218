/** The `normalise` command of the CLI: how staff see why a cell was read the way it was. */
import type { NormResult } from '../../models/value.js';
import { parseCellValue } from './cellValue.js';
import { parseCode } from './codes.js';
import { parseDate } from './dates.js';
import { parseMemoNumber } from './memo.js';
import { parseFiscalYear, parsePeriod } from './periods.js';
import { rawString, Trace } from './result.js';

export const CLI_KINDS = ['value', 'date', 'period', 'code', 'memo', 'fiscalYear'] as const;
export type CliKind = (typeof CLI_KINDS)[number];

/**
 * One JSON-ready object per input: {raw, value, confidence, flags} with value in the export's format
 * (value: number/ISO date/{count, date}/null/{notApplicable}/text; date: ISO; period: {fiscalYear, quarter};
 * code: "1.1.2"). An unknown kind gives a flagged result, not an exception.
 */
export function normaliseForCli(kind: CliKind, text: string): NormResult {
  const pick = ({ raw, value, confidence, flags }: NormResult): NormResult => ({ raw, value, confidence, flags });
  switch (kind) {
    case 'value':
      return pick(parseCellValue(text));
    case 'date':
      return pick(parseDate(text));
    case 'period':
      return pick(parsePeriod(text));
    case 'code':
      return pick(parseCode(text));
    case 'memo':
      return pick(parseMemoNumber(text));
    case 'fiscalYear':
      return pick(parseFiscalYear(text));
    default: {
      const raw = rawString(text);
      return pick(new Trace().note('unknown-kind').note('unparsed').capConfidence(0).result(raw, raw));
    }
  }
}
