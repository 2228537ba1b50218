/**
 * The native engine's adapter without the native binary: a stand-in `tesseract` (a shell script) records what
 * it was given and answers with a fixed TSV, so the command line, the crop, the boxes and the environment are
 * checked here; test/services/native.test.ts runs the real one. A missing binary is one line and exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { toPgm } from '../../pipeline/image.js';
import { checkNativeTesseract, cropForNative, NativeEngineUnavailable, NativeTesseractEngine, nativeTessdataDir, parseOsd } from '../../pipeline/ocr/native.js';
import { tessdataPackageDir } from '../../pipeline/ocr/tessdata.js';
import { createEngine } from '../../pipeline/ocr/factory.js';
import { IngestOptionsSchema, WorkerOptionsSchema } from '../../src/config.js';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-native-'));

/** A grey test image whose every pixel says where it is: value = (x + 3y) mod 256. */
function gradient(width: number, height: number) {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x + 3 * y) % 256;
  return { width, height, data };
}

/** A stand-in binary: logs its arguments and OMP_THREAD_LIMIT, keeps stdin, prints one word's TSV row. */
function fakeTesseract(dir: string): string {
  const bin = path.join(dir, 'tesseract');
  fs.writeFileSync(
    bin,
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi
printf '%s\\n' "$@" > "${dir}/args"
echo "$OMP_THREAD_LIMIT" > "${dir}/omp"
cat > "${dir}/stdin"
printf 'level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n'
printf '5\\t1\\t1\\t1\\t1\\t1\\t4\\t5\\t20\\t10\\t91.5\\tশব্দ\\n'
printf '5\\t1\\t1\\t1\\t1\\t2\\t30\\t6\\t10\\t9\\t80\\tdoc\\n'
`,
    { mode: 0o755 },
  );
  return bin;
}

describe('native engine adapter', () => {
  it('passes psm, dpi, languages, the whitelist and the unpacked models to tesseract, one thread per call', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'args-'));
    const engine = new NativeTesseractEngine({ bin: fakeTesseract(dir), tessdataDir: '/data/td' });
    const r = await engine.recognise({ png: toPgm(gradient(40, 20)), psm: 'line', dpi: 212.6, charset: '০১২ %' });
    const args = fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n');
    expect(args.slice(0, 2)).toEqual(['stdin', 'stdout']);
    expect(args[args.indexOf('--tessdata-dir') + 1]).toBe('/data/td');
    expect(args[args.indexOf('-l') + 1]).toBe('ben+eng');
    expect(args[args.indexOf('--psm') + 1]).toBe('7');
    expect(args[args.indexOf('--oem') + 1]).toBe('1');
    expect(args[args.indexOf('--dpi') + 1]).toBe('213');
    expect(args).toContain('tessedit_char_whitelist=০১২ %');
    expect(args).toContain('tessedit_create_tsv=1');
    expect(fs.readFileSync(path.join(dir, 'omp'), 'utf8').trim()).toBe('1');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]!.text).toBe('শব্দ doc');
    expect(r.lines[0]!.bbox).toEqual({ x0: 4, y0: 5, x1: 40, y1: 15 });
    expect(r.meanConf).toBeCloseTo(85.75);
    // no charset: no whitelist at all (an empty one would be Tesseract's "anything" too, but say nothing)
    await engine.recognise({ png: toPgm(gradient(40, 20)), psm: 'sparse' });
    const again = fs.readFileSync(path.join(dir, 'args'), 'utf8');
    expect(again).not.toMatch(/whitelist/);
    expect(again).toMatch(/--psm\n11\n/);
  });

  it('reads a rect by cutting it out and keeps the boxes in full-image coordinates', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'rect-'));
    const engine = new NativeTesseractEngine({ bin: fakeTesseract(dir), tessdataDir: '/x' });
    const img = gradient(50, 40);
    const r = await engine.recognise({ png: toPgm(img), psm: 'block', rect: { left: 10, top: 7, width: 30, height: 20 } });
    const sent = fs.readFileSync(path.join(dir, 'stdin'));
    const header = 'P5\n30 20\n255\n';
    expect(sent.subarray(0, header.length).toString('latin1')).toBe(header);
    // the crop's pixel (x, y) is the image's (x + 10, y + 7)
    for (const [x, y] of [[0, 0], [29, 19], [5, 11]] as const) expect(sent[header.length + y * 30 + x]).toBe((x + 10 + 3 * (y + 7)) % 256);
    expect(r.lines[0]!.words[0]!.bbox).toEqual({ x0: 14, y0: 12, x1: 34, y1: 22 });
    expect(r.lines[0]!.bbox).toEqual({ x0: 14, y0: 12, x1: 50, y1: 22 });
  });

  it('cuts a PNG rect with sharp, clamped to the image', async () => {
    const img = gradient(50, 40);
    const png = await sharp(Buffer.from(img.data), { raw: { width: 50, height: 40, channels: 1 } }).png().toBuffer();
    const c = await cropForNative({ png: new Uint8Array(png), psm: 'block', rect: { left: 40, top: 30, width: 30, height: 30 } });
    expect([c.dx, c.dy]).toEqual([40, 30]);
    const { data, info } = await sharp(c.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([10, 10]);
    expect(data[0]).toBe((40 + 3 * 30) % 256);
    expect(data[9 * 10 + 9]).toBe((49 + 3 * 39) % 256);
  });

  it('a failing tesseract fails the call with its first error line', async () => {
    const bin = path.join(tmp, 'broken');
    fs.writeFileSync(bin, '#!/bin/sh\necho "Error opening data file /x/ben.traineddata" >&2\nexit 1\n', { mode: 0o755 });
    const engine = new NativeTesseractEngine({ bin, tessdataDir: '/x' });
    await expect(engine.recognise({ png: toPgm(gradient(8, 8)), psm: 'auto' })).rejects.toThrow(/native tesseract exit 1: Error opening data file/);
  });

  it("reads OSD's clockwise turn, as tesseract.js's detect() reports it", () => {
    const out = 'Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 4.12\nScript: Bengali\nScript confidence: 2.1\n';
    expect(parseOsd(out)).toEqual({ rotation: 270, confidence: 4.12 });
    expect(parseOsd('Too few characters. Skipping this page\n')).toBeNull();
  });

  it('unpacks the npm packages\' models once, whole, and again when the package changes', () => {
    const dir = path.join(tmp, 'td');
    expect(nativeTessdataDir([dir])).toBe(dir);
    const ben = path.join(dir, 'ben.traineddata');
    const expected = zlib.gunzipSync(fs.readFileSync(path.join(tessdataPackageDir('ben', '4.0.0_best_int'), 'ben.traineddata.gz')));
    expect(fs.readFileSync(ben).equals(expected)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'eng.traineddata')) && fs.existsSync(path.join(dir, 'osd.traineddata'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const ino = fs.statSync(ben).ino;
    nativeTessdataDir([dir]);
    expect(fs.statSync(ben).ino).toBe(ino); // not rewritten
    fs.writeFileSync(`${ben}.source`, 'stale');
    nativeTessdataDir([dir]);
    expect(fs.statSync(ben).ino).not.toBe(ino); // replaced by a rename
    expect(fs.readFileSync(ben).equals(expected)).toBe(true);
  });

  it('engine option: wasm by default, native on request, anything else refused', () => {
    expect(IngestOptionsSchema.parse({}).engine).toBe('wasm');
    expect(WorkerOptionsSchema.parse({ queue: 'redis://127.0.0.1:6379' }).engine).toBe('wasm');
    expect(IngestOptionsSchema.safeParse({ engine: 'gpu' }).success).toBe(false);
    expect(createEngine({ recycle: 5, engine: 'native' })).toBeInstanceOf(NativeTesseractEngine);
    expect(createEngine({ recycle: 5 })).not.toBeInstanceOf(NativeTesseractEngine);
  });

  it('a missing tesseract is one clear line', () => {
    expect(() => checkNativeTesseract(path.join(tmp, 'nowhere', 'tesseract'))).toThrow(NativeEngineUnavailable);
    expect(() => checkNativeTesseract(path.join(tmp, 'nowhere', 'tesseract'))).toThrow(/not found; install Debian's tesseract-ocr/);
    const old = path.join(tmp, 'old-tesseract');
    fs.writeFileSync(old, '#!/bin/sh\necho "tesseract 3.05.02"\n', { mode: 0o755 });
    expect(() => checkNativeTesseract(old)).toThrow(/Tesseract 4 or 5/);
  });

  it('ingest and worker --engine native without tesseract: exit 2, one line, before any work', () => {
    const db = path.join(tmp, 'never.sqlite');
    const env = { ...process.env, APA_TESSERACT: path.join(tmp, 'nowhere', 'tesseract') };
    const r = spawnSync(process.execPath, [tsx, 'src/cli.ts', 'ingest', 'samples/pdf', '--engine', 'native', '--db', db], { encoding: 'utf8', timeout: 60_000, env });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: --engine native: .*not found; install Debian's tesseract-ocr/);
    expect(fs.existsSync(db)).toBe(false);
    const w = spawnSync(process.execPath, [tsx, 'src/cli.ts', 'worker', '--queue', 'redis://127.0.0.1:1/0', '--engine', 'native'], { encoding: 'utf8', timeout: 60_000, env });
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/--engine native: .*not found/);
    const bad = spawnSync(process.execPath, [tsx, 'src/cli.ts', 'ingest', 'samples/pdf', '--engine', 'gpu', '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--engine/);
  });
});
