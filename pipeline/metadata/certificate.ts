/**
 * Fields of a certificate (প্রত্যয়নপত্র): the indicator it certifies ("[৫.১.১]" → "5.1.1"), the statement
 * ("এই মর্মে প্রত্যয়ন করা যাচ্ছে যে, …") and who signed it.
 */
import { layoutPage } from './blocks.js';
import { signatory, type Signatory } from './letter.js';
import { findCodes } from './norm.js';

export interface CertificateFields {
  indicatorCode: string | null;
  statement: string | null;
  signer: Signatory | null;
}

/** The indicator code a text names ("[৪.১.২]", "সূচক [৫.১.২]", "৫.১.১ অনুযায়ী" → "4.1.2"); bracketed ones first. */
export function indicatorCodeIn(text: string): string | null {
  const codes = findCodes(text, { level: 3 });
  return (codes.find((c) => c.bracketed) ?? codes[0])?.code ?? null;
}

export function extractCertificateFields(rawLines: readonly string[]): CertificateFields {
  const layout = layoutPage(rawLines);
  const { lines } = layout;
  const start = lines.findIndex((l) => /এই\s*মর্মে/u.test(l) || /প্রত্যয়ন\s*করা\s*(যাচ্ছে|যাইতেছে)/u.test(l));
  // The code printed above the statement (title line) wins; else the first code inside the statement.
  const titleZone = lines.slice(0, start >= 0 ? start : Math.min(lines.length, 12)).filter((l) => !l.includes('\t') && !/www|http|@/u.test(l));
  let indicatorCode: string | null = null;
  for (const l of titleZone) {
    indicatorCode = indicatorCodeIn(l);
    if (indicatorCode) break;
  }
  let statement: string | null = null;
  if (start >= 0) {
    const parts: string[] = [];
    for (let i = start; i < lines.length; i++) {
      const l = lines[i]!;
      if (i > start && (l.includes('\t') || /^\s*এ\s*সংক্রান্ত/u.test(l) || layout.kinds[i] === 'signature')) break;
      parts.push(l.trim());
      if (i > start + 12) break;
    }
    statement = parts.join(' ').replace(/\s+/g, ' ').trim() || null;
    indicatorCode ??= statement ? indicatorCodeIn(statement) : null;
  }
  const sig = layout.signatures.find((s) => s.start > start) ?? layout.signatures[0] ?? null;
  return { indicatorCode, statement, signer: sig ? signatory(sig) : null };
}
