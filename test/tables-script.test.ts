import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../models/ocr.js';
import { figureColumns, garbledStem, joinAddressParts, latinColumns, latinStem, mergeReadings, needsSecondLook, unreadInk } from '../pipeline/tables/script.js';

// words as the two readings of one mosaic band give them (texts and confidences seen on generated mixed pages)
const w = (text: string, conf: number, x0: number, x1: number, y0 = 10, y1 = 40): OcrWord => ({ text, conf, bbox: { x0, y0, x1, y1 } });
const text = (ws: OcrWord[]) => [...ws].sort((a, b) => a.bbox.x0 - b.bbox.x0).map((x) => x.text).join(' ');

describe('table cells: which cells get a second, unrestricted reading', () => {
  it('English read through the Bangla restriction: junk at low confidence, marks Bangla does not print, or nothing', () => {
    expect(needsSecondLook([w('০-২০৮]', 0, 0, 90)], false)).toBe(true);
    expect(needsSecondLook([], false)).toBe(true);
    expect(needsSecondLook([w('/++', 0, 0, 40)], false)).toBe(true);
    expect(needsSecondLook([w('০-২০]-তে', 0, 0, 90), w('ডাক', 96, 100, 140)], false)).toBe(true); // e-Nothi-তে
    expect(needsSecondLook([w('চা-এ', 0, 0, 60), w('তথ্য', 96, 70, 110)], false)).toBe(true); // PMIS-এ
    expect(needsSecondLook([w('০০০', 0, 0, 30), w('০০০৭০', 70, 40, 80)], false)).toBe(true); // "Office Code" in a header
    expect(needsSecondLook([w('১০৩৩', 63, 0, 40), w('পোটালে', 91, 50, 100)], false)).toBe(true); // "NESS পোর্টালে"
  });

  it('a sure Bangla cell and a sure figure of a figure column are left alone (no extra OCR)', () => {
    expect(needsSecondLook([w('ডাক', 96, 0, 40), w('গ্রহণ', 96, 50, 100)], false)).toBe(false);
    expect(needsSecondLook([w('২০-০৫-২০২৩', 96, 0, 120)], true)).toBe(false);
    expect(needsSecondLook([w('৯০%', 70, 0, 40)], true)).toBe(false);
    expect(needsSecondLook([w('৪টি', 70, 0, 40)], false)).toBe(false);
    // an Annex 5 activity cell with its code and one Bangla word read at 0 (public eval): no Latin in it
    expect(needsSecondLook([w('[৪.১.১]', 0, 0, 60), w('কর্মপরিকল্পনা', 27, 70, 180), w('বাস্তবায়ন', 96, 190, 260)], false)).toBe(false);
    expect(needsSecondLook([w('[১.১]', 96, 0, 60), w('উদ্ভাবনী', 0, 70, 150), w('সেবা', 93, 160, 200)], false)).toBe(false);
  });
});

describe('table cells: per-word choice between the Bangla-restricted and the unrestricted reading', () => {
  it('keeps confident Latin words, addresses and ASCII figures of the second reading', () => {
    expect(text(mergeReadings([w('০-২০৮]', 0, 5, 95)], [w('e-Nothi', 92, 4, 96)], { figureColumn: false }))).toBe('e-Nothi');
    expect(text(mergeReadings([w(']://.০.', 0, 0, 200)], [w('https://ness.gov.bd', 91, 0, 205)], { figureColumn: false }))).toBe('https://ness.gov.bd');
    expect(text(mergeReadings([w('তা,', 42, 0, 30)], [w('SL', 96, 0, 30)], { figureColumn: false }))).toBe('SL');
    expect(text(mergeReadings([w('-', 0, 40, 50)], [w('01193-3532679', 90, 0, 130)], { figureColumn: false }))).toBe('01193-3532679');
    // the first reading left the cell empty: the second's sure words are taken
    expect(text(mergeReadings([], [w('Designation', 96, 0, 100)], { figureColumn: false }))).toBe('Designation');
  });

  it('keeps Bangla words the first reading is sure of, and takes only the English word beside them', () => {
    const first = [w('০২৩', 63, 0, 40), w('সফটওয়্যারে', 91, 50, 150), w('অভিযোগ', 96, 160, 230)];
    const second = [w('GRS', 93, 0, 42), w('সফটওয়্যারে', 91, 50, 150), w('অভিযোগ', 96, 160, 230)];
    expect(text(mergeReadings(first, second, { figureColumn: false }))).toBe('GRS সফটওয়্যারে অভিযোগ');
  });

  it('joins a Latin stem of the second reading to the Bangla ending of the first ("SPS-এ", "e-Nothi-তে")', () => {
    expect(text(mergeReadings([w('ও-এ', 0, 0, 60)], [w('SPS-@', 37, 0, 60)], { figureColumn: false }))).toBe('SPS-এ');
    expect(text(mergeReadings([w('া-এ', 0, 0, 60)], [w('PMIS-&', 39, 0, 60)], { figureColumn: false }))).toBe('PMIS-এ');
    expect(text(mergeReadings([w('০-ব০-তে', 0, 0, 110)], [w('e-Nothi-cs', 50, 0, 110)], { figureColumn: false }))).toBe('e-Nothi-তে');
    // no Bangla ending in the first reading: the second's word is taken as a whole or not at all
    expect(text(mergeReadings([w('০-২০', 19, 0, 60)], [w('e-file', 96, 0, 60)], { figureColumn: false }))).toBe('e-file');
    expect(text(mergeReadings([w('০-২০]-তে', 0, 0, 110), w('ডাক', 96, 120, 160)], [w('e-Nothi-(®', 42, 0, 110), w('ডাক', 96, 120, 160)], { figureColumn: false }))).toBe('e-Nothi-তে ডাক');
  });

  it('protects Bangla figures from their Latin look-alikes', () => {
    // figure column: whatever the second reading says
    expect(text(mergeReadings([w('৮', 30, 0, 20)], [w('br', 90, 0, 20)], { figureColumn: true }))).toBe('৮');
    expect(text(mergeReadings([w('৯০%', 93, 0, 40)], [w('50%', 35, 0, 40)], { figureColumn: true }))).toBe('৯০%');
    // a serial read surely outside a figure column: an ASCII figure never replaces it
    expect(text(mergeReadings([w('৪.', 57, 0, 20)], [w('8.', 97, 0, 20)], { figureColumn: false }))).toBe('৪.');
    expect(text(mergeReadings([w('২.', 85, 0, 20)], [w('2.', 73, 0, 20)], { figureColumn: false }))).toBe('২.');
  });

  it('in a column that came out in Latin script, ASCII serials win over their Bangla look-alikes', () => {
    expect(text(mergeReadings([w('ও', 64, 0, 20)], [w('3', 97, 0, 20)], { figureColumn: false, latinColumn: true }))).toBe('3');
    expect(text(mergeReadings([w('৪.', 72, 0, 20)], [w('8.', 91, 0, 20)], { figureColumn: false, latinColumn: true }))).toBe('8.');
    expect(text(mergeReadings([w('৪.', 72, 0, 20)], [w('8.', 91, 0, 20)], { figureColumn: false }))).toBe('৪.');
  });

  it('takes an ASCII date or phone number over the junk the restriction made of it', () => {
    expect(text(mergeReadings([w('০', 0, 0, 60)], [w('2025', 97, 2, 58)], { figureColumn: false }))).toBe('2025');
    expect(text(mergeReadings([w('-', 0, 40, 60)], [w('01199-1459481', 68, 0, 130)], { figureColumn: false }))).toBe('01199-1459481');
    expect(text(mergeReadings([w('৯', 0, 0, 20)], [w('5', 97, 0, 20)], { figureColumn: true }))).toBe('৯');
  });

  it('in a column of Bangla figures, only a very sure Latin word replaces a misread', () => {
    expect(text(mergeReadings([w('্ে', 17, 0, 20)], [w('EY', 66, 0, 20)], { figureColumn: true }))).toBe('্ে');
  });

  it('a Bangla word read between 60 and 80 gives way only to a Latin word of two letters or more read at 90 or more', () => {
    expect(text(mergeReadings([w('ব', 74, 0, 60), w('পোর্টালে', 91, 70, 150)], [w('NESS', 96, 0, 60), w('পোর্টালে', 91, 70, 150)], { figureColumn: false }))).toBe('NESS পোর্টালে');
    expect(text(mergeReadings([w('ডাক', 70, 0, 60)], [w('SAT', 85, 0, 60)], { figureColumn: false }))).toBe('ডাক');
  });

  it('on Bangla Annex 5 tables, takes none of the Latin guesses the unrestricted reading makes of a glyph or smudge', () => {
    // cells of the eval corpus where an earlier rule went wrong
    expect(text(mergeReadings([w('২', 5, 0, 20)], [w('EY', 60, 0, 20)], { figureColumn: false }))).toBe('২');
    expect(text(mergeReadings([w('তয়', 40, 0, 30)], [w('oF', 74, 0, 30)], { figureColumn: false }))).toBe('তয়');
    expect(text(mergeReadings([w('\\', 43, 0, 20)], [w('ANY', 61, 0, 30)], { figureColumn: false }))).toBe('\\');
    expect(mergeReadings([], [w('SOT', 72, 0, 30)], { figureColumn: false })).toEqual([]);
    expect(text(mergeReadings([w('৩', 33, 0, 20)], [w('9', 77, 0, 20)], { figureColumn: false }))).toBe('৩');
    expect(text(mergeReadings([w('০৪', 74, 0, 30), w('।', 60, 32, 36)], [w('04', 60, 0, 30), w('.', 80, 32, 36)], { figureColumn: false }))).toBe('০৪ ।');
  });

  it('takes a Bangla second reading as a whole when far surer (a serial the restriction read unsurely)', () => {
    expect(text(mergeReadings([w('০৪', 16, 0, 30)], [w('০৪।', 74, 0, 34)], { figureColumn: true }))).toBe('০৪।');
    expect(text(mergeReadings([w('০৪', 60, 0, 30)], [w('০৪।', 74, 0, 34)], { figureColumn: true }))).toBe('০৪');
  });

  it('never takes unsure Latin guesses at signatures or specks', () => {
    expect(mergeReadings([], [w('SO', 45, 0, 30)], { figureColumn: false })).toEqual([]);
    expect(text(mergeReadings([w('নির্দেশনা', 17, 0, 80)], [w('fade', 30, 0, 80)], { figureColumn: false }))).toBe('নির্দেশনা');
  });

  it('property: in a figure column a Bangla figure is never replaced by a reading with Latin letters or ASCII digits', () => {
    const bnFigure = fc.stringMatching(/^[০-৯]{1,3}(%|টি)?$/u);
    const any = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s.length > 0 && !/\s/u.test(s) && /[A-Za-z0-9]/u.test(s));
    fc.assert(
      fc.property(bnFigure, fc.integer({ min: 0, max: 100 }), any, fc.integer({ min: 0, max: 100 }), (fig, fconf, other, sconf) => {
        const out = mergeReadings([w(fig, fconf, 0, 40)], [w(other, sconf, 0, 40)], { figureColumn: true });
        expect(out.map((x) => x.text)).toEqual([fig]);
      }),
    );
  });

  it('property: a Bangla word read at 80 or more is never replaced, and nothing is invented where neither reading has a word', () => {
    const bnWord = fc.constantFrom('ডাক', 'গ্রহণ', 'নিষ্পত্তি', 'সফটওয়্যারে', 'হালনাগাদ', 'কার্যক্রম');
    fc.assert(
      fc.property(bnWord, fc.integer({ min: 80, max: 100 }), fc.string({ minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 100 }), (word, fconf, other, sconf) => {
        const out = mergeReadings([w(word, fconf, 0, 60)], other.trim() ? [w(other, sconf, 0, 60)] : [], { figureColumn: false });
        expect(out.map((x) => x.text)).toEqual([word]);
      }),
    );
    expect(mergeReadings([], [], { figureColumn: false })).toEqual([]);
  });
});

describe('table cells: columns of Bangla figures', () => {
  it('finds counts, percents and dates under a word header; not text columns or English figures', () => {
    const cells = [
      { r: 0, c: 0, colspan: 1, text: 'সংখ্যা', conf: 96 },
      { r: 1, c: 0, colspan: 1, text: '২৯', conf: 93 },
      { r: 2, c: 0, colspan: 1, text: '৪টি', conf: 92 },
      { r: 3, c: 0, colspan: 1, text: '৯০%', conf: 93 },
      { r: 0, c: 1, colspan: 1, text: 'কার্যক্রম', conf: 95 },
      { r: 1, c: 1, colspan: 1, text: '০২৩ সফটওয়্যারে', conf: 77 },
      { r: 2, c: 1, colspan: 1, text: 'ডাক গ্রহণ', conf: 96 },
      { r: 0, c: 2, colspan: 1, text: 'প্ল্যাটফর্ম', conf: 90 },
      // a platform column in English read through the Bangla restriction: digits, but unsure
      { r: 1, c: 2, colspan: 1, text: '০০০৪০০', conf: 0 },
      { r: 2, c: 2, colspan: 1, text: '২৩', conf: 21 },
      { r: 3, c: 2, colspan: 1, text: '১০৩৩', conf: 63 },
    ];
    expect([...figureColumns(cells)]).toEqual([0]);
  });

  it('finds columns that came out in Latin script: serials, phone numbers, English words', () => {
    const cells = [
      { r: 0, c: 0, colspan: 1, text: 'SL' },
      { r: 1, c: 0, colspan: 1, text: '1' },
      { r: 2, c: 0, colspan: 1, text: '2' },
      { r: 3, c: 0, colspan: 1, text: 'ও' },
      { r: 0, c: 1, colspan: 1, text: 'Name' },
      { r: 1, c: 1, colspan: 1, text: 'মোঃ রফিকুল ইসলাম' },
      { r: 2, c: 1, colspan: 1, text: 'নাসরিন সুলতানা' },
      { r: 1, c: 2, colspan: 2, text: 'www.a.gov.bd' },
      { r: 2, c: 2, colspan: 2, text: 'www.b.gov.bd' },
    ];
    expect([...latinColumns(cells)]).toEqual([0]);
  });

  it('joins an address Tesseract cut in two on one line, not words of two lines or apart', () => {
    const cut = joinAddressParts([w('bd', 97, 1833, 1870, 731, 757), w('https://sanchaypatra.gov.', 92, 1457, 1830, 739, 776)]);
    expect(cut.map((x) => x.text)).toEqual(['https://sanchaypatra.gov.bd']);
    expect(joinAddressParts([w('www.facebook.com/', 91, 0, 200, 0, 30), w('sreemangalcoop', 89, 0, 150, 40, 70)]).map((x) => x.text)).toEqual(['www.facebook.com/', 'sreemangalcoop']);
    expect(joinAddressParts([w('Training', 97, 0, 100), w('on', 93, 104, 120)]).map((x) => x.text)).toEqual(['Training', 'on']);
    expect(joinAddressParts([w('www', 90, 0, 40), w('.forms.gov.bd', 88, 44, 160)]).map((x) => x.text)).toEqual(['www.forms.gov.bd']);
    expect(joinAddressParts([w('Sl.', 90, 0, 30), w('No.', 88, 36, 70)]).map((x) => x.text)).toEqual(['Sl.', 'No.']);
  });
});

describe('table cells: an English stem both readings garbled before a Bangla ending', () => {
  it('finds the word by the garble of its stem and keeps its Bangla ending', () => {
    expect(garbledStem(w('14661-এ', 66, 0, 90))).toBe('এ'); // "Meet-এ", unrestricted
    expect(garbledStem(w('০৮এ', 0, 0, 60))).toBe('এ'); // "Meet-এ", hyphen lost
    expect(garbledStem(w('চা-এ', 0, 0, 60))).toBe('এ'); // "PMIS-এ"
    expect(garbledStem(w('০-২০]-তে', 0, 0, 90))).toBe('তে'); // "e-Nothi-তে"
  });
  it('leaves Bangla words, counts, sure readings and Latin stems alone', () => {
    expect(garbledStem(w('ই-সেবা', 90, 0, 60))).toBeNull();
    expect(garbledStem(w('প্রশিক্ষণ', 20, 0, 90))).toBeNull();
    expect(garbledStem(w('৩টি', 10, 0, 40))).toBeNull();
    expect(garbledStem(w('System-এ', 30, 0, 90))).toBeNull();
    expect(garbledStem(w('১০৩৩', 63, 0, 40))).toBeNull();
    expect(garbledStem(w('২৫-এর', 80, 0, 60))).toBeNull();
  });
  it('takes from the Latin-only reading the stem before its last hyphen, when sure and of two letters or more', () => {
    expect(latinStem([w('Meet-a', 61, 0, 90)])).toEqual({ text: 'Meet', conf: 61 });
    expect(latinStem([w('e-Nothi-c3', 55, 0, 90)])?.text).toBe('e-Nothi');
    // the forced guess at the ending drags the word's confidence to 0: a stem of letters is taken all the same
    expect(latinStem([w('System-4', 0, 0, 90)])?.text).toBe('System');
    expect(latinStem([w('Google', 80, 0, 60), w('Meet-a', 0, 70, 130)])?.text).toBe('Google Meet');
    expect(latinStem([w('500113001-8', 0, 0, 90)])).toBeNull();
    expect(latinStem([w('A5B-8', 20, 0, 90)])).toBeNull();
    expect(latinStem([w('A5B-8', 60, 0, 90)])?.text).toBe('A5B');
    expect(latinStem([w('Meeta', 80, 0, 90)])).toBeNull();
    expect(latinStem([w('a-b', 80, 0, 90)])).toBeNull();
    expect(latinStem([w('Meet-a', 80, 0, 40), w('x', 80, 50, 60)])).toBeNull();
  });
});

describe('table cells: ink the first reading left unread', () => {
  const box = (x0: number, x1: number, y0 = 10, y1 = 40) => ({ x0, y0, x1, y1 });
  it('a blob no word covers a fifth of sends the cell to the second reading', () => {
    expect(unreadInk([box(0, 64), box(70, 150)], [w('ব', 74, 0, 17), w('পোর্টালে', 51, 70, 150)])).toBe(false); // 17 of 64 covered
    expect(unreadInk([box(0, 64), box(70, 150)], [w('ব', 74, 0, 10), w('পোর্টালে', 51, 70, 150)])).toBe(true);
    expect(unreadInk([box(0, 120), box(130, 150)], [w('এ', 97, 130, 150)])).toBe(true); // "Microsoft Teams এ"
  });
  it('words that cover their ink, dots and marks narrower than tall, and empty cells do not', () => {
    expect(unreadInk([box(0, 90), box(100, 160)], [w('ডাক', 96, 0, 90), w('গ্রহণ', 95, 100, 160)])).toBe(false);
    expect(unreadInk([box(0, 90), box(100, 106, 30, 40)], [w('ডাক', 96, 0, 90)])).toBe(false);
    expect(unreadInk([box(95, 100)], [w('ডাক', 96, 0, 90)])).toBe(false);
    expect(unreadInk([], [])).toBe(false);
  });
});
