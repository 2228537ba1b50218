import { createWorker, OEM, PSM, type InitOptions, type Worker } from 'tesseract.js';
import type { OcrEngine, OcrLine, OcrRequest, OcrResult, OcrWord, Psm } from '../../models/ocr.js';
import { ensureLangDir } from './tessdata.js';

const PSM_MAP: Record<Psm, PSM> = {
  auto: PSM.AUTO,
  block: PSM.SINGLE_BLOCK,
  line: PSM.SINGLE_LINE,
  sparse: PSM.SPARSE_TEXT,
  word: PSM.SINGLE_WORD,
};

export interface TesseractOptions {
  /** '+'-joined languages; ben+eng because Bangla alone turns Latin words and URLs into fake ASCII digits */
  langs?: string;
  /** recreate the WASM worker after this many recognitions: its memory only ever grows */
  recycleAfter?: number;
}

interface TsvWord {
  block: number;
  par: number;
  line: number;
  word: OcrWord;
}

/** Parse Tesseract TSV (level page block par line word left top width height conf text) into lines of words. */
export function parseTsv(tsv: string): OcrLine[] {
  const words: TsvWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = (f[11] ?? '').normalize('NFC');
    if (!text.trim()) continue;
    const left = Number(f[6]);
    const top = Number(f[7]);
    const w = Number(f[8]);
    const h = Number(f[9]);
    words.push({
      block: Number(f[2]),
      par: Number(f[3]),
      line: Number(f[4]),
      word: { text, conf: Number(f[10]), bbox: { x0: left, y0: top, x1: left + w, y1: top + h } },
    });
  }
  const lines: OcrLine[] = [];
  let key = '';
  for (const w of words) {
    const k = `${w.block}.${w.par}.${w.line}`;
    if (k !== key || lines.length === 0) {
      lines.push({ text: '', conf: 0, bbox: { ...w.word.bbox }, words: [] });
      key = k;
    }
    const l = lines[lines.length - 1]!;
    l.words.push(w.word);
    l.bbox = {
      x0: Math.min(l.bbox.x0, w.word.bbox.x0),
      y0: Math.min(l.bbox.y0, w.word.bbox.y0),
      x1: Math.max(l.bbox.x1, w.word.bbox.x1),
      y1: Math.max(l.bbox.y1, w.word.bbox.y1),
    };
  }
  for (const l of lines) {
    l.text = l.words.map((w) => w.text).join(' ');
    l.conf = l.words.reduce((s, w) => s + w.conf, 0) / l.words.length;
  }
  return lines;
}

export function resultFromLines(lines: OcrLine[]): OcrResult {
  const confs = lines.flatMap((l) => l.words.map((w) => w.conf));
  return {
    text: lines.map((l) => l.text).join('\n'),
    lines,
    meanConf: confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : null,
  };
}

/**
 * One tesseract.js worker reading Bangla+English with the 4.0.0_best_int LSTM data from the npm packages,
 * offline (explicit langPath, no cache written to the working directory).
 */
export class TesseractEngine implements OcrEngine {
  private worker: Worker | null = null;
  private osdWorker: Worker | null = null;
  private jobs = 0;
  /** the parameters last set on the worker: set again only when they change (each call costs) */
  private currentParams = '';
  private readonly langs: string;
  private readonly recycleAfter: number;

  constructor(opts: TesseractOptions = {}) {
    this.langs = opts.langs ?? 'ben+eng';
    this.recycleAfter = opts.recycleAfter ?? 200;
  }

  private async getWorker(): Promise<Worker> {
    if (this.worker && this.jobs >= this.recycleAfter) {
      await this.worker.terminate();
      this.worker = null;
    }
    if (!this.worker) {
      const langPath = ensureLangDir(this.langs.split('+'));
      this.worker = await createWorker(
        this.langs.split('+'),
        OEM.LSTM_ONLY,
        { langPath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} },
        // Tesseract prints notices ("Using params model of the primary language") to stdout, which
        // must stay clean for data (normalise/stats --json); its debug file takes them instead
        // (a real Tesseract init parameter that tesseract.js's typings do not list)
        { debug_file: '/dev/null' } as Partial<InitOptions>,
      );
      this.jobs = 0;
      this.currentParams = '';
    }
    return this.worker;
  }

  async recognise(req: OcrRequest): Promise<OcrResult> {
    const w = await this.getWorker();
    const params = {
      tessedit_pageseg_mode: PSM_MAP[req.psm],
      preserve_interword_spaces: '1',
      user_defined_dpi: String(Math.round(req.dpi ?? 300)),
      tessedit_char_whitelist: req.charset ?? '',
    };
    const key = JSON.stringify(params);
    if (key !== this.currentParams) {
      await w.setParameters(params);
      this.currentParams = key;
    }
    this.jobs++;
    const opts = req.rect ? { rectangle: req.rect } : {};
    const { data } = await w.recognize(Buffer.from(req.png), opts, { text: false, tsv: true });
    return resultFromLines(parseTsv(data.tsv ?? ''));
  }

  async detectOrientation(png: Uint8Array): Promise<{ rotation: 0 | 90 | 180 | 270; confidence: number } | null> {
    if (!this.osdWorker) {
      const langPath = ensureLangDir(['osd'], '4.0.0');
      this.osdWorker = await createWorker('osd', OEM.TESSERACT_ONLY, {
        langPath,
        cacheMethod: 'none',
        legacyCore: true,
        legacyLang: true,
        logger: () => {},
        errorHandler: () => {},
      });
    }
    try {
      const { data } = await this.osdWorker.detect(Buffer.from(png));
      const deg = data.orientation_degrees;
      if (deg == null || ![0, 90, 180, 270].includes(deg)) return null;
      return { rotation: deg as 0 | 90 | 180 | 270, confidence: data.orientation_confidence ?? 0 };
    } catch {
      // OSD answers "Too few characters" by failing; that is "don't know", not an error of the page
      return null;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.worker?.terminate(), this.osdWorker?.terminate()]);
    this.worker = null;
    this.osdWorker = null;
  }
}
