/**
 * Flows blocks over as many pages as they need. A table may be cut between row groups (an activity with
 * its indicators, a discussion item); everything else moves to the next page whole.
 */
import { layoutPage } from './layout.js';
import type { Block, PageSpec, TableSpec } from './model.js';
import { Rng } from './prng.js';

export interface SplitTable {
  kind: 'splitTable';
  groups: number;
  /** the part of the table holding groups [from, to); `first` is false on a continuation page */
  build: (from: number, to: number, first: boolean) => TableSpec;
  spaceBeforeMm?: number;
  spaceAfterMm?: number;
}

export type FlowItem = Block | SplitTable;

/** Same page template with other blocks. */
export type PageTemplate = (blocks: Block[], index: number) => PageSpec;

function fits(spec: PageSpec, dpi: number): boolean {
  return layoutPage(spec, { dpi, rng: new Rng(0) }).overflowPx === 0;
}

interface PlacedPart {
  item: SplitTable;
  from: number;
  to: number;
  first: boolean;
}

const kept = (b: Block) => (b.kind === 'para' || b.kind === 'sign') && b.keepWithPrevious === true;

export function paginate(items: FlowItem[], template: PageTemplate, dpi: number): PageSpec[] {
  const pages: Block[][] = [[]];
  // the table part each page block came from, so a signature can pull the table's last rows along
  const parts = new Map<Block, PlacedPart>();
  const cur = () => pages[pages.length - 1]!;
  const fitsWith = (blocks: Block[]) => fits(template(blocks, pages.length - 1), dpi);
  const tablePart = (p: PlacedPart): Block => {
    const b: Block = { kind: 'table', table: p.item.build(p.from, p.to, p.first), spaceBeforeMm: p.item.spaceBeforeMm, spaceAfterMm: p.item.spaceAfterMm };
    parts.set(b, p);
    return b;
  };

  /** Moves the last groups of the table before the trailing kept blocks to a new page, with those blocks and b. */
  const carry = (b: Block): boolean => {
    const page = cur();
    let i = page.length;
    while (i > 0 && kept(page[i - 1]!)) i--;
    const part = i > 0 ? parts.get(page[i - 1]!) : undefined;
    if (!part) return false;
    const tail = page.slice(i);
    for (let move = 1; move < part.to - part.from; move++) {
      const split = part.to - move;
      const keep = tablePart({ ...part, to: split });
      const rest = tablePart({ item: part.item, from: split, to: part.to, first: false });
      if (!fitsWith([rest, ...tail, b])) continue;
      page.splice(i - 1, page.length - (i - 1), keep);
      pages.push([rest, ...tail, b]);
      return true;
    }
    return false;
  };

  for (const item of items) {
    if (item.kind !== 'splitTable') {
      if (fitsWith([...cur(), item])) {
        cur().push(item);
        continue;
      }
      if (kept(item) && carry(item)) continue;
      if (cur().length === 0) throw new Error(`a ${item.kind} block does not fit on an empty page`);
      pages.push([]);
      if (!fitsWith([item])) throw new Error(`a ${item.kind} block does not fit on an empty page`);
      cur().push(item);
      continue;
    }
    let from = 0;
    let first = true;
    while (from < item.groups) {
      let placed = 0;
      for (let to = item.groups; to > from; to--) {
        const block = tablePart({ item, from, to, first });
        if (fitsWith([...cur(), block])) {
          cur().push(block);
          placed = to - from;
          break;
        }
      }
      if (placed === 0) {
        if (cur().length === 0) throw new Error('one row group of a table does not fit on an empty page');
      } else {
        from += placed;
        first = false;
      }
      if (from < item.groups) pages.push([]);
    }
  }
  return pages.map((blocks, i) => template(blocks, i));
}
