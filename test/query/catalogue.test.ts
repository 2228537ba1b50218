import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../models/catalogue.js';
import { catalogueEntryById, catalogueEntryFor, loadCatalogueLinks } from '../../models/catalogue-links.js';
import { LINK_THRESHOLD, membershipSignature, proposeLinks, wordingSimilarity } from '../../src/query/linkCatalogue.js';
import { UnknownNameError, parseFiscalYears, splitNames } from '../../src/query/resolve.js';

describe('cross-year indicator catalogue', () => {
  const links = loadCatalogueLinks();

  it('the committed, reviewed links are still what the linker proposes (a catalogue change needs a new review)', () => {
    expect(membershipSignature(proposeLinks(CATALOGUE))).toEqual(membershipSignature(links));
    expect(links.method.threshold).toBe(LINK_THRESHOLD);
  });

  it('puts every catalogued code in exactly one entry, of its own unit, at most once per year', () => {
    for (const [fy, cat] of Object.entries(CATALOGUE)) {
      for (const ind of cat.indicators) {
        const entries = links.entries.filter((e) => e.members.some((m) => m.fiscalYear === fy && m.code === ind.code));
        expect(entries, `${fy} ${ind.code}`).toHaveLength(1);
        expect(entries[0]!.unit).toBe(ind.unit);
        expect(entries[0]!.members.find((m) => m.fiscalYear === fy)!.indicator).toBe(ind.indicator);
      }
    }
    for (const e of links.entries) expect(new Set(e.members.map((m) => m.fiscalYear)).size).toBe(e.members.length);
    expect(new Set(links.entries.map((e) => e.id)).size).toBe(links.entries.length);
    expect(links.entries.flatMap((e) => e.members)).toHaveLength(Object.values(CATALOGUE).reduce((n, c) => n + c.indicators.length, 0));
  });

  it('lists the codes no other year has', () => {
    expect(links.unlinked.sort()).toEqual(
      links.entries
        .filter((e) => e.members.length === 1)
        .map((e) => `${e.members[0]!.fiscalYear} ${e.members[0]!.code}`)
        .sort(),
    );
    expect(links.unlinked.length).toBeGreaterThan(0);
  });

  it('links e-file notes across three codes and keeps different activities apart', () => {
    const e = catalogueEntryById('efile-notes')!;
    expect(e.members.map((m) => `${m.fiscalYear} ${m.code}`)).toEqual(['2022-23 2.1.1', '2023-24 4.1.1', '2024-25 4.1.2']);
    expect(catalogueEntryFor('2024-25', '4.1.2')?.id).toBe('efile-notes');
    // the same code in 2024-25 is another indicator (the e-file list, a date)
    expect(catalogueEntryFor('2024-25', '4.1.1')?.id).not.toBe('efile-notes');
    expect(catalogueEntryFor('2019-20', '4.1.1')).toBeNull();
    expect(catalogueEntryById('no-such-entry')).toBeNull();
  });

  it('scores wording by shared words, so reordering costs little and unrelated wording scores low', () => {
    const a = '[১.১.১] একটি উদ্ভাবনী ধারণা/সেবা সহজিকরণ/ডিজিটাইজেশন বাস্তবায়িত';
    expect(wordingSimilarity(a, a)).toBe(1);
    expect(wordingSimilarity(a, 'সেবা/অফিস ব্যবস্থাপনা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত')).toBeGreaterThanOrEqual(LINK_THRESHOLD);
    expect(wordingSimilarity(a, 'ই-ফাইলে নোট নিষ্পত্তিকৃত')).toBeLessThan(0.2);
    // the printed code is not part of the wording
    expect(wordingSimilarity('[২.১.১] ই-ফাইলে নোট নিষ্পত্তিকৃত', '[৪.১.২] ই-ফাইলে নোট নিষ্পত্তিকৃত')).toBe(1);
  });

  it('a raised threshold leaves more codes unlinked, never fewer', () => {
    const strict = proposeLinks(CATALOGUE, { threshold: 0.9 });
    expect(strict.unlinked.length).toBeGreaterThan(links.unlinked.length);
    expect(proposeLinks(CATALOGUE, { threshold: 0 }).unlinked.length).toBeLessThanOrEqual(links.unlinked.length);
  });
});

describe('query arguments', () => {
  it('reads fiscal years in either script, as lists and ranges', () => {
    expect(parseFiscalYears('2022-23')).toEqual(['2022-23']);
    expect(parseFiscalYears('২০২৩-২৪')).toEqual(['2023-24']);
    expect(parseFiscalYears('2022-2023')).toEqual(['2022-23']);
    expect(parseFiscalYears('2024-25, 2022-23')).toEqual(['2022-23', '2024-25']);
    expect(parseFiscalYears('2022-23..2024-25')).toEqual(['2022-23', '2023-24', '2024-25']);
    expect(() => parseFiscalYears('last year')).toThrow(UnknownNameError);
    expect(() => parseFiscalYears('2024-25..2022-23')).toThrow(/backwards/);
    expect(() => parseFiscalYears(' , ')).toThrow(/no fiscal year/);
  });

  it('splits several office names on ";" only, since office names contain commas', () => {
    expect(splitNames('উপজেলা সমবায় কার্যালয়, ডুমুরিয়া, খুলনা; Barisal')).toEqual(['উপজেলা সমবায় কার্যালয়, ডুমুরিয়া, খুলনা', 'Barisal']);
    expect(splitNames('Khulna, Barisal', /[;,]/)).toEqual(['Khulna', 'Barisal']);
  });
});
