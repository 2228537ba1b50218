import type { OcrEngine } from '../../models/ocr.js';

/**
 * A fixed set of OCR engines shared by concurrent page jobs: a job borrows one engine for the whole page
 * so Tesseract parameters set for it are not changed under it by another job.
 */
export class EnginePool {
  private readonly free: OcrEngine[];
  private readonly waiting: ((e: OcrEngine) => void)[] = [];

  constructor(private readonly engines: OcrEngine[]) {
    if (engines.length === 0) throw new Error('EnginePool needs at least one engine');
    this.free = [...engines];
  }

  get size(): number {
    return this.engines.length;
  }

  async use<T>(fn: (engine: OcrEngine) => Promise<T>): Promise<T> {
    const engine = this.free.pop() ?? (await new Promise<OcrEngine>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(engine);
    } finally {
      const next = this.waiting.shift();
      if (next) next(engine);
      else this.free.push(engine);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.close()));
  }
}
