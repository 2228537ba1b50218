/**
 * The Bangla fonts the samples are set in. Each fontsource package splits a font into unicode subsets; the
 * `bengali` file has no Latin glyphs (URLs, e-mail, brackets, %, /), so every face is the pair
 * "<bengali subset>, <latin subset>" and Skia falls back from the first to the second per glyph.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export type FontId = 'noto-sans' | 'noto-serif' | 'hind' | 'tiro';

export interface FontFace {
  id: FontId;
  /** the name written to the truth files */
  name: string;
  pkg: string;
  /** the file stem inside the package's files/ */
  stem: string;
  boldWeight: number | null;
}

export const FONTS: Record<FontId, FontFace> = {
  'noto-sans': { id: 'noto-sans', name: 'Noto Sans Bengali', pkg: '@fontsource/noto-sans-bengali', stem: 'noto-sans-bengali', boldWeight: 700 },
  'noto-serif': { id: 'noto-serif', name: 'Noto Serif Bengali', pkg: '@fontsource/noto-serif-bengali', stem: 'noto-serif-bengali', boldWeight: 700 },
  hind: { id: 'hind', name: 'Hind Siliguri', pkg: '@fontsource/hind-siliguri', stem: 'hind-siliguri', boldWeight: 700 },
  // Tiro Bangla ships one weight; headings stay regular, as in offices that type in it.
  tiro: { id: 'tiro', name: 'Tiro Bangla', pkg: '@fontsource/tiro-bangla', stem: 'tiro-bangla', boldWeight: null },
};

export const FONT_IDS = Object.keys(FONTS) as FontId[];

const registered = new Set<string>();
const require = createRequire(import.meta.url);

function filesDir(pkg: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files');
}

/** Own family aliases, so that a system font with the same name can never be picked instead. */
function alias(id: FontId, subset: 'bengali' | 'latin', bold: boolean): string {
  return `gen-${id}-${subset}${bold ? '-bold' : ''}`;
}

function ensure(face: FontFace, bold: boolean): void {
  const weight = bold && face.boldWeight ? face.boldWeight : 400;
  for (const subset of ['bengali', 'latin'] as const) {
    const a = alias(face.id, subset, bold);
    if (registered.has(a)) continue;
    const file = path.join(filesDir(face.pkg), `${face.stem}-${subset}-${weight}-normal.woff2`);
    const key = GlobalFonts.registerFromPath(file, a);
    if (!key) throw new Error(`could not register font ${file}`);
    registered.add(a);
  }
}

/** CSS font string for the canvas: size in pixels. */
export function cssFont(id: FontId, px: number, bold = false): string {
  const face = FONTS[id];
  ensure(face, bold);
  return `${px.toFixed(2)}px "${alias(id, 'bengali', bold)}", "${alias(id, 'latin', bold)}"`;
}
