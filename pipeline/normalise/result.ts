import type { CellValue, NormResult, ValueKind } from '../../models/value.js';

/**
 * How much each repair lowers confidence. Multiplicative, applied once per occurrence, so two repaired
 * digits cost more than one. Formatting the writer chose (two-digit years, "খ্রি:" suffixes) is no repair.
 */
export const PENALTY = {
  'mixed-digits': 0.9,
  'repaired-digit': 0.85,
  'repaired-letter': 0.85,
  'repaired-percent': 0.85,
  'repaired-separator': 0.9,
  'joined-digits': 0.95,
  'dropped-stray-marks': 0.8,
  'decimal-comma': 0.9,
  'decimal-middot': 0.95,
  'fuzzy-month': 0.85,
  'fuzzy-ordinal': 0.8,
  'fuzzy-not-applicable': 0.9,
  'fuzzy-unit': 0.9,
  'mixed-separators': 0.95,
  'code-spaces': 0.97,
  'code-comma': 0.9,
  'memo-repaired-ministry': 0.8,
  'memo-partial': 0.7,
  'inferred-year': 0.7,
  'words-disagree': 0.6,
  'period-conflict': 0.5,
  'fiscal-year-conflict': 0.5,
  'dates-disagree': 0.5,
  'calendar-rule-mismatch': 0.8,
  'multiple-fiscal-years': 0.7,
} as const satisfies Record<string, number>;

/** Confidence given to a value we could not interpret: the text is kept faithfully, its meaning is unknown. */
export const UNPARSED_CONFIDENCE = 0.3;
/** Confidence of a value rejected as impossible (31 April, month 13): the text is kept, nothing is guessed. */
export const IMPOSSIBLE_CONFIDENCE = 0.1;

/** Collects flags and the confidence they cost while a parser works on one input. */
export class Trace {
  readonly flags: string[] = [];
  confidence = 1;

  /** Record a flag; `times` repeats the penalty (e.g. one per repaired digit). */
  note(flag: string, times = 1): this {
    if (!this.flags.includes(flag)) this.flags.push(flag);
    const factor = (PENALTY as Record<string, number>)[flag] ?? 1;
    for (let i = 0; i < times; i++) this.confidence *= factor;
    return this;
  }

  /** Take over what another trace recorded (a sub-parser's repairs). */
  absorb(other: { flags: readonly string[]; confidence: number }): this {
    for (const f of other.flags) if (!this.flags.includes(f)) this.flags.push(f);
    this.confidence *= other.confidence;
    return this;
  }

  capConfidence(max: number): this {
    this.confidence = Math.min(this.confidence, max);
    return this;
  }

  result<V extends CellValue>(raw: string, value: V, kind?: ValueKind): NormResult<V> {
    const out: NormResult<V> = { raw, value, confidence: round(this.confidence), flags: [...this.flags] };
    if (kind !== undefined) out.kind = kind;
    return out;
  }
}

function round(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.max(0, Math.min(1, Math.round(x * 1000) / 1000));
}

/** Inputs may arrive as anything from untyped callers (JSON, CLI); make them a string without throwing. */
export function rawString(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  try {
    return JSON.stringify(raw) ?? '';
  } catch {
    return '';
  }
}

/** Cell parsers refuse inputs longer than this quickly: no table cell is this long, and it bounds the work. */
export const MAX_VALUE_LENGTH = 400;
