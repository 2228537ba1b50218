/**
 * Upper bound of the Annex 5 stage: feed the eval truth's tables (as if table OCR were perfect) through role,
 * header mapping, join, extraction and validation, and score the records like ../shared/eval/score.mjs
 * (match by indicatorCode, k-th occurrence; canonical value comparison). Measurement only.
 *
 *   npm run measure -- annex5 [--truth ../shared/eval/public] [--lose-merges] [--noise 0.1 [--seed 1]]
 *       [--verbose] [--json out.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IndicatorRecord } from '../../models/indicator.js';
import type { Table, TableCell, TableRole } from '../../models/table.js';
import type { Quarter } from '../../models/value.js';
import { annex5Indicators } from '../../pipeline/annex5/index.js';
import type { PageTables } from '../../pipeline/annex5/types.js';

interface TruthCell {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  text: string;
}
interface TruthTable {
  role: TableRole;
  format: string | null;
  columnKeys: string[] | null;
  continuation: boolean;
  continues: boolean;
  nRows: number;
  nCols: number;
  headerRows: number;
  cells: TruthCell[];
  grid: string[][];
  indicators?: Array<Record<string, unknown> & { indicatorCode: string }>;
}
interface Truth {
  id: string;
  fiscalYear: string;
  quarter: Quarter;
  tier: string;
  pages: Array<{ page: number; text: string; tables: TruthTable[] }>;
}

const CORE = ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total'] as const;
const EXTRA = ['rate', 'score', 'remarks'] as const;
const UNIT_MAP: Record<string, string> = { তারিখ: 'date', '%': 'percent', সংখ্যা: 'count', date: 'date', percent: 'percent', count: 'count' };

/** A stand-in box per grid cell so provenance can be checked: 100 px per column, 40 px per row. */
function syntheticBox(c: TruthCell, pageIndex: number) {
  return { x0: c.c * 100, y0: c.r * 40 + pageIndex, x1: (c.c + c.colspan) * 100, y1: (c.r + c.rowspan) * 40 + pageIndex };
}

/**
 * The grid as structure detection gives it when it misses every merge: a merged cell's text only in its
 * top-left position, the positions it covered empty (a stress test of header mapping and activity carry-over).
 */
function loseMerges(t: TruthTable): TruthTable {
  const grid = t.grid.map((row) => row.map(() => ''));
  const cells: TruthCell[] = [];
  for (const c of t.cells) {
    grid[c.r]![c.c] = c.text;
    for (let r = c.r; r < c.r + c.rowspan; r++) {
      for (let cc = c.c; cc < c.c + c.colspan; cc++) cells.push({ r, c: cc, rowspan: 1, colspan: 1, text: r === c.r && cc === c.c ? c.text : '' });
    }
  }
  return { ...t, grid, cells };
}

/** Deterministic pseudo-random numbers (mulberry32), so a noisy run can be repeated. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Confusions Tesseract's ben model makes in table cells (look-alike digits, lost signs, split words). */
const LOOKALIKE: Record<string, string> = { '৪': '8', '০': 'o', '৭': '9', '১': '৯', '৩': '৩়', '৬': '৬', '৫': '&', '%': '°/o', '/': '1', '.': ',' };
function corrupt(text: string, rand: () => number): string {
  const chars = [...text];
  if (chars.length === 0) return text;
  const i = Math.floor(rand() * chars.length);
  const ch = chars[i]!;
  const kind = rand();
  if (kind < 0.5 && LOOKALIKE[ch] !== undefined) chars[i] = LOOKALIKE[ch]!;
  else if (kind < 0.75) chars.splice(i, 1);
  else chars.splice(i, 0, ' ');
  return chars.join('');
}

/**
 * Simulated OCR: each non-empty cell is misread with probability `rate` (one confusion) and then gets a lower
 * word confidence, as Tesseract usually (not always) reports for its misreads.
 */
function addNoise(t: TruthTable, rate: number, rand: () => number): TruthTable & { conf: Map<string, number> } {
  const conf = new Map<string, number>();
  const cells = t.cells.map((c) => {
    if (!c.text || rand() >= rate) {
      conf.set(`${c.r},${c.c}`, 85 + rand() * 10);
      return c;
    }
    conf.set(`${c.r},${c.c}`, rand() < 0.8 ? 35 + rand() * 30 : 80 + rand() * 10);
    return { ...c, text: corrupt(c.text, rand) };
  });
  const grid = t.grid.map((row) => [...row]);
  for (const c of cells) for (let r = c.r; r < c.r + c.rowspan; r++) for (let cc = c.c; cc < c.c + c.colspan; cc++) grid[r]![cc] = c.text;
  return { ...t, cells, grid, conf };
}

function toTable(t: TruthTable & { conf?: Map<string, number> }, index: number): Table {
  const cells: TableCell[] = t.cells.map((c) => ({ r: c.r, c: c.c, rowspan: c.rowspan, colspan: c.colspan, text: c.text, conf: c.text ? (t.conf?.get(`${c.r},${c.c}`) ?? 95) : null, bbox: syntheticBox(c, 0) }));
  return {
    index,
    bbox: { x0: 0, y0: 0, x1: t.nCols * 100, y1: t.nRows * 40 },
    nRows: t.nRows,
    nCols: t.nCols,
    role: 'unknown',
    cells,
    grid: t.grid,
    rowLines: [],
    colLines: [],
  };
}

interface Tally {
  n: number;
  ok: number;
}
const tally = (): Tally => ({ n: 0, ok: 0 });
const pct = (t: Tally) => (t.n ? `${((100 * t.ok) / t.n).toFixed(2)}%` : 'n/a').padStart(8) + `  (${t.ok}/${t.n})`;

async function main() {
  const args = process.argv.slice(2);
  const arg = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const truthDir = path.resolve(arg('--truth') ?? '../shared/eval/public');
  const verbose = args.includes('--verbose');
  const lostMerges = args.includes('--lose-merges');
  const noise = Number(arg('--noise') ?? 0);
  const rand = rng(Number(arg('--seed') ?? 1));
  const lib = (await import(pathToFileURL(path.join(truthDir, '..', 'lib', 'metrics.mjs')).href)) as {
    canon: (v: unknown) => string;
    normValue: (raw: unknown) => unknown;
    normText: (s: unknown) => string;
  };
  const normField = (key: string, v: unknown): unknown => {
    if (v && typeof v === 'object' && ('raw' in v || 'value' in v)) v = 'value' in v ? (v as { value: unknown }).value : lib.normValue((v as { raw: unknown }).raw);
    if (key === 'unit') return v == null ? null : (UNIT_MAP[lib.normText(v)] ?? lib.normText(v));
    if (typeof v === 'string') return lib.normValue(v);
    return v ?? null;
  };

  const role = tally();
  const format = tally();
  const columns = tally();
  const headerRows = tally();
  const joins = tally();
  const found = tally();
  const fields: Record<string, Tally> = {};
  const byTier: Record<string, Tally> = {};
  let spurious = 0;
  const provenance = tally();
  const flagCounts: Record<string, number> = {};
  let wrongFields = 0;
  let wrongFlagged = 0;
  let rightFields = 0;
  let rightFlagged = 0;
  const confusion: string[] = [];

  const files = fs.readdirSync(truthDir).filter((f) => f.endsWith('.truth.json')).sort();
  for (const f of files) {
    const T = JSON.parse(fs.readFileSync(path.join(truthDir, f), 'utf8')) as Truth;
    const pages: PageTables[] = T.pages.filter((p) => p.tables.length > 0).map((p) => ({ page: p.page, text: p.text, tables: p.tables.map((t, i) => {
        const base = lostMerges ? loseMerges(t) : t;
        return toTable(noise > 0 ? addNoise(base, noise, rand) : base, i);
      }),
    }));
    const result = annex5Indicators(pages, { fiscalYear: T.fiscalYear, quarter: T.quarter });

    // roles, formats, mappings, joins
    const partOf = new Map<string, { logical: number; headerRows: number; keys: (string | null)[] | null; format: string }>();
    result.tables.forEach((lt, li) => {
      for (const p of lt.parts) {
        partOf.set(`${p.page}#${p.tableIndex}`, { logical: li, headerRows: p.headerRows, keys: p.mapping ? p.mapping.columns.map((c) => c.key) : null, format: lt.format });
      }
    });
    const rolesByKey = new Map(result.roles.map((r) => [`${r.page}#${r.tableIndex}`, r.role]));
    let prevKey: string | null = null;
    for (const p of T.pages) {
      p.tables.forEach((tt, k) => {
        const key = `${p.page}#${k}`;
        const got = rolesByKey.get(key);
        role.n++;
        if (got === tt.role) role.ok++;
        else confusion.push(`${T.id} p${p.page}#${k}: role ${tt.role} → ${got}`);
        const info = partOf.get(key);
        if (tt.continuation) {
          joins.n++;
          const prev = prevKey ? partOf.get(prevKey) : undefined;
          if (info && prev && info.logical === prev.logical) joins.ok++;
          else confusion.push(`${T.id} p${p.page}#${k}: continuation not joined`);
        } else if (prevKey) {
          // a table that starts afresh must not be glued to the previous one
          joins.n++;
          const prev = partOf.get(prevKey);
          if (!(info && prev && info.logical === prev.logical)) joins.ok++;
          else confusion.push(`${T.id} p${p.page}#${k}: separate table joined to previous`);
        }
        prevKey = key;
        if (tt.role !== 'annex5' || !info) return;
        headerRows.n++;
        if (info.headerRows === tt.headerRows) headerRows.ok++;
        else confusion.push(`${T.id} p${p.page}#${k}: headerRows ${tt.headerRows} → ${info.headerRows}`);
        if (!tt.continuation) {
          format.n++;
          if (info.format === tt.format) format.ok++;
          else confusion.push(`${T.id} p${p.page}#${k}: format ${tt.format} → ${info.format}`);
        }
        if (tt.columnKeys && info.keys) {
          tt.columnKeys.forEach((want, c) => {
            columns.n++;
            if (info.keys![c] === want) columns.ok++;
            else confusion.push(`${T.id} p${p.page}#${k}: column ${c} ${want} → ${info.keys![c]}`);
          });
        }
      });
    }

    // indicators, matched like score.mjs
    const truthRecs: Array<{ rec: Record<string, unknown> & { indicatorCode: string }; page: number }> = [];
    for (const p of T.pages) for (const tt of p.tables) for (const r of tt.indicators ?? []) truthRecs.push({ rec: r, page: p.page });
    const predByKey = new Map<string, IndicatorRecord>();
    const occ = new Map<string, number>();
    for (const r of result.indicators) {
      const n = (occ.get(r.indicatorCode) ?? 0) + 1;
      occ.set(r.indicatorCode, n);
      predByKey.set(`${r.indicatorCode}#${n}`, r);
      for (const fl of r.flags) flagCounts[fl.rule] = (flagCounts[fl.rule] ?? 0) + 1;
    }
    const occT = new Map<string, number>();
    const tier = (byTier[T.tier] ??= tally());
    for (const { rec: tr, page } of truthRecs) {
      const n = (occT.get(tr.indicatorCode) ?? 0) + 1;
      occT.set(tr.indicatorCode, n);
      const pr = predByKey.get(`${tr.indicatorCode}#${n}`);
      found.n++;
      if (pr) found.ok++;
      else confusion.push(`${T.id} ${tr.indicatorCode}#${n}: not extracted`);
      if (pr) {
        provenance.n++;
        if (pr.page === page && pr.row === tr.row) provenance.ok++;
        else confusion.push(`${T.id} ${tr.indicatorCode}#${n}: at p${pr.page} r${pr.row}, truth p${page} r${String(tr.row)}`);
      }
      for (const key of [...CORE, ...EXTRA]) {
        const tv = tr[key] as { printed?: boolean } | undefined;
        if (!(key in tr) || (tv && tv.printed === false)) continue;
        const st = (fields[key] ??= tally());
        st.n++;
        tier.n++;
        const want = lib.canon(normField(key, tv));
        const got = pr ? lib.canon(normField(key, pr[key])) : undefined;
        if (got === want) {
          st.ok++;
          tier.ok++;
          rightFields++;
          const field = pr![key];
          if (pr!.flags.some((fl) => fl.field === key) || (field.confidence !== null && field.confidence < 0.6)) rightFlagged++;
        } else if (pr) {
          wrongFields++;
          const field = pr[key];
          const flagged = pr.flags.some((fl) => fl.field === key) || (field.confidence !== null && field.confidence < 0.6);
          if (flagged) wrongFlagged++;
          if (verbose) confusion.push(`${T.id} ${tr.indicatorCode}#${n} ${key}: want ${want} got ${got} (raw ${JSON.stringify(field.raw)}, conf ${field.confidence})${flagged ? '' : ' UNFLAGGED'}`);
        }
      }
    }
    const nT = new Map<string, number>();
    for (const { rec } of truthRecs) nT.set(rec.indicatorCode, (nT.get(rec.indicatorCode) ?? 0) + 1);
    for (const [k, n] of occ) {
      const extra = Math.max(0, n - (nT.get(k) ?? 0));
      spurious += extra;
      if (extra) confusion.push(`${T.id} ${k}: ${extra} spurious`);
    }
  }

  const core = tally();
  for (const k of CORE) if (fields[k]) (core.n += fields[k].n), (core.ok += fields[k].ok);
  const how = [lostMerges ? 'every merge lost' : '', noise > 0 ? `simulated OCR noise ${noise} per cell` : ''].filter(Boolean).join(', ');
  console.log(`Annex 5 stage on ${how ? `truth tables with ${how}` : 'perfect tables'} (${files.length} submissions from ${truthDir})`);
  console.log(`  table role           ${pct(role)}`);
  console.log(`  join decisions       ${pct(joins)}`);
  console.log(`  annex format         ${pct(format)}`);
  console.log(`  header rows          ${pct(headerRows)}`);
  console.log(`  column mapping       ${pct(columns)}`);
  console.log(`  indicators found     ${pct(found)}   spurious ${spurious}`);
  console.log(`  provenance page/row  ${pct(provenance)}`);
  console.log(`  core field accuracy  ${pct(core)}`);
  for (const [k, v] of Object.entries(fields)) console.log(`    ${k.padEnd(8)} ${pct(v)}`);
  for (const [k, v] of Object.entries(byTier)) console.log(`  tier ${k.padEnd(8)} all fields ${pct(v)}`);
  console.log(`  wrong fields flagged ${wrongFields ? `${wrongFlagged}/${wrongFields}` : 'n/a (none wrong)'}   correct fields flagged ${rightFlagged}/${rightFields}`);
  console.log(`  validation flags raised: ${JSON.stringify(flagCounts)}`);
  if (confusion.length) console.log(`\n${confusion.join('\n')}`);
  const json = arg('--json');
  if (json) fs.writeFileSync(json, JSON.stringify({ role, joins, format, headerRows, columns, found, spurious, provenance, core, fields, byTier, flagCounts, wrongFields, wrongFlagged, rightFields, rightFlagged, notes: confusion }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
