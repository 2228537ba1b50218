import { fuzzyIncludes } from '../normalise/index.js';

/**
 * What documents that are none of the submission's kinds print: a FAQ's question/answer table, a budget
 * table's economic codes and estimates, the Bangladesh Gazette's masthead, a circular's title and distribution
 * list. Evidence for section `other` (they name what the page looks like; the page's subtype stays `unknown`).
 */
interface UnrelatedCue {
  kind: string;
  /** every phrase must occur (in the zone) */
  phrases: string[];
  weight: number;
  /** header: a table's header row; head: the page's first lines; line: a title line of its own; start: a line
   * beginning with it (a list's label); any: anywhere */
  zone: 'header' | 'head' | 'line' | 'start' | 'any';
}

const CUES: UnrelatedCue[] = [
  { kind: 'FAQ table', phrases: ['প্রশ্ন', 'উত্তর'], weight: 5, zone: 'header' },
  { kind: 'FAQ', phrases: ['জিজ্ঞাসিত প্রশ্ন'], weight: 3, zone: 'head' },
  { kind: 'budget table', phrases: ['অর্থনৈতিক কোড'], weight: 4, zone: 'header' },
  { kind: 'budget table', phrases: ['বাজেট', 'প্রাক্কলন'], weight: 3, zone: 'header' },
  { kind: 'budget', phrases: ['হাজার টাকায়'], weight: 2, zone: 'any' },
  { kind: 'Gazette', phrases: ['বাংলাদেশ গেজেট'], weight: 5, zone: 'head' },
  { kind: 'Gazette', phrases: ['অতিরিক্ত সংখ্যা'], weight: 2, zone: 'head' },
  { kind: 'Gazette', phrases: ['কর্তৃপক্ষ কর্তৃক প্রকাশিত'], weight: 2, zone: 'head' },
  { kind: 'Gazette', phrases: ['রাষ্ট্রপতির আদেশক্রমে'], weight: 2, zone: 'any' },
  { kind: 'circular', phrases: ['পরিপত্র'], weight: 3, zone: 'line' },
  { kind: 'notification', phrases: ['প্রজ্ঞাপন'], weight: 2, zone: 'line' },
  { kind: 'circular', phrases: ['সার্কুলার'], weight: 3, zone: 'head' },
  { kind: 'distribution list', phrases: ['বিতরণ'], weight: 1.5, zone: 'start' },
];

export interface UnrelatedEvidence {
  score: number;
  evidence: string[];
}

export function unrelatedEvidence(input: { lines: string[]; headLines: string[]; all: string; headers: string[] }): UnrelatedEvidence {
  let score = 0;
  const evidence: string[] = [];
  const has = (text: string, phrase: string) => fuzzyIncludes(text, phrase, phrase.length <= 6 ? 1 : 0.8);
  for (const cue of CUES) {
    const first = cue.phrases[0]!;
    const texts =
      cue.zone === 'header'
        ? input.headers
        : cue.zone === 'head'
          ? [input.headLines.join('\n')]
          : cue.zone === 'any'
            ? [input.all]
            : cue.zone === 'line'
              ? input.headLines.filter((l) => l.trim().length <= first.length + 6)
              : input.lines.map((l) => l.trim().slice(0, first.length + 2));
    if (!texts.some((t) => cue.phrases.every((p) => has(t, p)))) continue;
    score += cue.weight;
    evidence.push(`other +${cue.weight}: ${cue.kind} (${cue.phrases.join(' … ')})`);
  }
  return { score, evidence };
}
