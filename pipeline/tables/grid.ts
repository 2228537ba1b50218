/**
 * From ruling segments to table grids: segments that cross each other form a rule network (one table each);
 * rule positions are clustered into row and column lines; each cell edge is tested for a drawn rule, and a
 * missing rule merges the grid positions on both sides into one cell (row and column spans).
 */
import type { Box } from '../../models/geometry.js';
import { FLAG_H, FLAG_V, flankInk, segmentAt, type Segment } from './rules.js';
import type { StructureCell, TableStructure } from './structure.js';

export interface GridParams {
  dpi: number;
  width: number;
  height: number;
  /** FLAG_H / FLAG_V marks of every long ink run on the page (see findSegments) */
  flags: Uint8Array;
  /** rows/columns OR-ed into each scan line when the flags were made */
  radius: number;
  /** the binarised page, to tell a text line lying on a missing rule from a rule cut short */
  ink?: Uint8Array;
}

/** How far apart two rule positions may be and still be one rule; also the reach of a junction. */
function joinTolerance(dpi: number): number {
  return Math.max(3, Math.round(dpi * 0.03));
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/** Where a horizontal and a vertical segment cross (or would, within tol of their ends), else null. */
function crossing(h: Segment, v: Segment, tol: number): { x: number; y: number } | null {
  let x = v.pos;
  let y = segmentAt(h, x);
  x = segmentAt(v, y);
  y = segmentAt(h, x);
  if (x < h.a0 - tol || x > h.a1 + tol) return null;
  if (y < v.a0 - tol || y > v.a1 + tol) return null;
  return { x, y };
}

function weightedMedian(values: { v: number; w: number }[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((s, x) => s + x.w, 0);
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    if (acc >= total / 2) return x.v;
  }
  return sorted[sorted.length - 1]!.v;
}

/**
 * 1-D clustering of weighted positions, heaviest first: a long rule fixes its line and only pieces within tol of
 * it join, so a chain of short strokes (a seal's ring beside a rule) cannot drag the line off the rule.
 * Result = weighted means, ascending.
 */
function clusterPositions(values: { v: number; w: number }[], tol: number): { pos: number; weight: number }[] {
  const out: { pos: number; weight: number }[] = [];
  for (const x of [...values].sort((a, b) => b.w - a.w)) {
    let best: { pos: number; weight: number } | null = null;
    for (const c of out) if (Math.abs(c.pos - x.v) <= tol && (!best || Math.abs(c.pos - x.v) < Math.abs(best.pos - x.v))) best = c;
    if (best) {
      best.pos = (best.pos * best.weight + x.v * x.w) / (best.weight + x.w);
      best.weight += x.w;
    } else out.push({ pos: x.v, weight: x.w });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/**
 * Lines closer than minGap cannot both bound a cell (no text line fits between them): keep the heavier. Averaging
 * would let the arcs of a seal's ring beside a rule pull the rule's position off.
 */
function mergeClose(lines: { pos: number; weight: number }[], minGap: number): { pos: number; weight: number }[] {
  const kept: { pos: number; weight: number }[] = [];
  for (const l of [...lines].sort((a, b) => b.weight - a.weight)) {
    if (kept.every((k) => Math.abs(k.pos - l.pos) >= minGap)) kept.push(l);
  }
  return kept.sort((a, b) => a.pos - b.pos);
}

interface Frame {
  slope: number;
  cx: number;
  cy: number;
}

/** Page point where horizontal line R (y at cx) meets vertical line C (x at cy). */
function corner(f: Frame, R: number, C: number): { x: number; y: number } {
  const s = f.slope;
  // y = R + s(x − cx), x = C − s(y − cy)
  const x = (C - s * (R - f.cy) + s * s * f.cx) / (1 + s * s);
  return { x, y: R + s * (x - f.cx) };
}

/**
 * Share of the stretch [from, to] of a rule that has long ink runs of the right direction within ±tol of it,
 * overall and in the first and last `touch` pixels. A drawn rule is covered end to end: it reaches the rules at
 * both ends. Text lying on the line of a missing rule (a merged header's label, an activity name centred over
 * two indicator rows) stops short of them by the cell's padding.
 */
function ruleCoverage(
  g: GridParams,
  f: Frame,
  orient: 'h' | 'v',
  line: number,
  from: number,
  to: number,
  tol: number,
  touch: number,
): Coverage {
  const flag = orient === 'h' ? FLAG_H : FLAG_V;
  const { width, height } = g;
  // index of the pixel at along-coordinate a, perpendicular coordinate p; -1 off the page
  const at =
    orient === 'h'
      ? (a: number, p: number) => (a >= 0 && a < width && p >= 0 && p < height ? p * width + a : -1)
      : (a: number, p: number) => (a >= 0 && a < height && p >= 0 && p < width ? a * width + p : -1);
  const centre = orient === 'h' ? (a: number) => line + f.slope * (a - f.cx) : (a: number) => line - f.slope * (a - f.cy);
  const n = Math.max(1, Math.round(to - from));
  let covered = 0;
  let head = 0;
  let tail = 0;
  const zone = Math.max(1, Math.min(Math.round(touch), Math.floor(n / 3)));
  for (let k = 0; k < n; k++) {
    const a = Math.round(from + k + 0.5);
    const c = Math.round(centre(a));
    let hit = false;
    for (let p = c - tol; p <= c + tol && !hit; p++) {
      const i = at(a, p);
      if (i >= 0 && g.flags[i]! & flag) hit = true;
    }
    if (!hit) continue;
    covered++;
    if (k < zone) head++;
    if (k >= n - zone) tail++;
  }
  return { all: covered / n, head: head / zone, tail: tail / zone };
}

interface Coverage {
  /** share of the stretch with a long run on the line */
  all: number;
  /** the same in the first and last few pixels next to the crossing rules */
  head: number;
  tail: number;
}

/**
 * Whether a stretch is a drawn rule. `broken` also accepts a faint rule a hard scan broke into pieces: it still
 * reaches both crossing rules, which text lying where a rule is missing never does (cell padding), however much
 * of the stretch it covers; and a rule cut short at one end that still runs half the way from the other (for a
 * horizontal one, presence() then checks it is no bold text line lying where a rule is missing). That only decides merges between rules already known: while candidate lines are
 * still being pruned it would keep lines that came from text (own samples, smp_003 p1 grew 2 rows and a column).
 */
function isDrawn(c: Coverage, broken: boolean): 'solid' | 'broken' | 'cut' | null {
  if (c.all >= 0.8 && c.head >= 0.6 && c.tail >= 0.6) return 'solid';
  if (!broken) return null;
  // broken in the middle (reaches both crossing rules), or cut short at one end (reaches one, most of the way)
  if (c.all >= 0.4 && c.head >= 0.9 && c.tail >= 0.9) return 'broken';
  return c.all >= 0.5 && Math.max(c.head, c.tail) >= 0.9 ? 'cut' : null;
}

/** Share of a stroke's length with letters along one side above which it is text, not a rule (see flankInk). */
export const TEXT_FLANK = 0.4;

/**
 * A horizontal stretch taken for a rule cut short at one end: is it rather a bold text line lying where a rule
 * is missing (an activity's name across the two rows it spans), its letters along one side?
 */
function textOnLine(g: GridParams, f: Frame, R: number, x0: number, x1: number, thickness: number): boolean {
  if (!g.ink || x1 - x0 < 2) return false;
  const mid = (x0 + x1) / 2;
  const seg: Segment = { orient: 'h', a0: x0, a1: x1, pos: R + f.slope * (mid - f.cx), mid, slope: f.slope, thickness, p0: R, p1: R };
  const fl = flankInk(seg, g.ink, g.width, g.height, Math.max(2, Math.round(g.dpi * 0.03)));
  return Math.max(fl.above, fl.below) >= TEXT_FLANK;
}

interface Presence {
  h: boolean[][];
  v: boolean[][];
}

function presence(g: GridParams, f: Frame, rows: number[], cols: number[], thickness: number, broken = false): Presence {
  const tol = Math.max(2, g.radius + 1, Math.round(thickness / 2) + 1);
  // measure from the edges of the crossing rules; the touch zone is shorter than any cell padding
  const margin = Math.ceil(thickness / 2) + 1;
  const touch = Math.max(3, g.dpi * 0.03);
  const h: boolean[][] = rows.map((R) =>
    cols.slice(0, -1).map((C0, j) => {
      const C1 = cols[j + 1]!;
      if (C1 - C0 <= 2 * (margin + touch)) return true;
      const p0 = corner(f, R, C0);
      const p1 = corner(f, R, C1);
      const a = p0.x + margin;
      const b = p1.x - margin;
      const cov = ruleCoverage(g, f, 'h', R, a, b, tol, touch);
      const drawn = isDrawn(cov, broken);
      if (drawn !== 'cut') return drawn !== null;
      const stroke = cov.head >= cov.tail ? [a, a + cov.all * (b - a)] : [b - cov.all * (b - a), b];
      return !textOnLine(g, f, R, stroke[0]!, stroke[1]!, thickness);
    }),
  );
  const v: boolean[][] = cols.map((C) =>
    rows.slice(0, -1).map((R0, i) => {
      const R1 = rows[i + 1]!;
      if (R1 - R0 <= 2 * (margin + touch)) return true;
      const p0 = corner(f, R0, C);
      const p1 = corner(f, R1, C);
      return isDrawn(ruleCoverage(g, f, 'v', C, p0.y + margin, p1.y - margin, tol, touch), broken) !== null;
    }),
  );
  return { h, v };
}

/** Merge grid positions separated by missing rules, then grow each group to a rectangle (spans must be boxes). */
function spanCells(nRows: number, nCols: number, p: Presence): { r: number; c: number; rowspan: number; colspan: number }[] {
  const uf = new UnionFind(nRows * nCols);
  const id = (r: number, c: number) => r * nCols + c;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && !p.v[c + 1]![r]) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < nRows && !p.h[r + 1]![c]) uf.union(id(r, c), id(r + 1, c));
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    const rect = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < nCols; c++) {
        const k = uf.find(id(r, c));
        const b = rect.get(k);
        if (!b) rect.set(k, { r0: r, r1: r, c0: c, c1: c });
        else {
          b.r0 = Math.min(b.r0, r);
          b.r1 = Math.max(b.r1, r);
          b.c0 = Math.min(b.c0, c);
          b.c1 = Math.max(b.c1, c);
        }
      }
    }
    for (const [k, b] of rect) {
      for (let r = b.r0; r <= b.r1; r++) {
        for (let c = b.c0; c <= b.c1; c++) {
          if (uf.find(id(r, c)) !== uf.find(k)) {
            uf.union(id(r, c), k);
            changed = true;
          }
        }
      }
    }
  }
  const seen = new Set<number>();
  const cells: { r: number; c: number; rowspan: number; colspan: number }[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const k = uf.find(id(r, c));
      if (seen.has(k)) continue;
      seen.add(k);
      let c1 = c;
      while (c1 + 1 < nCols && uf.find(id(r, c1 + 1)) === k) c1++;
      let r1 = r;
      while (r1 + 1 < nRows && uf.find(id(r1 + 1, c)) === k) r1++;
      cells.push({ r, c, rowspan: r1 - r + 1, colspan: c1 - c + 1 });
    }
  }
  return cells;
}

function hull(points: { x: number; y: number }[]): Box {
  return {
    x0: Math.round(Math.min(...points.map((p) => p.x))),
    y0: Math.round(Math.min(...points.map((p) => p.y))),
    x1: Math.round(Math.max(...points.map((p) => p.x))),
    y1: Math.round(Math.max(...points.map((p) => p.y))),
  };
}

function drawnLength(drawn: boolean[], across: number[]): number {
  return drawn.reduce((sum, d, j) => sum + (d ? across[j + 1]! - across[j]! : 0), 0);
}

/**
 * One step of removing candidate lines that are not table rules, most certain first; null when the grid is
 * consistent. Each step removes at least one line, so repeating it ends.
 */
function pruneStep(rows: number[], cols: number[], pr: Presence, dpi: number): { rows: number[]; cols: number[] } | null {
  // a line drawn along no cell edge came from text or a stroke touching the network
  const keepRows = rows.filter((_, i) => pr.h[i]!.some(Boolean));
  const keepCols = cols.filter((_, j) => pr.v[j]!.some(Boolean));
  if (keepRows.length !== rows.length || keepCols.length !== cols.length) return { rows: keepRows, cols: keepCols };
  // a band too small for text (a row holds a text line and its padding, a column at least one digit): a seal's
  // ring or its lettering has added a line; drop the less drawn of the two
  for (const [orient, lines, drawn, across, min] of [
    ['h', rows, pr.h, cols, dpi * 0.18],
    ['v', cols, pr.v, rows, dpi * 0.2],
  ] as const) {
    let worst = -1;
    for (let i = 0; i + 1 < lines.length; i++) {
      const size = lines[i + 1]! - lines[i]!;
      if (size < min && (worst < 0 || size < lines[worst + 1]! - lines[worst]!)) worst = i;
    }
    if (worst < 0) continue;
    const drop = drawnLength(drawn[worst]!, across) < drawnLength(drawn[worst + 1]!, across) ? worst : worst + 1;
    const kept = lines.filter((_, i) => i !== drop);
    return orient === 'h' ? { rows: kept, cols } : { rows, cols: kept };
  }
  // text just outside the frame (a signature block's name under the table) can pass for one more row or
  // column; the frame's side rules do not run along it
  const lastR = rows.length - 2;
  const lastC = cols.length - 2;
  const rowOpen = (i: number) => !pr.v[0]![i] && !pr.v[cols.length - 1]![i];
  const colOpen = (j: number) => !pr.h[0]![j] && !pr.h[rows.length - 1]![j];
  if (lastR > 0 && rowOpen(lastR)) return { rows: rows.slice(0, -1), cols };
  if (lastR > 0 && rowOpen(0)) return { rows: rows.slice(1), cols };
  if (lastC > 0 && colOpen(lastC)) return { rows, cols: cols.slice(0, -1) };
  if (lastC > 0 && colOpen(0)) return { rows, cols: cols.slice(1) };
  return null;
}

/** Build one table from the segments of one rule network, or null when they do not make at least one cell. */
function buildTable(g: GridParams, hs: Segment[], vs: Segment[]): TableStructure | null {
  const dpi = g.dpi;
  const slope = weightedMedian([
    ...hs.map((s) => ({ v: s.slope, w: s.a1 - s.a0 })),
    ...vs.map((s) => ({ v: -s.slope, w: s.a1 - s.a0 })),
  ]);
  const x0 = Math.min(...hs.map((s) => s.a0));
  const x1 = Math.max(...hs.map((s) => s.a1));
  const y0 = Math.min(...vs.map((s) => s.a0));
  const y1 = Math.max(...vs.map((s) => s.a1));
  const f: Frame = { slope, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
  const thickness = weightedMedian([...hs, ...vs].map((s) => ({ v: s.thickness, w: s.a1 - s.a0 })));

  const tol = joinTolerance(dpi);
  // two candidate lines closer than this cannot both be rules of a cell (no text line fits between them)
  const minGap = Math.max(tol + 1, dpi * 0.1 + thickness);
  let rows = mergeClose(
    clusterPositions(
      hs.map((s) => ({ v: s.pos + slope * (f.cx - s.mid), w: s.a1 - s.a0 })),
      tol,
    ),
    minGap,
  ).map((l) => l.pos);
  let cols = mergeClose(
    clusterPositions(
      vs.map((s) => ({ v: s.pos - slope * (f.cy - s.mid), w: s.a1 - s.a0 })),
      tol,
    ),
    minGap,
  ).map((l) => l.pos);

  let p: Presence | null = null;
  for (;;) {
    if (rows.length < 2 || cols.length < 2) return null;
    p = presence(g, f, rows, cols, thickness);
    const next = pruneStep(rows, cols, p, dpi);
    if (!next) break;
    rows = next.rows;
    cols = next.cols;
  }
  if (!p || rows.length < 2 || cols.length < 2) return null;
  // the rules are settled: now a broken rule between two of them separates cells rather than merging them
  p = presence(g, f, rows, cols, thickness, true);
  // the outer frame is the table's edge even where a scan lost part of it
  for (const row of [p.h[0]!, p.h[rows.length - 1]!]) row.fill(true);
  for (const col of [p.v[0]!, p.v[cols.length - 1]!]) col.fill(true);

  const nRows = rows.length - 1;
  const nCols = cols.length - 1;
  // an underlined heading (headline, underline and two glyph stems) makes a "table" one text line high;
  // a real row holds a line of text plus padding, and a lone framed box is not a table
  if (nRows * nCols < 2 || rows[nRows]! - rows[0]! < dpi * 0.22 || cols[nCols]! - cols[0]! < dpi * 0.3) return null;
  const cells: StructureCell[] = spanCells(nRows, nCols, p).map((c) => ({
    ...c,
    bbox: hull([
      corner(f, rows[c.r]!, cols[c.c]!),
      corner(f, rows[c.r]!, cols[c.c + c.colspan]!),
      corner(f, rows[c.r + c.rowspan]!, cols[c.c]!),
      corner(f, rows[c.r + c.rowspan]!, cols[c.c + c.colspan]!),
    ]),
  }));
  const bbox = hull([
    corner(f, rows[0]!, cols[0]!),
    corner(f, rows[0]!, cols[nCols]!),
    corner(f, rows[nRows]!, cols[0]!),
    corner(f, rows[nRows]!, cols[nCols]!),
  ]);
  return {
    bbox,
    nRows,
    nCols,
    rowLines: rows.map((r) => Math.round(r * 10) / 10),
    colLines: cols.map((c) => Math.round(c * 10) / 10),
    slope,
    centre: { x: f.cx, y: f.cy },
    ruleThickness: thickness,
    hRules: p.h,
    vRules: p.v,
    cells,
  };
}

/**
 * Group segments into rule networks (a horizontal and a vertical segment that cross, or meet within a small
 * reach, belong to the same table) and build each network's grid.
 */
export function buildTables(g: GridParams, hSegs: Segment[], vSegs: Segment[]): TableStructure[] {
  const tol = joinTolerance(g.dpi);
  const uf = new UnionFind(hSegs.length + vSegs.length);
  const linked = new Uint8Array(hSegs.length + vSegs.length);
  for (let i = 0; i < hSegs.length; i++) {
    for (let j = 0; j < vSegs.length; j++) {
      if (crossing(hSegs[i]!, vSegs[j]!, tol)) {
        uf.union(i, hSegs.length + j);
        linked[i] = 1;
        linked[hSegs.length + j] = 1;
      }
    }
  }
  const groups = new Map<number, { hs: Segment[]; vs: Segment[] }>();
  const add = (k: number, s: Segment) => {
    const root = uf.find(k);
    let grp = groups.get(root);
    if (!grp) groups.set(root, (grp = { hs: [], vs: [] }));
    (s.orient === 'h' ? grp.hs : grp.vs).push(s);
  };
  hSegs.forEach((s, i) => linked[i] && add(i, s));
  vSegs.forEach((s, j) => linked[hSegs.length + j] && add(hSegs.length + j, s));

  const tables: TableStructure[] = [];
  for (const { hs, vs } of groups.values()) {
    if (hs.length < 2 || vs.length < 2) continue;
    const t = buildTable(g, hs, vs);
    if (t) tables.push(t);
  }
  return tables.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}
