/**
 * Mutations of PDF bytes for the fuzzer: the blind ones (bit flips, byte noise, cuts, splices) and the ones that
 * know a PDF's syntax — numbers in dictionaries set to 0, −1, huge or fractional, names swapped for other filters,
 * colour spaces and keys, stream lengths broken — because a blind flip almost always lands in image data.
 */
import type { Rng } from '../../samples/generator/prng.js';

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

const NUMBERS = ['0', '-1', '1', '2', '3', '7', '8', '15', '16', '255', '256', '65535', '65536', '2147483647', '4294967296', '99999999999', '1e308', '-0', '0.5', '1.5.5', '00000000000000000001', 'NaN'];
const NAMES = [
  '/FlateDecode', '/DCTDecode', '/JBIG2Decode', '/CCITTFaxDecode', '/JPXDecode', '/LZWDecode', '/RunLengthDecode', '/ASCIIHexDecode', '/ASCII85Decode', '/Crypt',
  '/DeviceGray', '/DeviceRGB', '/DeviceCMYK', '/Indexed', '/ICCBased', '/Separation', '/Lab', '/Pattern',
  '/Image', '/Form', '/XObject', '/Page', '/Pages', '/Catalog', '/ImageMask', '/Decode', '/SMask', '/Mask', '/Rotate', '/MediaBox', '/CropBox',
  '/Width', '/Height', '/BitsPerComponent', '/Length', '/Filter', '/DecodeParms', '/Predictor', '/Columns', '/K', '/Contents', '/Resources', '/Kids', '/Count', '/Parent',
];
const OPERATORS = ['q', 'Q', 'cm', 'Do', 'BT', 'ET', 'Tj', 'TJ', 'Tr', 're', 'f', 'S', 'W', 'n', 'gs', 'BI', 'ID', 'EI', 'sh', '}', ']', '>>', '<<', '(', ')', 'endstream', 'endobj', 'stream', 'obj', 'R', 'null', 'true'];

export type Mutation = (b: Uint8Array, rng: Rng, other: () => Uint8Array) => Uint8Array;

const flipBits: Mutation = (b, rng) => {
  const out = Uint8Array.from(b);
  for (let i = rng.int(1, 8); i > 0 && out.length; i--) out[rng.int(0, out.length - 1)]! ^= 1 << rng.int(0, 7);
  return out;
};

const noise: Mutation = (b, rng) => {
  const out = Uint8Array.from(b);
  const at = rng.int(0, Math.max(0, out.length - 1));
  for (let i = 0; i < rng.int(1, 64) && at + i < out.length; i++) out[at + i] = rng.pick([0, 0xff, 0x20, 0x0a, 0x28, 0x29, 0x3c, 0x3e, 0x2f, rng.int(0, 255)]);
  return out;
};

const cut: Mutation = (b, rng) => {
  const a = rng.int(0, b.length);
  const len = rng.chance(0.3) ? b.length - a : rng.int(1, 4096);
  return Buffer.concat([b.subarray(0, a), b.subarray(Math.min(b.length, a + len))]);
};

const duplicate: Mutation = (b, rng) => {
  const a = rng.int(0, b.length);
  const len = rng.int(1, 2048);
  const at = rng.int(0, b.length);
  return Buffer.concat([b.subarray(0, at), b.subarray(a, a + len), b.subarray(at)]);
};

const truncate: Mutation = (b, rng) => b.subarray(0, rng.int(0, b.length));

const splice: Mutation = (b, rng, other) => {
  const o = other();
  return Buffer.concat([b.subarray(0, rng.int(0, b.length)), o.subarray(rng.int(0, o.length))]);
};

/** A token of the PDF syntax outside stream data, replaced. */
function replaceToken(b: Uint8Array, rng: Rng, pattern: RegExp, choices: readonly string[]): Uint8Array {
  const text = latin1(b);
  // look only at the dictionary and content parts: skip the bytes between "stream" and "endstream"
  const spots: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(/stream\r?\n|endstream/g)) {
    if (m[0] === 'endstream') from = m.index + m[0].length;
    else {
      collect(text, from, m.index, pattern, spots);
      from = Number.MAX_SAFE_INTEGER;
    }
    if (spots.length > 20_000) break;
  }
  if (from !== Number.MAX_SAFE_INTEGER) collect(text, from, text.length, pattern, spots);
  if (!spots.length) return b;
  const [at, len] = rng.pick(spots);
  return Buffer.concat([b.subarray(0, at), bytesOf(rng.pick(choices)), b.subarray(at + len)]);
}

function collect(text: string, from: number, to: number, pattern: RegExp, spots: [number, number][]): void {
  if (to <= from) return;
  const re = new RegExp(pattern.source, 'g');
  const part = text.slice(from, Math.min(to, from + 200_000));
  for (const m of part.matchAll(re)) spots.push([from + m.index, m[0].length]);
}

const number: Mutation = (b, rng) => replaceToken(b, rng, /(?<![\w.])-?\d+(\.\d+)?(?![\w.])/, NUMBERS);
const name: Mutation = (b, rng) => replaceToken(b, rng, /\/[A-Za-z0-9]+/, NAMES);
const operator: Mutation = (b, rng) => replaceToken(b, rng, /(?<=\s)(q|Q|cm|Do|BT|ET|Tj|re|f|obj|endobj|R)(?=\s)/, OPERATORS);

export const MUTATIONS: readonly [string, Mutation, number][] = [
  ['flip', flipBits, 2],
  ['noise', noise, 1],
  ['cut', cut, 1],
  ['duplicate', duplicate, 1],
  ['truncate', truncate, 1],
  ['splice', splice, 1],
  ['number', number, 4],
  ['name', name, 3],
  ['operator', operator, 2],
];
const TOTAL = MUTATIONS.reduce((s, m) => s + m[2], 0);

/** One to three mutations of a seed; returns the bytes and the names of what was done. */
export function mutatePdf(seed: Uint8Array, rng: Rng, other: () => Uint8Array): { bytes: Uint8Array; how: string[] } {
  let bytes = seed;
  const how: string[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    let r = rng.next() * TOTAL;
    const m = MUTATIONS.find((x) => (r -= x[2]) < 0) ?? MUTATIONS[0]!;
    bytes = m[1](bytes, rng, other);
    how.push(m[0]);
  }
  return { bytes, how };
}
