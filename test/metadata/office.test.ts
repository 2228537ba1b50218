import { describe, expect, it } from 'vitest';
import { combineOfficeReadings, findOffice, officeLevelIn, readGeocode, readOffice } from '../../pipeline/metadata/office.js';

describe('officeLevelIn: the office type an OCR line names', () => {
  it.each([
    ['উপজেলা সমবায় কার্যালয়', 'upazila'],
    ['জেলা সমবায় অফিসার', 'district'],
    ['বিভাগীয় সমবায় কার্যালয়', 'division'],
    ['যুগ্ম-নিবন্ধক', 'division'],
    // 001_7d9e1e7956252ea9.txt: OCR lost the উ of উপজেলা
    ['পজেলা সমবায় অফিসার', 'upazila'],
    // 002_a936c211a1bf4ba3.txt letterhead
    ['উপজেলা সমবায় অফিসার কার্যালয়', 'upazila'],
  ])('%s → %s', (text, level) => {
    expect(officeLevelIn(text)?.level).toBe(level);
  });

  it('prose without an office type gives null', () => {
    expect(officeLevelIn('সভায় উপস্থিত সকলকে ধন্যবাদ')).toBeNull();
  });
});

describe('readOffice', () => {
  it('letterhead of 000_7ddc650de93b464f.txt: upazila আটোয়ারী in পঞ্চগড়, রংপুর division', () => {
    const r = readOffice(['গণপ্রজাতন্ত্রী বাংলাদেশ সরকার  ', 'উপজেলা সমবায় কার্যালয়  ', 'আটোয়ারী, পঞ্চগড়।  ', 'www.cooperative.atwari.panchagarh.gov.bd'], 'letterhead');
    expect(r).toMatchObject({ level: 'upazila', upazila: 'আটোয়ারী', district: 'পঞ্চগড়', division: 'রংপুর', codes: { district: '77', upazila: '04' } });
    expect(r!.confidence).toBeGreaterThan(0.9);
  });

  it('Annex 5 office line of 001_7d9e1e7956252ea9.txt: "উপজেলা সমবায় কার্যালয়, পঞ্চগড় সদর, পঞ্চগড়,"', () => {
    const r = readOffice('উপজেলা সমবায় কার্যালয়, পঞ্চগড় সদর, পঞ্চগড়,', 'annex_office_line');
    expect(r).toMatchObject({ level: 'upazila', upazila: 'পঞ্চগড় সদর', district: 'পঞ্চগড়' });
  });

  it('a district office (003_f13950d16016f2f9.txt): "জেলা সমবায় কার্যালয়\\nকক্সবাজার"', () => {
    const r = readOffice('গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nজেলা সমবায় কার্যালয়\nকক্সবাজার', 'letterhead');
    expect(r).toMatchObject({ level: 'district', district: 'কক্সবাজার', division: 'চট্টগ্রাম', upazila: null });
  });

  it('a division office (004_c20b99b83d327ae3.txt): রংপুর is the division, not the district', () => {
    const r = readOffice(['বিভাগীয় সমবায় কার্যালয়', 'বিভাগীয় সদর দপ্তর, ৭ম তলা', 'উত্তর ইউনিট, উত্তম, রংপুর-৫৪০০।'], 'letterhead');
    expect(r).toMatchObject({ level: 'division', division: 'রংপুর', district: null, codes: { division: '55' } });
  });

  it('an upazila name shared by two districts, with no district named, is read with low confidence and no district', () => {
    const r = readOffice('ফুলবাড়ী উপজেলার', 'title');
    expect(r?.upazila).toBe('ফুলবাড়ী');
    expect(r?.district).toBeNull();
    expect(r!.confidence).toBeLessThan(0.5);
  });

  it('a designation without a place still tells the level', () => {
    expect(readOffice('বিভাগীয় যুগ্ম-নিবন্ধক', 'signature')).toMatchObject({ level: 'division', division: null });
    expect(readOffice('সভায় উপস্থিত সকলকে ধন্যবাদ', 'body')).toBeNull();
  });
});

describe('readGeocode', () => {
  it('reads a real geocode, ignores the HQ code 0000 and reports unknown ones', () => {
    expect(readGeocode({ district: '77', upazila: '04' }).reading).toMatchObject({ level: 'upazila', upazila: 'আটোয়ারী' });
    expect(readGeocode({ district: '00', upazila: '00' })).toEqual({ reading: null, unknown: null });
    expect(readGeocode({ district: '99', upazila: '67' })).toEqual({ reading: null, unknown: '9967' });
  });
});

describe('findOffice: letterhead, signature and memo geocode together', () => {
  const letterhead = ['উপজেলা সমবায় কার্যালয়', 'আটোয়ারী, পঞ্চগড়।'];
  const signature = ['উপজেলা সমবায় অফিসার', 'আটোয়ারী, পঞ্চগড়।'];

  it('three agreeing sources give the office with high confidence and no disagreements', () => {
    const f = findOffice({ letterhead, signature, memoGeocode: { district: '77', upazila: '04' } });
    expect(f).toMatchObject({
      level: 'upazila',
      division: 'রংপুর',
      district: 'পঞ্চগড়',
      upazila: 'আটোয়ারী',
      name: 'উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়',
    });
    expect(f.disagreements).toEqual([]);
    expect(f.confidence).toBeGreaterThan(0.9);
  });

  it('a memo geocode naming another office is flagged and lowers the confidence', () => {
    const agreeing = findOffice({ letterhead, signature, memoGeocode: { district: '77', upazila: '04' } });
    // ৩৮৫৮ is কালাই, জয়পুরহাট (002_a936c211a1bf4ba3.txt)
    const f = findOffice({ letterhead, signature, memoGeocode: { district: '38', upazila: '58' } });
    expect(f.upazila).toBe('আটোয়ারী');
    expect(f.disagreements).toHaveLength(1);
    expect(f.disagreements[0]).toMatchObject({ source: 'memo_geocode', kind: 'office' });
    expect(f.disagreements[0]!.found).toContain('কালাই');
    expect(f.confidence).toBeLessThan(agreeing.confidence);
  });

  it('a geocode that names no unit is listed as unknown', () => {
    const f = findOffice({ letterhead, memoGeocode: { district: '32', upazila: '77' } });
    expect(f.disagreements).toEqual([expect.objectContaining({ kind: 'unknown_geocode', found: 'geocode 3277' })]);
  });

  it('letterhead and signature naming different offices: both are kept, one is flagged, confidence is not high', () => {
    const f = findOffice({ letterhead, signature: ['উপজেলা সমবায় অফিসার', 'কালাই, জয়পুরহাট।'] });
    expect(f.disagreements).toHaveLength(1);
    expect(f.confidence).toBeLessThan(0.6);
  });

  it('no evidence at all: every field null, confidence 0', () => {
    expect(findOffice({})).toMatchObject({ level: null, name: null, upazila: null, confidence: 0 });
  });

  it('one source alone is less sure than the same reading corroborated', () => {
    const one = combineOfficeReadings([readOffice(letterhead, 'letterhead')!]);
    const two = combineOfficeReadings([readOffice(letterhead, 'letterhead')!, readOffice(signature, 'signature')!]);
    expect(one.upazila).toBe('আটোয়ারী');
    expect(one.confidence).toBeLessThan(two.confidence);
  });
});

describe('findOffice accepts the memo geocode as printed', () => {
  it('a whole memo number or its four geocode digits', () => {
    const letterhead = ['উপজেলা সমবায় কার্যালয়', 'আটোয়ারী, পঞ্চগড়।'];
    // 000_7ddc650de93b464f.txt
    const whole = findOffice({ letterhead, memoGeocode: '৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৪১' });
    const digits = findOffice({ letterhead, memoGeocode: '৭৭০৪' });
    for (const f of [whole, digits]) {
      expect(f.support.map((r) => r.source)).toEqual(['letterhead', 'memo_geocode']);
      expect(f.disagreements).toEqual([]);
    }
  });
});
