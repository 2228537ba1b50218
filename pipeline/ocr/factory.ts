import type { EngineKind, OcrEngine } from '../../models/ocr.js';
import { TesseractEngine } from './tesseract.js';
import { checkNativeTesseract, NativeTesseractEngine, nativeTessdataDir } from './native.js';

export interface EngineOptions {
  /** OCR calls before a Tesseract worker is recreated (WASM memory never shrinks) */
  recycle: number;
  /** default wasm */
  engine?: EngineKind;
}

/**
 * Check before any work that the chosen engine can run: for native, that `tesseract` runs (else
 * NativeEngineUnavailable with one line saying what to install) and that its models are unpacked.
 * Returns a one-line description of the engine.
 */
export function prepareEngine(kind: EngineKind = 'wasm'): string {
  if (kind === 'wasm') return 'tesseract.js (wasm)';
  const version = checkNativeTesseract();
  nativeTessdataDir();
  return `native ${version}`;
}

/**
 * The one place the product makes an OCR engine: local ingest's pool and each queue worker's pool both call
 * this, so an engine choice (the `--engine` option) is made here once and reaches both.
 */
export function createEngine(opts: EngineOptions): OcrEngine {
  if (opts.engine === 'native') return new NativeTesseractEngine();
  return new TesseractEngine({ recycleAfter: opts.recycle });
}
