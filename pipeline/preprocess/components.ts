/**
 * Connected ink components (8-connected), found over horizontal runs rather than pixels so a page takes
 * milliseconds. Clean-up uses them to keep only text-sized blobs when it measures text lines: a table's
 * ruling is one huge component, scanner dust is a tiny one, and both would otherwise dominate the profiles.
 */
import type { InkMask } from './binarise.js';

export interface Components {
  count: number;
  /** per component k (0-based): bounding box (inclusive) and ink pixel count */
  x0: Int32Array;
  y0: Int32Array;
  x1: Int32Array;
  y1: Int32Array;
  area: Int32Array;
  /** the runs: row, first and last column, and the component each belongs to */
  runRow: Int32Array;
  runStart: Int32Array;
  runEnd: Int32Array;
  runComponent: Int32Array;
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export function labelComponents(mask: InkMask): Components {
  const { width: w, height: h, data } = mask;
  const row = new GrowableInt32();
  const start = new GrowableInt32();
  const end = new GrowableInt32();
  for (let y = 0; y < h; y++) {
    const base = y * w;
    let x = 0;
    while (x < w) {
      if (!data[base + x]) {
        x++;
        continue;
      }
      const s = x;
      while (x < w && data[base + x]) x++;
      row.push(y);
      start.push(s);
      end.push(x - 1);
    }
  }
  const n = row.length;
  const runRow = row.view();
  const runStart = start.view();
  const runEnd = end.view();
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  // runs of consecutive rows touch (8-connected) when their column spans overlap after widening by one
  let prevFirst = 0;
  let prevLast = -1;
  let i = 0;
  while (i < n) {
    const y = runRow[i]!;
    let j = i;
    while (j < n && runRow[j] === y) j++;
    if (prevLast >= prevFirst && runRow[prevFirst] === y - 1) {
      let p = prevFirst;
      for (let r = i; r < j; r++) {
        while (p <= prevLast && runEnd[p]! < runStart[r]! - 1) p++;
        for (let q = p; q <= prevLast && runStart[q]! <= runEnd[r]! + 1; q++) {
          const a = find(r);
          const b = find(q);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    prevFirst = i;
    prevLast = j - 1;
    i = j;
  }
  const runComponent = new Int32Array(n);
  const index = new Int32Array(n).fill(-1);
  let count = 0;
  for (let r = 0; r < n; r++) {
    const root = find(r);
    if (index[root] === -1) index[root] = count++;
    runComponent[r] = index[root]!;
  }
  const x0 = new Int32Array(count).fill(w);
  const y0 = new Int32Array(count).fill(h);
  const x1 = new Int32Array(count).fill(-1);
  const y1 = new Int32Array(count).fill(-1);
  const area = new Int32Array(count);
  for (let r = 0; r < n; r++) {
    const c = runComponent[r]!;
    if (runStart[r]! < x0[c]!) x0[c] = runStart[r]!;
    if (runEnd[r]! > x1[c]!) x1[c] = runEnd[r]!;
    if (runRow[r]! < y0[c]!) y0[c] = runRow[r]!;
    if (runRow[r]! > y1[c]!) y1[c] = runRow[r]!;
    area[c]! += runEnd[r]! - runStart[r]! + 1;
  }
  return { count, x0, y0, x1, y1, area, runRow, runStart, runEnd, runComponent };
}

/** A mask holding only the components `keep(k)` accepts. */
export function keepComponents(mask: InkMask, comps: Components, keep: (k: number) => boolean): InkMask {
  const verdict = new Uint8Array(comps.count);
  for (let k = 0; k < comps.count; k++) verdict[k] = keep(k) ? 1 : 0;
  const data = new Uint8Array(mask.data.length);
  for (let r = 0; r < comps.runRow.length; r++) {
    if (!verdict[comps.runComponent[r]!]) continue;
    const base = comps.runRow[r]! * mask.width;
    data.fill(1, base + comps.runStart[r]!, base + comps.runEnd[r]! + 1);
  }
  return { width: mask.width, height: mask.height, data };
}
