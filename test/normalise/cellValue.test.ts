import { describe, expect, it } from 'vitest';
import { NormResultSchema } from '../../models/value.js';
import { normaliseForCli, parseCellValue, parseUnit, repairedCellText } from '../../pipeline/normalise/index.js';

describe('parseCellValue: Annex 5 cells of the seeds', () => {
  it.each([
    // 000_7ddc650de93b464f.txt (2022-23, format without weight)
    ['১৬/০৩/২০২৩', '2023-03-16'],
    ['-', null],
    ['০', 0],
    ['১টি ১৬/০৩/২০২৩', { count: 1, date: '2023-03-16' }],
    ['১টি ১২/০৯/২২', { count: 1, date: '2022-09-12' }],
    ['১টি ১৫/১/২৩', { count: 1, date: '2023-01-15' }],
    ['৮০%', 80],
    ['৪', 4],
    ['১৫/০১/২৩', '2023-01-15'],
    // 001_7d9e1e7956252ea9.txt (2024-25)
    ['০৯/০৩/২৫', '2025-03-09'],
    ['৩১/০৮/২৪', '2024-08-31'],
    ['২৮/০৮/২৪', '2024-08-28'],
    ['১০০%', 100],
    ['প্রযোজ্য নয়', { notApplicable: true }],
    ['০১/১২/২৪', '2024-12-01'],
    // 003_f13950d16016f2f9.txt
    ['০৬', 6],
    ['৬০%', 60],
    // 004_c20b99b83d327ae3.txt (2023-24 self-assessment)
    ['১৬/৩/২০২৪', '2024-03-16'],
    ['৫০%', 50],
    ['০.৫', 0.5],
    ['৯/৫/২০২৪', '2024-05-09'],
    ['২৫/০৩/২০২৪', '2024-03-25'],
    ['', null],
  ] as const)('%s → %j', (raw, value) => {
    const r = parseCellValue(raw);
    expect(r.value).toEqual(value);
    expect(r.raw).toBe(raw);
    expect(r.flags.filter((f) => f !== 'blank' && f !== 'dash')).toEqual([]);
  });

  it('recognises প্রযোজ্য নয় in its OCR spellings but not প্রযোজ্য alone', () => {
    for (const raw of ['প্রযোজ্য নয়', 'প্রযোজ্যনয়', 'প্রযোজ্য নয়', 'প্রযোজ্য নয়।', 'প্রযোজ্য নহে', 'N/A']) {
      expect(parseCellValue(raw).value, raw).toEqual({ notApplicable: true });
    }
    const noisy = parseCellValue('প্রযোজ্য নয');
    expect(noisy.value).toEqual({ notApplicable: true });
    const lost = parseCellValue('প্রযাজ্য নয়');
    expect(lost.value).toEqual({ notApplicable: true });
    expect(lost.flags).toContain('fuzzy-not-applicable');
    expect(parseCellValue('প্রযোজ্য').value).toBe('প্রযোজ্য');
  });

  it('blank and dash cells are null, with the reason as a flag', () => {
    expect(parseCellValue('  ')).toMatchObject({ value: null, kind: 'blank', flags: ['blank'] });
    expect(parseCellValue('–')).toMatchObject({ value: null, kind: 'dash' });
    expect(parseCellValue('—').value).toBeNull();
    expect(parseCellValue(null).value).toBeNull();
    expect(parseCellValue(undefined).raw).toBe('');
  });

  it('other {count, date} spellings', () => {
    expect(parseCellValue('১টি ২৯-১০-২০২৩').value).toEqual({ count: 1, date: '2023-10-29' });
    expect(parseCellValue('০২টি, ১৫/০১/২০২৪').value).toEqual({ count: 2, date: '2024-01-15' });
    expect(parseCellValue('১টি (১২/০৯/২২)').value).toEqual({ count: 1, date: '2022-09-12' });
  });

  it('keeps anything else as text and flags it, never guessing (004: "১৩/১২/২০২৩ কর্মশালা"; 002: "০৬দিন", "x")', () => {
    const withWord = parseCellValue('১৩/১২/২০২৩ কর্মশালা');
    expect(withWord.value).toBe('১৩/১২/২০২৩ কর্মশালা');
    expect(withWord.flags).toEqual(['contains-date', 'unparsed']);
    expect(withWord.confidence).toBeLessThanOrEqual(0.3);
    expect(parseCellValue('০৬দিন').flags).toEqual(['contains-number', 'unparsed']);
    expect(parseCellValue('x').flags).toEqual(['unparsed']);
    expect(parseCellValue('৩/৪').flags).toContain('unparsed');
    expect(parseCellValue('৩১-০৬-২০২৪').flags).toContain('impossible-date'); // 002
    expect(parseCellValue('২টি ১২/০৯/২২, ১৫/১০/২২').flags).toEqual(['contains-date', 'multiple-dates', 'unparsed']);
  });

  it('applies OCR repairs only where the column hint expects a number or a date', () => {
    expect(parseCellValue('১০০০/০', 'percent')).toMatchObject({ value: 100, flags: ['repaired-percent'] });
    expect(parseCellValue('১০০০/০').flags).toContain('unparsed');
    expect(parseCellValue('১২/০8/২০২৩', 'date').value).toBe('2023-04-12');
    expect(parseCellValue('১২/০8/২০২৩').value).toBe('2023-08-12');
    expect(parseCellValue('o', 'count').value).toBe(0);
    expect(parseCellValue('o').value).toBe('o');
    expect(parseCellValue('একটি', 'count')).toMatchObject({ value: 1, flags: ['number-words'] });
    expect(parseCellValue('একটি').flags).toContain('unparsed');
  });

  it('in a percent column, a misread % sign is repaired only when the reading is not a plausible percent', () => {
    // Tesseract's ben model reads ৭৫% as these (eval corpus, hard scans)
    for (const raw of ['৭৫০০', '৭৫%০', '৭৫%%', '৭৫%৪', '৭৫৪০', '৭৫৫০', '৭৫৭', '৭৫৭০']) {
      const v = parseCellValue(raw, 'percent');
      expect(v).toMatchObject({ value: 75, kind: 'percent' });
      expect(v.flags).toContain('repaired-percent');
      expect(v.confidence).toBeLessThan(1);
    }
    expect(parseCellValue('১০০০০', 'percent').value).toBe(100);
    // the sign read as one ০ (only when the reading is over 200), or a speck read after it
    expect(parseCellValue('৭৫০', 'percent')).toMatchObject({ value: 75, flags: ['repaired-percent'] });
    expect(parseCellValue('৫০০%', 'percent')).toMatchObject({ value: 50, flags: ['repaired-percent'] });
    expect(parseCellValue('৯০%৫', 'percent')).toMatchObject({ value: 90, flags: ['repaired-percent'] });
    expect(parseCellValue('১৫০', 'percent').value).toBe(150);
    // the slash read as ৭ only after a two-digit figure and only when the reading is over 100: ৯৭% is ৯৭
    expect(parseCellValue('৯৭', 'percent').value).toBe(97);
    expect(parseCellValue('৫৭', 'percent').value).toBe(57);
    // ১০% or ১০০%? two misreadings fit and disagree: nothing is guessed
    expect(parseCellValue('১০০০', 'percent').flags).not.toContain('repaired-percent');
    // plausible readings stay as they are: 100%, 100 (no sign), over-achievement with its sign
    expect(parseCellValue('১০০%', 'percent')).toMatchObject({ value: 100, flags: [] });
    expect(parseCellValue('১০০', 'percent').value).toBe(100);
    expect(parseCellValue('১২০%', 'percent').value).toBe(120);
    // never outside a percent column: a count of 7500 is a count
    expect(parseCellValue('৭৫০০', 'count').value).toBe(7500);
    expect(parseCellValue('৭৫০০').value).toBe(7500);
  });

  it('repairedCellText prints a repaired value in the cell’s own style, and nothing for a cell read as it stands', () => {
    const fy = { expectYears: [2023, 2024] };
    expect(repairedCellText('৭৫০০', 'percent')).toBe('৭৫%');
    expect(repairedCellText('৫০%৪', 'percent')).toBe('৫০%');
    expect(repairedCellText('০৫/০২২০২৪', 'date')).toBe('০৫/০২/২০২৪');
    expect(repairedCellText('১৪/০৩/২০১২৪', 'date', fy)).toBe('১৪/০৩/২০২৪');
    expect(repairedCellText('৩০-০৭-২০১৩', 'date', fy)).toBe('৩০-০৭-২০২৩');
    expect(repairedCellText('২৮/০২/২০২৪পা', 'date')).toBe('২৮/০২/২০২৪');
    expect(repairedCellText('১টি ০২০৯/২০২৪', 'count')).toBe('১টি ০২/০৯/২০২৪');
    // the printed style: unpadded day and month and a two-digit year stay so
    expect(repairedCellText('৫/৩২৪', 'date')).toBe(null);
    expect(repairedCellText('৫/৩/২০১২৪', 'date', fy)).toBe('৫/৩/২০২৪');
    for (const [t, h] of [['৭৫%', 'percent'], ['১৪/০৩/২০২৪', 'date'], ['৩/৫/২৩', 'date'], ['১০০০', 'percent'], ['৭৫০০', 'count'], ['75OO', 'percent']] as const) {
      expect(repairedCellText(t, h, fy)).toBeNull();
    }
  });

  it('a remarks column (hint text) keeps text unflagged but still reads values', () => {
    expect(parseCellValue('সেবা প্রাপ্তি সহজ হবে', 'text')).toMatchObject({ value: 'সেবা প্রাপ্তি সহজ হবে', flags: [], confidence: 1 });
    expect(parseCellValue('প্রযোজ্য নয়', 'text').value).toEqual({ notApplicable: true });
    expect(parseCellValue('৮০%', 'text').value).toBe(80);
  });

  it('the unit cell maps to the truth unit names (hint unit)', () => {
    expect(parseCellValue('তারিখ', 'unit').value).toBe('date');
    expect(parseCellValue('%', 'unit').value).toBe('percent');
    expect(parseCellValue('সংখ্যা', 'unit').value).toBe('count');
    expect(parseUnit('সংখা')).toMatchObject({ value: 'count', flags: ['fuzzy-unit'] });
    expect(parseUnit('তারিথ').value).toBe('date');
    expect(parseUnit('কর্মসম্পাদন সূচক').flags).toContain('unparsed');
  });

  it('every result matches the NormResult schema', () => {
    for (const raw of ['১টি ১২/০৯/২২', '৮০%', '-', 'প্রযোজ্য নয়', 'x', '৩১-০৬-২০২৪', '']) {
      expect(NormResultSchema.safeParse(parseCellValue(raw)).success, raw).toBe(true);
    }
  });
});

describe('normaliseForCli', () => {
  it('returns {raw, value, confidence, flags} in the export format for each kind', () => {
    expect(normaliseForCli('value', '১টি ১২/০৯/২২')).toEqual({ raw: '১টি ১২/০৯/২২', value: { count: 1, date: '2022-09-12' }, confidence: 1, flags: [] });
    expect(normaliseForCli('date', '১৫ জানুয়ারি ২০২৪ খ্রিস্টাব্দ').value).toBe('2024-01-15');
    expect(normaliseForCli('period', '২০২২-২০২৩ (৪র্থ কোয়ার্টার)').value).toEqual({ fiscalYear: '2022-23', quarter: 4 });
    expect(normaliseForCli('code', '[১.১. ২]')).toEqual({ raw: '[১.১. ২]', value: '1.1.2', confidence: 0.97, flags: ['code-spaces'] });
    expect(normaliseForCli('memo', '৪৭.৬১.৭৭০৪.০০০.০৫.০০৩.২২-১৫৬').value).toBe('47.61.7704.000.05.003.22-156');
    expect(Object.keys(normaliseForCli('value', '৮০%'))).toEqual(['raw', 'value', 'confidence', 'flags']);
  });

  it('an unknown kind from the command line is a flagged result, not an exception', () => {
    const r = normaliseForCli('colour' as never, 'লাল');
    expect(r.flags).toEqual(['unknown-kind', 'unparsed']);
    expect(r.confidence).toBe(0);
  });
});
