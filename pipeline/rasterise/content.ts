/**
 * Reads a page's content stream just far enough to tell whether the page is "one scanned image and
 * nothing visible besides": the case where the embedded image bytes are the page and no rendering is needed.
 */

/** PDF transformation matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied first, then m2 (PDF's `cm` pre-multiplies: new CTM = cm × CTM). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1;
  const [a2, b2, c2, d2, e2, f2] = m2;
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export type ContentVerdict =
  | { kind: 'single-image'; name: string; ctm: Matrix }
  | { kind: 'other'; reason: string };

type Operand = number | string | null;

// Operators that change nothing visible (state, marked content, path construction without painting).
const HARMLESS = new Set([
  'w', 'J', 'j', 'M', 'd', 'ri', 'i',
  'g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'SC', 'scn', 'SCN',
  'm', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*', 'n',
  'BMC', 'BDC', 'EMC', 'MP', 'DP', 'BX', 'EX',
  'BT', 'ET', 'Tf', 'Td', 'TD', 'Tm', 'T*', 'Tc', 'Tw', 'Tz', 'TL', 'Ts',
]);
const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
const PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'd0', 'd1', 'gs', 'BI', 'ID', 'EI']);

const isWhite = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number): boolean =>
  c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d ||
  c === 0x2f || c === 0x25;

/**
 * Walk the content stream with a graphics-state stack. The page qualifies when exactly one image XObject is
 * painted and nothing else visible happens: invisible text (render mode 3, the OCR layer scanners add) and
 * clipping paths are allowed; any fill, stroke, shading, inline image, ExtGState or second image is not.
 * `isImage(name)` says whether a /Name in the page's XObject resources is an image (vs a form).
 */
export function analyseContent(bytes: Uint8Array, isImage: (name: string) => boolean | null): ContentVerdict {
  const stack: { ctm: Matrix; textMode: number }[] = [];
  let state = { ctm: IDENTITY, textMode: 0 };
  let found: { name: string; ctm: Matrix } | null = null;
  let operands: Operand[] = [];
  let depth = 0; // inside [...] or <<...>> operands are kept opaque
  const n = bytes.length;
  let p = 0;
  while (p < n) {
    const c = bytes[p]!;
    if (isWhite(c)) {
      p++;
      continue;
    }
    if (c === 0x25) {
      while (p < n && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++;
      continue;
    }
    if (c === 0x28) {
      // literal string with nested parentheses and backslash escapes
      let level = 1;
      p++;
      while (p < n && level > 0) {
        const b = bytes[p]!;
        if (b === 0x5c) p++;
        else if (b === 0x28) level++;
        else if (b === 0x29) level--;
        p++;
      }
      if (depth === 0) operands.push(null);
      continue;
    }
    if (c === 0x3c && bytes[p + 1] === 0x3c) {
      depth++;
      p += 2;
      continue;
    }
    if (c === 0x3e && bytes[p + 1] === 0x3e) {
      depth = Math.max(0, depth - 1);
      p += 2;
      if (depth === 0) operands.push(null);
      continue;
    }
    if (c === 0x3c) {
      while (p < n && bytes[p] !== 0x3e) p++;
      p++;
      if (depth === 0) operands.push(null);
      continue;
    }
    if (c === 0x5b) {
      depth++;
      p++;
      continue;
    }
    if (c === 0x5d) {
      depth = Math.max(0, depth - 1);
      p++;
      if (depth === 0) operands.push(null);
      continue;
    }
    if (c === 0x2f) {
      let q = p + 1;
      while (q < n && !isWhite(bytes[q]!) && !isDelim(bytes[q]!)) q++;
      if (depth === 0) operands.push('/' + decodeName(bytes.subarray(p + 1, q)));
      p = q;
      continue;
    }
    let q = p;
    while (q < n && !isWhite(bytes[q]!) && !isDelim(bytes[q]!)) q++;
    if (q === p) {
      p++; // a stray delimiter such as '}' or '>'
      continue;
    }
    if (q - p > 64) return { kind: 'other', reason: 'unparseable content' };
    const token = String.fromCharCode(...bytes.subarray(p, q));
    p = q;
    const num = Number(token);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) && Number.isFinite(num)) {
      if (depth === 0) operands.push(num);
      continue;
    }
    if (depth > 0) continue;
    if (token === 'true' || token === 'false' || token === 'null') {
      operands.push(null);
      continue;
    }
    // an operator
    const args = operands;
    operands = [];
    if (token === 'q') {
      stack.push(state);
      state = { ...state };
    } else if (token === 'Q') {
      state = stack.pop() ?? { ctm: IDENTITY, textMode: 0 };
    } else if (token === 'cm') {
      const m = args.slice(-6);
      if (m.length !== 6 || m.some((v) => typeof v !== 'number')) return { kind: 'other', reason: 'malformed cm' };
      state = { ...state, ctm: multiply(m as Matrix, state.ctm) };
    } else if (token === 'Tr') {
      const mode = args[args.length - 1];
      state = { ...state, textMode: typeof mode === 'number' ? mode : 0 };
    } else if (token === 'Do') {
      const name = args[args.length - 1];
      if (typeof name !== 'string') return { kind: 'other', reason: 'malformed Do' };
      const image = isImage(name.slice(1));
      if (image === null) return { kind: 'other', reason: `XObject ${name} missing` };
      if (!image) return { kind: 'other', reason: `form XObject ${name}` };
      if (found) return { kind: 'other', reason: 'more than one image' };
      found = { name: name.slice(1), ctm: state.ctm };
    } else if (TEXT_SHOW.has(token)) {
      if (state.textMode !== 3) return { kind: 'other', reason: 'visible text' };
    } else if (PAINT.has(token)) {
      return { kind: 'other', reason: `draws with ${token}` };
    } else if (!HARMLESS.has(token)) {
      return { kind: 'other', reason: `unknown operator ${token}` };
    }
  }
  return found ? { kind: 'single-image', ...found } : { kind: 'other', reason: 'no image' };
}

/** Names may carry #xx escapes (PDF 1.2+). */
function decodeName(raw: Uint8Array): string {
  return String.fromCharCode(...raw).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
