import { describe, expect, it } from 'vitest';
import { classifyTableRole } from '../../pipeline/annex5/index.js';
import { buildTable } from './build.js';
import { tableA, tableB, tableC, tableD } from './layouts.js';

describe('classifyTableRole', () => {
  it('recognises every Annex 5 layout', () => {
    for (const t of [tableA(), tableB(), tableC(), tableD()]) expect(classifyTableRole(t).role).toBe('annex5');
  });

  it('recognises a header-less Annex 5 continuation by its codes and units', () => {
    const t = buildTable([
      ['০৬', '[৬.১] স্মার্ট বাংলাদেশ বিনির্মাণে কর্মশালা আয়োজন', '[৬.১.১] স্মার্ট বাংলাদেশ বিনির্মাণ বিষয়ক কর্মশালা/সভা/সেমিনার আয়োজিত', 'সংখ্যা', '৫', '২', '-', '১', '১', '৫০%'],
    ]);
    expect(classifyTableRole(t)).toMatchObject({ role: 'annex5', confidence: 0.5 });
    // the same text without a code and a unit value is not enough
    const prose = buildTable([['০৪।', 'কর্মপরিকল্পনার [৪.১] ই-নথির ব্যবহার বৃদ্ধি সংক্রান্ত বিষয়ে আলোচনা', 'সিদ্ধান্ত গৃহীত হয়।']]);
    expect(classifyTableRole(prose).role).not.toBe('annex5');
  });

  it('tells the attendance sheet (signature column) from the committee list', () => {
    // seed 000: ক্র. নং | নাম, পদবী ও কর্মস্থল | উপস্থিতির স্বাক্ষর
    const attendance = buildTable([
      ['ক্র. নং', 'নাম, পদবী ও কর্মস্থল', 'উপস্থিতির স্বাক্ষর'],
      ['১.', 'জনাব মো: ফারুক হোসেন উপজেলা সমবায় অফিসার', ''],
    ]);
    expect(classifyTableRole(attendance).role).toBe('attendance');
    // seed 004: ক্রমিক নং | নাম ও পদবী | কমিটিতে পদবী | স্বাক্ষর
    const signed = buildTable([['ক্রমিক নং', 'নাম ও পদবী', 'কমিটিতে পদবী', 'স্বাক্ষর']]);
    expect(classifyTableRole(signed).role).toBe('attendance');
    // seed 002: ক্রমিকনং | কর্মকর্তা/কর্মচারীদের নাম ও পদবী | কমিটিতে পদবী
    const committee = buildTable([
      ['ক্রমিকনং', 'কর্মকর্তা/কর্মচারীদের নাম ও পদবী', 'কমিটিতে পদবী'],
      ['০১', 'উপজেলা সমবায় অফিসার কালাই, জয়পুরহাট।', 'সভাপতি'],
    ]);
    expect(classifyTableRole(committee).role).toBe('committee');
  });

  it('recognises the decisions table of the minutes', () => {
    // seed 000: ক্র. নং | আলোচনার বিষয় ও আলোচনা | সিদ্ধান্ত | বাস্তবায়নকারী কর্মকর্তা/ কর্মচারী
    const t = buildTable([['ক্র. নং', 'আলোচনার বিষয় ও আলোচনা', 'সিদ্ধান্ত', 'বাস্তবায়নকারী কর্মকর্তা/ কর্মচারী']]);
    expect(classifyTableRole(t).role).toBe('decisions');
  });

  it('tells the website-update summary from the certificate’s menu table', () => {
    // seed 002: ক্র : নং | মেন্যু/সেবা বক্সের নাম | হালনাগাদের বিষয়বস্তু | সর্বশেষ হালনাগাদের তারিখ | মন্তব্য + numbered row
    const website = buildTable([
      ['ক্র : নং', 'মেন্যু/সেবা বক্সের নাম', 'হালনাগাদের বিষয়বস্তু', 'সর্বশেষ হালনাগাদের তারিখ', 'মন্তব্য'],
      ['১.', '২.', '৩.', '৪.', '৫.'],
    ]);
    expect(classifyTableRole(website).role).toBe('website');
    // seed 001: ক্রঃ নং | মেনু/ সেবা বক্সের নাম | হালনাগাদের বিষয়বস্তু | সর্বশেষ হালনাগাদের তারিখ, inside a প্রত্যয়নপত্র
    const menu = buildTable([['ক্রঃ নং', 'মেনু/ সেবা বক্সের নাম', 'হালনাগাদের বিষয়বস্তু', 'সর্বশেষ হালনাগাদের তারিখ']]);
    expect(classifyTableRole(menu).role).toBe('menu_updates');
    expect(classifyTableRole(menu, { pageText: 'উপজেলা সমবায় কার্যালয় এর ওয়েবসাইট হালনাগাদের সামারী সমূহঃ' }).role).toBe('website');
    expect(classifyTableRole(website, { pageText: '“তথ্য বাতায়ন হালনাগাদকরণ” সংক্রান্ত প্রত্যয়নপত্র' }).role).toBe('menu_updates');
  });

  it('recognises the innovation database', () => {
    // seed 001: ক্রঃ নং | বাস্তবায়িত উভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/ আইডিয়ার নাম | … | সেবার লিংক | মন্তব্য
    const t = buildTable([
      ['ক্রঃ নং', 'বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/ আইডিয়ার নাম', 'সেবা/ আইডিয়ার সংক্ষিপ্ত বিবরণ', 'সেবা/ আইডিয়াটি কার্যকর আছে কি-না', 'সেবা গ্রহীতা প্রত্যাশিত ফলাফল পাছে কিনা', 'সেবার লিংক', 'মন্তব্য'],
    ]);
    expect(classifyTableRole(t).role).toBe('innovation_db');
  });

  it('says unknown for a table it has no words for', () => {
    // seed 002's TCV comparison table
    const t = buildTable([
      ['', 'বিদ্যমান পদ্ধতি', 'প্রস্তাবিত পদ্ধতি'],
      ['সময়(দিন/ঘন্টা)', '০৬দিন', '০২দিন'],
      ['খরচ', '৩০০', '০'],
    ]);
    expect(classifyTableRole(t).role).toBe('unknown');
  });
});
