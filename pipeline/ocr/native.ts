/**
 * The system's Tesseract (Debian `tesseract-ocr`, version 4 or 5) behind the `OcrEngine` interface: each call
 * runs `tesseract stdin stdout … tsv` on the page image, with the very same `4.0.0_best_int` models the npm
 * data packages ship (unpacked once into `.cache/tessdata/`, see nativeTessdataDir), so every stage reads the
 * same text it would with tesseract.js, about twice as fast. `--engine native` selects it (factory.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { OcrEngine, OcrRequest, OcrResult, Psm } from '../../models/ocr.js';
import { toPgm } from '../image.js';
import { tessdataPackageDir } from './tessdata.js';
import { parseTsv, resultFromLines } from './tesseract.js';

/** Tesseract's --psm numbers for the modes the pipeline uses (as tesseract.js's PSM enum). */
const PSM_NUMBER: Record<Psm, number> = { auto: 3, block: 6, line: 7, sparse: 11, word: 8 };

/** The binary: APA_TESSERACT names one (a path or a name looked up on PATH), else `tesseract` on PATH. */
export function nativeBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.APA_TESSERACT || 'tesseract';
}

/** Raised when the native engine is asked for and cannot be used: one line saying what to install. */
export class NativeEngineUnavailable extends Error {}

/**
 * Check, before any work, that the binary runs and is Tesseract 4 or 5; returns its version line. Throws
 * NativeEngineUnavailable with one clear line otherwise.
 */
export function checkNativeTesseract(bin: string = nativeBinary()): string {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /tesseract v?(\d+)\.(\d+)[^\s]*/i.exec(out);
  if (r.error || r.status !== 0 || !m) {
    const why = r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `did not run (${r.error?.message ?? `exit ${r.status}`})`;
    throw new NativeEngineUnavailable(
      `--engine native: ${bin === 'tesseract' ? '`tesseract` on PATH' : bin} ${why}; install Debian's tesseract-ocr (apt-get install tesseract-ocr) or use --engine wasm`,
    );
  }
  if (Number(m[1]) < 4) throw new NativeEngineUnavailable(`--engine native: ${bin} is ${m[0]}; the LSTM models need Tesseract 4 or 5`);
  return m[0];
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** language → the npm package's data variant it is read from (osd only exists as a legacy model: tesseract.js uses 4.0.0 too) */
const NATIVE_DATA: Record<string, '4.0.0_best_int' | '4.0.0'> = { ben: '4.0.0_best_int', eng: '4.0.0_best_int', osd: '4.0.0' };

/**
 * A tessdata directory holding ben, eng and osd unpacked from the npm packages: `.cache/tessdata/` in the
 * project (else the temp directory). Each file is unpacked to a temporary name and renamed into place, so a
 * concurrent or interrupted unpack never leaves a half file; a stamp beside it (the source's size and mtime)
 * makes a changed package be unpacked again.
 */
export function nativeTessdataDir(dirs: string[] = [path.join(PROJECT_ROOT, '.cache', 'tessdata'), path.join(os.tmpdir(), `apa-ocr-native-tessdata-${process.getuid?.() ?? 0}`)]): string {
  let lastErr: unknown;
  for (const dir of dirs) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const [lang, variant] of Object.entries(NATIVE_DATA)) {
        const src = path.join(tessdataPackageDir(lang, variant), `${lang}.traineddata.gz`);
        const st = fs.statSync(src);
        const stamp = `${variant} ${st.size} ${Math.round(st.mtimeMs)}`;
        const dst = path.join(dir, `${lang}.traineddata`);
        const stampFile = `${dst}.source`;
        let current = false;
        try {
          current = fs.existsSync(dst) && fs.readFileSync(stampFile, 'utf8') === stamp;
        } catch {
          current = false;
        }
        if (current) continue;
        const tmp = `${dst}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
        try {
          fs.writeFileSync(tmp, zlib.gunzipSync(fs.readFileSync(src)));
          fs.renameSync(tmp, dst);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
        const tmpStamp = `${stampFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmpStamp, stamp);
        fs.renameSync(tmpStamp, stampFile);
      }
      return dir;
    } catch (e) {
      lastErr = e;
    }
  }
  throw new Error(`cannot unpack Tesseract language data for the native engine: ${String(lastErr)}`);
}

/** The image to give Tesseract: the request's bytes, or its rect cut out (PGM by hand, anything else with sharp). */
export async function cropForNative(req: OcrRequest): Promise<{ bytes: Uint8Array; dx: number; dy: number }> {
  if (!req.rect) return { bytes: req.png, dx: 0, dy: 0 };
  const pgm = parsePgm(req.png);
  const { width: iw, height: ih } = pgm ?? (await sharp(req.png).metadata());
  const left = Math.max(0, Math.min(iw ?? 0, Math.round(req.rect.left)));
  const top = Math.max(0, Math.min(ih ?? 0, Math.round(req.rect.top)));
  const width = Math.max(1, Math.min((iw ?? 0) - left, Math.round(req.rect.width)));
  const height = Math.max(1, Math.min((ih ?? 0) - top, Math.round(req.rect.height)));
  if (pgm) {
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      const from = pgm.offset + (top + y) * pgm.width + left;
      data.set(req.png.subarray(from, from + width), y * width);
    }
    return { bytes: toPgm({ width, height, data }), dx: left, dy: top };
  }
  const png = await sharp(req.png).extract({ left, top, width, height }).png({ compressionLevel: 0 }).toBuffer();
  return { bytes: new Uint8Array(png), dx: left, dy: top };
}

/** Width, height and data offset of a binary 8-bit PGM (what toPgm writes), or null for anything else. */
function parsePgm(b: Uint8Array): { width: number; height: number; offset: number } | null {
  if (b[0] !== 0x50 || b[1] !== 0x35) return null;
  const head = Buffer.from(b.subarray(0, Math.min(b.length, 64))).toString('latin1');
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m || m[3] !== '255') return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const offset = m[0].length;
  return b.length >= offset + width * height ? { width, height, offset } : null;
}

export interface NativeOptions {
  /** '+'-joined languages, as the wasm engine's */
  langs?: string;
  bin?: string;
  tessdataDir?: string;
  /** a call taking longer than this is killed and fails (a page, not the batch) */
  timeoutMs?: number;
}

/** Run the binary with the image on stdin; resolves with stdout, rejects with the first stderr line on failure. */
function run(bin: string, args: string[], input: Uint8Array, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // one thread per call: the pool runs --jobs engines at once, and OpenMP's own threads would oversubscribe
    const child = spawn(bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {}); // a child that dies early closes its stdin: the exit code says why
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`native tesseract: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const msg = Buffer.concat(err).toString('utf8').split('\n').find((l) => l.trim() && !/^(Estimating|Warning: Invalid resolution)/.test(l));
        reject(new Error(`native tesseract ${signal ? `killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs} ms` : ''})` : `exit ${code}`}${msg ? `: ${msg.trim()}` : ''}`));
      }
    });
    child.stdin.end(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  });
}

/**
 * One native Tesseract per call (the CLI has no server mode). Stateless between calls, so nothing to recycle:
 * each child's memory is returned when it exits.
 */
export class NativeTesseractEngine implements OcrEngine {
  private readonly langs: string;
  private readonly bin: string;
  private readonly timeoutMs: number;
  private tessdata: string | null;

  constructor(opts: NativeOptions = {}) {
    this.langs = opts.langs ?? 'ben+eng';
    this.bin = opts.bin ?? nativeBinary();
    this.timeoutMs = opts.timeoutMs ?? 300_000;
    this.tessdata = opts.tessdataDir ?? null;
  }

  private dataDir(): string {
    this.tessdata ??= nativeTessdataDir();
    return this.tessdata;
  }

  /** The command line of one recognition (exported for the tests: psm, dpi and charset must reach Tesseract). */
  args(req: Pick<OcrRequest, 'psm' | 'dpi' | 'charset'>): string[] {
    const a = ['stdin', 'stdout', '--tessdata-dir', this.dataDir(), '-l', this.langs, '--oem', '1', '--psm', String(PSM_NUMBER[req.psm])];
    a.push('--dpi', String(Math.round(req.dpi ?? 300)));
    a.push('-c', 'preserve_interword_spaces=1', '-c', 'debug_file=/dev/null');
    if (req.charset) a.push('-c', `tessedit_char_whitelist=${req.charset}`);
    a.push('-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0');
    return a;
  }

  async recognise(req: OcrRequest): Promise<OcrResult> {
    const { bytes, dx, dy } = await cropForNative(req);
    const tsv = await run(this.bin, this.args(req), bytes, this.timeoutMs);
    const lines = parseTsv(tsv);
    if (dx || dy) {
      for (const l of lines) {
        for (const b of [l.bbox, ...l.words.map((w) => w.bbox)]) {
          b.x0 += dx;
          b.x1 += dx;
          b.y0 += dy;
          b.y1 += dy;
        }
      }
    }
    return resultFromLines(lines);
  }

  /** `--psm 0` with the legacy osd model tesseract.js uses; null when OSD cannot decide ("Too few characters"). */
  async detectOrientation(png: Uint8Array): Promise<{ rotation: 0 | 90 | 180 | 270; confidence: number } | null> {
    let out: string;
    try {
      out = await run(this.bin, ['stdin', 'stdout', '--tessdata-dir', this.dataDir(), '-l', 'osd', '--psm', '0', '-c', 'debug_file=/dev/null'], png, this.timeoutMs);
    } catch {
      return null;
    }
    return parseOsd(out);
  }

  async close(): Promise<void> {
    // nothing held between calls
  }
}

/**
 * Tesseract's `--psm 0` report. "Rotate:" is the clockwise turn that makes the page upright, what tesseract.js's
 * detect() calls orientation_degrees ("Orientation in degrees:" is the counter-clockwise one).
 */
export function parseOsd(out: string): { rotation: 0 | 90 | 180 | 270; confidence: number } | null {
  const deg = /Rotate:\s*(\d+)/.exec(out);
  const conf = /Orientation confidence:\s*([\d.]+)/.exec(out);
  const d = deg ? Number(deg[1]) : NaN;
  if (![0, 90, 180, 270].includes(d)) return null;
  return { rotation: d as 0 | 90 | 180 | 270, confidence: conf ? Number(conf[1]) : 0 };
}
