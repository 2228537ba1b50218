import { describe, expect, it } from 'vitest';
import { joinVisualLines } from '../../pipeline/text/lines.js';

describe('joinVisualLines', () => {
  it('joins breaks inside a word', () => {
    expect(joinVisualLines(['ক্রমি', 'ক নং'])).toBe('ক্রমিক নং');
    expect(joinVisualLines(['কর্মসম্পাদ', 'ন সূচকের', 'মান'])).toBe('কর্মসম্পাদন সূচকের মান');
  });
  it('joins a date or number broken across lines', () => {
    expect(joinVisualLines(['১৪/০৩/২০২', '৪'])).toBe('১৪/০৩/২০২৪');
    expect(joinVisualLines(['০৫/০২/২০', '২৪'])).toBe('০৫/০২/২০২৪');
  });
  it('joins after a slash', () => {
    expect(joinVisualLines(['[১.১] সেবা সহজিকরণ/', 'ডিজিটাইজেশনের মাধ্যমে'])).toBe('[১.১] সেবা সহজিকরণ/ডিজিটাইজেশনের মাধ্যমে');
  });
  it('joins when the next line starts with a vowel sign or the previous ends in hasanta', () => {
    expect(joinVisualLines(['উদ্ভাবন', 'ী ধারণা'])).toBe('উদ্ভাবনী ধারণা');
    expect(joinVisualLines(['লক্', 'ষ্য'])).toBe('লক্ষ্য');
  });
  it('joins a compound broken at its hyphen, not a spaced dash', () => {
    expect(joinVisualLines(['২য় কোয়ার্টার অক্টোবর-', 'ডিসেম্বর/২০২৪'])).toBe('২য় কোয়ার্টার অক্টোবর-ডিসেম্বর/২০২৪');
    expect(joinVisualLines(['আলোচনা -', 'সভায়'])).toBe('আলোচনা - সভায়');
  });
  it('keeps a space between whole words', () => {
    expect(joinVisualLines(['বার্ষিক', 'লক্ষ্যমাত্রা', '২০২৩-২৪'])).toBe('বার্ষিক লক্ষ্যমাত্রা ২০২৩-২৪');
    expect(joinVisualLines(['১ম', 'কোয়ার্টার'])).toBe('১ম কোয়ার্টার');
    expect(joinVisualLines(['সভাপতি', 'ও সদস্য'])).toBe('সভাপতি ও সদস্য');
    expect(joinVisualLines(['১টি', '২৬/০৯/২২'])).toBe('১টি ২৬/০৯/২২');
  });
  it('drops empty lines and trims', () => {
    expect(joinVisualLines(['  ', ' মোট ', '', 'অর্জন '])).toBe('মোট অর্জন');
    expect(joinVisualLines([])).toBe('');
  });
});
