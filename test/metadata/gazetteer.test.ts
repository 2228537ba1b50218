import { describe, expect, it } from 'vitest';
import { GazetteerSchema, loadGazetteer } from '../../models/gazetteer.js';
import { findPlacesInText, lookupGeocode, resolvePlace } from '../../pipeline/metadata/gazetteer.js';

const top = (text: string, level?: 'division' | 'district' | 'upazila') => resolvePlace(text, level ? { level } : {})[0];

describe('gazetteer data', () => {
  const g = loadGazetteer();

  it('has the 8 divisions, 64 districts and 495 upazilas of Bangladesh', () => {
    expect(GazetteerSchema.safeParse(g).success).toBe(true);
    expect(g.divisions).toHaveLength(8);
    expect(g.districts).toHaveLength(64);
    expect(g.upazilas).toHaveLength(495);
    expect(g.counts).toEqual({ divisions: 8, districts: 64, upazilas: 495 });
  });

  it('names its sources and licences', () => {
    expect(g.sources.map((s) => s.licence).sort()).toEqual(['CC-BY-4.0', 'MIT']);
    expect(g.sources.every((s) => s.url.startsWith('https://github.com/'))).toBe(true);
    // the MIT licence asks for its notice to travel with the data
    expect(g.sources.find((s) => s.licence === 'MIT')?.notice).toContain('Copyright (c) 2014 Nuhil Mehdy');
  });

  it('uses the BBS division codes and unique district codes, upazila codes unique within a district', () => {
    expect(g.divisions.map((d) => d.code).sort()).toEqual(['10', '20', '30', '40', '45', '50', '55', '60']);
    expect(new Set(g.districts.map((d) => d.code)).size).toBe(64);
    expect(new Set(g.upazilas.map((u) => `${u.parent}/${u.code}`)).size).toBe(495);
    const divisionCodes = new Set(g.divisions.map((d) => d.code));
    const districtCodes = new Set(g.districts.map((d) => d.code));
    expect(g.districts.every((d) => divisionCodes.has(d.parent ?? ''))).toBe(true);
    expect(g.upazilas.every((u) => districtCodes.has(u.parent ?? ''))).toBe(true);
  });

  it('stores names in NFC', () => {
    for (const e of [...g.divisions, ...g.districts, ...g.upazilas]) expect(e.bn).toBe(e.bn.normalize('NFC'));
  });
});

describe('lookupGeocode: the BBS geocode in memo numbers', () => {
  it('memo ৪৭.৬১.৭৭০৪.… (000_7ddc650de93b464f.txt) is district 77 পঞ্চগড় + upazila 04 আটোয়ারী', () => {
    const p = lookupGeocode('৭৭', '০৪');
    expect(p?.level).toBe('upazila');
    expect(p?.bn).toBe('আটোয়ারী');
    expect(p?.district?.bn).toBe('পঞ্চগড়');
    expect(p?.division.bn).toBe('রংপুর');
  });

  it('memo ৪৭.৬১.৩৮৫৮.… (002_a936c211a1bf4ba3.txt, কালাই, জয়পুরহাট) is district 38 + upazila 58', () => {
    const p = lookupGeocode('38', '58');
    expect(p?.bn).toBe('কালাই');
    expect(p?.district?.bn).toBe('জয়পুরহাট');
    expect(p?.division.bn).toBe('রাজশাহী');
  });

  it('upazila 00 or none is the district itself', () => {
    expect(lookupGeocode('22', '00')).toMatchObject({ level: 'district', bn: 'কক্সবাজার' });
    expect(lookupGeocode(22)).toMatchObject({ level: 'district', bn: 'কক্সবাজার' });
  });

  it('codes that name no unit give null', () => {
    expect(lookupGeocode('99', '67')).toBeNull();
    expect(lookupGeocode('77', '99')).toBeNull();
    expect(lookupGeocode('00', '00')).toBeNull();
  });
});

describe('resolvePlace: Bangla and English names, variants and OCR noise', () => {
  it.each([
    ['চট্রগ্রাম', 'চট্টগ্রাম'],
    ['চট্টগ্রাম', 'চট্টগ্রাম'],
    ['Chittagong', 'চট্টগ্রাম'],
    ['Barisal', 'বরিশাল'],
    ['Barishal', 'বরিশাল'],
    ['বরিশাল', 'বরিশাল'],
    ['কক্স বাজার', 'কক্সবাজার'],
    ["Cox's Bazar", 'কক্সবাজার'],
    ['Comilla', 'কুমিল্লা'],
    ['Jessore', 'যশোর'],
    // without the nukta (OCR drops it) and with the precomposed code point U+09DC
    ['পঞ্চগড', 'পঞ্চগড়'],
    ['পঞ্চগ\u09DC', 'পঞ্চগড়'],
  ])('%s → %s', (text, bn) => {
    const m = top(text, 'district');
    expect(m?.place.bn).toBe(bn);
    expect(m?.score).toBe(1);
  });

  it('OCR-misread names match fuzzily with a lower score: "কক্সাবাজার" (003_f13950d16016f2f9.txt), "পঞ্জগড়" (001_7d9e1e7956252ea9.txt)', () => {
    const a = top('কক্সাবাজার');
    expect(a?.place.bn).toBe('কক্সবাজার');
    expect(a!.score).toBeLessThan(1);
    expect(a!.score).toBeGreaterThanOrEqual(0.8);
    expect(top('পঞ্জগড়')?.place.bn).toBe('পঞ্চগড়');
  });

  it('a division and its namesake district both match; the level option picks one', () => {
    const all = resolvePlace('রংপুর');
    expect(all.map((m) => m.place.level).sort()).toEqual(['district', 'division']);
    expect(top('রংপুর', 'division')?.place.code).toBe('55');
    expect(top('রংপুর', 'district')?.place.code).toBe('85');
  });

  it('an upazila name shared by two districts returns both', () => {
    const m = resolvePlace('ফুলবাড়ী', { level: 'upazila' });
    expect(m.map((x) => x.place.district?.bn).sort()).toEqual(['কুড়িগ্রাম', 'দিনাজপুর']);
  });

  it('a renamed upazila is found under its old name', () => {
    expect(top('জিয়ানগর')?.place.bn).toBe('ইন্দুরকানী');
  });

  it('text that is no place gives nothing', () => {
    expect(resolvePlace('কর্মপরিকল্পনা')).toEqual([]);
    expect(resolvePlace('')).toEqual([]);
  });
});

describe('findPlacesInText', () => {
  it('"উপজেলা সমবায় কার্যালয়, পঞ্চগড় সদর, পঞ্চগড়," (001_7d9e1e7956252ea9.txt): the two-word upazila wins over the district name inside it', () => {
    const found = findPlacesInText('উপজেলা সমবায় কার্যালয়, পঞ্চগড় সদর, পঞ্চগড়,');
    expect(found.map((f) => f.text)).toEqual(['পঞ্চগড় সদর', 'পঞ্চগড়']);
    expect(found[0]!.matches[0]!.place.level).toBe('upazila');
  });

  it('a postcode and a floor number are no part of a name: "উত্তর ইউনিট, উত্তম, রংপুর-৫৪০০।" (004_c20b99b83d327ae3.txt)', () => {
    const found = findPlacesInText('বিভাগীয় সদর দপ্তর, ৭ম তলা\nউত্তর ইউনিট, উত্তম, রংপুর-৫৪০০।');
    expect(found.map((f) => f.text)).toEqual(['রংপুর']);
  });
});
