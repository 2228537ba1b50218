/**
 * Query benchmark: p50/p95 of each preset analyst query on a synthetic database of 1,000,000 indicator
 * records (500 offices × 12 fiscal years × 4 quarters × ~42 indicators; src/query/synthetic.ts).
 *
 *   npx tsx src/bench-query.ts [--db FILE] [--rebuild] [--runs N] [--json FILE]
 *
 * The database is made on first use (about a minute, ~1 GB) and reused; --rebuild makes it again. Each
 * preset is the work a `query` command does before printing: name resolution, the SQL, and turning rows
 * into the output table. Budget: 200 ms per preset at p50; the exit code is 1 when one is over it.
 * Whole-archive dumps (every office and year) are timed too, marked bulk, and not held to the budget.
 */
import fs from 'node:fs';
import os from 'node:os';
import { coverage, flagRows, indicatorRows, listOffices, officeRows, runSelect } from '../db/analysis.js';
import { openDb } from '../db/open.js';
import { catalogueEntryById, loadCatalogueLinks } from '../models/catalogue-links.js';
import { loadGazetteer } from '../models/gazetteer.js';
import { ensureSyntheticDb, syntheticOffices } from './query/synthetic.js';
import { parseFiscalYears, resolveDistrictOffices, resolveOffices } from './query/resolve.js';
import { INDICATOR_QUERY_FIELDS, coverageTable, flagsTable, indicatorTable, officeTable, sqlTable } from './query/tables.js';

const BUDGET_MS = 200;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('--db') ?? '.tmp/bench-query.sqlite';
const runs = Number(arg('--runs') ?? 15);
ensureSyntheticDb(file, { rebuild: process.argv.includes('--rebuild') });

const db = openDb(file, { readonly: true });
const n = (db.prepare('SELECT COUNT(*) AS n FROM indicators').get() as { n: number }).n;
const links = loadCatalogueLinks();
const style = { terminal: false };

// names as an analyst types them: English for one, Bangla for the other, taken from the offices stored
const sample = syntheticOffices(500);
const upazilaOffice = sample.filter((o) => o.level === 'upazila')[137]!;
const gaz = loadGazetteer();
const upazilaEn = gaz.upazilas.find((u) => u.bn === upazilaOffice.upazila)!.en;
const districtBn = sample[300]!.district;

interface Preset {
  name: string;
  run: () => number;
  /**
   * a whole-archive dump (every office and year, tens of thousands of rows): an export, timed and shown
   * but not held to the interactive budget
   */
  bulk?: boolean;
}

const presets: Preset[] = [
  {
    name: 'coverage (all offices, all years)',
    run: () => coverageTable(coverage(db), style).rows.length,
  },
  {
    name: `coverage --district ${districtBn} --fy 2024-25`,
    run: () => {
      const offices = resolveDistrictOffices(listOffices(db), districtBn);
      return coverageTable(coverage(db, { officeKeys: offices.map((o) => o.key), fiscalYears: parseFiscalYears('2024-25') }), style).rows.length;
    },
  },
  {
    name: `indicator 4.1.2 --district ${districtBn} --fy 2022-23..2024-25`,
    run: () => {
      const offices = resolveDistrictOffices(listOffices(db), districtBn);
      const rows = indicatorRows(db, { code: '4.1.2' }, { officeKeys: offices.map((o) => o.key), fiscalYears: parseFiscalYears('2022-23..2024-25'), fields: INDICATOR_QUERY_FIELDS });
      return indicatorTable(rows, links, style, 'x').rows.length;
    },
  },
  {
    name: `indicator 4.1.2 --office ${upazilaEn} (all years)`,
    run: () => {
      const offices = resolveOffices(listOffices(db), upazilaEn);
      return indicatorTable(indicatorRows(db, { code: '4.1.2' }, { officeKeys: offices.map((o) => o.key), fields: INDICATOR_QUERY_FIELDS }), links, style, 'x').rows.length;
    },
  },
  {
    name: `indicator efile-notes --district ${districtBn} --fy 2022-23..2024-25`,
    run: () => {
      const offices = resolveDistrictOffices(listOffices(db), districtBn);
      const rows = indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members }, {
        officeKeys: offices.map((o) => o.key),
        fiscalYears: parseFiscalYears('2022-23..2024-25'),
        fields: INDICATOR_QUERY_FIELDS,
      });
      return indicatorTable(rows, links, style, 'x').rows.length;
    },
  },
  {
    name: `office ${upazilaEn} (all periods)`,
    run: () => {
      const offices = resolveOffices(listOffices(db), upazilaEn);
      return officeTable(officeRows(db, { officeKeys: offices.map((o) => o.key) }), offices, links, style).rows.length;
    },
  },
  {
    name: `flags --office ${upazilaEn} --fy 2024-25`,
    run: () => {
      const offices = resolveOffices(listOffices(db), upazilaEn);
      return flagsTable(flagRows(db, { officeKeys: offices.map((o) => o.key), fiscalYears: ['2024-25'] }), style).rows.length;
    },
  },
  {
    name: `flags --district ${districtBn}`,
    run: () => {
      const offices = resolveDistrictOffices(listOffices(db), districtBn);
      return flagsTable(flagRows(db, { officeKeys: offices.map((o) => o.key) }), style).rows.length;
    },
  },
  {
    name: 'sql: 2024-25 reports and open flags per district',
    run: () =>
      sqlTable(
        runSelect(
          db,
          "SELECT s.district, COUNT(*) AS reports, SUM(f.open_flags) AS open_flags FROM v_submissions s JOIN v_submission_flags f USING (submission_id) WHERE s.fiscal_year = '2024-25' GROUP BY s.district",
        ),
      ).rows.length,
  },
  {
    name: 'bulk: indicator efile-notes (every office, 3 years)',
    bulk: true,
    run: () => indicatorTable(indicatorRows(db, { members: catalogueEntryById('efile-notes')!.members }, { fields: INDICATOR_QUERY_FIELDS }), links, style, 'x').rows.length,
  },
  {
    name: 'bulk: indicator 4.1.2 (every office, 12 years)',
    bulk: true,
    run: () => indicatorTable(indicatorRows(db, { code: '4.1.2' }, { fields: INDICATOR_QUERY_FIELDS }), links, style, 'x').rows.length,
  },
  {
    name: 'bulk: flags (every open flag)',
    bulk: true,
    run: () => flagsTable(flagRows(db), style).rows.length,
  },
  {
    name: 'bulk: sql mean 4.1.2 total per fiscal year (v_indicator_values)',
    bulk: true,
    run: () =>
      sqlTable(runSelect(db, "SELECT fiscal_year, COUNT(*) AS n, ROUND(AVG(total), 2) AS mean_total FROM v_indicator_values WHERE indicator_code = '4.1.2' GROUP BY fiscal_year"))
        .rows.length,
  },
];

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

process.stdout.write(`${file}: ${n.toLocaleString('en')} indicator records; ${runs} runs per preset after one warm-up\n\n`);
const results: { name: string; bulk: boolean; rows: number; p50: number; p95: number; max: number }[] = [];
for (const p of presets) {
  const rows = p.run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    p.run();
    times.push(performance.now() - t);
  }
  const r = { name: p.name, bulk: p.bulk === true, rows, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) };
  results.push(r);
  process.stdout.write(
    `${r.name.padEnd(66)} ${String(r.rows).padStart(6)} rows  p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  ${r.bulk ? '(bulk)' : r.p50 < BUDGET_MS ? 'ok' : `OVER ${BUDGET_MS} ms`}\n`,
  );
}
db.close();
const json = arg('--json');
if (json) fs.writeFileSync(json, JSON.stringify({ file, records: n, runs, results }, null, 1));
process.stdout.write(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores\n`);
process.exitCode = results.every((r) => r.bulk || r.p50 < BUDGET_MS) ? 0 : 1;
