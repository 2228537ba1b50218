import { z } from 'zod';
import { BoxSchema } from './geometry.js';

export const OcrWordSchema = z.object({
  text: z.string(),
  /** Tesseract confidence 0–100 */
  conf: z.number(),
  bbox: BoxSchema,
});
export type OcrWord = z.infer<typeof OcrWordSchema>;

export const OcrLineSchema = z.object({
  text: z.string(),
  conf: z.number(),
  bbox: BoxSchema,
  words: z.array(OcrWordSchema),
});
export type OcrLine = z.infer<typeof OcrLineSchema>;

/** The OCR of one image region: lines in Tesseract's reading order, each with its words and boxes. */
export const OcrResultSchema = z.object({
  text: z.string(),
  lines: z.array(OcrLineSchema),
  /** mean word confidence 0–100; null when no words were found */
  meanConf: z.number().nullable(),
});
export type OcrResult = z.infer<typeof OcrResultSchema>;

/** Tesseract page segmentation modes the pipeline uses. */
export const PsmSchema = z.enum(['auto', 'block', 'line', 'sparse', 'word']);
export type Psm = z.infer<typeof PsmSchema>;

export interface OcrRequest {
  /** PNG (or any sharp-readable) bytes of the image to read */
  png: Uint8Array;
  psm: Psm;
  /** optional region in the image; result boxes stay in full-image coordinates */
  rect?: { left: number; top: number; width: number; height: number };
  /** resolution hint for Tesseract */
  dpi?: number;
  /**
   * the only characters the recogniser may output (Tesseract's tessedit_char_whitelist, honoured by the LSTM
   * decoder); unset means any character of the loaded languages
   */
  charset?: string;
}

/**
 * The OCR engine behind a small interface, so tests can use a fake and the pool can recycle real workers.
 */
export interface OcrEngine {
  recognise(req: OcrRequest): Promise<OcrResult>;
  /** orientation and script detection on a full page; null when OSD cannot decide */
  detectOrientation?(png: Uint8Array): Promise<{ rotation: 0 | 90 | 180 | 270; confidence: number } | null>;
  close(): Promise<void>;
}

/** The OCR engines: tesseract.js (WASM, the default, nothing to install) or the system's Tesseract (`--engine native`). */
export const EngineKindSchema = z.enum(['wasm', 'native']);
export type EngineKind = z.infer<typeof EngineKindSchema>;
