import crypto from 'node:crypto';
import type { OcrEngine, OcrRequest, OcrResult } from '../../models/ocr.js';

/**
 * A deterministic stand-in for Tesseract in the crash tests: what it "reads" depends only on the image it is
 * given, so a run that was killed and resumed must store exactly what an uninterrupted run stores. Each call
 * takes `delayMs`, so a batch lasts long enough to be killed in the middle of something.
 */
export class CrashEngine implements OcrEngine {
  constructor(private readonly delayMs = 5) {}

  async recognise(req: OcrRequest): Promise<OcrResult> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    const h = crypto.createHash('sha256').update(req.png).update(JSON.stringify(req.rect ?? null)).digest();
    const digits = (i: number) => String.fromCharCode(...Array.from(h.subarray(i, i + 4), (b) => 0x09e6 + (b % 10)));
    const left = req.rect?.left ?? 0;
    const top = req.rect?.top ?? 0;
    const texts = [`স্মারক নং: ৪৭.৬১.${digits(0)}.০০০.${digits(4)}`, `তারিখ: ${digits(8).slice(0, 2)}/০৩/২০২৩`, `অর্জন ${digits(12)}%`];
    const lines = texts.slice(0, 1 + (h[20]! % 3)).map((text, i) => {
      const bbox = { x0: left + 4, y0: top + 4 + i * 30, x1: left + 200, y1: top + 30 + i * 30 };
      return { text, conf: 60 + (h[21 + i]! % 40), bbox, words: [{ text, conf: 80, bbox }] };
    });
    return { text: lines.map((l) => l.text).join('\n'), lines, meanConf: lines.length ? 80 : null };
  }

  async close(): Promise<void> {}
}
