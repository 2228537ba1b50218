/**
 * Ruling lines as long ink runs. A horizontal rule is a run of ink along x that survives closing small gaps
 * (broken or faint printing) when each row is OR-ed with its neighbours (a rule with residual skew steps from
 * row to row). Bangla text makes long horizontal runs too (the মাত্রা headline over a word), so runs are only
 * candidates here: the grid stage keeps those that join vertical rules into a network.
 */

export type Orientation = 'h' | 'v';

/** One connected ruling stroke. For 'h', `a` is x and `p` is y; for 'v', `a` is y and `p` is x. */
export interface Segment {
  orient: Orientation;
  a0: number;
  a1: number;
  /** fitted perpendicular position at the segment's middle, p(a) = pos + slope·(a − mid) */
  pos: number;
  mid: number;
  slope: number;
  /** ink pixels per unit length */
  thickness: number;
  /** perpendicular extent of the stroke's runs */
  p0: number;
  p1: number;
}

export interface RuleParams {
  /** runs shorter than this are not rule material at all */
  minRun: number;
  /** components shorter than this are not segments */
  minLength: number;
  /** ink gaps up to this long are bridged inside a run */
  gap: number;
  /** ink pieces shorter than this along the scan line are specks, not rule material (nor bridges between runs) */
  minPiece: number;
  /** neighbour rows (h) or columns (v) OR-ed into each scan line */
  radius: number;
  /** thicker strokes are filled areas, not rules */
  maxThickness: number;
}

export const FLAG_H = 1;
export const FLAG_V = 2;

interface Run {
  p: number;
  a0: number;
  a1: number;
  n: number;
  sa: number;
  sp: number;
  saa: number;
  sap: number;
}

/**
 * Scan every row (h) or column (v) for long closed runs. Marks each run's extent with `flag` in `flags`
 * (used later to test whether a rule is drawn along a cell edge) and returns the connected strokes.
 */
export function findSegments(
  ink: Uint8Array,
  width: number,
  height: number,
  orient: Orientation,
  params: RuleParams,
  flags: Uint8Array,
  flag: number,
): Segment[] {
  const lines = orient === 'h' ? height : width;
  const along = orient === 'h' ? width : height;
  const idx = orient === 'h' ? (p: number, a: number) => p * width + a : (p: number, a: number) => a * width + p;
  const runs: Run[] = [];
  const lineStart = new Int32Array(lines + 1);
  const r = params.radius;
  const on = new Uint8Array(along);

  // scan lines laid out contiguously: the image itself for rows, its transpose for columns
  let lineMajor = ink;
  if (orient === 'v') {
    lineMajor = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) if (ink[row + x]) lineMajor[x * height + y] = 1;
    }
  }
  // ink of the scan lines within r of line p, counted per position along: one line added and one dropped per step
  // (was an OR over all 2r+1 lines per step)
  const inWindow = new Uint16Array(along);
  const addLine = (q: number, d: number) => {
    const base = q * along;
    for (let a = 0; a < along; a++) if (lineMajor[base + a]) inWindow[a] = inWindow[a]! + d;
  };
  for (let q = 0; q < Math.min(lines, r); q++) addLine(q, 1);
  for (let p = 0; p < lines; p++) {
    lineStart[p] = runs.length;
    if (p + r < lines) addLine(p + r, 1);
    if (p - r - 1 >= 0) addLine(p - r - 1, -1);
    for (let a = 0; a < along; a++) on[a] = inWindow[a]! > 0 ? 1 : 0;
    // drop specks before bridging gaps: a chain of scanner dust would otherwise carry a run from a word to a rule
    for (let a = 0; a < along; ) {
      if (!on[a]) {
        a++;
        continue;
      }
      let b = a;
      while (b < along && on[b]) b++;
      if (b - a < params.minPiece) on.fill(0, a, b);
      a = b;
    }
    let start = -1;
    let last = -1;
    const close = () => {
      if (start < 0 || last - start + 1 < params.minRun) return;
      const run: Run = { p, a0: start, a1: last, n: 0, sa: 0, sp: 0, saa: 0, sap: 0 };
      for (let a = start; a <= last; a++) {
        const i = idx(p, a);
        flags[i] = flags[i]! | flag;
        if (ink[i]) {
          run.n++;
          run.sa += a;
          run.sp += p;
          run.saa += a * a;
          run.sap += a * p;
        }
      }
      runs.push(run);
    };
    for (let a = 0; a < along; a++) {
      if (!on[a]) continue;
      if (start < 0 || a - last - 1 > params.gap) {
        close();
        start = a;
      }
      last = a;
    }
    close();
  }
  lineStart[lines] = runs.length;

  // union runs of neighbouring scan lines that mostly overlap: the scan lines across one rule see about the
  // same run, while a seal's ring or a letter touching the rule adds short runs that must not join it (a
  // joined blob is too thick to pass for a rule and its fitted position drifts)
  const parent = new Int32Array(runs.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let p = 1; p < lines; p++) {
    let i = lineStart[p - 1]!;
    const iEnd = lineStart[p]!;
    let j = lineStart[p]!;
    const jEnd = lineStart[p + 1]!;
    while (i < iEnd && j < jEnd) {
      const ri = runs[i]!;
      const rj = runs[j]!;
      const overlap = Math.min(ri.a1, rj.a1) - Math.max(ri.a0, rj.a0) + 1;
      if (overlap * 2 >= Math.max(ri.a1 - ri.a0, rj.a1 - rj.a0) + 1) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[a] = b;
      }
      if (ri.a1 < rj.a1) i++;
      else j++;
    }
  }

  const groups = new Map<number, Run[]>();
  for (let i = 0; i < runs.length; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(runs[i]!);
    else groups.set(root, [runs[i]!]);
  }

  const segments: Segment[] = [];
  for (const g of groups.values()) {
    let a0 = Infinity;
    let a1 = -Infinity;
    let p0 = Infinity;
    let p1 = -Infinity;
    let n = 0;
    let sa = 0;
    let sp = 0;
    let saa = 0;
    let sap = 0;
    for (const run of g) {
      if (run.a0 < a0) a0 = run.a0;
      if (run.a1 > a1) a1 = run.a1;
      if (run.p < p0) p0 = run.p;
      if (run.p > p1) p1 = run.p;
      n += run.n;
      sa += run.sa;
      sp += run.sp;
      saa += run.saa;
      sap += run.sap;
    }
    const length = a1 - a0 + 1;
    if (length < params.minLength || n === 0) continue;
    const thickness = n / length;
    if (thickness > params.maxThickness) continue;
    const ma = sa / n;
    const mp = sp / n;
    const varA = saa / n - ma * ma;
    const slope = varA > 1e-9 ? (sap / n - ma * mp) / varA : 0;
    const mid = (a0 + a1) / 2;
    segments.push({ orient, a0, a1, mid, pos: mp + slope * (mid - ma), slope, thickness, p0, p1 });
  }
  return segments;
}

/** Perpendicular position of a segment at along-coordinate a. */
export function segmentAt(s: Segment, a: number): number {
  return s.pos + s.slope * (a - s.mid);
}

/**
 * Share of a horizontal segment's length with ink just above it, and just below it. A rule has white on both
 * sides, the cell's padding; a text line's headline (মাত্রা) has its letters hanging below it and a bold
 * line's baseline has them standing on it, along most of its length (own samples: rules ≤ 0.05, text runs
 * 0.5–1). A side whose ink is one parallel line (a double frame's other rule) counts as white.
 */
export function flankInk(seg: Segment, ink: Uint8Array, width: number, height: number, band: number): { above: number; below: number } {
  const off = Math.ceil(seg.thickness / 2) + 2;
  let n = 0;
  const any = [0, 0];
  const atOffset = [new Array<number>(band).fill(0), new Array<number>(band).fill(0)];
  for (let a = Math.ceil(seg.a0); a <= Math.floor(seg.a1); a++) {
    if (a < 0 || a >= width) continue;
    const c = Math.round(seg.pos + seg.slope * (a - seg.mid));
    n++;
    ([-1, 1] as const).forEach((sign, s) => {
      let hit = false;
      for (let d = 0; d < band; d++) {
        const y = c + sign * (off + d);
        if (y < 0 || y >= height || !ink[y * width + a]) continue;
        hit = true;
        atOffset[s]![d]!++;
      }
      if (hit) any[s]!++;
    });
  }
  if (!n) return { above: 0, below: 0 };
  const side = (s: 0 | 1) => (Math.max(...atOffset[s]!) >= PARALLEL_RULE * n ? 0 : any[s]! / n);
  return { above: side(0), below: side(1) };
}

/** A flank inked at one offset along this share of the length is a parallel rule, not letters. */
const PARALLEL_RULE = 0.8;
