import type { OcrEngine, OcrRequest, OcrResult } from '../../models/ocr.js';

/**
 * An OCR engine that reads nothing, instantly: for tests of batching, storage and bad input, where what
 * matters is that every page goes through every stage, not what the words are. Can be told to fail.
 */
export class FakeEngine implements OcrEngine {
  calls = 0;
  closed = false;
  constructor(private readonly opts: { failOn?: (req: OcrRequest, call: number) => boolean; text?: string } = {}) {}

  async recognise(req: OcrRequest): Promise<OcrResult> {
    this.calls++;
    if (this.opts.failOn?.(req, this.calls)) throw new Error('simulated OCR engine crash');
    if (!this.opts.text) return { text: '', lines: [], meanConf: null };
    const bbox = { x0: 10, y0: 10, x1: 200, y1: 40 };
    return {
      text: this.opts.text,
      lines: [{ text: this.opts.text, conf: 90, bbox, words: [{ text: this.opts.text, conf: 90, bbox }] }],
      meanConf: 90,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
