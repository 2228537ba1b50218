/**
 * Dashboard benchmark: p50/p95 of each /api/dashboard route on the 1,000,000-record synthetic database of
 * `npm run bench:query` (made first if missing), requested through the review app in-process (hono's
 * app.request: query-string checks, name resolution, the query layer, JSON or CSV/XLSX writing; no sockets).
 *
 *   npx tsx src/bench-dashboard.ts [--db FILE] [--rebuild] [--runs N] [--json FILE]
 *
 * Wall time and this process's CPU time are both reported: on a shared machine the CPU time says what a
 * request costs, the wall time what an analyst waits. Budget: 200 ms at p95 (wall) for every route an
 * analyst's click makes; the whole-archive views are shown, marked bulk, and not held to it. Exit code 1
 * when a budgeted route is over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { openDb } from '../db/open.js';
import { loadGazetteer } from '../models/gazetteer.js';
import { coverage } from '../db/analysis.js';
import { clearDashboardCaches } from './query/dashboard.js';
import { coverageTable } from './query/tables.js';
import { createReviewApp } from './server/app.js';
import { ensureSyntheticDb, syntheticOffices } from './query/synthetic.js';

const BUDGET_MS = 200;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('--db') ?? '.tmp/bench-query.sqlite';
const runs = Number(arg('--runs') ?? 15);
ensureSyntheticDb(file, { rebuild: process.argv.includes('--rebuild') });

// as the server opens it: migrated first (006 adds the index the office comparison reads; once, ~30 s here)
openDb(file).close();
const db = openDb(file, { readonly: true });
const app = createReviewApp({ db });

// names as an analyst picks or types them, from the offices stored (the same ones bench:query uses)
const sample = syntheticOffices(500);
const gaz = loadGazetteer();
const upazilaOffice = sample.filter((o) => o.level === 'upazila')[137]!;
const upazilaEn = gaz.upazilas.find((u) => u.bn === upazilaOffice.upazila)!.en;
const districtBn = sample[300]!.district;
const divisionBn = sample[300]!.division;
const biggestDivision = [...sample.reduce((m, o) => m.set(o.division, (m.get(o.division) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]!;
const divisionEn = gaz.divisions.find((d) => d.bn === biggestDivision[0])!.en;
const enc = encodeURIComponent;

interface Route {
  name: string;
  path: string;
  bulk?: boolean;
  /** forget the remembered office list and peer values before each request (a first view after a change) */
  cold?: boolean;
}

const routes: Route[] = [
  { name: 'options', path: 'options' },
  { name: `coverage --division ${divisionEn} (${biggestDivision[1]} offices, 12 years)`, path: `coverage?division=${divisionEn}` },
  { name: `coverage --division ${divisionBn} --fy 2024-25`, path: `coverage?division=${enc(divisionBn)}&fy=2024-25` },
  { name: `coverage --district ${districtBn} (all years)`, path: `coverage?district=${enc(districtBn)}` },
  { name: `indicator efile-notes --district ${districtBn}`, path: `indicator?entry=efile-notes&district=${enc(districtBn)}` },
  { name: `indicator efile-notes --division ${divisionEn}`, path: `indicator?entry=efile-notes&division=${divisionEn}` },
  { name: `indicator 4.1.2 --office ${upazilaEn} (12 years)`, path: `indicator?code=4.1.2&office=${upazilaEn}` },
  { name: `office ${upazilaEn} (latest report), first view`, path: `office?office=${upazilaEn}`, cold: true },
  { name: `office ${upazilaEn} (latest report), again`, path: `office?office=${upazilaEn}` },
  { name: `office ${upazilaEn} --fy 2019-20 --quarter 2, first view`, path: `office?office=${upazilaEn}&fy=2019-20&quarter=2`, cold: true },
  { name: `coverage --division ${divisionEn} as CSV`, path: `coverage?division=${divisionEn}&format=csv` },
  { name: `indicator efile-notes --district ${districtBn} as XLSX`, path: `indicator?entry=efile-notes&district=${enc(districtBn)}&format=xlsx&digits=bn` },
  { name: 'bulk: coverage (every office, all years)', path: 'coverage', bulk: true },
  { name: 'bulk: indicator efile-notes (every office)', path: 'indicator?entry=efile-notes', bulk: true },
];

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function request(path: string): Promise<{ status: number; bytes: number }> {
  const res = await app.request(`http://localhost/api/dashboard/${path}`);
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes: body.length };
}

const n = (db.prepare('SELECT COUNT(*) AS n FROM indicators').get() as { n: number }).n;
process.stdout.write(`${file}: ${n.toLocaleString('en')} indicator records; ${runs} requests per route after three unmeasured ones\n`);
const yardstick = (): number => {
  const ref: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    coverageTable(coverage(db), { terminal: false });
    ref.push(performance.now() - t0);
  }
  return quantile(ref, 0.5);
};
const refBefore = yardstick();
process.stdout.write(`yardstick before: bench:query's "coverage (all offices, all years)" p50 ${refBefore.toFixed(0)} ms (116 ms in the README, at load 1.0)\n\n`);
const results: { name: string; path: string; bulk: boolean; bytes: number; p50: number; p95: number; cpuP50: number; cpuP95: number }[] = [];
for (const r of routes) {
  const first = await request(r.path);
  if (first.status !== 200) throw new Error(`${r.path}: HTTP ${first.status}`);
  // two more unmeasured requests: the first few of a route run before V8 has compiled its code paths
  for (let i = 0; i < 2; i++) await request(r.path);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (r.cold) clearDashboardCaches(db);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await request(r.path);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const x = { name: r.name, path: r.path, bulk: r.bulk === true, bytes: first.bytes, p50: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95) };
  results.push(x);
  process.stdout.write(
    `${x.name.padEnd(62)} ${String(Math.round(x.bytes / 1024)).padStart(6)} KiB  p50 ${x.p50.toFixed(0).padStart(5)} ms  p95 ${x.p95.toFixed(0).padStart(5)} ms  ` +
      `cpu p50 ${x.cpuP50.toFixed(0).padStart(5)} p95 ${x.cpuP95.toFixed(0).padStart(5)} ms  ${x.bulk ? '(bulk)' : x.p95 < BUDGET_MS ? 'ok' : `OVER ${BUDGET_MS} ms`}\n`,
  );
}
// the machine's speed now, against a number documented at load 1.0 (README "Query speed"): bench:query's
// first preset, `query coverage` over every office and year, p50 116 ms there
const refP50 = yardstick();
process.stdout.write(`\nyardstick after: p50 ${refP50.toFixed(0)} ms: the machine ran ${(refBefore / 116).toFixed(1)}x and ${(refP50 / 116).toFixed(1)}x slower than at load 1.0 before and after\n`);
db.close();
const json = arg('--json');
if (json) fs.writeFileSync(json, JSON.stringify({ file, records: n, runs, results, yardstick: { name: 'bench:query coverage (all offices, all years)', before: refBefore, after: refP50, readmeP50: 116 } }, null, 1));
process.stdout.write(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores\n`);
process.exitCode = results.every((r) => r.bulk || r.p95 < BUDGET_MS) ? 0 : 1;
