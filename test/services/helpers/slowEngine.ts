/**
 * The queue worker's engine in the kill tests (APA_TEST_ENGINE_MODULE points here): the fake engine, each call
 * taking APA_FAKE_OCR_MS and noted in APA_FAKE_OCR_LOG (one line per call, the worker's pid), so a test knows
 * how long a page takes and how many pages were read, and by whom. A page image at least
 * APA_FAKE_OCR_KILL_WIDTH pixels wide kills the worker's process, as a page that runs it out of memory would.
 */
import fs from 'node:fs';
import type { OcrEngine, OcrRequest, OcrResult } from '../../../models/ocr.js';
import { FakeEngine } from '../../helpers/fakeEngine.js';

export function createEngine(): OcrEngine {
  const ms = Number(process.env.APA_FAKE_OCR_MS ?? 0);
  const log = process.env.APA_FAKE_OCR_LOG;
  const killWidth = Number(process.env.APA_FAKE_OCR_KILL_WIDTH ?? Infinity);
  const inner = new FakeEngine({ text: 'fake' });
  return {
    async recognise(req: OcrRequest): Promise<OcrResult> {
      // the pipeline hands the engine PGM images: "P5\n<width> <height>\n255\n…"
      const width = Number(/^P5\s+(\d+)/.exec(Buffer.from(req.png.subarray(0, 32)).toString('latin1'))?.[1]);
      if (width >= killWidth) process.kill(process.pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, ms));
      if (log) fs.appendFileSync(log, `${process.pid}\n`);
      return inner.recognise(req);
    },
    close: () => inner.close(),
  };
}
