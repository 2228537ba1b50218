import { describe, expect, it } from 'vitest';
import type { GreyImage } from '../../models/image.js';
import type { OcrEngine, OcrLine, OcrRequest, OcrResult } from '../../models/ocr.js';
import { betterDateReading, doubtfulDateWords, isDateWord, isNumericDateWord, rereadBox, rereadDoubtfulDates } from '../../pipeline/text/rereadDates.js';
import { betterLatinReading, isMixedScriptWord } from '../../pipeline/text/rereadLatin.js';

/** An engine that answers every request with one scripted reading and keeps the requests. */
class ScriptedEngine implements OcrEngine {
  requests: OcrRequest[] = [];
  constructor(private readonly answer: { text: string; conf: number | null }) {}
  async recognise(req: OcrRequest): Promise<OcrResult> {
    this.requests.push(req);
    const { text, conf } = this.answer;
    return { text, meanConf: conf, lines: [] };
  }
  async close(): Promise<void> {}
}

const page: GreyImage = { width: 800, height: 300, data: new Uint8Array(800 * 300).fill(255) };

/** The "sent on" line of a held-out page as the first reading gave it: the month misread, at confidence 69. */
function sendingLine(dateText = '০৫/০২/২০২৫', dateConf = 69): OcrLine {
  const words = [
    { text: 'প্রতিবেদন', conf: 95.5, bbox: { x0: 131, y0: 121, x1: 234, y1: 148 } },
    { text: 'প্রেরণের', conf: 95.4, bbox: { x0: 242, y0: 125, x1: 325, y1: 149 } },
    { text: 'তারিখ:', conf: 96.1, bbox: { x0: 331, y0: 121, x1: 409, y1: 148 } },
    { text: dateText, conf: dateConf, bbox: { x0: 419, y0: 126, x1: 574, y1: 151 } },
  ];
  return { text: words.map((w) => w.text).join(' '), conf: 89, bbox: { x0: 131, y0: 121, x1: 574, y1: 151 }, words };
}

describe('numeric date words', () => {
  it('are d/m/y in Bangla or ASCII digits with / - or ., maybe glued to an era suffix', () => {
    for (const s of ['০৫/০১/২০২৫', '05/01/2025', '১১/০৪/২০২৪থ্রিঃ', '০৩.০৭.২০২৩', '৩-১০-২৩', '১২/২১২/২০২৪']) expect(isNumericDateWord(s), s).toBe(true);
  });
  it('are not counts, percents, codes, fiscal years or words', () => {
    for (const s of ['১০০%', '[৪.১.২]', '৪.১.২', '২০২৪-২৫', '২০২৪-২০২৫', 'প্রতিবেদন', '4.1.2', '০১৭১১-১২৩৪৫৬', 'www.coop.gov.bd']) expect(isNumericDateWord(s), s).toBe(false);
  });
});

describe('date words in a line', () => {
  it('include a date the first reading made Latin look-alikes of, where a date label stands before it', () => {
    const labelled = sendingLine('0q/08/3¢', 40);
    expect(isDateWord(labelled, 3)).toBe(true);
    // the same shape with no label before it is not taken for a date (a path, a fraction, an e-file number)
    const unlabelled = { ...labelled, words: [labelled.words[0]!, labelled.words[3]!] };
    expect(isDateWord(unlabelled, 1)).toBe(false);
    expect(isDateWord(sendingLine(), 2)).toBe(false);
  });
});

describe('second reading of a doubtful date', () => {
  it('finds only the date words under the confidence bar', () => {
    const lines = [sendingLine(), sendingLine('০৫/০১/২০২৫', 96)];
    expect(doubtfulDateWords(lines)).toEqual([{ line: 0, word: 3 }]);
  });

  it('replaces a misread date by a surer real one, in the word and in the line text, without touching the input', async () => {
    const engine = new ScriptedEngine({ text: '০৫/০১/২০২৫\n', conf: 85 });
    const input = [sendingLine()];
    const before = JSON.stringify(input);
    const r = await rereadDoubtfulDates(page, input, engine, { dpi: 200 });
    expect(r).toMatchObject({ reread: 1, replaced: 1 });
    expect(r.lines[0]!.text).toBe('প্রতিবেদন প্রেরণের তারিখ: ০৫/০১/২০২৫');
    expect(r.lines[0]!.words[3]).toMatchObject({ text: '০৫/০১/২০২৫', conf: 85, bbox: input[0]!.words[3]!.bbox });
    expect(JSON.stringify(input)).toBe(before);
    // one line reading of the word's crop, unrestricted (an ASCII date stays ASCII), at the page's resolution
    expect(engine.requests).toHaveLength(1);
    const req = engine.requests[0]!;
    expect(req).toMatchObject({ psm: 'line', dpi: 200 });
    expect(req.charset).toBeUndefined();
    const header = Buffer.from(req.png.slice(0, 20)).toString('latin1');
    const box = rereadBox(input[0]!, 3, page);
    expect(header.startsWith(`P5\n${box.x1 - box.x0} ${box.y1 - box.y0}\n`)).toBe(true);
  });

  it('keeps the first reading when the second is less sure, not a date, or an impossible date', async () => {
    for (const answer of [
      { text: '০৫/০১/২০২৫', conf: 60 },
      { text: '০৫/০১/', conf: 95 },
      { text: '৩২/১৩/২০২৫', conf: 95 },
      { text: '', conf: null },
    ]) {
      const r = await rereadDoubtfulDates(page, [sendingLine()], new ScriptedEngine(answer), { dpi: 200 });
      expect(r.replaced, JSON.stringify(answer)).toBe(0);
      expect(r.lines[0]!.words[3]!.text).toBe('০৫/০২/২০২৫');
    }
  });

  it('makes no OCR call on a page whose dates were read surely', async () => {
    const engine = new ScriptedEngine({ text: '০১/০১/২০২৫', conf: 99 });
    const r = await rereadDoubtfulDates(page, [sendingLine('০৫/০১/২০২৫', 96)], engine, { dpi: 200 });
    expect(engine.requests).toHaveLength(0);
    expect(r.replaced).toBe(0);
  });

  it('cuts the word out without its neighbours’ ink and inside the page', () => {
    const l = sendingLine();
    const box = rereadBox(l, 3, page);
    // the gap to "তারিখ:" is 10 px: at most half of it is taken
    expect(box.x0).toBeGreaterThanOrEqual(409 + 5);
    expect(box.x0).toBeLessThan(419);
    expect(box.y0).toBeLessThan(126);
    expect(box.y1).toBeGreaterThan(151);
    const edge = rereadBox({ ...l, words: [{ ...l.words[3]!, bbox: { x0: 2, y0: 1, x1: 798, y1: 299 } }] }, 0, page);
    expect(edge).toEqual({ x0: 0, y0: 0, x1: 800, y1: 300 });
  });

  it('judges a second reading only by being a surer real date', () => {
    const first = sendingLine().words[3]!;
    expect(betterDateReading(first, { text: '05/01/2025', conf: 80 })).toBe(true);
    expect(betterDateReading(first, { text: first.text, conf: 99 })).toBe(false);
    expect(betterDateReading(first, { text: '২৯/০২/২০২৫', conf: 99 })).toBe(false);
    // a first reading that is no date at all gives way to a real date that is reasonably sure, not to a guess
    const garbled = sendingLine('0q/08/3¢', 70).words[3]!;
    expect(betterDateReading(garbled, { text: '০৭/০১/২৫', conf: 60 })).toBe(true);
    expect(betterDateReading(garbled, { text: '০৭/০১/২৫', conf: 40 })).toBe(false);
    expect(betterDateReading(first, { text: '০৫/০১/২০২৫', conf: 60 })).toBe(false);
  });
});

describe('page text: English words garbled into mixed script are read again, Latin only', () => {
  const word = (text: string, conf: number) => ({ text, conf, bbox: { x0: 0, y0: 0, x1: 50, y1: 20 } });
  it('picks words mixing Bangla digits with ASCII digits or Latin letters, unless read surely', () => {
    expect(isMixedScriptWord(word('(০13)', 85))).toBe(true); // "(GRS)"
    expect(isMixedScriptWord(word('০-২০(0৮', 49))).toBe(true); // "e-Nothi"
    expect(isMixedScriptWord(word('(০13)', 95))).toBe(false);
    expect(isMixedScriptWord(word('২০২৫', 40))).toBe(false);
    expect(isMixedScriptWord(word('e-Nothi-তে', 40))).toBe(false);
  });
  it('takes a sure reading with two Latin letters, never figures', () => {
    expect(betterLatinReading({ text: '(GRS)', conf: 93 })).toBe(true);
    expect(betterLatinReading({ text: 'iBAS++', conf: 91 })).toBe(true);
    expect(betterLatinReading({ text: 'nasrin54@gmail.com', conf: 80 })).toBe(true);
    expect(betterLatinReading({ text: '(GRS)', conf: 30 })).toBe(false);
    expect(betterLatinReading({ text: '89. L0.CHH9.000,05.00b.35-060', conf: 60 })).toBe(false);
    expect(betterLatinReading({ text: '2025', conf: 95 })).toBe(false);
    expect(betterLatinReading({ text: 'Google Meet', conf: 95 })).toBe(false);
  });
});
