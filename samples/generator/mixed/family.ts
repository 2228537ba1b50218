/**
 * The generator's mixed-script family (`generate.ts --family mixed`, the default for seeds starting "mixed-"):
 * submissions whose pages carry English as real offices write it (mixed/documents.ts), for measuring how Latin
 * words, addresses and ASCII figures survive the table and text stages (`npm run measure -- latin`). Built by the
 * second family's builder (other/family.ts), so the first two families render unchanged.
 */
import { FONTS, type FontId } from '../fonts.js';
import { DISTRICT_OFFICES, UPAZILA_OFFICES } from '../offices.js';
import { Rng } from '../prng.js';
import type { Tier } from '../scan.js';
import type { FiscalYear } from '../catalogue.js';
import type { FamilyPlan } from '../other/family.js';

const FYS: FiscalYear[] = ['2022-23', '2023-24', '2024-25'];

/** Four PDFs of mixed-script pages, every choice drawn from the seed. */
export function mixedPlans(seed: string): FamilyPlan[] {
  const rng = new Rng(`${seed}:family-mixed`);
  const fonts = Object.keys(FONTS) as FontId[];
  const plan = (id: string, tier: Tier, dpi: number, parts: FamilyPlan['parts']): FamilyPlan => {
    const font = rng.pick(fonts);
    const fy = rng.pick(FYS);
    const office = rng.pick(rng.chance(0.3) ? DISTRICT_OFFICES : UPAZILA_OFFICES);
    const format = fy === '2022-23' ? 'A' : fy === '2023-24' ? 'C' : 'D';
    return {
      id,
      seed: `${seed}:${id}`,
      tier,
      dpi,
      font,
      family: 'mixed',
      submission: { id, seed: `${seed}:${id}`, tier, dpi, font, office, fy, quarter: rng.pick([1, 2, 3, 4] as const), format, annexFontSize: 8.5, sections: [] },
      parts,
    };
  };
  const rows = () => rng.int(6, 9);
  return [
    plan('mix_001', 'clean', 300, [{ kind: 'apa', section: { kind: 'cover_letter' } }, { kind: 'mixed', page: 'activity', rows: rows() }, { kind: 'mixed', page: 'contact', rows: rng.int(4, 6) }]),
    plan('mix_002', 'typical', 250, [{ kind: 'mixed', page: 'english', rows: rows() }, { kind: 'mixed', page: 'activity', rows: rows() }]),
    plan('mix_003', 'typical', 200, [{ kind: 'mixed', page: 'contact', rows: rng.int(4, 6) }, { kind: 'mixed', page: 'english', rows: rows() }, { kind: 'mixed', page: 'activity', rows: rows() }]),
    plan('mix_004', 'hard', 200, [{ kind: 'mixed', page: 'activity', rows: rows() }, { kind: 'mixed', page: 'english', rows: rows() }]),
  ];
}
