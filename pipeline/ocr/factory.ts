import type { OcrEngine } from '../../models/ocr.js';
import { TesseractEngine } from './tesseract.js';

export interface EngineOptions {
  /** OCR calls before a Tesseract worker is recreated (WASM memory never shrinks) */
  recycle: number;
}

/**
 * The one place the product makes an OCR engine: local ingest's pool and each queue worker's pool both call
 * this, so an engine choice (an `--engine` option) is added here once and reaches both.
 */
export function createEngine(opts: EngineOptions): OcrEngine {
  return new TesseractEngine({ recycleAfter: opts.recycle });
}
