/**
 * The committed sample set: three submissions that between them show every tier, three fonts (and a fourth
 * on two pages), Annex formats A, C and D, portrait and landscape tables, a table split over two pages,
 * rotated pages and seals. Offices are drawn from the seed.
 */
import { DISTRICT_OFFICES, UPAZILA_OFFICES } from './offices.js';
import { Rng } from './prng.js';
import type { SubmissionPlan } from './submission.js';

export const DEFAULT_SEED = 'apa-samples-v1';

export function samplePlans(seed: string = DEFAULT_SEED): SubmissionPlan[] {
  const rng = new Rng(`${seed}:plans`);
  const [u1, u2] = rng.sample(UPAZILA_OFFICES, 2).sort(() => (rng.chance(0.5) ? 1 : -1));
  const d1 = rng.pick(DISTRICT_OFFICES);
  return [
    {
      id: 'smp_001',
      seed: `${seed}:smp_001`,
      tier: 'clean',
      dpi: 300,
      font: 'noto-sans',
      office: u1!,
      fy: '2022-23',
      quarter: 4,
      format: 'A',
      sections: [{ kind: 'cover_letter' }, { kind: 'annex' }, { kind: 'certificate', indicator: '5.1.1' }],
    },
    {
      id: 'smp_002',
      seed: `${seed}:smp_002`,
      tier: 'typical',
      dpi: 200,
      font: 'hind',
      office: u2!,
      fy: '2024-25',
      quarter: 2,
      format: 'D',
      annexFontSize: 10,
      sections: [
        { kind: 'cover_page', rotation: [0] },
        { kind: 'annex', rotation: [0, 180], seals: true },
        { kind: 'innovation', wide: true, rotation: [0], seals: false },
        { kind: 'website', rotation: [0] },
      ],
    },
    {
      id: 'smp_003',
      seed: `${seed}:smp_003`,
      tier: 'hard',
      dpi: 150,
      font: 'noto-serif',
      office: d1,
      fy: '2023-24',
      quarter: 3,
      format: 'C',
      annexFontSize: 8.5,
      sections: [
        { kind: 'annex', rotation: [0], seals: true },
        { kind: 'certificate', indicator: '5.1.1', rotation: [90] },
        { kind: 'attendance', font: 'tiro', rotation: [0] },
        { kind: 'minutes_body', font: 'tiro', rotation: [0] },
      ],
    },
  ];
}
