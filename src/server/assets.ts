/**
 * The web page's files, read once at start-up into a fixed table: a request path is only ever a key into
 * this table, never joined to a folder, so no path from a client reaches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface Asset {
  body: Buffer;
  type: string;
}

/** Bangla web fonts, so the page reads the same on a machine without Bangla fonts (headless CI included). */
function fontAssets(): Map<string, Asset> {
  const out = new Map<string, Asset>();
  try {
    const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-bengali/package.json');
    for (const weight of ['400', '700']) {
      for (const subset of ['bengali', 'latin']) {
        const f = path.join(path.dirname(pkg), 'files', `noto-sans-bengali-${subset}-${weight}-normal.woff2`);
        if (fs.existsSync(f)) out.set(`/fonts/${subset}-${weight}.woff2`, { body: fs.readFileSync(f), type: TYPES['.woff2']! });
      }
    }
  } catch {
    // fonts are a dev dependency: without them the browser's own Bangla font is used
  }
  return out;
}

export function loadAssets(dir = WEB_DIR): Map<string, Asset> {
  const out = fontAssets();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    out.set(`/${name}`, { body: fs.readFileSync(path.join(dir, name)), type });
  }
  const index = out.get('/index.html');
  if (index) out.set('/', index);
  return out;
}
