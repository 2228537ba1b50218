/**
 * Proposes which codes of different fiscal years are the same indicator, from the wording alone.
 * Codes and order change every year (e-file notes are [২.১.১] in 2022-23, [৪.১.১] in 2023-24, [৪.১.২] in
 * 2024-25) and wordings are edited ("তথ্য বাতায়নের সকল সেবা বক্স হালনাগাদকৃত" → "তথ্য বাতায়ন হালনাগাদকৃত"),
 * so neither codes nor exact text can link them. The proposal is reviewed and committed as
 * models/catalogue-links.json; queries read only the committed file.
 */
import type { CatalogueIndicator, FiscalYearCatalogue } from '../../models/catalogue.js';
import type { CatalogueEntry, CatalogueLinks } from '../../models/catalogue-links.js';
import { comparisonKey, keySimilarity } from '../../pipeline/normalise/index.js';

/**
 * Links below this wording similarity are not proposed. Measured on the three catalogued years: the true
 * links score 0.667–1; wrong pairs reach 0.75 only where both sides have a better partner (তথ্য বাতায়ন
 * 5.1.1 vs 5.1.2), which the one-code-per-year rule settles; unrelated indicators stay ≤ 0.55.
 */
export const LINK_THRESHOLD = 0.6;
/** Two words count as the same word from this similarity on (হালনাগাদকৃত / হালনাগাদকরণ do not, 0.73). */
const WORD_THRESHOLD = 0.75;

function words(text: string): string[] {
  // the printed code "[১.১.১]" is not part of the wording
  return text
    .replace(/^\s*\[[^\]]*\]\s*/u, '')
    .split(/[\s/(),;:।-]+/u)
    .map(comparisonKey)
    .filter((w) => w.length > 0);
}

/**
 * Dice coefficient over words, a word matching its most similar unused counterpart: word order changes
 * between years ("একটি উদ্ভাবনী ধারণা … বাস্তবায়িত" vs "… ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত"),
 * which character edit distance punishes and a bag of words does not.
 */
export function wordingSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length + wb.length === 0) return 1;
  const used = new Set<number>();
  let matched = 0;
  for (const w of wa) {
    let best = -1;
    let bestScore = 0;
    wb.forEach((u, j) => {
      if (used.has(j)) return;
      const s = keySimilarity(w, u);
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    });
    if (best >= 0 && bestScore >= WORD_THRESHOLD) {
      matched++;
      used.add(best);
    }
  }
  return (2 * matched) / (wa.length + wb.length);
}

interface Draft {
  unit: CatalogueIndicator['unit'];
  members: { fiscalYear: string; code: string; indicator: string; score: number | null }[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Link the catalogue's years oldest first: each year's indicators join the existing entry they resemble
 * most (same unit, similarity ≥ threshold against any member, one code per year per entry, best pairs
 * first), or start an entry of their own. Entries get provisional ids `entry-N`; `keepIds` maps a
 * previous, reviewed set of entries onto the proposal so their ids and labels carry over.
 */
export function proposeLinks(
  catalogue: Readonly<Record<string, FiscalYearCatalogue>>,
  opts: { threshold?: number; keep?: CatalogueLinks } = {},
): CatalogueLinks {
  const threshold = opts.threshold ?? LINK_THRESHOLD;
  const drafts: Draft[] = [];
  for (const fy of Object.keys(catalogue).sort()) {
    const inds = catalogue[fy]!.indicators;
    const pairs: { ind: number; entry: number; score: number }[] = [];
    inds.forEach((ind, k) => {
      drafts.forEach((d, e) => {
        if (d.unit !== ind.unit) return;
        const score = Math.max(...d.members.map((m) => wordingSimilarity(ind.indicator, m.indicator)));
        if (score >= threshold) pairs.push({ ind: k, entry: e, score });
      });
    });
    pairs.sort((a, b) => b.score - a.score || a.ind - b.ind || a.entry - b.entry);
    const placed = new Set<number>();
    const taken = new Set<number>();
    for (const p of pairs) {
      if (placed.has(p.ind) || taken.has(p.entry)) continue;
      const ind = inds[p.ind]!;
      drafts[p.entry]!.members.push({ fiscalYear: fy, code: ind.code, indicator: ind.indicator, score: round3(p.score) });
      placed.add(p.ind);
      taken.add(p.entry);
    }
    inds.forEach((ind, k) => {
      if (!placed.has(k)) drafts.push({ unit: ind.unit, members: [{ fiscalYear: fy, code: ind.code, indicator: ind.indicator, score: null }] });
    });
  }

  const memberKey = (m: { fiscalYear: string; code: string }): string => `${m.fiscalYear} ${m.code}`;
  const entries: CatalogueEntry[] = drafts.map((d, n) => {
    const prev = opts.keep?.entries.find((e) => e.members.some((m) => d.members.some((x) => memberKey(x) === memberKey(m))));
    return { id: prev?.id ?? `entry-${n + 1}`, label: prev?.label ?? d.members[0]!.indicator, unit: d.unit, members: d.members };
  });
  return {
    about: opts.keep?.about ?? 'Indicator catalogue across fiscal years (see models/catalogue-links.ts).',
    method: {
      similarity: 'Dice coefficient over the words of the indicator wording (comparison keys, a word matching its most similar counterpart at ≥ 0.75); same unit; one code per year per entry',
      threshold,
    },
    review: opts.keep?.review ?? 'not reviewed',
    entries,
    unlinked: entries.filter((e) => e.members.length === 1).map((e) => memberKey(e.members[0]!)),
  };
}

/** Memberships only, order-free: what a review must confirm when the catalogue changes. */
export function membershipSignature(links: CatalogueLinks): string[] {
  return links.entries.map((e) => e.members.map((m) => `${m.fiscalYear} ${m.code}`).sort().join(' + ')).sort();
}
