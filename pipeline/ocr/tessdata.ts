import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Directory of one @tesseract.js-data package's data variant, e.g. .../ben/4.0.0_best_int */
export function tessdataPackageDir(lang: string, variant: '4.0.0_best_int' | '4.0.0'): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return path.join(path.dirname(pkg), variant);
}

/**
 * tesseract.js reads every language from one `langPath` directory, but each npm data package has its own
 * directory (and its lang-object form is broken in 7.0.0: initialize() joins `data` as if it were a name).
 * So we link the npm packages' files into one directory. Nothing is downloaded.
 */
export function ensureLangDir(langs: string[], variant: '4.0.0_best_int' | '4.0.0' = '4.0.0_best_int'): string {
  const candidates = [
    path.join(path.dirname(require.resolve('tesseract.js/package.json')), '..', '.cache', 'apa-ocr', variant),
    path.join(os.tmpdir(), `apa-ocr-tessdata-${process.getuid?.() ?? 0}`, variant),
  ];
  let lastErr: unknown;
  for (const dir of candidates) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const lang of langs) {
        const src = path.join(tessdataPackageDir(lang, variant), `${lang}.traineddata.gz`);
        if (!fs.existsSync(src)) throw new Error(`missing ${src}: run npm install`);
        const dst = path.join(dir, `${lang}.traineddata.gz`);
        let ok = false;
        try {
          ok = fs.realpathSync(dst) === fs.realpathSync(src);
        } catch {
          ok = false;
        }
        if (!ok) {
          fs.rmSync(dst, { force: true });
          try {
            fs.symlinkSync(src, dst);
          } catch {
            fs.copyFileSync(src, dst);
          }
        }
      }
      return dir;
    } catch (e) {
      lastErr = e;
    }
  }
  throw new Error(`cannot prepare Tesseract language data directory: ${String(lastErr)}`);
}
